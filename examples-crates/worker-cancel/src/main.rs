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
//! code runs when a task is cancelled, in Python and in Rust, and on
//! Ctrl-C too, which cancels everything still running.
//!
//! Run it, and notice the three messages a second apart and the
//! cancellation half a second after the last (this transcript starts at
//! the article's first timestamp, yours at your time of day; under
//! `--virtual-time` the gaps are exact). `--timeline` draws the worker
//! running at each tick, and its row ending at 3.5 s, mid-sleep, where
//! `main` cancels it:
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
//! worker  #---------------#---------------#---------------#-------#
//!         +-------+-------+-------+-------+-------+-------+-------+
//!         0.0     0.5     1.0     1.5     2.0     2.5     3.0     3.5s
//!         # running   - waiting (thread free)
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
//! | `datetime.now().strftime(..)` | `wallclock::now().format(..)` |
//! | `async def main()` | `async fn async_main()` |
//! | `asyncio.run(main())` | `Builder::new_current_thread()` .. |
//! | `KeyboardInterrupt` on Ctrl-C | `tokio::signal::ctrl_c()`, `select!` |

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use common::Extras; // port-only
use tokio::runtime::Builder;
use tokio::task::JoinError;
use tokio::time::sleep;
use tracing::{info_span, Instrument};

#[path = "../../../compat/wallclock.rs"] // port-only
mod wallclock;

// step: cli
/// A worker that prints a message every second, cancelled after 3.5 s.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: Extras, // port-only
}

// step: now
fn now() -> String {
    wallclock::now().format("%H:%M:%S%.6f").to_string()
}

// step: worker
/// The worker's `finally:` block: it runs when the worker's future is
/// dropped, cancelled or not.
struct Cleanup;

impl Drop for Cleanup {
    fn drop(&mut self) {
        println!("{} Worker cleaning up", now());
    }
}

async fn worker() {
    println!("{} Starting worker...", now());
    let _cleanup = Cleanup; // `try:`, until the end of the function
    loop {
        sleep(Duration::from_secs(1)).await;
        println!("{} Message from worker", now());
    }
}

// step: main
async fn async_main() -> Result<(), JoinError> {
    let task = tokio::spawn(worker().instrument(info_span!("worker")));
    sleep(Duration::from_millis(3500)).await;
    task.abort();
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
fn main() -> Result<ExitCode, Box<dyn Error>> {
    let cli = Cli::parse(); // copy: Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    let runtime = runtime.build()?;
    // Ctrl-C is a cancellation too, as `asyncio.run` makes it.
    let interrupted = runtime.block_on(async {
        tokio::select! {
            done = async_main() => done.map(|()| false),
            signal = tokio::signal::ctrl_c() => {
                signal.expect("Ctrl-C can be listened for");
                Ok(true)
            }
        }
    })?;
    drop(runtime); // and the tasks it holds: the worker cleans up
    if interrupted {
        eprintln!("worker-cancel: interrupted");
        // 128 + SIGINT's number, as a shell reports a program Ctrl-C ended.
        return Ok(ExitCode::from(130));
    }
    Ok(ExitCode::SUCCESS)
}
