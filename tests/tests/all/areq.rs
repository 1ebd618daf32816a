//! areq: crawl pages concurrently under a semaphore, write the resolved
//! links to one file whole or not at all, log failures and go on. Real
//! sockets on 127.0.0.1, real time; every file in a scratch folder.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use demo_server::{sites, DemoServer, Reply};
use tests::twin::{has_aiohttp, twin_real_time};
use tests::{header_transcripts, listing, normalize, run, scratch, start};

fn write_urls(dir: &Path, urls: &[String]) -> String {
    let file = dir.join("urls.txt");
    std::fs::write(&file, urls.join("\n") + "\n").expect("test setup");
    file.to_str().expect("test setup").to_string()
}

fn lines(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("test setup");
    assert!(text.ends_with('\n'), "{text:?}");
    text.lines().map(String::from).collect()
}

fn page(links: &[&str]) -> Reply {
    let mut html = String::from("<html><body>\n");
    for link in links {
        html.push_str(&format!("<a href=\"{link}\">x</a>\n"));
    }
    Reply::html(html + "</body></html>\n")
}

/// The log lines on stderr without their time of day, port masked.
fn log_lines(stderr: &str) -> Vec<String> {
    normalize(stderr)
        .lines()
        .map(|l| l.split_once(' ').map_or(l, |(_, rest)| rest).to_string())
        .collect()
}

fn sorted(lines: Vec<String>) -> BTreeSet<String> {
    lines.into_iter().collect()
}

/// Runs the Rust and its twin on the same URL list, each writing its own
/// file, and compares. The summary on stdout must be equal. The pages
/// finish in an order the network decides, so the file's lines after
/// the header, and the log lines (without their times), are compared
/// as sorted sets, and each side must hold no line twice. With
/// `--limit 1` the semaphore admits the pages one by one in list order
/// (both semaphores are first come, first served), so the file must be
/// equal line for line. Skipped, with a note, without aiohttp.
fn same_as_twin(test: &str, urls: &[String], extra: &[&str]) {
    if !has_aiohttp() {
        return;
    }
    let dir = scratch("areq", test);
    let list = write_urls(&dir, urls);
    let (rust_out, py_out) = (dir.join("rust.txt"), dir.join("py.txt"));
    let args = |out: &Path| -> Vec<String> {
        let mut args = vec!["--urls".into(), list.clone(), "--out".into()];
        args.push(out.to_str().expect("a UTF-8 path").into());
        args.extend(extra.iter().map(|a| a.to_string()));
        args
    };
    let (rust_args, py_args) = (args(&rust_out), args(&py_out));
    let rust_args: Vec<&str> = rust_args.iter().map(String::as_str).collect();
    let py_args: Vec<&str> = py_args.iter().map(String::as_str).collect();
    let rust = run("areq", &rust_args).success();
    let py = twin_real_time("areq", &py_args);
    assert_eq!(py.code, Some(0), "areq.py:\n{}", py.stderr);
    assert_eq!(rust.stdout, py.stdout);
    let (r, p) = (lines(&rust_out), lines(&py_out));
    let (r, p): (Vec<String>, Vec<String>) = (
        r.iter().map(|l| normalize(l)).collect(),
        p.iter().map(|l| normalize(l)).collect(),
    );
    assert_eq!(r[0], p[0]);
    if extra.windows(2).any(|w| w == ["--limit", "1"]) {
        assert_eq!(r, p);
    }
    assert_eq!(sorted(r.clone()), sorted(p.clone()));
    assert_eq!(sorted(r.clone()).len(), r.len(), "a line twice: {r:#?}");
    let (rl, pl) = (log_lines(&rust.stderr), log_lines(&py.stderr));
    assert_eq!(sorted(rl.clone()), sorted(pl.clone()));
    assert_eq!(rl.len(), pl.len(), "{rl:#?}\n{pl:#?}");
}

#[test]
fn real_time_no_page_at_all_fails_as_its_twin_does() {
    if !has_aiohttp() {
        return;
    }
    let refusing = tests::RefusedPort::new();
    let refused = refusing.url("");
    let dir = scratch("areq", "twin-no-page");
    let list = write_urls(&dir, &[refused]);
    let out = dir.join("found.txt");
    let args = ["--urls", &list, "--out", out.to_str().expect("UTF-8")];
    let rust = run("areq", &args).failure();
    let py = twin_real_time("areq", &args);
    assert_eq!((rust.code, py.code), (Some(1), Some(1)), "{}", py.stderr);
    assert_eq!(rust.stdout, py.stdout);
    let last = |s: &str| s.lines().last().unwrap_or_default().to_string();
    assert_eq!(last(&rust.stderr), last(&py.stderr));
    assert_eq!(last(&py.stderr), "areq: no page could be fetched");
}

