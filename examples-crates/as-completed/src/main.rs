//! Two tasks, their results taken in the order they complete.
//!
//! `coro(seq)` sleeps `max(seq)` seconds and returns `seq` reversed. The
//! tasks for `[3, 2, 1]` (3 s) and `[10, 5, 0]` (10 s) start together;
//! taking results as they complete, the first is in hand after 3 s, while
//! a gather (see `gather`) would give nothing until both are done, after
//! 10 s. The whole still takes 10 s: the tasks overlap.
//!
//! From notes on Real Python's "Async IO in Python: A Complete
//! Walkthrough", "Creating and gathering tasks", the `as_completed` half.
//!
//! Run it, and notice `[1, 2, 3]` arriving 3 s after the start and
//! `[0, 5, 10]` 7 s after that. With `--timeline` it draws the two tasks:
//! both start at once, and `t` is done, its result taken, 7 s before `t2`:
//!
//! ```text
//! $ cargo run -p as-completed -- --virtual-time --timeline
//! Start: 20:15:51
//! res: [1, 2, 3] completed at 20:15:54
//! res: [0, 5, 10] completed at 20:16:01
//! End: 20:16:01
//! Both tasks done: True
//!
//! t   #------------------#
//! t2  #----------------------------------------------------------------#
//!     +------------+------------+------------+------------+------------+
//!     0            2            4            6            8            10s
//!     # running   - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `asyncio.create_task(coro([3, 2, 1]))` | `tokio::spawn(coro(..))` |
//! | `as_completed((t, t2))` | `FuturesUnordered` of `[&mut t, &mut t2]` |
//! | `for res in ...:` | `while let Some(res) = pending.next().await` |
//! | `compl = await res` | `let compl = res?;` |
//! | `t.done()` | `t.is_finished()` |
//! | `time.strftime("%X")` | `wallclock::now().format("%H:%M:%S")` |
//! | `asyncio.run(main())` | `runtime.block_on(async_main())?` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use common::Extras; // port-only
use futures::stream::{FuturesUnordered, StreamExt};
use tokio::runtime::Builder;
use tokio::task::JoinError;
use tokio::time::sleep;
use tracing::{info_span, Instrument};

#[path = "../../../compat/wallclock.rs"] // port-only
mod wallclock;

// step: cli
/// Takes two tasks' results in the order they complete.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: Extras, // port-only
}

// step: coro
/// "'IO' wait time is proportional to the max element."
async fn coro(seq: Vec<u64>) -> Vec<u64> {
    let longest = seq.iter().copied().max().unwrap_or(0);
    sleep(Duration::from_secs(longest)).await;
    seq.into_iter().rev().collect()
}

// step: main
async fn async_main() -> Result<(), JoinError> {
    let mut t = tokio::spawn(coro(vec![3, 2, 1]).instrument(info_span!("t")));
    let mut t2 =
        tokio::spawn(coro(vec![10, 5, 0]).instrument(info_span!("t2")));
    println!("Start: {}", wallclock::now().format("%H:%M:%S"));
    {
        // Borrowed handles, so that `t` and `t2` can be asked afterwards.
        let mut pending: FuturesUnordered<_> =
            [&mut t, &mut t2].into_iter().collect();
        while let Some(res) = pending.next().await {
            let compl = res?;
            println!(
                "res: {compl:?} completed at {}",
                wallclock::now().format("%H:%M:%S")
            );
        }
    }
    println!("End: {}", wallclock::now().format("%H:%M:%S"));
    let done = t.is_finished() && t2.is_finished();
    println!("Both tasks done: {}", py_bool(done));
    Ok(())
}

/// Python's spelling of a bool, as in `Both tasks done: True`.
fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse(); // copy: Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    runtime.build()?.block_on(async_main())?;
    Ok(())
}
