//! An async generator as a `Stream`, collected with and without a filter.
//!
//! `mygen()` yields the powers of two below `2 ** 10` and sleeps 0.1 s
//! after each item. A stream, like Python's async generator, does not make
//! the iteration concurrent: each item is produced only when the consumer
//! asks for the next one, so one pass takes 10 x 0.1 s = 1 s, and the two
//! comprehensions, one after the other, take 2 s. What the awaits buy is
//! that other tasks could run during each 0.1 s; here there are none.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough",
//! "async for and list comprehensions".
//!
//! Run it, and notice the two lists and the time:
//!
//! ```text
//! $ cargo run -p asyncgen -- --virtual-time
//! g = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
//! f = [1, 2, 16, 32, 256, 512]
//! asyncgen executed in 2.00 seconds.
//! ```
//!
//! The article shows the lists in a REPL (`>>> g`); the time line is ours.
//!
//! | Python | Rust |
//! |---|---|
//! | `async def mygen(u)`, `yield` | `fn mygen(u) -> impl Stream` (`unfold`) |
//! | `[i async for i in mygen()]` | `mygen(10).collect::<Vec<_>>().await` |
//! | `[j async for j in mygen() if ...]` | `mygen(10).filter(..).collect()` |
//! | `await asyncio.sleep(0.1)` | `sleep(Duration::from_millis(100)).await` |
//! | `asyncio.run(main())` | `runtime.block_on(async_main())` |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |
//! | `f"{elapsed:0.2f}"` | `format!("{:.2}", elapsed.as_secs_f64())` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use common::VirtualTime; // port-only
use futures::stream::{self, Stream, StreamExt};
use tokio::runtime::Builder;
use tokio::time::{sleep, Instant};

// step: cli
/// Collects an async generator of powers of two, whole and filtered.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: VirtualTime, // port-only
}

// step: mygen
/// Yield powers of 2.
fn mygen(u: u32) -> impl Stream<Item = u64> {
    stream::unfold(0, move |i| async move {
        // Python sleeps after each `yield`, when the next item is asked
        // for: the start of every step but the first.
        if i > 0 {
            sleep(Duration::from_millis(100)).await;
        }
        (i < u).then(|| (2u64.pow(i), i + 1))
    })
}

// step: main
async fn async_main() -> (Vec<u64>, Vec<u64>) {
    // This does *not* introduce concurrent execution.
    let g: Vec<u64> = mygen(10).collect().await;
    let f: Vec<u64> = mygen(10)
        .filter(|j| std::future::ready(j / 3 % 5 == 0))
        .collect()
        .await;
    (g, f)
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse(); // copy: Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    runtime.build()?.block_on(async {
        let s = Instant::now();
        let (g, f) = async_main().await;
        println!("g = {g:?}");
        println!("f = {f:?}");
        let elapsed = s.elapsed().as_secs_f64();
        println!("asyncgen executed in {elapsed:.2} seconds.");
    });
    Ok(())
}