#[test]
fn real_time_prints_what_its_header_shows() {
    // The header writes to `/tmp/foundurls.txt`; the test writes the same
    // crawl into its own scratch folder instead.
    let transcripts = header_transcripts("areq");
    assert_eq!(transcripts.len(), 1);
    let dir = scratch("areq", "header");
    let out = dir.join("foundurls.txt");
    for t in transcripts {
        let mut args: Vec<&str> = t.args.iter().map(String::as_str).collect();
        let at = args.iter().position(|a| *a == "--out").unwrap();
        args[at + 1] = out.to_str().unwrap();
        assert_eq!(run("areq", &args).success().stdout, t.expected);
    }
    assert_eq!(listing(&dir), ["foundurls.txt"]);
}

#[test]
fn real_time_writes_what_its_python_twin_writes() {
    // The demo site, as the article's configuration: four pages, one
    // missing, links relative, absolute and repeated.
    let server = DemoServer::start_in_thread(sites::areq).unwrap();
    let urls = sites::AREQ_PATHS.map(|p| server.url(p));
    same_as_twin("twin", &urls, &[]);
    same_as_twin("twin-limit-1", &urls, &["--limit", "1"]);
    same_as_twin("twin-limit-2", &urls, &["--limit", "2"]);
}

#[test]
fn real_time_resolves_links_as_its_python_twin_does() {
    let server = DemoServer::start_in_thread(resolving_site).unwrap();
    let urls = [
        server.url("/dir/page.html"),
        server.url("/other/"),
        server.url("/nolinks.html"),
    ];
    same_as_twin("resolve-twin", &urls, &["--limit", "1"]);
}

fn resolving_site(path: &str) -> Reply {
    match path {
        "/dir/page.html" => page(&[
            "sub/a.html",
            "../top.html",
            "/root.html",
            "https://example.org/x",
            "sub/a.html",
            "?q=1",
            "#frag",
        ]),
        "/other/" => page(&["b.html", "/root.html"]),
        "/nolinks.html" => page(&[]),
        _ => Reply::Status(404),
    }
}

#[test]
fn writes_each_pages_resolved_links_once() {
    let server = DemoServer::start_in_thread(resolving_site).unwrap();
    let dir = scratch("areq", "resolve");
    let urls = [
        server.url("/dir/page.html"),
        server.url("/other/"),
        server.url("/nolinks.html"),
    ];
    let list = write_urls(&dir, &urls);
    let out = dir.join("found.txt");
    let run = run("areq", &["--urls", &list, "--out", out.to_str().unwrap()])
        .success();
    let got = lines(&out);
    assert_eq!(got[0], "source_url\tparsed_url");
    let base = server.url("");
    let (page, other) = (&urls[0], &urls[1]);
    // What `urljoin` gives for each kind of link (RFC 3986 resolution).
    let expected: BTreeSet<String> = [
        (page, format!("{base}/dir/sub/a.html")),
        (page, format!("{base}/top.html")),
        (page, format!("{base}/root.html")),
        (page, "https://example.org/x".to_string()),
        (page, format!("{base}/dir/page.html?q=1")),
        (page, format!("{base}/dir/page.html#frag")),
        (other, format!("{base}/other/b.html")),
        (other, format!("{base}/root.html")),
    ]
    .into_iter()
    .map(|(src, link)| format!("{src}\t{link}"))
    .collect();
    let written: BTreeSet<String> = got[1..].iter().cloned().collect();
    assert_eq!(got.len() - 1, written.len(), "duplicates in {got:#?}");
    assert_eq!(written, expected);
    assert_eq!(run.stdout, "Crawled 3 URLs; wrote 8 links.\n");
    for url in &urls {
        let said = format!("Got response [200] for URL: {url}\n");
        assert!(run.stderr.contains(&said), "{}", run.stderr);
    }
    let found = format!("Found 6 links for {page}\n");
    assert!(run.stderr.contains(&found), "{}", run.stderr);
    assert_eq!(listing(&dir), ["found.txt", "urls.txt"]);
}

