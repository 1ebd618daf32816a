//! The smallest coroutine: `Hello...`, a one-second sleep, `...World!`.
//!
//! `say_hello` prints, awaits a one-second sleep and prints again. The
//! sleep does not block: it suspends the coroutine and frees the thread
//! for other work (there is none here), where `std::thread::sleep`, like
//! Python's `time.sleep`, would hold the thread for the whole second. The
//! program takes 1 s.
//!
//! From `003_b56628966450f672.txt`, "Basic Coroutine".
//!
//! Run it; the second line comes a second after the first (at once under
//! `--virtual-time`):
//!
//! ```text
//! $ cargo run -p say-hello -- --virtual-time
//! Hello...
//! ...World!
//! ```
//!
//! With `--timeline`, the coroutine's one row: the second it spends asleep
//! while the thread is free:
//!
//! ```text
//! $ cargo run -p say-hello -- --virtual-time --timeline
//! Hello...
//! ...World!
//!
//! say_hello  #-----------------------------------------------------#
//!            +----------+----------+----------+----------+----------+
//!            0.0        0.2        0.4        0.6        0.8        1.0s
//!            # running   - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def say_hello()` | `async fn say_hello(..)` |
//! | `await asyncio.sleep(1)` | `sleep(Duration::from_secs(1)).await` |
//! | `asyncio.run(say_hello())` | `cli.common.run(say_hello(..))` |

use std::time::Duration;

use clap::Parser;
use common::{CommonArgs, Row};
use tokio::time::sleep;

/// Hello..., a one-second sleep, ...World!
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

async fn say_hello(row: Row) {
    println!("Hello...");
    // Non-blocking: the coroutine is suspended, the thread is not.
    row.sleeping(sleep(Duration::from_secs(1))).await;
    println!("...World!");
}

fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    cli.common.run(async {
        let clock = cli.common.clock();
        let timeline = cli.common.timeline(&clock);
        say_hello(timeline.row("say_hello")).await;
        timeline.print();
    })
}
