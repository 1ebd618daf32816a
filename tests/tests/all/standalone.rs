//! The programs a reader takes home: `cargo run -p pages` writes each
//! example, without its marked lines, as a crate of its own under
//! `target/pages/standalone/`, and `.ci/run` builds them there with
//! published crates alone. Each short one must print what its example
//! prints (the example on its paused clock, the copy in real time, so
//! times may differ as a real clock makes them, and timestamps and random
//! bytes are masked), and none may know the port's extras.
//!
//! Without the built copies these tests say so and pass, unless
//! `REQUIRE_STANDALONE=1` (as in `.ci/run`).

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use tests::{normalize, root, run, same_but_for_jitter, start_command};

/// The copies that take under 5 s of real time, with their arguments.
const SHORT: &[(&str, &[&str])] = &[
    ("asyncgen", &[]),
    ("asyncq", &["-p", "2", "-c", "2", "--seed", "2"]),
    // Two `sleep(0)`s, resumed first in, first out by the copy's mirror.
    ("chained", &["1", "2", "--seed", "176"]),
    ("chess", &["--opponents", "3", "--pairs", "2"]),
    ("countasync", &[]),
    ("countsync", &[]),
    ("hello-world", &[]),
    ("lazy", &[]),
    ("rules", &[]),
    ("say-after", &[]),
    ("say-after-tasks", &[]),
    ("say-hello", &[]),
    ("semaphore", &["--jobs", "6", "--limit", "3"]),
    ("three-coroutines", &[]),
    ("worker-cancel", &[]),
    ("workers", &[]),
];

/// Where `.ci/run` builds the copies, if it did.
fn built() -> Option<PathBuf> {
    let dir = std::env::var_os("STANDALONE_BIN_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/standalone/debug"));
    let all_there = SHORT.iter().all(|(name, _)| dir.join(name).is_file());
    if all_there {
        return Some(dir);
    }
    assert!(
        std::env::var_os("REQUIRE_STANDALONE").is_none(),
        "the standalone copies are not built in {}",
        dir.display()
    );
    eprintln!("standalone copies not built in {}: skipped", dir.display());
    None
}

fn run_copy(dir: &std::path::Path, name: &str, args: &[&str]) -> tests::Run {
    let mut command = Command::new(dir.join(name));
    command.args(args);
    start_command(&mut command, &format!("standalone {name}"))
        .finish(Duration::from_secs(30))
}

#[test]
fn real_time_each_short_copy_prints_what_its_example_prints() {
    let Some(dir) = built() else { return };
    let runs: Vec<_> = SHORT
        .iter()
        .map(|&(name, args)| {
            let dir = dir.clone();
            std::thread::spawn(move || (name, args, run_copy(&dir, name, args)))
        })
        .collect();
    for handle in runs {
        let (name, args, copy) = handle.join().expect("a run");
        let copy = copy.success();
        let help = run(name, &["--help"]).success().stdout;
        let mut port_args = args.to_vec();
        if help.contains("--virtual-time") {
            port_args.push("--virtual-time");
        }
        let port = run(name, &port_args).success();
        let (got, want) = (normalize(&copy.stdout), normalize(&port.stdout));
        let (got_text, got_times) = offsets(&got);
        let (want_text, want_times) = offsets(&want);
        // Offsets count from the first timestamp printed, which a real run
        // prints a little late too, so a later one may read a hair early
        // (3.4993 for 3.5). A quarter of a second either way would be a
        // loaded machine indeed, and still far from a sleep missed or
        // doubled (half a second at the least).
        let on_time = got_times.len() == want_times.len()
            && got_times
                .iter()
                .zip(&want_times)
                .all(|(g, w)| (g - w).abs() < 0.25);
        assert!(
            on_time && same_but_for_jitter(&got_text, &want_text),
            "{name}: the copy printed\n{got}\nthe example\n{want}"
        );
    }
}

#[test]
fn no_copy_knows_the_ports_extras() {
    let Some(dir) = built() else { return };
    for (name, _) in SHORT {
        for extra in ["--virtual-time", "--timeline"] {
            let mut command = Command::new(dir.join(name));
            command.arg(extra);
            let run = start_command(&mut command, name)
                .finish(Duration::from_secs(30))
                .usage_error();
            assert!(run.stderr.contains(extra), "{name}: {}", run.stderr);
        }
    }
}

/// `text` with its timestamp offsets (`T+1.003122`) taken out (`T+`),
/// and the offsets, in seconds, in order.
fn offsets(text: &str) -> (String, Vec<f64>) {
    let mut out = String::with_capacity(text.len());
    let mut times = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("T+") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let digits = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        times.push(rest[..digits].parse().unwrap_or(f64::NAN));
        rest = &rest[digits..];
    }
    out.push_str(rest);
    (out, times)
}

#[test]
fn offsets_are_taken_out() {
    let (text, times) = offsets("T+0 a\nT+1.003122 b T+3.5");
    assert_eq!(text, "T+ a\nT+ b T+");
    assert_eq!(times, [0.0, 1.003122, 3.5]);
}
