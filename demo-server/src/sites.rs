//! The demo sites each network example serves itself when given no URL.
//! Their content is fixed, so the examples' output is the same every run.

use std::time::Duration;

use crate::Reply;

/// The three pages `fetch-urls` fetches, standing in for the article's
/// `https://example.com`, `https://httpbin.org/get` and
/// `https://python.org`.
pub const FETCH_URLS_PATHS: [&str; 3] =
    ["/example.com/", "/httpbin.org/get", "/python.org/"];

/// How long each `fetch-urls` demo page takes to arrive: long enough that
/// fetching the three one after the other would visibly take three times
/// as long.
pub const FETCH_URLS_DELAY: Duration = Duration::from_secs(1);

/// The `fetch-urls` site: each page of [`FETCH_URLS_PATHS`] after
/// [`FETCH_URLS_DELAY`], anything else 404.
pub fn fetch_urls(path: &str) -> Reply {
    let page = match path {
        "/example.com/" => page("Example Domain", 12),
        "/httpbin.org/get" => {
            let json = "{\n  \"args\": {},\n  \"url\": \"/get\"\n}\n";
            return Reply::Ok {
                content_type: "application/json",
                body: json.as_bytes().to_vec(),
            }
            .after(FETCH_URLS_DELAY);
        }
        "/python.org/" => page("Welcome to Python.org", 40),
        _ => return Reply::Status(404),
    };
    Reply::html(page).after(FETCH_URLS_DELAY)
}

fn page(title: &str, paragraphs: usize) -> String {
    let mut html = format!(
        "<!doctype html>\n<html>\n<head><title>{title}</title></head>\n\
         <body>\n<h1>{title}</h1>\n"
    );
    for i in 1..=paragraphs {
        html.push_str(&format!(
            "<p>Paragraph {i} of a page served on 127.0.0.1.</p>\n"
        ));
    }
    html.push_str("</body>\n</html>\n");
    html
}

/// The pages `areq` crawls in its demo, in this order; the last is
/// missing (404), to show how a failure is logged.
pub const AREQ_PATHS: [&str; 4] =
    ["/", "/about.html", "/blog/", "/missing.html"];

/// The `areq` site: pages whose links are relative, root-relative and
/// absolute, with duplicates.
pub fn areq(path: &str) -> Reply {
    let links: &[&str] = match path {
        "/" => &[
            "about.html",
            "/blog/",
            "https://www.python.org/",
            "about.html",
        ],
        "/about.html" => &["/", "team/alice.html", "#contact"],
        "/blog/" => &[
            "first-post.html",
            "../about.html",
            "https://docs.python.org/3/library/asyncio.html",
            "first-post.html",
        ],
        _ => return Reply::Status(404),
    };
    let mut html = String::from("<!doctype html>\n<html><body>\n");
    for link in links {
        html.push_str(&format!("<p><a href=\"{link}\">{link}</a></p>\n"));
    }
    html.push_str("</body></html>\n");
    Reply::html(html)
}

/// The archives `downloader` fetches, named like the Python 3.8.4, 3.8.5
/// and 3.8.6 documentation the article downloads, with their sizes.
pub const DOWNLOADS: [(&str, usize); 3] = [
    ("/ftp/python/doc/3.8.4/python-3.8.4-docs-html.zip", 600_000),
    ("/ftp/python/doc/3.8.5/python-3.8.5-docs-html.zip", 650_000),
    ("/ftp/python/doc/3.8.6/python-3.8.6-docs-html.zip", 700_000),
];

/// How many pieces each demo archive is sent in, and the pause before
/// each: every archive takes about one second to arrive.
pub const DOWNLOAD_CHUNKS: (usize, Duration) = (10, Duration::from_millis(100));

/// Bytes standing in for an archive (not a real zip): fixed, so that a
/// test can compare what was saved with what was served.
pub fn archive_bytes(size: usize) -> Vec<u8> {
    // A small linear congruential generator: varied bytes, same every run.
    let mut x: u32 = 0x2545_f491;
    (0..size)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 24) as u8
        })
        .collect()
}

/// The `downloader` site: each of [`DOWNLOADS`], sent slowly.
pub fn downloader(path: &str) -> Reply {
    match DOWNLOADS.iter().find(|(p, _)| *p == path) {
        Some(&(_, size)) => Reply::Trickle {
            content_type: "application/zip",
            body: archive_bytes(size),
            chunks: DOWNLOAD_CHUNKS.0,
            pause: DOWNLOAD_CHUNKS.1,
        },
        None => Reply::Status(404),
    }
}
