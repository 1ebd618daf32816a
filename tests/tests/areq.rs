//! areq: crawl pages concurrently under a semaphore, write the resolved
//! links, log failures and go on. Real sockets on 127.0.0.1, real time.

use std::collections::BTreeSet;
use std::time::Duration;

use demo_server::{DemoServer, Reply};
use tests::{check_header_transcripts, run, scratch};

fn write_urls(dir: &std::path::Path, urls: &[String]) -> String {
    let file = dir.join("urls.txt");
    std::fs::write(&file, urls.join("\n") + "\n").expect("test setup");
    file.to_str().expect("test setup").to_string()
}

fn lines(file: &std::path::Path) -> Vec<String> {
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

#[test]
fn prints_what_its_header_shows() {
    assert_eq!(check_header_transcripts("areq"), 1);
}

#[test]
fn writes_each_pages_resolved_links_once() {
    let server = DemoServer::start_in_thread(|path: &str| match path {
        "/dir/page.html" => page(&[
            "sub/a.html",
            "../top.html",
            "/root.html",
            "https://example.org/x",
            "sub/a.html",
            "?q=1",
        ]),
        "/other/" => page(&["b.html", "/root.html"]),
        "/nolinks.html" => page(&[]),
        _ => Reply::Status(404),
    })
    .unwrap();
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
        (other, format!("{base}/other/b.html")),
        (other, format!("{base}/root.html")),
    ]
    .into_iter()
    .map(|(src, link)| format!("{src}\t{link}"))
    .collect();
    let written: BTreeSet<String> = got[1..].iter().cloned().collect();
    assert_eq!(got.len() - 1, written.len(), "duplicates in {got:#?}");
    assert_eq!(written, expected);
    assert!(run.stdout.contains("3 fetched, 0 failed"), "{}", run.stdout);
    assert!(run.stdout.contains("wrote 7 links"), "{}", run.stdout);
    for url in &urls {
        let said = format!("Got response [200] for URL: {url}\n");
        assert!(run.stderr.contains(&said), "{}", run.stderr);
    }
    let found = format!("Found 5 links for {page}\n");
    assert!(run.stderr.contains(&found), "{}", run.stderr);
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
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://127.0.0.1:{}/", l.local_addr().unwrap().port())
    };
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
    let args = [
        "--urls",
        &list,
        "--out",
        out_arg,
        "--timeout-ms",
        "500",
        "--max-bytes",
        "10000",
    ];
    // A dead link is logged, not fatal: status 0, as in the original.
    let run = run("areq", &args).success();
    let err = &run.stderr;
    let logged = |what: &str, url: &str| {
        err.lines().any(|l| {
            l.contains("ERROR:areq:") && l.contains(what) && l.ends_with(url)
        })
    };
    assert!(logged("404", &urls[0]), "{err}");
    assert!(logged("refused", &refused), "{err}");
    assert!(logged("timed out", &urls[2]), "{err}");
    assert!(logged("10000", &urls[3]), "{err}");
    assert_eq!(
        lines(&out)[1..],
        [format!("{}\t{}", urls[4], server.url("/next.html"))]
    );
    assert!(run.stdout.contains("1 fetched, 4 failed"), "{}", run.stdout);
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
    let run = run(
        "areq",
        &[
            "--urls",
            &list,
            "--out",
            out.to_str().unwrap(),
            "--limit",
            "3",
        ],
    )
    .success();
    assert_eq!(server.requests(), 12);
    // Counted at the server: the semaphore held it to 3, and 3 did run
    // together (12 slow pages give them every chance to).
    assert_eq!(server.max_in_flight(), 3);
    // 12 pages, 3 at a time, 200 ms each: at least 4 rounds.
    assert!(run.wall >= DELAY * 4, "{:?}", run.wall);
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
}

#[test]
fn bad_input_and_unwritable_output() {
    let dir = scratch("areq", "bad");
    let missing = dir.join("no-such-file.txt");
    let run1 =
        run("areq", &["--urls", missing.to_str().unwrap()]).usage_error();
    assert!(run1.stderr.contains("no-such-file.txt"), "{}", run1.stderr);

    let list = dir.join("urls.txt");
    std::fs::write(&list, "# a comment\n\nftp://example.com/\n").unwrap();
    let bad = run("areq", &["--urls", list.to_str().unwrap()]).usage_error();
    assert!(bad.stderr.contains("urls.txt:3"), "{}", bad.stderr);

    let out = dir.join("no-such-dir").join("found.txt");
    let run2 = run("areq", &["--out", out.to_str().unwrap()]).usage_error();
    assert!(run2.stderr.contains("cannot write"), "{}", run2.stderr);

    run("areq", &["--limit", "0"]).usage_error();
    run("areq", &["--limit", "many"]).usage_error();
    run("areq", &["--timeout-ms", "-1"]).usage_error();
}
