//! workers: A (2 s) and B (1 s) run concurrently: B finishes first, and
//! the whole takes 2 s, not 3 s; gathered, the results keep their order.

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, run};

const LINES: [&str; 4] = [
    "A started",
    "B started",
    "B finished after 1s",
    "A finished after 2s",
];

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("workers"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    // The sleeps end at distinct instants (1 s, 2 s), so every line's
    // place is defined, and the whole output is compared.
    let tasks = same_output("workers", &[]);
    assert_eq!(tasks.rust.lines().collect::<Vec<_>>(), LINES);
    let gather = same_output("workers", &["--gather"]);
    let lines: Vec<&str> = gather.rust.lines().collect();
    assert_eq!(lines[..4], LINES);
    // Argument order, though B finished first.
    assert_eq!(lines[4..], ["['A', 'B']"]);
}

/// The two rows of a `--timeline` picture, checked for both ways of
/// running the workers: each starts at zero, and B's bar (1 s) is half
/// as long as A's (2 s).
fn check_picture(args: &[&str]) {
    let run = run("workers", args).success();
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("worker "))
        .collect();
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    assert!(rows[0].starts_with("worker A") && rows[1].starts_with("worker B"));
    let bar = |row: &str| row["worker A  ".len()..].trim_end().to_string();
    for row in &rows {
        let bar = bar(row);
        assert!(bar.starts_with("#-") && bar.ends_with("-#"), "{row}");
    }
    let (a, b) = (bar(rows[0]).len(), bar(rows[1]).len());
    assert!((b * 2).abs_diff(a) <= 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("- waiting (thread free)"),
        "{}",
        run.stdout
    );
}

#[test]
fn timeline_rows_overlap_and_end_after_their_delays() {
    check_picture(&["--virtual-time", "--timeline"]);
    check_picture(&["--virtual-time", "--timeline", "--gather"]);
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
fn offers_only_the_flags_it_honours() {
    let bogus = run("workers", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // `--gather` is a switch: it takes no value.
    let valued = run("workers", &["--gather", "now"]).usage_error();
    assert!(valued.stderr.contains("now"), "{}", valued.stderr);
    // It draws no random numbers, so it takes no seed.
    run("workers", &["--seed", "1"]).usage_error();
    let version = run("workers", &["--version"]).success();
    assert!(version.stdout.starts_with("workers "), "{}", version.stdout);
}
