//! The walkthrough's producer/consumer queue without its sleeps, for
//! measuring throughput: the Rust side of `bench/python/asyncq.py`.
//!
//! Each producer puts exactly `--items` items into one queue, the
//! consumers take them as they come, and when every item is processed
//! the consumers are cancelled, as in `asyncq` (Real Python's "Async IO in
//! Python: A Complete Walkthrough", "Using a Queue"). Every item carries a
//! serial number; at the end the program checks that each was consumed
//! exactly once, and prints the count and the rate, which `bench/run`
//! reads:
//!
//! ```text
//! $ cargo run -p asyncq-bench -- -p 5 -c 10 --items 1000
//! Consumed 5000 items, each exactly once, at 350052 items per second.
//! Program completed in 0.01428 seconds.
//! ```
//!
//! The queue is `asyncq`'s (a `Mutex<VecDeque>`, a `Notify` for waiting
//! consumers and a count of unfinished items) with `asyncio.Queue`'s
//! `maxsize` added: with `--maxsize M` it holds at most M items and a
//! producer putting into a full queue waits for room, as the peers'
//! bounded channels do, so memory stays flat however many items pass.
//! Each side has at most one wake-up in flight, relayed by the task that
//! gets it (see [`Queue`]), so that 10,000 waiting consumers are not all
//! woken for one full queue.
//!
//! ```text
//! $ cargo run -p asyncq-bench -- -p 5 -c 10 --items 1000 --maxsize 16
//! ```

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use clap::{value_parser, CommandFactory, Parser};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use tokio::sync::futures::Notified;
use tokio::sync::Notify;
use tokio::task::JoinSet;

/// The most items one run may hold: a queued item costs about 80 bytes,
/// so ten million fill under 1 GB.
const MAX_ITEMS: u64 = 10_000_000;

/// Producers put N items each into a queue; consumers take them out.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// Number of producers.
    #[arg(short = 'p', long, default_value_t = 5,
          value_parser = value_parser!(u64).range(1..=10_000))]
    nprod: u64,
    /// Number of consumers (a task of a few hundred bytes each).
    #[arg(short = 'c', long, default_value_t = 10,
          value_parser = value_parser!(u64).range(1..=1_000_000))]
    ncon: u64,
    /// Items each producer puts (at most 10000000 in all).
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    items: u64,
    /// The most items the queue holds at once; a producer putting into a
    /// full queue waits for room. 0 (the default, as `asyncio.Queue`'s)
    /// for no bound.
    #[arg(long, value_name = "M", default_value_t = 0,
          value_parser = value_parser!(u64).range(0..=10_000_000))]
    maxsize: u64,
}

/// An item, as in `asyncq`, with the serial number no other item has.
#[derive(Debug)]
struct Item {
    hex: String,
    put_at: Instant,
    serial: usize,
}

/// `asyncio.Queue`, as `asyncq` builds it, with `asyncio.Queue(maxsize)`'s
/// bound: a `VecDeque` behind a mutex (uncontended: the runtime has one
/// thread), a count of unfinished items, and a `Notify` each for the
/// consumers waiting for an item and the producers waiting for room.
///
/// Each side notifies the other only when one of it is waiting (the counts
/// of waiters live under the same lock as the items, and the notifier
/// takes one off the count for each waiter it wakes), so a put or a get
/// that wakes nobody costs one uncontended lock.
///
/// At most one wake-up is in flight on each side. With 10,000 consumers
/// waiting, waking one per put would wake up to a whole queue's worth of
/// them, while the first to run takes every item in one go and the rest
/// find the queue empty and wait again: a profile put more than a quarter
/// of the run in those wake-ups. Instead the woken task, once it runs, passes the
/// wake-up on if items (or room) are left, as a relay, so a waiter is
/// never stranded while there is work for it.
#[derive(Debug)]
struct Queue {
    state: Mutex<State>,
    /// At most this many items at once: `usize::MAX` for asyncio's
    /// `maxsize=0`, no bound.
    maxsize: usize,
    item_put: Notify,
    item_got: Notify,
    unfinished: AtomicUsize,
    all_done: Notify,
}

#[derive(Debug, Default)]
struct State {
    items: VecDeque<Item>,
    waiting_getters: usize,
    waiting_putters: usize,
    /// A getter has been woken and has not run yet.
    getter_woken: bool,
    /// A putter has been woken and has not run yet.
    putter_woken: bool,
}

