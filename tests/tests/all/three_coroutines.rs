//! three-coroutines: tasks of 4, 2 and 3 s complete in the order 2, 3, 1,
//! after 4 s in all, not 9 s.

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, normalize, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("three-coroutines"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = same_output("three-coroutines", &[]);
    // All three start at 0 s, in the order spawned; each completes after
    // its own sleep (4, 2, 3 s), so 2 comes first and 1 last, at 4 s.
    let expected = "Program Started -> T+0\n\
        T+0 -> Coroutine 1 Started...\n\
        T+0 -> Coroutine 2 Started...\n\
        T+0 -> Coroutine 3 Started...\n\
        T+2 -> Coroutine 2 Completed...\n\
        T+3 -> Coroutine 3 Completed...\n\
        T+4 -> Coroutine 1 Completed...\n\
        Program Completed -> T+4\n";
    assert_eq!(normalize(&pair.rust), expected);
}

#[test]
fn real_time_takes_four_seconds_not_nine() {
    let run = run("three-coroutines", &[]).success();
    let completed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.ends_with("Completed..."))
        .map(|l| &l[l.len() - "1 Completed...".len()..][..1])
        .collect();
    assert_eq!(completed, ["2", "3", "1"], "{}", run.stdout);
    // The longest sleep bounds it below, exactly; run one after another
    // they would take 9 s, and the upper bound sits halfway.
    assert!(run.wall >= Duration::from_secs(4), "{:?}", run.wall);
    assert!(run.wall < Duration::from_millis(6500), "{:?}", run.wall);
}

#[test]
fn timeline_shows_three_sleeps_from_zero() {
    let args = ["--virtual-time", "--timeline"];
    let run = run("three-coroutines", &args).success();
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("coroutine"))
        .collect();
    assert_eq!(rows.len(), 3, "{}", run.stdout);
    let start = |row: &str| row.find('#').expect("a start on the row");
    let end = |row: &str| row.rfind('#').expect("an end on the row");
    // All start together; their lengths are as 4 : 2 : 3, within a
    // column of rounding.
    assert!(rows.iter().all(|r| start(r) == start(rows[0])), "{rows:?}");
    let len: Vec<usize> = rows.iter().map(|r| end(r) - start(r)).collect();
    assert!(len[1].abs_diff(len[0] / 2) <= 1, "{rows:?}");
    assert!((len[2] * 4).abs_diff(len[0] * 3) <= 4, "{rows:?}");
}

#[test]
fn real_time_ctrl_c_stops_the_tasks() {
    let mut running = tests::start("three-coroutines", &[]);
    let limit = Duration::from_secs(30);
    running.wait_for(limit, |out, _| out.contains("Coroutine 3 Started"));
    // Nothing to clean up, so no handler: Ctrl-C's default action ends
    // the program at once, killed by the signal, with nothing to say.
    assert!(!running.catches_sigint(), "a SIGINT handler");
    let (run, took) = running.interrupt();
    assert_eq!(run.code, None, "not killed by SIGINT: {}", run.stderr);
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_eq!(run.stderr, "");
    let out = &run.stdout;
    assert!(!out.contains("Program Completed"), "{out}");
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("three-coroutines", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    run("three-coroutines", &["--seed", "1"]).usage_error();
    let version = run("three-coroutines", &["--version"]).success();
    let out = &version.stdout;
    assert!(out.starts_with("three-coroutines "), "{out}");
}
