//! Fetch several URLs at once through one shared HTTP client.
//!
//! Every request starts before any has answered, and `gather` hands the
//! results back in the order the URLs were given. While one request waits
//! on the network the others make progress on the same thread, so three
//! pages that each take a second arrive in about one second, not three.
//!
//! From "Asyncio in Python" (DEV Community), "Example: Fetching URLs".
//!
//! Given no URL it serves three stand-in pages (each answering after one
//! second) from its own web server on `127.0.0.1`, says so on stderr and
//! fetches them, so it runs without a network; notice that the run takes
//! about one second (`PORT` is the free port the server got):
//!
//! ```text
//! $ cargo run -p fetch-urls
//! Fetched http://127.0.0.1:PORT/example... 716 bytes
//! Fetched http://127.0.0.1:PORT/httpbin... 34 bytes
//! Fetched http://127.0.0.1:PORT/python.... 2158 bytes
//! ```
//!
//! Give it URLs to fetch real sites, as the article does:
//! `cargo run -p fetch-urls -- https://example.com https://python.org`.
//! A URL that fails (an error status, a refused connection, a timeout, a
//! body over `--max-bytes`) gets a `Failed` line saying why, in its place;
//! a last line on stderr counts the failures, and the exit status is 1.
//!
//! | Python | Rust |
//! |---|---|
//! | `async with aiohttp.ClientSession() as session` | one `Client` |
//! | `async with session.get(url) as resp` | `get(session, url).await` |
//! | `await resp.text()` | `read_body(resp, max_bytes).await` |
//! | `asyncio.gather(*(fetch(session, u) for u in urls))` | `join_all` |
//! | `zip(urls, results)` | `urls.iter().zip(results)` |
//! | `url[:30]` | `url.chars().take(30).collect::<String>()` |

use clap::Parser;
use common_net::{read_body, PageArgs};
use demo_server::{sites, DemoServer};
use futures::future::join_all;
use reqwest::Client;

// step: cli
/// Fetch URLs concurrently and print how many bytes each returned.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// The URLs to fetch (http or https). None: serve demo pages on
    /// 127.0.0.1 and fetch those.
    #[arg(value_name = "URL", value_parser = common_net::http_url)]
    urls: Vec<String>,

    #[command(flatten)]
    net: PageArgs,
}

// step: fetch
/// `fetch(session, url)`: the body of one URL, or why there is none.
async fn fetch(
    session: &Client,
    url: &str,
    max_bytes: u64,
) -> Result<Vec<u8>, String> {
    // Unlike aiohttp's `resp.text()`, which returns a 404 page's text as
    // if all went well, an error status counts as a failure here, and so
    // does a redirect left unfollowed (to `file:`, say): it has no page.
    let resp = common_net::get(session, url).await?;
    // The body is read whole, as `resp.text()` does, but refused at the
    // cap rather than filling the memory.
    read_body(resp, max_bytes).await
}

// step: main
/// `main()`: fetch every URL at once and print one line for each. Returns
/// how many failed.
async fn async_main(urls: &[String], net: PageArgs) -> reqwest::Result<usize> {
    // One client for every request, like one `ClientSession`: it keeps
    // the connection pool, and its timeout bounds each whole request.
    let session = common_net::client(net.timeout())?;
    // `gather`: every fetch starts now, and `join_all` hands the results
    // back in argument order, whichever finished first.
    let results =
        join_all(urls.iter().map(|u| fetch(&session, u, net.max_bytes))).await;
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
    Ok(failed)
}

// step: run
fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The boxed error is a deliberate simplification: only failing to
    // start the runtime, the client or the demo server ends up there.
    let cli: Cli = common::exit::parse();
    // Every body is held until all are in, to be printed in order.
    let count = if cli.urls.is_empty() {
        3
    } else {
        cli.urls.len()
    };
    common_net::limits::check_held(count as u64, cli.net.max_bytes, "URLs")
        .unwrap_or_else(|e| common::exit::usage_error(e));
    // `asyncio.run(main())`: one thread; Ctrl-C drops the fetches where
    // they stand and exits with status 130.
    let (failed, count) = common::run(async {
        let mut urls = cli.urls;
        if urls.is_empty() {
            // The server runs as a task on this same runtime: one thread
            // serving and fetching at once.
            let server = DemoServer::start(sites::fetch_urls).await?;
            eprintln!(
                "No URL given: fetching demo pages from {}",
                server.url("/")
            );
            urls = sites::FETCH_URLS_PATHS.map(|p| server.url(p)).to_vec();
        }
        let failed = async_main(&urls, cli.net).await?;
        Ok::<_, Box<dyn std::error::Error>>((failed, urls.len()))
    })??;
    // Each failure is told in its place above; the line on stderr says
    // that the run as a whole failed, as every example does.
    if failed > 0 {
        common::exit::failure(format_args!("{failed} of {count} URLs failed"));
    }
    Ok(())
}
