//! The port's extras, and the one line that sets them up.
//!
//! An example flattens one of these argument structs into its `Cli`,
//! whichever offers the flags it honours, and calls its `setup` in one
//! marked line of `main`, before it builds its runtime:
//!
//! ```
//! use clap::Parser;
//! use tokio::runtime::Builder;
//!
//! #[derive(Parser, Debug)]
//! struct Cli {
//!     #[command(flatten)]
//!     extras: common::Extras,
//! }
//!
//! let cli = Cli::parse_from(["example", "--virtual-time"]);
//! let mut runtime = Builder::new_current_thread();
//! runtime.enable_all();
//! let _extras = cli.extras.setup(&mut runtime);
//! let slept = runtime.build()?.block_on(async {
//!     let start = tokio::time::Instant::now();
//!     tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
//!     start.elapsed()
//! });
//! assert_eq!(slept.as_secs(), 3600);
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Without the marked line the program is the same program: its spans
//! record nothing, its clock is the real one, and a closed pipe is
//! Rust's usual error.

use std::io::Write as _;

use tokio::runtime::Builder;
use tracing_subscriber::layer::SubscriberExt as _;

use crate::record::Recorder;

/// `--virtual-time` and `--timeline`.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct Extras {
    /// Run on tokio's paused clock: sleeps finish at once, and every
    /// printed time is what an ideal real run would show.
    #[arg(long)]
    pub virtual_time: bool,
    /// After the output, draw when each task ran and waited.
    #[arg(long)]
    pub timeline: bool,
}

/// `--virtual-time` alone, for the examples that draw no picture.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct VirtualTime {
    /// Run on tokio's paused clock: sleeps finish at once, and every
    /// printed time is what an ideal real run would show.
    #[arg(long)]
    pub virtual_time: bool,
}

/// `--timeline` alone, for the examples whose time is real (a blocked
/// thread cannot be skipped).
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct Timeline {
    /// After the output, draw when each task ran and waited.
    #[arg(long)]
    pub timeline: bool,
}

impl Extras {
    /// Sets the extras up: the paused clock on `runtime` if asked for,
    /// the timeline's recorder if asked for, and a quiet end on a closed
    /// pipe. Keep what it returns until the end of `main`: dropping it
    /// prints the picture.
    pub fn setup(&self, runtime: &mut Builder) -> Drawing {
        runtime.start_paused(self.virtual_time);
        Drawing::start(self.timeline)
    }
}

impl VirtualTime {
    /// Sets the extras up: tokio's paused clock, started with `runtime`
    /// (a later `tokio::time::pause()` would leave the clock off the
    /// timer's millisecond ticks, and every sleep 1 ms long), and a quiet
    /// end on a closed pipe.
    pub fn setup(&self, runtime: &mut Builder) -> Drawing {
        runtime.start_paused(self.virtual_time);
        Drawing::start(false)
    }
}

impl Timeline {
    /// Sets the extras up: the timeline's recorder if asked for, and a
    /// quiet end on a closed pipe. Keep what it returns until the end of
    /// `main`: dropping it prints the picture.
    pub fn setup(&self) -> Drawing {
        Drawing::start(self.timeline)
    }
}

/// Restores SIGPIPE's default action, so that printing into a closed pipe
/// (`| head`) ends the program quietly, as it ends `cat` or `grep`, and
/// not with a panic. Rust programs start with SIGPIPE ignored; elsewhere
/// than Unix there is no SIGPIPE and this does nothing.
pub fn end_quietly_on_closed_pipe() {
    sigpipe::reset();
}

/// The picture in the making; dropped at the end of `main`, it prints it.
#[derive(Debug)]
#[must_use = "the picture prints when this is dropped: keep it in a variable"]
pub struct Drawing {
    recorder: Option<Recorder>,
    draw: bool,
}

impl Drawing {
    /// Installs the timeline's recorder as the program's `tracing`
    /// subscriber if `enabled`, and ends quietly on a closed pipe. With
    /// `SCHEDULE_MARKERS=1` in the environment the recorder is installed
    /// in any case, and prints a marker line for each poll of a row
    /// ([`Recorder::with_markers`]): the tests read the schedule from them.
    fn start(enabled: bool) -> Drawing {
        end_quietly_on_closed_pipe();
        let markers =
            std::env::var_os("SCHEDULE_MARKERS").is_some_and(|v| v == "1");
        let recorder = if markers {
            Some(Recorder::with_markers())
        } else {
            enabled.then(Recorder::new)
        };
        let recorder = recorder.filter(|recorder| {
            let subscriber =
                tracing_subscriber::registry().with(recorder.clone());
            // Only the first subscriber of a process can be installed.
            tracing::subscriber::set_global_default(subscriber).is_ok()
        });
        Drawing {
            recorder,
            draw: enabled,
        }
    }

    /// Each picture recorded so far, with its title if it has one, as
    /// the program prints them.
    pub fn render(&self) -> String {
        let Some(recorder) = self.recorder.as_ref().filter(|_| self.draw)
        else {
            return String::new();
        };
        let mut out = String::new();
        for (title, picture) in recorder.pictures() {
            out.push('\n');
            if let Some(title) = title {
                out.push_str(&title);
                out.push_str(":\n");
            }
            out.push_str(&picture);
            if !picture.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }
}

impl Drop for Drawing {
    fn drop(&mut self) {
        let pictures = self.render();
        // Nothing is left to report a failed write to: the output is all
        // that was asked for, and it is gone.
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(pictures.as_bytes());
        let _ = stdout.flush();
    }
}
