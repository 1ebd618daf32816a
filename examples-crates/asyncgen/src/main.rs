//! An async generator as a `Stream`, collected with and without a filter.
//!
//! `mygen()` yields the powers of two below `2 ** 10` and sleeps 0.1 s
//! after each item. A stream, like Python's async generator, does not make
//! the iteration concurrent: each item is produced only when the consumer
//! asks for the next one, so one pass takes 10 x 0.1 s = 1 s, and the two
//! comprehensions, one after the other, take 2 s. What the awaits buy is
//! that other tasks could run during each 0.1 s; here there are none.
//!
//! From `004_889b89e9c64afa5a.txt`, "async for and list comprehensions".
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
//! The article prints the lists in a REPL (`>>> g`); the time line is ours.
//!
//! | Python | Rust |
//! |---|---|
//! | `async def mygen(u)` with `yield` | `fn mygen(u) -> impl Stream`, built with `futures::stream::unfold` |
//! | `[i async for i in mygen()]` | `mygen(10).collect::<Vec<_>>().await` |
//! | `[j async for j in mygen() if not (j // 3 % 5)]` | `mygen(10).filter(...).collect::<Vec<_>>().await` |
//! | `await asyncio.sleep(0.1)` | `tokio::time::sleep(Duration::from_millis(100)).await` |

use std::time::Duration;

use clap::Parser;
use common::{secs, CommonArgs};
use futures::stream::{self, Stream, StreamExt};
use tokio::time::sleep;

/// Collects an async generator of powers of two, whole and filtered.
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

/// Yields `2 ** i` for `i` in `0..u`, sleeping 0.1 s after each item.
///
/// Stable Rust has no `yield` in async code yet (`gen` blocks and
/// `AsyncIterator` are unstable), so the generator is a `Stream` built
/// from a state (`i`) and a step that makes the next item.
fn mygen(u: u32) -> impl Stream<Item = u64> {
    stream::unfold(0, move |i| async move {
        // Python sleeps after each `yield`, when the consumer comes back
        // for the next item. `unfold` runs this step only when the next
        // item is asked for, so sleeping at the start of every step but
        // the first is the same moment: ten sleeps per pass, the last one
        // before the generator says it is done.
        if i > 0 {
            sleep(Duration::from_millis(100)).await;
        }
        (i < u).then(|| (2u64.pow(i), i + 1))
    })
}

fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    cli.common.run(async {
        let clock = cli.common.clock();

        // Each `collect` drives its stream item by item, awaiting each
        // sleep in turn: a loop, not a `gather`.
        let g: Vec<u64> = mygen(10).collect().await;
        let f: Vec<u64> = mygen(10)
            // `not (j // 3 % 5)`: Python's `//` on positive integers is
            // Rust's `/`.
            .filter(|j| std::future::ready(j / 3 % 5 == 0))
            .collect()
            .await;

        println!("g = {g:?}");
        println!("f = {f:?}");
        let elapsed = clock.elapsed();
        println!("asyncgen executed in {} seconds.", secs(elapsed, 2));
    })
}
