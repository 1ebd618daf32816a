//! Hostile input for the network examples (`areq`, `downloader`,
//! `fetch-urls`), class by class: files planted beside the output, outputs
//! that are no regular files, servers that trickle or redirect off the web,
//! runs where nothing arrives, and URLs that would forge output. Servers
//! are started here on 127.0.0.1 port 0, by hand where demo-server has no
//! such reply; every file is in a scratch folder.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::{symlink, FileTypeExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use demo_server::{DemoServer, Reply};
use tests::{listing, run, run_with_limit, scratch, Run};

/// A server on 127.0.0.1 that answers every request on a thread of its
/// own with what `answer` writes for the request's path. Its base URL.
fn serve(answer: fn(&str, &mut TcpStream)) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("test setup");
    let port = listener.local_addr().expect("test setup").port();
    std::thread::spawn(move || {
        for mut conn in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut request = Vec::new();
                let mut buf = [0; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match conn.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&request).into_owned();
                let path = head.split(' ').nth(1).unwrap_or("/").to_string();
                answer(&path, &mut conn);
            });
        }
    });
    format!("http://127.0.0.1:{port}")
}

/// Writes a response with no body but `status` and `headers`.
fn reply(conn: &mut TcpStream, status: &str, headers: &[u8]) {
    let mut text = format!("HTTP/1.1 {status}\r\n").into_bytes();
    text.extend_from_slice(headers);
    text.extend_from_slice(b"Content-Length: 0\r\nConnection: close\r\n\r\n");
    let _ = conn.write_all(&text);
}

/// Redirects by path: `/file/..` to `file:`, `/data/..` to `data:`,
/// `/loop/..` to itself, `/web/..` on to `/ok/..` on this server, and
/// `/bom/..` to a `file:` URL holding a byte-order mark. `/ok/..` answers
/// `hello\n`; `/empty/..` an empty page.
fn redirecting(path: &str, conn: &mut TcpStream) {
    let to = |loc: &str| format!("Location: {loc}\r\n").into_bytes();
    let name = path.rsplit('/').next().unwrap_or("x");
    match path.split('/').nth(1).unwrap_or("") {
        "file" => reply(conn, "302 Found", &to("file:///etc/passwd")),
        "data" => reply(conn, "301 Moved", &to("data:,forged")),
        "loop" => reply(conn, "307 Again", &to(path)),
        "web" => reply(conn, "302 Found", &to(&format!("/ok/{name}"))),
        "bom" => reply(conn, "302 Found", &to("file:///\u{feff}x")),
        "ok" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\
                        Content-Type: text/html\r\nConnection: close\r\n\r\n";
            let _ = conn.write_all(format!("{head}hello\n").as_bytes());
        }
        _ => reply(conn, "200 OK", b""),
    }
}

/// One byte every 200 ms, of a promised thousand: forever, in effect.
fn trickling(_: &str, conn: &mut TcpStream) {
    let head = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n";
    let _ = conn.write_all(head.as_bytes());
    for _ in 0..1000 {
        std::thread::sleep(Duration::from_millis(200));
        if conn.write_all(b"x").is_err() {
            return;
        }
    }
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 scratch path")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("a file the test made")
}

/// Whether `c` would act on a terminal or not show: the control
/// characters, and the invisible format characters (the list the
/// examples' `outside.rs` escapes, written out again here, so that the
/// test does not take the examples' word for it).
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}'
            | '\u{17b4}' | '\u{17b5}' | '\u{180b}'..='\u{180f}'
            | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}' | '\u{ffa0}' | '\u{fff0}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e0fff}')
}

/// No character on stderr or stdout that would act on a terminal or not
/// show: every one was escaped.
fn nothing_hidden(done: &Run) {
    let text = format!("{}{}", done.stdout, done.stderr);
    let hidden: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && is_hidden(c))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?} in {done:?}");
}

fn write_list(dir: &Path, text: &str) -> PathBuf {
    let list = dir.join("urls.txt");
    std::fs::write(&list, text).expect("test setup");
    list
}

// Files.

/// Plants `.NAME.part` in `dir`, the name the examples' partial files once
/// had, as a link to `target`: today's temporary files have random names,
/// so it is neither followed nor in the way.
fn plant_part_link(dir: &Path, name: &str, target: &Path) -> PathBuf {
    let part = dir.join(format!(".{name}.part"));
    symlink(target, &part).expect("test setup");
    part
}

/// The planted link is still a link, and what it points at as it was.
fn untouched(part: &Path, victim: &Path) {
    let still = std::fs::symlink_metadata(part).expect("the link");
    assert!(still.file_type().is_symlink());
    assert_eq!(read(victim), "keep\n");
    let nowhere = part.with_file_name("nowhere");
    assert!(!nowhere.exists(), "{nowhere:?} was created");
}

