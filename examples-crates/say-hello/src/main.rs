//! The smallest coroutine: `Hello...`, a one-second sleep, `...World!`.
//!
//! `say_hello` prints, awaits a one-second sleep and prints again. The
//! sleep does not block: it suspends the coroutine and frees the thread
//! for other work (there is none here), where `std::thread::sleep`, like
//! Python's `time.sleep`, would hold the thread for the whole second. The
//! program takes 1 s.
//!
//! From "Asyncio in Python" (DEV Community), "Basic Coroutine".
//!
//! Run it; the second line comes a second after the first (at once with
//! `--virtual-time`, which skips the sleep):
//!
//! ```text
//! $ cargo run -p say-hello
//! Hello...
//! ...World!
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def say_hello()` | `async fn say_hello()` |
//! | `await asyncio.sleep(1)` | `sleep(Duration::from_secs(1)).await` |
//! | `asyncio.run(say_hello())` | `runtime.block_on(say_hello())` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use common::VirtualTime; // port-only
use tokio::runtime::Builder;
use tokio::time::sleep;

// step: cli
/// Hello..., a one-second sleep, ...World!
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: VirtualTime, // port-only
}

// step: hello
async fn say_hello() {
    println!("Hello...");
    // Non-blocking: suspends the coroutine, not the thread.
    sleep(Duration::from_secs(1)).await;
    println!("...World!");
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse(); // copy: Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    runtime.build()?.block_on(say_hello());
    Ok(())
}
