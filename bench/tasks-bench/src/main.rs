//! N tasks or N OS threads that each sleep one second, one side per run:
//! the Rust side of `bench/python/tasks.py` and `bench/python/threads.py`.
//!
//! `threads-vs-tasks` runs both sides in one process and reads its own
//! peak memory in between; `bench/run` instead reads each process's peak
//! from the kernel when it exits (GNU time's `%M`), the same way for both
//! languages, so each run here does one side only:
//!
//! ```text
//! $ cargo run --release -p tasks-bench -- tasks 1000000
//! 1000000 tasks finished in 1.32 seconds.
//! $ cargo run --release -p tasks-bench -- threads 10000
//! 10000 threads finished in 1.81 seconds.
//! ```
//!
//! Both sides are `threads-vs-tasks`'s: tasks spawned on the one-thread
//! runtime and awaited; threads with 64 KiB stacks, started behind a gate
//! so that all sleep at once.

use std::sync::{Arc, RwLock};
use std::thread;
use std::time::Duration;

use clap::{Parser, Subcommand};
use tokio::runtime::Builder;
use tokio::time::{sleep, Instant};

const SECOND: Duration = Duration::from_secs(1);

/// N sleeping tasks, or N sleeping threads.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    side: Side,
}

#[derive(Subcommand, Debug, Clone, Copy)]
enum Side {
    /// N tasks that sleep a second (at most ten million, about 4.5 GiB).
    Tasks {
        #[arg(value_parser = clap::value_parser!(u32).range(0..=10_000_000))]
        n: u32,
    },
    /// N threads that sleep a second (at most 15000, under Linux's
    /// default limit on memory mappings, four a thread).
    Threads {
        #[arg(value_parser = clap::value_parser!(u32).range(0..=15_000))]
        n: u32,
    },
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    match cli.side {
        Side::Tasks { n } => {
            let runtime = Builder::new_current_thread().enable_all().build()?;
            let elapsed = runtime.block_on(async {
                let s = Instant::now();
                let sleepers: Vec<_> =
                    (0..n).map(|_| tokio::spawn(sleep(SECOND))).collect();
                for sleeper in sleepers {
                    sleeper.await?;
                }
                Ok::<_, tokio::task::JoinError>(s.elapsed())
            });
            let elapsed = elapsed?.as_secs_f64();
            println!("{n} tasks finished in {elapsed:.2} seconds.");
        }
        Side::Threads { n } => {
            let s = Instant::now();
            let gate = Arc::new(RwLock::new(()));
            let shut = gate.write().unwrap_or_else(|e| e.into_inner());
            let mut started = Vec::new();
            for _ in 0..n {
                let gate = gate.clone();
                let builder = thread::Builder::new().stack_size(1 << 16);
                started.push(builder.spawn(move || {
                    drop(gate.read());
                    thread::sleep(SECOND);
                })?);
            }
            drop(shut);
            for thread in started {
                let _ = thread.join();
            }
            let elapsed = s.elapsed().as_secs_f64();
            println!("{n} threads finished in {elapsed:.2} seconds.");
        }
    }
    Ok(())
}
