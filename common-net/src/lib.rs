//! The port's side of the network examples (`fetch-urls`, `areq`,
//! `downloader`): the local demo sites they fetch from when given no URL,
//! so that they run without a network and print the same every time.
//!
//! Everything a reader learns from those examples (the HTTP client with
//! its timeouts and redirect policy, the byte caps, the URL lists, the
//! files written whole or not at all) is in the examples themselves. What
//! is here each of them calls on one line marked `// port-only`; its
//! standalone copy, without that line, fetches the article's own URLs
//! instead. The server itself is the `demo-server` crate.

use std::io;

use demo_server::{sites, DemoServer, Reply};

/// If `urls` is empty: serves `fetch-urls`' demo site (three pages, each
/// answering after one second), says so on stderr and puts its pages in
/// `urls`. Given URLs are left as they are.
pub fn fetch_urls_demo(urls: &mut Vec<String>) -> io::Result<()> {
    let saying = "No URL given: fetching demo pages from";
    serve(urls, sites::fetch_urls, &sites::FETCH_URLS_PATHS, saying)
}

/// If `urls` is empty: serves `areq`'s demo site (four pages whose links
/// are relative, absolute and repeated, one of them missing), says so on
/// stderr and puts its pages in `urls`.
pub fn areq_demo(urls: &mut Vec<String>) -> io::Result<()> {
    let saying = "No --urls file given: crawling the demo site at";
    serve(urls, sites::areq, &sites::AREQ_PATHS, saying)
}

/// If `urls` is empty: serves `downloader`'s demo site (three stand-in
/// archives, each trickling in over a second), says so on stderr and
/// puts their URLs in `urls`.
pub fn downloader_demo(urls: &mut Vec<String>) -> io::Result<()> {
    let saying = "No URL given: downloading demo archives from";
    let paths = sites::DOWNLOADS.map(|(path, _)| path);
    serve(urls, sites::downloader, &paths, saying)
}

/// Serves `site` from a thread of its own (for the rest of the run) if
/// `urls` is empty, and fills `urls` with its `paths`.
fn serve(
    urls: &mut Vec<String>,
    site: fn(&str) -> Reply,
    paths: &[&str],
    saying: &str,
) -> io::Result<()> {
    if !urls.is_empty() {
        return Ok(());
    }
    let server = DemoServer::start_in_thread(site)?;
    eprintln!("{saying} {}", server.url("/"));
    *urls = paths.iter().map(|path| server.url(path)).collect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_given_are_kept_and_none_given_get_the_demo_site() {
        let mut given = vec!["https://example.com".to_string()];
        fetch_urls_demo(&mut given).expect("nothing to serve");
        assert_eq!(given, ["https://example.com"]);
        for (serve, count) in [
            (fetch_urls_demo as fn(&mut Vec<String>) -> io::Result<()>, 3),
            (areq_demo, 4),
            (downloader_demo, 3),
        ] {
            let mut urls = Vec::new();
            serve(&mut urls).expect("the demo server starts");
            assert_eq!(urls.len(), count);
            assert!(urls.iter().all(|u| u.starts_with("http://127.0.0.1:")));
        }
    }
}
