//! A coroutine that prints `Hello`, sleeps 4 s and prints `World`.
//!
//! `print_hello_world` stops at its sleep and gives the thread back to the
//! event loop, which would run any other coroutine meanwhile; after 4 s
//! the loop resumes it and it prints `World`. The program around it hands
//! the coroutine to the runtime and waits for it, so `Program Completed`
//! comes 4 s after `Program Started`.
//!
//! From "An Introduction to Python Async IO" (a Python tutorial blog),
//! "async/await and Coroutines". The article's listing lost its
//! `datetime.now().strftime` calls and its `asyncio.run` line; this
//! program has them.
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
//! | Python | Rust |
//! |---|---|
//! | `async def print_hello_world()` | `async fn print_hello_world()` |
//! | `await asyncio.sleep(4)` | `sleep(Duration::from_secs(4)).await` |
//! | `asyncio.run(print_hello_world())` | `cli.time.run(..)`, `.await` |
//! | `datetime.now().strftime("%H:%M:%S")` | `now()`: `common::hms()` |

use std::time::Duration;

use clap::Parser;
use common::VirtualTime;
use tokio::time::sleep;

// step: cli
/// Hello, a four-second sleep, World.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)]
    time: VirtualTime,
}

// step: now
/// `datetime.now().strftime("%H:%M:%S")`, on tokio's clock.
fn now() -> String {
    common::hms()
}

// step: hello
async fn print_hello_world() {
    println!("{} -> Hello", now());
    // Here the coroutine is suspended and the runtime is free to run
    // anything else for 4 s; there happens to be nothing else.
    sleep(Duration::from_secs(4)).await;
    println!("{} -> World", now());
}

// step: run
fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    // `asyncio.run`: drive the coroutine to its end on a runtime. The
    // Python prints the first and last lines outside `asyncio.run`; here
    // they are inside, so that their timestamps read the runtime's clock,
    // the paused one under `--virtual-time`, which outside it cannot.
    cli.time.run(async {
        println!("Program Started -> {}", now());
        print_hello_world().await;
        println!("Program Completed -> {}", now());
    })
}
