//! A future does nothing until it is driven; a spawned task starts at once.
//!
//! Calling an `async fn` only makes a future, as calling an `async def`
//! only makes a coroutine object: nothing prints until it is awaited. So
//! when the caller first spends a second on its own work and then awaits
//! the future, `Hello ...` comes only after that second, and the whole
//! takes 2 s. `tokio::spawn`, like `asyncio.create_task`, hands the future
//! to the runtime, which runs it as soon as the caller awaits anything:
//! `Hello ...` prints at once, its sleep overlaps the caller's, and the
//! whole takes 1 s.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough", "The
//! Event Loop and asyncio.run()": a coroutine called in isolation "has
//! little effect" until it is tied to the event loop.
//!
//! Run it, and notice when `Hello ...` appears, and the two times. With
//! `--timeline` it draws both halves, the second where the first ended:
//! `routine` begins when the caller's `work` is over, `task` alongside it:
//!
//! ```text
//! $ cargo run -p lazy -- --virtual-time --timeline
//! routine created; nothing has run yet.
//! Working 1 s, then awaiting routine:
//! Hello ...
//! World!
//! routine ran only when awaited: 2.00 seconds.
//! task created; it starts at the next await.
//! Working 1 s, then awaiting task:
//! Hello ...
//! World!
//! task ran while we worked: 1.00 seconds.
//!
//! routine                      #-------------------#
//! work     #-------------------#
//! task                                             #-------------------#
//! work                                             #-------------------#
//!          +---------+---------+---------+---------+---------+---------+
//!          0.0       0.5       1.0       1.5       2.0       2.5       3.0s
//!          # running   - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def main()` | `async fn async_main()` |
//! | `routine = main()` | `let routine = async_main();` (a future, not run) |
//! | `<coroutine object main at 0x1027a6150>` | nothing: a future is a value |
//! | `asyncio.run(routine)`, `await routine` | `routine.await` |
//! | `task = asyncio.create_task(main())` | `tokio::spawn(async_main())` |
//! | `await task` | `task.await?` (a `JoinHandle`) |
//! | two `asyncio.run(...)` calls | two `runtime.build()?.block_on(..)` |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |
//! | `f"{elapsed:0.2f}"` | `format!("{:.2}", elapsed.as_secs_f64())` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use common::Extras; // port-only
use tokio::runtime::Builder;
use tokio::task::JoinError;
use tokio::time::{sleep, Instant};
use tracing::{info_span, Instrument};

// step: cli
/// Shows that a future is lazy and a spawned task is not.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: Extras, // port-only
}

// step: main
async fn async_main() {
    println!("Hello ...");
    sleep(Duration::from_secs(1)).await;
    println!("World!");
}

// step: work
/// Whatever else the caller does first: a second that frees the thread.
async fn other_work() {
    sleep(Duration::from_secs(1)).await;
}

// step: lazy
async fn lazy() {
    let s = Instant::now();
    let routine = async_main().instrument(info_span!("routine"));
    println!("routine created; nothing has run yet.");
    println!("Working 1 s, then awaiting routine:");
    other_work().instrument(info_span!("work")).await;
    routine.await;
    let elapsed = s.elapsed().as_secs_f64();
    println!("routine ran only when awaited: {elapsed:.2} seconds.");
}

// step: eager
async fn eager() -> Result<(), JoinError> {
    let s = Instant::now();
    let task = tokio::spawn(async_main().instrument(info_span!("task")));
    println!("task created; it starts at the next await.");
    println!("Working 1 s, then awaiting task:");
    other_work().instrument(info_span!("work")).await;
    task.await?;
    let elapsed = s.elapsed().as_secs_f64();
    println!("task ran while we worked: {elapsed:.2} seconds.");
    Ok(())
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse(); // copy: Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    runtime.build()?.block_on(lazy());
    runtime.build()?.block_on(eager())?;
    Ok(())
}