#[test]
fn a_planted_part_link_neither_stops_nor_misleads_areq() {
    let server = DemoServer::start_in_thread(|_: &str| {
        Reply::html("<a href=\"/next.html\">x</a>")
    })
    .expect("test setup");
    let dir = scratch("hostile", "areq-part-link");
    let list = write_list(&dir, &server.url("/a.html"));
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep\n").expect("test setup");
    for target in [victim.clone(), dir.join("nowhere")] {
        let part = plant_part_link(&dir, "found.txt", &target);
        let out = dir.join("found.txt");
        let done = run("areq", &["--urls", arg(&list), "--out", arg(&out)]);
        assert_eq!(done.success().stdout, "Crawled 1 URLs; wrote 1 links.\n");
        let found = format!(
            "{}\t{}\n",
            server.url("/a.html"),
            server.url("/next.html")
        );
        assert_eq!(read(&out), format!("source_url\tparsed_url\n{found}"));
        untouched(&part, &victim);
        std::fs::remove_file(&part).expect("test cleanup");
        std::fs::remove_file(&out).expect("test cleanup");
    }
}

#[test]
fn a_planted_part_link_neither_stops_nor_misleads_the_downloader() {
    let base = serve(redirecting);
    let dir = scratch("hostile", "downloader-part-link");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep\n").expect("test setup");
    for target in [victim.clone(), dir.join("nowhere")] {
        let part = plant_part_link(&dir, "a.txt", &target);
        let url = format!("{base}/ok/a.txt");
        let done = run("downloader", &[&url, "--out-dir", arg(&dir)]);
        assert!(done.success().stdout.contains("a.txt: 6 bytes"));
        assert_eq!(read(&dir.join("a.txt")), "hello\n");
        untouched(&part, &victim);
        std::fs::remove_file(&part).expect("test cleanup");
        std::fs::remove_file(dir.join("a.txt")).expect("test cleanup");
    }
}

