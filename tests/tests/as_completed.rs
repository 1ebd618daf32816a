//! as-completed: results in completion order, the 3 s task first.

use std::time::Duration;
use tests::{check_header_transcripts, normalize, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("as-completed"), 1);
}

#[test]
fn virtual_time_results_come_as_they_complete() {
    let run = run("as-completed", &["--virtual-time"]).success();
    // `normalize` turns each timestamp into seconds after the first one
    // (`Start:`): the tasks sleep max([3, 2, 1]) = 3 s and
    // max([10, 5, 0]) = 10 s, and both started together.
    assert_eq!(
        normalize(&run.stdout),
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
fn bad_input_is_a_usage_error() {
    let bogus = run("as-completed", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
}
