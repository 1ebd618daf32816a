//! `await asyncio.sleep(delay)`, as `chained` needs it: tokio's `sleep`
//! for a delay, and for `sleep(0)` a yield that lets the tasks that yield
//! together go on in the order they yielded.
//!
//! An asyncio mirror, not tokio's way. A tokio program yields with
//! `tokio::task::yield_now()`. That hands the task's waker to the
//! scheduler, which wakes the yielded tasks only once it has run out of
//! ready tasks and polled its timers, and then the last to yield first.
//! asyncio's `sleep(0)` puts the task at the back of the ready queue, so
//! tasks that yield at one instant go on first in, first out. In `chained`
//! that order decides which chain draws the next random number: with
//! `yield_now`, `chained 1 2 --seed 165` would sleep other times than the
//! Python prints. A future that wakes its own task and returns `Pending`
//! once gets asyncio's order, because tokio's current-thread runtime
//! queues a task woken while it runs at the back of its run queue. (A
//! zero-length `tokio::time::sleep` need not yield at all.)

use std::future::poll_fn;
use std::task::Poll;
use std::time::Duration;

/// `await asyncio.sleep(delay)` for `delay` whole seconds; 0 or less
/// yields once, as asyncio does.
pub async fn sleep(delay: i64) {
    if delay > 0 {
        let delay = Duration::from_secs(delay.unsigned_abs());
        return tokio::time::sleep(delay).await;
    }
    let mut yielded = false;
    poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        // Queued again now, behind every task already ready.
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}

#[cfg(test)]
mod tests {
    use std::future::Future;
    use std::sync::{Arc, Mutex};

    /// The order in which three tasks go on after each yields once with
    /// `yield_once`, on a current-thread runtime.
    async fn order_after<F, Fut>(yield_once: F) -> Vec<u32>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let order = Arc::new(Mutex::new(Vec::new()));
        let tasks: Vec<_> = (0..3)
            .map(|n| {
                let (order, yielded) = (order.clone(), yield_once());
                tokio::spawn(async move {
                    yielded.await;
                    order.lock().expect("not poisoned").push(n);
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("a task ends");
        }
        let order = order.lock().expect("not poisoned").clone();
        order
    }

    #[tokio::test]
    async fn sleep_0_goes_on_first_in_first_out() {
        assert_eq!(order_after(|| super::sleep(0)).await, [0, 1, 2]);
    }

    #[tokio::test]
    async fn yield_now_goes_on_last_in_first_out() {
        // What the module comment says tokio does: if this fails, tokio
        // has changed, and the comment with it.
        let order = order_after(tokio::task::yield_now).await;
        assert_eq!(order, [2, 1, 0]);
    }
}
