//! Fetch several URLs at once through one shared HTTP client.
//!
//! Every request is started before any has answered, and the results are
//! gathered in the order the URLs were given. While one request waits on
//! the network, the others make progress on the same thread, so three
//! pages that each take a second arrive in about one second, not three.
//!
//! From `003_b56628966450f672.txt`, "Example: Fetching URLs".
//!
//! Given no URL it serves three demo pages (each answering after one
//! second) from its own web server on `127.0.0.1`, says so on stderr, and
//! fetches them, so it runs without a network:
//!
//! ```text
//! $ cargo run -p fetch-urls
//! Fetched http://127.0.0.1:PORT/example... 716 bytes
//! Fetched http://127.0.0.1:PORT/httpbin... 34 bytes
//! Fetched http://127.0.0.1:PORT/python.... 2158 bytes
//! ```
//!
//! (`PORT` is the free port the server got.) Give it URLs to fetch real
//! sites, as the article does:
//! `cargo run -p fetch-urls -- https://example.com https://python.org`.
//! A URL that fails (HTTP error status, refused connection, timeout, a
//! body over `--max-bytes`) gets a `Failed` line saying why, in its place;
//! a last line on stderr counts the failures, and the exit status is 1.
//!
//! | Python | Rust |
//! |---|---|
//! | `async with aiohttp.ClientSession() as session` | one `reqwest::Client`, shared by reference |
//! | `async with session.get(url) as resp` | `client.get(url).send().await?` |
//! | `await resp.text()` | `resp.chunk().await?` in a loop, with a size cap |
//! | `asyncio.gather(*(fetch(session, u) for u in urls))` | `join_all(urls.iter().map(\|u\| fetch(&client, u, cap)))` |
//! | `zip(urls, results)` | `urls.iter().zip(results)` |
//! | `url[:30]` | `url.chars().take(30).collect::<String>()` |

use std::error::Error;
use std::time::Duration;

use clap::Parser;
use demo_server::{sites, DemoServer};
use futures::future::join_all;
use reqwest::{Client, Url};

/// The longest timeout, in milliseconds: an hour. No page takes that long
/// to arrive; a larger number is a typo, not a wish to wait for days.
const MAX_TIMEOUT_MS: u64 = 3_600_000;

/// The largest body, in bytes: 1 GiB, far beyond any page.
const MAX_BODY_BYTES: u64 = 1 << 30;

/// The most body bytes the program may hold. Every body is kept until all
/// are in (they are printed in argument order), so memory for bodies is
/// at most the number of URLs times `--max-bytes`; beyond 4 GiB it is
/// refused, so that no combination can fill the memory.
const MAX_HELD_BYTES: u64 = 4 << 30;

/// Fetch URLs concurrently and print how many bytes each returned.
#[derive(Parser, Debug)]
struct Cli {
    /// The URLs to fetch (http or https). None: serve demo pages on
    /// 127.0.0.1 and fetch those.
    #[arg(value_name = "URL", value_parser = http_url)]
    urls: Vec<String>,

    /// Give up on a request that takes longer than this.
    #[arg(long, value_name = "MS", default_value_t = 10_000,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_MS))]
    timeout_ms: u64,

    /// Refuse a body larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 << 20,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_BODY_BYTES))]
    max_bytes: u64,
}

/// Accepts only `http` and `https` URLs, so that a typo is a usage error
/// (status 2) before anything is fetched.
fn http_url(arg: &str) -> Result<String, String> {
    let url = Url::parse(arg).map_err(|e| format!("not a URL: {e}"))?;
    match url.scheme() {
        "http" | "https" => Ok(arg.to_string()),
        other => Err(format!("`{other}:` URLs are not supported")),
    }
}

/// `fetch(session, url)`: the body of one URL, or why there is none.
async fn fetch(
    client: &Client,
    url: &str,
    max_bytes: u64,
) -> Result<Vec<u8>, String> {
    // Unlike aiohttp's `resp.text()`, which returns a 404 page's text as
    // if all went well, an error status counts as a failure here.
    let mut resp = client
        .get(url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(why)?;
    // The body is read piece by piece, so a huge (or endless) body is
    // refused at the cap instead of filling the memory.
    let mut body = Vec::new();
    while let Some(piece) = resp.chunk().await.map_err(why)? {
        if (body.len() + piece.len()) as u64 > max_bytes {
            return Err(format!("body larger than {max_bytes} bytes"));
        }
        body.extend_from_slice(&piece);
    }
    Ok(body)
}

/// A one-line reason for a failed request. reqwest's own message names
/// the URL, so the cause is taken from the innermost error instead.
fn why(err: reqwest::Error) -> String {
    if let Some(status) = err.status() {
        return format!("HTTP status {status}");
    }
    if err.is_timeout() {
        return "timed out".to_string();
    }
    let mut cause: &dyn Error = &err;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    cause.to_string()
}

fn main() -> Result<(), Box<dyn Error>> {
    // The boxed error is a deliberate simplification: only failing to
    // start the runtime or the demo server ends up there.
    let cli: Cli = common::exit::parse();
    let count = if cli.urls.is_empty() {
        sites::FETCH_URLS_PATHS.len()
    } else {
        cli.urls.len()
    };
    if (count as u64).saturating_mul(cli.max_bytes) > MAX_HELD_BYTES {
        common::exit::usage_error(format_args!(
            "at most {} GiB of bodies in memory at once \
             (URLs times --max-bytes)",
            MAX_HELD_BYTES >> 30
        ));
    }
    // `asyncio.run(main())`: one thread, as asyncio has.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Ctrl-C drops the fetches where they stand and exits with 130.
    common::exit::run_interruptible(runtime, run(cli))
}

/// Everything after the command line, on the runtime.
async fn run(cli: Cli) -> Result<(), Box<dyn Error>> {
    let urls = if cli.urls.is_empty() {
        // The server runs as a task on this same runtime, one thread
        // serving and fetching at once.
        let server = DemoServer::start(sites::fetch_urls).await?;
        eprintln!("No URL given: fetching demo pages from {}", server.url("/"));
        sites::FETCH_URLS_PATHS.map(|p| server.url(p)).to_vec()
    } else {
        cli.urls
    };

    // One client for every request, like one `ClientSession`: it keeps
    // the connection pool and the TLS setup, and the timeout bounds each
    // whole request, so a server that never answers cannot hang us.
    let client = Client::builder()
        .timeout(Duration::from_millis(cli.timeout_ms))
        .build()?;

    // `gather`: every fetch starts now, and `join_all` hands the results
    // back in argument order, whichever finished first.
    let results =
        join_all(urls.iter().map(|u| fetch(&client, u, cli.max_bytes))).await;

    let mut failed = 0;
    for (url, result) in urls.iter().zip(results) {
        // `url[:30]` counts characters; slicing a Rust string counts bytes
        // and panics inside a multi-byte character, so take chars.
        let short: String = url.chars().take(30).collect();
        match result {
            Ok(body) => println!("Fetched {short}... {} bytes", body.len()),
            Err(reason) => {
                failed += 1;
                println!("Failed  {short}... {reason}");
            }
        }
    }
    // Each failure is told in its place above; the line on stderr says
    // that the run as a whole failed, as every example does.
    if failed > 0 {
        common::exit::failure(format_args!(
            "{failed} of {} URLs failed",
            urls.len()
        ));
    }
    Ok(())
}
