//! as-completed: results in completion order, the 3 s task first.

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, normalize, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("as-completed"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = same_output("as-completed", &[]);
    // `normalize` turns each timestamp into seconds after the first one
    // (`Start:`): the tasks sleep max([3, 2, 1]) = 3 s and
    // max([10, 5, 0]) = 10 s, and both started together.
    assert_eq!(
        normalize(&pair.rust),
        "Start: T+0\n\
         res: [1, 2, 3] completed at T+3\n\
         res: [0, 5, 10] completed at T+10\n\
         End: T+10\n\
         Both tasks done: True\n"
    );
}

#[test]
fn real_time_takes_ten_seconds_not_thirteen() {
    let run = run("as-completed", &[]).success();
    // The tasks overlap: 10 s; one after the other they would take 13 s.
    assert!(run.wall >= Duration::from_secs(10), "{:?}", run.wall);
    assert!(run.wall < Duration::from_millis(11_500), "{:?}", run.wall);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[1].starts_with("res: [1, 2, 3]"), "{}", run.stdout);
    assert!(lines[2].starts_with("res: [0, 5, 10]"), "{}", run.stdout);
}

#[test]
fn timeline_the_short_task_ends_first() {
    // `t` ends when its result is taken, 3 s along; `t2` at the end.
    tests::check_t_and_t2_overlap("as-completed");
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("as-completed", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // Nothing is random.
    run("as-completed", &["--seed", "1"]).usage_error();
    let version = run("as-completed", &["--version"]).success();
    assert!(
        version.stdout.starts_with("as-completed "),
        "{}",
        version.stdout
    );
}
