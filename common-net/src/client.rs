//! The HTTP client, like one `aiohttp.ClientSession`, and what a failed
//! request says.

use std::error::Error;
use std::time::Duration;

use reqwest::redirect::{Attempt, Policy};
use reqwest::{Client, Response, Url};

use common::exit::{escaped, is_hidden};

use crate::limits::{MAX_REDIRECTS, MAX_SILENCE};

/// The client for whole pages: `timeout` bounds each request from connect
/// to the end of the body, so a server that never answers cannot hang
/// the program. Redirects are followed only to `http` and `https`, and
/// at most [`MAX_REDIRECTS`] times.
pub fn client(timeout: Duration) -> reqwest::Result<Client> {
    Client::builder()
        .timeout(timeout)
        .redirect(Policy::custom(redirect))
        .build()
}

/// The client for downloads: `timeout` bounds each download from connect
/// to the last byte, so a server that trickles a byte now and then
/// cannot hold it for hours; a server that stops sending altogether is
/// given up on sooner, after [`MAX_SILENCE`] (or `timeout`, if shorter).
pub fn download_client(timeout: Duration) -> reqwest::Result<Client> {
    Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(MAX_SILENCE))
        .read_timeout(timeout.min(MAX_SILENCE))
        .redirect(Policy::custom(redirect))
        .build()
}

/// Sends a GET for `url` and returns the response if it is a success: an
/// error status, or a redirect left unfollowed (to `file:`, `data:` or
/// anywhere else not on the web, which reqwest hands back as it is), is
/// a one-line failure, never an empty body taken for the page.
pub async fn get(client: &Client, url: &str) -> Result<Response, String> {
    let resp = client.get(url).send().await.map_err(|e| why(&e))?;
    let resp = resp.error_for_status().map_err(|e| why(&e))?;
    if resp.status().is_redirection() {
        let to = resp.headers().get(reqwest::header::LOCATION);
        let to = to.map(|v| String::from_utf8_lossy(v.as_bytes()));
        let to = to.as_deref().unwrap_or("nowhere");
        return Err(format!(
            "HTTP status {}: a redirect to {} not followed",
            resp.status(),
            escaped(to)
        ));
    }
    Ok(resp)
}

/// Follows a redirect only to `http` or `https` (never `file:` or the
/// like) and at most [`MAX_REDIRECTS`] times.
fn redirect(attempt: Attempt) -> reqwest::redirect::Action {
    match redirect_allowed(attempt.previous().len(), attempt.url()) {
        Ok(()) => attempt.follow(),
        Err(why) => attempt.error(why),
    }
}

fn redirect_allowed(hops: usize, to: &Url) -> Result<(), String> {
    if hops > MAX_REDIRECTS {
        return Err(format!("more than {MAX_REDIRECTS} redirects"));
    }
    match to.scheme() {
        "http" | "https" => Ok(()),
        other => Err(format!("a redirect to a `{other}:` URL")),
    }
}

/// A clap value parser that accepts only `http` and `https` URLs, so
/// that a typo is a usage error (status 2) before anything is fetched.
///
/// A URL holding a control or invisible character (a tab, a line break,
/// an escape sequence, a byte-order mark) is refused too: no valid URL
/// holds one, and printed back it could forge a line or a column.
pub fn http_url(arg: &str) -> Result<String, String> {
    if arg.chars().any(is_hidden) {
        return Err("a control or invisible character in a URL".into());
    }
    let url = Url::parse(arg).map_err(|e| format!("not a URL: {e}"))?;
    match url.scheme() {
        "http" | "https" => Ok(arg.to_string()),
        other => Err(format!("`{other}:` URLs are not supported")),
    }
}

/// The whole body of `resp`, read piece by piece so that a huge (or
/// endless) body is refused at `max_bytes` instead of filling the memory.
pub async fn read_body(
    mut resp: Response,
    max_bytes: u64,
) -> Result<Vec<u8>, String> {
    let too_big = || format!("body larger than {max_bytes} bytes");
    if resp.content_length().is_some_and(|n| n > max_bytes) {
        return Err(too_big());
    }
    let mut body = Vec::new();
    while let Some(piece) = resp.chunk().await.map_err(|e| why(&e))? {
        if (body.len() + piece.len()) as u64 > max_bytes {
            return Err(too_big());
        }
        body.extend_from_slice(&piece);
    }
    Ok(body)
}

