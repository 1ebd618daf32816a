//! Creating tasks, awaiting one, and gathering two.
//!
//! `coro(seq)` sleeps `max(seq)` seconds and returns `seq` reversed. One
//! task is spawned and awaited (3 s); then two tasks are spawned and
//! gathered. Both started at once, so gathering them takes as long as the
//! longer one, 10 s, not 3 + 10 s, and the results come back in argument
//! order, not in the order the tasks finished.
//!
//! From `004_889b89e9c64afa5a.txt`, "Creating and gathering tasks" (the
//! `as_completed` half of the section is the `as-completed` example).
//!
//! Run it, and notice the 10 s between `Start:` and `End:`:
//!
//! ```text
//! $ cargo run -p gather -- --virtual-time
//! t: type tokio::runtime::task::join::JoinHandle<alloc::vec::Vec<u64>>
//! t done: True
//! Start: 20:18:46
//! End: 20:18:56
//! Both tasks done: True
//! [[1, 2, 3], [0, 5, 10]]
//! ```
//!
//! Python prints `t: type <class '_asyncio.Task'>`. Rust has no runtime
//! type objects; the nearest thing is the type's name, from
//! `std::any::type_name`, which is the handle to the task, not the task.
//! With `--timeline`: the first task alone (3 s), then the two gathered
//! side by side (3 s and 10 s):
//!
//! ```text
//! $ cargo run -p gather -- --virtual-time --timeline
//! t: type tokio::runtime::task::join::JoinHandle<alloc::vec::Vec<u64>>
//! t done: True
//! Start: 20:18:46
//! End: 20:18:56
//! Both tasks done: True
//! [[1, 2, 3], [0, 5, 10]]
//!
//! t          #-----------#
//! gather t               #-----------#
//! gather t2              #---------------------------------------#
//!            +-------+-------+-------+-------+-------+-------+-------+
//!            0       2       4       6       8       10      12      14s
//!            # running   - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `asyncio.create_task(coro([3, 2, 1]))` | `tokio::spawn(coro(vec![3, 2, 1]))` |
//! | `await t` | `(&mut t).await?`, which leaves `t` to ask about |
//! | `t.done()` | `t.is_finished()` |
//! | `await asyncio.gather(t, t2)` | `tokio::try_join!(t, t2)?` |
//! | `time.strftime('%X')` | `common::Clock::hms()` |
//! | `list(reversed(seq))` | `seq.into_iter().rev().collect()` |

use std::time::Duration;

use clap::Parser;
use common::{CommonArgs, Row};
use tokio::time::sleep;

/// Spawns one task and awaits it, then gathers two.
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

/// "'IO' wait time is proportional to the max element."
async fn coro(seq: Vec<u64>, row: Row) -> Vec<u64> {
    let longest = seq.iter().copied().max().unwrap_or(0);
    row.sleeping(sleep(Duration::from_secs(longest))).await;
    seq.into_iter().rev().collect()
}

/// Python's spelling of a bool, as in `t done: True`.
fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

// The boxed error is a deliberate simplification: a runtime that did not
// start and a task that panicked both end the program with a message.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    cli.common.run(async {
        let clock = cli.common.clock();
        let timeline = cli.common.timeline(&clock);

        // "This is a bit redundant in the case of one task": spawning and
        // awaiting at once is `coro(...).await` with extra steps.
        let mut t = tokio::spawn(coro(vec![3, 2, 1], timeline.row("t")));
        // Awaiting `&mut t` and not `t` keeps the handle, so that it can
        // be asked afterwards whether the task is done, as in Python.
        (&mut t).await?;
        println!("t: type {}", std::any::type_name_of_val(&t));
        println!("t done: {}", py_bool(t.is_finished()));

        let mut t = tokio::spawn(coro(vec![3, 2, 1], timeline.row("gather t")));
        let mut t2 =
            tokio::spawn(coro(vec![10, 5, 0], timeline.row("gather t2")));
        println!("Start: {}", clock.hms());
        // Both tasks have been running since `spawn`; `try_join!` waits
        // for both and hands back their results in argument order. A
        // `JoinHandle` resolves to a `Result` (Err if the task panicked
        // or was aborted), hence `try_`.
        let (a, b) = tokio::try_join!(&mut t, &mut t2)?;
        println!("End: {}", clock.hms());
        let done = t.is_finished() && t2.is_finished();
        println!("Both tasks done: {}", py_bool(done));
        println!("{:?}", [a, b]);
        timeline.print();
        Ok(())
    })?
}
