//! Producers and consumers that meet only through a queue.
//!
//! Producers put items into one queue at random times; consumers take them
//! greedily as they show up, and nobody knows how many there will be. The
//! program ends when every producer is done and every item has been
//! processed (`q.join()`); then it cancels the consumers, some still asleep.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough", "Using
//! a Queue" (`asyncq.py`); `-p 2 -c 5` prints its run (seed 444) but for
//! the random bytes. Here the consumer waits on the empty queue from 1 s to
//! 3 s (`--timeline` draws it `.`), then an item waits 2 s for it:
//!
//! ```text
//! $ cargo run -p asyncq -- -p 1 -c 1 --seed 20 --virtual-time
//! Producer 0 sleeping for 3 seconds.
//! Consumer 0 sleeping for 1 seconds.
//! Producer 0 added <0af8bd56b9> to queue.
//! Producer 0 sleeping for 3 seconds.
//! Consumer 0 got element <0af8bd56b9> in 0.00000 seconds.
//! Consumer 0 sleeping for 5 seconds.
//! Producer 0 added <101fab1ade> to queue.
//! Consumer 0 got element <101fab1ade> in 2.00000 seconds.
//! Consumer 0 sleeping for 2 seconds.
//! Program completed in 8.00000 seconds.
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `asyncio.Queue()` | `Queue::default()`, from our `queue.rs` |
//! | `asyncio.create_task(...)` | a `JoinSet`, `collect()`ed |
//! | `await asyncio.gather(*producers)` | `producers.join_all().await` |
//! | `for c in consumers: c.cancel()` | `consumers.shutdown().await` |
//! | `os.urandom(5).hex()` | `hex::encode(rand::random::<[u8; 5]>())` |
//! | `random.randint(1, 5)`, as in the run | `PyRandom` (`pyrandom.rs`) |
//! | `asyncio.run(main(...))` | a current-thread runtime's `block_on` |

#[path = "../../../compat/pyrandom.rs"] // port-only
mod pyrandom;
mod queue;

use std::{cell::RefCell, error::Error, sync::Arc};

use clap::{error::ErrorKind, value_parser, CommandFactory, Parser};
use common::Extras; // port-only
use pyrandom::PyRandom;
use queue::Queue;
use tokio::time::{sleep, Duration, Instant};
use tokio::{runtime::Builder, task::JoinSet};
use tracing::{info_span, Instrument};

// Python's module-level `random`: the runtime's one thread draws for all.
thread_local! {
    static RANDOM: RefCell<PyRandom> = RefCell::new(PyRandom::new(444));
}

fn randint(a: i64, b: i64) -> u64 {
    RANDOM.with_borrow_mut(|random| random.randint(a, b).unsigned_abs())
}

// step: cli
/// Producers put random items into a queue; consumers take them out.
#[derive(Parser, Debug)]
#[command(version, allow_negative_numbers = true)]
struct Cli {
    #[arg(short = 'p', long, default_value_t = 5,
          value_parser = value_parser!(u64).range(0..=100_000))]
    nprod: u64,
    #[arg(short = 'c', long, default_value_t = 10,
          value_parser = value_parser!(u64).range(0..=1_000_000))]
    ncon: u64,
    /// Seed the random counts and sleeps, as `random.seed(N)` does.
    #[arg(long, value_name = "N", default_value_t = 444)]
    seed: u64,
    #[command(flatten)] // port-only
    extras: Extras, // port-only
}

// step: makeitem
async fn makeitem() -> String {
    hex::encode(rand::random::<[u8; 5]>())
}

// step: randsleep
async fn randsleep(caller: &str) {
    let i = randint(1, 5);
    println!("{caller} sleeping for {i} seconds.");
    sleep(Duration::from_secs(i)).await;
}

// step: produce
async fn produce(name: u64, q: Arc<Queue>) {
    for _ in 0..randint(1, 5) {
        randsleep(&format!("Producer {name}")).await;
        let i = makeitem().await;
        let t = Instant::now();
        q.put((i.clone(), t));
        println!("Producer {name} added <{i}> to queue.");
    }
}

// step: consume
async fn consume(name: u64, q: Arc<Queue>) {
    loop {
        randsleep(&format!("Consumer {name}")).await;
        let (i, t) = q.get().await;
        let now = Instant::now();
        let waited = (now - t).as_secs_f64();
        println!("Consumer {name} got element <{i}> in {waited:.5} seconds.");
        q.task_done();
    }
}

// step: main
async fn async_main(nprod: u64, ncon: u64) {
    let q = Arc::new(Queue::default());
    let producers: JoinSet<_> = (0..nprod)
        .map(|n| produce(n, q.clone()).instrument(info_span!("producer", n)))
        .collect();
    let mut consumers: JoinSet<_> = (0..ncon)
        .map(|n| consume(n, q.clone()).instrument(info_span!("consumer", n)))
        .collect();
    producers.join_all().await;
    q.join().await;
    consumers.shutdown().await;
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse();
    if cli.nprod > 0 && cli.ncon == 0 {
        let why = "producers need at least one consumer";
        Cli::command().error(ErrorKind::ValueValidation, why).exit();
    }
    RANDOM.set(PyRandom::new(cli.seed));
    let mut runtime = Builder::new_current_thread();
    runtime.enable_all();
    let _extras = cli.extras.setup(&mut runtime); // port-only
    runtime.build()?.block_on(async {
        let start = Instant::now();
        async_main(cli.nprod, cli.ncon).await;
        let elapsed = start.elapsed().as_secs_f64();
        println!("Program completed in {elapsed:.5} seconds.");
    });
    Ok(())
}
