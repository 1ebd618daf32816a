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
//! | `datetime.now()` | `wallclock::now()`, chrono's time on tokio's clock |
//! | `.strftime("%H:%M:%S.%f")` | `.format("%H:%M:%S%.6f")` |
//! | `asyncio.run(main())` | `runtime.block_on(async_main())` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use common::Extras; // port-only
use tokio::runtime::Builder;
use tokio::time::sleep;
use tracing::{info_span, Instrument};

#[path = "../../../compat/wallclock.rs"] // port-only
mod wallclock;

// step: cli
/// "Hello!" after 1 s, then "Hi!" after 2 s more, awaited in turn.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: Extras, // port-only
}

// step: now
fn now() -> String {
    wallclock::now().format("%H:%M:%S%.6f").to_string()
}

// step: say
async fn say_after(delay: u64, what: &str) {
    sleep(Duration::from_secs(delay)).await;
    println!("{} {what}", now());
}

// step: main
async fn async_main() {
    println!("{} \"Hello!\" scheduled for execution", now());
    say_after(1, "Hello!")
        .instrument(info_span!("\"Hello!\""))
        .await;
    println!("{} \"Hi!\" scheduled for execution", now());
    say_after(2, "Hi!").instrument(info_span!("\"Hi!\"")).await;
    println!("{} Done.", now());
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse(); // copy: Cli::parse();
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    runtime.build()?.block_on(async_main());
    Ok(())
}
