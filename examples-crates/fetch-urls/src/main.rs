//! Fetch several URLs at once through one shared HTTP client.
//!
//! Every request starts before any has answered, and `gather` hands the
//! results back in the order the URLs were given. While one request waits
//! on the network the others make progress on the same thread, so three
//! pages that each take a second arrive in about one second, not three.
//!
//! From "Asyncio in Python" (DEV Community), "Example: Fetching URLs".
//!
//! Given no URL it fetches the article's three pages. Here, in the port,
//! three stand-ins take their place, served from `127.0.0.1` (each after
//! one second), so that it runs without a network; it says so on stderr.
//! Notice that the run takes about one second (`PORT` is the server's):
//!
//! ```text
//! $ cargo run -p fetch-urls
//! Fetched http://127.0.0.1:PORT/example... 716 bytes
//! Fetched http://127.0.0.1:PORT/httpbin... 34 bytes
//! Fetched http://127.0.0.1:PORT/python.... 2158 bytes
//! ```
//!
//! Give it URLs to fetch real sites:
//! `cargo run -p fetch-urls -- https://example.com https://python.org`.
//! A URL that fails (an error status, a refused connection, a timeout, a
//! body over `--max-bytes`) gets a `Failed` line saying why, in its place;
//! a last line on stderr counts the failures, and the exit status is 1.
//!
//! | Python | Rust |
//! |---|---|
//! | `async with aiohttp.ClientSession() as session` | `Client::builder()` |
//! | `aiohttp.ClientTimeout(total=...)` | `.timeout(Duration)` |
//! | `async with session.get(url) as resp` | `session.get(url).send()` |
//! | `resp.raise_for_status()` | `resp.error_for_status()` |
//! | `await resp.text()` | `resp.chunk().await`, up to a cap |
//! | `asyncio.gather(*(fetch(session, u) for u in urls))` | `join_all` |
//! | `zip(urls, results)` | `urls.iter().zip(results)` |
//! | `url[:30]` | `url.chars().take(30).collect::<String>()` |
//! | `asyncio.run(main())` | `Builder::new_current_thread()`...`block_on` |

use std::{error::Error, time::Duration};

use clap::{error::ErrorKind, CommandFactory, Parser};
use futures::future::join_all;
use reqwest::{header::LOCATION, redirect::Policy, Client};
use tokio::runtime::Builder;

mod outside;
use outside::{escaped, web_only, web_url, why};

/// The article's three pages, fetched when no URL is given.
const ARTICLE_URLS: [&str; 3] = [
    "https://example.com",
    "https://httpbin.org/get",
    "https://python.org",
];

// Limits far beyond real use, so that a typo is refused, not a hang or a
// full memory: an hour a request, 1 GiB a page, and 4 GiB of pages held
// at once (every body is held until all are in, to print them in order).
const MAX_TIMEOUT_MS: u64 = 3_600_000;
const MAX_PAGE_BYTES: u64 = 1 << 30;
const MAX_HELD_BYTES: u64 = 4 << 30;

// step: cli
/// Fetch URLs concurrently and print how many bytes each returned.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// The URLs to fetch (http or https). None: the article's three.
    #[arg(value_name = "URL")]
    urls: Vec<String>,

    /// Give up on a request that takes longer than this, in all.
    #[arg(long, default_value_t = 10_000, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_MS))]
    timeout_ms: u64,

    /// Refuse a body larger than this many bytes.
    #[arg(long, default_value_t = 10 << 20, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_PAGE_BYTES))]
    max_bytes: u64,
}

// step: fetch
/// The body of one URL, or why there is none.
async fn fetch(
    session: &Client,
    url: &str,
    max_bytes: u64,
) -> Result<Vec<u8>, String> {
    let resp = session.get(url).send().await.map_err(why)?;
    let mut resp = resp.error_for_status().map_err(why)?;
    // A redirect reqwest did not follow: where it points is the server's
    // word, so it is escaped.
    if resp.status().is_redirection() {
        let to = resp.headers().get(LOCATION).map(|v| v.as_bytes());
        let to = escaped(&String::from_utf8_lossy(to.unwrap_or(b"nowhere")));
        let status = resp.status();
        return Err(format!("HTTP {status}: a redirect to {to}, not followed"));
    }
    let mut body = Vec::new();
    while let Some(piece) = resp.chunk().await.map_err(why)? {
        if (body.len() + piece.len()) as u64 > max_bytes {
            return Err(format!("body larger than {max_bytes} bytes"));
        }
        body.extend_from_slice(&piece);
    }
    Ok(body)
}

// step: main
/// Fetches every URL at once and prints one line for each. Returns how
/// many failed.
async fn async_main(urls: &[String], cli: &Cli) -> reqwest::Result<usize> {
    let session = Client::builder()
        .timeout(Duration::from_millis(cli.timeout_ms))
        .redirect(Policy::custom(web_only))
        .build()?;
    let fetches = urls.iter().map(|u| fetch(&session, u, cli.max_bytes));
    let results = join_all(fetches).await;
    let mut failed = 0;
    for (url, result) in urls.iter().zip(results) {
        // Characters, as `url[:30]`: a byte slice could split one.
        let short: String = url.chars().take(30).collect();
        match result {
            Ok(body) => println!("Fetched {short}... {} bytes", body.len()),
            Err(reason) => {
                failed += 1;
                println!("Failed  {short}... {reason}");
            }
        }
    }
    Ok(failed)
}

/// A mistake on the command line, reported as clap reports its own.
fn usage(m: String) -> ! {
    Cli::command().error(ErrorKind::ValueValidation, m).exit()
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse();
    common::end_quietly_on_closed_pipe(); // port-only
    for url in &cli.urls {
        if let Err(why) = web_url(url) {
            let url = escaped(url);
            usage(format!("invalid URL '{url}': {why}"));
        }
    }
    let mut urls = cli.urls.clone();
    common_net::fetch_urls_demo(&mut urls)?; // port-only
    if urls.is_empty() {
        urls = ARTICLE_URLS.map(String::from).to_vec();
    }
    if (urls.len() as u64).saturating_mul(cli.max_bytes) > MAX_HELD_BYTES {
        usage("at most 4 GiB of pages at once (URLs x --max-bytes)".into());
    }
    // Nothing to clean up: Ctrl-C may end the program where it stands.
    let runtime = Builder::new_current_thread().enable_all().build()?;
    let failed = runtime.block_on(async_main(&urls, &cli))?;
    if failed > 0 {
        eprintln!("fetch-urls: {failed} of {} URLs failed", urls.len());
        std::process::exit(1);
    }
    Ok(())
}
