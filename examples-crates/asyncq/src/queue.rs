//! `asyncio.Queue`, with asyncio's `put`, `get`, `task_done` and `join`,
//! built from tokio's parts: what `asyncq` imports from asyncio.
//!
//! An asyncio mirror, not tokio's way. tokio has no joinable queue: a tokio
//! program hands work to its workers through a channel (`tokio::sync::mpsc`,
//! one receiver per channel), and learns that the work is done when the
//! senders are dropped and the workers it spawned return. The port keeps
//! asyncio's queue instead, because the Python program's shape and order
//! are the lesson: consumers that loop for ever, and an end that comes
//! when every item has been processed, not when the producers stop.
//!
//! A consumer that finds the queue empty waits on a `Notify`, which wakes
//! the consumer that has waited longest, as `put` wakes asyncio's first
//! getter. As in asyncio, a woken consumer takes an item only when it runs:
//! one that arrives before it may take the item first, and the woken one
//! then waits again, at the back. (A channel whose one receiver the
//! consumers share behind a lock would hand each item to the longest
//! waiter instead, and so run differently from the Python program.)
//!
//! A closed channel says "no more items", not "every item has been
//! processed". So the queue keeps asyncio's count of unfinished items:
//! `put` adds one, `task_done` takes one away, and `join` waits, through a
//! `watch`, until the count is zero.
//!
//! `get` and `join` each open a `DEBUG` span for as long as they take, so
//! that a task's row in the timeline draws the time it spends waiting in
//! them as waiting on the queue; without a `tracing` subscriber the spans
//! do nothing.

use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::{watch, Notify};
use tracing::instrument;

/// What `asyncq` puts in the queue: an item and when it was put.
pub type Item = (String, tokio::time::Instant);

/// `asyncio.Queue()`: unbounded, so `put` never waits.
#[derive(Debug, Default)]
pub struct Queue {
    // A `std` mutex, not tokio's: it is held only for a push or a pop,
    // never across an `.await`.
    items: Mutex<VecDeque<Item>>,
    item_put: Notify,
    unfinished: watch::Sender<usize>,
}

const POISON: &str = "a task panicked while holding the queue";

impl Queue {
    /// `await q.put(item)`.
    pub fn put(&self, item: Item) {
        self.unfinished.send_modify(|n| *n += 1);
        self.items.lock().expect(POISON).push_back(item);
        // Wakes the longest waiter. If none waits, `Notify` keeps a
        // permit, and the next consumer to find the queue empty passes
        // once through the loop in `get` for nothing.
        self.item_put.notify_one();
    }

    /// `await q.get()`.
    #[instrument(level = "debug", skip_all)]
    pub async fn get(&self) -> Item {
        loop {
            if let Some(item) = self.items.lock().expect(POISON).pop_front() {
                return item;
            }
            self.item_put.notified().await;
        }
    }

    /// `q.task_done()`.
    pub fn task_done(&self) {
        self.unfinished.send_modify(|n| *n -= 1);
    }

    /// `await q.join()`: until every item put has been marked done.
    #[instrument(level = "debug", skip_all)]
    pub async fn join(&self) {
        // `wait_for` fails only once the sender is gone, and `self` has it.
        let _ = self.unfinished.subscribe().wait_for(|&n| n == 0).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use tokio::time::Instant;

    fn item(text: &str) -> Item {
        (text.to_string(), Instant::now())
    }

    #[tokio::test]
    async fn first_in_first_out() {
        let q = Queue::default();
        q.put(item("a"));
        q.put(item("b"));
        assert_eq!(q.get().await.0, "a");
        assert_eq!(q.get().await.0, "b");
    }

    #[tokio::test]
    async fn join_waits_for_every_task_done() {
        let q = Arc::new(Queue::default());
        q.join().await; // nothing put: at once, as in asyncio
        q.put(item("a"));
        q.put(item("b"));
        let joined = tokio::spawn({
            let q = q.clone();
            async move { q.join().await }
        });
        q.get().await;
        q.task_done();
        tokio::task::yield_now().await;
        assert!(!joined.is_finished());
        q.get().await;
        q.task_done();
        joined.await.expect("join ends");
    }

    #[tokio::test]
    async fn a_consumer_that_runs_first_takes_the_item() {
        // The woken waiter runs only after the task that put the item; if
        // that task takes the item itself, the waiter waits again.
        let q = Arc::new(Queue::default());
        let waiter = tokio::spawn({
            let q = q.clone();
            async move { q.get().await.0 }
        });
        tokio::task::yield_now().await; // the waiter now waits
        q.put(item("first"));
        assert_eq!(q.get().await.0, "first");
        q.put(item("second"));
        assert_eq!(waiter.await.expect("waiter ends"), "second");
    }
}
