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
//! began; `8.00`, `11.00` are ideal (real: `8.01`, `11.01`). In the
//! timeline, chain 3's `sleep(0)` only yields; its one sleep is part2's:
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
//!          # running   - waiting (thread free)
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `random.seed(444)` | `PyRandom::new(444)` (`pyrandom.rs`) |
//! | `random.randint(0, 10)` | `.randint(0, 10)` on it |
//! | `asyncio.gather(*(chain(n) for n in args))` | `JoinSet`, `join_all()` |
//! | `await asyncio.sleep(i)` | `asyncio::sleep(i).await`: tokio's `sleep` |
//! | `await asyncio.sleep(0)` | it wakes itself once (`asyncio.rs`), in order |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |
//! | `f"{end:0.2f}"` | `format!("{end:.2}")` |
//! | `asyncio.run(main(*args))` | a current-thread runtime's `block_on` |

mod asyncio;
#[path = "../../../compat/pyrandom.rs"] // port-only
mod pyrandom;

use std::{cell::RefCell, error::Error};

use clap::Parser;
use common::Extras; // port-only
use pyrandom::PyRandom;
use tokio::runtime::Builder;
use tokio::task::JoinSet;
use tokio::time::Instant;
use tracing::{info_span, Instrument};

// Python's module-level `random`. The runtime has one thread, as asyncio's
// loop has, so the tasks draw from this one in the order they run.
thread_local! {
    static RANDOM: RefCell<PyRandom> = RefCell::new(PyRandom::new(444));
}

fn randint(a: i64, b: i64) -> i64 {
    RANDOM.with_borrow_mut(|random| random.randint(a, b))
}

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
    #[command(flatten)] // port-only
    extras: Extras, // port-only
}

// step: part1
async fn part1(n: i64) -> String {
    let i = randint(0, 10);
    println!("part1({n}) sleeping for {i} seconds.");
    asyncio::sleep(i).await;
    let result = format!("result{n}-1");
    println!("Returning part1({n}) == {result}.");
    result
}

// step: part2
async fn part2(n: i64, arg: &str) -> String {
    let i = randint(0, 10);
    println!("part2({n}, '{arg}') sleeping for {i} seconds.");
    asyncio::sleep(i).await;
    let result = format!("result{n}-2 derived from {arg}");
    println!("Returning part2({n}, '{arg}') == {result}.");
    result
}

// step: chain
async fn chain(n: i64) {
    let start = Instant::now();
    let p1 = part1(n).await;
    let p2 = part2(n, &p1).await;
    let end = start.elapsed().as_secs_f64();
    println!("-->Chained result{n} => {p2} (took {end:.2} seconds).");
}

// step: main
async fn async_main(args: &[i64]) {
    let chains: JoinSet<_> = args
        .iter()
        .map(|&n| chain(n).instrument(info_span!("chain", n)))
        .collect();
    chains.join_all().await;
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse();
    RANDOM.set(PyRandom::new(cli.seed));
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    runtime.build()?.block_on(async {
        let start = Instant::now();
        async_main(&cli.args).await;
        let end = start.elapsed().as_secs_f64();
        println!("Program finished in {end:.2} seconds.");
    });
    Ok(())
}
