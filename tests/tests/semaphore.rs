//! semaphore: no more than `limit` jobs at once, measured.

use std::time::Duration;
use tests::{check_header_transcripts, reported_seconds, run};

#[test]
fn prints_what_its_header_shows() {
    // The default run and the `--timeline` picture of a small one.
    assert_eq!(check_header_transcripts("semaphore"), 2);
}

/// The highest concurrency the program measured.
fn highest(stdout: &str) -> u32 {
    let line = stdout
        .lines()
        .find_map(|l| {
            l.strip_prefix("Highest number of jobs running at once: ")
        })
        .unwrap_or_else(|| panic!("no highest count in\n{stdout}"));
    line.parse().expect("a count")
}

#[test]
fn virtual_time_waves_of_limit_jobs() {
    for (jobs, limit) in [(50u32, 10u32), (25, 10), (5, 10), (7, 1), (12, 4)] {
        let (j, l) = (jobs.to_string(), limit.to_string());
        let args = ["--virtual-time", "--jobs", &j, "--limit", &l];
        let run = run("semaphore", &args).success();
        // Every job is ready at once, so the semaphore is the only
        // brake: `min(jobs, limit)` run together, in ceil(jobs / limit)
        // waves of one second.
        assert_eq!(highest(&run.stdout), jobs.min(limit), "{args:?}");
        let waves = jobs.div_ceil(limit);
        assert_eq!(
            reported_seconds(&run.stdout),
            f64::from(waves),
            "{args:?}\n{}",
            run.stdout
        );
    }
}

#[test]
fn real_time_two_waves() {
    let run = run("semaphore", &["--jobs", "20", "--limit", "10"]).success();
    assert_eq!(highest(&run.stdout), 10);
    // Two waves of 1 s: 2 s. Without the limit 1 s, with one permit
    // fewer 3 s; the upper bound is halfway to that.
    let reported = reported_seconds(&run.stdout);
    assert!((2.0..2.5).contains(&reported), "reported {reported}");
    assert!(run.wall >= Duration::from_secs(2), "{:?}", run.wall);
}

#[test]
fn bad_input_is_a_usage_error() {
    for args in [
        ["--limit", "0"],
        ["--limit", "-1"],
        ["--jobs", "-5"],
        ["--jobs", "0"],
        ["--jobs", "x"],
        ["--jobs", "99999999999"],
    ] {
        let bad = run("semaphore", &args).usage_error();
        assert!(bad.stderr.contains(args[0]), "{args:?}: {}", bad.stderr);
    }
    // Zero or negative permits: said so, with the range that is allowed.
    for limit in ["0", "-1"] {
        let bad = run("semaphore", &["--limit", limit]).usage_error();
        assert!(bad.stderr.contains("is not in 1..="), "{}", bad.stderr);
    }
}
