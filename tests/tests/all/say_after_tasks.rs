//! say-after-tasks: the same two coroutines as tasks overlap: 2 s, not 3 s.

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, offsets, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("say-after-tasks"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = same_output("say-after-tasks", &[]);
    // Both tasks start sleeping at 0 s: Hello! at 1 s, Hi! at 2 s, and
    // main is done as soon as the longer task is.
    let expected = [
        (0.0, "\"Hello!\" scheduled for execution"),
        (0.0, "\"Hi!\" scheduled for execution"),
        (1.0, "Hello!"),
        (2.0, "Hi!"),
        (2.0, "Done."),
    ];
    let got = offsets(&pair.rust);
    let got: Vec<(f64, &str)> =
        got.iter().map(|(t, s)| (*t, s.as_str())).collect();
    assert_eq!(got, expected, "{}", pair.rust);
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
    let start = |row: &str| row.find('#').expect("a start on the row");
    let end = |row: &str| row.rfind('#').expect("an end on the row");
    // Both sleeps start together at zero; the 1 s one ends halfway along
    // the 2 s one.
    let (hello, hi) = (rows[0], rows[1]);
    assert_eq!(start(hello), start(hi), "{}", run.stdout);
    let (first, second) = (end(hello) - start(hello), end(hi) - start(hi));
    assert!(second.abs_diff(2 * first) <= 1, "{}", run.stdout);
}

#[test]
fn real_time_ctrl_c_stops_it_during_the_sleeps() {
    let mut running = tests::start("say-after-tasks", &[]);
    let limit = Duration::from_secs(30);
    running.wait_for(limit, |out, _| out.contains("\"Hi!\" scheduled"));
    // Nothing to clean up, so no handler: Ctrl-C's default action ends
    // the program at once, killed by the signal, with nothing to say.
    assert!(!running.catches_sigint(), "a SIGINT handler");
    let (run, took) = running.interrupt();
    assert_eq!(run.code, None, "not killed by SIGINT: {}", run.stderr);
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_eq!(run.stderr, "");
    assert!(!run.stdout.contains("Done."), "{}", run.stdout);
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("say-after-tasks", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // It draws no random numbers, so it takes no seed.
    run("say-after-tasks", &["--seed", "1"]).usage_error();
    let version = run("say-after-tasks", &["--version"]).success();
    let out = &version.stdout;
    assert!(out.starts_with("say-after-tasks "), "{out}");
}
