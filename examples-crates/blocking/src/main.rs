//! A blocking call stops every task; `spawn_blocking` moves it aside.
//!
//! Three jobs that each wait one second are gathered three ways. When the
//! wait is `std::thread::sleep` (Python's `time.sleep`), it holds the one
//! runtime thread, nothing else can run, and the three take 3 s: gathering
//! bought nothing. With `tokio::time::sleep` the job gives the thread back
//! while it waits, and the three overlap: 1 s. When blocking cannot be
//! avoided (a library with no async API, heavy computation), moving the
//! call onto tokio's blocking-thread pool with `spawn_blocking` lets the
//! three block side by side on three other threads: 1 s again.
//!
//! From `004_889b89e9c64afa5a.txt`, "When and Why Is Async IO the Right
//! Choice?" ("Coroutines that contain synchronous calls block other
//! coroutines and tasks from running"), and "The async/await Syntax and
//! Native Coroutines" ("time.sleep() or any other blocking call is
//! incompatible with asynchronous Python code").
//!
//! Run it, and compare the three times:
//!
//! ```text
//! $ cargo run -p blocking -- --virtual-time
//! thread::sleep in async fns:      3.00 seconds.
//! tokio::time::sleep:              1.00 seconds.
//! thread::sleep in spawn_blocking: 1.00 seconds.
//! ```
//!
//! Honest times under `--virtual-time`. The paused clock cannot see a
//! blocked thread: it only skips ahead while every task waits on a timer,
//! and tokio even holds it still while a `spawn_blocking` job runs. So in
//! virtual time a blocking wait is accounted, not slept: `Clock::block_for`
//! moves the clock on by the time the call would have held its thread
//! (in real time it is `std::thread::sleep`). On the runtime thread that
//! is the program's clock, and three waits add up to 3 s, as they would.
//! A `spawn_blocking` job runs on a thread of its own, so it keeps its own
//! account on a clock of its own; the program's clock then moves on by the
//! longest account, 1 s, because the three threads waited side by side.
//!
//! | Python | Rust |
//! |---|---|
//! | `time.sleep(1)` in an `async def` | `std::thread::sleep(Duration::from_secs(1))` in an `async fn` |
//! | `await asyncio.sleep(1)` | `tokio::time::sleep(Duration::from_secs(1)).await` |
//! | `await asyncio.gather(a(), b(), c())` | `tokio::join!(a(), b(), c())` |
//! | `await loop.run_in_executor(None, time.sleep, 1)` | `tokio::task::spawn_blocking(\|\| std::thread::sleep(...)).await?` |

use std::time::Duration;

use clap::Parser;
use common::{secs, Clock, CommonArgs};
use tokio::task::spawn_blocking;
use tokio::time::sleep;

/// Gathers three one-second jobs that block, sleep, and block aside.
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

const SECOND: Duration = Duration::from_secs(1);

/// The mistake: an async fn that makes a blocking call.
async fn blocking_job(clock: &Clock) {
    // `std::thread::sleep` in real time (see `Clock::block_for`). It
    // never returns to the runtime until the second is over, so the
    // other jobs in the same `join!` cannot start their waits meanwhile.
    clock.block_for(SECOND);
}

/// The fix when the wait itself can be async.
async fn async_job() {
    sleep(SECOND).await;
}

/// A blocking job for another thread: it blocks that thread for a second
/// and returns how long it blocked, as it counted it on its own clock.
fn job_on_its_own_thread(virtual_time: bool) -> Duration {
    let own = Clock::start(virtual_time);
    own.block_for(SECOND);
    own.elapsed()
}

/// One line per variant: what the three gathered jobs did, and how long
/// the three took together.
fn report(what: &str, clock: &Clock) {
    println!("{what:<32} {} seconds.", secs(clock.elapsed(), 2));
}

// The boxed error is a deliberate simplification: a runtime that did not
// start and a blocking job that panicked both end with a message.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    let virtual_time = cli.common.virtual_time;
    cli.common.run(async {
        let clock = cli.common.clock();
        tokio::join!(
            blocking_job(&clock),
            blocking_job(&clock),
            blocking_job(&clock),
        );
        report("thread::sleep in async fns:", &clock);

        let clock = cli.common.clock();
        tokio::join!(async_job(), async_job(), async_job());
        report("tokio::time::sleep:", &clock);

        let clock = cli.common.clock();
        // Each closure runs on a thread of tokio's blocking pool, so the
        // runtime thread stays free; `try_join!` awaits the three handles
        // as it would three tasks.
        let (a, b, c) = tokio::try_join!(
            spawn_blocking(move || job_on_its_own_thread(virtual_time)),
            spawn_blocking(move || job_on_its_own_thread(virtual_time)),
            spawn_blocking(move || job_on_its_own_thread(virtual_time)),
        )?;
        if virtual_time {
            // The threads' waits were accounted, not slept (see the
            // header), so move the paused clock on by the longest. In
            // real time the clock saw that second pass by itself.
            tokio::time::advance(a.max(b).max(c)).await;
        }
        report("thread::sleep in spawn_blocking:", &clock);
        Ok(())
    })?
}
