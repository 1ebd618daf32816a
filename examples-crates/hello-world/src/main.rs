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
//! day will differ; under `--virtual-time` the gaps are exact). With
//! `--timeline` it draws the coroutine: it runs at the start and the end,
//! and in between it waits with the thread free:
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
//!                    # running   - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def print_hello_world()` | `async fn print_hello_world()` |
//! | `await asyncio.sleep(4)` | `sleep(Duration::from_secs(4)).await` |
//! | `asyncio.run(print_hello_world())` | `runtime.block_on(async { .. })` |
//! | `datetime.now()` | `wallclock::now()`, chrono's time on tokio's clock |
//! | `.strftime("%H:%M:%S")` | `.format("%H:%M:%S")` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use common::Extras; // port-only
use tokio::runtime::Builder;
use tokio::time::sleep;
use tracing::{info_span, Instrument};

#[path = "../../../compat/wallclock.rs"] // port-only
mod wallclock;

// step: cli
/// Hello, a four-second sleep, World.
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

// step: hello
async fn print_hello_world() {
    println!("{} -> Hello", now());
    sleep(Duration::from_secs(4)).await;
    println!("{} -> World", now());
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
        print_hello_world()
            .instrument(info_span!("print_hello_world"))
            .await;
        println!("Program Completed -> {}", now());
    });
    Ok(())
}
