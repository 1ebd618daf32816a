//! The shared clock: elapsed time on tokio's clock, wall-clock timestamps
//! that follow it, and durations printed the way Python prints them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Local};
use tokio::time::Instant;

/// A stopwatch started when the program starts, read on tokio's clock.
///
/// Python's examples call `time.perf_counter()` for durations and
/// `datetime.now()` for timestamps. Here both come from one place:
/// durations are `tokio::time::Instant` differences, so under
/// `--virtual-time` (tokio's paused clock) they are exact; timestamps are
/// the wall time read once at start plus that elapsed time, so they move
/// with the paused clock instead of the real one.
///
/// Cloning is cheap, and every clone reads the same clock.
#[derive(Debug, Clone)]
pub struct Clock {
    start: Instant,
    wall_start: DateTime<Local>,
    virtual_time: bool,
    /// Whether the clock was started inside a tokio runtime. A synchronous
    /// program on virtual time has no paused clock to read: its only time
    /// is what [`Clock::block_for`] adds.
    in_runtime: bool,
    /// Time spent in simulated blocking calls (see [`Clock::block_for`]),
    /// in nanoseconds. Always zero in real time.
    blocked_nanos: Arc<AtomicU64>,
}

impl Default for Clock {
    /// [`Clock::new`].
    fn default() -> Self {
        Clock::new()
    }
}

impl Clock {
    /// A stopwatch started now, on tokio's clock: the paused one if the
    /// runtime it is started in was started paused.
    pub fn new() -> Self {
        Clock::start(false)
    }

