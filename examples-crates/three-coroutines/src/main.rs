//! Three coroutines of 4, 2 and 3 s, wrapped in tasks and gathered.
//!
//! Each coroutine prints that it started, sleeps and prints that it
//! completed. Wrapped in tasks, all three start at once and sleep at the
//! same time, so they complete in the order of their sleeps, 2, 3, 1, and
//! the program takes 4 s (the longest sleep), not 4 + 2 + 3 = 9 s.
//!
//! From `002_fa31a654236e06fe.txt`, "Running Tasks Concurrently". The
//! article's listing lost the lines that create the tasks (one per
//! coroutine, 1, 2, 3 in order), its `strftime` calls and its
//! `asyncio.run(main())`; this program has them.
//!
//! Run it, and notice the order of completion and the 4 s (your times of
//! day will differ; under `--virtual-time` the gaps are exact):
//!
//! ```text
//! $ cargo run -p three-coroutines -- --virtual-time
//! Program Started -> 20:15:36
//! 20:15:36 -> Coroutine 1 Started...
//! 20:15:36 -> Coroutine 2 Started...
//! 20:15:36 -> Coroutine 3 Started...
//! 20:15:38 -> Coroutine 2 Completed...
//! 20:15:39 -> Coroutine 3 Completed...
//! 20:15:40 -> Coroutine 1 Completed...
//! Program Completed -> 20:15:40
//! ```
//!
//! With `--timeline`, three sleeps side by side, all starting at zero:
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
//! coroutine 1  #-------------------------------------------------------#
//! coroutine 2  #---------------------------#
//! coroutine 3  #-----------------------------------------#
//!              +------+------+------+------+------+------+------+------+
//!              0.0    0.5    1.0    1.5    2.0    2.5    3.0    3.5    4.0s
//!              # running   - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def coroutine1()` | `async fn coroutine1(..)` |
//! | `asyncio.create_task(coroutine1())` | `tokio::spawn(coroutine1(..))` |
//! | `await asyncio.gather(*tasks)` | `tokio::try_join!(task1, task2, task3)?` |
//! | `asyncio.run(main())` | `runtime.block_on(..)`, here through `common::exit::block_on_interruptible`, which also ends the program on Ctrl-C (status 130) |
//! | `datetime.now().strftime("%H:%M:%S")` | `clock.hms()` |

use std::time::Duration;

use clap::Parser;
use common::{Clock, CommonArgs, Row};
use tokio::time::sleep;

/// Three coroutines of 4, 2 and 3 seconds, run as concurrent tasks.
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

// Three functions that differ only in their numbers, as in the article, so
// that each can be read beside its Python twin.

async fn coroutine1(clock: Clock, row: Row) {
    println!("{} -> Coroutine 1 Started...", clock.hms());
    row.sleeping(sleep(Duration::from_secs(4))).await;
    println!("{} -> Coroutine 1 Completed...", clock.hms());
}

async fn coroutine2(clock: Clock, row: Row) {
    println!("{} -> Coroutine 2 Started...", clock.hms());
    row.sleeping(sleep(Duration::from_secs(2))).await;
    println!("{} -> Coroutine 2 Completed...", clock.hms());
}

async fn coroutine3(clock: Clock, row: Row) {
    println!("{} -> Coroutine 3 Started...", clock.hms());
    row.sleeping(sleep(Duration::from_secs(3))).await;
    println!("{} -> Coroutine 3 Completed...", clock.hms());
}

// A boxed error is a deliberate simplification: the only errors are the
// runtime failing to start and a task that panicked.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    // The prints around `asyncio.run(main())` run outside the runtime, as
    // in the Python. Entering the runtime lets the clock read its clock
    // (the paused one under `--virtual-time`) from here too.
    let runtime = cli.common.runtime()?;
    let _inside = runtime.enter();
    let clock = cli.common.clock();
    let timeline = cli.common.timeline(&clock);

    println!("Program Started -> {}", clock.hms());
    common::exit::block_on_interruptible(&runtime, async {
        // Wrap coroutines into tasks: each starts as soon as this block
        // first waits, in the order spawned, so the `Started` lines come
        // out 1, 2, 3.
        let row = timeline.row("coroutine 1");
        let task1 = tokio::spawn(coroutine1(clock.clone(), row));
        let row = timeline.row("coroutine 2");
        let task2 = tokio::spawn(coroutine2(clock.clone(), row));
        let row = timeline.row("coroutine 3");
        let task3 = tokio::spawn(coroutine3(clock.clone(), row));
        // Wait for all tasks to complete. Like `gather`, `try_join!` waits
        // for every one (results in argument order), but returns at the
        // first that fails, here one that panicked.
        tokio::try_join!(task1, task2, task3)
    })?;
    println!("Program Completed -> {}", clock.hms());

    timeline.print();
    Ok(())
}
