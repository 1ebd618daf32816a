//! The schedules: when each task of an example resumed and suspended, in
//! the Rust and in its Python twin, read from the marker lines both print
//! with `SCHEDULE_MARKERS=1`, compared, and aligned for the replay.
//!
//! A task is what the timeline draws as a row: in the Rust a future with
//! an `info_span!`, in the Python a coroutine of the same function. The
//! Rust's rows name the functions (`count().instrument(info_span!("count",
//! n = 1))` follows `count`); the Python's coroutines of that function
//! take the Rust rows' labels in the order they first ran, so both
//! schedules speak of `count 1`, `count 2` and `count 3`. A task's step is
//! the `step:` section its function is defined in.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The marker lines' first character (ASCII's record separator).
pub const MARKER: char = '\x1e';

/// One event of a schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Virtual seconds since the program started.
    pub t: f64,
    /// The task's label (`count 1`).
    pub task: String,
    /// The `step:` name of the task's function.
    pub step: String,
    /// `resume` or `suspend`.
    pub event: String,
    /// Lines of output printed before it.
    #[serde(default)]
    pub out: usize,
    /// On a suspension, what the task waits for, where the program says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait: Option<String>,
    /// On a suspension, whether the task finished.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
    /// On a task's last suspension, when it was dropped unfinished, if it
    /// was: cancelled (the Rust's futures only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled: Option<f64>,
}

/// One program's side of a recording.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// The command line replayed, after the program's name.
    pub args: Vec<String>,
    /// Its events.
    pub events: Vec<Event>,
    /// What it printed, line by line.
    pub output: Vec<String>,
}

/// Both sides of one run, as `examples-crates/NAME/replay.json` keeps them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recording {
    /// Whether the Rust ran on the real clock (it blocks its thread), so
    /// that its times may be late by a few milliseconds.
    #[serde(default)]
    pub real_clock: bool,
    /// The twin's run.
    pub python: Side,
    /// The Rust's run.
    pub rust: Side,
}

/// Whether an example has schedules, from its two sources: its Rust
/// gives futures a row (`info_span!`) and its twin runs an event loop.
/// (countsync has rows but no event loop; asyncgen's one task is its
/// `main`; threads-vs-tasks's tasks are bare sleeps by the million, and
/// the network examples' order is the network's: none of those draws
/// rows.)
pub fn has_tasks(rust: &str, python: &str) -> bool {
    rust.contains("info_span!") && python.contains("asyncio.run(")
}

/// How late the Rust's times may be: not at all on two virtual clocks;
/// where the Rust runs on the real one, under the one second between the
/// instants of the examples that do (see [`compare`]).
pub fn tolerance(real_clock: bool) -> f64 {
    if real_clock {
        0.9
    } else {
        0.0
    }
}

/// The schedule files' form: `[{"t", "task", "step", "event"}]`.
#[derive(Debug, Serialize)]
struct Plain<'a> {
    t: f64,
    task: &'a str,
    step: &'a str,
    event: &'a str,
}

/// `events` as a schedule file's JSON: one event per line.
pub fn schedule_json(events: &[Event]) -> String {
    let mut out = String::from("[\n");
    for (i, e) in events.iter().enumerate() {
        let plain = Plain {
            t: e.t,
            task: &e.task,
            step: &e.step,
            event: &e.event,
        };
        let line = serde_json::to_string(&plain).expect("plain data");
        out.push_str("  ");
        out.push_str(&line);
        out.push_str(if i + 1 < events.len() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    out
}

/// Splits a program's standard output into its own lines and its marker
/// lines, each marker with the number of own lines printed before it.
pub fn split(stdout: &str) -> (String, Vec<(usize, Value)>) {
    let mut own = String::new();
    let mut markers = Vec::new();
    let mut rest = stdout;
    while let Some(at) = rest.find(MARKER) {
        own.push_str(&rest[..at]);
        let after = &rest[at + MARKER.len_utf8()..];
        let end = after.find('\n').unwrap_or(after.len());
        if let Ok(value) = serde_json::from_str::<Value>(&after[..end]) {
            markers.push((own.matches('\n').count(), value));
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    own.push_str(rest);
    (own, markers)
}

/// The `step:` sections of a source file: each name with the line (from
/// 1) its marker is on.
pub fn sections(source: &str) -> Vec<(usize, String)> {
    source
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let line = line.trim_start();
            let rest = line
                .strip_prefix("// step:")
                .or_else(|| line.strip_prefix("# step:"))?;
            Some((i + 1, rest.trim().to_string()))
        })
        .collect()
}

/// The step that line `line` (from 1) of a file with `sections` is in.
fn step_at(sections: &[(usize, String)], line: usize) -> String {
    sections
        .iter()
        .rev()
        .find(|(start, _)| *start <= line)
        .map_or_else(String::new, |(_, name)| name.clone())
}

/// The line (from 1) where `async fn NAME` or `async def NAME` is defined.
fn definition(source: &str, name: &str) -> Option<usize> {
    source
        .lines()
        .position(|line| {
            let line = line.trim_start().trim_start_matches("pub ");
            ["async fn ", "async def "].iter().any(|start| {
                line.strip_prefix(start).is_some_and(|rest| {
                    rest.strip_prefix(name)
                        .is_some_and(|r| r.starts_with(['(', '<']))
                })
            })
        })
        .map(|i| i + 1)
}

/// The names of a Rust file's `async fn`s.
fn async_fns(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix("async fn ")?;
            let end =
                rest.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
            Some(rest[..end].to_string())
        })
        .collect()
}

