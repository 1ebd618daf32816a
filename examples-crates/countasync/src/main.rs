//! Three coroutines that each sleep one second, run concurrently.
//!
//! `count()` prints `One`, sleeps for a second and prints `Two`. The three
//! calls are gathered, so their sleeps overlap: all three `One`s come
//! first, then all three `Two`s, and the program takes about 1 s, not 3 s.
//! While one `count` sleeps it gives the thread back to the runtime, which
//! runs the others; compare `countsync`, where each sleep blocks the thread.
//!
//! From `004_889b89e9c64afa5a.txt`, "The async/await Syntax and Native
//! Coroutines" (the same program opens `000_637b2e7f14cfe1d4.txt`).
//!
//! Run it, and notice the order of the lines and the time:
//!
//! ```text
//! $ cargo run -p countasync -- --virtual-time
//! One
//! One
//! One
//! Two
//! Two
//! Two
//! countasync executed in 1.00 seconds.
//! ```
//!
//! Without `--virtual-time` it really waits, and reports about 1.00 s.
//! With `--timeline` it draws three bars side by side:
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
//!          # running   - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def count()` | `async fn count()` |
//! | `await asyncio.sleep(1)` | `tokio::time::sleep(Duration::from_secs(1)).await` |
//! | `asyncio.gather(count(), count(), count())` | `tokio::join!(count(), count(), count())` |
//! | `asyncio.run(main())` | a current-thread tokio runtime's `block_on(main())` |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` (in `common::Clock`) |
//! | `f"{elapsed:0.2f}"` | `common::secs(elapsed, 2)` |

use std::time::Duration;

use clap::Parser;
use common::{secs, CommonArgs, Row};
use tokio::time::sleep;

/// Three counts that sleep one second each, concurrently.
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

async fn count(row: Row) {
    println!("One");
    // The await hands the thread back to the runtime for the whole second,
    // so the other two counts print their `One` meanwhile.
    row.sleeping(sleep(Duration::from_secs(1))).await;
    println!("Two");
}

fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    cli.common.run(async {
        let clock = cli.common.clock();
        let timeline = cli.common.timeline(&clock);

        // `gather` of three coroutines: `join!` polls all three inside this
        // one task and finishes when the last does. No `spawn` is needed
        // for concurrency, only for running apart from the caller.
        tokio::join!(
            count(timeline.row("count 1")),
            count(timeline.row("count 2")),
            count(timeline.row("count 3")),
        );

        let elapsed = clock.elapsed();
        println!("countasync executed in {} seconds.", secs(elapsed, 2));
        timeline.print();
    })
}