/// A one-line reason for a failed request: `HTTP status 404 Not Found`,
/// `timed out`, or the innermost cause (`Connection refused (os error
/// 111)`). reqwest's own message names the URL, which the caller prints
/// beside it anyway.
pub fn why(err: &reqwest::Error) -> String {
    if let Some(status) = err.status() {
        return format!("HTTP status {status}");
    }
    if err.is_timeout() {
        return "timed out".to_string();
    }
    let mut cause: &dyn Error = err;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    // A server's words may hold anything: escaped, they stay one line.
    escaped(&cause.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use demo_server::{DemoServer, Reply};

    fn on_runtime<T>(f: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    async fn get(url: &str, max: u64) -> Result<Vec<u8>, String> {
        let client = client(Duration::from_millis(300)).unwrap();
        read_body(super::get(&client, url).await?, max).await
    }

    #[test]
    fn each_failure_is_one_short_line() {
        let server = DemoServer::start_in_thread(|path: &str| match path {
            "/ok" => Reply::html("fine"),
            "/hang" => Reply::Hang,
            "/big" => Reply::bytes(vec![0; 5000]),
            _ => Reply::Status(404),
        })
        .unwrap();
        let refused = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            format!("http://127.0.0.1:{}/", l.local_addr().unwrap().port())
        };
        on_runtime(async {
            assert_eq!(get(&server.url("/ok"), 4).await.unwrap(), b"fine");
            let missing = get(&server.url("/x"), 9).await.unwrap_err();
            assert_eq!(missing, "HTTP status 404 Not Found");
            let hang = get(&server.url("/hang"), 9).await.unwrap_err();
            assert_eq!(hang, "timed out");
            let big = get(&server.url("/big"), 4999).await.unwrap_err();
            assert_eq!(big, "body larger than 4999 bytes");
            let refused = get(&refused, 9).await.unwrap_err();
            assert!(refused.contains("refused"), "{refused}");
            assert!(!refused.contains('\n'));
        });
    }

    /// A server on 127.0.0.1 that answers every request with `head` (the
    /// status line and headers, without the blank line) and no body.
    fn answering(head: &'static str) -> String {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for mut conn in listener.incoming().flatten() {
                let _ = conn.read(&mut [0; 4096]);
                let reply = format!(
                    "{head}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
                let _ = conn.write_all(reply.as_bytes());
            }
        });
        format!("http://127.0.0.1:{port}/")
    }

    #[test]
    fn a_redirect_off_the_web_or_in_a_loop_is_a_failure() {
        let to_file =
            answering("HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd");
        let to_data = answering("HTTP/1.1 301 Moved\r\nLocation: data:,x");
        let to_self = answering("HTTP/1.1 307 Again\r\nLocation: /again");
        on_runtime(async {
            for url in [to_file, to_data] {
                let err = get(&url, 9).await.unwrap_err();
                assert!(err.contains("redirect"), "{err}");
            }
            let err = get(&to_self, 9).await.unwrap_err();
            assert!(err.contains("redirect"), "{err}");
        });
    }

    #[test]
    fn redirects_stay_on_the_web_and_end() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert!(redirect_allowed(0, &url("https://a.example/")).is_ok());
        assert!(redirect_allowed(10, &url("http://a.example/")).is_ok());
        assert!(redirect_allowed(11, &url("http://a.example/")).is_err());
        let file = redirect_allowed(0, &url("file:///etc/passwd"));
        assert!(file.unwrap_err().contains("file:"));
    }

    #[test]
    fn only_http_urls_are_accepted() {
        assert!(http_url("https://example.com").is_ok());
        assert!(http_url("ftp://example.com").unwrap_err().contains("ftp"));
        let bare = http_url("example.com").unwrap_err();
        assert!(bare.starts_with("not a URL"), "{bare}");
        for hidden in ["http://a/\tb", "http://a/\n", "http://a/\u{1b}[2J"] {
            assert!(http_url(hidden).unwrap_err().contains("control"));
        }
        assert!(http_url("\u{feff}http://a/").is_err());
    }
}
