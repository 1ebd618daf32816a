//! Times print as Python's `f"{x:0.2f}"` prints them: Rust's `{:.2}`
//! rounds the exact binary value half to even, as CPython does, so the
//! halfway cases agree too (0.125 s gives `0.12` in both, 0.375 s
//! `0.38`). Checked against the Python the twins run, over every
//! millisecond duration up to 20 s, the way the examples compute them.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use tests::twin::python;

#[test]
fn durations_print_as_python_prints_them() {
    let values: Vec<f64> = (0..20_000u64)
        .map(|ms| Duration::from_millis(ms).as_secs_f64())
        .chain((0..2_000u64).map(|us| Duration::from_micros(us).as_secs_f64()))
        .collect();
    // `{:?}` writes the shortest text that reads back as the same f64.
    let input: String = values.iter().map(|v| format!("{v:?}\n")).collect();
    let script = "import sys\n\
                  for line in sys.stdin:\n    \
                  x = float(line)\n    \
                  print(f'{x:0.2f} {x:0.5f}')\n";
    let mut child = Command::new(python())
        .args(["-I", "-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let feeder = std::thread::spawn(move || {
        stdin.write_all(input.as_bytes()).expect("python reads")
    });
    let out = child.wait_with_output().expect("python ends");
    feeder.join().expect("fed");
    assert!(out.status.success());
    let python = String::from_utf8(out.stdout).expect("text");
    let rust: String =
        values.iter().map(|x| format!("{x:.2} {x:.5}\n")).collect();
    let differing: Vec<_> = rust
        .lines()
        .zip(python.lines())
        .filter(|(r, p)| r != p)
        .take(5)
        .collect();
    assert!(differing.is_empty(), "Rust vs Python: {differing:?}");
    assert_eq!(rust.lines().count(), python.lines().count());
    // The halfway cases are among them, and round to even.
    let at = |ms: usize| rust.lines().nth(ms).expect("a line").to_string();
    assert_eq!(at(125), "0.12 0.12500");
    assert_eq!(at(375), "0.38 0.37500");
}
