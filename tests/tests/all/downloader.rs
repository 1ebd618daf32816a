//! downloader: concurrent downloads streamed to disk, a file only under
//! its final name when complete, nothing left behind on failure or
//! Ctrl-C, nothing written outside the folder. Real sockets on 127.0.0.1,
//! real time; every file in a scratch folder.

use std::path::Path;
use std::time::Duration;

use demo_server::{sites, DemoServer, Reply};
use tests::twin::{assert_same, has_aiohttp, twin_real_time};
use tests::{
    header_transcripts, listing, normalize, reported_seconds, run, scratch,
    start,
};

/// The output with the total time masked: it is real time, checked by
/// its bounds in `real_time_demo_mode_downloads_concurrently`.
fn without_time(stdout: &str) -> String {
    let masked: Vec<String> = normalize(stdout)
        .lines()
        .map(|l| match l.rsplit_once(" in ") {
            Some((head, _)) if l.starts_with("Downloaded ") => {
                format!("{head} in S seconds.")
            }
            _ => l.to_string(),
        })
        .collect();
    masked.join("\n") + "\n"
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 scratch path")
}

/// Runs the Rust and its twin on `urls`, each into a folder of its own,
/// and checks that both end with `code`, print the same lines (the time
/// masked; the lines follow the order of the URLs, whatever order the
/// downloads finished in, so they are compared in order) and save the
/// same files, byte for byte, and nothing else. Skipped, with a note,
/// without aiohttp.
fn same_as_twin(test: &str, urls: &[String], extra: &[&str], code: i32) {
    if !has_aiohttp() {
        return;
    }
    let dir = scratch("downloader", test);
    let (rust_dir, py_dir) = (dir.join("rust"), dir.join("py"));
    let args = |out: &Path| -> Vec<String> {
        let mut args: Vec<String> = urls.to_vec();
        args.extend(["--out-dir".into(), path_arg(out).into()]);
        args.extend(extra.iter().map(|a| a.to_string()));
        args
    };
    std::fs::create_dir(&rust_dir).expect("test setup");
    std::fs::create_dir(&py_dir).expect("test setup");
    let (rust_args, py_args) = (args(&rust_dir), args(&py_dir));
    let rust_args: Vec<&str> = rust_args.iter().map(String::as_str).collect();
    let py_args: Vec<&str> = py_args.iter().map(String::as_str).collect();
    let rust = run("downloader", &rust_args);
    let py = twin_real_time("downloader", &py_args);
    assert_eq!(rust.code, Some(code), "{}", rust.stderr);
    assert_eq!(py.code, Some(code), "downloader.py:\n{}", py.stderr);
    assert_same("downloader", extra, &rust.stdout, &py.stdout, &without_time);
    assert_eq!(rust.stderr.lines().last(), py.stderr.lines().last());
    assert_eq!(listing(&rust_dir), listing(&py_dir));
    for name in listing(&rust_dir) {
        let (r, p) = (rust_dir.join(&name), py_dir.join(&name));
        let read = |f: &Path| std::fs::read(f).expect("a saved file");
        let same = read(&r) == read(&p);
        assert!(same, "{name} differs");
    }
}

#[test]
fn real_time_prints_what_its_header_shows_but_the_time() {
    // The header saves into `/tmp`; the test into its scratch folder.
    let transcripts = header_transcripts("downloader");
    assert_eq!(transcripts.len(), 1);
    let dir = scratch("downloader", "header");
    for t in transcripts {
        let mut args: Vec<&str> = t.args.iter().map(String::as_str).collect();
        let at = args.iter().position(|a| *a == "--out-dir").unwrap();
        args[at + 1] = path_arg(&dir);
        let run = run("downloader", &args).success();
        assert_eq!(without_time(&run.stdout), without_time(&t.expected));
    }
    assert_eq!(listing(&dir).len(), 3, "{:?}", listing(&dir));
}

#[test]
fn real_time_saves_what_its_python_twin_saves() {
    // The article's configuration: the three archives, served slowly.
    let server = DemoServer::start_in_thread(sites::downloader).unwrap();
    let urls = sites::DOWNLOADS.map(|(p, _)| server.url(p));
    same_as_twin("twin", &urls, &[], 0);
}

#[test]
fn real_time_fails_as_its_python_twin_fails() {
    let server = DemoServer::start_in_thread(|path: &str| match path {
        "/good.bin" => Reply::bytes(vec![7; 4000]),
        "/big.bin" => Reply::bytes(vec![2; 50_000]),
        _ => Reply::Status(404),
    })
    .unwrap();
    let urls = ["/good.bin", "/missing.bin", "/big.bin"].map(|p| server.url(p));
    same_as_twin("twin-fail", &urls, &["--max-bytes", "10000"], 1);
}

#[test]
fn real_time_demo_mode_downloads_concurrently() {
    let dir = scratch("downloader", "demo");
    let run = run("downloader", &["--out-dir", path_arg(&dir)]).success();
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
    args.extend(["--out-dir", path_arg(&dir), "--timeout-ms", "500"]);
    args.extend(["--max-bytes", "10000"]);
    let run = run("downloader", &args);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr.lines().last(),
        Some("downloader: 4 of 5 downloads failed")
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "good.bin: 4000 bytes");
    assert!(lines[1].starts_with("cut.bin: failed"), "{}", lines[1]);
    assert!(lines[2].starts_with("big.bin: failed"), "{}", lines[2]);
    assert!(lines[2].contains("10000"), "{}", lines[2]);
    assert!(lines[3].starts_with("hang.bin: failed: timed out"));
    assert!(lines[4].starts_with("missing.bin: failed"), "{}", lines[4]);
    assert!(lines[4].contains("404"), "{}", lines[4]);
    assert!(lines[5].starts_with("Downloaded 1 files (4000 bytes)"));
    // Only the complete file, under its final name; no temporary files.
    assert_eq!(listing(&dir), ["good.bin"]);
    assert!(run.wall < Duration::from_secs(5), "{:?}", run.wall);
}

