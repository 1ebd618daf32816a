//! Thousands of sleeping tasks are cheap; thousands of threads are not.
//!
//! "Creating thousands of threads will fail on many machines. Creating
//! thousands of async IO tasks is completely feasible." This starts `-n`
//! tasks that each sleep 1 s (`tokio::time::sleep`), waits for them all,
//! then does the same with `-n` OS threads (`std::thread::sleep`), and
//! prints each side's time and peak memory. A task is a few hundred bytes
//! on the heap and a timer entry; a thread is a kernel object with a stack
//! and memory mappings of its own. The sleeps overlap, so each side
//! takes 1 s plus the time to start its sleepers; a million tasks fit in
//! under half a gigabyte, but threads run out much sooner. On Linux each thread costs
//! four memory mappings, and the kernel allows a process 65530
//! (`vm.max_map_count`), so about 16,000 threads can run at once; the
//! program stops short of that limit, says how many were running, waits
//! for those, and ends cleanly.
//!
//! From `004_889b89e9c64afa5a.txt`, "When and Why Is Async IO the Right
//! Choice?".
//!
//! Run it (a release build makes the figures meaningful):
//!
//! ```text
//! $ cargo run --release -p threads-vs-tasks
//! side              n        time   peak memory
//! tasks         10000      1.01 s       7.1 MiB
//! threads       10000      2.01 s      96.2 MiB
//! ```
//!
//! A million tasks, and more threads than the machine allows:
//!
//! ```text
//! $ cargo run --release -p threads-vs-tasks -- -n 1000000 --only tasks
//! side              n        time   peak memory
//! tasks       1000000      1.50 s     445.1 MiB
//! $ cargo run --release -p threads-vs-tasks -- -n 100000 --only threads
//! side              n        time   peak memory
//! threads: stopped before thread 16113 of 100000: it would pass the
//! kernel's limit on memory mappings (vm.max_map_count); 16112 threads
//! were running.
//! threads       16112      2.59 s     156.8 MiB
//! ```
//!
//! Each side starts all of its sleepers before any sleeps (the tasks
//! wait for the runtime, the threads at a gate), so all `n` sleep at
//! once and the time is the cost of starting them plus 1 s: about
//! 0.1 ms per thread here, against under 0.001 ms per task.
//! The figures differ from run to run and machine to machine, so no test
//! checks them exactly. Peak memory is the process's peak resident set
//! (`VmHWM` in `/proc/self/status`), reset before each side through
//! `/proc/self/clear_refs`; that is Linux-only, and elsewhere it prints
//! `n/a`. Under `--virtual-time` the tasks sleep on the paused clock and
//! report exactly 1.00 s; threads cannot sleep on tokio's clock, so their
//! side always runs and is timed in real time. `--timeline` draws nothing
//! here: ten thousand rows would say less than the table.
//!
//! | Python | Rust |
//! |---|---|
//! | `asyncio.create_task(asyncio.sleep(1))` | `tokio::spawn(sleep(Duration::from_secs(1)))` |
//! | `threading.Thread(target=time.sleep, args=(1,)).start()` | `thread::Builder::new().stack_size(..).spawn(..)` |
//! | `thread.join()` | `handle.join()` |
//! | `RuntimeError: can't start new thread` | `Builder::spawn` returns `Err(io::Error)` |

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, PoisonError, RwLock};
use std::thread;
use std::time::Duration;

use clap::{Parser, ValueEnum};
use common::{secs, Clock, CommonArgs};
use tokio::time::sleep;

/// The most sleepers. A sleeping task costs about 470 bytes (see the
/// README's measurements), so ten million tasks take about 4.5 GiB; the
/// threads side stops by itself at the kernel's limit, long before.
/// An `i64`, because clap checks the range of a `u32` as an `i64`.
const MAX_N: i64 = 10_000_000;

/// Starts N sleeping tasks, then N sleeping threads, and compares them.
#[derive(Parser, Debug)]
struct Cli {
    /// How many tasks, and how many threads (at most ten million).
    #[arg(short, default_value_t = 10_000, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u32).range(1..=MAX_N))]
    n: u32,

    /// Run only one side.
    #[arg(long, value_enum)]
    only: Option<Side>,

    #[command(flatten)]
    common: CommonArgs,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Tasks,
    Threads,
}

const SECOND: Duration = Duration::from_secs(1);

/// Each thread's stack. A thread that only sleeps needs a few KiB; the
/// default of 2 MiB is only reserved address space, not memory, but small
/// stacks make plain that the limit met below is the number of threads,
/// not memory. 64 KiB leaves ample room for the runtime's own start-up.
const THREAD_STACK: usize = 64 * 1024;

fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    let n = cli.n;
    println!(
        "{:<8} {:>10} {:>11} {:>13}",
        "side", "n", "time", "peak memory"
    );

    // Whether a side has run before, whose peak a later reading could
    // include if the record cannot be reset.
    let mut earlier_side = false;

    if cli.only != Some(Side::Threads) {
        let peak_known = reset_peak_memory() || !earlier_side;
        let elapsed = cli.common.run(async {
            let clock = cli.common.clock();
            // Start every task first, as `create_task` in a loop would;
            // on this one-thread runtime they begin to run (and start
            // their sleeps) at the first await below.
            let mut tasks = Vec::with_capacity(n as usize);
            for _ in 0..n {
                tasks.push(tokio::spawn(sleep(SECOND)));
            }
            for task in tasks {
                task.await?;
            }
            Ok::<_, tokio::task::JoinError>(clock.elapsed())
        })??;
        print_row("tasks", n, elapsed, peak_known);
        earlier_side = true;
    }

    if cli.only != Some(Side::Tasks) {
        let peak_known = reset_peak_memory() || !earlier_side;
        // On a thread of its own, while this one waits for it or for
        // Ctrl-C: the tasks' runtime has taken over Ctrl-C, which would
        // otherwise go unheeded until every thread was done.
        common::exit::run_blocking_interruptible(move || {
            run_threads(n, peak_known)
        })??;
    }
    Ok(())
}