/// The identifiers of a line of code, string literals left out.
fn identifiers(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut start = None;
    for (i, c) in line.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        let word = c.is_alphanumeric() || c == '_';
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(&line[s..i]);
                start = None;
            }
            _ => {}
        }
        if c == '"' {
            in_string = true;
        }
    }
    if let Some(s) = start {
        out.push(&line[s..]);
    }
    out
}

/// The `async fn` whose future the span made at line `line` (from 1) of
/// `source` instruments: the first one named on the span's line or, for
/// a span made apart (`let span = info_span!(..)`), on the line that
/// instruments with it; a call on the lines just before counts too, for
/// a chain split over lines.
pub fn row_function(source: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = source.lines().collect();
    let fns = async_fns(source);
    let mut at = line.checked_sub(1)?;
    let text = lines.get(at)?.trim_start();
    if let Some(rest) = text.strip_prefix("let ") {
        let var: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let made = rest[var.len()..].trim_start().strip_prefix('=');
        if made.is_some_and(|m| m.trim_start().starts_with("info_span!")) {
            let uses = format!(".instrument({var})");
            at += lines[at + 1..].iter().position(|l| l.contains(&uses))? + 1;
        }
    }
    let first = |i: usize| {
        identifiers(lines[i])
            .into_iter()
            .find(|w| fns.iter().any(|f| f == w))
            .map(str::to_string)
    };
    (0..4)
        .map_while(|back| at.checked_sub(back))
        .take_while(|&i| {
            i == at || !lines[i].trim_end().ends_with([';', '{', '('])
        })
        .find_map(first)
}

/// A row's facts from its markers.
#[derive(Debug, Clone)]
struct RustRow {
    id: u64,
    label: String,
    function: Option<String>,
    step: String,
}

