//! The schedules: run an example and its twin with `SCHEDULE_MARKERS=1`,
//! read when each task resumed and suspended (`pages::schedule`), and
//! check that the two are the same, or differ only as the example's
//! `schedule.md` lists.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use pages::schedule::{self, Difference, Recording, Side};

use crate::twin::{cpu_turn, python, TWIN_LIMIT};
use crate::{
    bin, diff, normalize, root, same_but_for_jitter, start_command, Run,
};

/// The example's folder.
fn folder(name: &str) -> PathBuf {
    root().join("examples-crates").join(name)
}

/// The Rust's source and the twin's.
fn sources(name: &str) -> (String, String) {
    let dir = folder(name);
    let read = |p: PathBuf| std::fs::read_to_string(p).unwrap_or_default();
    (
        read(dir.join("src/main.rs")),
        read(dir.join(format!("{name}.py"))),
    )
}

/// Whether `name` has schedules ([`schedule::has_tasks`]).
pub fn has_schedule(name: &str) -> bool {
    let (rust, py) = sources(name);
    schedule::has_tasks(&rust, &py)
}

/// The examples with schedules.
pub fn examples() -> Vec<String> {
    pages::example_crates(&root())
        .into_iter()
        .filter(|n| has_schedule(n))
        .collect()
}

/// Runs the Rust binary with `args` and markers on, killed after a minute.
pub fn run_rust(name: &str, args: &[&str]) -> Run {
    let mut command = Command::new(bin(name));
    command.args(args).env("SCHEDULE_MARKERS", "1");
    start_command(&mut command, name).finish(Duration::from_secs(60))
}

/// Runs the twin on the virtual clock with `args` and markers on, killed
/// after [`TWIN_LIMIT`].
pub fn run_python(name: &str, args: &[&str]) -> Run {
    let script = folder(name).join(format!("{name}.py"));
    let mut command = Command::new(python());
    command
        .arg("-I")
        .arg(root().join("tests/vclock.py"))
        .arg(script)
        .args(args)
        .env("SCHEDULE_MARKERS", "1");
    let _turn = cpu_turn();
    start_command(&mut command, &format!("{name}.py")).finish(TWIN_LIMIT)
}

/// Runs of programs on the virtual clock, kept for the test run: the
/// pages' outputs and the schedules come from the same runs.
type Runs = Mutex<HashMap<(bool, String, Vec<String>), Arc<OnceLock<Run>>>>;
static RUNS: OnceLock<Runs> = OnceLock::new();

/// [`run_rust`] (`python` false) or [`run_python`], run once per test run
/// for each program and arguments.
pub fn run_once(python: bool, name: &str, args: &[&str]) -> Run {
    let key = (
        python,
        name.to_string(),
        args.iter().map(|a| a.to_string()).collect(),
    );
    let slot = RUNS
        .get_or_init(Runs::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_default()
        .clone();
    slot.get_or_init(|| {
        if python {
            run_python(name, args)
        } else {
            run_rust(name, args)
        }
    })
    .clone()
}

/// Both schedules from both programs' standard outputs.
pub fn recording(
    name: &str,
    python_stdout: &str,
    rust_stdout: &str,
) -> Recording {
    let (rust_source, py_source) = sources(name);
    let (rust, rows) = schedule::rust_side(rust_stdout, &rust_source);
    let python = schedule::python_side(python_stdout, &py_source, &rows);
    Recording {
        python,
        rust,
        real_clock: false,
    }
}

pub use schedule::tolerance;

/// The example's listed differences.
pub fn listing(name: &str) -> schedule::Listing {
    let path = folder(name).join("schedule.md");
    match std::fs::read_to_string(&path) {
        Ok(text) => schedule::listing(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        Err(_) => schedule::Listing::default(),
    }
}

/// The differences between the two schedules that `schedule.md` does not
/// list.
pub fn unlisted(
    name: &str,
    rec: &Recording,
    tolerance: f64,
) -> Vec<Difference> {
    let listed = listing(name);
    schedule::compare(rec, tolerance)
        .into_iter()
        .filter(|d| !listed.lists(&d.kind))
        .collect()
}

/// Fails, with both schedules' diff, if they differ in a way the
/// example's `schedule.md` does not list.
pub fn assert_listed(
    name: &str,
    args: &[&str],
    rec: &Recording,
    tolerance: f64,
) {
    if let Some(problem) = unexplained(name, args, rec, tolerance) {
        panic!("{problem}");
    }
}

/// What [`assert_listed`] would say, if anything.
pub fn unexplained(
    name: &str,
    args: &[&str],
    rec: &Recording,
    tolerance: f64,
) -> Option<String> {
    let unlisted = unlisted(name, rec, tolerance);
    if unlisted.is_empty() {
        return None;
    }
    let what: Vec<String> = unlisted
        .iter()
        .map(|d| format!("  {}: {}", d.kind, d.detail))
        .collect();
    Some(format!(
        "{name} {args:?}: the schedules differ in ways examples-crates/{name}/schedule.md does not list:\n{}\n\
         the Rust's schedule (+) against the Python's (-):\n{}",
        what.join("\n"),
        diff::lines(&schedule::text(&rec.python), &schedule::text(&rec.rust))
    ))
}

/// Whether two recordings of one run say the same: the same outputs and
/// events, times within `tolerance`.
pub fn same_recording(a: &Recording, b: &Recording, tolerance: f64) -> bool {
    let side = |x: &Side, y: &Side| {
        x.args == y.args
            && x.events.len() == y.events.len()
            && x.events.iter().zip(&y.events).all(|(p, q)| {
                (p.t - q.t).abs() <= tolerance + 1e-9
                    && (
                        p.task.as_str(),
                        p.step.as_str(),
                        p.event.as_str(),
                        &p.wait,
                        p.done,
                        p.cancelled.is_some(),
                    ) == (
                        q.task.as_str(),
                        q.step.as_str(),
                        q.event.as_str(),
                        &q.wait,
                        q.done,
                        q.cancelled.is_some(),
                    )
            })
    };
    let outputs = |x: &Side, y: &Side| {
        if tolerance == 0.0 {
            // Times of day and random bytes masked, as the pages' outputs.
            let text = |side: &Side| normalize(&side.output.join("\n"));
            text(x) == text(y) || same_but_for_jitter(&text(x), &text(y))
        } else {
            x.output.len() == y.output.len()
        }
    };
    // On the real clock a poll may fall into one timer tick or two: the
    // Rust's rows, and when each finished, are what stays.
    let finished = |x: &Side| {
        let mut done: Vec<(String, String)> = x
            .events
            .iter()
            .filter(|e| e.done)
            .map(|e| (e.task.clone(), e.step.clone()))
            .collect();
        done.sort();
        done
    };
    let rust_same = if tolerance == 0.0 {
        side(&a.rust, &b.rust)
    } else {
        a.rust.args == b.rust.args && finished(&a.rust) == finished(&b.rust)
    };
    a.real_clock == b.real_clock
        && side(&a.python, &b.python)
        && rust_same
        && outputs(&a.python, &b.python)
        && outputs(&a.rust, &b.rust)
}
