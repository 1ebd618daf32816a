//! three-coroutines: tasks of 4, 2 and 3 s complete in the order 2, 3, 1,
//! after 4 s in all, not 9 s.

use std::time::Duration;
use tests::{check_header_transcripts, normalize, run};

#[test]
fn prints_what_its_header_shows() {
    // The plain run and the `--timeline` picture.
    assert_eq!(check_header_transcripts("three-coroutines"), 2);
}

#[test]
fn virtual_time_order_and_gaps_are_exact() {
    let run = run("three-coroutines", &["--virtual-time"]).success();
    // All three start at 0 s, in the order spawned; each completes after
    // its own sleep (4, 2, 3 s), so 2 comes first and 1 last, at 4 s.
    let expected = "Program Started -> T+0\n\
        T+0 -> Coroutine 1 Started...\n\
        T+0 -> Coroutine 2 Started...\n\
        T+0 -> Coroutine 3 Started...\n\
        T+2 -> Coroutine 2 Completed...\n\
        T+3 -> Coroutine 3 Completed...\n\
        T+4 -> Coroutine 1 Completed...\n\
        Program Completed -> T+4\n";
    assert_eq!(normalize(&run.stdout), expected);
}

#[test]
fn real_time_takes_four_seconds_not_nine() {
    let run = run("three-coroutines", &[]).success();
    let completed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.ends_with("Completed..."))
        .map(|l| &l[l.len() - "1 Completed...".len()..][..1])
        .collect();
    assert_eq!(completed, ["2", "3", "1"], "{}", run.stdout);
    // The longest sleep bounds it below, exactly; run one after another
    // they would take 9 s, and the upper bound sits halfway.
    assert!(run.wall >= Duration::from_secs(4), "{:?}", run.wall);
    assert!(run.wall < Duration::from_millis(6500), "{:?}", run.wall);
}

#[test]
fn bad_input_is_a_usage_error() {
    let bogus = run("three-coroutines", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
}