impl State {
    /// Wakes one waiting getter if there is an item for it and no other
    /// getter is already on its way: whether to notify, after the lock.
    fn wake_getter(&mut self) -> bool {
        let wake = !self.items.is_empty()
            && self.waiting_getters > 0
            && !self.getter_woken;
        if wake {
            self.waiting_getters -= 1;
            self.getter_woken = true;
        }
        wake
    }

    /// Wakes one waiting putter if there is room and no other putter is
    /// already on its way.
    fn wake_putter(&mut self, maxsize: usize) -> bool {
        let wake = self.items.len() < maxsize
            && self.waiting_putters > 0
            && !self.putter_woken;
        if wake {
            self.waiting_putters -= 1;
            self.putter_woken = true;
        }
        wake
    }
}

const POISON: &str = "a task panicked while holding the queue";

impl Queue {
    fn new(maxsize: usize) -> Self {
        Self {
            state: Mutex::new(State {
                // A bounded queue never grows past its bound; an unbounded
                // one grows as asyncio's deque does.
                items: VecDeque::with_capacity(maxsize),
                ..State::default()
            }),
            maxsize: if maxsize == 0 { usize::MAX } else { maxsize },
            item_put: Notify::new(),
            item_got: Notify::new(),
            unfinished: AtomicUsize::new(0),
            all_done: Notify::new(),
        }
    }

    /// Puts `item` in, first waiting for room if the queue is full, as
    /// `await queue.put(item)` does.
    async fn put(&self, item: Item) {
        let Err(mut item) = self.try_put(item, None, false) else {
            return;
        };
        let mut woken = false;
        loop {
            let room = self.item_got.notified();
            tokio::pin!(room);
            match self.try_put(item, Some(room.as_mut()), woken) {
                Ok(()) => return,
                Err(back) => item = back,
            }
            room.await;
            woken = true;
        }
    }

    /// Puts `item` in if there is room; if not, gives it back, after
    /// registering `room` (if given) to be woken by a get. The waiter is
    /// registered and counted under the lock, so a get cannot slip between
    /// the check and the wait. `woken` says the caller is the putter that
    /// was woken, so the next wake-up may go out.
    fn try_put(
        &self,
        item: Item,
        room: Option<Pin<&mut Notified<'_>>>,
        woken: bool,
    ) -> Result<(), Item> {
        let mut state = self.state.lock().expect(POISON);
        if woken {
            state.putter_woken = false;
        }
        if state.items.len() >= self.maxsize {
            if let Some(room) = room {
                room.enable();
                state.waiting_putters += 1;
            }
            return Err(item);
        }
        self.unfinished.fetch_add(1, Relaxed);
        state.items.push_back(item);
        let getter = state.wake_getter();
        let putter = woken && state.wake_putter(self.maxsize);
        drop(state);
        if getter {
            self.item_put.notify_one();
        }
        if putter {
            self.item_got.notify_one();
        }
        Ok(())
    }

    /// Takes the oldest item, waiting for one if the queue is empty.
    async fn get(&self) -> Item {
        if let Some(item) = self.try_get(None, false) {
            return item;
        }
        let mut woken = false;
        loop {
            let put = self.item_put.notified();
            tokio::pin!(put);
            if let Some(item) = self.try_get(Some(put.as_mut()), woken) {
                return item;
            }
            put.await;
            woken = true;
        }
    }

    /// Takes the oldest item if there is one; if not, registers `put` (if
    /// given) to be woken by a put. `woken` as in [`Queue::try_put`].
    fn try_get(
        &self,
        put: Option<Pin<&mut Notified<'_>>>,
        woken: bool,
    ) -> Option<Item> {
        let mut state = self.state.lock().expect(POISON);
        if woken {
            state.getter_woken = false;
        }
        let Some(item) = state.items.pop_front() else {
            if let Some(put) = put {
                put.enable();
                state.waiting_getters += 1;
            }
            return None;
        };
        let putter = state.wake_putter(self.maxsize);
        let getter = woken && state.wake_getter();
        drop(state);
        if putter {
            self.item_got.notify_one();
        }
        if getter {
            self.item_put.notify_one();
        }
        Some(item)
    }

    fn task_done(&self) {
        if self.unfinished.fetch_sub(1, Relaxed) == 1 {
            self.all_done.notify_one();
        }
    }

    async fn join(&self) {
        while self.unfinished.load(Relaxed) > 0 {
            self.all_done.notified().await;
        }
    }
}

