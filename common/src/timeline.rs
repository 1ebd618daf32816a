//! `--timeline`: a picture of when each task ran, slept and waited.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use crate::Clock;

/// What a task is doing during a stretch of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// Pending: asleep on a timer or waiting for another task, with the
    /// thread free for other tasks. Drawn `-`.
    Pending,
    /// Waiting for a queue, a lock or a semaphore. Drawn `.`.
    Waiting,
    /// Holding the thread in a blocking call; nothing else runs. Drawn `=`.
    Blocked,
    /// Running code. Under `--virtual-time` this takes no time at all and
    /// is drawn as a single `#` where it happens.
    Running,
}

impl State {
    fn symbol(self) -> char {
        match self {
            State::Pending => '-',
            State::Waiting => '.',
            State::Blocked => '=',
            State::Running => '#',
        }
    }

    fn meaning(self) -> &'static str {
        match self {
            State::Pending => "waiting (thread free)",
            State::Waiting => "waiting (queue, lock, semaphore)",
            State::Blocked => "blocking the thread",
            State::Running => "running",
        }
    }
}

#[derive(Debug)]
struct RowData {
    label: String,
    /// Finished stretches: state, start, end (times since clock start).
    spans: Vec<(State, Duration, Duration)>,
    /// The stretch in progress, if the row has not ended.
    current: Option<(State, Duration)>,
    /// How a traced future is drawn while pending (see [`mark`]).
    pending: State,
}

#[derive(Debug, Default)]
struct Rows(Vec<RowData>);

/// Records, for each task, when it ran, slept, waited and blocked, and
/// draws it as one row per task on a shared time axis.
///
/// A disabled timeline (no `--timeline`) records nothing and draws nothing,
/// so examples can record unconditionally. Cloning is cheap; clones record
/// into the same picture.
#[derive(Debug, Clone)]
pub struct Timeline {
    clock: Clock,
    rows: Option<Arc<Mutex<Rows>>>,
}

/// One task's row on a [`Timeline`], created running.
///
/// Move it into the task it describes. When it is dropped (the task
/// finished, or was cancelled and its future dropped) the row ends.
#[derive(Debug)]
pub struct Row {
    timeline: Timeline,
    index: usize,
}

impl Timeline {
    /// A timeline reading `clock`; it records only if `enabled`.
    pub fn new(clock: &Clock, enabled: bool) -> Self {
        Timeline {
            clock: clock.clone(),
            rows: enabled.then(|| Arc::new(Mutex::new(Rows::default()))),
        }
    }

    fn lock(&self) -> Option<MutexGuard<'_, Rows>> {
        // A panic in another task while it held the lock leaves the rows
        // usable: each update is a single push or assignment.
        let rows = self.rows.as_ref()?;
        Some(rows.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    /// Adds a row for a task, running from now on.
    pub fn row(&self, label: impl Into<String>) -> Row {
        let now = self.clock.elapsed();
        let index = match self.lock() {
            Some(mut rows) => {
                rows.0.push(RowData {
                    label: label.into(),
                    spans: Vec::new(),
                    current: Some((State::Running, now)),
                    pending: State::Pending,
                });
                rows.0.len() - 1
            }
            None => 0,
        };
        Row {
            timeline: self.clone(),
            index,
        }
    }

    /// The picture: one row per task, then the time axis and a legend.
    /// Rows still open end now. Empty if the timeline is disabled.
    pub fn render(&self) -> String {
        let now = self.clock.elapsed();
        match self.lock() {
            Some(rows) => draw(&rows.0, now),
            None => String::new(),
        }
    }

    /// Prints [`Timeline::render`] to stdout, after a blank line, if the
    /// timeline is enabled.
    pub fn print(&self) {
        let picture = self.render();
        if !picture.is_empty() {
            println!("\n{picture}");
        }
    }
}

impl Row {
    /// From now on the task is in `state`.
    pub fn set(&self, state: State) {
        // A disabled timeline reads no clock: a task that waits millions
        // of times would otherwise spend much of its time asking the time.
        if let Some(mut rows) = self.timeline.lock() {
            let now = self.timeline.clock.elapsed();
            let row = &mut rows.0[self.index];
            if let Some((old, since)) = row.current.take() {
                if now > since || old == State::Running {
                    row.push(old, since, now);
                }
            }
            row.current = Some((state, now));
        }
    }

