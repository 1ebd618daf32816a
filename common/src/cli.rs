//! The command-line flags every async example shares, and the runtime that
//! honours them.

use std::future::Future;

use crate::{Clock, PyRandom, Timeline};

/// `--virtual-time`, `--seed N` and `--timeline`, flattened into each
/// example's own clap parser with `#[command(flatten)]`.
#[derive(clap::Args, Debug, Clone)]
pub struct CommonArgs {
    /// Run on tokio's paused clock: sleeps finish at once, printed times
    /// are what an ideal real run would show.
    #[arg(long)]
    pub virtual_time: bool,

    /// Seed for the random numbers, as in Python's `random.seed(N)`.
    #[arg(long, value_name = "N", default_value_t = 444)]
    pub seed: u64,

    /// After the output, draw when each task ran, slept and waited.
    #[arg(long)]
    pub timeline: bool,
}

impl CommonArgs {
    /// The tokio runtime an example runs on: one thread, like asyncio's
    /// event loop, with tokio's clock paused under `--virtual-time`.
    ///
    /// The paused clock needs the current-thread runtime; it is also the
    /// faithful twin of asyncio, which runs every task on one thread.
    /// I/O is enabled for the examples that use sockets or files.
    pub fn runtime(&self) -> std::io::Result<tokio::runtime::Runtime> {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(self.virtual_time)
            .build()
    }

    /// Runs `future` to completion on [`CommonArgs::runtime`], like
    /// `asyncio.run(main())`. Ctrl-C ends the program with status 130
    /// (see [`crate::exit::run_interruptible`]).
    pub fn run<F: Future>(&self, future: F) -> std::io::Result<F::Output> {
        Ok(crate::exit::run_interruptible(self.runtime()?, future))
    }

    /// A clock started now, on virtual time if `--virtual-time` was given.
    ///
    /// Start it inside the runtime (within the future given to
    /// [`CommonArgs::run`]) so that it reads the paused clock.
    pub fn clock(&self) -> Clock {
        Clock::start(self.virtual_time)
    }

    /// The random generator for `--seed`, as `random.seed(N)` makes it.
    pub fn rng(&self) -> PyRandom {
        PyRandom::new(self.seed)
    }

    /// A timeline that records only if `--timeline` was given.
    pub fn timeline(&self, clock: &Clock) -> Timeline {
        Timeline::new(clock, self.timeline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use std::time::Duration;

    #[derive(Parser, Debug)]
    struct Cli {
        #[command(flatten)]
        common: CommonArgs,
    }

    #[test]
    fn defaults() {
        let cli = Cli::parse_from(["prog"]);
        assert!(!cli.common.virtual_time);
        assert!(!cli.common.timeline);
        assert_eq!(cli.common.seed, 444);
    }

    #[test]
    fn flags_parse() {
        let cli = Cli::parse_from([
            "prog",
            "--virtual-time",
            "--seed",
            "7",
            "--timeline",
        ]);
        assert!(cli.common.virtual_time);
        assert!(cli.common.timeline);
        assert_eq!(cli.common.seed, 7);
    }

    #[test]
    fn a_bad_seed_is_a_usage_error() {
        let err = Cli::try_parse_from(["prog", "--seed", "x"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let err = Cli::try_parse_from(["prog", "--seed", "-1"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn virtual_time_skips_sleeps() {
        let args = Cli::parse_from(["prog", "--virtual-time"]).common;
        let real = std::time::Instant::now();
        let elapsed = args
            .run(async {
                let clock = args.clock();
                tokio::time::sleep(Duration::from_secs(3600)).await;
                clock.elapsed()
            })
            .expect("runtime starts");
        assert_eq!(elapsed, Duration::from_secs(3600));
        assert!(real.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn real_time_sleeps() {
        let args = Cli::parse_from(["prog"]).common;
        let elapsed = args
            .run(async {
                let clock = args.clock();
                tokio::time::sleep(Duration::from_millis(30)).await;
                clock.elapsed()
            })
            .expect("runtime starts");
        assert!(elapsed >= Duration::from_millis(30));
    }
}
