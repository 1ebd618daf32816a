//! A worker that prints every second until it is cancelled after 3.5 s.
//!
//! The worker loops forever: sleep a second, print a message. `main` lets
//! it run for 3.5 s, so three messages come out (at 1, 2 and 3 s), then
//! cancels it. By default the task is aborted, as Python's `task.cancel()`
//! does: it stops at the `.await` it is waiting on, awaiting its handle
//! reports the cancellation, and the worker's cleanup (a `Drop` guard,
//! in the part of Python's `finally`) still runs. With `--cooperative` the
//! worker is asked to stop through a `CancellationToken` and decides
//! itself how to end.
//!
//! From `001_323150feb71a6b18.txt`, "Coroutines and Tasks", the third
//! printed run. The article lost its listing; this program is rebuilt from
//! that run. The cleanup line is ours: the article's worker had no
//! `finally`, and the line shows that cleanup code runs when a task is
//! cancelled, in Python and in Rust.
//!
//! Run it, and notice the three messages a second apart and the
//! cancellation half a second after the last (this transcript starts
//! at the article's first timestamp; yours start at your time of day, and
//! under `--virtual-time` the gaps between them are exact):
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
//! With `--cooperative` the worker sees the request, stops of its own
//! accord and returns how many messages it sent:
//!
//! ```text
//! $ cargo run -p worker-cancel -- --virtual-time --cooperative
//! 11:36:30.754006 Starting worker...
//! 11:36:31.754006 Message from worker
//! 11:36:32.754006 Message from worker
//! 11:36:33.754006 Message from worker
//! 11:36:34.254006 Worker asked to stop; cleaning up
//! 11:36:34.254006 The task has stopped after 3 messages
//! ```
//!
//! With `--timeline`, `main` sleeps 3.5 s while the worker sleeps a second
//! at a time, and the worker's row ends when it is cancelled:
//!
//! ```text
//! $ cargo run -p worker-cancel -- --virtual-time --timeline
//! 11:36:30.754006 Starting worker...
//! 11:36:31.754006 Message from worker
//! 11:36:32.754006 Message from worker
//! 11:36:33.754006 Message from worker
//! 11:36:34.254006 Worker cleaning up
//! 11:36:34.254006 The task has been canceled
//!
//! main    #-------------------------------------------------------#
//! worker  #---------------#---------------#---------------#-------
//!         +-------+-------+-------+-------+-------+-------+-------+
//!         0.0     0.5     1.0     1.5     2.0     2.5     3.0     3.5s
//!         # running   - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `task = asyncio.create_task(worker())` | `let task = tokio::spawn(worker(..));` |
//! | `while True: await asyncio.sleep(1)` | `loop { sleep(Duration::from_secs(1)).await; .. }` |
//! | `task.cancel()` | `task.abort()` |
//! | `try: await task` / `except asyncio.CancelledError:` | `match task.await { Err(err) if err.is_cancelled() => .. }` |
//! | `try: .. finally: cleanup()` in the worker | a guard whose `Drop` runs the cleanup |
//! | an `asyncio.Event` the worker waits on beside its sleep | `CancellationToken` + `tokio::select!` in the worker |
//! | `datetime.now().strftime("%H:%M:%S.%f")` | `clock.hms_micros()` |

use std::time::Duration;

use clap::Parser;
use common::{Clock, CommonArgs, Row};
use tokio::time::sleep;
use tokio_util::sync::CancellationToken;

/// A worker that prints a message every second, cancelled after 3.5 s.
#[derive(Parser, Debug)]
struct Cli {
    /// Ask the worker to stop with a CancellationToken instead of aborting
    /// it.
    #[arg(long)]
    cooperative: bool,

    #[command(flatten)]
    common: CommonArgs,
}

/// Python's `finally:` block. An aborted task's future is dropped where it
/// stands, and dropping it drops this guard, so the cleanup runs even
/// though no line after the worker's current `.await` ever will.
struct Cleanup {
    clock: Clock,
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        println!("{} Worker cleaning up", self.clock.hms_micros());
    }
}

async fn worker(clock: Clock, row: Row) {
    println!("{} Starting worker...", clock.hms_micros());
    let _cleanup = Cleanup {
        clock: clock.clone(),
    };
    loop {
        // An abort takes effect while the task is parked at an `.await`
        // like this one; a task busy in a loop with no `.await` could not
        // be stopped. And unlike Python's `CancelledError`, which the
        // worker could catch and ignore, an abort cannot be refused.
        row.sleeping(sleep(Duration::from_secs(1))).await;
        println!("{} Message from worker", clock.hms_micros());
    }
}

/// The worker of `--cooperative`: it races every sleep against the token,
/// so it notices the request at once, and then stops in ordinary code. It
/// could finish its current step first or save its work; here it reports
/// how many messages it sent.
async fn cooperative_worker(
    clock: Clock,
    row: Row,
    token: CancellationToken,
) -> u32 {
    println!("{} Starting worker...", clock.hms_micros());
    let mut messages = 0;
    loop {
        // `select!` polls both futures and runs the branch of the first
        // to finish, dropping the other: a request to stop cuts the
        // second's sleep short.
        tokio::select! {
            () = token.cancelled() => break,
            () = row.sleeping(sleep(Duration::from_secs(1))) => {
                println!("{} Message from worker", clock.hms_micros());
                messages += 1;
            }
        }
    }
    println!("{} Worker asked to stop; cleaning up", clock.hms_micros());
    messages
}

// A boxed error is a deliberate simplification: the only errors are the
// runtime failing to start and a worker that panicked.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    cli.common.run(async {
        let clock = cli.common.clock();
        let timeline = cli.common.timeline(&clock);
        let main_row = timeline.row("main");
        let worker_row = timeline.row("worker");

        if cli.cooperative {
            let token = CancellationToken::new();
            let task = tokio::spawn(cooperative_worker(
                clock.clone(),
                worker_row,
                token.clone(),
            ));
            main_row.sleeping(sleep(Duration::from_millis(3500))).await;
            // Only a request: the worker runs on until it next looks at
            // the token, and returns normally.
            token.cancel();
            let messages = main_row.waiting(task).await?;
            println!(
                "{} The task has stopped after {messages} messages",
                clock.hms_micros()
            );
        } else {
            let task = tokio::spawn(worker(clock.clone(), worker_row));
            main_row.sleeping(sleep(Duration::from_millis(3500))).await;
            // `abort` does not wait: it marks the task and wakes it, and
            // the runtime drops the worker's future as soon as it gets the
            // thread, without waiting for the worker's sleep to end.
            task.abort();
            // Awaiting the handle is Python's `await task`, and the
            // cancellation comes back as an error, like `CancelledError`.
            match main_row.waiting(task).await {
                Err(err) if err.is_cancelled() => {
                    println!(
                        "{} The task has been canceled",
                        clock.hms_micros()
                    );
                }
                // The worker never returns, so anything else is a panic.
                result => result?,
            }
        }

        drop(main_row);
        timeline.print();
        Ok::<_, tokio::task::JoinError>(())
    })??; // the runtime started (outer `?`), the worker did not panic
    Ok(())
}
