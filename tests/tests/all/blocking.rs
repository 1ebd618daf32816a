//! blocking: a blocking sleep serialises gathered jobs; async sleep and
//! spawn_blocking do not. Real time only: no clock skips a blocked thread.

use std::time::Duration;
use tests::twin::same_output_real_time;
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
fn real_time_prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("blocking"), 1);
}

#[test]
fn real_time_prints_what_its_python_twin_prints() {
    // The twin runs on the virtual clock, where its `time.sleep` moves the
    // clock as a blocked thread would: the same three lines, to within a
    // real clock's jitter.
    let pair = same_output_real_time("blocking", &[]);
    let lines: Vec<&str> = pair.rust.lines().collect();
    assert_eq!(lines.len(), 3, "{}", pair.rust);
    assert!(lines[0].starts_with("Blocking sleeps in coroutines:"));
    assert!(lines[1].starts_with("Async sleeps:"));
    assert!(lines[2].starts_with("Blocking sleeps on worker threads:"));
}

#[test]
fn real_time_blocking_serialises_the_jobs() {
    let run = run("blocking", &[]).success();
    let t = times(&run.stdout);
    assert_eq!(t.len(), 3, "{}", run.stdout);
    // A sleep never ends early, so the lower bounds are exact. Blocking:
    // 3 s at least; a whole extra second would mean a fourth job. The
    // other two: 1 s, where serialised would be 3 s; their upper bounds
    // are halfway.
    assert!((3.0..4.0).contains(&t[0]), "blocking: {}", t[0]);
    assert!((1.0..2.0).contains(&t[1]), "async sleep: {}", t[1]);
    assert!((1.0..2.0).contains(&t[2]), "spawn_blocking: {}", t[2]);
    assert!(run.wall >= Duration::from_secs(5), "{:?}", run.wall);
}

#[test]
fn real_time_timeline_shows_the_blocking_polls() {
    let run = run("blocking", &["--timeline"]).success();
    let out = &run.stdout;
    let row = |label: &str| -> String {
        let line = out
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no {label} row in\n{out}"));
        line["blocking 1  ".len()..].to_string()
    };
    // Where each row's `=` (a poll that held the thread) starts and ends.
    let blocked = |bar: &str| (bar.find('='), bar.rfind('='));
    let mut previous_end = 0;
    for i in 1..=3 {
        let bar = row(&format!("blocking {i}"));
        let (Some(first), Some(last)) = blocked(&bar) else {
            panic!("blocking {i} never blocked:\n{out}");
        };
        // A staircase: each job blocks after the one before it.
        assert!(first + 2 >= previous_end, "{out}");
        previous_end = last;
    }
    // The async sleeps and the worker threads never hold the runtime's
    // thread: they wait with it free, side by side, after the blocking.
    for label in ["async", "worker"] {
        let bars: Vec<String> =
            (1..=3).map(|i| row(&format!("{label} {i}"))).collect();
        for bar in &bars {
            assert!(!bar.contains('='), "{label}:\n{out}");
            assert!(bar.contains("#-"), "{label}:\n{out}");
            assert!(bar.find('#').unwrap() + 2 >= previous_end, "{out}");
        }
        assert!(bars.windows(2).all(|w| w[0] == w[1]), "{label}:\n{out}");
    }
    assert!(out.contains("= blocking the thread"), "{out}");
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("blocking", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // No clock can skip a blocked thread, so there is no virtual time.
    run("blocking", &["--virtual-time"]).usage_error();
    run("blocking", &["--seed", "1"]).usage_error();
    let version = run("blocking", &["--version"]).success();
    assert!(
        version.stdout.starts_with("blocking "),
        "{}",
        version.stdout
    );
}
