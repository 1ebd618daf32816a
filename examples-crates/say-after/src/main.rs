//! Two coroutines awaited one after the other: the second waits its turn.
//!
//! `say_after(delay, what)` sleeps, then prints `what` with a timestamp.
//! `main` awaits `say_after(1, "Hello!")` and only then starts
//! `say_after(2, "Hi!")`, so the sleeps add up: `Hello!` comes 1 s after
//! the start, `Hi!` and `Done.` 3 s after it. Awaiting a coroutine runs it
//! to its end before the next line; compare `say-after-tasks`, where both
//! are started as tasks first and the program takes 2 s.
//!
//! From "A Guide to Python asyncio" (Medium), "Coroutines and Tasks", the
//! first printed run. The article's listing was lost; this program is
//! rebuilt from that run.
//!
//! Run it, and notice the gaps between the timestamps (this transcript
//! starts at the article's first timestamp, yours at your time of day;
//! under `--virtual-time` the gaps are exact, and the article's real run
//! shows the same gaps plus a few milliseconds). With `--timeline` the two
//! sleeps form a staircase:
//!
//! ```text
//! $ cargo run -p say-after -- --virtual-time --timeline
//! 10:53:24.500115 "Hello!" scheduled for execution
//! 10:53:25.500115 Hello!
//! 10:53:25.500115 "Hi!" scheduled for execution
//! 10:53:27.500115 Hi!
//! 10:53:27.500115 Done.
//!
//! "Hello!"  #-------------------#
//! "Hi!"                         #---------------------------------------#
//!           +---------+---------+---------+---------+---------+---------+
//!           0.0       0.5       1.0       1.5       2.0       2.5       3.0s
//!           # running   - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async def say_after(delay, what)` | `async fn say_after(delay, what)` |
//! | `await asyncio.sleep(delay)` | `sleep(Duration::from_secs(delay)).await` |
//! | `await say_after(1, "Hello!")` | `say_after(1, "Hello!").await` |
//! | `datetime.now().strftime(..)` | `now()`: `common::hms_micros()` |
//! | `async def main()` | `async fn async_main()` |
//! | `asyncio.run(main())` | `cli.time.run(async { .. })` |

use std::time::Duration;

use clap::Parser;
use common::{trace, VirtualTime};
use tokio::time::sleep;

// step: cli
/// "Hello!" after 1 s, then "Hi!" after 2 s more, awaited in turn.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)]
    time: VirtualTime,
    /// After the output, draw when each call ran and slept.
    #[arg(long)]
    timeline: bool,
}

// step: now
/// `datetime.now().strftime("%H:%M:%S.%f")`, on tokio's clock.
fn now() -> String {
    common::hms_micros()
}

// step: say
async fn say_after(delay: u64, what: &str) {
    sleep(Duration::from_secs(delay)).await;
    println!("{} {what}", now());
}

// step: main
async fn async_main() {
    println!("{} \"Hello!\" scheduled for execution", now());
    // `.await` drives the call to its end right here, in this task;
    // nothing else starts meanwhile, so the next line waits 1 s. `trace`
    // only watches the call's polls for the timeline.
    trace("\"Hello!\"", say_after(1, "Hello!")).await;
    println!("{} \"Hi!\" scheduled for execution", now());
    trace("\"Hi!\"", say_after(2, "Hi!")).await;
    println!("{} Done.", now());
}

// step: run
fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    cli.time.run(async {
        common::timeline::start(cli.timeline);
        async_main().await;
        common::timeline::print();
    })
}
