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
//! `--virtual-time`, which skips the sleep). With `--timeline` it draws
//! the coroutine's second: running at each end, waiting in between:
//!
//! ```text
//! $ cargo run -p say-hello -- --virtual-time --timeline
//! Hello...
//! ...World!
//!
//! say_hello  #------------------------------------------------------#
//!            +----------+----------+----------+----------+----------+
//!            0.0        0.2        0.4        0.6        0.8        1.0s
//!            # running   - waiting (thread free)
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
use common::Extras; // port-only
use tokio::runtime::Builder;
use tokio::time::sleep;
use tracing::{info_span, Instrument};

// step: cli
/// Hello..., a one-second sleep, ...World!
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: Extras, // port-only
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
    let span = info_span!("say_hello");
    runtime.build()?.block_on(say_hello().instrument(span));
    Ok(())
}
