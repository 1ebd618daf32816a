//! fetch-urls: concurrent fetches, results in the order given, and every
//! failure reported in its place. Real sockets on 127.0.0.1, so real time.

use std::time::Duration;

use demo_server::{sites, DemoServer, Reply};
use tests::twin::{assert_same, has_aiohttp, twin_real_time};
use tests::{check_header_transcripts, normalize, run, start};

fn body_len(reply: Reply) -> usize {
    match reply {
        Reply::Ok { body, .. } => body.len(),
        Reply::Delayed(_, inner) => body_len(*inner),
        other => panic!("not a page: {other:?}"),
    }
}

/// Runs the Rust and its twin with `args` against a server the test
/// started, and checks that both end with `code` and print the same
/// lines, the port masked. The lines come in the order the URLs were
/// given, whatever order the answers came in, so they are compared in
/// order. Skipped, with a note, where the Python has no aiohttp.
fn same_as_twin(args: &[&str], code: i32) {
    if !has_aiohttp() {
        return;
    }
    let rust = run("fetch-urls", args);
    let py = twin_real_time("fetch-urls", args);
    assert_eq!(rust.code, Some(code), "{}", rust.stderr);
    assert_eq!(py.code, Some(code), "fetch-urls.py:\n{}", py.stderr);
    assert_same("fetch-urls", args, &rust.stdout, &py.stdout, &normalize);
    assert_eq!(rust.stderr.lines().last(), py.stderr.lines().last());
}

#[test]
fn real_time_prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("fetch-urls"), 1);
}

#[test]
fn real_time_prints_what_its_python_twin_prints() {
    // The article's configuration: three pages, each a second late.
    let server = DemoServer::start_in_thread(sites::fetch_urls).unwrap();
    let urls = sites::FETCH_URLS_PATHS.map(|p| server.url(p));
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    same_as_twin(&args, 0);
}

#[test]
fn real_time_failures_read_as_in_the_twin() {
    let server = DemoServer::start_in_thread(|path: &str| match path {
        "/ok" => Reply::html("fine"),
        "/big" => Reply::bytes(vec![b'x'; 5000]),
        "/a/rather/long/path/to/a/page.html" => Reply::html("long"),
        _ => Reply::Status(404),
    })
    .unwrap();
    let urls = [
        server.url("/missing"),
        server.url("/ok"),
        server.url("/big"),
        server.url("/a/rather/long/path/to/a/page.html"),
    ];
    let mut args: Vec<&str> = urls.iter().map(String::as_str).collect();
    args.extend(["--max-bytes", "1000", "--timeout-ms", "5000"]);
    same_as_twin(&args, 1);
}

#[test]
fn real_time_demo_mode_fetches_the_three_pages_concurrently() {
    let run = run("fetch-urls", &[]).success();
    assert!(run.stderr.contains("No URL given"), "{}", run.stderr);
    // The byte counts are the sizes of the pages the demo site serves.
    let sizes: Vec<String> = sites::FETCH_URLS_PATHS
        .iter()
        .map(|p| format!(" {} bytes", body_len(sites::fetch_urls(p))))
        .collect();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    for (line, size) in lines.iter().zip(&sizes) {
        assert!(line.ends_with(size.as_str()), "{line} vs {size}");
    }
    // Each page answers after one second: together 1 s, one after the
    // other 3 s. The bound sits halfway to 3 s.
    let one = sites::FETCH_URLS_DELAY;
    assert!(run.wall >= one, "{:?}", run.wall);
    assert!(run.wall < one * 2, "{:?}", run.wall);
}

#[test]
fn exact_sizes_in_the_order_given() {
    let server = DemoServer::start_in_thread(|path: &str| match path {
        // The first URL answers last, so completion order differs from
        // the order given.
        "/slow" => {
            Reply::bytes(vec![b'x'; 3000]).after(Duration::from_millis(300))
        }
        "/fast" => Reply::bytes(b"seventeen bytes!!".to_vec()),
        "/empty" => Reply::bytes(Vec::new()),
        _ => Reply::Status(404),
    })
    .unwrap();
    let urls = [
        server.url("/slow"),
        server.url("/fast"),
        server.url("/empty"),
    ];
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    let run = run("fetch-urls", &args).success();
    let port = server.addr().port();
    let expected = format!(
        "Fetched http://127.0.0.1:{port}/slow... 3000 bytes\n\
         Fetched http://127.0.0.1:{port}/fast... 17 bytes\n\
         Fetched http://127.0.0.1:{port}/empty... 0 bytes\n"
    );
    assert_eq!(run.stdout, expected);
    assert_eq!(server.requests(), 3);
    same_as_twin(&args, 0);
}

