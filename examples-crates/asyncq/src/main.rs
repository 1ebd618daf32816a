//! Producers and consumers that meet only through a queue.
//!
//! Producers put items into one queue at random times; consumers take them
//! out greedily as they show up. No producer knows any consumer, and nobody
//! knows in advance how many items there will be. The program ends, as the
//! Python one does, when every producer is done and every item taken out has
//! been processed (`q.join()`); the consumers, some still asleep, are then
//! cancelled. With `-p 2 -c 5` the last item arrives at 9 s, so the program
//! takes 9 s.
//!
//! From `004_889b89e9c64afa5a.txt`, "Using a Queue". The listing there draws
//! `randint(0, 10)` and lost `q.task_done()`, `c.cancel()` and
//! `asyncio.run(main(**ns.__dict__))`, but its printed run was made with
//! `randint(1, 5)`, `random.seed(444)` and those lines, and so is this port.
//!
//! Run the article's run. Every line matches it, except the random bytes
//! and the time items wait in the queue: the paused clock reports the ideal
//! `0.00000` where the article's real run measured a fraction of a
//! millisecond, and `9.00000` for its `9.00954`:
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
//! Thousands of consumers are no problem (`-p 5 -c 100000`). For throughput
//! measurements, `--no-sleep --quiet --items N` drops every random sleep,
//! has each producer put exactly N items and prints only the count:
//!
//! ```text
//! $ cargo run -p asyncq -- -p 5 -c 10 --no-sleep --quiet --items 1000 --virtual-time
//! Consumed 5000 items, each exactly once, at inf items per second.
//! Program completed in 0.00000 seconds.
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `asyncio.Queue()` | `Queue`: a `Mutex<VecDeque>` and a `Notify` for waiting consumers |
//! | `await q.put(x)` | `push_back` and `Notify::notify_one` (unbounded: never waits) |
//! | `await q.get()` | `pop_front`, or `Notify::notified().await` and try again |
//! | `q.task_done()`; `await q.join()` | a count of unfinished items and a `Notify` (`Queue::task_done`, `Queue::join`) |
//! | `asyncio.create_task(...)` | `JoinSet::spawn(...)` |
//! | `await asyncio.gather(*producers)` | `while producers.join_next().await ...` |
//! | `for c in consumers: c.cancel()` | `consumers.shutdown().await` (aborts every task) |
//! | `os.urandom(5).hex()` | `hex::encode(rand::random::<[u8; 5]>())` |
//! | `random.randint(1, 5)` (seeded) | `common::PyRandom::randint(1, 5)` |
//! | `argparse`, `-p/--nprod`, `-c/--ncon` | clap derive |

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use clap::{value_parser, Parser};
use common::{secs, CommonArgs, PyRandom, Row};
use tokio::sync::Notify;
use tokio::task::JoinSet;
use tokio::time::{sleep, Instant};

/// The most items one run may hold: beyond this the queue (which producers
/// can fill faster than consumers empty it) could exhaust memory. An item
/// in the queue costs about 80 bytes, so ten million fill under 1 GB.
const MAX_ITEMS: u64 = 10_000_000;

/// The most producers: a task each, a few hundred bytes, and each puts up
/// to five items; what they put together is bounded by [`MAX_ITEMS`].
const MAX_PRODUCERS: u64 = 100_000;

/// The most consumers: a task each, about a kilobyte with its random
/// sleep and its row, so a million take about 1 GB.
const MAX_CONSUMERS: u64 = 1_000_000;

/// Producers put random items into a queue; consumers take them out.
#[derive(Parser, Debug)]
struct Cli {
    /// Number of producers (at most 100000).
    #[arg(short = 'p', long, default_value_t = 5,
          allow_negative_numbers = true,
          value_parser = value_parser!(u64).range(0..=MAX_PRODUCERS))]
    nprod: u64,

    /// Number of consumers (at most 1000000).
    #[arg(short = 'c', long, default_value_t = 10,
          allow_negative_numbers = true,
          value_parser = value_parser!(u64).range(0..=MAX_CONSUMERS))]
    ncon: u64,

    /// Each producer puts exactly N items, instead of randint(1, 5).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    items: Option<u64>,

    /// No random sleeps anywhere (for throughput measurements).
    #[arg(long)]
    no_sleep: bool,

    /// No per-item lines; print how many items were consumed, and the rate.
    #[arg(long)]
    quiet: bool,

    #[command(flatten)]
    common: CommonArgs,
}

/// What goes into the queue: the item, when it was put, and a serial
/// number that lets the program check each item is consumed exactly once.
#[derive(Debug)]
struct Item {
    hex: String,
    put_at: Instant,
    serial: usize,
}

