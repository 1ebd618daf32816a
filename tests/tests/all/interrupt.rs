//! Ctrl-C: a program interrupted while it works stops within a second and
//! leaves no partial file and its output files as they were. A program
//! with nothing to clean up ends by the signal's default action; one that
//! writes files catches it in its own code. The signal is sent to the
//! real binaries, as a terminal sends it, in real time.

use std::path::Path;
use std::time::Duration;

use demo_server::{sites, DemoServer, Reply};
use tests::{listing, scratch, start, Run, Running};

/// How long an interrupted program may take to stop.
const STOP_WITHIN: Duration = Duration::from_secs(1);

/// How long a program may take to reach the point where it is signalled,
/// on a busy machine.
const READY_WITHIN: Duration = Duration::from_secs(30);

/// Sends Ctrl-C and checks the common part: status 130, stopped in time,
/// `NAME: interrupted` as the last line on stderr, no panic, and stdout
/// ending in a whole line.
fn interrupt(running: Running, name: &str) -> Run {
    let (run, took) = running.interrupt();
    assert_eq!(run.code, Some(130), "stderr:\n{}", run.stderr);
    assert!(took < STOP_WITHIN, "{name} took {took:?} to stop");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().last(),
        Some(format!("{name}: interrupted").as_str()),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty() || run.stdout.ends_with('\n'),
        "a line cut short: {:?}",
        run.stdout
    );
    run
}

/// SIGINT's number.
const SIGINT: i32 = 2;

/// Sends Ctrl-C to a program with nothing to clean up, which Ctrl-C ends
/// by the signal's default action, at once and without a word.
fn interrupt_by_default(running: Running, name: &str) -> Run {
    let (run, took) = running.interrupt();
    assert_eq!(run.signal, Some(SIGINT), "{name}: {run:?}");
    assert!(took < STOP_WITHIN, "{name} took {took:?} to stop");
    assert!(run.stderr.is_empty(), "{name}: {}", run.stderr);
    run
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

#[test]
fn real_time_ctrl_c_stops_asyncq_between_items() {
    // With the default random sleeps of 1 to 5 s, the queue runs for many
    // seconds; it is interrupted once the first item has gone in.
    let mut running = start("asyncq", &["-p", "3", "-c", "3"]);
    running.wait_for(READY_WITHIN, |out, _| out.contains("added <"));
    let run = interrupt_by_default(running, "asyncq");
    assert!(!run.stdout.contains("Program completed"), "{}", run.stdout);
}

#[test]
fn real_time_ctrl_c_stops_the_chess_exhibition() {
    // A simulated second lasts 10 ms: the synchronous exhibition alone
    // takes seven minutes, and nothing is printed until it is over. The
    // signal's default action ends it wherever it is, so it goes at once.
    let running = start("chess", &["--real-time", "--scale", "0.01"]);
    let run = interrupt_by_default(running, "chess");
    assert_eq!(run.stdout, "");
}

#[test]
fn real_time_ctrl_c_stops_a_fetch_that_hangs() {
    let server = DemoServer::start_in_thread(|_| Reply::Hang)
        .expect("test server starts");
    let url = server.url("/forever");
    let mut running = start("fetch-urls", &[url.as_str()]);
    // Once the server has the request, the fetch is under way; with
    // nothing to clean up, the program leaves Ctrl-C its default action.
    running.wait_for(READY_WITHIN, |_, _| server.requests() >= 1);
    interrupt_by_default(running, "fetch-urls");
}

#[test]
fn real_time_ctrl_c_leaves_areqs_earlier_output_as_it_was() {
    let dir = scratch("interrupt", "areq");
    let out = dir.join("found.txt");
    std::fs::write(&out, "an earlier crawl\n").expect("test setup");
    // One page answers at once, one never does: the crawl is interrupted
    // after the first page's lines went into the part file.
    let server = DemoServer::start_in_thread(|path| match path {
        "/hang" => Reply::Hang,
        _ => sites::areq("/"),
    })
    .expect("test server starts");
    let urls = dir.join("urls.txt");
    let list = format!("{}\n{}\n", server.url("/"), server.url("/hang"));
    std::fs::write(&urls, list).expect("test setup");

    let mut running = start(
        "areq",
        &["--urls", path_arg(&urls), "--out", path_arg(&out)],
    );
    running.wait_for(READY_WITHIN, |_, err| err.contains("Wrote results"));
    interrupt(running, "areq");
    let kept = std::fs::read_to_string(&out).expect("the earlier file");
    assert_eq!(kept, "an earlier crawl\n");
    assert_eq!(listing(&dir), ["found.txt", "urls.txt"]);
}

#[test]
fn real_time_ctrl_c_removes_unfinished_downloads() {
    let dir = scratch("interrupt", "downloader");
    // Ten pieces, a second apart: far from done when interrupted.
    let server = DemoServer::start_in_thread(|_| Reply::Trickle {
        content_type: "application/zip",
        body: sites::archive_bytes(100_000),
        chunks: 10,
        pause: Duration::from_secs(1),
    })
    .expect("test server starts");
    let a = server.url("/a.zip");
    let b = server.url("/b.zip");
    let mut running =
        start("downloader", &["--out-dir", path_arg(&dir), &a, &b]);
    // Both under way: two temporary files (tempfile's `.tmpXXXXXX`).
    let temporary = |dir: &Path| {
        let names = listing(dir);
        names.len() == 2 && names.iter().all(|n| n.starts_with(".tmp"))
    };
    running.wait_for(READY_WITHIN, |_, _| temporary(&dir));
    interrupt(running, "downloader");
    assert!(listing(&dir).is_empty(), "left behind: {:?}", listing(&dir));
}

#[test]
fn real_time_ctrl_c_stops_threads_vs_tasks_among_its_threads() {
    // The tasks' runtime takes over Ctrl-C; the threads that follow must
    // still heed it. Each side sleeps a second: the signal goes as soon as
    // the tasks' row is out, while the threads sleep.
    let mut running = start("threads-vs-tasks", &["-n", "100"]);
    running.wait_for(READY_WITHIN, |out, _| out.contains("\ntasks "));
    let run = interrupt_by_default(running, "threads-vs-tasks");
    assert!(!run.stdout.contains("\nthreads "), "{}", run.stdout);
}