    /// Ends the row now (the same as dropping it).
    pub fn done(self) {}
}

impl Drop for Row {
    fn drop(&mut self) {
        let now = self.timeline.clock.elapsed();
        if let Some(mut rows) = self.timeline.lock() {
            let row = &mut rows.0[self.index];
            if let Some((state, since)) = row.current.take() {
                row.spans.push((state, since, now));
            }
        }
    }
}

/// How long one poll may hold the thread before the picture calls it
/// blocking (`=`) rather than running (`#`). A poll that only computes
/// takes microseconds; one that calls `std::thread::sleep` or does heavy
/// work takes as long as the call. Ten milliseconds is far above the first
/// and below any blocking call worth drawing.
pub const BLOCKING: Duration = Duration::from_millis(10);

impl Timeline {
    /// Wraps `future` so that the picture gets a row `label` for it,
    /// drawn from what its polls show, the way `tracing`'s
    /// `fut.instrument(span)` observes a future without changing it:
    /// running (`#`) while it is polled, thread free (`-`) while it is
    /// pending, blocking (`=`) when one poll holds the thread for longer
    /// than [`BLOCKING`]. The row ends when the future finishes or is
    /// dropped (cancelled).
    ///
    /// Use it at the line that spawns or gathers, so the lesson's own
    /// functions stay as the Python has them:
    ///
    /// ```
    /// # use common::{Clock, Timeline};
    /// # async fn count() {}
    /// # async fn demo() {
    /// let timeline = Timeline::new(&Clock::new(), true);
    /// tokio::join!(
    ///     timeline.trace("count 1", count()),
    ///     timeline.trace("count 2", count()),
    /// );
    /// # }
    /// ```
    pub fn trace<F: Future>(
        &self,
        label: impl Into<String>,
        future: F,
    ) -> Traced<F> {
        // The row is drawn from the first poll on: a future that has not
        // been polled yet has not started (a gathered future waits its
        // turn while another holds the thread).
        let row = self.rows.is_some().then(|| {
            let row = self.row(label);
            if let Some(mut rows) = self.lock() {
                rows.0[row.index].current = None;
            }
            row
        });
        Traced {
            future: Box::pin(future),
            row,
        }
    }

