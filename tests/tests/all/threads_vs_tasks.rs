//! threads-vs-tasks: many sleeping tasks are cheap; threads run out.
//!
//! Every run here is real: the threads cannot sleep on a paused clock, and
//! the example has no `--virtual-time`. The sizes stay small, so that the
//! real-time tests cost a second or two each.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;
use tests::twin::compare;
use tests::{header_transcripts, run, run_with_limit};

/// The heavy runs take turns. The test harness runs tests side by side,
/// and sixteen thousand threads starting next to a real-time test would
/// eat into the margin its upper bound leaves for a busy machine.
fn one_heavy_run_at_a_time() -> MutexGuard<'static, ()> {
    static HEAVY: Mutex<()> = Mutex::new(());
    HEAVY.lock().unwrap_or_else(|e| e.into_inner())
}

/// The table's row for `side`: how many finished, seconds, peak memory.
fn row<'a>(stdout: &'a str, side: &str) -> (usize, f64, &'a str) {
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

/// The table's shape: which lines, which sides, how many of each. The
/// measured figures (time, peak memory) are masked: no two runs, let alone
/// two languages, take the same time or memory (a Python task is a few
/// times a Rust task's size), so only the shape can be compared.
fn shape(stdout: &str) -> String {
    let mut out = String::new();
    for line in stdout.lines() {
        let cells: Vec<&str> = line.split_whitespace().collect();
        if matches!(cells.first(), Some(&"tasks") | Some(&"threads")) {
            let unit = cells.last().copied().unwrap_or_default();
            let unit = if unit == "n/a" { "n/a" } else { "MiB" };
            out += &format!("{} {} TIME s MEMORY {unit}\n", cells[0], cells[1]);
        } else {
            out += &format!("{line}\n");
        }
    }
    out
}

#[test]
fn real_time_prints_what_its_header_shows_in_shape() {
    // The header's figures are one machine's; the lines, the sides and
    // the counts are what every run shares.
    let transcripts = header_transcripts("threads-vs-tasks");
    assert_eq!(transcripts.len(), 1);
    let t = &transcripts[0];
    let args: Vec<&str> = t.args.iter().map(String::as_str).collect();
    let _turn = one_heavy_run_at_a_time();
    let run = run("threads-vs-tasks", &args).success();
    assert_eq!(shape(&run.stdout), shape(&t.expected), "{}", run.stdout);
}

#[test]
fn real_time_prints_what_its_python_twin_prints_in_shape() {
    // Small sizes: the shape is the same at any size, and these runs
    // need not take turns with the heavy ones.
    for n in ["1", "100"] {
        let args = ["-n", n];
        let pair = compare("threads-vs-tasks", &args, &args, shape);
        assert_eq!(pair.rust.lines().count(), 3, "{}", pair.rust);
    }
}

#[test]
fn real_time_both_sides_overlap_their_sleeps() {
    // Two hundred: enough for the threads' stacks to show in the memory,
    // few enough to start quickly while other tests load the machine.
    let run = run("threads-vs-tasks", &["-n", "200"]).success();
    let (tasks_n, tasks_secs, tasks_peak) = row(&run.stdout, "tasks ");
    let (threads_n, threads_secs, threads_peak) = row(&run.stdout, "threads ");
    assert_eq!((tasks_n, threads_n), (200, 200), "{}", run.stdout);
    // A sleep never ends early, so 1 s is exact. A side that slept in two
    // rounds instead of all at once would take 2 s.
    for secs in [tasks_secs, threads_secs] {
        assert!((1.0..2.0).contains(&secs), "{}", run.stdout);
    }
    assert!(run.wall >= Duration::from_secs(2), "{:?}", run.wall);
    if cfg!(target_os = "linux") {
        // Two hundred threads take more memory than as many tasks: each
        // has a stack, where a task is a few hundred bytes.
        let mib = |peak: &str| -> f64 {
            peak.strip_suffix(" MiB").unwrap().parse().unwrap()
        };
        assert!(mib(threads_peak) > mib(tasks_peak), "{}", run.stdout);
    }
}

/// Each row's count is what the program counted as it awaited its tasks
/// and joined its threads, not `-n` read back: every sleeper started here
/// finishes, so both counts are `-n`.
#[test]
fn real_time_counts_every_task_and_thread_that_finished() {
    let n = 37;
    let run = run("threads-vs-tasks", &["-n", &n.to_string()]).success();
    let (tasks, _, _) = row(&run.stdout, "tasks ");
    let (threads, _, _) = row(&run.stdout, "threads ");
    assert_eq!((tasks, threads), (n, n), "{}", run.stdout);
}

/// More threads than the kernel's limit on memory mappings allows (each
/// thread takes four; see the example): the program must stop short,
/// say so, and end cleanly, not abort.
#[cfg(target_os = "linux")]
#[test]
fn real_time_running_out_of_threads_stops_cleanly() {
    let limit: usize = std::fs::read_to_string("/proc/sys/vm/max_map_count")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let n = (limit / 4 + 1000).to_string();
    let _turn = one_heavy_run_at_a_time();
    let args = ["-n", &n];
    let run =
        run_with_limit("threads-vs-tasks", &args, Duration::from_secs(60))
            .success();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.stdout.contains("fit under the kernel's limit"),
        "{}",
        run.stdout
    );
    let (started, _, _) = row(&run.stdout, "threads ");
    assert!(started < limit / 4, "{}", run.stdout);
    assert!(started > 1000, "{}", run.stdout);
    // The tasks, all of them, fit.
    let (tasks, _, _) = row(&run.stdout, "tasks ");
    assert_eq!(tasks.to_string(), n);
}

#[test]
fn bad_input_is_a_usage_error() {
    for args in [
        &["-n", "0"][..],
        &["-n", "-3"],
        &["-n", "x"],
        &["-n", "20000000"],
    ] {
        let bad = run("threads-vs-tasks", args).usage_error();
        assert!(bad.stderr.contains(args[0]), "{args:?}: {}", bad.stderr);
    }
    let bad = run("threads-vs-tasks", &["-n", "-3"]).usage_error();
    assert!(bad.stderr.contains("is not in 1..="), "{}", bad.stderr);
}

#[test]
fn offers_only_the_flags_it_honours() {
    // One side alone is a benchmark's need: `bench/tasks-bench` has it.
    run("threads-vs-tasks", &["--only", "tasks"]).usage_error();
    // The threads cannot sleep on a paused clock, so neither side does.
    run("threads-vs-tasks", &["--virtual-time"]).usage_error();
    run("threads-vs-tasks", &["--seed", "1"]).usage_error();
    let version = run("threads-vs-tasks", &["--version"]).success();
    let out = version.stdout;
    assert!(out.starts_with("threads-vs-tasks "), "{out}");
}
