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
//! | `asyncio.run(main())` | `runtime.block_on(async_main())` |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |
//! | `f"{elapsed:0.2f}"` | `format!("{:.2}", elapsed.as_secs_f64())` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use common::Timeline; // port-only
use tokio::runtime::Builder;
use tokio::task::{spawn_blocking, JoinError};
use tokio::time::{sleep, Instant};
use tracing::{info_span, Instrument};

/// Gathers three one-second jobs that block, sleep, and block aside.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: Timeline, // port-only
}

const SECOND: Duration = Duration::from_secs(1);

// step: jobs
/// The mistake: a blocking call in an async fn holds the runtime's thread.
async fn blocking_job() {
    std::thread::sleep(SECOND);
}

/// The fix when the wait itself can be async.
async fn async_job() {
    sleep(SECOND).await;
}

// step: report
fn report(what: &str, s: Instant) {
    let elapsed = s.elapsed().as_secs_f64();
    println!("{what:<34} {elapsed:.2} seconds.");
}

// step: main
async fn async_main() -> Result<(), JoinError> {
    let s = Instant::now();
    tokio::join!(
        blocking_job().instrument(info_span!("blocking", n = 1)),
        blocking_job().instrument(info_span!("blocking", n = 2)),
        blocking_job().instrument(info_span!("blocking", n = 3)),
    );
    report("Blocking sleeps in coroutines:", s);

    let s = Instant::now();
    tokio::join!(
        async_job().instrument(info_span!("async", n = 1)),
        async_job().instrument(info_span!("async", n = 2)),
        async_job().instrument(info_span!("async", n = 3)),
    );
    report("Async sleeps:", s);

    let s = Instant::now();
    let nap = || std::thread::sleep(SECOND);
    tokio::try_join!(
        spawn_blocking(nap).instrument(info_span!("worker", n = 1)),
        spawn_blocking(nap).instrument(info_span!("worker", n = 2)),
        spawn_blocking(nap).instrument(info_span!("worker", n = 3)),
    )?;
    report("Blocking sleeps on worker threads:", s);
    Ok(())
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse(); // copy: Cli::parse();
    let _extras = cli.extras.setup(); // port-only
    let runtime = Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async_main())?;
    Ok(())
}
