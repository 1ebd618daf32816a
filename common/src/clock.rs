//! The shared clock: elapsed time on tokio's clock, wall-clock timestamps
//! that follow it, and durations printed the way Python prints them.

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
        Clock {
            start: Instant::now(),
            wall_start: Local::now(),
        }
    }

    /// Time since [`Clock::new`], like `time.perf_counter() - start`.
    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
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
        let clock = Clock::new();
        let wall_before = clock.hms_micros();
        tokio::time::sleep(Duration::from_secs(3600)).await;
        assert_eq!(clock.elapsed(), Duration::from_secs(3600));
        // An hour later on the paused clock, the timestamp has moved by an
        // hour too, with the same minutes, seconds and microseconds.
        let wall_after = clock.hms_micros();
        assert_eq!(wall_before[2..], wall_after[2..]);
        assert_ne!(wall_before[..2], wall_after[..2]);
    }

    #[test]
    fn timestamp_formats() {
        let clock = Clock::new();
        let hms = clock.hms();
        let micros = clock.hms_micros();
        assert_eq!(hms.len(), 8, "{hms}");
        assert_eq!(micros.len(), 15, "{micros}");
        assert_eq!(&micros[8..9], ".");
        assert!(micros.chars().filter(|c| c.is_ascii_digit()).count() == 12);
    }
}
