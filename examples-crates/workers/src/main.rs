//! Two workers of 2 s and 1 s, run concurrently: 2 s in all, not 3 s.
//!
//! `worker(name, delay)` prints that it started, sleeps `delay` seconds
//! and prints that it finished. Both workers are started as tasks before
//! either is awaited, so their sleeps overlap: B, the shorter, finishes
//! first, and the program takes about 2 s. With `--gather` they are
//! gathered instead; their results come back in argument order, A before
//! B, although B finished first.
//!
//! From `003_b56628966450f672.txt`, "Running Multiple Coroutines" and
//! "Gathering Tasks". So that the gathered results show something, the
//! worker returns its name (the article's returns nothing, and `gather`
//! gives `[None, None]`).
//!
//! Run it, and notice that B finishes before A:
//!
//! ```text
//! $ cargo run -p workers -- --virtual-time
//! A started
//! B started
//! B finished after 1s
//! A finished after 2s
//! ```
//!
//! Gathered, the same lines, then the results in argument order:
//!
//! ```text
//! $ cargo run -p workers -- --virtual-time --gather
//! A started
//! B started
//! B finished after 1s
//! A finished after 2s
//! ['A', 'B']
//! ```
//!
//! With `--timeline`, the two sleeps side by side:
//!
//! ```text
//! $ cargo run -p workers -- --virtual-time --timeline
//! A started
//! B started
//! B finished after 1s
//! A finished after 2s
//!
//! worker A  #-------------------------------------------------------#
//! worker B  #---------------------------#
//!           +------+------+------+------+------+------+------+------+
//!           0.00   0.25   0.50   0.75   1.00   1.25   1.50   1.75   2.00s
//!           # running   - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def worker(name, delay)` | `async fn worker(row, name, delay)` |
//! | `task1 = asyncio.create_task(worker("A", 2))` | `let task1 = tokio::spawn(worker(.., "A", 2));` |
//! | `await task1` | `task1.await?` |
//! | `await asyncio.gather(worker("A", 2), worker("B", 1))` | `tokio::join!(worker(.., "A", 2), worker(.., "B", 1))` |
//! | `print(results)`, `['A', 'B']` | `println!("['{a}', '{b}']")` |

use std::time::Duration;

use clap::Parser;
use common::{CommonArgs, Row};
use tokio::time::sleep;

/// Workers A (2 s) and B (1 s), run concurrently.
#[derive(Parser, Debug)]
struct Cli {
    /// Gather the two workers with `join!` and print their results,
    /// instead of spawning two tasks and awaiting each.
    #[arg(long)]
    gather: bool,

    #[command(flatten)]
    common: CommonArgs,
}

async fn worker(row: Row, name: &'static str, delay: u64) -> &'static str {
    println!("{name} started");
    row.sleeping(sleep(Duration::from_secs(delay))).await;
    println!("{name} finished after {delay}s");
    name
}

// A boxed error is a deliberate simplification: the only errors are the
// runtime failing to start and a task that panicked.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    cli.common.run(async {
        let clock = cli.common.clock();
        let timeline = cli.common.timeline(&clock);
        let row_a = timeline.row("worker A");
        let row_b = timeline.row("worker B");

        if cli.gather {
            // `gather`: `join!` polls both futures inside this task until
            // both are done, and hands back their outputs in the order
            // written, whatever order they finished in.
            let (a, b) =
                tokio::join!(worker(row_a, "A", 2), worker(row_b, "B", 1));
            // Printed the way Python prints a list of strings.
            println!("['{a}', '{b}']");
        } else {
            // Schedule tasks concurrently: both start running when this
            // task first waits, before either is awaited.
            let task1 = tokio::spawn(worker(row_a, "A", 2));
            let task2 = tokio::spawn(worker(row_b, "B", 1));
            // Awaiting A first does not hold B back: B is already running
            // and finishes while we wait for A.
            task1.await?;
            task2.await?;
        }

        timeline.print();
        Ok::<_, tokio::task::JoinError>(())
    })??; // the runtime started (outer `?`), the tasks ended well (inner)
    Ok(())
}
