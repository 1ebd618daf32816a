//! Three coroutines of 4, 2 and 3 s, wrapped in tasks and gathered.
//!
//! Each coroutine prints that it started, sleeps and prints that it
//! completed. Wrapped in tasks, all three start at once and sleep at the
//! same time, so they complete in the order of their sleeps, 2, 3, 1, and
//! the program takes 4 s (the longest sleep), not 4 + 2 + 3 = 9 s.
//!
//! From "An Introduction to Python Async IO" (a Python tutorial blog),
//! "Running Tasks Concurrently". The article's listing lost the lines that
//! create the tasks (one per coroutine, 1, 2, 3 in order), its `strftime`
//! calls and its `asyncio.run(main())`; this program has them.
//!
//! Run it, and notice the order of completion and the 4 s (your times of
//! day will differ; under `--virtual-time` the gaps are exact). With
//! `--timeline`, three sleeps side by side, all starting at zero:
//!
//! ```text
//! $ cargo run -p three-coroutines -- --virtual-time --timeline
//! Program Started -> 20:15:36
//! 20:15:36 -> Coroutine 1 Started...
//! 20:15:36 -> Coroutine 2 Started...
//! 20:15:36 -> Coroutine 3 Started...
//! 20:15:38 -> Coroutine 2 Completed...
//! 20:15:39 -> Coroutine 3 Completed...
//! 20:15:40 -> Coroutine 1 Completed...
//! Program Completed -> 20:15:40
//!
//! coroutine1  #-------------------------------------------------------#
//! coroutine2  #---------------------------#
//! coroutine3  #-----------------------------------------#
//!             +------+------+------+------+------+------+------+------+
//!             0.0    0.5    1.0    1.5    2.0    2.5    3.0    3.5    4.0s
//!             # running   - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def coroutine1()` | `async fn coroutine1()` |
//! | `asyncio.create_task(coroutine1())` | `tokio::spawn(coroutine1())` |
//! | `await asyncio.gather(*tasks)` | `tokio::try_join!(..)?` |
//! | `asyncio.run(main())` | `runtime.block_on(async { .. })` |
//! | `datetime.now()` | `wallclock::now()`, chrono's time on tokio's clock |
//! | `.strftime("%H:%M:%S")` | `.format("%H:%M:%S")` |

use std::error::Error;
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
/// Three coroutines of 4, 2 and 3 seconds, run as concurrent tasks.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: Extras, // port-only
}

// step: now
fn now() -> String {
    wallclock::now().format("%H:%M:%S").to_string()
}

// step: coroutine1
async fn coroutine1() {
    println!("{} -> Coroutine 1 Started...", now());
    sleep(Duration::from_secs(4)).await;
    println!("{} -> Coroutine 1 Completed...", now());
}

// step: coroutine2
async fn coroutine2() {
    println!("{} -> Coroutine 2 Started...", now());
    sleep(Duration::from_secs(2)).await;
    println!("{} -> Coroutine 2 Completed...", now());
}

// step: coroutine3
async fn coroutine3() {
    println!("{} -> Coroutine 3 Started...", now());
    sleep(Duration::from_secs(3)).await;
    println!("{} -> Coroutine 3 Completed...", now());
}

// step: main
async fn async_main() -> Result<(), JoinError> {
    // Wrap coroutines into tasks
    let task1 = tokio::spawn(coroutine1().instrument(info_span!("coroutine1")));
    let task2 = tokio::spawn(coroutine2().instrument(info_span!("coroutine2")));
    let task3 = tokio::spawn(coroutine3().instrument(info_span!("coroutine3")));
    // Wait for all tasks to complete
    tokio::try_join!(task1, task2, task3)?;
    Ok(())
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse(); // copy: Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only

    // Inside the runtime, so that `wallclock` reads the runtime's clock.
    runtime.build()?.block_on(async {
        println!("Program Started -> {}", now());
        async_main().await?;
        println!("Program Completed -> {}", now());
        Ok(())
    })
}
