//! blocking: a blocking sleep serialises gathered jobs; async sleep and
//! spawn_blocking do not.

use std::time::Duration;
use tests::{check_header_transcripts, run};

/// The three reported times, in the order printed.
fn times(stdout: &str) -> Vec<f64> {
    stdout
        .lines()
        .filter_map(|l| l.strip_suffix(" seconds."))
        .map(|l| {
            l.rsplit(' ')
                .next()
                .expect("a word")
                .parse()
                .expect("a number")
        })
        .collect()
}

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("blocking"), 1);
}

#[test]
fn virtual_time_is_exact_and_honest() {
    let run = run("blocking", &["--virtual-time"]).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(lines[0].starts_with("thread::sleep in async fns:"));
    assert!(lines[1].starts_with("tokio::time::sleep:"));
    assert!(lines[2].starts_with("thread::sleep in spawn_blocking:"));
    // Three 1 s waits: one after the other on the runtime thread, then
    // overlapping on the timer, then overlapping on three threads.
    assert_eq!(times(&run.stdout), [3.0, 1.0, 1.0]);
}

#[test]
fn virtual_time_skips_the_waits_in_real_time() {
    let run = run("blocking", &["--virtual-time"]).success();
    // Virtual time skips the waits rather than sleeping them: slept, the
    // three ways would take 5 s.
    assert!(run.wall < Duration::from_secs(3), "{:?}", run.wall);
}

#[test]
fn real_time_blocking_serialises_the_jobs() {
    let run = run("blocking", &[]).success();
    let t = times(&run.stdout);
    assert_eq!(t.len(), 3, "{}", run.stdout);
    // Blocking: 3 s at least, exactly as it should; overlapping would
    // be 1 s. The other two: 1 s, where serialised would be 3 s; their
    // upper bounds are halfway.
    assert!(t[0] >= 3.0 && t[0] < 4.0, "blocking: {}", t[0]);
    assert!((1.0..2.0).contains(&t[1]), "async sleep: {}", t[1]);
    assert!((1.0..2.0).contains(&t[2]), "spawn_blocking: {}", t[2]);
    assert!(run.wall >= Duration::from_secs(5), "{:?}", run.wall);
}

#[test]
fn bad_input_is_a_usage_error() {
    let bogus = run("blocking", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
}
