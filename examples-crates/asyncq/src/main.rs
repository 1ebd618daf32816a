//! Producers and consumers that meet only through a queue.
//!
//! Producers put items into one queue at random times; consumers take them
//! greedily as they show up, and nobody knows how many there will be. The
//! program ends when every producer is done and every item has been
//! processed (`q.join()`); then it cancels the consumers, some still asleep.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough", "Using
//! a Queue" (`asyncq.py`). Its listing draws `randint(0, 10)`, but its
//! printed run used `randint(1, 5)` and seed 444, and so does this port.
//! The article's run, but for the random bytes; the paused clock prints the
//! ideal `0.00000` and `9.00000` (real: `0.00013` and `9.00954`):
//!
//! ```text
//! $ cargo run -p asyncq -- -p 2 -c 5 --virtual-time
//! Producer 0 sleeping for 3 seconds.
//! Producer 1 sleeping for 3 seconds.
//! Consumer 0 sleeping for 4 seconds.
//! Consumer 1 sleeping for 3 seconds.
//! Consumer 2 sleeping for 3 seconds.
//! Consumer 3 sleeping for 5 seconds.
//! Consumer 4 sleeping for 4 seconds.
//! Producer 0 added <be54b35e6c> to queue.
//! Producer 0 sleeping for 5 seconds.
//! Producer 1 added <9db1ce45be> to queue.
//! Consumer 1 got element <be54b35e6c> in 0.00000 seconds.
//! Consumer 1 sleeping for 3 seconds.
//! Consumer 2 got element <9db1ce45be> in 0.00000 seconds.
//! Consumer 2 sleeping for 4 seconds.
//! Producer 0 added <652027f3ac> to queue.
//! Producer 0 sleeping for 1 seconds.
//! Consumer 0 got element <652027f3ac> in 0.00000 seconds.
//! Consumer 0 sleeping for 4 seconds.
//! Producer 0 added <1b67765045> to queue.
//! Consumer 4 got element <1b67765045> in 0.00000 seconds.
//! Consumer 4 sleeping for 5 seconds.
//! Program completed in 9.00000 seconds.
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `asyncio.Queue()` | `queue::Queue`: `VecDeque`, `Notify`, `watch` |
//! | `asyncio.create_task(...)` | a `JoinSet`, `collect()`ed |
//! | `await asyncio.gather(*producers)` | `producers.join_all().await` |
//! | `for c in consumers: c.cancel()` | `consumers.shutdown().await` |
//! | `os.urandom(5).hex()` | `hex::encode(rand::random::<[u8; 5]>())` |

mod queue;

use std::{cell::RefCell, sync::Arc};

use clap::{value_parser, Parser};
use common::{secs, PyRandom, VirtualTime};
use queue::Queue;
use tokio::task::JoinSet;
use tokio::time::{sleep, Duration, Instant};

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
    #[command(flatten)]
    time: VirtualTime,
}

// step: random
// Python's module-level `random`: the runtime's one thread draws for all.
thread_local! {
    static RANDOM: RefCell<PyRandom> = RefCell::new(PyRandom::new(444));
}

fn randint(a: i64, b: i64) -> u64 {
    RANDOM.with_borrow_mut(|random| random.randint(a, b).unsigned_abs())
}

// step: makeitem
/// Not from `RANDOM`, as Python's are not: that would change every sleep.
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
        let waited = secs(now - t, 5);
        println!("Consumer {name} got element <{i}> in {waited} seconds.");
        q.task_done();
    }
}

// step: main
async fn async_main(nprod: u64, ncon: u64) {
    let q = Arc::new(Queue::default());
    // Spawned in this order, and started at once, like `create_task`.
    let producers: JoinSet<_> =
        (0..nprod).map(|n| produce(n, q.clone())).collect();
    let mut consumers: JoinSet<_> =
        (0..ncon).map(|n| consume(n, q.clone())).collect();
    producers.join_all().await;
    q.join().await;
    // The consumers loop for ever: abort them, as Python cancels them.
    consumers.shutdown().await;
}

// step: run
fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    if cli.nprod > 0 && cli.ncon == 0 {
        // Python would wait in `q.join()` for ever.
        common::exit::usage_error("producers need at least one consumer");
    }
    RANDOM.set(PyRandom::new(cli.seed));
    cli.time.run(async {
        let start = Instant::now();
        async_main(cli.nprod, cli.ncon).await;
        let elapsed = secs(start.elapsed(), 5);
        println!("Program completed in {elapsed} seconds.");
    })
}
