//! say-after: two coroutines awaited in turn; their sleeps add up to 3 s.

use std::time::Duration;
use tests::{check_header_transcripts, offsets, run};

#[test]
fn prints_what_its_header_shows() {
    // The plain run and the `--timeline` picture.
    assert_eq!(check_header_transcripts("say-after"), 2);
}

#[test]
fn virtual_time_gaps_are_exact() {
    let run = run("say-after", &["--virtual-time"]).success();
    // The 1 s sleep ends before the 2 s sleep starts: Hello! at 1 s, the
    // second call scheduled then, Hi! and Done. at 1 + 2 = 3 s.
    let expected = [
        (0.0, "\"Hello!\" scheduled for execution"),
        (1.0, "Hello!"),
        (1.0, "\"Hi!\" scheduled for execution"),
        (3.0, "Hi!"),
        (3.0, "Done."),
    ];
    let got = offsets(&run.stdout);
    let got: Vec<(f64, &str)> =
        got.iter().map(|(t, s)| (*t, s.as_str())).collect();
    assert_eq!(got, expected, "{}", run.stdout);
}

#[test]
fn real_time_takes_three_seconds() {
    let run = run("say-after", &[]).success();
    let got = offsets(&run.stdout);
    assert_eq!(got.len(), 5, "{}", run.stdout);
    // Sleeps never end early, so every lower bound is exact: each line
    // comes at least its sleep after the line that started it.
    assert!(got[1].0 - got[0].0 >= 1.0, "{got:?}");
    assert!(got[3].0 - got[2].0 >= 2.0, "{got:?}");
    assert!(got[4].0 >= 3.0, "{got:?}");
    assert!(run.wall >= Duration::from_secs(3), "{:?}", run.wall);
    // Had the sleeps overlapped, as in say-after-tasks, Done. would come
    // at 2 s; no wrong answer lies above 3 s, so the upper bound is only
    // a generous guard against the program stalling.
    assert!(run.wall < Duration::from_secs(5), "{:?}", run.wall);
}

#[test]
fn timeline_is_a_staircase() {
    let run = run("say-after", &["--virtual-time", "--timeline"]).success();
    let starts: Vec<usize> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with('"'))
        .map(|l| l.find('-').expect("a sleep on the row"))
        .collect();
    // The second sleep starts where the first ends, a third of the axis
    // (1 s of 3 s) to the right.
    assert_eq!(starts.len(), 2, "{}", run.stdout);
    assert!(starts[1] > starts[0], "{}", run.stdout);
}

#[test]
fn bad_input_is_a_usage_error() {
    let bogus = run("say-after", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    let extra = run("say-after", &["3"]).usage_error();
    assert!(extra.stderr.contains("'3'"), "{}", extra.stderr);
}
