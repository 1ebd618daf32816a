//! say-hello: Hello..., a one-second sleep, ...World!

use std::time::Duration;
use tests::{check_header_transcripts, run};

#[test]
fn prints_what_its_header_shows() {
    // The plain run and the `--timeline` picture.
    assert_eq!(check_header_transcripts("say-hello"), 2);
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
fn bad_input_is_a_usage_error() {
    let bogus = run("say-hello", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
}