/// The Rust's side from its standard output and source: the events of
/// its rows, titles (rows around rows) left out, and the poll a future's
/// drop makes after its last (`Instrumented` enters its span to drop the
/// future) left out too. Also each row's label and function, in the
/// order the rows first ran.
pub fn rust_side(
    stdout: &str,
    source: &str,
) -> (Side, Vec<(String, Option<String>)>) {
    let (own, markers) = split(stdout);
    let sections = sections(source);
    let parents: Vec<String> = markers
        .iter()
        .filter_map(|(_, m)| m["parent"].as_str().map(str::to_string))
        .collect();
    let mut rows: Vec<RustRow> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    // Per row, the index of its latest resume, for the drop's poll.
    let mut open: BTreeMap<u64, usize> = BTreeMap::new();
    for (out, m) in &markers {
        let label = m["task"].as_str().unwrap_or_default().to_string();
        if parents.contains(&label) {
            continue;
        }
        let id = m["id"].as_u64().unwrap_or_default();
        let kind = m["event"].as_str().unwrap_or_default();
        let t = m["t"].as_f64().unwrap_or_default();
        if kind == "close" {
            // `Instrumented` enters its span once more to drop the future:
            // the last poll before the close is the drop's.
            if let Some(&i) = open.get(&id) {
                let is_drop =
                    events.len() == i + 2 && events[i + 1].task == label;
                if is_drop && events[i].out != events[i + 1].out {
                    // A drop that printed (a guard's `Drop`): the clean-up
                    // of a future dropped unfinished, which asyncio runs by
                    // resuming the cancelled coroutine once more.
                    events[i + 1].cancelled = Some(round(t));
                } else if is_drop {
                    events.truncate(i);
                    // Dropped right after its last poll, at once and
                    // waiting for nothing, the future had finished;
                    // otherwise it was cancelled where it waited.
                    let finished = events.last().is_some_and(|e| {
                        e.task == label
                            && (e.t - t).abs() < 0.01
                            && e.wait.is_none()
                    });
                    if let Some(last) =
                        events.iter_mut().rev().find(|e| e.task == label)
                    {
                        if finished {
                            last.done = true;
                        } else {
                            last.cancelled = Some(round(t));
                        }
                    }
                }
            }
            continue;
        }
        if !rows.iter().any(|r| r.id == id) {
            let line = m["line"].as_u64().unwrap_or_default() as usize;
            let function = row_function(source, line);
            let step = match &function {
                Some(f) => {
                    step_at(&sections, definition(source, f).unwrap_or(line))
                }
                None => step_at(&sections, line),
            };
            rows.push(RustRow {
                id,
                label: label.clone(),
                function,
                step,
            });
        }
        let row = rows.iter().find(|r| r.id == id).expect("just added");
        let step = row.step.clone();
        if kind == "resume" {
            open.insert(id, events.len());
        }
        events.push(Event {
            t: round(t),
            task: label,
            step,
            event: kind.to_string(),
            out: *out,
            wait: m["wait"].as_str().map(rust_wait_words),
            done: false,
            cancelled: None,
        });
    }
    let side = Side {
        args: Vec::new(),
        events,
        output: own.lines().map(str::to_string).collect(),
    };
    let functions = rows.into_iter().map(|r| (r.label, r.function)).collect();
    (side, functions)
}

/// Whether the Rust's `function` is the Python's `def`: the same name,
/// or `async_main` for `main` (a Rust `main` is the program's entry).
fn same_function(rust: Option<&str>, python: &str) -> bool {
    rust.is_some_and(|f| f == python || (f == "async_main" && python == "main"))
}

/// What the Rust's open `DEBUG` span means, in the words of the
/// Python's [`wait_words`]: the span's name (`permit`), or the name of
/// the function `#[instrument]` made it for (asyncq's queue: `get`).
fn rust_wait_words(span: &str) -> String {
    let words = match span {
        "permit" => "a permit",
        "get" => "an item",
        "join" => "the queue to empty",
        other => other.strip_prefix("waiting for ").unwrap_or(other),
    };
    words.to_string()
}

/// What the Python's innermost suspended function means, in words.
fn wait_words(raw: &str) -> Option<String> {
    let words = match raw {
        "sleep" => "sleep",
        "Lock.acquire" => "the lock",
        "Semaphore.acquire" | "BoundedSemaphore.acquire" => "a permit",
        "Queue.get" => "an item",
        "Queue.put" => "room in the queue",
        "Queue.join" => "the queue to empty",
        "Event.wait" => "the event",
        "Condition.wait" => "the condition",
        _ => return None,
    };
    Some(words.to_string())
}

/// The Python's side from its standard output (on the virtual clock) and
/// source, given the Rust's rows: the coroutines of the rows' functions,
/// labelled as the Rust's rows of that function in the order they first
/// ran (any further ones `FUNCTION N`).
pub fn python_side(
    stdout: &str,
    source: &str,
    rows: &[(String, Option<String>)],
) -> Side {
    let (own, markers) = split(stdout);
    let sections = sections(source);
    let mut labels: BTreeMap<u64, String> = BTreeMap::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut events = Vec::new();
    for (out, m) in &markers {
        let function = m["fn"].as_str().unwrap_or_default();
        if !rows
            .iter()
            .any(|(_, f)| same_function(f.as_deref(), function))
        {
            continue;
        }
        let co = m["co"].as_u64().unwrap_or_default();
        let label = labels
            .entry(co)
            .or_insert_with(|| {
                let n = seen.entry(function.to_string()).or_insert(0);
                *n += 1;
                rows.iter()
                    .filter(|(_, f)| same_function(f.as_deref(), function))
                    .nth(*n - 1)
                    .map_or_else(
                        || format!("{function} {n}"),
                        |(l, _)| l.clone(),
                    )
            })
            .clone();
        let line = m["line"].as_u64().unwrap_or_default() as usize;
        let kind = m["event"].as_str().unwrap_or_default();
        let raw_wait = m.get("wait").filter(|w| !w.is_null());
        let cancelled = m["cancelled"].as_bool() == Some(true);
        let done = kind == "suspend" && raw_wait.is_none() && !cancelled;
        events.push(Event {
            t: round(m["t"].as_f64().unwrap_or_default()),
            task: label,
            step: step_at(&sections, line),
            event: kind.to_string(),
            out: *out,
            wait: raw_wait.and_then(Value::as_str).and_then(wait_words),
            done,
            cancelled: cancelled
                .then(|| round(m["t"].as_f64().unwrap_or_default())),
        });
    }
    Side {
        args: Vec::new(),
        events,
        output: own.lines().map(str::to_string).collect(),
    }
}

