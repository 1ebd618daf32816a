//! gather: one task awaited, then two gathered: 10 s, results in order.

use std::time::Duration;
use tests::twin::compare;
use tests::{check_header_transcripts, normalize, run};

/// The first line names the type of the task's handle, and the two
/// languages have different things to name: Python's `type(t)` is the
/// class `_asyncio.Task`, Rust's `type_name_of_val(&t)` the handle type
/// `tokio::runtime::task::join::JoinHandle<..>` (a handle to the task, not
/// the task; the name's spelling is not promised stable either). So the
/// comparison masks what follows `t: type ` on both sides, the test
/// checks each side's own words, and every other line must match.
fn mask_task_type(text: &str) -> String {
    let masked: String = text
        .lines()
        .map(|line| match line.strip_prefix("t: type ") {
            Some(_) => "t: type <the task's type>\n".to_string(),
            None => format!("{line}\n"),
        })
        .collect();
    normalize(&masked)
}

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("gather"), 1);
}

#[test]
fn prints_what_its_python_twin_prints() {
    let pair = compare("gather", &[], &["--virtual-time"], mask_task_type);
    assert!(
        pair.python.starts_with("t: type <class '_asyncio.Task'>\n"),
        "{}",
        pair.python
    );
    assert!(
        pair.rust
            .starts_with("t: type tokio::runtime::task::join::JoinHandle<"),
        "{}",
        pair.rust
    );
    // `normalize` turns each timestamp into seconds after the first one
    // (`Start:`). The longer task sleeps max([10, 5, 0]) = 10 s and the
    // shorter one overlaps it; the results are `list(reversed(seq))` of
    // each, in argument order, not finish order.
    assert_eq!(
        mask_task_type(&pair.rust),
        "t: type <the task's type>\n\
         t done: True\n\
         Start: T+0\n\
         End: T+10\n\
         Both tasks done: True\n\
         [[1, 2, 3], [0, 5, 10]]\n"
    );
}

#[test]
fn real_time_the_gathered_tasks_overlap() {
    let run = run("gather", &[]).success();
    // 3 s for the first task, then 10 s for the two together; had the
    // two run one after the other, 3 + 3 + 10 = 16 s. Bound halfway.
    assert!(run.wall >= Duration::from_secs(13), "{:?}", run.wall);
    assert!(run.wall < Duration::from_millis(14_500), "{:?}", run.wall);
}

#[test]
fn timeline_gathered_tasks_start_together() {
    // The first run's task, then the gathered two, which start together.
    tests::check_t_and_t2_overlap("gather");
}

#[test]
fn offers_only_the_flags_it_honours() {
    let bogus = run("gather", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    // Nothing is random.
    run("gather", &["--seed", "1"]).usage_error();
    let version = run("gather", &["--version"]).success();
    assert!(version.stdout.starts_with("gather "), "{}", version.stdout);
}