    /// Calls the synchronous `f` under a row `label`: running, or blocking
    /// if it holds the thread for longer than [`BLOCKING`]. For programs
    /// with no futures to trace (`countsync`).
    pub fn call<T>(
        &self,
        label: impl Into<String>,
        f: impl FnOnce() -> T,
    ) -> T {
        let Some(row) = self.rows.is_some().then(|| self.row(label)) else {
            return f();
        };
        let started = self.clock.elapsed();
        let out = f();
        row.poll_ended(started, true);
        out
    }
}

/// The program's timeline, which [`trace`] and [`call`] record into.
static CURRENT: Mutex<Option<Timeline>> = Mutex::new(None);

fn current() -> Option<Timeline> {
    CURRENT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone()
}

/// Starts the program's timeline now, recording only if `enabled` (the
/// example's `--timeline`). Call it inside the runtime, so that its clock
/// is tokio's (the paused one under `--virtual-time`). A second call
/// starts a fresh picture (`chess` draws two).
///
/// The timeline is one value for the whole program, as a logger is, so
/// that the lesson's functions need no parameter for it.
pub fn start(enabled: bool) {
    let timeline = Timeline::new(&Clock::new(), enabled);
    *CURRENT.lock().unwrap_or_else(|p| p.into_inner()) = Some(timeline);
}

/// [`Timeline::trace`] on the program's timeline (see [`start`]); without
/// one, the future is returned as it is, only wrapped.
pub fn trace<F: Future>(label: impl Into<String>, future: F) -> Traced<F> {
    match current() {
        Some(timeline) => timeline.trace(label, future),
        None => Traced {
            future: Box::pin(future),
            row: None,
        },
    }
}

/// [`Timeline::call`] on the program's timeline (see [`start`]).
pub fn call<T>(label: impl Into<String>, f: impl FnOnce() -> T) -> T {
    match current() {
        Some(timeline) => timeline.call(label, f),
        None => f(),
    }
}

/// The program's picture so far ([`Timeline::render`]); empty when it
/// records nothing.
pub fn render() -> String {
    current().map(|t| t.render()).unwrap_or_default()
}

/// Prints the program's picture after a blank line ([`Timeline::print`]),
/// if it records.
pub fn print() {
    if let Some(timeline) = current() {
        timeline.print();
    }
}

/// A future observed by [`Timeline::trace`]; it behaves exactly as the
/// future it wraps.
#[derive(Debug)]
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct Traced<F> {
    // Boxed, so that `Traced` is `Unpin` and needs no pin projection
    // (the workspace forbids `unsafe`). One allocation per traced future.
    future: Pin<Box<F>>,
    row: Option<Row>,
}

thread_local! {
    /// The row of the traced future being polled on this thread, for
    /// [`mark`].
    static POLLING: RefCell<Option<(Timeline, usize)>> =
        const { RefCell::new(None) };
}

impl<F: Future> Future for Traced<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        let Some(row) = &this.row else {
            return this.future.as_mut().poll(cx);
        };
        let started = row.timeline.clock.elapsed();
        row.set(State::Running);
        let outer = POLLING
            .with(|p| p.replace(Some((row.timeline.clone(), row.index))));
        let out = this.future.as_mut().poll(cx);
        POLLING.with(|p| p.replace(outer));
        row.poll_ended(started, out.is_ready());
        if out.is_ready() {
            this.row = None;
        }
        out
    }
}

/// From now on, while the traced future being polled is pending, draw it
/// as `state` instead of `-` (thread free).
///
/// Polls cannot tell what a pending future waits for. Where the picture
/// needs to (in `chess`, a board waiting for Judit is not a board whose
/// opponent thinks), the example marks it, and says why. Outside a traced
/// future, or on a disabled timeline, it does nothing.
pub fn mark(state: State) {
    POLLING.with(|p| {
        if let Some((timeline, index)) = &*p.borrow() {
            if let Some(mut rows) = timeline.lock() {
                rows.0[*index].pending = state;
            }
        }
    });
}

impl Row {
    /// Closes a poll (or call) that began at `started`: running, or
    /// blocking if it took longer than [`BLOCKING`]; then pending, or
    /// the row's end if `finished`.
    fn poll_ended(&self, started: Duration, finished: bool) {
        let Some(mut rows) = self.timeline.lock() else {
            return;
        };
        let now = self.timeline.clock.elapsed();
        let row = &mut rows.0[self.index];
        let ran = if now.saturating_sub(started) > BLOCKING {
            State::Blocked
        } else {
            State::Running
        };
        row.current = None;
        row.push(ran, started, now);
        if !finished {
            row.current = Some((row.pending, now));
        }
    }
}

impl RowData {
    /// Adds a stretch, joined to the last one if it continues it.
    fn push(&mut self, state: State, start: Duration, end: Duration) {
        if let Some(last) = self.spans.last_mut() {
            if last.0 == state && last.2 == start {
                last.2 = end;
                return;
            }
        }
        self.spans.push((state, start, end));
    }
}

/// The widest picture, in columns: 80 less room for a `//! ` comment
/// prefix, so an example's header can show its picture unwrapped.
const WIDTH: usize = 76;
/// Labels longer than this are cut.
const MAX_LABEL: usize = 20;
/// Rows beyond this many are summarised in one line.
const MAX_ROWS: usize = 40;

