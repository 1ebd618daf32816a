//! The same two coroutines, started as tasks at once: their sleeps overlap.
//!
//! `say_after(delay, what)` sleeps, then prints `what` with a timestamp.
//! Here `main` wraps both calls in tasks before awaiting either, so both
//! sleeps start at time zero: `Hello!` comes after 1 s, `Hi!` and `Done.`
//! after 2 s, not 3 s as in `say-after`, where the second call only
//! starts when the first has finished.
//!
//! From "A Guide to Python asyncio" (Medium), "Coroutines and Tasks", the
//! second printed run. The article's listing was lost; this program is
//! rebuilt from that run.
//!
//! Run it, and notice that both `scheduled` lines come first and that
//! `Hi!` follows `Hello!` by one second, not two (this transcript starts
//! at the article's first timestamp, yours at your time of day; under
//! `--virtual-time` the gaps are exact). With `--timeline` the two sleeps
//! overlap; compare the staircase of `say-after --timeline`:
//!
//! ```text
//! $ cargo run -p say-after-tasks -- --virtual-time --timeline
//! 13:19:52.941399 "Hello!" scheduled for execution
//! 13:19:52.941399 "Hi!" scheduled for execution
//! 13:19:53.941399 Hello!
//! 13:19:54.941399 Hi!
//! 13:19:54.941399 Done.
//!
//! "Hello!"  #---------------------------#
//! "Hi!"     #-------------------------------------------------------#
//!           +------+------+------+------+------+------+------+------+
//!           0.00   0.25   0.50   0.75   1.00   1.25   1.50   1.75   2.00s
//!           # running   - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `asyncio.create_task(say_after(..))` | `tokio::spawn(say_after(..))` |
//! | `await task1` | `task1.await?` (`Err` if the task panicked) |
//! | `await asyncio.sleep(delay)` | `sleep(Duration::from_secs(delay)).await` |
//! | `datetime.now()` | `wallclock::now()`, chrono's time on tokio's clock |
//! | `.strftime("%H:%M:%S.%f")` | `.format("%H:%M:%S%.6f")` |
//! | `asyncio.run(main())` | `runtime.block_on(async_main())?` |

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
/// "Hello!" after 1 s and "Hi!" after 2 s, as two concurrent tasks.
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
// `'static`: a spawned task may outlive its caller's borrows.
async fn say_after(delay: u64, what: &'static str) {
    sleep(Duration::from_secs(delay)).await;
    println!("{} {what}", now());
}

// step: main
async fn async_main() -> Result<(), JoinError> {
    let hello = info_span!("\"Hello!\"");
    let task1 = tokio::spawn(say_after(1, "Hello!").instrument(hello));
    println!("{} \"Hello!\" scheduled for execution", now());
    let hi = info_span!("\"Hi!\"");
    let task2 = tokio::spawn(say_after(2, "Hi!").instrument(hi));
    println!("{} \"Hi!\" scheduled for execution", now());
    task1.await?;
    task2.await?;
    println!("{} Done.", now());
    Ok(())
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
