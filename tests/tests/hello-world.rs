//! hello-world: Hello, a 4 s sleep, World, inside Program Started/Completed.

use std::time::Duration;
use tests::{check_header_transcripts, normalize, run};

#[test]
fn prints_what_its_header_shows() {
    // The plain run and the `--timeline` picture.
    assert_eq!(check_header_transcripts("hello-world"), 2);
}

#[test]
fn virtual_time_gaps_are_exact() {
    let run = run("hello-world", &["--virtual-time"]).success();
    // Nothing takes time but the 4 s sleep between Hello and World.
    assert_eq!(
        normalize(&run.stdout),
        "Program Started -> T+0\nT+0 -> Hello\nT+4 -> World\n\
         Program Completed -> T+4\n"
    );
}

#[test]
fn real_time_waits_four_seconds() {
    let run = run("hello-world", &[]).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[1].ends_with(" -> Hello"), "{}", run.stdout);
    assert!(lines[2].ends_with(" -> World"), "{}", run.stdout);
    // The sleep never ends early. Nothing else waits, so the upper bound
    // is only a generous guard: half a sleep more than the one there is.
    assert!(run.wall >= Duration::from_secs(4), "{:?}", run.wall);
    assert!(run.wall < Duration::from_secs(6), "{:?}", run.wall);
}

#[test]
fn bad_input_is_a_usage_error() {
    let bogus = run("hello-world", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
}