fn draw(rows: &[RowData], now: Duration) -> String {
    let spans_of = |row: &RowData| {
        let mut spans = row.spans.clone();
        if let Some((state, since)) = row.current {
            spans.push((state, since, now));
        }
        spans
    };
    let end = rows
        .iter()
        .flat_map(|row| spans_of(row).into_iter().map(|(_, _, end)| end))
        .max()
        .unwrap_or_default();

    // Seconds; minutes or hours for the simulations that run that long.
    let (unit, per_unit) = if end >= Duration::from_secs(2 * 3600) {
        ("h", 3600.0)
    } else if end >= Duration::from_secs(10 * 60) {
        ("min", 60.0)
    } else {
        ("s", 1.0)
    };
    let total = end.as_secs_f64() / per_unit;

    let label_width = rows
        .iter()
        .map(|row| row.label.chars().count().min(MAX_LABEL))
        .max()
        .unwrap_or(0);
    let axis = Axis::fit(total, WIDTH - label_width - 8);

    let mut out = String::new();
    let mut used = Vec::new();
    for row in rows.iter().take(MAX_ROWS) {
        let cells = paint(&spans_of(row), &axis, per_unit);
        for state in cells.iter().flatten() {
            if !used.contains(state) {
                used.push(*state);
            }
        }
        let label: String = row.label.chars().take(MAX_LABEL).collect();
        let bar: String = cells
            .iter()
            .map(|cell| cell.map_or(' ', State::symbol))
            .collect();
        let _ = writeln!(out, "{label:<label_width$}  {}", bar.trim_end());
    }
    if rows.len() > MAX_ROWS {
        let _ = writeln!(out, "... and {} more rows", rows.len() - MAX_ROWS);
    }

    let pad = " ".repeat(label_width + 2);
    let _ = writeln!(out, "{pad}{}", axis.ruler());
    let _ = writeln!(out, "{pad}{}", axis.labels(unit));
    used.sort();
    used.reverse();
    // The legend, wrapped so that it is no wider than the picture.
    let mut line = String::new();
    for state in used {
        let entry = format!("{} {}", state.symbol(), state.meaning());
        if !line.is_empty() && pad.len() + line.len() + 3 + entry.len() > WIDTH
        {
            let _ = writeln!(out, "{pad}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push_str("   ");
        }
        line.push_str(&entry);
    }
    let _ = write!(out, "{pad}{line}");
    out
}

/// One row's cells. A cell shows the state that filled most of its time.
/// A run much shorter than a cell (under `--virtual-time` every run takes
/// no time at all) marks the cell it happened in with `#`, so a brief
/// moment of work is not lost between long sleeps; but where such marks
/// would fill more than half the row they say nothing, and the row shows
/// only what filled its cells.
fn paint(
    spans: &[(State, Duration, Duration)],
    axis: &Axis,
    per_unit: f64,
) -> Vec<Option<State>> {
    let cells = axis.columns + 1;
    let mut filled = vec![[0.0f64; 4]; cells];
    let mut runs = vec![false; cells];
    let index = |state: State| state as usize;
    for &(state, start, stop) in spans {
        let a = start.as_secs_f64() / per_unit / axis.per_column;
        let b = stop.as_secs_f64() / per_unit / axis.per_column;
        if state == State::Running && b - a < 0.05 {
            runs[(a.floor() as usize).min(cells - 1)] = true;
            continue;
        }
        let first = (a.floor() as usize).min(cells - 1);
        let last = (b.ceil() as usize).clamp(first + 1, cells);
        for (cell, time) in filled.iter_mut().enumerate().take(last).skip(first)
        {
            let overlap = b.min(cell as f64 + 1.0) - a.max(cell as f64);
            time[index(state)] += overlap.max(0.0);
        }
    }
    let covered = filled.iter().filter(|t| t.iter().any(|x| *x > 0.0)).count();
    if runs.iter().filter(|r| **r).count() * 2 > covered.max(2) {
        runs.fill(false);
    }
    let states = [
        State::Pending,
        State::Waiting,
        State::Blocked,
        State::Running,
    ];
    filled
        .iter()
        .zip(runs)
        .map(|(time, ran)| {
            if ran {
                return Some(State::Running);
            }
            // The state with the most time; on a tie, the later in
            // `states`, which is the more telling one.
            states
                .iter()
                .filter(|state| time[index(**state)] > 0.0)
                .max_by(|x, y| time[index(**x)].total_cmp(&time[index(**y)]))
                .copied()
        })
        .collect()
}

/// The time axis: `ticks` intervals of `step` units, `per_tick` columns
/// each, so every tick falls exactly on a column.
#[derive(Debug)]
struct Axis {
    step: f64,
    ticks: usize,
    per_tick: usize,
    columns: usize,
    per_column: f64,
}

impl Axis {
    /// The axis with the roundest step that gives at most eight ticks
    /// and covers `total` units in at most `max_columns` columns.
    fn fit(total: f64, max_columns: usize) -> Self {
        let rough = (total / 8.0).max(1e-6);
        let magnitude = 10f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= rough * (1.0 - 1e-9))
            .unwrap_or(10.0 * magnitude);
        // A real run ends a hair after the round figure (3.0004 s): up to
        // a fiftieth of a step over the last tick is drawn in its cell.
        let ticks = ((total / step - 0.02).ceil() as usize).max(1);
        let per_tick = (max_columns / ticks).max(1);
        Axis {
            step,
            ticks,
            per_tick,
            columns: ticks * per_tick,
            per_column: step / per_tick as f64,
        }
    }

    fn ruler(&self) -> String {
        (0..=self.columns)
            .map(|c| if c % self.per_tick == 0 { '+' } else { '-' })
            .collect()
    }

    fn labels(&self, unit: &str) -> String {
        let decimals = (0..4)
            .find(|d| {
                let scaled = self.step * 10f64.powi(*d);
                (scaled - scaled.round()).abs() < 1e-6
            })
            .unwrap_or(3) as usize;
        let mut line = String::new();
        for tick in 0..=self.ticks {
            let column = tick * self.per_tick;
            let mut text = format!("{:.*}", decimals, tick as f64 * self.step);
            if tick == self.ticks {
                text.push_str(unit);
            }
            // Skip a label that would run into the previous one.
            if column < line.len() + usize::from(tick > 0) {
                continue;
            }
            line.push_str(&" ".repeat(column - line.len()));
            line.push_str(&text);
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::sleep;

    fn bars(picture: &str) -> Vec<&str> {
        picture.lines().take_while(|l| !l.contains('+')).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn overlapping_sleeps_share_the_axis() {
        let clock = Clock::new();
        let timeline = Timeline::new(&clock, true);
        let rows: Vec<Row> = (1..=3)
            .map(|i| timeline.row(format!("count {i}")))
            .collect();
        for row in &rows {
            row.set(State::Pending);
        }
        sleep(Duration::from_secs(1)).await;
        drop(rows);
        let picture = timeline.render();
        let bars = bars(&picture);
        assert_eq!(bars.len(), 3, "{picture}");
        // All three rows are the same: running, a second asleep, done.
        assert!(bars
            .iter()
            .all(|b| b[b.find('#').unwrap_or(0)..].starts_with("#-")));
        assert!(bars.windows(2).all(|w| w[0][7..] == w[1][7..]));
        assert!(picture.lines().all(|l| l.chars().count() <= WIDTH));
        assert!(picture.contains("1.0s"), "{picture}");
    }

    #[tokio::test(start_paused = true)]
    async fn hours_for_long_simulations() {
        let clock = Clock::new();
        let timeline = Timeline::new(&clock, true);
        timeline
            .trace("game", sleep(Duration::from_secs(12 * 3600)))
            .await;
        let picture = timeline.render();
        assert!(picture.contains("12h"), "{picture}");
    }

    #[tokio::test(start_paused = true)]
    async fn minutes_for_an_hour() {
        let clock = Clock::new();
        let timeline = Timeline::new(&clock, true);
        timeline
            .trace("board", sleep(Duration::from_secs(3655)))
            .await;
        let picture = timeline.render();
        assert!(picture.contains("70min"), "{picture}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_cell_shows_what_filled_most_of_it() {
        let clock = Clock::new();
        let timeline = Timeline::new(&clock, true);
        // Ten minutes: waiting for 9 s of each 10, then pending for 1.
        timeline
            .trace("task", async {
                for _ in 0..60 {
                    mark(State::Waiting);
                    sleep(Duration::from_secs(9)).await;
                    mark(State::Pending);
                    sleep(Duration::from_secs(1)).await;
                }
            })
            .await;
        let picture = timeline.render();
        let bar = bars(&picture)[0]["task  ".len()..].to_string();
        // Cells are wider than a cycle, so each is mostly waiting. The
        // instants of running between the stretches would mark every
        // cell, so they are left out.
        assert!(bar.trim_end().chars().all(|c| c == '.'), "{picture}");
    }

    #[test]
    fn the_legend_fits_the_width() {
        let clock = Clock::new();
        let timeline = Timeline::new(&clock, true);
        let row = timeline.row("a label of twenty ch");
        // Running first, for as long as the others: a row's first instant
        // of running alone may fall short of a cell.
        use State::{Blocked, Pending, Running, Waiting};
        for state in [Running, Pending, Waiting, Blocked] {
            row.set(state);
            std::thread::sleep(Duration::from_millis(2));
        }
        drop(row);
        let picture = timeline.render();
        assert!(picture.lines().all(|l| l.chars().count() <= WIDTH));
        for symbol in
            ["# running", "- waiting (thread", ". waiting", "= blocking"]
        {
            assert!(picture.contains(symbol), "{symbol}: {picture}");
        }
    }

    #[test]
    fn disabled_draws_nothing() {
        let clock = Clock::new();
        let timeline = Timeline::new(&clock, false);
        let row = timeline.row("task");
        row.set(State::Waiting);
        drop(row);
        assert_eq!(timeline.render(), "");
    }

    #[test]
    fn axis_ticks_land_on_columns() {
        let axis = Axis::fit(1.0, 60);
        assert_eq!((axis.step, axis.ticks), (0.2, 5));
        assert_eq!(axis.columns % axis.ticks, 0);
        let axis = Axis::fit(3.0, 60);
        assert_eq!((axis.step, axis.ticks), (0.5, 6));
        assert_eq!(Axis::fit(3.0, 60).labels("s").trim_end(), {
            let per = axis.per_tick;
            let mut s = String::new();
            for (i, t) in ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"]
                .iter()
                .enumerate()
            {
                s.push_str(&format!("{t:<per$}"));
                let _ = i;
            }
            s.push_str("3.0s");
            s
        });
    }

    #[test]
    fn many_rows_are_summarised() {
        let clock = Clock::new();
        let timeline = Timeline::new(&clock, true);
        let rows: Vec<Row> = (0..MAX_ROWS + 5)
            .map(|i| timeline.row(format!("task {i}")))
            .collect();
        drop(rows);
        let picture = timeline.render();
        assert!(picture.contains("... and 5 more rows"), "{picture}");
    }

    #[tokio::test(start_paused = true)]
    async fn traced_futures_are_drawn_from_their_polls() {
        let timeline = Timeline::new(&Clock::new(), true);
        async fn count() {
            sleep(Duration::from_secs(1)).await;
        }
        tokio::join!(
            timeline.trace("count 1", count()),
            timeline.trace("count 2", count()),
        );
        let picture = timeline.render();
        let bars = bars(&picture);
        assert_eq!(bars.len(), 2, "{picture}");
        for bar in &bars {
            let bar = bar[bar.find('#').expect("a first poll")..].to_string();
            assert!(bar.starts_with("#-") && bar.ends_with("-#"), "{picture}");
            assert!(!bar.contains('='), "{picture}");
        }
        assert!(picture.contains("- waiting (thread free)"), "{picture}");
    }

    #[test]
    fn a_poll_that_holds_the_thread_is_blocking() {
        let timeline = Timeline::new(&Clock::new(), true);
        async fn count() {
            std::thread::sleep(Duration::from_millis(40));
        }
        futures_lite_block_on(async {
            timeline.trace("a", count()).await;
            timeline.trace("b", count()).await;
        });
        let picture = timeline.render();
        let starts: Vec<usize> = bars(&picture)
            .iter()
            .map(|b| b.find('=').expect("a blocking stretch"))
            .collect();
        assert_eq!(starts.len(), 2, "{picture}");
        assert!(starts[0] < starts[1], "{picture}");
        assert!(picture.contains("= blocking the thread"), "{picture}");
    }

    #[test]
    fn a_call_that_holds_the_thread_is_blocking() {
        let timeline = Timeline::new(&Clock::new(), true);
        let out = timeline.call("sync", || {
            std::thread::sleep(Duration::from_millis(30));
            7
        });
        assert_eq!(out, 7);
        assert!(bars(&timeline.render())[0].contains('='));
    }

    #[tokio::test(start_paused = true)]
    async fn a_mark_changes_how_pending_is_drawn() {
        let timeline = Timeline::new(&Clock::new(), true);
        timeline
            .trace("board", async {
                mark(State::Waiting);
                sleep(Duration::from_secs(5)).await;
                mark(State::Pending);
                sleep(Duration::from_secs(5)).await;
            })
            .await;
        let picture = timeline.render();
        let bar = bars(&picture)[0];
        let dots = bar.find('.').expect("waiting drawn");
        let dashes = bar.find('-').expect("pending drawn");
        assert!(dots < dashes, "{picture}");
        // Outside a traced future a mark does nothing.
        mark(State::Blocked);
    }

    #[tokio::test(start_paused = true)]
    async fn a_dropped_future_ends_its_row() {
        let timeline = Timeline::new(&Clock::new(), true);
        let task = tokio::spawn(
            timeline.trace("worker", sleep(Duration::from_secs(100))),
        );
        timeline
            .trace("main", async {
                sleep(Duration::from_secs(2)).await;
                task.abort();
                let _ = task.await;
                sleep(Duration::from_secs(2)).await;
            })
            .await;
        let picture = timeline.render();
        // The axis covers 4 s; the worker's row stops at 2 s, halfway.
        assert!(picture.contains("4.0s"), "{picture}");
        let rows = bars(&picture);
        let (worker, main) = (rows[0].trim_end(), rows[1].trim_end());
        assert!(worker.len() < main.len() * 3 / 4, "{picture}");
    }

    #[tokio::test]
    async fn a_disabled_timeline_only_forwards() {
        let timeline = Timeline::new(&Clock::new(), false);
        let out = timeline.trace("x", async { 5 }).await;
        assert_eq!(out, 5);
        assert_eq!(timeline.call("y", || 6), 6);
        assert_eq!(timeline.render(), "");
    }

    /// Drives a future on this thread with a throwaway runtime.
    fn futures_lite_block_on<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("runtime")
            .block_on(future)
    }

    #[test]
    fn the_program_timeline_records_what_is_traced() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .expect("runtime");
        runtime.block_on(async {
            start(true);
            trace("one", sleep(Duration::from_secs(1))).await;
            call("two", || ());
            let picture = render();
            assert!(picture.contains("one"), "{picture}");
            assert!(picture.contains("two"), "{picture}");
            start(false);
            trace("three", sleep(Duration::from_secs(1))).await;
            assert_eq!(render(), "");
        });
    }
}
