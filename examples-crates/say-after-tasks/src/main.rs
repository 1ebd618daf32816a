//! The same two coroutines, started as tasks at once: their sleeps overlap.
//!
//! `say_after(delay, what)` sleeps, then prints `what` with a timestamp.
//! Here `main` wraps both calls in tasks before awaiting either, so both
//! sleeps start at time zero: `Hello!` comes after 1 s, `Hi!` and `Done.`
//! after 2 s, not 3 s as in `say-after`, where the second call only
//! starts when the first has finished.
//!
//! From `001_323150feb71a6b18.txt`, "Coroutines and Tasks", the second
//! printed run. The article lost its listing; this program is rebuilt from
//! that run (the `create_task` example of Python's own asyncio
//! documentation, with a timestamp on every line).
//!
//! Run it, and notice that both `scheduled` lines come first and that
//! `Hi!` follows `Hello!` by one second, not two (this transcript starts
//! at the article's first timestamp; yours start at your time of day, and
//! under `--virtual-time` the gaps between them are exact):
//!
//! ```text
//! $ cargo run -p say-after-tasks -- --virtual-time
//! 13:19:52.941399 "Hello!" scheduled for execution
//! 13:19:52.941399 "Hi!" scheduled for execution
//! 13:19:53.941399 Hello!
//! 13:19:54.941399 Hi!
//! 13:19:54.941399 Done.
//! ```
//!
//! With `--timeline` the two sleeps overlap (compare the staircase of
//! `say-after --timeline`):
//!
//! ```text
//! $ cargo run -p say-after-tasks -- --virtual-time --timeline
//! 13:19:52.941399 "Hello!" scheduled for execution
//! 13:19:52.941399 "Hi!" scheduled for execution
//! 13:19:53.941399 Hello!
//! 13:19:54.941399 Hi!
//! 13:19:54.941399 Done.
//!
//! "Hello!" after 1 s  #-----------------------#
//! "Hi!" after 2 s     #-----------------------------------------------#
//!                     +-----+-----+-----+-----+-----+-----+-----+-----+
//!                     0.00  0.25  0.50  0.75  1.00  1.25  1.50  1.75  2.00s
//!                     # running   - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `task1 = asyncio.create_task(say_after(1, "Hello!"))` | `let task1 = tokio::spawn(say_after(.., 1, "Hello!"));` |
//! | `await task1` | `task1.await?` (a `JoinHandle`; `Err` if the task panicked or was cancelled) |
//! | `await asyncio.sleep(delay)` | `sleep(Duration::from_secs(delay)).await` |
//! | `datetime.now().strftime("%H:%M:%S.%f")` | `clock.hms_micros()` |
//! | `asyncio.run(main())` | `cli.common.run(async { .. })` |

use std::time::Duration;

use clap::Parser;
use common::{Clock, CommonArgs, Row};
use tokio::time::sleep;

/// "Hello!" after 1 s and "Hi!" after 2 s, as two concurrent tasks.
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

// `tokio::spawn` needs a future that owns everything it uses (it may
// outlive `main`'s borrows), hence an owned `Clock` and a `'static` text.
async fn say_after(clock: Clock, row: Row, delay: u64, what: &'static str) {
    row.sleeping(sleep(Duration::from_secs(delay))).await;
    println!("{} {what}", clock.hms_micros());
}

// A boxed error is a deliberate simplification: the only errors are the
// runtime failing to start and a task that panicked.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    cli.common.run(async {
        let clock = cli.common.clock();
        let timeline = cli.common.timeline(&clock);

        // `tokio::spawn` is `asyncio.create_task`: the task is scheduled
        // at once and starts as soon as `main` gives the thread back (at
        // its first `.await`), so its sleep begins at time zero.
        let row = timeline.row("\"Hello!\" after 1 s");
        let task1 = tokio::spawn(say_after(clock.clone(), row, 1, "Hello!"));
        println!("{} \"Hello!\" scheduled for execution", clock.hms_micros());

        let row = timeline.row("\"Hi!\" after 2 s");
        let task2 = tokio::spawn(say_after(clock.clone(), row, 2, "Hi!"));
        println!("{} \"Hi!\" scheduled for execution", clock.hms_micros());

        // Both tasks are already running; awaiting them only waits for
        // their ends. By the time `task1` is done, `task2` has slept 1 s
        // of its 2 s.
        task1.await?;
        task2.await?;

        println!("{} Done.", clock.hms_micros());
        timeline.print();
        Ok::<_, tokio::task::JoinError>(())
    })??; // the runtime started (outer `?`), the tasks ended well (inner)
    Ok(())
}
