//! countsync: three blocking one-second sleeps take three seconds.

use std::time::Duration;
use tests::{check_header_transcripts, reported_seconds, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("countsync"), 2);
}

#[test]
fn real_time_takes_three_seconds() {
    let run = run("countsync", &[]).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..6], ["One", "Two", "One", "Two", "One", "Two"]);
    let reported = reported_seconds(&run.stdout);
    assert!(reported >= 3.0, "reported {reported}");
    assert!(run.wall >= Duration::from_secs(3), "{:?}", run.wall);
}

#[test]
fn timeline_is_a_staircase() {
    let run = run("countsync", &["--virtual-time", "--timeline"]).success();
    let starts: Vec<usize> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("count "))
        .map(|l| l.find('#').expect("a running mark"))
        .collect();
    assert_eq!(starts.len(), 3, "{}", run.stdout);
    // Each count starts where the previous one ended, a third of the way on.
    assert!(starts[0] < starts[1] && starts[1] < starts[2], "{starts:?}");
    assert_eq!(starts[1] - starts[0], starts[2] - starts[1]);
}

#[test]
fn bad_input_is_a_usage_error() {
    run("countsync", &["--bogus"]).usage_error();
    run("countsync", &["--seed", "x"]).usage_error();
}
