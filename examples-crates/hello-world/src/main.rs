//! A coroutine that prints `Hello`, sleeps 4 s and prints `World`.
//!
//! `print_hello_world` stops at its sleep and gives the thread back to the
//! event loop, which would run any other coroutine meanwhile; after 4 s
//! the loop resumes it and it prints `World`. The program around it is
//! ordinary synchronous code that hands the coroutine to the runtime and
//! waits for it, so `Program Completed` comes 4 s after `Program Started`.
//!
//! From `002_fa31a654236e06fe.txt`, "async/await and Coroutines". The
//! article's listing lost its `datetime.now().strftime` calls and the
//! `asyncio.run(print_hello_world())` line; this program has them.
//!
//! Run it, and notice the 4 s between `Hello` and `World` (your times of
//! day will differ; under `--virtual-time` the gaps are exact):
//!
//! ```text
//! $ cargo run -p hello-world -- --virtual-time
//! Program Started -> 20:15:36
//! 20:15:36 -> Hello
//! 20:15:40 -> World
//! Program Completed -> 20:15:40
//! ```
//!
//! With `--timeline`, the coroutine's one row: running, 4 s asleep,
//! running:
//!
//! ```text
//! $ cargo run -p hello-world -- --virtual-time --timeline
//! Program Started -> 20:15:36
//! 20:15:36 -> Hello
//! 20:15:40 -> World
//! Program Completed -> 20:15:40
//!
//! print_hello_world  #-----------------------------------------------#
//!                    +-----+-----+-----+-----+-----+-----+-----+-----+
//!                    0.0   0.5   1.0   1.5   2.0   2.5   3.0   3.5   4.0s
//!                    # running   - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def print_hello_world()` | `async fn print_hello_world(..)` |
//! | `await asyncio.sleep(4)` | `sleep(Duration::from_secs(4)).await` |
//! | `asyncio.run(print_hello_world())` | `runtime.block_on(print_hello_world(..))`, here through `common::exit::block_on_interruptible`, which also ends the program on Ctrl-C (status 130) |
//! | `datetime.now().strftime("%H:%M:%S")` | `clock.hms()` |

use std::time::Duration;

use clap::Parser;
use common::{Clock, CommonArgs, Row};
use tokio::time::sleep;

/// Hello, a four-second sleep, World.
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

async fn print_hello_world(clock: &Clock, row: Row) {
    println!("{} -> Hello", clock.hms());
    // Here the coroutine is suspended and the runtime is free to run
    // anything else for 4 s; there happens to be nothing else.
    row.sleeping(sleep(Duration::from_secs(4))).await;
    println!("{} -> World", clock.hms());
}

fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    // As in the Python, the prints around the coroutine run outside it, so
    // the runtime is built here rather than hidden in `CommonArgs::run`.
    // Entering it lets the clock read the runtime's clock (the paused one
    // under `--virtual-time`) from this synchronous code too.
    let runtime = cli.common.runtime()?;
    let _inside = runtime.enter();
    let clock = cli.common.clock();
    let timeline = cli.common.timeline(&clock);

    println!("Program Started -> {}", clock.hms());
    let row = timeline.row("print_hello_world");
    // `asyncio.run`: drive the coroutine to its end on the runtime.
    common::exit::block_on_interruptible(
        &runtime,
        print_hello_world(&clock, row),
    );
    println!("Program Completed -> {}", clock.hms());

    timeline.print();
    Ok(())
}
