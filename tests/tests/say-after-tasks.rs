//! say-after-tasks: the same two coroutines as tasks overlap: 2 s, not 3 s.

use std::time::Duration;
use tests::{check_header_transcripts, offsets, run};

#[test]
fn prints_what_its_header_shows() {
    // The plain run and the `--timeline` picture.
    assert_eq!(check_header_transcripts("say-after-tasks"), 2);
}

#[test]
fn virtual_time_gaps_are_exact() {
    let run = run("say-after-tasks", &["--virtual-time"]).success();
    // Both tasks start sleeping at 0 s: Hello! at 1 s, Hi! at 2 s, and
    // main is done as soon as the longer task is.
    let expected = [
        (0.0, "\"Hello!\" scheduled for execution"),
        (0.0, "\"Hi!\" scheduled for execution"),
        (1.0, "Hello!"),
        (2.0, "Hi!"),
        (2.0, "Done."),
    ];
    let got = offsets(&run.stdout);
    let got: Vec<(f64, &str)> =
        got.iter().map(|(t, s)| (*t, s.as_str())).collect();
    assert_eq!(got, expected, "{}", run.stdout);
}

#[test]
fn real_time_takes_two_seconds_not_three() {
    let run = run("say-after-tasks", &[]).success();
    let got = offsets(&run.stdout);
    assert_eq!(got.len(), 5, "{}", run.stdout);
    // Lower bounds are exact (a sleep never ends early). The upper bounds
    // sit halfway to the wrong answer: awaited in turn, Hi! would come at
    // 3 s.
    assert!((1.0..1.5).contains(&got[2].0), "{got:?}");
    assert!((2.0..2.5).contains(&got[3].0), "{got:?}");
    assert!((2.0..2.5).contains(&got[4].0), "{got:?}");
    assert!(run.wall >= Duration::from_secs(2), "{:?}", run.wall);
    assert!(run.wall < Duration::from_millis(2500), "{:?}", run.wall);
}

#[test]
fn timeline_sleeps_overlap() {
    let run =
        run("say-after-tasks", &["--virtual-time", "--timeline"]).success();
    let rows: Vec<&str> =
        run.stdout.lines().filter(|l| l.starts_with('"')).collect();
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    let starts: Vec<usize> = rows
        .iter()
        .map(|l| l.find('-').expect("a sleep on the row"))
        .collect();
    // Both sleeps start together; the shorter one ends first.
    assert_eq!(starts[0], starts[1], "{}", run.stdout);
    assert!(rows[0].len() < rows[1].len(), "{}", run.stdout);
}

#[test]
fn bad_input_is_a_usage_error() {
    let bogus = run("say-after-tasks", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
}
