//! `--timeline`: a picture of when each task ran, slept and waited.

use std::fmt::Write as _;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::Clock;

/// What a task is doing during a stretch of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// Asleep on a timer; the thread is free for other tasks. Drawn `-`.
    Sleeping,
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
            State::Sleeping => '-',
            State::Waiting => '.',
            State::Blocked => '=',
            State::Running => '#',
        }
    }

    fn meaning(self) -> &'static str {
        match self {
            State::Sleeping => "sleeping (thread free)",
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
                    row.spans.push((old, since, now));
                }
            }
            row.current = Some((state, now));
        }
    }

    /// Awaits `future` (a timer) drawn as sleeping, then running again.
    pub async fn sleeping<F: Future>(&self, future: F) -> F::Output {
        self.during(State::Sleeping, future).await
    }

    /// Awaits `future` (a queue, a lock, a semaphore) drawn as waiting,
    /// then running again.
    pub async fn waiting<F: Future>(&self, future: F) -> F::Output {
        self.during(State::Waiting, future).await
    }

    /// Runs the blocking call `f` drawn as blocking the thread, then
    /// running again.
    pub fn blocked<T>(&self, f: impl FnOnce() -> T) -> T {
        self.set(State::Blocked);
        let out = f();
        self.set(State::Running);
        out
    }

    async fn during<F: Future>(&self, state: State, future: F) -> F::Output {
        self.set(state);
        let out = future.await;
        self.set(State::Running);
        out
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
        State::Sleeping,
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
        let ticks = ((total / step - 1e-9).ceil() as usize).max(1);
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
        let clock = Clock::start(true);
        let timeline = Timeline::new(&clock, true);
        let rows: Vec<Row> = (1..=3)
            .map(|i| timeline.row(format!("count {i}")))
            .collect();
        for row in &rows {
            row.set(State::Sleeping);
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
    async fn blocking_calls_draw_a_staircase() {
        let clock = Clock::start(true);
        let timeline = Timeline::new(&clock, true);
        for i in 1..=3 {
            let row = timeline.row(format!("count {i}"));
            row.blocked(|| clock.block_for(Duration::from_secs(1)));
        }
        let picture = timeline.render();
        let starts: Vec<usize> = bars(&picture)
            .iter()
            .map(|b| b.find('=').expect("a blocked stretch"))
            .collect();
        assert_eq!(starts.len(), 3);
        assert!(starts[0] < starts[1] && starts[1] < starts[2], "{picture}");
        // Each step is a third of the axis.
        assert_eq!(starts[1] - starts[0], starts[2] - starts[1]);
    }

    #[tokio::test(start_paused = true)]
    async fn hours_for_long_simulations() {
        let clock = Clock::start(true);
        let timeline = Timeline::new(&clock, true);
        let row = timeline.row("game");
        row.sleeping(sleep(Duration::from_secs(12 * 3600))).await;
        drop(row);
        let picture = timeline.render();
        assert!(picture.contains("12h"), "{picture}");
    }

    #[tokio::test(start_paused = true)]
    async fn minutes_for_an_hour() {
        let clock = Clock::start(true);
        let timeline = Timeline::new(&clock, true);
        let row = timeline.row("board");
        row.sleeping(sleep(Duration::from_secs(3655))).await;
        drop(row);
        let picture = timeline.render();
        assert!(picture.contains("70min"), "{picture}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_cell_shows_what_filled_most_of_it() {
        let clock = Clock::start(true);
        let timeline = Timeline::new(&clock, true);
        let row = timeline.row("task");
        // Ten minutes: waiting for 9 s of each 10, then sleeping for 1.
        for _ in 0..60 {
            row.waiting(sleep(Duration::from_secs(9))).await;
            row.sleeping(sleep(Duration::from_secs(1))).await;
        }
        drop(row);
        let picture = timeline.render();
        let bar = bars(&picture)[0]["task  ".len()..].to_string();
        // Cells are wider than a cycle, so each is mostly waiting. The
        // instants of running between the stretches would mark every
        // cell, so they are left out.
        assert!(bar.trim_end().chars().all(|c| c == '.'), "{picture}");
    }

    #[test]
    fn the_legend_fits_the_width() {
        let clock = Clock::start(false);
        let timeline = Timeline::new(&clock, true);
        let row = timeline.row("a label of twenty ch");
        for state in [State::Sleeping, State::Waiting, State::Blocked] {
            row.set(state);
            std::thread::sleep(Duration::from_millis(2));
        }
        drop(row);
        let picture = timeline.render();
        assert!(picture.lines().all(|l| l.chars().count() <= WIDTH));
        for symbol in ["# running", "- sleeping", ". waiting", "= blocking"] {
            assert!(picture.contains(symbol), "{symbol}: {picture}");
        }
    }

    #[test]
    fn disabled_draws_nothing() {
        let clock = Clock::start(false);
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
        let clock = Clock::start(false);
        let timeline = Timeline::new(&clock, true);
        let rows: Vec<Row> = (0..MAX_ROWS + 5)
            .map(|i| timeline.row(format!("task {i}")))
            .collect();
        drop(rows);
        let picture = timeline.render();
        assert!(picture.contains("... and 5 more rows"), "{picture}");
    }
}
