//! The timeline picture: rows of stretches drawn on a shared time axis
//! within 76 columns, so that an example's header can show it.

use std::fmt::Write as _;
use std::time::Duration;

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

/// One row of the picture: a task or future, and its stretches.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// The span's name and field values: `count 1`.
    pub label: String,
    /// What it did, in order: state, start, end, since the picture began.
    pub spans: Vec<(State, Duration, Duration)>,
}

impl Row {
    /// Adds a stretch, joined to the last one if it continues it.
    pub fn push(&mut self, state: State, start: Duration, end: Duration) {
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

/// The picture of `rows`: one line per row, then the time axis and a
/// legend of the symbols it uses. Times are since the picture's start.
pub fn draw(rows: &[Row]) -> String {
    let spans_of = |row: &Row| row.spans.clone();
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
    // Fifty milliseconds: more than a loaded machine makes a real run of
    // these examples late, less than anything they print.
    let axis =
        Axis::fit_with_slack(total, WIDTH - label_width - 8, 0.05 / per_unit);

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
    #[cfg(test)]
    fn fit(total: f64, max_columns: usize) -> Self {
        Axis::fit_with_slack(total, max_columns, 0.0)
    }

    /// [`Axis::fit`], where up to `slack` units past the last tick (a
    /// real clock's lateness) are drawn in its cell instead of adding a
    /// tick.
    fn fit_with_slack(total: f64, max_columns: usize, slack: f64) -> Self {
        let rough = (total / 8.0).max(1e-6);
        let magnitude = 10f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= rough * (1.0 - 1e-9))
            .unwrap_or(10.0 * magnitude);
        // A real run ends a hair after the round figure (3.0004 s, or
        // 3.03 s on a loaded machine): up to a fiftieth of a step, or the
        // slack, over the last tick is drawn in its cell.
        // The slack never exceeds a fiftieth of the whole picture.
        let over = (0.02f64).max(slack.min(total * 0.02) / step);
        let ticks = ((total / step - over).ceil() as usize).max(1);
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
    use State::{Blocked, Pending, Running, Waiting};

    const ZERO: Duration = Duration::ZERO;

    fn row(label: &str, spans: Vec<(State, Duration, Duration)>) -> Row {
        Row {
            label: label.to_string(),
            spans,
        }
    }

    /// A future's row as polls record it: a first poll at the start,
    /// pending for `time`, a last poll that finishes it.
    fn slept(label: &str, time: Duration) -> Row {
        row(
            label,
            vec![
                (Running, ZERO, ZERO),
                (Pending, ZERO, time),
                (Running, time, time),
            ],
        )
    }

    fn bars(picture: &str) -> Vec<&str> {
        picture
            .lines()
            .take_while(|l| !l.trim_start().starts_with('+'))
            .collect()
    }

    #[test]
    fn overlapping_sleeps_share_the_axis() {
        let second = Duration::from_secs(1);
        let rows: Vec<Row> = (1..=3)
            .map(|i| {
                let spans =
                    vec![(Running, ZERO, ZERO), (Pending, ZERO, second)];
                row(&format!("count {i}"), spans)
            })
            .collect();
        let picture = draw(&rows);
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

    #[test]
    fn hours_for_long_simulations() {
        let picture = draw(&[slept("game", Duration::from_secs(12 * 3600))]);
        assert!(picture.contains("12h"), "{picture}");
    }

    #[test]
    fn minutes_for_an_hour() {
        let picture = draw(&[slept("board", Duration::from_secs(3655))]);
        assert!(picture.contains("70min"), "{picture}");
    }

    #[test]
    fn a_cell_shows_what_filled_most_of_it() {
        // Ten minutes: waiting for 9 s of each 10, then pending for 1,
        // with an instant of running (a poll) between the stretches.
        let mut spans = Vec::new();
        for cycle in 0..60 {
            let at = |s: u64| Duration::from_secs(cycle * 10 + s);
            spans.push((Running, at(0), at(0)));
            spans.push((Waiting, at(0), at(9)));
            spans.push((Running, at(9), at(9)));
            spans.push((Pending, at(9), at(10)));
        }
        let end = Duration::from_secs(600);
        spans.push((Running, end, end));
        let picture = draw(&[row("task", spans)]);
        let bar = bars(&picture)[0]["task  ".len()..].to_string();
        // Cells are wider than a cycle, so each is mostly waiting. The
        // instants of running between the stretches would mark every
        // cell, so they are left out.
        assert!(bar.trim_end().chars().all(|c| c == '.'), "{picture}");
    }

    #[test]
    fn the_legend_fits_the_width() {
        // Running first, for as long as the others: a row's first instant
        // of running alone may fall short of a cell.
        let spans = [Running, Pending, Waiting, Blocked]
            .into_iter()
            .zip(0u64..)
            .map(|(state, i)| {
                let at = |n: u64| Duration::from_millis(2 * n);
                (state, at(i), at(i + 1))
            })
            .collect();
        let picture = draw(&[row("a label of twenty ch", spans)]);
        assert!(picture.lines().all(|l| l.chars().count() <= WIDTH));
        for symbol in
            ["# running", "- waiting (thread", ". waiting", "= blocking"]
        {
            assert!(picture.contains(symbol), "{symbol}: {picture}");
        }
    }

    #[test]
    fn axis_ticks_land_on_columns() {
        let axis = Axis::fit(1.0, 60);
        assert_eq!((axis.step, axis.ticks), (0.2, 5));
        assert_eq!(axis.columns % axis.ticks, 0);
        let axis = Axis::fit(3.0, 60);
        // A real run three hundredths late keeps the axis it would have.
        let late = Axis::fit_with_slack(3.03, 60, 0.05);
        assert_eq!(late.ticks, axis.ticks);
        assert_eq!(Axis::fit_with_slack(3.06, 60, 0.05).ticks, axis.ticks + 1);
        assert_eq!((axis.step, axis.ticks), (0.5, 6));
        assert_eq!(Axis::fit(3.0, 60).labels("s").trim_end(), {
            let per = axis.per_tick;
            let mut s = String::new();
            for t in ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5"] {
                s.push_str(&format!("{t:<per$}"));
            }
            s.push_str("3.0s");
            s
        });
    }

    #[test]
    fn many_rows_are_summarised() {
        let rows: Vec<Row> = (0..MAX_ROWS + 5)
            .map(|i| slept(&format!("task {i}"), Duration::from_secs(1)))
            .collect();
        let picture = draw(&rows);
        assert!(picture.contains("... and 5 more rows"), "{picture}");
    }
}
