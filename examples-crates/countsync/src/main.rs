//! The blocking contrast to `countasync`: three counts, one after another.
//!
//! `count()` prints `One`, blocks the thread for a second and prints `Two`.
//! A blocking sleep (`time.sleep` in Python, `std::thread::sleep` in Rust)
//! holds the thread, so nothing else can run during it: the three calls
//! can only run in a row, the lines alternate, and the program takes 3 s.
//!
//! From `004_889b89e9c64afa5a.txt`, "The async/await Syntax and Native
//! Coroutines", the synchronous version that follows `countasync`.
//!
//! Run it, and notice the alternating lines and the three seconds:
//!
//! ```text
//! $ cargo run -p countsync -- --virtual-time
//! One
//! Two
//! One
//! Two
//! One
//! Two
//! countsync executed in 3.00 seconds.
//! ```
//!
//! With `--timeline` the three counts form a staircase (compare the three
//! overlapping bars of `countasync --timeline`):
//!
//! ```text
//! $ cargo run -p countsync -- --virtual-time --timeline
//! One
//! Two
//! One
//! Two
//! One
//! Two
//! countsync executed in 3.00 seconds.
//!
//! count 1  #===================#
//! count 2                      #===================#
//! count 3                                          #===================#
//!          +---------+---------+---------+---------+---------+---------+
//!          0.0       0.5       1.0       1.5       2.0       2.5       3.0s
//!          # running   = blocking the thread
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `def count()` | `fn count()` |
//! | `time.sleep(1)` | `std::thread::sleep(Duration::from_secs(1))` (in `Clock::block_for`) |
//! | `for _ in range(3): count()` | `for _ in 0..3 { count() }` |
//! | `time.perf_counter()` | `common::Clock::elapsed()` |

use std::time::Duration;

use clap::Parser;
use common::{secs, Clock, CommonArgs, Row};

/// Three counts that block for one second each, one after another.
#[derive(Parser, Debug)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn count(clock: &Clock, row: Row) {
    println!("One");
    // `time.sleep(1)`: in real time this is `std::thread::sleep`, and the
    // thread does nothing else for a second. Under `--virtual-time` no
    // clock can skip a blocked thread, so `block_for` moves the shared
    // clock on by a second instead of sleeping.
    row.blocked(|| clock.block_for(Duration::from_secs(1)));
    println!("Two");
}

// No async runtime at all: this program is synchronous, as in the article.
fn main() {
    let cli: Cli = common::exit::parse();
    let clock = cli.common.clock();
    let timeline = cli.common.timeline(&clock);

    for i in 1..=3 {
        count(&clock, timeline.row(format!("count {i}")));
    }

    let elapsed = clock.elapsed();
    println!("countsync executed in {} seconds.", secs(elapsed, 2));
    timeline.print();
}
