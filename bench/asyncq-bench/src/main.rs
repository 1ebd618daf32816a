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
//! consumers and a count of unfinished items), so the figures measure the
//! lesson's design.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

use clap::{value_parser, Parser};
use common::secs;
use tokio::sync::Notify;
use tokio::task::JoinSet;
use tokio::time::Instant;

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
}

/// An item, as in `asyncq`, with the serial number no other item has.
#[derive(Debug)]
struct Item {
    hex: String,
    put_at: Instant,
    serial: usize,
}

/// `asyncio.Queue`, as `asyncq` builds it, and the consumers' tally.
#[derive(Debug, Default)]
struct Queue {
    items: Mutex<VecDeque<Item>>,
    item_put: Notify,
    unfinished: AtomicUsize,
    all_done: Notify,
}

const POISON: &str = "a task panicked while holding the queue";

impl Queue {
    fn put(&self, item: Item) {
        self.unfinished.fetch_add(1, Relaxed);
        self.items.lock().expect(POISON).push_back(item);
        self.item_put.notify_one();
    }

    async fn get(&self) -> Item {
        loop {
            if let Some(item) = self.items.lock().expect(POISON).pop_front() {
                return item;
            }
            self.item_put.notified().await;
        }
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
fn makeitem() -> String {
    let mut digits = [0u8; 10];
    // Cannot fail: ten digits is exactly twice five bytes.
    let _ = hex::encode_to_slice(rand::random::<[u8; 5]>(), &mut digits);
    String::from_utf8_lossy(&digits).into_owned()
}

async fn produce(name: usize, q: Arc<Queue>, nitems: usize) {
    for serial in name * nitems..(name + 1) * nitems {
        let hex = makeitem();
        q.put(Item {
            hex,
            put_at: Instant::now(),
            serial,
        });
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

async fn async_main(nprod: usize, ncon: usize, nitems: usize) -> Vec<u32> {
    let q = Arc::new(Queue::default());
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
    seen.iter().map(|n| n.load(Relaxed)).collect()
}

fn main() -> std::io::Result<()> {
    let cli: Cli = common::exit::parse();
    if cli.nprod.saturating_mul(cli.items) > MAX_ITEMS {
        common::exit::usage_error(format!(
            "at most {MAX_ITEMS} items in all (-p times --items)"
        ));
    }
    // Each bound fits a usize on any platform tokio runs on.
    let [nprod, ncon, nitems] =
        [cli.nprod, cli.ncon, cli.items].map(|n| n as usize);
    let (seen, elapsed) = common::run(async {
        let start = Instant::now();
        let seen = async_main(nprod, ncon, nitems).await;
        (seen, start.elapsed())
    })?;
    let count =
        exactly_once(&seen).unwrap_or_else(|e| common::exit::failure(e));
    let rate = count as f64 / elapsed.as_secs_f64();
    println!(
        "Consumed {count} items, each exactly once, at {rate:.0} items per \
         second."
    );
    println!("Program completed in {} seconds.", secs(elapsed, 5));
    Ok(())
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
        let seen = common::run(async_main(3, 4, 100)).expect("runtime");
        assert_eq!(exactly_once(&seen), Ok(300));
    }

    #[test]
    fn more_consumers_than_items() {
        let seen = common::run(async_main(2, 50, 3)).expect("runtime");
        assert_eq!(exactly_once(&seen), Ok(6));
    }
}