#[test]
fn an_output_that_is_a_link_a_device_or_a_pipe_is_refused() {
    let dir = scratch("hostile", "targets");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep\n").expect("test setup");
    let link = dir.join("link.txt");
    symlink(&victim, &link).expect("test setup");
    let fifo = dir.join("fifo.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    // areq: `--out` itself. Refused before anything is served.
    for out in [link.as_path(), fifo.as_path(), Path::new("/dev/null")] {
        let done = run_with_limit(
            "areq",
            &["--out", arg(out)],
            Duration::from_secs(10),
        )
        .usage_error();
        assert!(done.stderr.contains("not a regular file"), "{done:?}");
    }
    // downloader: the name a URL would be saved under.
    let base = serve(redirecting);
    for name in ["link.txt", "fifo.txt"] {
        let url = format!("{base}/ok/{name}");
        let done = run("downloader", &[&url, "--out-dir", arg(&dir)]);
        let done = done.usage_error();
        assert!(done.stderr.contains("not a regular file"), "{done:?}");
    }
    let meta = |p: &Path| std::fs::symlink_metadata(p).expect("still there");
    assert!(meta(&link).file_type().is_symlink());
    assert!(meta(&fifo).file_type().is_fifo());
    assert!(meta(Path::new("/dev/null")).file_type().is_char_device());
    assert_eq!(read(&victim), "keep\n");
    assert_eq!(listing(&dir), ["fifo.txt", "link.txt", "victim.txt"]);
}

#[test]
fn an_empty_answer_never_replaces_an_earlier_download() {
    let base = serve(redirecting);
    let dir = scratch("hostile", "empty-over-old");
    std::fs::write(dir.join("a.zip"), "old\n").expect("test setup");
    let url = format!("{base}/empty/a.zip");
    let done = run("downloader", &[&url, "--out-dir", arg(&dir)]).failure();
    assert!(done.stdout.contains("a.zip: failed"), "{done:?}");
    assert_eq!(read(&dir.join("a.zip")), "old\n");
    assert_eq!(listing(&dir), ["a.zip"]);
    // A new file may well be empty.
    let url = format!("{base}/empty/b.zip");
    run("downloader", &[&url, "--out-dir", arg(&dir)]).success();
    assert_eq!(read(&dir.join("b.zip")), "");
}

// Bounded work.

#[test]
fn real_time_a_trickling_download_is_cut_off_by_its_timeout() {
    let base = serve(trickling);
    let dir = scratch("hostile", "trickle");
    let url = format!("{base}/slow.zip");
    let args = [&url, "--out-dir", arg(&dir), "--timeout-ms", "1000"];
    let done = run_with_limit("downloader", &args, Duration::from_secs(20));
    let done = done.failure();
    assert!(
        done.stdout.contains("slow.zip: failed: timed out"),
        "{done:?}"
    );
    // 1 s allowed; the whole trickle would take 200 s.
    assert!(done.wall >= Duration::from_secs(1), "{:?}", done.wall);
    assert!(done.wall < Duration::from_secs(10), "{:?}", done.wall);
    assert!(listing(&dir).is_empty(), "{:?}", listing(&dir));
}

#[test]
fn an_endless_or_huge_url_list_is_refused_quickly() {
    let dir = scratch("hostile", "endless-list");
    let out = dir.join("found.txt");
    let limit = Duration::from_secs(20);
    let args = ["--urls", "/dev/zero", "--out", arg(&out)];
    let done = run_with_limit("areq", &args, limit).usage_error();
    assert!(done.stderr.contains("larger than"), "{done:?}");
    assert!(done.wall < Duration::from_secs(10), "{:?}", done.wall);
    // Valid lines, but more of them than the cap allows.
    let line = "http://127.0.0.1:9/a-page-that-is-never-fetched\n";
    let huge = line.repeat((16 << 20) / line.len() + 2);
    let list = write_list(&dir, &huge);
    let args = ["--urls", arg(&list), "--out", arg(&out)];
    let done = run_with_limit("areq", &args, limit).usage_error();
    assert!(done.stderr.contains("larger than"), "{done:?}");
    // And a list with no URL at all.
    let list = write_list(&dir, "# nothing\n\n");
    let args = ["--urls", arg(&list), "--out", arg(&out)];
    let done = run_with_limit("areq", &args, limit).usage_error();
    assert!(done.stderr.contains("no URLs"), "{done:?}");
    assert!(!out.exists());
}

#[test]
fn real_time_the_downloader_limits_downloads_at_once() {
    let server = DemoServer::start_in_thread(|_: &str| {
        Reply::bytes(b"x".to_vec()).after(Duration::from_millis(300))
    })
    .expect("test setup");
    let dir = scratch("hostile", "many-downloads");
    // The downloader's `MAX_DOWNLOADS`.
    let max = 200;
    let urls: Vec<String> = (0..max + 50)
        .map(|i| server.url(&format!("/f{i}.bin")))
        .collect();
    let mut args: Vec<&str> = urls.iter().map(String::as_str).collect();
    args.extend(["--out-dir", arg(&dir)]);
    let done = run_with_limit("downloader", &args, Duration::from_secs(60));
    let done = done.success();
    assert_eq!(listing(&dir).len(), max + 50, "{}", done.stderr);
    assert_eq!(server.requests(), max + 50);
    assert!(server.max_in_flight() <= max, "{}", server.max_in_flight());
}

// Redirects.

#[test]
fn fetch_urls_fails_a_redirect_off_the_web_or_in_a_loop() {
    let base = serve(redirecting);
    let urls: Vec<String> = ["/file/a", "/data/b", "/loop/c", "/web/d"]
        .iter()
        .map(|p| format!("{base}{p}"))
        .collect();
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    let done = run("fetch-urls", &args).failure();
    let lines: Vec<&str> = done.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{done:?}");
    for line in &lines[..3] {
        assert!(line.starts_with("Failed "), "{done:?}");
        assert!(line.contains("redirect"), "{done:?}");
    }
    assert!(lines[3].starts_with("Fetched ") && lines[3].ends_with(" 6 bytes"));
    assert!(!done.stdout.contains(" 0 bytes"), "{done:?}");
    assert_eq!(
        done.stderr.lines().last(),
        Some("fetch-urls: 3 of 4 URLs failed")
    );
}

#[test]
fn the_downloader_fails_a_redirect_off_the_web_and_keeps_the_old_file() {
    let base = serve(redirecting);
    let dir = scratch("hostile", "downloader-redirect");
    for (kind, name) in
        [("file", "a.zip"), ("data", "b.zip"), ("loop", "c.zip")]
    {
        std::fs::write(dir.join(name), "old\n").expect("test setup");
        let url = format!("{base}/{kind}/{name}");
        let done = run("downloader", &[&url, "--out-dir", arg(&dir)]).failure();
        assert!(done.stdout.contains("redirect"), "{done:?}");
        assert_eq!(read(&dir.join(name)), "old\n", "{kind}");
    }
    let url = format!("{base}/web/d.zip");
    run("downloader", &[&url, "--out-dir", arg(&dir)]).success();
    assert_eq!(read(&dir.join("d.zip")), "hello\n");
    assert_eq!(listing(&dir), ["a.zip", "b.zip", "c.zip", "d.zip"]);
}

// Status.

#[test]
fn areq_fails_when_no_page_came_and_keeps_the_old_output() {
    let base = serve(redirecting);
    let refusing = tests::RefusedPort::new();
    let refused = refusing.url("");
    let dir = scratch("hostile", "areq-nothing");
    let out = dir.join("found.txt");
    std::fs::write(&out, "old\n").expect("test setup");
    for urls in [
        refused.clone(),
        format!("{base}/file/a\n{base}/data/b\n{refused}"),
    ] {
        let list = write_list(&dir, &urls);
        let args = ["--urls", arg(&list), "--out", arg(&out)];
        let done = run("areq", &args).failure();
        let last = done.stderr.lines().last().unwrap_or_default();
        assert_eq!(last, "areq: no page could be fetched", "{done:?}");
        assert!(done.stdout.is_empty(), "{done:?}");
        assert_eq!(read(&out), "old\n");
        assert_eq!(listing(&dir), ["found.txt", "urls.txt"]);
    }
    // One page that came, even without links, is a crawl.
    let list = write_list(&dir, &format!("{base}/ok/x\n{refused}\n"));
    let args = ["--urls", arg(&list), "--out", arg(&out)];
    let done = run("areq", &args).success();
    assert_eq!(done.stdout, "Crawled 2 URLs; wrote 0 links.\n");
    assert_eq!(read(&out), "source_url\tparsed_url\n");
}

// Escaping.

/// URLs that would forge a line or a column, move the cursor, or hide
/// what they are.
const FORGING: [&str; 5] = [
    "http://127.0.0.1:9/a\tforged-column",
    "http://127.0.0.1:9/a\nFetched http://forged... 1 bytes",
    "http://127.0.0.1:9/\u{1b}[2J\u{1b}[H",
    "\u{feff}http://127.0.0.1:9/",
    "http://127.0.0.1:9/\u{202e}txt.exe",
];

#[test]
fn fetch_urls_refuses_urls_that_would_forge_output_and_shows_them() {
    for url in FORGING {
        let done = run("fetch-urls", &[url]).usage_error();
        nothing_hidden(&done);
        assert!(done.stdout.is_empty(), "{done:?}");
    }
}

#[test]
fn areq_refuses_list_lines_that_would_forge_output_and_shows_them() {
    let dir = scratch("hostile", "areq-forging");
    let out = dir.join("found.txt");
    for url in FORGING {
        // A tab or a line break inside the line itself, not at its ends.
        let list = write_list(&dir, &format!("http://127.0.0.1:9/\n{url}x\n"));
        let args = ["--urls", arg(&list), "--out", arg(&out)];
        let done = run("areq", &args).usage_error();
        // A line break makes a line of its own, refused just the same.
        let named = done.stderr.contains("urls.txt:2: not an http")
            || url.contains('\n') && done.stderr.contains("urls.txt:3: ");
        assert!(named, "{done:?}");
        nothing_hidden(&done);
        assert!(!out.exists());
    }
}

#[test]
fn what_a_server_sends_is_escaped_before_it_is_shown() {
    let base = serve(redirecting);
    let done = run("fetch-urls", &[&format!("{base}/bom/x")]).failure();
    nothing_hidden(&done);
    assert!(done.stdout.contains("\\u{feff}"), "{done:?}");
    // areq logs a link it cannot resolve; the page's escape codes show.
    let server = DemoServer::start_in_thread(|_: &str| {
        Reply::html("<a href=\"http://[\u{1b}[2J\u{feff}\">x</a>")
    })
    .expect("test setup");
    let dir = scratch("hostile", "areq-escaped-log");
    let list = write_list(&dir, &server.url("/p.html"));
    let out = dir.join("found.txt");
    let done = run("areq", &["--urls", arg(&list), "--out", arg(&out)]);
    let done = done.success();
    assert!(done
        .stderr
        .contains("Error parsing URL: http://[\\u{1b}[2J"));
    nothing_hidden(&done);
}

#[test]
fn the_three_examples_escape_alike() {
    // One `outside.rs`, fetch-urls', which the other two include (and
    // their standalone copies carry).
    let read_outside = |name: &str| {
        let path = tests::root()
            .join("examples-crates")
            .join(name)
            .join("src/outside.rs");
        std::fs::read_to_string(&path).expect("an example's outside.rs")
    };
    let fetch_urls = read_outside("fetch-urls");
    for name in ["areq", "downloader"] {
        let main = tests::root()
            .join("examples-crates")
            .join(name)
            .join("src/main.rs");
        let main = std::fs::read_to_string(main).expect("main.rs");
        assert!(
            main.contains("#[path = \"../../fetch-urls/src/outside.rs\"]"),
            "{name} does not include fetch-urls' outside.rs"
        );
    }
    // And the test's own list is the examples' list.
    let list = |text: &str| {
        let at = text.find("|| matches!(c,").expect("the list");
        let end = at + text[at..].find("')").expect("its end");
        text[at..end].to_string()
    };
    let this = include_str!("hostile.rs");
    assert_eq!(list(this), list(&fetch_urls));
}
