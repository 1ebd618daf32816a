//! semaphore: no more than `limit` jobs at once, measured.

use std::time::Duration;
use tests::twin::{report_sweep, same_output, sweep_size, Configs};
use tests::{check_header_transcripts, reported_seconds, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("semaphore"), 1);
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

/// Compares one configuration with the twin, and checks what it must
/// print: every job is ready at once, so the semaphore is the only brake:
/// `min(jobs, limit)` run together, in ceil(jobs / limit) waves of 1 s.
fn check(jobs: u32, limit: u32) {
    let (j, l) = (jobs.to_string(), limit.to_string());
    let args = ["--jobs", &j, "--limit", &l];
    let pair = same_output("semaphore", &args);
    assert_eq!(highest(&pair.rust), jobs.min(limit), "{args:?}");
    let waves = jobs.div_ceil(limit);
    let reported = reported_seconds(&pair.rust);
    assert_eq!(reported, f64::from(waves), "{args:?}\n{}", pair.rust);
}

#[test]
fn prints_what_its_python_twin_prints() {
    // The notes' configuration: 50 jobs through `Semaphore(10)`.
    let pair = same_output("semaphore", &[]);
    let lines: Vec<&str> = pair.rust.lines().collect();
    assert_eq!(
        lines,
        [
            "50 jobs of 1 s, at most 10 at a time.",
            "Highest number of jobs running at once: 10",
            "All jobs done in 5.00 seconds.",
        ]
    );
    for (jobs, limit) in [(25, 10), (5, 10), (7, 1), (12, 4), (1, 1)] {
        check(jobs, limit);
    }
}

#[test]
fn sweep_against_the_twin() {
    let n = sweep_size(20, 50);
    let mut c = Configs::new(50);
    for _ in 0..n {
        let jobs = c.range(1, 120) as u32;
        let limit = c.range(1, 40) as u32;
        check(jobs, limit);
    }
    report_sweep("semaphore", n);
}

#[test]
fn real_time_two_waves() {
    let run = run("semaphore", &["--jobs", "20", "--limit", "10"]).success();
    assert_eq!(highest(&run.stdout), 10);
    // Two waves of 1 s: 2 s. Without the limit 1 s, with one wave more
    // 3 s; the upper bound is halfway to that.
    let reported = reported_seconds(&run.stdout);
    assert!((2.0..2.5).contains(&reported), "reported {reported}");
    assert!(run.wall >= Duration::from_secs(2), "{:?}", run.wall);
}

#[test]
fn timeline_shows_the_waves() {
    let args = [
        "--virtual-time",
        "--jobs",
        "6",
        "--limit",
        "2",
        "--timeline",
    ];
    let run = run("semaphore", &args).success();
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("job "))
        .collect();
    assert_eq!(rows.len(), 6, "{}", run.stdout);
    // Each job is polled when it starts, when it gets a permit (the first
    // wave at once) and when it ends: its last `#` is one wave later
    // than its permit. Jobs 2k-1 and 2k share a wave.
    let marks = |row: &str| -> Vec<usize> {
        row.match_indices('#').map(|(i, _)| i).collect()
    };
    let ends: Vec<usize> =
        rows.iter().map(|r| *marks(r).last().unwrap()).collect();
    for wave in 0..3 {
        assert_eq!(ends[2 * wave], ends[2 * wave + 1], "{}", run.stdout);
    }
    assert!(ends[0] < ends[2] && ends[2] < ends[4], "{}", run.stdout);
    // Between its polls a job leaves the thread free: waiting for a
    // permit (`.`), which the first wave never does, then sleeping (`-`).
    assert!(rows.iter().all(|r| !r.contains('=')), "{}", run.stdout);
    assert!(rows[..2].iter().all(|r| !r.contains('.')), "{}", run.stdout);
    for row in &rows[2..] {
        let bar = &row["job 1  ".len()..];
        assert!(bar.starts_with("#.") && bar.contains("#-"), "{row}");
        assert!(bar.rfind('.') < bar.find('-'), "{row}");
    }
    assert!(run.stdout.contains("3.0s"), "{}", run.stdout);
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

#[test]
fn offers_only_the_flags_it_honours() {
    // It draws no random numbers, so it takes no seed.
    run("semaphore", &["--seed", "1"]).usage_error();
    let version = run("semaphore", &["--version"]).success();
    assert!(
        version.stdout.starts_with("semaphore "),
        "{}",
        version.stdout
    );
}
