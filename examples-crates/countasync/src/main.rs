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
//! | `async def main()` | `async fn async_main()` |
//! | `asyncio.run(main())` | `cli.time.run(..)` (`common::run`) |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |
//! | `f"{elapsed:0.2f}"` | `secs(elapsed, 2)` |

use std::time::Duration;

use clap::Parser;
use common::{secs, trace, VirtualTime};
use tokio::time::{sleep, Instant};

// step: cli
/// Three counts that sleep one second each, concurrently.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)]
    time: VirtualTime,
    /// After the output, draw when each count ran and waited.
    #[arg(long)]
    timeline: bool,
}

// step: count
async fn count() {
    println!("One");
    // The await hands the thread back to the runtime for the whole second,
    // so the other two counts print their `One` meanwhile.
    sleep(Duration::from_secs(1)).await;
    println!("Two");
}

// step: main
async fn async_main() {
    // `gather` of three coroutines: `join!` polls all three inside this
    // one task and finishes when the last does. `trace` only watches each
    // future's polls for the timeline; `count` knows nothing of it.
    tokio::join!(
        trace("count 1", count()),
        trace("count 2", count()),
        trace("count 3", count()),
    );
}

// step: run
fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    cli.time.run(async {
        common::timeline::start(cli.timeline);
        let s = Instant::now();
        async_main().await;
        let elapsed = s.elapsed();
        println!("countasync executed in {} seconds.", secs(elapsed, 2));
        common::timeline::print();
    })
}
