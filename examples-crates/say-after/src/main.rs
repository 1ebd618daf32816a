//! Two coroutines awaited one after the other: the second waits its turn.
//!
//! `say_after(delay, what)` sleeps, then prints `what` with a timestamp.
//! `main` awaits `say_after(1, "Hello!")` and only then starts
//! `say_after(2, "Hi!")`, so the sleeps add up: `Hello!` comes 1 s after
//! the start, `Hi!` and `Done.` 3 s after it. Awaiting a coroutine runs it
//! to the end before the next line; compare `say-after-tasks`, where both
//! are started as tasks first and the program takes 2 s.
//!
//! From `001_323150feb71a6b18.txt`, "Coroutines and Tasks", the first
//! printed run. The article lost its listing; this program is rebuilt from
//! that run (the `say_after` example of Python's own asyncio documentation,
//! with a timestamp on every line).
//!
//! Run it, and notice the gaps between the timestamps (this transcript starts
//! at the article's first timestamp; yours start at your time of day, and
//! under `--virtual-time` the gaps between them are exact):
//!
//! ```text
//! $ cargo run -p say-after -- --virtual-time
//! 10:53:24.500115 "Hello!" scheduled for execution
//! 10:53:25.500115 Hello!
//! 10:53:25.500115 "Hi!" scheduled for execution
//! 10:53:27.500115 Hi!
//! 10:53:27.500115 Done.
//! ```
//!
//! The article's real run shows the same gaps plus a few milliseconds.
//! With `--timeline` the two sleeps form a staircase:
//!
//! ```text
//! $ cargo run -p say-after -- --virtual-time --timeline
//! 10:53:24.500115 "Hello!" scheduled for execution
//! 10:53:25.500115 Hello!
//! 10:53:25.500115 "Hi!" scheduled for execution
//! 10:53:27.500115 Hi!
//! 10:53:27.500115 Done.
//!
//! "Hello!" after 1 s  #---------------#
//! "Hi!" after 2 s                     #-------------------------------#
//!                     +-------+-------+-------+-------+-------+-------+
//!                     0.0     0.5     1.0     1.5     2.0     2.5     3.0s
//!                     # running   - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def say_after(delay, what)` | `async fn say_after(clock, row, delay, what)` |
//! | `await asyncio.sleep(delay)` | `sleep(Duration::from_secs(delay)).await` |
//! | `await say_after(1, "Hello!")` | `say_after(.., 1, "Hello!").await` |
//! | `datetime.now().strftime("%H:%M:%S.%f")` | `clock.hms_micros()` |
//! | `asyncio.run(main())` | `cli.common.run(async { .. })` |

use std::time::Duration;

use clap::Parser;
use common::{Clock, CommonArgs, Row};
use tokio::time::sleep;

/// "Hello!" after 1 s, then "Hi!" after 2 s more, awaited in turn.
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

async fn say_after(clock: Clock, row: Row, delay: u64, what: &str) {
    row.sleeping(sleep(Duration::from_secs(delay))).await;
    println!("{} {what}", clock.hms_micros());
}

fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    cli.common.run(async {
        let clock = cli.common.clock();
        let timeline = cli.common.timeline(&clock);

        println!("{} \"Hello!\" scheduled for execution", clock.hms_micros());
        // `.await` on the future runs it to completion right here, in this
        // task; nothing else is started meanwhile. The row is made only
        // now, so the picture shows when this call really began.
        let row = timeline.row("\"Hello!\" after 1 s");
        say_after(clock.clone(), row, 1, "Hello!").await;

        println!("{} \"Hi!\" scheduled for execution", clock.hms_micros());
        let row = timeline.row("\"Hi!\" after 2 s");
        say_after(clock.clone(), row, 2, "Hi!").await;

        println!("{} Done.", clock.hms_micros());
        timeline.print();
    })
}