/// Five random bytes as ten hex digits, encoded on the stack and copied
/// into a string once (`hex::encode` grows its string a character at a
/// time, which shows in a profile of a million items).
///
/// The bytes come from a small, fast generator in user space (rand's
/// `SmallRng`, one per producer), as the peers' do: Python's `random`,
/// Go's `math/rand`. The lesson's `rand::random` is a cryptographic
/// generator, which is not what any of them measures.
fn makeitem(rng: &mut SmallRng) -> String {
    let mut digits = [0u8; 10];
    // Cannot fail: ten digits is exactly twice five bytes.
    let _ = hex::encode_to_slice(rng.random::<[u8; 5]>(), &mut digits);
    // Hex digits are ASCII, so this never takes the empty string; it
    // copies without `from_utf8_lossy`'s scan for bad sequences.
    std::str::from_utf8(&digits).map_or_else(|_| String::new(), str::to_owned)
}

async fn produce(name: usize, q: Arc<Queue>, nitems: usize) {
    let mut rng = SmallRng::from_os_rng();
    for serial in name * nitems..(name + 1) * nitems {
        let hex = makeitem(&mut rng);
        q.put(Item {
            hex,
            put_at: Instant::now(),
            serial,
        })
        .await;
    }
}

async fn consume(q: Arc<Queue>, seen: Arc<Vec<AtomicU32>>) {
    loop {
        let item = q.get().await;
        // The lesson's consumer times each item's wait and prints it; here
        // only the printing is left out, as in the Python program.
        let _waited = item.put_at.elapsed();
        std::hint::black_box(&item.hex);
        seen[item.serial].fetch_add(1, Relaxed);
        q.task_done();
    }
}

/// Whether every one of the items was consumed exactly once, from how
/// many times each serial number was seen: the count, or what went wrong.
fn exactly_once(seen: &[u32]) -> Result<usize, String> {
    let lost = seen.iter().filter(|&&n| n == 0).count();
    let twice = seen.iter().filter(|&&n| n > 1).count();
    if lost > 0 || twice > 0 {
        return Err(format!(
            "of {} items, {lost} were never consumed and {twice} more than \
             once",
            seen.len()
        ));
    }
    Ok(seen.len())
}