/// `asyncio.Queue` with `task_done()` and `join()`, built from tokio parts.
///
/// The items sit in a plain `VecDeque`, and consumers that find it empty
/// wait on a `Notify`, which wakes waiters first come, first served, as
/// `asyncio.Queue` wakes its getters. As in Python, a woken consumer takes
/// the item only when it runs, so one that arrives in between may take it
/// first; the woken one then finds the queue empty and waits again. (A
/// channel whose single receiver the consumers share behind a lock would
/// hand each item to the longest waiter instead, and so run differently
/// from the Python program.)
///
/// tokio has no `Queue.join()`. A closed channel is the usual Rust way to
/// say "no more items", but it cannot say "every item has been processed",
/// and that is the moment the Python program ends. So the queue keeps
/// Python's count of unfinished items: `put` adds one, `task_done` takes one
/// away, and whoever brings it to zero wakes `join`.
#[derive(Debug, Default)]
struct Queue {
    // A `std` mutex: it is held only for a push or a pop, never across an
    // `.await`.
    items: Mutex<VecDeque<Item>>,
    item_put: Notify,
    unfinished: AtomicUsize,
    all_done: Notify,
    serials: AtomicUsize,
}

impl Queue {
    fn items(&self) -> MutexGuard<'_, VecDeque<Item>> {
        // A poisoned lock only means a task panicked mid-push; the queue
        // itself is whole.
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `q.put_nowait((i, t))`: an unbounded queue never makes a put wait.
    fn put(&self, hex: String, put_at: Instant) {
        let serial = self.serials.fetch_add(1, Ordering::Relaxed);
        self.unfinished.fetch_add(1, Ordering::Relaxed);
        self.items().push_back(Item {
            hex,
            put_at,
            serial,
        });
        // Wake the consumer that has waited longest. If none is waiting,
        // `Notify` keeps a permit, and the next consumer to find the queue
        // empty passes once through the loop in `get` for nothing.
        self.item_put.notify_one();
    }

    /// `await q.get()`.
    async fn get(&self) -> Item {
        loop {
            if let Some(item) = self.items().pop_front() {
                return item;
            }
            self.item_put.notified().await;
        }
    }

    /// `q.task_done()`.
    fn task_done(&self) {
        if self.unfinished.fetch_sub(1, Ordering::Relaxed) == 1 {
            // `notify_one` keeps a permit if `join` is not waiting yet, so
            // the wake-up cannot be lost.
            self.all_done.notify_one();
        }
    }

    /// `await q.join()`: until every item put has been marked done. The
    /// loop re-checks, because a permit may be left from an earlier moment
    /// when the count touched zero and producers then put more.
    async fn join(&self) {
        while self.unfinished.load(Ordering::Relaxed) > 0 {
            self.all_done.notified().await;
        }
    }

    /// How many items were ever put.
    fn put_count(&self) -> usize {
        self.serials.load(Ordering::Relaxed)
    }
}

/// What the producers and consumers share besides the queue: the options,
/// Python's module-level random generator, and the consumers' tally.
#[derive(Debug)]
struct Shared {
    q: Queue,
    // A `std` mutex: never held across an `.await`.
    rng: Mutex<PyRandom>,
    no_sleep: bool,
    quiet: bool,
    items: Option<u64>,
    /// `consumed[serial]` is set when that item is consumed.
    consumed: Mutex<Vec<bool>>,
    duplicates: AtomicUsize,
}

impl Shared {
    fn randint(&self, a: i64, b: i64) -> i64 {
        // A poisoned lock only means a task panicked mid-draw; the
        // generator is still whole.
        let mut rng = self.rng.lock().unwrap_or_else(|e| e.into_inner());
        rng.randint(a, b)
    }
}

/// `makeitem()`: 5 random bytes from the thread's fast random generator,
/// as 10 hex digits. Not from the seeded generator: in Python they come
/// from `os.urandom`, apart from `random`, and drawing them there would
/// change every later sleep.
fn makeitem() -> String {
    // Encoded into a buffer on the stack and copied into a string of the
    // right size once: `hex::encode` builds its string a character at a
    // time, which shows up in a profile of a million items.
    let mut digits = [0u8; 10];
    // Cannot fail: ten digits is exactly twice five bytes.
    let _ = hex::encode_to_slice(rand::random::<[u8; 5]>(), &mut digits);
    String::from_utf8_lossy(&digits).into_owned()
}

/// `randsleep(caller)`.
async fn randsleep(s: &Shared, caller: &str, row: &Row) {
    if s.no_sleep {
        return;
    }
    let i = s.randint(1, 5);
    if !s.quiet {
        println!("{caller} sleeping for {i} seconds.");
    }
    row.sleeping(sleep(Duration::from_secs(i.unsigned_abs())))
        .await;
}

