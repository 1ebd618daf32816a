//! The blocking contrast to `countasync`: three counts, one after another.
//!
//! `count()` prints `One`, blocks the thread for a second and prints `Two`.
//! A blocking sleep (`time.sleep` in Python, `std::thread::sleep` in Rust)
//! holds the thread, so nothing else can run during it: the three calls
//! can only run in a row, the lines alternate, and the program takes 3 s.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough", "The
//! async/await Syntax and Native Coroutines" (`countsync.py`).
//!
//! There is no `--virtual-time` here: no clock can skip a blocked thread,
//! and that is the lesson. Run it, and notice the alternating lines, the
//! three real seconds, and with `--timeline` the staircase (compare the
//! three overlapping bars of `countasync --timeline`):
//!
//! ```text
//! $ cargo run -p countsync -- --timeline
//! One
//! Two
//! One
//! Two
//! One
//! Two
//! countsync executed in 3.00 seconds.
//!
//! count 1  =====================
//! count 2                      =====================
//! count 3                                          =====================
//!          +---------+---------+---------+---------+---------+---------+
//!          0.0       0.5       1.0       1.5       2.0       2.5       3.0s
//!          = blocking the thread
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `def count()` | `fn count()` |
//! | `time.sleep(1)` | `std::thread::sleep(Duration::from_secs(1))` |
//! | `def main()`; `for _ in range(3): count()` | `fn sync_main()`; `for` |
//! | `if __name__ == "__main__":` | `fn main()`, no async runtime |
//! | `time.perf_counter()` | `std::time::Instant::now()` |
//! | `f"{elapsed:0.2f}"` | `format!("{:.2}", elapsed.as_secs_f64())` |

use std::time::{Duration, Instant};

use clap::Parser;
use common::Timeline; // port-only
use tracing::info_span;

// step: cli
/// Three counts that block for one second each, one after another.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    #[command(flatten)] // port-only
    extras: Timeline, // port-only
}

// step: count
fn count() {
    println!("One");
    std::thread::sleep(Duration::from_secs(1));
    println!("Two");
}

// step: main
fn sync_main() {
    for i in 1..=3 {
        info_span!("count", n = i).in_scope(count);
    }
}

// step: run
fn main() {
    let cli = Cli::parse(); // copy: Cli::parse();
    let _extras = cli.extras.setup(); // port-only
    let s = Instant::now();
    sync_main();
    let elapsed = s.elapsed().as_secs_f64();
    println!("countsync executed in {elapsed:.2} seconds.");
}