/// Times to the microsecond: far finer than any sleep in the examples,
/// and coarse enough that sums of floats agree.
fn round(t: f64) -> f64 {
    (t * 1e6).round() / 1e6
}

/// A difference between the two schedules.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Difference {
    /// Its kind, as the example's `schedule.md` lists it: `order`,
    /// `extra polls`, `fewer polls`, `only in Rust`, `only in Python`,
    /// `times` or `steps`.
    pub kind: String,
    /// Where it shows, for a failing test.
    pub detail: String,
}

/// The kinds a `schedule.md` may list.
pub const KINDS: [&str; 7] = [
    "order",
    "extra polls",
    "fewer polls",
    "only in Rust",
    "only in Python",
    "times",
    "steps",
];

fn near(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance + 1e-9
}

/// Compares the two schedules; times within `tolerance` seconds are the
/// same (zero for two virtual clocks). The order of tasks resumed at one
/// instant is open where asyncio leaves it open: between tasks that
/// suspended at different instants (their timers' deadlines, equal in
/// ideal time, differ in a real run by how late each was set).
///
/// Where the Rust ran on the real clock (`tolerance` above zero), each of
/// its times is first taken back to the latest instant of the Python's at
/// or before it: a real clock only runs late, and however loaded the
/// machine, by less than the second between two of the examples'
/// instants. A Rust event early, or a whole instant late, still differs.
pub fn compare(rec: &Recording, tolerance: f64) -> Vec<Difference> {
    if tolerance > 0.0 {
        let mut instants: Vec<f64> =
            rec.python.events.iter().map(|e| e.t).collect();
        instants.dedup();
        let mut snapped = rec.clone();
        for e in &mut snapped.rust.events {
            if let Some(p) = instants.iter().rev().find(|p| **p <= e.t + 1e-3) {
                if e.t - p < tolerance {
                    e.t = *p;
                }
            }
        }
        return compare(&snapped, 0.0);
    }
    let mut found = Vec::new();
    let tasks = |side: &Side| {
        let mut names: Vec<String> = Vec::new();
        for e in &side.events {
            if !names.contains(&e.task) {
                names.push(e.task.clone());
            }
        }
        names
    };
    let (py_tasks, rs_tasks) = (tasks(&rec.python), tasks(&rec.rust));
    for task in rs_tasks.iter().filter(|t| !py_tasks.contains(t)) {
        found.push(Difference {
            kind: "only in Rust".into(),
            detail: format!("the Rust's {task} has no Python coroutine"),
        });
    }
    for task in py_tasks.iter().filter(|t| !rs_tasks.contains(t)) {
        found.push(Difference {
            kind: "only in Python".into(),
            detail: format!("the Python's {task} has no Rust row"),
        });
    }
    let shared: Vec<&String> =
        py_tasks.iter().filter(|t| rs_tasks.contains(t)).collect();
    // Per task, match the Python's events in the Rust's; what is left over
    // on either side is extra polls.
    let mut py_keep = vec![false; rec.python.events.len()];
    let mut rs_keep = vec![false; rec.rust.events.len()];
    let mut timing = false;
    for task in &shared {
        let py: Vec<usize> = indices(&rec.python, task);
        let rs: Vec<usize> = indices(&rec.rust, task);
        let same = |p: usize, r: usize| {
            let (a, b) = (&rec.python.events[p], &rec.rust.events[r]);
            a.event == b.event && near(a.t, b.t, tolerance)
        };
        let (py_in, rs_in) = lcs(&py, &rs, same);
        if py_in.len() != py.len() || rs_in.len() != rs.len() {
            let extra_rs = rs.len() - rs_in.len();
            let extra_py = py.len() - py_in.len();
            if extra_py == 0 && extra_rs.is_multiple_of(2) {
                let at = first_extra(&rec.rust, &rs, &rs_in);
                found.push(Difference {
                    kind: "extra polls".into(),
                    detail: format!("the Rust polls {task} {} more times, first at {at:.3} s", extra_rs / 2),
                });
            } else if extra_rs == 0 && extra_py.is_multiple_of(2) {
                let at = first_extra(&rec.python, &py, &py_in);
                found.push(Difference {
                    kind: "fewer polls".into(),
                    detail: format!("the Python resumes {task} {} more times, first at {at:.3} s", extra_py / 2),
                });
            } else {
                timing = true;
                found.push(Difference {
                    kind: "times".into(),
                    detail: format!(
                        "{task} resumes and suspends at other times"
                    ),
                });
            }
        }
        for &i in &py_in {
            py_keep[i] = true;
        }
        for &i in &rs_in {
            rs_keep[i] = true;
        }
        let step_of = |side: &Side, idx: &[usize]| {
            idx.first().map(|&i| side.events[i].step.clone())
        };
        if step_of(&rec.python, &py) != step_of(&rec.rust, &rs) {
            found.push(Difference {
                kind: "steps".into(),
                detail: format!(
                    "{task} is in step {:?} in the Python, {:?} in the Rust",
                    step_of(&rec.python, &py),
                    step_of(&rec.rust, &rs)
                ),
            });
        }
    }
    if !timing {
        let kept = |side: &Side, keep: &[bool]| -> Vec<Event> {
            side.events
                .iter()
                .zip(keep)
                .filter(|(_, k)| **k)
                .map(|(e, _)| e.clone())
                .collect()
        };
        let py = kept(&rec.python, &py_keep);
        let rs = kept(&rec.rust, &rs_keep);
        if let Some(at) = order_differs(&py, &rs, tolerance) {
            found.push(Difference {
                kind: "order".into(),
                detail: format!("at {at:.3} s the tasks run in another order"),
            });
        }
    }
    found.sort();
    found.dedup_by(|a, b| a.kind == b.kind);
    found
}

