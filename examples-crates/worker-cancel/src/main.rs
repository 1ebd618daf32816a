//! A worker that prints every second until it is cancelled after 3.5 s.
//!
//! The worker loops forever: sleep a second, print a message. `main` lets
//! it run for 3.5 s, so three messages come out (at 1, 2 and 3 s), then
//! cancels it, as Python's `task.cancel()` does: the task stops at the
//! `.await` it is parked on, half way through its fourth sleep, not at the
//! next tick. Its cleanup (a `Drop` guard, in the part of Python's
//! `finally`) still runs, and awaiting the task reports the cancellation.
//!
//! From "A Guide to Python asyncio" (Medium), "Coroutines and Tasks", the
//! third printed run. The article's listing was lost; this program is
//! rebuilt from that run. The cleanup line is ours: it shows that cleanup
//! code runs when a task is cancelled, in Python and in Rust.
//!
//! Run it, and notice the three messages a second apart and the
//! cancellation half a second after the last (this transcript starts at
//! the article's first timestamp, yours at your time of day; under
//! `--virtual-time` the gaps are exact):
//!
//! ```text
//! $ cargo run -p worker-cancel -- --virtual-time
//! 11:36:30.754006 Starting worker...
//! 11:36:31.754006 Message from worker
//! 11:36:32.754006 Message from worker
//! 11:36:33.754006 Message from worker
//! 11:36:34.254006 Worker cleaning up
//! 11:36:34.254006 The task has been canceled
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `task = asyncio.create_task(worker())` | `tokio::spawn(worker())` |
//! | `while True: await asyncio.sleep(1)` | `loop { sleep(..).await; .. }` |
//! | `task.cancel()` | `task.abort()` |
//! | `await task` | `task.await` |
//! | `except asyncio.CancelledError:` | `Err(err) if err.is_cancelled()` |
//! | `try: .. finally: ..` in the worker | a guard whose `Drop` cleans up |
//! | `datetime.now().strftime(..)` | `now()`: `common::hms_micros()` |
//! | `async def main()` | `async fn async_main()` |
//! | `asyncio.run(main())` | `cli.time.run(async { .. })` |

use std::time::Duration;

use clap::Parser;
use common::VirtualTime;
use tokio::task::JoinError;
use tokio::time::sleep;

// step: cli
/// A worker that prints a message every second, cancelled after 3.5 s.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)]
    time: VirtualTime,
}

// step: now
/// `datetime.now().strftime("%H:%M:%S.%f")`, on tokio's clock.
fn now() -> String {
    common::hms_micros()
}

// step: cleanup
/// The worker's `finally:` block. Rust has no `finally`; an aborted task's
/// future is dropped where it stands, and dropping it drops this guard,
/// so the cleanup runs although no line after the worker's `.await` will.
struct Cleanup;

impl Drop for Cleanup {
    fn drop(&mut self) {
        println!("{} Worker cleaning up", now());
    }
}

// step: worker
async fn worker() {
    println!("{} Starting worker...", now());
    let _cleanup = Cleanup; // `try:`, until the end of the function
    loop {
        // An abort takes effect while the task is parked at an `.await`
        // like this one; a loop with no `.await` could not be stopped.
        // And unlike Python's `CancelledError`, which the worker could
        // catch and ignore, an abort cannot be refused.
        sleep(Duration::from_secs(1)).await;
        println!("{} Message from worker", now());
    }
}

// step: main
async fn async_main() -> Result<(), JoinError> {
    let task = tokio::spawn(worker());
    sleep(Duration::from_millis(3500)).await;
    // `abort` does not wait: it marks the task and wakes it, and the
    // runtime drops the worker's future as soon as it gets the thread,
    // without waiting for the worker's sleep to end.
    task.abort();
    // Awaiting the handle is Python's `await task`; the cancellation comes
    // back as an error, in the part of `CancelledError`.
    match task.await {
        Err(err) if err.is_cancelled() => {
            println!("{} The task has been canceled", now());
        }
        // The worker never returns, so anything else is a panic.
        result => result?,
    }
    Ok(())
}

// step: run
// A boxed error is a deliberate simplification: the only errors are the
// runtime failing to start and a worker that panicked.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    cli.time.run(async_main())??;
    Ok(())
}
