//! asyncgen: a stream of powers of two, collected whole and filtered.

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, reported_seconds, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("asyncgen"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = same_output("asyncgen", &[]);
    let lines: Vec<&str> = pair.rust.lines().collect();
    // The lists computed here from the article's definitions: `2 ** i`
    // for i < 10, and those with `not (j // 3 % 5)`.
    let g: Vec<u64> = (0..10).map(|i| 1 << i).collect();
    let f: Vec<u64> = g.iter().copied().filter(|j| j / 3 % 5 == 0).collect();
    assert_eq!(lines[0], format!("g = {g:?}"));
    assert_eq!(lines[1], format!("f = {f:?}"));
    // Two passes of ten 0.1 s sleeps, one after the other.
    assert_eq!(lines[2], "asyncgen executed in 2.00 seconds.");
    assert_eq!(lines.len(), 3);
}

#[test]
fn real_time_iterates_one_item_at_a_time() {
    let run = run("asyncgen", &[]).success();
    let reported = reported_seconds(&run.stdout);
    // Sleeps never end early: at least 2 s. Had the stream fetched items
    // concurrently it would take 0.2 s; the upper bound only allows for a
    // loaded machine, half a pass (0.5 s) over.
    assert!((2.0..2.5).contains(&reported), "reported {reported}");
    assert!(run.wall >= Duration::from_secs(2), "{:?}", run.wall);
    assert!(run.wall < Duration::from_millis(2500), "{:?}", run.wall);
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("asyncgen", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // One loop in one task draws no picture worth a flag; nothing is
    // random.
    run("asyncgen", &["--timeline"]).usage_error();
    run("asyncgen", &["--seed", "1"]).usage_error();
    let version = run("asyncgen", &["--version"]).success();
    assert!(
        version.stdout.starts_with("asyncgen "),
        "{}",
        version.stdout
    );
}