/// The threads' side: `n` OS threads that each sleep a second, started
/// behind a gate so that all sleep at once, and its row of the table.
fn run_threads(n: u32, peak_known: bool) -> std::io::Result<()> {
    // No runtime here: outside one, tokio's clock is the system's
    // monotonic clock, so this times the threads in real time even
    // under `--virtual-time`.
    let clock = Clock::start(false);
    // The threads wait at a gate until all are started, as the tasks
    // wait for the runtime until all are spawned: so all `n` really
    // sleep at the same time, however slowly they start. `main`
    // holds the gate shut (the write lock) until then; each thread
    // passes it by taking and dropping a read lock.
    let gate = Arc::new(RwLock::new(()));
    let shut = gate.write().unwrap_or_else(PoisonError::into_inner);
    // How many threads have got as far as their own code, so past
    // std's set-up of their signal stacks (see `threads_that_fit`).
    let up = Arc::new(AtomicUsize::new(0));
    let mut threads = Vec::new();
    // Threads that may start before the room left is measured again.
    let mut room = 0;
    for i in 1..=n {
        if room == 0 {
            // Measure again once half the room left is used: few
            // measurements (each reads every mapping) while there is
            // plenty, more as the limit nears.
            let not_up = threads.len() - up.load(Relaxed);
            room = threads_that_fit(not_up)
                .map_or(usize::MAX, |fit| fit.div_ceil(2));
        }
        if room == 0 {
            println!(
                "threads: stopped before thread {i} of {n}: it would \
                 pass the\nkernel's limit on memory mappings \
                 (vm.max_map_count); {} threads\nwere running.",
                threads.len()
            );
            break;
        }
        room -= 1;
        // `Builder::spawn`, not `thread::spawn`: it returns the error
        // when the system will not start another thread, where
        // `thread::spawn` would panic.
        let started = thread::Builder::new().stack_size(THREAD_STACK).spawn({
            let (gate, up) = (gate.clone(), up.clone());
            move || {
                up.fetch_add(1, Relaxed);
                drop(gate.read());
                thread::sleep(SECOND);
            }
        });
        match started {
            Ok(thread) => threads.push(thread),
            Err(e) => {
                println!(
                    "threads: the system refused thread {i} of {n}:\n\
                     {e}; {} threads were running.",
                    threads.len()
                );
                break;
            }
        }
    }
    // Open the gate, then wait for every thread that did start, so
    // none is cut off when `main` returns, and so the time covers
    // their whole sleep.
    drop(shut);
    let started = threads.len() as u32;
    for thread in threads {
        if thread.join().is_err() {
            return Err(std::io::Error::other("a thread panicked"));
        }
    }
    print_row("threads", started, clock.elapsed(), peak_known);
    Ok(())
}

/// Memory mappings each thread costs on Linux: its stack and the guard
/// page below it, made by `pthread_create` (two), and the signal stack
/// and its guard page that Rust's std makes inside every new thread so
/// that it can report a stack overflow (two more).
const MAPS_PER_THREAD: usize = 4;
/// Mappings left free for everything else (the allocator, the loader).
const MAPS_RESERVE: usize = 256;

/// How many more threads fit under the kernel's limit on memory mappings
/// per process, or `None` where it cannot be read (not Linux). `not_up`
/// threads have started but may not have made their signal stacks yet:
/// their two mappings are counted in advance.
///
/// Why look ahead instead of waiting for `Builder::spawn` to fail: the
/// limit can strike inside the new thread, when std makes its signal
/// stack, and std then aborts the whole process. Stopping short of the
/// limit is the only way to stop cleanly there. Other limits (threads
/// per user, memory) make `Builder::spawn` fail, which is handled too.
fn threads_that_fit(not_up: usize) -> Option<usize> {
    let limit = std::fs::read_to_string("/proc/sys/vm/max_map_count").ok()?;
    let limit: usize = limit.trim().parse().ok()?;
    let maps = std::fs::read_to_string("/proc/self/maps").ok()?;
    let in_use = maps.lines().count() + 2 * not_up + MAPS_RESERVE;
    Some(limit.saturating_sub(in_use) / MAPS_PER_THREAD)
}

fn print_row(side: &str, n: u32, elapsed: Duration, peak_known: bool) {
    let peak = match peak_memory_kib() {
        Some(kib) if peak_known => format!("{:.1} MiB", kib as f64 / 1024.0),
        _ => "n/a".to_string(),
    };
    let time = format!("{} s", secs(elapsed, 2));
    println!("{side:<8} {n:>10} {time:>11} {peak:>13}");
}

/// Resets the kernel's record of this process's peak memory, so that the
/// next reading is the peak of what runs from now on. Returns whether
/// that worked (Linux 4.0 and later); if not, a later reading would
/// include an earlier side's peak, and is not shown.
fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The peak resident memory of this process in KiB (`VmHWM` on Linux),
/// or `None` where `/proc/self/status` does not say.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
