//! The edges every example shares: output that cannot be written, and
//! SIGTERM. Each is tried on every example, not only on one.
//!
//! The examples are ordinary Rust programs: a closed pipe ends them as it
//! ends `cat` (SIGPIPE, restored by the port's setup line), a full disk
//! is std's own message about it, and SIGTERM ends those with nothing to
//! clean up by the signal's default action.

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::time::Duration;
use tests::{bin, run, start, test_tmp};

/// SIGPIPE's number, as the kernel reports a process it ended.
const SIGPIPE: i32 = 13;
/// SIGTERM's number.
const SIGTERM: i32 = 15;

fn examples() -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(tests::root().join("examples-crates"))
            .expect("examples-crates/")
            .map(|e| {
                e.expect("entry").file_name().to_string_lossy().into_owned()
            })
            .filter(|name| name != "rules")
            .collect();
    names.sort();
    names
}

/// How a run into `stdout` ended: its exit code, or the signal that ended
/// it, and what it said on stderr.
#[derive(Debug)]
struct Ended {
    code: Option<i32>,
    signal: Option<i32>,
    stderr: String,
}

fn run_into(name: &str, args: &[&str], stdout: Stdio) -> Ended {
    let out = Command::new(bin(name))
        .args(args)
        .env("TMPDIR", test_tmp())
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("the example runs");
    Ended {
        code: out.status.code(),
        signal: out.status.signal(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A pipe whose reading end is already closed: every write to it fails
/// with EPIPE, as `| head` does once head has what it wants.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    writer.into()
}

fn full_disk() -> Stdio {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full")
        .into()
}

/// What an example can be run with quickly and offline, printing output.
fn quick_args(name: &str) -> Vec<&'static str> {
    let help = run(name, &["--help"]).success().stdout;
    if help.contains("--virtual-time") {
        vec!["--virtual-time"]
    } else if name == "chess" {
        // Its clock is virtual unless told otherwise.
        vec![]
    } else {
        vec!["--help"]
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for name in examples() {
        let args = quick_args(&name);
        let ended = run_into(&name, &args, closed_pipe());
        assert!(ended.stderr.is_empty(), "{name} {args:?}: {ended:?}");
        // clap writes help and ignores a failed write; a program that
        // prints is ended by SIGPIPE, as `cat` would be.
        let quiet = ended.code == Some(0) || ended.signal == Some(SIGPIPE);
        assert!(quiet, "{name} {args:?}: {ended:?}");
    }
    for args in [["--help"], ["--version"]] {
        let ended = run_into("countasync", &args, closed_pipe());
        assert_eq!(ended.code, Some(0), "{args:?}: {ended:?}");
        assert!(ended.stderr.is_empty(), "{args:?}: {ended:?}");
    }
}

#[test]
fn a_full_disk_fails_and_says_why() {
    for name in examples() {
        let args = quick_args(&name);
        if args == ["--help"] {
            continue;
        }
        let ended = run_into(&name, &args, full_disk());
        assert_ne!(ended.code, Some(0), "{name} {args:?}: {ended:?}");
        assert!(
            ended.stderr.contains("No space left on device"),
            "{name} {args:?}: {ended:?}"
        );
    }
}

#[test]
fn a_usage_error_with_stderr_full_is_still_status_2() {
    let out = Command::new(bin("countasync"))
        .arg("--bogus")
        .stderr(full_disk())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn every_example_tells_its_version() {
    for name in examples() {
        let run = run(&name, &["--version"]).success();
        assert!(
            run.stdout.starts_with(&format!("{name} ")),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn real_time_sigterm_ends_a_program_with_nothing_to_clean_up() {
    for name in ["countasync", "countsync"] {
        let mut running = start(name, &[]);
        // Once it has printed, it is past its setup and sleeping.
        running.wait_for(Duration::from_secs(10), |out, _| out.contains("One"));
        let (run, _) = running.signal("TERM");
        assert_eq!(run.signal, Some(SIGTERM), "{name}: {run:?}");
        assert!(run.stderr.is_empty(), "{name}: {}", run.stderr);
    }
}
