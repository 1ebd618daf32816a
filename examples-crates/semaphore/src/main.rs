//! Limiting concurrency: many jobs, at most `limit` of them at a time.
//!
//! `--jobs` jobs (default 50) each wait 1 s, but each must first take one
//! of `--limit` permits (default 10) from a semaphore, and gives it back
//! when done. So they run in waves: 50 jobs take 5 s, where without the
//! semaphore all 50 would overlap and take 1 s. The program counts the
//! jobs holding a permit at each moment and prints the highest count, so
//! the limit is measured, not assumed.
//!
//! From the notes on Real Python's "Async IO in Python: A Complete
//! Walkthrough", "Limit concurrency" (`sem = asyncio.Semaphore(10)`,
//! `async with sem:`).
//!
//! Run it; `--virtual-time` skips the waiting, and `--timeline` shows the
//! waves: each job is polled (`#`) when it starts, when it gets its
//! permit and when it ends, and leaves the thread free (`-`) in between:
//!
//! ```text
//! $ cargo run -p semaphore -- --virtual-time --jobs 5 --limit 2 --timeline
//! 5 jobs of 1 s, at most 2 at a time.
//! Highest number of jobs running at once: 2
//! All jobs done in 3.00 seconds.
//!
//! job 1  #-------------------#
//! job 2  #-------------------#
//! job 3  #-------------------#-------------------#
//! job 4  #-------------------#-------------------#
//! job 5  #---------------------------------------#-------------------#
//!        +---------+---------+---------+---------+---------+---------+
//!        0.0       0.5       1.0       1.5       2.0       2.5       3.0s
//!        # running   - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `sem = asyncio.Semaphore(10)` | `Semaphore::new(10)` |
//! | `async with sem:` | `let _permit = sem.acquire().await?;` |
//! | `asyncio.gather(*(job(sem) ...))` | a `FuturesUnordered`, drained |
//! | a global counter | a `static` `AtomicU32` |

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
use std::time::Duration;

use clap::Parser;
use common::{secs, trace, VirtualTime};
use futures::stream::{FuturesUnordered, StreamExt};
use tokio::sync::{AcquireError, Semaphore};
use tokio::time::{sleep, Instant};

/// The most jobs, and so the most permits worth asking for. A job and
/// its timer cost a few hundred bytes, so a million take a few hundred
/// MB, and on the paused clock they finish in seconds.
/// An `i64`, because clap checks the range of a `u32` as an `i64`.
const MAX_JOBS: i64 = 1_000_000;

/// Runs many one-second jobs through a semaphore.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// How many jobs to run (at most a million).
    #[arg(long, default_value_t = 50, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u32).range(1..=MAX_JOBS))]
    jobs: u32,
    /// How many jobs may run at once (at least 1).
    #[arg(long, default_value_t = 10, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u32).range(1..=MAX_JOBS))]
    limit: u32,
    #[command(flatten)]
    time: VirtualTime,
    /// After the output, draw when each job ran and waited.
    #[arg(long)]
    timeline: bool,
}

// step: count
// How many jobs hold a permit now, and the most there have been: the
// Python's two globals. A `static` must be thread-safe, so these are
// atomics; on the one runtime thread `Relaxed` is all they need.
static RUNNING: AtomicU32 = AtomicU32::new(0);
static HIGHEST: AtomicU32 = AtomicU32::new(0);

// step: job
async fn job(sem: &Semaphore) -> Result<(), AcquireError> {
    // `async with sem:` -- wait for a permit. It goes back when `_permit`
    // is dropped at the end of the block, on any exit (cancellation too),
    // as `async with` releases it. The error is a closed semaphore.
    let _permit = sem.acquire().await?;
    let now = RUNNING.fetch_add(1, Relaxed) + 1;
    HIGHEST.fetch_max(now, Relaxed);
    sleep(Duration::from_secs(1)).await;
    // Counted out before the permit goes back, so that the next job to
    // get the permit never finds this one still counted.
    RUNNING.fetch_sub(1, Relaxed);
    Ok(())
}

// step: main
async fn async_main(jobs: u32, limit: u32) -> Result<(), AcquireError> {
    let sem = Semaphore::new(limit as usize);
    // `gather`: every job starts at once and waits for a permit inside,
    // so the semaphore, not this line, decides how many run at a time.
    // A `FuturesUnordered` polls them all in this one task, as `gather`
    // runs its coroutines on the one loop, so they can borrow `sem`; and
    // it polls only the jobs that were woken, as the loop runs only the
    // tasks that are ready (`join_all` of a few polls every one each time).
    let mut all: FuturesUnordered<_> = (1..=jobs)
        .map(|i| trace(format!("job {i}"), job(&sem)))
        .collect();
    while let Some(done) = all.next().await {
        done?;
    }
    Ok(())
}

// step: run
// The boxed error is a deliberate simplification: a runtime that did not
// start, or a closed semaphore, ends the program with a message.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    println!("{} jobs of 1 s, at most {} at a time.", cli.jobs, cli.limit);
    cli.time.run(async {
        common::timeline::start(cli.timeline);
        let s = Instant::now();
        async_main(cli.jobs, cli.limit).await?;
        let elapsed = s.elapsed();
        let highest = HIGHEST.load(Relaxed);
        println!("Highest number of jobs running at once: {highest}");
        println!("All jobs done in {} seconds.", secs(elapsed, 2));
        common::timeline::print();
        Ok(())
    })?
}
