//! say-after: two coroutines awaited in turn; their sleeps add up to 3 s.

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, offsets, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("say-after"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = same_output("say-after", &[]);
    // The 1 s sleep ends before the 2 s sleep starts: Hello! at 1 s, the
    // second call scheduled then, Hi! and Done. at 1 + 2 = 3 s.
    let expected = [
        (0.0, "\"Hello!\" scheduled for execution"),
        (1.0, "Hello!"),
        (1.0, "\"Hi!\" scheduled for execution"),
        (3.0, "Hi!"),
        (3.0, "Done."),
    ];
    let got = offsets(&pair.rust);
    let got: Vec<(f64, &str)> =
        got.iter().map(|(t, s)| (*t, s.as_str())).collect();
    assert_eq!(got, expected, "{}", pair.rust);
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
    let rows: Vec<&str> =
        run.stdout.lines().filter(|l| l.starts_with('"')).collect();
    assert_eq!(rows.len(), 2, "{}", run.stdout);
    let start = |row: &str| row.find('#').expect("a start on the row");
    let end = |row: &str| row.rfind('#').expect("an end on the row");
    // The second call starts where the first ends, a third of the axis
    // (1 s of 3 s) to the right, and sleeps twice as long.
    let (hello, hi) = (rows[0], rows[1]);
    assert_eq!(end(hello), start(hi), "{}", run.stdout);
    let first = end(hello) - start(hello);
    let second = end(hi) - start(hi);
    assert!(second.abs_diff(2 * first) <= 1, "{}", run.stdout);
}

#[test]
fn real_time_ctrl_c_stops_it_during_a_sleep() {
    let mut running = tests::start("say-after", &[]);
    let limit = Duration::from_secs(30);
    running.wait_for(limit, |out, _| out.contains("scheduled"));
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
    let bogus = run("say-after", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    let extra = run("say-after", &["3"]).usage_error();
    assert!(extra.stderr.contains("'3'"), "{}", extra.stderr);
    // It draws no random numbers, so it takes no seed.
    run("say-after", &["--seed", "1"]).usage_error();
    let version = run("say-after", &["--version"]).success();
    assert!(
        version.stdout.starts_with("say-after "),
        "{}",
        version.stdout
    );
}