async fn produce(name: u64, s: Arc<Shared>, row: Row) {
    let n = match s.items {
        Some(n) => n,
        None => s.randint(1, 5).unsigned_abs(),
    };
    let caller = format!("Producer {name}");
    for _ in 0..n {
        randsleep(&s, &caller, &row).await;
        let i = makeitem();
        let t = Instant::now();
        if !s.quiet {
            println!("Producer {name} added <{i}> to queue.");
        }
        s.q.put(i, t);
    }
}

async fn consume(name: u64, s: Arc<Shared>, row: Row) {
    let caller = format!("Consumer {name}");
    loop {
        randsleep(&s, &caller, &row).await;
        let item = row.waiting(s.q.get()).await;
        let now = Instant::now();
        if !s.quiet {
            let waited = secs(now - item.put_at, 5);
            println!(
                "Consumer {name} got element <{}> in {waited} seconds.",
                item.hex
            );
        }
        {
            let mut consumed =
                s.consumed.lock().unwrap_or_else(|e| e.into_inner());
            if consumed.len() <= item.serial {
                consumed.resize(item.serial + 1, false);
            }
            if std::mem::replace(&mut consumed[item.serial], true) {
                s.duplicates.fetch_add(1, Ordering::Relaxed);
            }
        }
        s.q.task_done();
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli: Cli = common::exit::parse();
    let items_each = cli.items.unwrap_or(5);
    if cli.nprod.saturating_mul(items_each) > MAX_ITEMS {
        common::exit::usage_error(format!(
            "at most {MAX_ITEMS} items in all (-p times --items)"
        ));
    }
    if cli.ncon == 0 && cli.nprod > 0 && items_each > 0 {
        // Python would wait forever in `q.join()`: nobody takes the items.
        common::exit::usage_error(
            "with producers, at least one consumer (-c 1) is needed, \
                 or the queue is never emptied",
        );
    }

    // A boxed error is a deliberate simplification: what can fail here
    // (the runtime, a task that panicked, a miscount) ends the program
    // with its message and status 1.
    cli.common.run(async {
        let clock = cli.common.clock();
        let timeline = cli.common.timeline(&clock);
        let shared = Arc::new(Shared {
            q: Queue::default(),
            rng: Mutex::new(cli.common.rng()),
            no_sleep: cli.no_sleep,
            quiet: cli.quiet,
            items: cli.items,
            consumed: Mutex::new(Vec::new()),
            duplicates: AtomicUsize::new(0),
        });

        // Both kinds of task start at once, producers first, as
        // `asyncio.create_task` starts them; they first run when `main`
        // awaits below, in the order they were spawned.
        let mut producers = JoinSet::new();
        for n in 0..cli.nprod {
            let row = timeline.row(format!("producer {n}"));
            producers.spawn(produce(n, shared.clone(), row));
        }
        let mut consumers = JoinSet::new();
        for n in 0..cli.ncon {
            let row = timeline.row(format!("consumer {n}"));
            consumers.spawn(consume(n, shared.clone(), row));
        }

        // `await asyncio.gather(*producers)`.
        while let Some(done) = producers.join_next().await {
            done?;
        }
        // `await q.join()`: every item is out of the queue *and* processed.
        shared.q.join().await;
        // The consumers are still looping, asleep or waiting in `get`;
        // nothing else will ever end them. Abort them all, as the Python
        // program cancels each one, and wait until they are gone.
        consumers.shutdown().await;
        let elapsed = clock.elapsed();

        // Whatever the mode, check what the consumers counted against what
        // the producers put: the same number, and none twice.
        let put = shared.q.put_count();
        let count = {
            let consumed =
                shared.consumed.lock().unwrap_or_else(|e| e.into_inner());
            consumed.iter().filter(|&&c| c).count()
        };
        let duplicates = shared.duplicates.load(Ordering::Relaxed);
        if count != put || duplicates > 0 {
            return Err(format!(
                "producers put {put} items, but consumers consumed \
                 {count} different items ({duplicates} more than once)"
            )
            .into());
        }
        if cli.quiet {
            // Under `--virtual-time` with `--no-sleep` no time passes at
            // all, and the rate prints as `inf`, as Python's would.
            let rate = count as f64 / elapsed.as_secs_f64();
            println!(
                "Consumed {count} items, each exactly once, \
                 at {rate:.0} items per second."
            );
        }
        println!("Program completed in {} seconds.", secs(elapsed, 5));
        timeline.print();
        Ok(())
    })?
}
