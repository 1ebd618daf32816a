//! Three coroutines that each sleep one second, run concurrently.
//!
//! `count()` prints `One`, sleeps for a second and prints `Two`. The three
//! calls are gathered, so their sleeps overlap: all three `One`s come
//! first, then all three `Two`s, and the program takes about 1 s, not 3 s.
//! While one `count` sleeps it gives the thread back to the runtime, which
//! runs the others; compare `countsync`, where each sleep blocks the thread.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough", "The
//! async/await Syntax and Native Coroutines" (`countasync.py`).
//!
//! Run it; `--virtual-time` skips the waiting and prints the ideal time,
//! and `--timeline` draws the three sleeps side by side:
//!
//! ```text
//! $ cargo run -p countasync -- --virtual-time --timeline
//! One
//! One
//! One
//! Two
//! Two
//! Two
//! countasync executed in 1.00 seconds.
//!
//! count 1  #-----------------------------------------------------------#
//! count 2  #-----------------------------------------------------------#
//! count 3  #-----------------------------------------------------------#
//!          +-----------+-----------+-----------+-----------+-----------+
//!          0.0         0.2         0.4         0.6         0.8         1.0s
//!          # running   - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def count()` | `async fn count()` |
//! | `await asyncio.sleep(1)` | `sleep(Duration::from_secs(1)).await` |
//! | `asyncio.gather(count(), count(), count())` | `tokio::join!(...)` |
//! | `asyncio.run(main())` | `runtime.block_on(async_main())` |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |
//! | `f"{elapsed:0.2f}"` | `format!("{:.2}", elapsed.as_secs_f64())` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use common::Extras; // port-only
use tokio::runtime::Builder;
use tokio::time::{sleep, Instant};
use tracing::{info_span, Instrument};

// step: cli
/// Three counts that sleep one second each, concurrently.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: Extras, // port-only
}

// step: count
async fn count() {
    println!("One");
    sleep(Duration::from_secs(1)).await;
    println!("Two");
}

// step: main
async fn async_main() {
    tokio::join!(
        count().instrument(info_span!("count", n = 1)),
        count().instrument(info_span!("count", n = 2)),
        count().instrument(info_span!("count", n = 3)),
    );
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse(); // copy: Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    runtime.build()?.block_on(async {
        let s = Instant::now();
        async_main().await;
        let elapsed = s.elapsed().as_secs_f64();
        println!("countasync executed in {elapsed:.2} seconds.");
    });
    Ok(())
}
