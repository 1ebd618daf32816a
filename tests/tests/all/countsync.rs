//! countsync: three blocking one-second sleeps take three seconds.

use std::time::Duration;
use tests::twin::same_output_real_time;
use tests::{check_header_transcripts, reported_seconds, run};

#[test]
fn real_time_prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("countsync"), 1);
}

#[test]
fn real_time_prints_what_its_python_twin_prints() {
    let pair = same_output_real_time("countsync", &[]);
    let lines: Vec<&str> = pair.rust.lines().collect();
    assert_eq!(lines[..6], ["One", "Two", "One", "Two", "One", "Two"]);
}

#[test]
fn real_time_takes_three_seconds() {
    let run = run("countsync", &[]).success();
    let reported = reported_seconds(&run.stdout);
    // A sleep never ends early, so the lower bound is exact; a whole
    // extra second would mean a fourth count, so the upper bound is 4 s.
    assert!((3.0..4.0).contains(&reported), "reported {reported}");
    assert!(run.wall >= Duration::from_secs(3), "{:?}", run.wall);
}

#[test]
fn real_time_timeline_is_a_staircase() {
    let run = run("countsync", &["--timeline"]).success();
    let bars: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("count "))
        .collect();
    assert_eq!(bars.len(), 3, "{}", run.stdout);
    let span =
        |bar: &str| (bar.find('=').unwrap_or(0), bar.rfind('=').unwrap_or(0));
    let spans: Vec<(usize, usize)> = bars.iter().map(|b| span(b)).collect();
    // Each count blocks the thread, and starts where the previous ended.
    for pair in spans.windows(2) {
        assert!(
            pair[1].0 > pair[0].0 && pair[1].0 + 2 >= pair[0].1,
            "{spans:?}"
        );
    }
    assert!(
        run.stdout.contains("= blocking the thread"),
        "{}",
        run.stdout
    );
}

#[test]
fn offers_only_the_flags_it_honours() {
    run("countsync", &["--bogus"]).usage_error();
    // No clock can skip a blocked thread, so there is no virtual time.
    run("countsync", &["--virtual-time"]).usage_error();
    run("countsync", &["--version"]).success();
}