#[test]
fn long_urls_are_cut_at_30_characters() {
    let server =
        DemoServer::start_in_thread(|_: &str| Reply::html("hi")).unwrap();
    let url = server.url("/a/rather/long/path/to/a/page.html");
    let run = run("fetch-urls", &[&url]).success();
    let short: String = url.chars().take(30).collect();
    assert_eq!(run.stdout, format!("Fetched {short}... 2 bytes\n"));
}

#[test]
fn real_time_each_failure_is_reported_and_the_others_go_on() {
    let server = DemoServer::start_in_thread(|path: &str| match path {
        "/ok" => Reply::html("fine"),
        "/hang" => Reply::Hang,
        "/big" => Reply::bytes(vec![0; 5000]),
        _ => Reply::Status(404),
    })
    .unwrap();
    let refusing = tests::RefusedPort::new();
    let refused = refusing.url("");
    let urls = [
        server.url("/missing"),
        refused,
        server.url("/hang"),
        server.url("/big"),
        server.url("/ok"),
    ];
    let mut args: Vec<&str> = urls.iter().map(String::as_str).collect();
    args.extend(["--timeout-ms", "500", "--max-bytes", "1000"]);
    let run = run("fetch-urls", &args);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().last(),
        Some("fetch-urls: 4 of 5 URLs failed")
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", run.stdout);
    assert!(lines[0].starts_with("Failed") && lines[0].contains("404"));
    assert!(lines[1].starts_with("Failed") && lines[1].contains("refused"));
    assert!(lines[2].starts_with("Failed") && lines[2].contains("timed out"));
    assert!(lines[3].starts_with("Failed") && lines[3].contains("1000"));
    assert!(lines[4].starts_with("Fetched") && lines[4].ends_with(" 4 bytes"));
    // The hanging server was given up on after the timeout, not waited
    // for: well under the 10 s default.
    assert!(run.wall >= Duration::from_millis(500), "{:?}", run.wall);
    assert!(run.wall < Duration::from_secs(5), "{:?}", run.wall);
}

#[test]
fn real_time_ctrl_c_ends_a_fetch_that_hangs_as_it_ends_any_program() {
    let server = DemoServer::start_in_thread(|_| Reply::Hang).unwrap();
    let url = server.url("/forever");
    let mut running = start("fetch-urls", &[url.as_str()]);
    running.wait_for(Duration::from_secs(30), |_, _| server.requests() >= 1);
    // Nothing to clean up, so no handler: SIGINT keeps its default
    // action and ends the program at once, without a word.
    assert!(!running.catches_sigint());
    let (run, took) = running.interrupt();
    assert_eq!(run.signal, Some(2), "{run:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn bad_input_is_a_usage_error() {
    let ftp = run("fetch-urls", &["ftp://example.com/"]).usage_error();
    assert!(ftp.stderr.contains("ftp"), "{}", ftp.stderr);
    run("fetch-urls", &["example.com"]).usage_error();
    run("fetch-urls", &["--timeout-ms", "0"]).usage_error();
    run("fetch-urls", &["--max-bytes", "lots"]).usage_error();
    run("fetch-urls", &["--max-bytes", "-5"]).usage_error();
    // Every body is held until all are in: 5 URLs of up to 1 GiB is more
    // than the 4 GiB allowed.
    let urls = [
        "http://a/",
        "http://b/",
        "http://c/",
        "http://d/",
        "http://e/",
    ];
    let mut args = vec!["--max-bytes", "1073741824"];
    args.extend(urls);
    let held = run("fetch-urls", &args).usage_error();
    assert!(held.stderr.contains("at most 4 GiB"), "{}", held.stderr);
    run("fetch-urls", &["--bogus"]).usage_error();
    run("fetch-urls", &["--virtual-time"]).usage_error();
    let version = run("fetch-urls", &["--version"]).success();
    assert!(
        version.stdout.starts_with("fetch-urls "),
        "{}",
        version.stdout
    );
}
