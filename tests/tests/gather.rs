//! gather: one task awaited, then two gathered: 10 s, results in order.

use std::time::Duration;
use tests::{check_header_transcripts, run, run_with_limit};

/// Seconds since midnight of an `HH:MM:SS` after `prefix` on some line.
fn time_after(stdout: &str, prefix: &str) -> i64 {
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("no `{prefix}` line in\n{stdout}"));
    let hms: Vec<i64> = line[..8]
        .split(':')
        .map(|p| p.parse().expect("a number"))
        .collect();
    hms[0] * 3600 + hms[1] * 60 + hms[2]
}

#[test]
fn prints_what_its_header_shows() {
    // The plain run and the `--timeline` picture.
    assert_eq!(check_header_transcripts("gather"), 2);
}

#[test]
fn virtual_time_gathers_in_ten_seconds_in_argument_order() {
    let run = run("gather", &["--virtual-time"]).success();
    let out = &run.stdout;
    assert!(out.starts_with("t: type "), "{out}");
    assert!(out.contains("JoinHandle"), "{out}");
    assert!(out.contains("\nt done: True\n"), "{out}");
    // The longer task sleeps max([10, 5, 0]) = 10 s; the shorter one
    // overlaps it.
    let gap = (time_after(out, "End: ") - time_after(out, "Start: "))
        .rem_euclid(86_400);
    assert_eq!(gap, 10, "{out}");
    assert!(out.contains("\nBoth tasks done: True\n"), "{out}");
    // `list(reversed(seq))` of each, in argument order, not finish order.
    assert!(out.ends_with("\n[[1, 2, 3], [0, 5, 10]]\n"), "{out}");
}

#[test]
fn real_time_the_gathered_tasks_overlap() {
    let run = run_with_limit("gather", &[], Duration::from_secs(60)).success();
    // 3 s for the first task, then 10 s for the two together; had the
    // two run one after the other, 3 + 3 + 10 = 16 s. Bound halfway.
    assert!(run.wall >= Duration::from_secs(13), "{:?}", run.wall);
    assert!(run.wall < Duration::from_millis(14_500), "{:?}", run.wall);
}

#[test]
fn bad_input_is_a_usage_error() {
    let bogus = run("gather", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
}
