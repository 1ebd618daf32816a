//! downloader: concurrent downloads streamed to disk, a file only under
//! its final name when complete, nothing left behind on failure, nothing
//! written outside the folder. Real sockets on 127.0.0.1, real time.

use std::path::Path;
use std::time::Duration;

use demo_server::{sites, DemoServer, Reply};
use tests::{header_transcripts, listing, reported_seconds, run, scratch};

#[test]
fn prints_what_its_header_shows_but_the_time() {
    // The total time is real time, so it is checked by its bounds below
    // (`real_time_demo_mode_downloads_concurrently`); every other line
    // exactly.
    let transcripts = header_transcripts("downloader");
    assert_eq!(transcripts.len(), 1);
    for t in transcripts {
        let args: Vec<&str> = t.args.iter().map(String::as_str).collect();
        let run = run("downloader", &args).success();
        let (got, want) = (run.stdout.lines(), t.expected.lines());
        let keep = |l: &str| l.split(" in ").next().unwrap_or(l).to_string();
        let got: Vec<String> = got.map(keep).collect();
        let want: Vec<String> = want.map(keep).collect();
        assert_eq!(got, want);
    }
}

#[test]
fn real_time_demo_mode_downloads_concurrently() {
    let dir = scratch("downloader", "demo");
    let run =
        run("downloader", &["--out-dir", dir.to_str().unwrap()]).success();
    assert!(run.stderr.contains("No URL given"), "{}", run.stderr);
    for (path, size) in sites::DOWNLOADS {
        let name = path.rsplit('/').next().unwrap();
        let saved = std::fs::read(dir.join(name)).unwrap();
        assert!(saved == sites::archive_bytes(size), "{name} differs");
        let line = format!("{name}: {size} bytes\n");
        assert!(run.stdout.contains(&line), "{}", run.stdout);
    }
    assert_eq!(listing(&dir).len(), 3, "{:?}", listing(&dir));
    // Each archive trickles in over 10 pauses of 100 ms: one second each,
    // three seconds one after another. The bounds sit halfway to that.
    let (chunks, pause) = sites::DOWNLOAD_CHUNKS;
    let one = pause * chunks as u32;
    let reported = reported_seconds(&run.stdout);
    assert!(reported >= one.as_secs_f64(), "{reported}");
    assert!(reported < 2.0 * one.as_secs_f64(), "{reported}");
    assert!(run.wall < one * 2, "{:?}", run.wall);
}

#[test]
fn real_time_failed_downloads_leave_nothing_behind() {
    let server = DemoServer::start_in_thread(|path: &str| match path {
        "/good.bin" => Reply::bytes(vec![7; 4000]),
        "/cut.bin" => Reply::Truncated {
            claimed: 100_000,
            body: vec![1; 30_000],
        },
        "/big.bin" => Reply::bytes(vec![2; 50_000]),
        "/hang.bin" => Reply::Hang,
        _ => Reply::Status(404),
    })
    .unwrap();
    let dir = scratch("downloader", "failures");
    let urls = [
        server.url("/good.bin"),
        server.url("/cut.bin"),
        server.url("/big.bin"),
        server.url("/hang.bin"),
        server.url("/missing.bin"),
    ];
    let mut args: Vec<&str> = urls.iter().map(String::as_str).collect();
    let out = dir.to_str().unwrap();
    args.extend(["--out-dir", out, "--timeout-ms", "500"]);
    args.extend(["--max-bytes", "10000"]);
    let run = run("downloader", &args);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "good.bin: 4000 bytes");
    assert!(lines[1].starts_with("cut.bin: failed"), "{}", lines[1]);
    assert!(lines[2].starts_with("big.bin: failed"), "{}", lines[2]);
    assert!(lines[2].contains("10000"), "{}", lines[2]);
    assert!(lines[3].starts_with("hang.bin: failed: timed out"));
    assert!(lines[4].starts_with("missing.bin: failed"), "{}", lines[4]);
    assert!(lines[4].contains("404"), "{}", lines[4]);
    assert!(lines[5].starts_with("Downloaded 1 files (4000 bytes)"));
    // Only the complete file, under its final name; no `.part` files.
    assert_eq!(listing(&dir), ["good.bin"]);
    assert!(run.wall < Duration::from_secs(5), "{:?}", run.wall);
}

#[test]
fn hostile_names_are_refused_before_anything_is_written() {
    let server =
        DemoServer::start_in_thread(|_: &str| Reply::bytes(b"x".to_vec()))
            .unwrap();
    let dir = scratch("downloader", "hostile");
    let inside = dir.join("inside");
    std::fs::create_dir(&inside).unwrap();
    let out = inside.to_str().unwrap();
    for path in [
        "/",                   // empty name
        "/files/",             // empty last segment
        "/a/..%2F..%2Fescape", // encoded slashes, leading dots
        "/a/%2e%2e",           // an encoded `..`
        "/a/%2e%2e/%2e%2e/",   // resolved to `/`
        "/.hidden",            // would look like a partial file
        "/C:%5Cescape",        // a drive and an encoded backslash
    ] {
        let url = server.url(path);
        let run = run("downloader", &[&url, "--out-dir", out]).usage_error();
        assert!(run.stderr.contains("cannot name"), "{path}: {}", run.stderr);
    }
    let twice = [server.url("/a/same.zip"), server.url("/b/same.zip")];
    let run = run("downloader", &[&twice[0], &twice[1], "--out-dir", out])
        .usage_error();
    assert!(run.stderr.contains("same.zip"), "{}", run.stderr);
    assert_eq!(server.requests(), 0);
    assert_eq!(listing(&dir), ["inside"]);
    assert!(listing(&inside).is_empty());
}

#[test]
fn bad_input_and_missing_folder() {
    run("downloader", &["ftp://example.com/a.zip"]).usage_error();
    run("downloader", &["--timeout-ms", "0"]).usage_error();
    run("downloader", &["--max-bytes", "x"]).usage_error();
    let dir = scratch("downloader", "missing").join("no-such-dir");
    let run = run(
        "downloader",
        &[
            "http://127.0.0.1:9/a.zip",
            "--out-dir",
            dir.to_str().unwrap(),
        ],
    )
    .usage_error();
    assert!(run.stderr.contains("not a folder"), "{}", run.stderr);
    assert!(!dir.exists());
    // In demo mode too, before the demo server says it started.
    let run = run_demo_into(&dir).usage_error();
    assert!(run.stderr.contains("not a folder"), "{}", run.stderr);
}

fn run_demo_into(dir: &Path) -> tests::Run {
    run(
        "downloader",
        &["--out-dir", dir.to_str().expect("a UTF-8 path")],
    )
}