    /// Starts a clock now. `virtual_time` says whether the program runs on
    /// tokio's paused clock; it decides what [`Clock::block_for`] does.
    pub fn start(virtual_time: bool) -> Self {
        Clock {
            start: Instant::now(),
            wall_start: Local::now(),
            virtual_time,
            in_runtime: tokio::runtime::Handle::try_current().is_ok(),
            blocked_nanos: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Whether this clock runs on virtual (paused) time.
    pub fn is_virtual(&self) -> bool {
        self.virtual_time
    }

    /// Time since [`Clock::start`], like `time.perf_counter() - start`.
    pub fn elapsed(&self) -> Duration {
        let ticked = if self.virtual_time && !self.in_runtime {
            Duration::ZERO
        } else {
            self.start.elapsed()
        };
        ticked
            + Duration::from_nanos(self.blocked_nanos.load(Ordering::Relaxed))
    }

    /// Blocks the calling thread for `d`, the way `time.sleep(d)` does.
    ///
    /// In real time this is `std::thread::sleep(d)`. Under `--virtual-time`
    /// tokio's paused clock cannot see a blocked thread (it only skips ahead
    /// when every task is waiting on a timer), so a real blocking sleep
    /// would neither be skipped nor show in the elapsed time. Instead the
    /// clock is moved on by `d` at once, which is what the blocking call
    /// would have cost: nothing else can run during it either way.
    pub fn block_for(&self, d: Duration) {
        if self.virtual_time {
            let nanos = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
            self.blocked_nanos.fetch_add(nanos, Ordering::Relaxed);
        } else {
            std::thread::sleep(d);
        }
    }

    /// The wall-clock time now: wall time at start plus [`Clock::elapsed`].
    pub fn now(&self) -> DateTime<Local> {
        let elapsed = chrono::Duration::from_std(self.elapsed())
            .unwrap_or(chrono::Duration::MAX);
        self.wall_start + elapsed
    }

    /// `HH:MM:SS`, like `datetime.now().strftime("%H:%M:%S")` or
    /// `time.strftime("%X")`.
    pub fn hms(&self) -> String {
        self.now().format("%H:%M:%S").to_string()
    }

    /// `HH:MM:SS.ffffff`, like `datetime.now().strftime("%H:%M:%S.%f")`.
    pub fn hms_micros(&self) -> String {
        self.now().format("%H:%M:%S%.6f").to_string()
    }
}

/// The program's clock, started the first time [`hms`] or [`hms_micros`]
/// is called.
fn program_clock() -> &'static Clock {
    static CLOCK: std::sync::OnceLock<Clock> = std::sync::OnceLock::new();
    CLOCK.get_or_init(Clock::new)
}

/// `datetime.now().strftime("%H:%M:%S")`, on the program's clock: the wall
/// time at the first call, moved on by tokio's clock, so that under
/// `--virtual-time` the timestamps follow the paused clock (a fresh
/// [`Clock`] per line would show the real time of day instead). Call it
/// first inside the runtime.
pub fn hms() -> String {
    program_clock().hms()
}

/// `datetime.now().strftime("%H:%M:%S.%f")`, on the program's clock (see
/// [`hms`]).
pub fn hms_micros() -> String {
    program_clock().hms_micros()
}

/// Formats seconds with `places` decimals, like Python's `f"{s:0.2f}"`.
///
/// The value is rounded half to even on its exact decimal expansion, as
/// CPython does, so `secs(Duration::from_millis(125), 2)` is `"0.12"`.
pub fn secs(d: Duration, places: usize) -> String {
    format!("{:.*}", places, d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_print_like_python() {
        // Results printed by CPython 3.11: f"{x:0.2f}" and f"{x:0.5f}".
        let cases = [
            (1.0, 2, "1.00"),
            (1.004999, 2, "1.00"),
            (1.005001, 2, "1.01"),
            (0.125, 2, "0.12"),
            (0.375, 2, "0.38"),
            (11.0, 2, "11.00"),
            (9.0, 5, "9.00000"),
            (0.000125, 5, "0.00013"),
            (3.999996, 5, "4.00000"),
        ];
        for (value, places, python) in cases {
            let d = Duration::from_secs_f64(value);
            assert_eq!(secs(d, places), python, "{value} to {places} places");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_program_clock_follows_the_paused_clock() {
        let first = hms_micros();
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let second = hms_micros();
        let micros = |t: &str| -> i64 {
            let (hms, frac) = t.split_once('.').expect("micros");
            let p: Vec<i64> =
                hms.split(':').map(|x| x.parse().expect("n")).collect();
            ((p[0] * 60 + p[1]) * 60 + p[2]) * 1_000_000
                + frac.parse::<i64>().expect("n")
        };
        let gap = (micros(&second) - micros(&first)).rem_euclid(86_400_000_000);
        assert_eq!(gap, 1_500_000, "{first} {second}");
        assert_eq!(hms(), second[..8]);
    }

    #[tokio::test(start_paused = true)]
    async fn elapsed_follows_the_paused_clock() {
        let clock = Clock::start(true);
        let wall_before = clock.hms_micros();
        tokio::time::sleep(Duration::from_secs(3600)).await;
        assert_eq!(clock.elapsed(), Duration::from_secs(3600));
        // An hour later on the paused clock, the timestamp has moved by an
        // hour too, with the same minutes, seconds and microseconds.
        let wall_after = clock.hms_micros();
        assert_eq!(wall_before[2..], wall_after[2..]);
        assert_ne!(wall_before[..2], wall_after[..2]);
    }

    #[tokio::test(start_paused = true)]
    async fn virtual_blocking_moves_the_clock_without_sleeping() {
        let clock = Clock::start(true);
        let real = std::time::Instant::now();
        clock.block_for(Duration::from_secs(5));
        assert!(real.elapsed() < Duration::from_secs(1));
        assert_eq!(clock.elapsed(), Duration::from_secs(5));
        // A clone reads the same clock.
        assert_eq!(clock.clone().elapsed(), Duration::from_secs(5));
    }

    #[test]
    fn virtual_time_outside_a_runtime_is_only_blocking() {
        let clock = Clock::start(true);
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(clock.elapsed(), Duration::ZERO);
        clock.block_for(Duration::from_secs(1));
        assert_eq!(clock.elapsed(), Duration::from_secs(1));
    }

    #[test]
    fn real_blocking_sleeps() {
        let clock = Clock::start(false);
        clock.block_for(Duration::from_millis(20));
        assert!(clock.elapsed() >= Duration::from_millis(20));
    }

    #[test]
    fn timestamp_formats() {
        let clock = Clock::start(false);
        let hms = clock.hms();
        let micros = clock.hms_micros();
        assert_eq!(hms.len(), 8, "{hms}");
        assert_eq!(micros.len(), 15, "{micros}");
        assert_eq!(&micros[8..9], ".");
        assert!(micros.chars().filter(|c| c.is_ascii_digit()).count() == 12);
    }
}
