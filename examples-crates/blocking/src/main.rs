//! A blocking call stops every task; `spawn_blocking` moves it aside.
//!
//! Three jobs that each wait one second are gathered three ways. When the
//! wait is `std::thread::sleep` (Python's `time.sleep`), it holds the one
//! runtime thread, nothing else can run, and the three take 3 s: gathering
//! bought nothing. With `tokio::time::sleep` each job gives the thread
//! back while it waits, and the three overlap: 1 s. When blocking cannot
//! be avoided (a library with no async API), `spawn_blocking` moves the
//! call onto threads of tokio's blocking pool, where the three block side
//! by side: 1 s again.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough", "When
//! and Why Is Async IO the Right Choice?" ("Coroutines that contain
//! synchronous calls block other coroutines and tasks from running").
//!
//! There is no `--virtual-time`: no clock can skip a blocked thread, and
//! that is the lesson. Run it, and compare the three times:
//!
//! ```text
//! $ cargo run -p blocking
//! Blocking sleeps in coroutines:     3.00 seconds.
//! Async sleeps:                      1.00 seconds.
//! Blocking sleeps on worker threads: 1.00 seconds.
//! ```
//!
//! `--timeline` draws the blocking polls (`=`) one after another, then
//! the async sleeps and the worker threads' sleeps each side by side, the
//! runtime's thread free (`-`) while they wait.
//!
//! | Python | Rust |
//! |---|---|
//! | `time.sleep(1)` in an `async def` | `std::thread::sleep(SECOND)` |
//! | `await asyncio.sleep(1)` | `sleep(SECOND).await` |
//! | `await asyncio.gather(a(), b(), c())` | `tokio::join!(a(), b(), c())` |
//! | `loop.run_in_executor(None, ...)` | `spawn_blocking(\|\| ...)` |

use std::time::Duration;

use clap::Parser;
use common::{secs, trace};
use tokio::task::{spawn_blocking, JoinError};
use tokio::time::{sleep, Instant};

/// Gathers three one-second jobs that block, sleep, and block aside.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// After the output, draw when each job ran, waited and blocked.
    #[arg(long)]
    timeline: bool,
}

const SECOND: Duration = Duration::from_secs(1);

// step: jobs
/// The mistake: an async fn that makes a blocking call. It does not return
/// to the runtime until the second is over, so the other jobs in the same
/// `join!` cannot even start their waits meanwhile.
async fn blocking_job() {
    std::thread::sleep(SECOND);
}

/// The fix when the wait itself can be async.
async fn async_job() {
    sleep(SECOND).await;
}

// step: report
fn report(what: &str, s: Instant) {
    println!("{what:<34} {} seconds.", secs(s.elapsed(), 2));
}

// step: main
async fn async_main() -> Result<(), JoinError> {
    let s = Instant::now();
    tokio::join!(
        trace("blocking 1", blocking_job()),
        trace("blocking 2", blocking_job()),
        trace("blocking 3", blocking_job()),
    );
    report("Blocking sleeps in coroutines:", s);

    let s = Instant::now();
    tokio::join!(
        trace("async 1", async_job()),
        trace("async 2", async_job()),
        trace("async 3", async_job()),
    );
    report("Async sleeps:", s);

    // Each closure runs on a thread of tokio's blocking pool, so the
    // runtime thread stays free; `try_join!` awaits the three handles as
    // `gather` awaits the executor's futures. The error is a job that
    // panicked.
    let s = Instant::now();
    tokio::try_join!(
        trace("worker 1", spawn_blocking(|| std::thread::sleep(SECOND))),
        trace("worker 2", spawn_blocking(|| std::thread::sleep(SECOND))),
        trace("worker 3", spawn_blocking(|| std::thread::sleep(SECOND))),
    )?;
    report("Blocking sleeps on worker threads:", s);
    Ok(())
}

// step: run
// The boxed error is a deliberate simplification: a runtime that did not
// start, or a blocking job that panicked, ends with a message.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    // Real time only: the paused clock only skips ahead while every task
    // waits on a timer, and a blocked thread is not waiting.
    common::run(async {
        common::timeline::start(cli.timeline);
        async_main().await?;
        common::timeline::print();
        Ok(())
    })?
}
