//! Thousands of sleeping tasks are cheap; thousands of threads are not.
//!
//! "Creating thousands of threads will fail on many machines. Creating
//! thousands of async IO tasks is completely feasible." This starts `-n` tasks
//! that sleep 1 s, then `-n` threads that do, and prints how many finished,
//! their time and peak memory (Linux's `VmHWM`, `n/a` elsewhere): a task is a
//! few hundred bytes, a thread a kernel object with its own stack. Both take
//! 1 s plus the time to start their sleepers, threads slowly; and threads run
//! out: Linux allows 65530 mappings (`vm.max_map_count`), four each, so it
//! stops where they do. No `--virtual-time`: the costs are real.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough", "When
//! and Why Is Async IO the Right Choice?". Figures vary by machine:
//!
//! ```text
//! $ cargo run -p threads-vs-tasks
//! side              n        time   peak memory
//! tasks         10000      1.05 s       8.4 MiB
//! threads       10000      2.66 s      97.4 MiB
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `asyncio.create_task(asyncio.sleep(1))` | `spawn(sleep(SECOND))` |
//! | `threading.Thread(target=sleeper).start()` | `thread::Builder::spawn` |
//! | `RuntimeError: can't start new thread` | `Builder::spawn` returns `Err` |
//! | `asyncio.run(tasks(n))` | `Builder::new_current_thread()` .. |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |
//! | `f"{elapsed:0.2f}"` | `format!("{:.2}", elapsed.as_secs_f64())` |

use std::error::Error;
use std::sync::{Arc, RwLock};
use std::thread;
use std::time::Duration;

use clap::Parser;
use tokio::runtime::Builder;
use tokio::task::{spawn, JoinError};
use tokio::time::{sleep, Instant};

/// Starts N sleeping tasks, then N sleeping threads, and compares them.
#[derive(Parser, Debug)]
#[command(version, allow_negative_numbers = true)]
struct Cli {
    /// How many tasks, and how many threads (at most ten million).
    #[arg(short, default_value_t = 10_000, value_parser = 1..=10_000_000)]
    n: i64,
}

const SECOND: Duration = Duration::from_secs(1);

// step: memory
fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The peak resident memory since `reset_peak_memory` (`VmHWM`), or `n/a`.
fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").ok();
    let kib = status.and_then(|status| {
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse::<f64>().ok()
    });
    kib.map_or("n/a".into(), |kib| format!("{:.1} MiB", kib / 1024.0))
}

fn print_row(side: &str, n: usize, elapsed: Duration, peak: String) {
    let time = format!("{:.2} s", elapsed.as_secs_f64());
    println!("{side:<8} {n:>10} {time:>11} {peak:>13}");
}

// step: tasks
async fn tasks(n: i64) -> Result<usize, JoinError> {
    let sleepers: Vec<_> = (0..n).map(|_| spawn(sleep(SECOND))).collect();
    let mut finished = 0;
    for sleeper in sleepers {
        sleeper.await?;
        finished += 1;
    }
    Ok(finished)
}

// step: threads
fn sleeper(gate: &RwLock<()>) {
    drop(gate.read());
    thread::sleep(SECOND);
}

fn threads(n: i64) -> usize {
    // Each thread waits at a gate (a read lock) until all have started
    // and the gate opens (the write lock goes): so all n sleep at once.
    let gate = Arc::new(RwLock::new(()));
    let shut = gate.write().unwrap_or_else(|e| e.into_inner());
    let fit = threads_that_fit().min(n as usize);
    if fit < n as usize {
        println!("threads: only {fit} of {n} fit under the kernel's limit.");
    }
    let mut started = Vec::new();
    for i in 1..=fit {
        let gate = gate.clone();
        // Small stacks: what runs out is threads, not memory.
        let builder = thread::Builder::new().stack_size(1 << 16);
        match builder.spawn(move || sleeper(&gate)) {
            Ok(thread) => started.push(thread),
            Err(e) => {
                println!("threads: the system refused thread {i} of {n}: {e}");
                break;
            }
        }
    }
    drop(shut);
    // A thread that panicked has said so, and is not counted.
    started.into_iter().filter_map(|t| t.join().ok()).count()
}

/// How many threads fit under the limit on memory mappings, at four each
/// (stack, signal stack, a guard page each). Past it std aborts, making
/// the new thread's signal stack, instead of returning an error.
fn threads_that_fit() -> usize {
    let read = |path| std::fs::read_to_string(path).ok();
    let limit: Option<usize> =
        read("/proc/sys/vm/max_map_count").and_then(|l| l.trim().parse().ok());
    let in_use = read("/proc/self/maps").map(|maps| maps.lines().count());
    match (limit, in_use) {
        (Some(limit), Some(in_use)) => limit.saturating_sub(in_use + 256) / 4,
        _ => usize::MAX,
    }
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    common::end_quietly_on_closed_pipe(); // port-only
    let Cli { n } = Cli::parse();
    println!("side              n        time   peak memory");
    reset_peak_memory();
    let s = Instant::now();
    let runtime = Builder::new_current_thread().enable_all().build()?;
    let finished = runtime.block_on(tasks(n))?;
    drop(runtime); // and what it holds, before the threads start
    print_row("tasks", finished, s.elapsed(), peak_memory());
    let known = reset_peak_memory();
    let s = Instant::now();
    let finished = threads(n);
    let elapsed = s.elapsed();
    let peak = if known { peak_memory() } else { "n/a".into() };
    print_row("threads", finished, elapsed, peak);
    Ok(())
}