#[test]
fn real_time_failures_are_logged_and_the_others_go_on() {
    let server = DemoServer::start_in_thread(|path: &str| match path {
        "/ok.html" => page(&["next.html"]),
        "/hang.html" => Reply::Hang,
        "/huge.html" => Reply::bytes(vec![b' '; 50_000]),
        _ => Reply::Status(404),
    })
    .unwrap();
    let refusing = tests::RefusedPort::new();
    let refused = refusing.url("");
    let urls = [
        server.url("/missing.html"),
        refused.clone(),
        server.url("/hang.html"),
        server.url("/huge.html"),
        server.url("/ok.html"),
    ];
    let dir = scratch("areq", "failures");
    let list = write_urls(&dir, &urls);
    let out = dir.join("found.txt");
    let out_arg = out.to_str().unwrap();
    let args = ["--urls", &list, "--out", out_arg, "--timeout-ms", "500"];
    let mut args = args.to_vec();
    args.extend(["--max-bytes", "10000"]);
    // A dead link is logged, not fatal: status 0, as in the original.
    let run = run("areq", &args).success();
    let err = &run.stderr;
    let logged = |what: &str, url: &str| {
        err.lines().any(|l| {
            l.contains("ERROR:areq: Failed [")
                && l.contains(what)
                && l.ends_with(&format!("] for {url}"))
        })
    };
    assert!(logged("HTTP status 404 Not Found", &urls[0]), "{err}");
    assert!(logged("refused", &refused), "{err}");
    assert!(logged("timed out", &urls[2]), "{err}");
    assert!(logged("10000", &urls[3]), "{err}");
    assert_eq!(
        lines(&out)[1..],
        [format!("{}\t{}", urls[4], server.url("/next.html"))]
    );
    assert_eq!(run.stdout, "Crawled 5 URLs; wrote 1 links.\n");
    assert!(run.wall >= Duration::from_millis(500), "{:?}", run.wall);
    assert!(run.wall < Duration::from_secs(5), "{:?}", run.wall);
}

#[test]
fn real_time_never_more_than_limit_requests_at_once() {
    const DELAY: Duration = Duration::from_millis(200);
    let server =
        DemoServer::start_in_thread(|_: &str| page(&[]).after(DELAY)).unwrap();
    let urls: Vec<String> = (0..12)
        .map(|i| server.url(&format!("/p{i}.html")))
        .collect();
    let dir = scratch("areq", "limit");
    let list = write_urls(&dir, &urls);
    let out = dir.join("found.txt");
    let out = out.to_str().unwrap();
    let run =
        run("areq", &["--urls", &list, "--out", out, "--limit", "3"]).success();
    assert_eq!(server.requests(), 12);
    // Counted at the server: the semaphore held it to 3, and 3 did run
    // together (12 slow pages give them every chance to).
    assert_eq!(server.max_in_flight(), 3);
    // 12 pages, 3 at a time, 200 ms each: at least 4 rounds; all at once
    // would be one round, one at a time twelve.
    assert!(run.wall >= DELAY * 4, "{:?}", run.wall);
    assert!(run.wall < DELAY * 8, "{:?}", run.wall);
}

