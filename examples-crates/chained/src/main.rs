//! Chained coroutines: each chain awaits `part1`, then `part2` with its result.
//!
//! All chains run at once; within a chain the parts run in order, so a
//! `part2` starts as soon as its own `part1` is done. The program takes as
//! long as the longest chain (11 s for `9 6 3`), not the sum (23 s).
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough",
//! "Chaining Coroutines" (`chained.py`, seeded with 444 as its run was).
//!
//! The article's run: at 4 s three sleeps end, resuming in the order they
//! began; `8.00`, `11.00` are ideal (real: `8.01`, `11.01`). Try `--timeline`.
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
//! | Python | Rust |
//! |---|---|
//! | `random.seed(444)`; `random.randint(0, 10)` | `PyRandom`; `randint` |
//! | `asyncio.gather(*(chain(n) for n in args))` | spawn each, `try_join_all` |
//! | `await asyncio.sleep(i)` | `sleep(Duration::from_secs(i)).await` |
//! | `await asyncio.sleep(0)` | wake itself, return `Pending` once |

use std::{cell::RefCell, task::Poll, time::Duration};

use clap::Parser;
use common::{secs, trace, PyRandom, VirtualTime};
use tokio::task::{spawn, JoinError};
use tokio::time::{sleep, Instant};

// step: cli
/// Chains of two coroutines each, run concurrently.
#[derive(Parser, Debug)]
#[command(version, allow_negative_numbers = true)]
struct Cli {
    /// One chain per number; any integer, as in Python's `int(arg)`.
    #[arg(value_name = "N", default_values_t = [1, 2, 3])]
    args: Vec<i64>,
    /// Seed the random sleeps, as `random.seed(N)` does.
    #[arg(long, value_name = "N", default_value_t = 444)]
    seed: u64,
    #[command(flatten)]
    time: VirtualTime,
    /// After the output, draw when each chain ran and slept.
    #[arg(long)]
    timeline: bool,
}

// step: random
// Python's module-level `random`. The runtime has one thread, like
// asyncio's loop, so every task draws from this one, in the order they run.
thread_local! {
    static RANDOM: RefCell<PyRandom> = RefCell::new(PyRandom::new(444));
}

fn randint(a: i64, b: i64) -> i64 {
    RANDOM.with_borrow_mut(|random| random.randint(a, b))
}

/// `await asyncio.sleep(i)`. `sleep(0)` yields: the task goes to the back
/// of the ready queue, as one that wakes itself and returns `Pending` does
/// (a zero-length timer may not yield; `yield_now` resumes the last first).
async fn asyncio_sleep(i: i64) {
    if i > 0 {
        return sleep(Duration::from_secs(i.unsigned_abs())).await;
    }
    let mut yielded = false;
    std::future::poll_fn(|cx| {
        if !std::mem::replace(&mut yielded, true) {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(())
    })
    .await
}

// step: part1
async fn part1(n: i64) -> String {
    let i = randint(0, 10);
    println!("part1({n}) sleeping for {i} seconds.");
    asyncio_sleep(i).await;
    let result = format!("result{n}-1");
    println!("Returning part1({n}) == {result}.");
    result
}

// step: part2
async fn part2(n: i64, arg: &str) -> String {
    let i = randint(0, 10);
    // Python prints the tuple `(n, arg)` with its repr, which quotes the
    // string: `part2(9, 'result9-1')`.
    println!("part2({n}, '{arg}') sleeping for {i} seconds.");
    asyncio_sleep(i).await;
    let result = format!("result{n}-2 derived from {arg}");
    println!("Returning part2({n}, '{arg}') == {result}.");
    result
}

// step: chain
async fn chain(n: i64) {
    let start = Instant::now();
    let p1 = part1(n).await;
    let p2 = part2(n, &p1).await;
    let end = secs(start.elapsed(), 2);
    println!("-->Chained result{n} => {p2} (took {end} seconds).");
}

// step: main
async fn async_main(args: &[i64]) -> Result<Vec<()>, JoinError> {
    // `gather` wraps each coroutine in a Task, and so do we: sleeps ending at
    // one instant then resume in the order they began, as in asyncio, where
    // `join_all` of bare chains in one task would poll in argument order.
    let chains = args
        .iter()
        .map(|&n| spawn(trace(format!("chain {n}"), chain(n))));
    futures::future::try_join_all(chains).await
}

// step: run
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    RANDOM.set(PyRandom::new(cli.seed));
    // A boxed error is a deliberate simplification: a chain may panic.
    cli.time.run(async {
        common::timeline::start(cli.timeline);
        let start = Instant::now();
        async_main(&cli.args).await?;
        let end = start.elapsed();
        println!("Program finished in {} seconds.", secs(end, 2));
        common::timeline::print();
        Ok(())
    })?
}
