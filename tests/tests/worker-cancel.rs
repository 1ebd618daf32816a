//! worker-cancel: a worker ticking every second, cancelled after 3.5 s,
//! by abort (its Drop guard still cleans up) or by a token it obeys.

use tests::{check_header_transcripts, offsets, run};

#[test]
fn prints_what_its_header_shows() {
    // Abort, cooperative, and the abort run's `--timeline` picture.
    assert_eq!(check_header_transcripts("worker-cancel"), 3);
}

#[test]
fn abort_stops_the_worker_and_runs_its_cleanup() {
    let run = run("worker-cancel", &["--virtual-time"]).success();
    // One message per whole second before 3.5 s, then the cancellation at
    // 3.5 s: the cleanup (the worker's Drop guard) runs as the aborted
    // future is dropped, before the awaited handle reports it.
    let expected = [
        (0.0, "Starting worker..."),
        (1.0, "Message from worker"),
        (2.0, "Message from worker"),
        (3.0, "Message from worker"),
        (3.5, "Worker cleaning up"),
        (3.5, "The task has been canceled"),
    ];
    let got = offsets(&run.stdout);
    let got: Vec<(f64, &str)> =
        got.iter().map(|(t, s)| (*t, s.as_str())).collect();
    assert_eq!(got, expected, "{}", run.stdout);
}

#[test]
fn cooperative_worker_stops_itself_at_once() {
    let args = ["--virtual-time", "--cooperative"];
    let run = run("worker-cancel", &args).success();
    let got = offsets(&run.stdout);
    let messages: Vec<f64> = got
        .iter()
        .filter(|(_, text)| text == "Message from worker")
        .map(|(t, _)| *t)
        .collect();
    assert_eq!(messages, [1.0, 2.0, 3.0], "{}", run.stdout);
    // The token cuts the worker's fourth sleep short at 3.5 s (it does not
    // finish the sleep first), and the count it returns is the number of
    // messages that were printed.
    let tail: Vec<(f64, &str)> =
        got[4..].iter().map(|(t, s)| (*t, s.as_str())).collect();
    let count =
        format!("The task has stopped after {} messages", messages.len());
    assert_eq!(
        tail,
        [
            (3.5, "Worker asked to stop; cleaning up"),
            (3.5, count.as_str())
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn real_time_cancels_after_three_and_a_half_seconds() {
    for args in [&[][..], &["--cooperative"][..]] {
        let run = run("worker-cancel", args).success();
        let got = offsets(&run.stdout);
        let messages = got
            .iter()
            .filter(|(_, t)| t == "Message from worker")
            .count();
        assert_eq!(messages, 3, "{}", run.stdout);
        let (end, _) = got.last().expect("a last line");
        // A sleep never ends early: exactly 3.5 s at least. A cancellation
        // that waited for the worker's next tick would end at 4 s; the
        // upper bound sits halfway.
        assert!((3.5..3.75).contains(end), "{args:?}: {got:?}");
    }
}

#[test]
fn bad_input_is_a_usage_error() {
    let bogus = run("worker-cancel", &["--bogus"]).usage_error();
    assert!(bogus.stderr.contains("--bogus"), "{}", bogus.stderr);
    let value = run("worker-cancel", &["--cooperative=yes"]).usage_error();
    assert!(value.stderr.contains("--cooperative"), "{}", value.stderr);
}