#[test]
fn demo_mode_crawls_its_own_site() {
    let dir = scratch("areq", "demo");
    let out = dir.join("found.txt");
    let run = run("areq", &["--out", out.to_str().unwrap()]).success();
    assert!(
        run.stderr.contains("No --urls file given"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("404"), "{}", run.stderr);
    let got = lines(&out);
    // The index page links `about.html` twice: it is written once.
    let index = got
        .iter()
        .find_map(|l| l.strip_suffix("\thttps://www.python.org/"))
        .expect("the index page's absolute link");
    let from_index = format!("{index}\t{index}about.html");
    assert_eq!(got.iter().filter(|l| **l == from_index).count(), 1);
    // A header and 3 + 3 + 3 distinct links; the missing page adds none.
    assert_eq!(got.len(), 10, "{got:#?}");
    assert_eq!(listing(&dir), ["found.txt"]);
}

#[test]
fn real_time_ctrl_c_or_sigterm_leaves_the_earlier_output_as_it_was() {
    for (signal, said, code) in
        [("INT", "interrupted", 130), ("TERM", "terminated", 143)]
    {
        let dir = scratch("areq", &format!("signal-{signal}"));
        let out = dir.join("found.txt");
        std::fs::write(&out, "an earlier crawl\n").expect("test setup");
        // One page answers at once, one never does: the crawl is stopped
        // after the first page's lines went into the temporary file.
        let server = DemoServer::start_in_thread(|path| match path {
            "/hang" => Reply::Hang,
            _ => sites::areq("/"),
        })
        .unwrap();
        let list = write_urls(&dir, &[server.url("/"), server.url("/hang")]);
        let out_arg = out.to_str().unwrap();
        let mut running = start("areq", &["--urls", &list, "--out", out_arg]);
        let ready = Duration::from_secs(30);
        running.wait_for(ready, |_, err| err.contains("Wrote results"));
        // tempfile names it `.tmpXXXXXX`, beside the output.
        let names = listing(&dir);
        assert!(names.iter().any(|n| n.starts_with(".tmp")), "{names:?}");
        let (run, took) = running.signal(signal);
        assert_eq!(run.code, Some(code), "{}", run.stderr);
        assert!(took < Duration::from_secs(1), "{took:?}");
        let last = run.stderr.lines().last();
        assert_eq!(last, Some(format!("areq: {said}").as_str()));
        let kept = std::fs::read_to_string(&out).expect("the earlier file");
        assert_eq!(kept, "an earlier crawl\n");
        assert_eq!(listing(&dir), ["found.txt", "urls.txt"]);
    }
}

#[test]
fn a_long_list_of_duplicates_is_read_in_linear_time() {
    // 200,000 lines of one URL: a set finds the duplicates at once, where
    // comparing each line with those before it would take minutes.
    let server = DemoServer::start_in_thread(|_: &str| page(&[])).unwrap();
    let dir = scratch("areq", "duplicates");
    let line = server.url("/a.html") + "\n";
    let list = dir.join("urls.txt");
    std::fs::write(&list, line.repeat(200_000)).expect("test setup");
    let out = dir.join("found.txt");
    let args = [
        "--urls",
        list.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let run = run("areq", &args).success();
    assert_eq!(run.stdout, "Crawled 1 URLs; wrote 0 links.\n");
    assert_eq!(server.requests(), 1);
    assert!(run.wall < Duration::from_secs(10), "{:?}", run.wall);
}

#[test]
fn bad_input_and_unwritable_output() {
    let dir = scratch("areq", "bad");
    let out = dir.join("out.txt");
    let out = out.to_str().unwrap();
    let missing = dir.join("no-such-file.txt");
    let missing = missing.to_str().unwrap();
    let run1 = run("areq", &["--urls", missing, "--out", out]).usage_error();
    assert!(run1.stderr.contains("cannot read"), "{}", run1.stderr);

    let list = dir.join("urls.txt");
    std::fs::write(&list, "# a comment\n\nftp://example.com/\n").unwrap();
    let list = list.to_str().unwrap();
    let bad = run("areq", &["--urls", list, "--out", out]).usage_error();
    assert!(bad.stderr.contains("urls.txt:3"), "{}", bad.stderr);

    let nowhere = dir.join("no-such-dir").join("found.txt");
    let nowhere = nowhere.to_str().unwrap();
    let run2 = run("areq", &["--out", nowhere]).usage_error();
    assert!(run2.stderr.contains("cannot write"), "{}", run2.stderr);
    let folder = run("areq", &["--out", dir.to_str().unwrap()]).usage_error();
    assert!(folder.stderr.contains("folder"), "{}", folder.stderr);

    run("areq", &["--limit", "0"]).usage_error();
    run("areq", &["--limit", "1001"]).usage_error();
    run("areq", &["--limit", "many"]).usage_error();
    run("areq", &["--timeout-ms", "-1"]).usage_error();
    run("areq", &["--max-bytes", "0"]).usage_error();
    // Each request in flight holds its page: 1000 of up to 1 GiB is more
    // than the 4 GiB allowed.
    let held = run("areq", &["--limit", "1000", "--max-bytes", "1073741824"])
        .usage_error();
    assert!(held.stderr.contains("at most 4 GiB"), "{}", held.stderr);
    run("areq", &["--bogus"]).usage_error();
    let version = run("areq", &["--version"]).success();
    assert!(version.stdout.starts_with("areq "), "{}", version.stdout);
    // Nothing was written but the test's own files.
    assert_eq!(listing(&dir), ["urls.txt"]);
}
