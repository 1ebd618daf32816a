//! hello-world: Hello, a 4 s sleep, World, inside Program Started/Completed.

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, normalize, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("hello-world"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = same_output("hello-world", &[]);
    // Nothing takes time but the 4 s sleep between Hello and World.
    assert_eq!(
        normalize(&pair.rust),
        "Program Started -> T+0\nT+0 -> Hello\nT+4 -> World\n\
         Program Completed -> T+4\n"
    );
}

#[test]
fn real_time_waits_four_seconds() {
    let run = run("hello-world", &[]).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert!(lines[1].ends_with(" -> Hello"), "{}", run.stdout);
    assert!(lines[2].ends_with(" -> World"), "{}", run.stdout);
    // The sleep never ends early. Nothing else waits, so the upper bound
    // is only a generous guard: half a sleep more than the one there is.
    assert!(run.wall >= Duration::from_secs(4), "{:?}", run.wall);
    assert!(run.wall < Duration::from_secs(6), "{:?}", run.wall);
}

#[test]
fn real_time_ctrl_c_stops_it_during_the_sleep() {
    let mut running = tests::start("hello-world", &[]);
    let limit = Duration::from_secs(30);
    running.wait_for(limit, |out, _| out.contains("-> Hello"));
    // Nothing to clean up, so no handler: Ctrl-C's default action ends
    // the program at once, killed by the signal, with nothing to say.
    assert!(!running.catches_sigint(), "a SIGINT handler");
    let (run, took) = running.interrupt();
    assert_eq!(run.code, None, "not killed by SIGINT: {}", run.stderr);
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert_eq!(run.stderr, "");
    assert!(!run.stdout.contains("World"), "{}", run.stdout);
}

#[test]
fn timeline_has_one_row_that_waits_four_seconds() {
    let args = ["--virtual-time", "--timeline"];
    let run = run("hello-world", &args).success();
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("print_hello_world "))
        .collect();
    assert_eq!(rows.len(), 1, "{}", run.stdout);
    // It runs at the start (Hello) and at the end (World), and between
    // them it is pending, the thread free, right across the 4 s axis.
    let bar = rows[0]["print_hello_world ".len()..].trim_start();
    assert!(bar.starts_with("#-") && bar.ends_with("-#"), "{}", rows[0]);
    assert!(bar[1..bar.len() - 1].chars().all(|c| c == '-'), "{bar}");
    assert!(run.stdout.contains(" 4.0s\n"), "{}", run.stdout);
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("hello-world", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // Nothing is random.
    run("hello-world", &["--seed", "1"]).usage_error();
    let version = run("hello-world", &["--version"]).success();
    let out = &version.stdout;
    assert!(out.starts_with("hello-world "), "{out}");
}