/// How many temporary files `dir` holds (tempfile names them
/// `.tmpXXXXXX`): one per download under way.
fn temporaries(dir: &Path) -> usize {
    listing(dir)
        .iter()
        .filter(|n| n.starts_with(".tmp"))
        .count()
}

#[test]
fn real_time_ctrl_c_or_sigterm_removes_unfinished_downloads() {
    for (signal, said, code) in
        [("INT", "interrupted", 130), ("TERM", "terminated", 143)]
    {
        let dir = scratch("downloader", &format!("signal-{signal}"));
        // Ten pieces, a second apart: far from done when signalled.
        let server = DemoServer::start_in_thread(|_| Reply::Trickle {
            content_type: "application/zip",
            body: sites::archive_bytes(100_000),
            chunks: 10,
            pause: Duration::from_secs(1),
        })
        .unwrap();
        let (a, b) = (server.url("/a.zip"), server.url("/b.zip"));
        std::fs::write(dir.join("a.zip"), "an earlier a.zip\n").unwrap();
        let mut running =
            start("downloader", &["--out-dir", path_arg(&dir), &a, &b]);
        let ready = Duration::from_secs(30);
        running.wait_for(ready, |_, _| temporaries(&dir) == 2);
        let (run, took) = running.signal(signal);
        assert_eq!(run.code, Some(code), "{}", run.stderr);
        assert!(took < Duration::from_secs(1), "{took:?}");
        let last = run.stderr.lines().last();
        assert_eq!(last, Some(format!("downloader: {said}").as_str()));
        // The temporary files are gone, the earlier file as it was.
        assert_eq!(listing(&dir), ["a.zip"]);
        let kept = std::fs::read_to_string(dir.join("a.zip")).unwrap();
        assert_eq!(kept, "an earlier a.zip\n");
    }
}

#[test]
fn real_time_a_download_that_fails_midway_keeps_the_earlier_file() {
    // Half of each arrives; then the server goes away (`cut.zip`), or is
    // silent past the timeout (`stall.zip`: its second half would come
    // after a second in all, the timeout is 800 ms).
    let server = DemoServer::start_in_thread(|path: &str| match path {
        "/cut.zip" => Reply::Truncated {
            claimed: 100_000,
            body: vec![1; 50_000],
        },
        _ => Reply::Trickle {
            content_type: "application/zip",
            body: vec![2; 100_000],
            chunks: 2,
            pause: Duration::from_millis(500),
        },
    })
    .unwrap();
    let dir = scratch("downloader", "midway");
    let earlier = sites::archive_bytes(70_000);
    for name in ["cut.zip", "stall.zip"] {
        std::fs::write(dir.join(name), &earlier).unwrap();
    }
    let urls = [server.url("/cut.zip"), server.url("/stall.zip")];
    let out = path_arg(&dir);
    let args = [&urls[0], &urls[1], "--out-dir", out, "--timeout-ms", "800"];
    let run = run("downloader", &args).failure();
    assert!(run.stdout.contains("cut.zip: failed"), "{}", run.stdout);
    assert!(run.stdout.contains("stall.zip: failed"), "{}", run.stdout);
    assert_eq!(listing(&dir), ["cut.zip", "stall.zip"]);
    for name in ["cut.zip", "stall.zip"] {
        let kept = std::fs::read(dir.join(name)).unwrap();
        assert!(kept == earlier, "{name} changed");
    }
}

#[test]
fn hostile_names_are_refused_before_anything_is_written() {
    let server =
        DemoServer::start_in_thread(|_: &str| Reply::bytes(b"x".to_vec()))
            .unwrap();
    let dir = scratch("downloader", "hostile");
    let inside = dir.join("inside");
    std::fs::create_dir(&inside).unwrap();
    let out = path_arg(&inside);
    for path in [
        "/",                   // empty name
        "/files/",             // empty last segment
        "/a/..%2F..%2Fescape", // encoded slashes, leading dots
        "/a/%2e%2e",           // an encoded `..`
        "/a/%2e%2e/%2e%2e/",   // resolved to `/`
        "/.hidden",            // a hidden file
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
    run("downloader", &["example.com/a.zip"]).usage_error();
    run("downloader", &["--timeout-ms", "0"]).usage_error();
    run("downloader", &["--max-bytes", "x"]).usage_error();
    run("downloader", &["--max-bytes", "1099511627777"]).usage_error();
    run("downloader", &["--bogus"]).usage_error();
    let dir = scratch("downloader", "missing").join("no-such-dir");
    let url = "http://127.0.0.1:9/a.zip";
    let run1 =
        run("downloader", &[url, "--out-dir", path_arg(&dir)]).usage_error();
    assert!(run1.stderr.contains("not a folder"), "{}", run1.stderr);
    assert!(!dir.exists());
    // In demo mode too, before the demo server says it started.
    let run2 = run("downloader", &["--out-dir", path_arg(&dir)]).usage_error();
    assert!(run2.stderr.contains("not a folder"), "{}", run2.stderr);
    assert!(!run2.stderr.contains("No URL given"), "{}", run2.stderr);
    let version = run("downloader", &["--version"]).success();
    assert!(
        version.stdout.starts_with("downloader "),
        "{}",
        version.stdout
    );
}
