//! `datetime.now()`, read on the runtime's clock.
//!
//! An asyncio mirror, not tokio's way. A Rust program would call
//! `chrono::Local::now()`, which reads the system clock. tokio's paused
//! clock (`--virtual-time`) cannot move the system clock, so timestamps
//! taken that way would all show the same instant while the sleeps between
//! them are skipped. The Python twin's virtual clock moves `datetime.now()`
//! too. So this reads the system clock once, then adds the time that has
//! passed on tokio's clock: in a real run that is the time of day, and on
//! the paused clock it moves exactly as the sleeps say.

use std::sync::OnceLock;

use chrono::{DateTime, Local};
use tokio::time::Instant;

/// The local time now: the wall time at the first call plus the time
/// tokio's clock has counted since. Call it first inside the runtime.
pub fn now() -> DateTime<Local> {
    static START: OnceLock<(Instant, DateTime<Local>)> = OnceLock::new();
    let (start, wall) = START.get_or_init(|| (Instant::now(), Local::now()));
    let elapsed = chrono::Duration::from_std(start.elapsed())
        .unwrap_or(chrono::Duration::MAX);
    *wall + elapsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test(start_paused = true)]
    async fn it_follows_the_paused_clock() {
        let first = now();
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let gap = now() - first;
        assert_eq!(gap, chrono::Duration::milliseconds(1500));
    }
}
