//! What every example shares and none of them is about: the clock, the
//! flags, Python-compatible random numbers and the timeline picture.
//!
//! The concurrency itself (`spawn`, `join!`, `select!`, channels,
//! semaphores) is never here: it stays in each example, where the reader
//! can see it beside the Python it ports.
//!
//! ```
//! use clap::Parser;
//! use common::CommonArgs;
//! use std::time::Duration;
//!
//! #[derive(Parser)]
//! struct Cli {
//!     #[command(flatten)]
//!     common: CommonArgs,
//! }
//!
//! let cli = Cli::parse_from(["example", "--virtual-time", "--timeline"]);
//! let picture = cli.common.run(async {
//!     let clock = cli.common.clock();
//!     let timeline = cli.common.timeline(&clock);
//!     let row = timeline.row("sleeper");
//!     row.sleeping(tokio::time::sleep(Duration::from_secs(2))).await;
//!     row.done();
//!     assert_eq!(common::secs(clock.elapsed(), 2), "2.00");
//!     timeline.render()
//! })?;
//! assert!(picture.contains("sleeper"));
//! # Ok::<(), std::io::Error>(())
//! ```

mod cli;
mod clock;
pub mod exit;
mod pyrandom;
mod run;
pub mod timeline;

pub use cli::CommonArgs;
pub use clock::{hms, hms_micros, secs, Clock};
pub use pyrandom::PyRandom;
pub use run::{run, run_on, VirtualTime};
pub use timeline::{mark, trace, Row, State, Timeline, Traced};
