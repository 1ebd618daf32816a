//! threads-vs-tasks: many sleeping tasks are cheap; threads run out.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use tests::{run, run_with_limit};

/// The heavy runs take turns. The test harness runs tests side by side,
/// and a million tasks or sixteen thousand threads starting next to the
/// real-time test would eat into the margin its upper bound leaves for a
/// busy machine.
fn one_heavy_run_at_a_time() -> MutexGuard<'static, ()> {
    static HEAVY: Mutex<()> = Mutex::new(());
    HEAVY.lock().unwrap_or_else(|e| e.into_inner())
}

/// The table's row for `side`: n, seconds, peak memory text.
fn row<'a>(stdout: &'a str, side: &str) -> (u32, f64, &'a str) {
    let line = stdout
        .lines()
        .find(|l| l.starts_with(side))
        .unwrap_or_else(|| panic!("no {side} row in\n{stdout}"));
    let cells: Vec<&str> = line.split_whitespace().collect();
    let peak = line.rsplit(" s ").next().expect("a peak memory cell");
    (
        cells[1].parse().expect("a count"),
        cells[2].parse().expect("seconds"),
        peak.trim(),
    )
}

#[test]
fn virtual_time_tasks_take_exactly_one_second() {
    let run = run("threads-vs-tasks", &["--virtual-time", "--only", "tasks"])
        .success();
    let (n, secs, _) = row(&run.stdout, "tasks ");
    assert_eq!((n, secs), (10_000, 1.0), "{}", run.stdout);
    assert!(!run.stdout.contains("threads"), "{}", run.stdout);
}

#[test]
fn a_million_tasks_work() {
    let _turn = one_heavy_run_at_a_time();
    let args = ["--virtual-time", "--only", "tasks", "-n", "1000000"];
    let run =
        run_with_limit("threads-vs-tasks", &args, Duration::from_secs(120))
            .success();
    let (n, secs, peak) = row(&run.stdout, "tasks ");
    assert_eq!((n, secs), (1_000_000, 1.0), "{}", run.stdout);
    if cfg!(target_os = "linux") {
        // Peak memory is measured: a million tasks in under 2 GiB.
        let mib: f64 = peak.strip_suffix(" MiB").unwrap().parse().unwrap();
        assert!(mib > 1.0 && mib < 2048.0, "{peak}");
    }
}

#[test]
fn real_time_both_sides_overlap_their_sleeps() {
    let _turn = one_heavy_run_at_a_time();
    let run = run("threads-vs-tasks", &["-n", "1000"]).success();
    let (tasks_n, tasks_secs, _) = row(&run.stdout, "tasks ");
    let (threads_n, threads_secs, _) = row(&run.stdout, "threads ");
    assert_eq!((tasks_n, threads_n), (1000, 1000), "{}", run.stdout);
    // A sleep never ends early; a side whose sleeps did not overlap
    // would take 1000 s, so 1.5 s is very generous and still decisive.
    for secs in [tasks_secs, threads_secs] {
        assert!((1.0..1.5).contains(&secs), "{}", run.stdout);
    }
}

/// More threads than the kernel's limit on memory mappings allows (each
/// thread takes four; see the example): the program must stop short,
/// say how many were running, and end cleanly, not abort.
#[cfg(target_os = "linux")]
#[test]
fn running_out_of_threads_stops_cleanly() {
    let limit: u32 = std::fs::read_to_string("/proc/sys/vm/max_map_count")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let n = (limit / 4 + 1000).to_string();
    let _turn = one_heavy_run_at_a_time();
    let args = ["--only", "threads", "-n", &n];
    let run =
        run_with_limit("threads-vs-tasks", &args, Duration::from_secs(60))
            .success();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stdout.contains("were running."), "{}", run.stdout);
    let (started, _, _) = row(&run.stdout, "threads ");
    assert!(started < limit / 4, "{}", run.stdout);
    assert!(started > 1000, "{}", run.stdout);
}

#[test]
fn bad_input_is_a_usage_error() {
    for args in [
        &["-n", "0"][..],
        &["-n", "-3"],
        &["-n", "x"],
        &["-n", "20000000"],
        &["--only", "fibers"],
    ] {
        let bad = run("threads-vs-tasks", args).usage_error();
        assert!(bad.stderr.contains(args[0]), "{args:?}: {}", bad.stderr);
    }
    let bad = run("threads-vs-tasks", &["-n", "-3"]).usage_error();
    assert!(bad.stderr.contains("is not in 1..="), "{}", bad.stderr);
}