async fn async_main(
    nprod: usize,
    ncon: usize,
    nitems: usize,
    maxsize: usize,
) -> Vec<u32> {
    let q = Arc::new(Queue::new(maxsize));
    let seen: Arc<Vec<AtomicU32>> =
        Arc::new((0..nprod * nitems).map(|_| AtomicU32::new(0)).collect());
    let producers: JoinSet<_> =
        (0..nprod).map(|n| produce(n, q.clone(), nitems)).collect();
    let mut consumers: JoinSet<_> = (0..ncon)
        .map(|_| consume(q.clone(), seen.clone()))
        .collect();
    producers.join_all().await;
    q.join().await;
    consumers.shutdown().await;
    // Every consumer is gone, so this is the last handle: the counts are
    // read in place, not copied (two million of them are 8 MB).
    match Arc::try_unwrap(seen) {
        Ok(seen) => seen.into_iter().map(AtomicU32::into_inner).collect(),
        Err(seen) => seen.iter().map(|n| n.load(Relaxed)).collect(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    if cli.nprod.saturating_mul(cli.items) > MAX_ITEMS {
        let message =
            format!("at most {MAX_ITEMS} items in all (-p times --items)");
        Cli::command()
            .error(clap::error::ErrorKind::ValueValidation, message)
            .exit();
    }
    // Each bound fits a usize on any platform tokio runs on.
    let [nprod, ncon, nitems, maxsize] =
        [cli.nprod, cli.ncon, cli.items, cli.maxsize].map(|n| n as usize);
    let (seen, elapsed) = run_current(async {
        let start = Instant::now();
        let seen = async_main(nprod, ncon, nitems, maxsize).await;
        (seen, start.elapsed())
    })?;
    let count =
        exactly_once(&seen).map_err(|e| format!("asyncq-bench: {e}"))?;
    let rate = count as f64 / elapsed.as_secs_f64();
    println!(
        "Consumed {count} items, each exactly once, at {rate:.0} items per \
         second."
    );
    let elapsed = elapsed.as_secs_f64();
    println!("Program completed in {elapsed:.5} seconds.");
    Ok(())
}

/// Runs `main` to completion on a current-thread runtime, as
/// `asyncio.run(main())` runs it on asyncio's one-thread loop.
fn run_current<F: std::future::Future>(main: F) -> std::io::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(main))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_item_once_is_counted() {
        assert_eq!(exactly_once(&[1, 1, 1]), Ok(3));
        assert_eq!(exactly_once(&[]), Ok(0));
    }

    #[test]
    fn a_lost_or_doubled_item_is_an_error() {
        let lost = exactly_once(&[1, 0, 1]).unwrap_err();
        assert!(lost.contains("1 were never consumed"), "{lost}");
        let twice = exactly_once(&[1, 2, 1, 3]).unwrap_err();
        assert!(twice.contains("2 more than once"), "{twice}");
    }

    #[test]
    fn a_run_consumes_every_item_once() {
        let seen = run_current(async_main(3, 4, 100, 0)).expect("runtime");
        assert_eq!(exactly_once(&seen), Ok(300));
    }

    #[test]
    fn more_consumers_than_items() {
        let seen = run_current(async_main(2, 50, 3, 0)).expect("runtime");
        assert_eq!(exactly_once(&seen), Ok(6));
    }

    #[test]
    fn a_bounded_run_consumes_every_item_once() {
        for (nprod, ncon, maxsize) in [(3, 4, 1), (5, 10, 7), (2, 1, 3)] {
            let seen = run_current(async_main(nprod, ncon, 200, maxsize))
                .expect("runtime");
            assert_eq!(exactly_once(&seen), Ok(nprod * 200));
        }
    }

    #[test]
    fn many_waiting_consumers_relay_the_wake_up() {
        // Far more consumers than room: every put finds thousands waiting.
        for (nprod, ncon, maxsize) in [(5, 2_000, 16), (1, 500, 1)] {
            let limit = std::time::Duration::from_secs(20);
            let run = async_main(nprod, ncon, 300, maxsize);
            let seen =
                run_current(async { tokio::time::timeout(limit, run).await })
                    .expect("runtime")
                    .expect("every item consumed, no waiter stranded");
            assert_eq!(exactly_once(&seen), Ok(nprod * 300));
        }
    }

    #[test]
    fn no_waiter_is_stranded_across_threads() {
        use std::time::Duration;
        // Producers and consumers on three threads, each with a runtime
        // of its own, race each other's wake-ups; a lost relay would leave
        // an item with every consumer asleep, a hang that the timeout
        // turns into a failure.
        fn on_thread<F>(work: F) -> std::thread::JoinHandle<()>
        where
            F: std::future::Future<Output = ()> + Send + 'static,
        {
            std::thread::spawn(move || {
                let limit = Duration::from_secs(20);
                run_current(async { tokio::time::timeout(limit, work).await })
                    .expect("runtime")
                    .expect("every item consumed, no waiter stranded");
            })
        }
        for (nprod, ncon, maxsize) in [(5, 10, 1), (3, 100, 4), (7, 3, 2)] {
            let nitems = 2_000;
            let q = Arc::new(Queue::new(maxsize));
            let seen: Arc<Vec<AtomicU32>> = Arc::new(
                (0..nprod * nitems).map(|_| AtomicU32::new(0)).collect(),
            );
            let consumers = |q: Arc<Queue>, seen: Arc<Vec<AtomicU32>>| {
                on_thread(async move {
                    let mut tasks: JoinSet<_> = (0..ncon)
                        .map(|_| consume(q.clone(), seen.clone()))
                        .collect();
                    // Not q.join(): its wake-up goes to one joiner only.
                    let total = nprod * nitems;
                    let consumed =
                        || seen.iter().filter(|n| n.load(Relaxed) > 0).count();
                    while consumed() < total {
                        tokio::time::sleep(Duration::from_millis(1)).await;
                    }
                    tasks.shutdown().await;
                })
            };
            let threads = [
                consumers(q.clone(), seen.clone()),
                consumers(q.clone(), seen.clone()),
                on_thread({
                    let q = q.clone();
                    async move {
                        (0..nprod)
                            .map(|n| produce(n, q.clone(), nitems))
                            .collect::<JoinSet<_>>()
                            .join_all()
                            .await;
                    }
                }),
            ];
            for thread in threads {
                thread.join().expect("thread");
            }
            let seen: Vec<u32> = seen.iter().map(|n| n.load(Relaxed)).collect();
            assert_eq!(exactly_once(&seen), Ok(nprod * nitems));
        }
    }

    #[test]
    fn a_full_queue_makes_the_producer_wait() {
        let most = run_current(async {
            let q = Arc::new(Queue::new(4));
            let producer = tokio::spawn(produce(0, q.clone(), 100));
            let mut most = 0;
            for _ in 0..100 {
                tokio::task::yield_now().await;
                most = most.max(q.state.lock().expect(POISON).items.len());
                let _ = q.get().await;
                q.task_done();
            }
            producer.await.expect("producer");
            q.join().await;
            most
        })
        .expect("runtime");
        assert_eq!(most, 4);
    }
}
