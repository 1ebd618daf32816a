//! Chained coroutines: each chain awaits `part1`, then `part2` with its result.
//!
//! `chain(n)` awaits `part1(n)`, which sleeps a random 0 to 10 s, and then
//! `part2(n, p1)`, which sleeps again; all chains run concurrently. Within a
//! chain the two parts run in order, but across chains they interleave: a
//! `part2` starts as soon as its own `part1` is done, whatever the others
//! are doing. So the program takes as long as the longest chain (11 s for
//! `9 6 3`), not the sum of all the sleeps (23 s).
//!
//! From `004_889b89e9c64afa5a.txt`, "Chaining Coroutines". The listing there
//! lost its `asyncio.run(main(*args))` line and its `random.seed(444)`; the
//! printed run shows what the complete program did.
//!
//! Run it as the article does. Every line matches the article's, except that
//! the paused clock reports `8.00` and `11.00` where the article's real run
//! measured `8.01` and `11.01`:
//!
//! ```text
//! $ cargo run -p chained -- 9 6 3 --virtual-time
//! part1(9) sleeping for 4 seconds.
//! part1(6) sleeping for 4 seconds.
//! part1(3) sleeping for 0 seconds.
//! Returning part1(3) == result3-1.
//! part2(3, 'result3-1') sleeping for 4 seconds.
//! Returning part1(9) == result9-1.
//! part2(9, 'result9-1') sleeping for 7 seconds.
//! Returning part1(6) == result6-1.
//! part2(6, 'result6-1') sleeping for 4 seconds.
//! Returning part2(3, 'result3-1') == result3-2 derived from result3-1.
//! -->Chained result3 => result3-2 derived from result3-1 (took 4.00 seconds).
//! Returning part2(6, 'result6-1') == result6-2 derived from result6-1.
//! -->Chained result6 => result6-2 derived from result6-1 (took 8.00 seconds).
//! Returning part2(9, 'result9-1') == result9-2 derived from result9-1.
//! -->Chained result9 => result9-2 derived from result9-1 (took 11.00 seconds).
//! Program finished in 11.00 seconds.
//! ```
//!
//! Notice that `part1(3)` sleeps 0 s and so its `part2` starts before the
//! other chains wake, and that at 4 s three sleeps end at once and resume in
//! the order they went to sleep. `--timeline` draws the three chains:
//!
//! ```text
//! $ cargo run -p chained -- 9 6 3 --virtual-time --timeline
//! part1(9) sleeping for 4 seconds.
//! part1(6) sleeping for 4 seconds.
//! part1(3) sleeping for 0 seconds.
//! Returning part1(3) == result3-1.
//! part2(3, 'result3-1') sleeping for 4 seconds.
//! Returning part1(9) == result9-1.
//! part2(9, 'result9-1') sleeping for 7 seconds.
//! Returning part1(6) == result6-1.
//! part2(6, 'result6-1') sleeping for 4 seconds.
//! Returning part2(3, 'result3-1') == result3-2 derived from result3-1.
//! -->Chained result3 => result3-2 derived from result3-1 (took 4.00 seconds).
//! Returning part2(6, 'result6-1') == result6-2 derived from result6-1.
//! -->Chained result6 => result6-2 derived from result6-1 (took 8.00 seconds).
//! Returning part2(9, 'result9-1') == result9-2 derived from result9-1.
//! -->Chained result9 => result9-2 derived from result9-1 (took 11.00 seconds).
//! Program finished in 11.00 seconds.
//!
//! chain 9  #-------------------#----------------------------------#
//! chain 6  #-------------------#-------------------#
//! chain 3  #-------------------#
//!          +---------+---------+---------+---------+---------+---------+
//!          0         2         4         6         8         10        12s
//!          # running   - sleeping (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `random.seed(444)`; `random.randint(0, 10)` | `common::PyRandom::new(444)`; `.randint(0, 10)` |
//! | the module-level `random` generator, shared by all tasks | `Arc<Mutex<PyRandom>>` |
//! | `asyncio.gather(*(chain(n) for n in args))` | `tokio::spawn` each chain, then await the `JoinHandle`s in order |
//! | `await asyncio.sleep(i)` | `tokio::time::sleep(Duration::from_secs(i)).await` |
//! | `await asyncio.sleep(0)` | `tokio::task::yield_now().await` |
//! | `f"part2{n, arg}"` (a tuple's repr) | `format!("part2({n}, '{arg}')")` |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |
//! | `map(int, sys.argv[1:])` | a clap positional `Vec<i64>` |