fn indices(side: &Side, task: &str) -> Vec<usize> {
    side.events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.task == task)
        .map(|(i, _)| i)
        .collect()
}

fn first_extra(side: &Side, all: &[usize], kept: &[usize]) -> f64 {
    all.iter()
        .find(|i| !kept.contains(i))
        .map_or(0.0, |&i| side.events[i].t)
}

/// A longest common subsequence of `a` and `b` under `same`: the items
/// of each that it keeps.
fn lcs(
    a: &[usize],
    b: &[usize],
    same: impl Fn(usize, usize) -> bool,
) -> (Vec<usize>, Vec<usize>) {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if same(a[i], b[j]) {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut ka, mut kb) = (Vec::new(), Vec::new());
    while i < n && j < m {
        if same(a[i], b[j]) {
            ka.push(a[i]);
            kb.push(b[j]);
            i += 1;
            j += 1;
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (ka, kb)
}

/// The run segments of a schedule (a task's resume to its suspend), each
/// with the instant the task last suspended before it.
fn segments(events: &[Event]) -> Vec<(f64, String, f64)> {
    let mut last: BTreeMap<&str, f64> = BTreeMap::new();
    let mut out = Vec::new();
    for e in events {
        if e.event == "resume" {
            let before = last.get(e.task.as_str()).copied().unwrap_or(-1.0);
            out.push((e.t, e.task.clone(), before));
        } else {
            last.insert(&e.task, e.t);
        }
    }
    out
}

/// The first instant at which the two schedules run their tasks in
/// orders that asyncio does not leave open, if there is one.
fn order_differs(py: &[Event], rs: &[Event], tolerance: f64) -> Option<f64> {
    let (a, b) = (segments(py), segments(rs));
    if a.len() != b.len() {
        return a.first().map(|s| s.0);
    }
    let mut i = 0;
    while i < a.len() {
        let t = a[i].0;
        let end = a[i..]
            .iter()
            .position(|s| !near(s.0, t, tolerance))
            .map_or(a.len(), |n| i + n);
        let (x, y) = (&a[i..end], &b[i..end]);
        if x.iter().map(|s| &s.1).ne(y.iter().map(|s| &s.1)) {
            // Open: the same tasks, and those that suspended at one
            // instant in the same order.
            let mut keys: Vec<f64> = x.iter().map(|s| s.2).collect();
            keys.dedup();
            let open = keys.iter().all(|&k| {
                let pick = |v: &[(f64, String, f64)]| -> Vec<String> {
                    v.iter()
                        .filter(|s| near(s.2, k, tolerance))
                        .map(|s| s.1.clone())
                        .collect()
                };
                pick(x) == pick(y)
            }) && {
                let mut p: Vec<&String> = x.iter().map(|s| &s.1).collect();
                let mut q: Vec<&String> = y.iter().map(|s| &s.1).collect();
                p.sort();
                q.sort();
                p == q
            };
            if !open {
                return Some(t);
            }
        }
        i = end;
    }
    None
}

/// A schedule as text, one event per line, for a failing test's diff.
pub fn text(side: &Side) -> String {
    let mut out = String::new();
    for e in &side.events {
        let _ = writeln!(
            out,
            "{:>10.3}  {:<7} {} ({})",
            e.t, e.event, e.task, e.step
        );
    }
    out
}

/// Lines up the two schedules for the replay: instant by instant, the
/// events both have move both sides at once, the others one side alone.
pub fn frames(
    rec: &Recording,
    tolerance: f64,
) -> Vec<(Option<usize>, Option<usize>)> {
    let (py, rs) = (&rec.python.events, &rec.rust.events);
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < py.len() || j < rs.len() {
        let t = match (py.get(i), rs.get(j)) {
            (Some(a), Some(b)) => a.t.min(b.t),
            (Some(a), None) => a.t,
            (None, Some(b)) => b.t,
            (None, None) => break,
        };
        let end_i = i + py[i..]
            .iter()
            .take_while(|e| near(e.t, t, tolerance))
            .count();
        let end_j = j + rs[j..]
            .iter()
            .take_while(|e| near(e.t, t, tolerance))
            .count();
        let a: Vec<usize> = (i..end_i).collect();
        let b: Vec<usize> = (j..end_j).collect();
        let (ka, kb) = lcs(&a, &b, |p, r| {
            py[p].task == rs[r].task && py[p].event == rs[r].event
        });
        let (mut x, mut y) = (i, j);
        for (p, r) in ka.into_iter().zip(kb) {
            while x < p {
                out.push((Some(x), None));
                x += 1;
            }
            while y < r {
                out.push((None, Some(y)));
                y += 1;
            }
            out.push((Some(p), Some(r)));
            x = p + 1;
            y = r + 1;
        }
        while x < end_i {
            out.push((Some(x), None));
            x += 1;
        }
        while y < end_j {
            out.push((None, Some(y)));
            y += 1;
        }
        i = end_i;
        j = end_j;
    }
    out
}

/// One listed difference of an example's `schedule.md`.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    /// Its kinds (each one of [`KINDS`]), as written: `order, extra polls`.
    pub kind: String,
    /// The arguments of a run that shows it, when the page's does not.
    pub shown_by: Option<String>,
    /// Its heading, as HTML.
    pub title: String,
    /// Its reason, as HTML.
    pub prose: String,
}

impl Listed {
    /// Its kinds, one by one.
    pub fn kinds(&self) -> impl Iterator<Item = &str> {
        self.kind.split(',').map(str::trim)
    }
}

/// An example's `schedule.md`: `## Title` sections, each starting with a
/// line `differs: KIND[, KIND]` and, when the page's run does not show
/// it, a line `shown by: ARGS` naming one that does; then the reason, in
/// Markdown. A line `run: ARGS` before the first section gives the
/// replayed run's arguments, when they are not the page's.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The arguments of the replayed run.
    pub run: Option<Vec<String>>,
    /// The differences, in order.
    pub listed: Vec<Listed>,
}

