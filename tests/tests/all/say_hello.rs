//! say-hello: Hello..., a one-second sleep, ...World!

use std::time::Duration;
use tests::twin::same_output;
use tests::{check_header_transcripts, run};

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("say-hello"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = same_output("say-hello", &[]);
    assert_eq!(pair.rust, "Hello...\n...World!\n");
}

#[test]
fn real_time_sleeps_one_second() {
    let run = run("say-hello", &[]).success();
    assert_eq!(run.stdout, "Hello...\n...World!\n");
    // The sleep never ends early. One sleep more would make it 2 s; the
    // upper bound sits halfway.
    assert!(run.wall >= Duration::from_secs(1), "{:?}", run.wall);
    assert!(run.wall < Duration::from_millis(1500), "{:?}", run.wall);
}

#[test]
fn virtual_time_skips_the_real_time_sleep() {
    let run = run("say-hello", &["--virtual-time"]).success();
    assert_eq!(run.stdout, "Hello...\n...World!\n");
    // The paused clock skips the sleep: far below the real second.
    assert!(run.wall < Duration::from_millis(500), "{:?}", run.wall);
}

#[test]
fn timeline_has_one_row_that_waits_one_second() {
    let run = run("say-hello", &["--virtual-time", "--timeline"]).success();
    let rows: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("say_hello "))
        .collect();
    assert_eq!(rows.len(), 1, "{}", run.stdout);
    // It runs at the start and at the end, and between them it is
    // pending, the thread free, right across the 1 s axis.
    let bar = rows[0]["say_hello ".len()..].trim_start();
    assert!(bar.starts_with("#-") && bar.ends_with("-#"), "{}", rows[0]);
    assert!(bar[1..bar.len() - 1].chars().all(|c| c == '-'), "{bar}");
    assert!(run.stdout.contains(" 1.0s\n"), "{}", run.stdout);
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("say-hello", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // It draws no random numbers, so it takes no seed.
    run("say-hello", &["--seed", "1"]).usage_error();
    let version = run("say-hello", &["--version"]).success();
    assert!(
        version.stdout.starts_with("say-hello "),
        "{}",
        version.stdout
    );
}