use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Parser;
use common::{secs, CommonArgs, PyRandom, Row};
use tokio::time::{sleep, Instant};

/// Chains of two coroutines each, run concurrently.
#[derive(Parser, Debug)]
#[command(allow_negative_numbers = true)]
struct Cli {
    /// One chain per number; any integer, as in Python's `int(arg)`.
    #[arg(value_name = "N", default_values_t = [1, 2, 3])]
    args: Vec<i64>,

    #[command(flatten)]
    common: CommonArgs,
}

/// Python's module-level `random` generator: one, shared by every task.
/// A `std` mutex, not tokio's, because it is never held across an `.await`.
type Random = Arc<Mutex<PyRandom>>;

fn randint(rng: &Random, a: i64, b: i64) -> i64 {
    // A poisoned lock only means another task panicked mid-draw; the
    // generator's state is still whole, so keep drawing.
    let mut rng = rng.lock().unwrap_or_else(|e| e.into_inner());
    rng.randint(a, b)
}

/// `await asyncio.sleep(i)` for a whole number of seconds.
async fn asyncio_sleep(i: i64, row: &Row) {
    if i == 0 {
        // asyncio special-cases `sleep(0)` as a bare yield: the task goes
        // to the back of the ready queue and runs again at once, without a
        // timer. `yield_now` is exactly that; a zero-length tokio timer is
        // not guaranteed to yield at all.
        tokio::task::yield_now().await;
    } else {
        let secs = i.unsigned_abs();
        row.sleeping(sleep(Duration::from_secs(secs))).await;
    }
}

async fn part1(n: i64, rng: &Random, row: &Row) -> String {
    let i = randint(rng, 0, 10);
    println!("part1({n}) sleeping for {i} seconds.");
    asyncio_sleep(i, row).await;
    let result = format!("result{n}-1");
    println!("Returning part1({n}) == {result}.");
    result
}

async fn part2(n: i64, arg: &str, rng: &Random, row: &Row) -> String {
    let i = randint(rng, 0, 10);
    // Python prints the tuple `(n, arg)` with its repr, which quotes the
    // string: `part2(9, 'result9-1')`.
    println!("part2({n}, '{arg}') sleeping for {i} seconds.");
    asyncio_sleep(i, row).await;
    let result = format!("result{n}-2 derived from {arg}");
    println!("Returning part2({n}, '{arg}') == {result}.");
    result
}

async fn chain(n: i64, rng: Random, row: Row) {
    let start = Instant::now();
    let p1 = part1(n, &rng, &row).await;
    let p2 = part2(n, &p1, &rng, &row).await;
    let end = start.elapsed();
    println!(
        "-->Chained result{n} => {p2} (took {} seconds).",
        secs(end, 2)
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    // A boxed error is a deliberate simplification: the only errors left
    // after argument parsing are the runtime failing to start or a chain
    // panicking, and both should simply end the program with a message.
    cli.common.run(async {
        let clock = cli.common.clock();
        let timeline = cli.common.timeline(&clock);
        let rng: Random = Arc::new(Mutex::new(cli.common.rng()));

        // `asyncio.gather` wraps each coroutine in its own Task, and so do
        // we: one spawned task per chain, in argument order. That is what
        // keeps the order of the random draws. When several sleeps end at
        // the same instant (at 4 s for `9 6 3`: part1(9), part1(6) and
        // part2(3)), tokio's timer fires equal deadlines in the order they
        // were registered, and the current-thread runtime runs woken tasks
        // in the order they were woken; so the tasks resume in the order
        // they went to sleep, as in a real asyncio run, where a later sleep
        // has a deadline a few microseconds later. `join_all` over the
        // chains in one task would not do: on every wake it polls all of
        // them in argument order, whatever order they slept in.
        let chains: Vec<_> = cli
            .args
            .iter()
            .map(|&n| {
                let row = timeline.row(format!("chain {n}"));
                tokio::spawn(chain(n, rng.clone(), row))
            })
            .collect();
        for handle in chains {
            handle.await?;
        }

        let end = clock.elapsed();
        println!("Program finished in {} seconds.", secs(end, 2));
        timeline.print();
        Ok(())
    })?
}
