//! Limiting concurrency: many jobs, at most `limit` of them at a time.
//!
//! `--jobs` jobs (default 50) each work for 1 s, but each must first take
//! one of `--limit` permits (default 10) from a semaphore, and gives it
//! back when done. So they run in waves of 10: 50 jobs take 5 s, where
//! without the semaphore all 50 would overlap and take 1 s. The program
//! counts the jobs running at each moment and prints the highest count it
//! saw, so the limit is measured, not assumed.
//!
//! From `004_889b89e9c64afa5a.txt`, "Limit concurrency"
//! (`sem = asyncio.Semaphore(10)`, `async with sem:`).
//!
//! Run it, and notice the highest count and the time:
//!
//! ```text
//! $ cargo run -p semaphore -- --virtual-time
//! 50 jobs of 1 s, at most 10 at a time.
//! Highest number of jobs running at once: 10
//! All jobs done in 5.00 seconds.
//! ```
//!
//! With a few jobs the timeline shows the waves: jobs waiting (`.`) for a
//! permit while others work (`-`):
//!
//! ```text
//! $ cargo run -p semaphore -- --virtual-time --jobs 6 --limit 4 --timeline
//! 6 jobs of 1 s, at most 4 at a time.
//! Highest number of jobs running at once: 4
//! All jobs done in 2.00 seconds.
//!
//! job 1  #---------------------------#
//! job 2  #---------------------------#
//! job 3  #---------------------------#
//! job 4  #---------------------------#
//! job 5  #...........................#---------------------------#
//! job 6  #...........................#---------------------------#
//!        +------+------+------+------+------+------+------+------+
//!        0.00   0.25   0.50   0.75   1.00   1.25   1.50   1.75   2.00s
//!        # running   . waiting (queue, lock, semaphore)
//!        - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `sem = asyncio.Semaphore(10)` | `Arc::new(Semaphore::new(10))` |
//! | `async with sem:` | `let _permit = sem.acquire().await?;` (given back when dropped) |
//! | `asyncio.create_task(job(...))` | `jobs.spawn(job(...))` on a `JoinSet` |
//! | `await asyncio.gather(*tasks)` | `while let Some(r) = jobs.join_next().await` |

use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use common::{secs, CommonArgs, Row};
use tokio::sync::{AcquireError, Semaphore};
use tokio::task::JoinSet;
use tokio::time::sleep;

/// The most jobs, and so the most permits worth asking for. Every job is
/// spawned at once: a task, its timer and its row cost about 800 bytes, so
/// a million take about 800 MB, and on the paused clock a million jobs one
/// at a time finish in well under a minute.
/// An `i64`, because clap checks the range of a `u32` as an `i64`.
const MAX_JOBS: i64 = 1_000_000;

/// Runs many one-second jobs through a semaphore.
#[derive(Parser, Debug)]
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
    common: CommonArgs,
}

/// How many jobs are running now, and the most there have been.
///
/// Atomics because spawned tasks must be `Send`; the runtime has one
/// thread, so `Relaxed` ordering is all the counting needs.
#[derive(Debug, Default)]
struct Running {
    now: AtomicU32,
    highest: AtomicU32,
}

async fn job(
    sem: Arc<Semaphore>,
    running: Arc<Running>,
    row: Row,
) -> Result<(), AcquireError> {
    // `async with sem:` -- wait for a permit. It is given back when
    // `_permit` is dropped at the end of this function, on any exit
    // (cancellation too), as `async with` releases it.
    let _permit = row.waiting(sem.acquire()).await?;
    let now = running.now.fetch_add(1, Relaxed) + 1;
    running.highest.fetch_max(now, Relaxed);
    // The work itself: one second of waiting, as for a server's answer.
    row.sleeping(sleep(Duration::from_secs(1))).await;
    // Count this job out before its permit goes back, so that the next
    // job to get the permit never finds it still counted.
    running.now.fetch_sub(1, Relaxed);
    Ok(())
}

// The boxed error is a deliberate simplification: a runtime that did not
// start and a job that panicked both end the program with a message.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    cli.common.run(async {
        let clock = cli.common.clock();
        let timeline = cli.common.timeline(&clock);
        println!("{} jobs of 1 s, at most {} at a time.", cli.jobs, cli.limit);

        let sem = Arc::new(Semaphore::new(cli.limit as usize));
        let running = Arc::new(Running::default());
        // Every job is spawned at once and waits for a permit inside:
        // the semaphore, not this loop, decides how many run at a time.
        let mut jobs = JoinSet::new();
        for i in 1..=cli.jobs {
            let row = timeline.row(format!("job {i}"));
            jobs.spawn(job(sem.clone(), running.clone(), row));
        }
        // `gather`: wait for every job; the outer `?` is a job that
        // panicked, the inner one a semaphore that was closed.
        while let Some(finished) = jobs.join_next().await {
            finished??;
        }

        println!(
            "Highest number of jobs running at once: {}",
            running.highest.load(Relaxed)
        );
        let elapsed = clock.elapsed();
        println!("All jobs done in {} seconds.", secs(elapsed, 2));
        timeline.print();
        Ok(())
    })?
}
