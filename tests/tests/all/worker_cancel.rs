//! worker-cancel: a worker ticking every second, cancelled after 3.5 s;
//! its Drop guard cleans up, as a Python `finally:` does.

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, offsets, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("worker-cancel"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = same_output("worker-cancel", &[]);
    // One message per whole second before 3.5 s, then the cancellation at
    // 3.5 s: the cleanup runs as the cancelled worker unwinds (the Drop
    // guard, the `finally:`), before the awaited task reports it.
    let expected = [
        (0.0, "Starting worker..."),
        (1.0, "Message from worker"),
        (2.0, "Message from worker"),
        (3.0, "Message from worker"),
        (3.5, "Worker cleaning up"),
        (3.5, "The task has been canceled"),
    ];
    let got = offsets(&pair.rust);
    let got: Vec<(f64, &str)> =
        got.iter().map(|(t, s)| (*t, s.as_str())).collect();
    assert_eq!(got, expected, "{}", pair.rust);
}

#[test]
fn timeline_ends_the_worker_where_main_cancels_it() {
    let args = ["--virtual-time", "--timeline"];
    let run = run("worker-cancel", &args).success();
    let out = &run.stdout;
    let lines: Vec<&str> = out.lines().collect();
    let rows: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("worker "))
        .collect();
    assert_eq!(rows.len(), 1, "{out}");
    let row = rows[0].trim_end();
    // The axis's labels, each starting at the column of its tick.
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("+-"))
        .expect("an axis");
    let labels = lines[at + 1];
    let column = |label: &str| {
        let mut found = labels.match_indices(label).map(|(i, _)| i);
        found
            .find(|&i| labels[i + label.len()..].starts_with([' ', 's']))
            .unwrap_or_else(|| panic!("no label {label}:\n{out}"))
    };
    // The worker runs at its start and at each whole second, and sleeps
    // between.
    for tick in ["0.0", "1.0", "2.0", "3.0"] {
        assert_eq!(row.as_bytes()[column(tick)], b'#', "{tick}:\n{out}");
    }
    assert_eq!(row.as_bytes()[column("2.5")], b'-', "{out}");
    // Its row ends at 3.5 s, half way through its fourth sleep: the
    // abort drops it there, not at its next tick. The axis would reach
    // 4.0 s had it run on.
    assert_eq!(row.len() - 1, column("3.5"), "{out}");
    assert!(labels.trim_end().ends_with("3.5s"), "{out}");
    // And 3.5 s is where `main` reports the cancellation.
    let got = offsets(out);
    let (cancel, _) = got
        .iter()
        .find(|(_, t)| t == "The task has been canceled")
        .expect("the cancellation's line");
    assert_eq!(*cancel, 3.5, "{out}");
}

#[test]
fn real_time_cancels_after_three_and_a_half_seconds() {
    let run = run("worker-cancel", &[]).success();
    let got = offsets(&run.stdout);
    let messages = got
        .iter()
        .filter(|(_, t)| t == "Message from worker")
        .count();
    assert_eq!(messages, 3, "{}", run.stdout);
    let (end, _) = got.last().expect("a last line");
    // A sleep never ends early, so the whole run takes 3.5 s at least:
    // that is the exact lower bound. The offsets count from the worker's
    // first line, printed a moment after `main` began its 3.5 s sleep, so
    // the last line may come a hair under 3.5 s after it (3.4997 s was
    // seen). A cancellation that waited for the worker's next tick would
    // end at 4 s; the upper bound sits halfway.
    assert!(run.wall >= Duration::from_millis(3500), "{:?}", run.wall);
    assert!((3.4..3.75).contains(end), "{got:?}");
}

#[test]
fn real_time_ctrl_c_still_runs_the_cleanup() {
    let mut running = tests::start("worker-cancel", &[]);
    let limit = Duration::from_secs(30);
    running.wait_for(limit, |out, _| out.contains("Message from worker"));
    let (run, took) = running.interrupt();
    assert_eq!(run.code, Some(130), "{}", run.stderr);
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_eq!(run.stderr, "worker-cancel: interrupted\n");
    // Ctrl-C drops `main` and then the worker's task, and with it the
    // guard: the cleanup is the last line, and main never reports.
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(last.ends_with(" Worker cleaning up"), "{}", run.stdout);
    assert!(!run.stdout.contains("canceled"), "{}", run.stdout);
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("worker-cancel", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // The cooperative variant is gone: cancellation is the article's.
    let value = run("worker-cancel", &["--cooperative"]).usage_error();
    assert!(value.stderr.contains("--cooperative"), "{}", value.stderr);
    run("worker-cancel", &["--seed", "1"]).usage_error();
    let version = run("worker-cancel", &["--version"]).success();
    let out = &version.stdout;
    assert!(out.starts_with("worker-cancel "), "{out}");
}