impl Listing {
    /// Whether it lists differences of `kind`.
    pub fn lists(&self, kind: &str) -> bool {
        self.listed.iter().any(|l| l.kinds().any(|k| k == kind))
    }
}

/// Reads a `schedule.md`; an error names what is wrong.
pub fn listing(text: &str) -> Result<Listing, String> {
    let mut listing = Listing::default();
    let text = format!("\n{text}");
    let mut parts = text.split("\n## ");
    for line in parts.next().unwrap_or_default().lines() {
        if let Some(args) = line.strip_prefix("run:") {
            listing.run =
                Some(args.split_whitespace().map(str::to_string).collect());
        }
    }
    for section in parts {
        let (title, body) = section.split_once('\n').unwrap_or((section, ""));
        let mut lines = body.trim_start().lines().peekable();
        let kind = lines
            .next()
            .and_then(|l| l.strip_prefix("differs:"))
            .ok_or_else(|| {
                format!("section {title:?} does not start with `differs: KIND`")
            })?
            .trim()
            .to_string();
        let shown_by = lines
            .peek()
            .and_then(|l| l.strip_prefix("shown by:"))
            .map(|a| a.trim().to_string());
        if shown_by.is_some() {
            lines.next();
        }
        let prose: Vec<&str> = lines.collect();
        let listed = Listed {
            kind,
            shown_by,
            title: crate::inline(title.trim()),
            prose: crate::markdown(prose.join("\n").trim()),
        };
        if let Some(bad) = listed.kinds().find(|k| !KINDS.contains(k)) {
            return Err(format!("section {title:?}: unknown kind {bad:?}"));
        }
        listing.listed.push(listed);
    }
    Ok(listing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(t: f64, task: &str, event: &str) -> Event {
        Event {
            t,
            task: task.into(),
            step: "count".into(),
            event: event.into(),
            out: 0,
            wait: None,
            done: false,
            cancelled: None,
        }
    }

    fn run(events: &[(f64, &str)]) -> Side {
        let mut out = Vec::new();
        for &(t, task) in events {
            out.push(ev(t, task, "resume"));
            out.push(ev(t, task, "suspend"));
        }
        Side {
            events: out,
            ..Side::default()
        }
    }

    fn kinds(d: &[Difference]) -> Vec<&str> {
        d.iter().map(|d| d.kind.as_str()).collect()
    }

    #[test]
    fn equal_schedules_have_no_difference() {
        let a = run(&[(0.0, "a"), (0.0, "b"), (1.0, "a"), (1.0, "b")]);
        let rec = Recording {
            python: a.clone(),
            rust: a,
            ..Recording::default()
        };
        assert!(compare(&rec, 0.0).is_empty());
    }

    #[test]
    fn another_order_after_one_shared_sleep_is_a_difference() {
        let rec = Recording {
            python: run(&[(0.0, "a"), (0.0, "b"), (1.0, "a"), (1.0, "b")]),
            rust: run(&[(0.0, "a"), (0.0, "b"), (1.0, "b"), (1.0, "a")]),
            ..Recording::default()
        };
        assert_eq!(kinds(&compare(&rec, 0.0)), ["order"]);
    }

    #[test]
    fn the_order_of_sleeps_begun_at_different_instants_is_open() {
        // a slept 2 s from 0, b 1 s from 1: both wake at 2, in either order.
        let rec = Recording {
            python: run(&[(0.0, "a"), (1.0, "b"), (2.0, "a"), (2.0, "b")]),
            rust: run(&[(0.0, "a"), (1.0, "b"), (2.0, "b"), (2.0, "a")]),
            ..Recording::default()
        };
        assert!(compare(&rec, 0.0).is_empty());
    }

    #[test]
    fn an_extra_poll_and_a_missing_task_are_told_apart() {
        let rec = Recording {
            python: run(&[(0.0, "a"), (0.0, "b"), (1.0, "b"), (2.0, "a")]),
            rust: run(&[
                (0.0, "a"),
                (0.0, "b"),
                (0.0, "c"),
                (1.0, "a"),
                (1.0, "b"),
                (2.0, "a"),
            ]),
            ..Recording::default()
        };
        assert_eq!(kinds(&compare(&rec, 0.0)), ["extra polls", "only in Rust"]);
    }

    #[test]
    fn other_times_are_a_difference() {
        let rec = Recording {
            python: run(&[(0.0, "a"), (1.0, "a")]),
            rust: run(&[(0.0, "a"), (2.0, "a")]),
            ..Recording::default()
        };
        assert_eq!(kinds(&compare(&rec, 0.0)), ["times"]);
        // On a real clock the Rust may run late, never early.
        assert!(compare(&rec, 1.5).is_empty());
        let early = Recording {
            python: run(&[(0.0, "a"), (1.0, "a")]),
            rust: run(&[(0.0, "a"), (0.8, "a")]),
            ..Recording::default()
        };
        assert_eq!(kinds(&compare(&early, 0.9)), ["times"]);
        let late = Recording {
            rust: run(&[(0.0, "a"), (1.7, "a")]),
            ..early.clone()
        };
        assert!(compare(&late, 0.9).is_empty());
    }

    #[test]
    fn frames_move_both_sides_where_the_events_agree() {
        let rec = Recording {
            python: run(&[(0.0, "a"), (1.0, "a"), (1.0, "b")]),
            rust: run(&[(0.0, "a"), (1.0, "b"), (1.0, "a")]),
            ..Recording::default()
        };
        let frames = frames(&rec, 0.0);
        assert_eq!(frames[0], (Some(0), Some(0)));
        assert_eq!(frames.len(), 8, "{frames:?}");
        assert!(frames.iter().any(|f| f.0.is_none()));
    }

    #[test]
    fn markers_are_split_from_the_output() {
        let (own, markers) =
            split("One\n\u{1e}{\"t\": 0}\nTwo\n\u{1e}{\"t\": 1}\n");
        assert_eq!(own, "One\nTwo\n");
        assert_eq!(markers.len(), 2);
        assert_eq!(markers[1].0, 2);
    }

    /// A Rust marker line.
    fn marker(t: f64, id: u64, task: &str, event: &str) -> String {
        format!(
            "\u{1e}{{\"t\": {t}, \"id\": {id}, \"task\": \"{task}\", \"line\": 2, \"event\": \"{event}\"}}\n"
        )
    }

    #[test]
    fn the_rust_side_tells_a_finished_future_from_a_cancelled_one() {
        let source =
            "async fn count() {}\n    count().instrument(info_span!(\"c\"));\n";
        let polls =
            |task: &str, id: u64, t: f64, drop_at: f64, cleanup: &str| {
                [
                    marker(t, id, task, "resume"),
                    "Two\n".to_string(),
                    marker(t, id, task, "suspend"),
                    marker(drop_at, id, task, "resume"),
                    cleanup.to_string(),
                    marker(drop_at, id, task, "suspend"),
                    marker(drop_at, id, task, "close"),
                ]
                .concat()
            };
        let stdout = [
            polls("a", 0, 1.0, 1.0, ""),
            polls("b", 1, 1.0, 3.0, ""),
            polls("c", 2, 1.0, 3.0, "cleaning up\n"),
        ]
        .concat();
        let (side, rows) = rust_side(&stdout, source);
        assert_eq!(rows[0].1.as_deref(), Some("count"));
        let of = |task: &str| -> Vec<&Event> {
            side.events.iter().filter(|e| e.task == task).collect()
        };
        // Finished: the drop's poll left out, the last suspension done.
        assert_eq!(of("a").len(), 2);
        assert!(of("a")[1].done && of("a")[1].cancelled.is_none());
        // Dropped later: cancelled then.
        assert_eq!(of("b").len(), 2);
        assert_eq!(of("b")[1].cancelled, Some(3.0));
        assert!(!of("b")[1].done);
        // A drop that prints is kept: the clean-up runs at 3 s.
        assert_eq!(of("c").len(), 4);
        assert_eq!(of("c")[3].cancelled, Some(3.0));
        assert_eq!(side.output, ["Two", "Two", "Two", "cleaning up"]);
    }

    #[test]
    fn a_row_follows_the_function_it_instruments() {
        let source = "async fn count() {}\nasync fn main() {\n    let s = info_span!(\"c\");\n    x();\n    count().instrument(s).await;\n    say(\"count\")\n        .instrument(info_span!(\"n\"));\n}\nasync fn say(w: &str) {}\n";
        assert_eq!(row_function(source, 3).as_deref(), Some("count"));
        assert_eq!(row_function(source, 7).as_deref(), Some("say"));
    }

    #[test]
    fn a_listing_reads_its_kinds() {
        let read = listing(
            "run: --jobs 3\n\n## Another order\ndiffers: order\n\nBecause.\n",
        )
        .expect("valid");
        assert_eq!(read.run, Some(vec!["--jobs".to_string(), "3".to_string()]));
        assert_eq!(read.listed[0].kind, "order");
        assert!(listing("## X\nno kind\n").is_err());
    }
}
