//! The edges every example shares: output that cannot be written, and
//! SIGTERM. Each is tried on every example, not only on one.

use std::process::{Command, Stdio};
use std::time::Duration;
use tests::{bin, run, start, test_tmp};

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

/// Runs `name args` with stdout going to `stdout`; returns the status code
/// (`None` if a signal ended it) and stderr.
fn run_into(name: &str, args: &[&str], stdout: Stdio) -> (Option<i32>, String) {
    let out = Command::new(bin(name))
        .args(args)
        .env("TMPDIR", test_tmp())
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .expect("the example runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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
    } else {
        vec!["--help"]
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for name in examples() {
        for args in [vec!["--help"], vec!["--version"], quick_args(&name)] {
            let (code, stderr) = run_into(&name, &args, closed_pipe());
            assert_eq!(code, Some(141), "{name} {args:?}: {stderr}");
            assert!(stderr.is_empty(), "{name} {args:?} said: {stderr}");
        }
    }
}

#[test]
fn a_full_disk_is_one_line_and_status_1() {
    for name in examples() {
        for args in [vec!["--help"], vec!["--version"], quick_args(&name)] {
            let (code, stderr) = run_into(&name, &args, full_disk());
            assert_eq!(code, Some(1), "{name} {args:?}: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{name} {args:?}: {stderr}");
            assert!(stderr.starts_with(&format!("{name}: ")), "{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
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
fn real_time_sigterm_ends_like_ctrl_c_with_143() {
    for name in ["countasync", "countsync"] {
        let mut running = start(name, &[]);
        running.wait_until_catching_sigint(Duration::from_secs(10));
        let (run, _) = running.signal("TERM");
        assert_eq!(run.code, Some(143), "{name}: {}", run.stderr);
        assert_eq!(run.stderr, format!("{name}: terminated\n"));
    }
}
