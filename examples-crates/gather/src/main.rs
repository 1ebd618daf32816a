//! Creating tasks, awaiting one, and gathering two.
//!
//! `coro(seq)` sleeps `max(seq)` seconds and returns `seq` reversed. One
//! task is spawned and awaited (3 s); then two tasks are spawned and
//! gathered. Both started at once, so gathering them takes as long as the
//! longer one, 10 s, not 3 + 10 s, and the results come back in argument
//! order, not in the order the tasks finished.
//!
//! From notes on Real Python's "Async IO in Python: A Complete
//! Walkthrough", "Creating and gathering tasks" (the `as_completed` half
//! of the section is the `as-completed` example).
//!
//! Run it, and notice the 10 s between `Start:` and `End:`. With
//! `--timeline` it draws the first run's task, then the gathered two: both
//! start at once, and the gather ends with the longer one:
//!
//! ```text
//! $ cargo run -p gather -- --virtual-time --timeline
//! t: type tokio::runtime::task::join::JoinHandle<alloc::vec::Vec<u64>>
//! t done: True
//! Start: 09:56:34
//! End: 09:56:44
//! Both tasks done: True
//! [[1, 2, 3], [0, 5, 10]]
//!
//! t   #------------#
//! t                #-------------#
//! t2               #--------------------------------------------#
//!     +--------+--------+--------+--------+--------+--------+--------+
//!     0        2        4        6        8        10       12       14s
//!     # running   - waiting (thread free)
//! ```
//!
//! `type(t)` names a class that exists at run time. Rust has no type
//! objects, but the compiler knows every value's type, and
//! `std::any::type_name_of_val` names it: `t` is a `JoinHandle`, a handle
//! to the task (which the runtime owns) rather than the task itself.
//!
//! | Python | Rust |
//! |---|---|
//! | `async def coro(seq) -> list` | `async fn coro(seq) -> Vec<u64>` |
//! | `list(reversed(seq))` | `seq.into_iter().rev().collect()` |
//! | `asyncio.create_task(coro([3, 2, 1]))` | `tokio::spawn(coro(..))` |
//! | `await t` | `(&mut t).await?`, which leaves `t` to ask about |
//! | `type(t)` | `std::any::type_name_of_val(&t)` |
//! | `t.done()` | `t.is_finished()` |
//! | `await asyncio.gather(t, t2)` | `tokio::try_join!(&mut t, &mut t2)?` |
//! | `time.strftime("%X")` | `wallclock::now().format("%H:%M:%S")` |
//! | two `asyncio.run(...)` calls | two `runtime.build()?.block_on(..)` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use common::Extras; // port-only
use tokio::runtime::Builder;
use tokio::task::JoinError;
use tokio::time::sleep;
use tracing::{info_span, Instrument};

#[path = "../../../compat/wallclock.rs"] // port-only
mod wallclock;

// step: cli
/// Spawns one task and awaits it, then gathers two.
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

// step: one
async fn one_task() -> Result<(), JoinError> {
    // This is a bit redundant in the case of one task
    // We could use `coro(vec![3, 2, 1]).await` on its own
    let mut t = tokio::spawn(coro(vec![3, 2, 1]).instrument(info_span!("t")));
    (&mut t).await?;
    println!("t: type {}", std::any::type_name_of_val(&t));
    println!("t done: {}", py_bool(t.is_finished()));
    Ok(())
}

/// Python's spelling of a bool, as in `t done: True`.
fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

// step: main
async fn async_main() -> Result<[Vec<u64>; 2], JoinError> {
    let mut t = tokio::spawn(coro(vec![3, 2, 1]).instrument(info_span!("t")));
    let mut t2 =
        tokio::spawn(coro(vec![10, 5, 0]).instrument(info_span!("t2")));
    println!("Start: {}", wallclock::now().format("%H:%M:%S"));
    let (a, b) = tokio::try_join!(&mut t, &mut t2)?;
    // Should be 10 seconds
    println!("End: {}", wallclock::now().format("%H:%M:%S"));
    let done = t.is_finished() && t2.is_finished();
    println!("Both tasks done: {}", py_bool(done));
    Ok([a, b])
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse(); // copy: Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    runtime.build()?.block_on(one_task())?;
    let a = runtime.build()?.block_on(async_main())?;
    println!("{a:?}");
    Ok(())
}
