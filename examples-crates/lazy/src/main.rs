//! A future does nothing until it is driven; a spawned task starts at once.
//!
//! Calling an `async fn` only makes a future, as calling an `async def`
//! only makes a coroutine object: nothing prints until it is awaited. So
//! when `main` first spends a second on its own work and then awaits the
//! future, `Hello ...` comes only after that second and the whole takes
//! 2 s. `tokio::spawn`, like `asyncio.create_task`, hands the future to
//! the runtime, which runs it as soon as `main` awaits anything: `Hello
//! ...` prints at once, its sleep overlaps `main`'s, and it takes 1 s.
//!
//! From `004_889b89e9c64afa5a.txt`, "The Event Loop", first point: a
//! coroutine called in isolation "has little effect".
//!
//! Run it, and notice when `Hello ...` appears, and the two times:
//!
//! ```text
//! $ cargo run -p lazy -- --virtual-time
//! routine = say_hello(): created; nothing has run yet.
//! main works 1 s, then awaits routine:
//! Hello ...
//! World!
//! A future runs only when awaited: 2.00 seconds.
//! task = tokio::spawn(say_hello()): handed to the runtime.
//! main works 1 s, then awaits task:
//! Hello ...
//! World!
//! A task runs while main works: 1.00 seconds.
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `routine = main()` | `let routine = say_hello();` (a future, not run) |
//! | `<coroutine object main at 0x1027a6150>` | no output: a future is just a value |
//! | `asyncio.run(routine)` / `await routine` | `routine.await` |
//! | `asyncio.create_task(main())` | `tokio::spawn(say_hello())` |
//! | `await task` | `task.await?` (a `JoinHandle`) |

use std::time::Duration;

use clap::Parser;
use common::{secs, CommonArgs};
use tokio::time::sleep;

/// Shows that a future is lazy and a spawned task is not.
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

/// The article's `main()`: `Hello ...`, a second's sleep, `World!`.
async fn say_hello() {
    println!("Hello ...");
    sleep(Duration::from_secs(1)).await;
    println!("World!");
}

/// Stands for whatever else `main` has to do: a second of waiting that
/// gives the thread back to the runtime, so anything it was handed can
/// run meanwhile. It is the lesson, not a pause to "give tasks time".
async fn other_work() {
    sleep(Duration::from_secs(1)).await;
}

// The boxed error is a deliberate simplification: two kinds of error
// (starting the runtime, a task that panicked) and no caller to tell apart.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    cli.common.run(async {
        let clock = cli.common.clock();
        // Calling an async fn runs none of its body: `routine` holds the
        // function's state, stopped before its first line.
        let routine = say_hello();
        println!("routine = say_hello(): created; nothing has run yet.");
        println!("main works 1 s, then awaits routine:");
        // The runtime is idle during this second: nobody gave it
        // `routine`, so `Hello ...` waits until the await below.
        other_work().await;
        routine.await;
        let elapsed = clock.elapsed();
        let elapsed = secs(elapsed, 2);
        println!("A future runs only when awaited: {elapsed} seconds.");

        let clock = cli.common.clock();
        // `spawn` gives the future to the runtime as a task of its own.
        // On this one-thread runtime it first runs when `main` awaits
        // (here, `other_work`), as a task from `asyncio.create_task` runs
        // at the caller's next `await`. Awaiting the handle afterwards
        // only waits for what is already under way.
        let task = tokio::spawn(say_hello());
        println!("task = tokio::spawn(say_hello()): handed to the runtime.");
        println!("main works 1 s, then awaits task:");
        other_work().await;
        task.await?;
        let elapsed = clock.elapsed();
        let elapsed = secs(elapsed, 2);
        println!("A task runs while main works: {elapsed} seconds.");
        Ok(())
    })?
}
