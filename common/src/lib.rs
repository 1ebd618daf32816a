//! What every example shares and none of them is about: the runtime with
//! Ctrl-C handling, the clock, CPython-compatible random numbers, one-line
//! errors and the timeline picture.
//!
//! The concurrency itself (`spawn`, `join!`, `select!`, channels,
//! semaphores) is never here: it stays in each example, where the reader
//! can see it beside the Python it ports.
//!
//! ```
//! use std::time::Duration;
//! use common::{secs, trace, VirtualTime};
//!
//! // `asyncio.run(main())` on the paused clock, with a timeline drawn.
//! let flag = VirtualTime { virtual_time: true };
//! let picture = flag.run(async {
//!     common::timeline::start(true);
//!     let start = tokio::time::Instant::now();
//!     trace("sleeper", tokio::time::sleep(Duration::from_secs(2))).await;
//!     assert_eq!(secs(start.elapsed(), 2), "2.00");
//!     common::timeline::render()
//! })?;
//! assert!(picture.contains("sleeper"));
//! # Ok::<(), std::io::Error>(())
//! ```

mod clock;
pub mod exit;
mod pyrandom;
mod run;
pub mod timeline;

pub use clock::{hms, hms_micros, secs, Clock};
pub use pyrandom::PyRandom;
pub use run::{run, run_on, VirtualTime};
pub use timeline::{mark, trace, Row, State, Timeline, Traced};
