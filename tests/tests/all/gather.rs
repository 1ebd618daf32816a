//! gather: one task awaited, then two gathered: 10 s, results in order.

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, normalize, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("gather"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = same_output("gather", &[]);
    // `normalize` turns each timestamp into seconds after the first one
    // (`Start:`). The longer task sleeps max([10, 5, 0]) = 10 s and the
    // shorter one overlaps it; the results are `list(reversed(seq))` of
    // each, in argument order, not finish order.
    assert_eq!(
        normalize(&pair.rust),
        "t done: True\n\
         Start: T+0\n\
         End: T+10\n\
         Both tasks done: True\n\
         [[1, 2, 3], [0, 5, 10]]\n"
    );
}

#[test]
fn real_time_the_gathered_tasks_overlap() {
    let run = run("gather", &[]).success();
    // 3 s for the first task, then 10 s for the two together; had the
    // two run one after the other, 3 + 3 + 10 = 16 s. Bound halfway.
    assert!(run.wall >= Duration::from_secs(13), "{:?}", run.wall);
    assert!(run.wall < Duration::from_millis(14_500), "{:?}", run.wall);
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("gather", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // The timestamps already show the overlap; nothing is random.
    run("gather", &["--timeline"]).usage_error();
    run("gather", &["--seed", "1"]).usage_error();
    let version = run("gather", &["--version"]).success();
    assert!(version.stdout.starts_with("gather "), "{}", version.stdout);
}
