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
//! waves: each job waits for a permit (`.`), then sleeps with it (`-`),
//! and is polled (`#`) when it starts, gets its permit and ends:
//!
//! ```text
//! $ cargo run -p semaphore -- --virtual-time --jobs 5 --limit 2 --timeline
//! 5 jobs of 1 s, at most 2 at a time.
//! Highest number of jobs running at once: 2
//! All jobs done in 3.00 seconds.
//!
//! job 1  #-------------------#
//! job 2  #-------------------#
//! job 3  #...................#-------------------#
//! job 4  #...................#-------------------#
//! job 5  #.......................................#-------------------#
//!        +---------+---------+---------+---------+---------+---------+
//!        0.0       0.5       1.0       1.5       2.0       2.5       3.0s
//!        # running   . waiting (queue, lock, semaphore)
//!        - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `sem = asyncio.Semaphore(10)` | `Semaphore::new(10)` |
//! | `async with sem:` | `let _permit = sem.acquire().await` |
//! | `asyncio.gather(*(job(sem) ...))` | a `FuturesUnordered`, drained |
//! | a global counter | a `static` `AtomicU32` |
//! | `asyncio.run(main(..))` | `Builder::new_current_thread()`, `block_on` |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |
//! | `f"{elapsed:0.2f}"` | `format!("{elapsed:.2}")` |

use std::error::Error;
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
use std::time::Duration;

use clap::Parser;
use common::Extras; // port-only
use futures::stream::{FuturesUnordered, StreamExt};
use tokio::runtime::Builder;
use tokio::sync::Semaphore;
use tokio::time::{sleep, Instant};
use tracing::{debug_span, info_span, Instrument};

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
    #[command(flatten)] // port-only
    extras: Extras, // port-only
}

// step: count
// How many jobs hold a permit now, and the most there have been.
static RUNNING: AtomicU32 = AtomicU32::new(0);
static HIGHEST: AtomicU32 = AtomicU32::new(0);

// step: job
async fn job(sem: &Semaphore) {
    let _permit = sem
        .acquire()
        .instrument(debug_span!("permit"))
        .await
        .expect("nothing closes the semaphore");
    let now = RUNNING.fetch_add(1, Relaxed) + 1;
    HIGHEST.fetch_max(now, Relaxed);
    sleep(Duration::from_secs(1)).await;
    // Counted out before the permit goes back at the end, so that the
    // next job to get it never finds this one still counted.
    RUNNING.fetch_sub(1, Relaxed);
}

// step: main
async fn async_main(jobs: u32, limit: u32) {
    let sem = Semaphore::new(limit as usize);
    let mut all: FuturesUnordered<_> = (1..=jobs)
        .map(|i| job(&sem).instrument(info_span!("job", n = i)))
        .collect();
    while let Some(()) = all.next().await {}
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    println!("{} jobs of 1 s, at most {} at a time.", cli.jobs, cli.limit);
    runtime.build()?.block_on(async {
        let s = Instant::now();
        async_main(cli.jobs, cli.limit).await;
        let elapsed = s.elapsed().as_secs_f64();
        let highest = HIGHEST.load(Relaxed);
        println!("Highest number of jobs running at once: {highest}");
        println!("All jobs done in {elapsed:.2} seconds.");
    });
    Ok(())
}
