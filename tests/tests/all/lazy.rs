//! lazy: a future does nothing until it is polled; a spawned task starts
//! on its own. The first tests poll a future by hand with tokio-test, the
//! others run the example.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tests::twin::same_output;
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
fn prints_what_its_python_twin_prints() {
    let pair = same_output("lazy", &[]);
    let lines: Vec<&str> = pair.rust.lines().collect();
    // The coroutine: its `Hello ...` only after the caller's second of
    // work, so 1 s + 1 s. The task: it runs during that work, so 1 s.
    assert!(lines[0].contains("nothing has run yet"), "{}", pair.rust);
    assert!(lines[1].starts_with("Working 1 s"), "{}", pair.rust);
    assert_eq!(lines[2..4], ["Hello ...", "World!"]);
    assert!(lines[4].ends_with(" 2.00 seconds."), "{}", lines[4]);
    assert!(lines[5].starts_with("task created"), "{}", pair.rust);
    assert_eq!(lines[7..9], ["Hello ...", "World!"]);
    assert!(lines[9].ends_with(" 1.00 seconds."), "{}", lines[9]);
    assert_eq!(lines.len(), 10);
}

#[test]
fn real_time_the_task_overlaps_the_caller_and_the_future_does_not() {
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
    assert!(run.wall >= Duration::from_secs(3), "{:?}", run.wall);
    assert!(run.wall < Duration::from_millis(3500), "{:?}", run.wall);
}

#[test]
fn timeline_the_routine_follows_the_work_and_the_task_overlaps_it() {
    let run = run("lazy", &["--virtual-time", "--timeline"]).success();
    let row = |label: &str, nth: usize| -> &str {
        run.stdout
            .lines()
            .filter(|l| l.split(' ').next() == Some(label))
            .filter(|l| l.contains('#'))
            .nth(nth)
            .unwrap_or_else(|| panic!("no row {label}: {}", run.stdout))
    };
    let (routine, work) = (row("routine", 0), row("work", 0));
    let (task, eager_work) = (row("task", 0), row("work", 1));
    let start = |row: &str| row.find('#').expect("a start on the row");
    let end = |row: &str| row.rfind('#').expect("an end on the row");
    // The routine starts only where the caller's second of work ends.
    // The second run follows the first: its task starts with its work
    // and ends with it.
    let near = |a: usize, b: usize| a.abs_diff(b) <= 1;
    assert!(near(end(work), start(routine)), "{}", run.stdout);
    assert!(start(routine) > start(work) + 10, "{}", run.stdout);
    assert!(near(end(routine), start(task)), "{}", run.stdout);
    assert!(near(start(task), start(eager_work)), "{}", run.stdout);
    assert!(near(end(task), end(eager_work)), "{}", run.stdout);
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("lazy", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // Nothing is random.
    run("lazy", &["--seed", "1"]).usage_error();
    let version = run("lazy", &["--version"]).success();
    assert!(version.stdout.starts_with("lazy "), "{}", version.stdout);
}
