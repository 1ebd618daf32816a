//! workers: A (2 s) and B (1 s) run concurrently: B finishes first, and
//! the whole takes 2 s, not 3 s; gathered, the results keep their order.

use std::time::Duration;
use tests::{check_header_transcripts, run};

const LINES: [&str; 4] = [
    "A started",
    "B started",
    "B finished after 1s",
    "A finished after 2s",
];

#[test]
fn prints_what_its_header_shows() {
    // Tasks, gather, and the `--timeline` picture.
    assert_eq!(check_header_transcripts("workers"), 3);
}

#[test]
fn tasks_and_gather_print_the_articles_lines() {
    let tasks = run("workers", &["--virtual-time"]).success();
    assert_eq!(tasks.stdout.lines().collect::<Vec<_>>(), LINES);
    let gather = run("workers", &["--virtual-time", "--gather"]).success();
    let lines: Vec<&str> = gather.stdout.lines().collect();
    assert_eq!(lines[..4], LINES);
    // Argument order, though B finished first.
    assert_eq!(lines[4..], ["['A', 'B']"]);
}

#[test]
fn timeline_rows_end_after_their_delays() {
    let run = run("workers", &["--virtual-time", "--timeline"]).success();
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("worker "))
        .collect();
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    // Both start at zero; B's bar (1 s) is half as long as A's (2 s).
    let span = |row: &str| {
        let bar = &row["worker A  ".len()..];
        bar.trim_end().len()
    };
    assert!(rows
        .iter()
        .all(|r| r["worker A  ".len()..].starts_with('#')));
    let (a, b) = (span(rows[0]), span(rows[1]));
    assert!((b * 2).abs_diff(a) <= 2, "{}", run.stdout);
}

#[test]
fn real_time_takes_two_seconds_not_three() {
    for args in [&[][..], &["--gather"][..]] {
        let run = run("workers", args).success();
        assert_eq!(run.stdout.lines().take(4).collect::<Vec<_>>(), LINES);
        // The longer sleep bounds it below, exactly; one after the other
        // the workers would take 3 s, and the upper bound sits halfway.
        assert!(run.wall >= Duration::from_secs(2), "{:?}", run.wall);
        assert!(run.wall < Duration::from_millis(2500), "{:?}", run.wall);
    }
}

#[test]
fn bad_input_is_a_usage_error() {
    let bogus = run("workers", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
}
