//! Two workers of 2 s and 1 s, run concurrently: 2 s in all, not 3 s.
//!
//! `worker(name, delay)` prints that it started, sleeps `delay` seconds
//! and prints that it finished. Both workers are started as tasks before
//! either is awaited, so their sleeps overlap: B, the shorter, finishes
//! first, and the program takes about 2 s. With `--gather` they are
//! gathered instead: the same lines and the same 2 s, then the results in
//! argument order, `['A', 'B']`, although B finished first.
//!
//! From "Asyncio in Python" (DEV Community), "Running Multiple
//! Coroutines" and "Gathering Tasks". So that the gathered results show
//! something, the worker returns its name (the article's returns nothing,
//! and `gather` would give `[None, None]`).
//!
//! Run it, and notice that B finishes before A, and in the picture that
//! the two sleeps overlap:
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
//!           # running   - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def worker(name, delay)` | `async fn worker(name, delay)` |
//! | `asyncio.create_task(worker("A", 2))` | `tokio::spawn(worker("A", 2))` |
//! | `await task1` | `task1.await?` (`Err` if the task panicked) |
//! | `await asyncio.gather(a, b)` | `tokio::join!(a, b)` (outputs in order) |
//! | `print(results)`, `['A', 'B']` | `println!("['{a}', '{b}']")` |
//! | `asyncio.run(main(gather))` | `runtime.block_on(async_main(gather))?` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use common::Extras; // port-only
use tokio::runtime::Builder;
use tokio::task::JoinError;
use tokio::time::sleep;
use tracing::{info_span, Instrument};

// step: cli
/// Workers A (2 s) and B (1 s), run concurrently.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// Gather the two workers with `join!` and print their results,
    /// instead of spawning two tasks and awaiting each.
    #[arg(long)]
    gather: bool,
    #[command(flatten)] // port-only
    extras: Extras, // port-only
}

// step: worker
async fn worker(name: &'static str, delay: u64) -> &'static str {
    println!("{name} started");
    sleep(Duration::from_secs(delay)).await;
    println!("{name} finished after {delay}s");
    name
}

// step: main
async fn async_main(gather: bool) -> Result<(), JoinError> {
    let span_a = info_span!("worker", name = "A");
    let span_b = info_span!("worker", name = "B");
    if gather {
        let (a, b) = tokio::join!(
            worker("A", 2).instrument(span_a),
            worker("B", 1).instrument(span_b),
        );
        println!("['{a}', '{b}']");
    } else {
        // Schedule tasks concurrently
        let task1 = tokio::spawn(worker("A", 2).instrument(span_a));
        let task2 = tokio::spawn(worker("B", 1).instrument(span_b));
        task1.await?;
        task2.await?;
    }
    Ok(())
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    runtime.build()?.block_on(async_main(cli.gather))?;
    Ok(())
}
