//! lazy: a future does nothing until it is polled; a spawned task starts
//! on its own. The first tests poll a future by hand with tokio-test, the
//! others run the example.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tests::{check_header_transcripts, run};
use tokio_test::{assert_pending, assert_ready, task};

/// The article's `main()`, with a flag in place of `print("Hello ...")`
/// so that the test can see whether its body has started.
async fn say_hello(started: Arc<AtomicBool>) -> &'static str {
    started.store(true, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(1)).await;
    "World!"
}

#[tokio::test(start_paused = true)]
async fn a_future_runs_only_when_polled() {
    let started = Arc::new(AtomicBool::new(false));
    // `routine = main()`: made, and wrapped for manual polling, but not
    // polled. Nothing of its body has run.
    let mut routine = task::spawn(say_hello(started.clone()));
    assert!(!started.load(Ordering::SeqCst));

    // The first poll runs it up to the sleep, and it is pending there.
    assert_pending!(routine.poll());
    assert!(started.load(Ordering::SeqCst));

    // A second later its timer has woken it, and the next poll ends it.
    tokio::time::advance(Duration::from_secs(1)).await;
    assert!(routine.is_woken());
    assert_eq!(assert_ready!(routine.poll()), "World!");
}

#[tokio::test(start_paused = true)]
async fn a_spawned_task_runs_without_being_awaited() {
    let started = Arc::new(AtomicBool::new(false));
    let task = tokio::spawn(say_hello(started.clone()));
    assert!(!started.load(Ordering::SeqCst));
    // Any await that gives the thread back lets the runtime start it;
    // its handle has not been awaited.
    tokio::task::yield_now().await;
    assert!(started.load(Ordering::SeqCst));
    assert_eq!(task.await.unwrap(), "World!");
}

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("lazy"), 1);
}

#[test]
fn the_future_waits_for_its_await_the_task_does_not() {
    let run = run("lazy", &["--virtual-time"]).success();
    let lines: Vec<&str> = run.stdout.lines().collect();
    // The future: its `Hello ...` only after main's second of work, so
    // 1 s + 1 s. The task: it runs during main's work, so 1 s in all.
    assert!(lines[0].contains("nothing has run yet"), "{}", run.stdout);
    assert!(lines[1].starts_with("main works"), "{}", run.stdout);
    assert_eq!(lines[2..4], ["Hello ...", "World!"]);
    assert!(lines[4].ends_with(" 2.00 seconds."), "{}", lines[4]);
    assert!(lines[5].contains("tokio::spawn"), "{}", run.stdout);
    assert_eq!(lines[7..9], ["Hello ...", "World!"]);
    assert!(lines[9].ends_with(" 1.00 seconds."), "{}", lines[9]);
    assert_eq!(lines.len(), 10);
}

#[test]
fn real_time_the_task_overlaps_main_and_the_future_does_not() {
    let run = run("lazy", &[]).success();
    let times: Vec<f64> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_suffix(" seconds."))
        .map(|l| {
            l.rsplit(' ')
                .next()
                .expect("a word")
                .parse()
                .expect("a number")
        })
        .collect();
    // The future takes 2 s (1 s if it had run eagerly); the task 1 s
    // (2 s if it had waited for its await). Bounds halfway between.
    assert_eq!(times.len(), 2, "{}", run.stdout);
    assert!((2.0..2.5).contains(&times[0]), "future: {}", times[0]);
    assert!((1.0..1.5).contains(&times[1]), "task: {}", times[1]);
}

#[test]
fn bad_input_is_a_usage_error() {
    let bogus = run("lazy", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
}
