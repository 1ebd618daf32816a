//! Crawl pages concurrently, at most N at a time, and write the links
//! each one holds to one shared file.
//!
//! One future per URL fetches its page through the one shared client and
//! appends a `source_url<TAB>parsed_url` line per link to the file. All are
//! gathered at once, and a semaphore keeps at most `--limit` requests in
//! flight: neither one page at a time nor hundreds of connections. A page
//! that fails is logged and the rest go on.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough"
//! (`areq.py`), with the semaphore of "Limit concurrency" from the notes
//! on the walkthrough (after "Write on file" and "Do http requests").
//!
//! With no `--urls` file it crawls a demo site served on `127.0.0.1`; the
//! log on stderr shows each step (`Got response [200] for URL: ...`,
//! `Found 3 links for ...`, `Failed [HTTP status 404 Not Found] for ...`):
//!
//! ```text
//! $ cargo run -p areq -- --out /tmp/foundurls.txt
//! Crawled 4 URLs; wrote 9 links.
//! ```
//!
//! Lines land in `.foundurls.txt.part` as pages finish, renamed when all
//! are done; after Ctrl-C (130) or if no page came (1) an earlier file
//! stays. Real sites: `cargo run -p areq -- --urls urls.txt --limit 3`.
//!
//! | Python | Rust |
//! |---|---|
//! | `async with ClientSession() as session` | one `reqwest::Client` |
//! | `await session.request("GET", url)` | `get(&client, url).await` |
//! | `HREF_RE.findall(html)` | `html.split("href=\"")`, `split_once('"')` |
//! | `urllib.parse.urljoin(url, link)` | `base.join(link)` |
//! | `sem = asyncio.Semaphore(10)`; `async with sem:` | `sem.acquire()` |
//! | `async with aiofiles.open(file, "a")` | `file.lock().await` |
//! | `asyncio.gather(*tasks)` | `join_all(tasks).await` |
//! | `logger.info(...)` | `log("INFO", format!(...))` |

use std::collections::HashSet;
use std::path::PathBuf;

use clap::Parser;
use common_net::{limits, read_body, why, PageArgs, WholeFile};
use demo_server::{sites, DemoServer};
use futures::future::join_all;
use reqwest::{Client, Url};
use tokio::sync::{Mutex, Semaphore};

// step: cli
/// Crawl URLs concurrently and write the links they hold to a file.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// File of URLs to crawl, one per line (none: a demo site).
    #[arg(long, value_name = "FILE")]
    urls: Option<PathBuf>,
    /// Where to write the `source_url<TAB>parsed_url` lines.
    #[arg(long, value_name = "FILE", default_value = "foundurls.txt")]
    out: PathBuf,
    /// At most this many requests in flight at once.
    #[arg(long, value_name = "N", default_value_t = 10,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u32).range(1..=limits::MAX_LIMIT))]
    limit: u32,
    #[command(flatten)]
    net: PageArgs,
}

// step: log
/// `logging`'s `"%(asctime)s %(levelname)s:%(name)s: %(message)s"`.
/// Escaped, so that no URL or link can forge a line or move the cursor.
fn log(level: &str, message: String) {
    let message = common::exit::escaped(&message);
    eprintln!("{} {level}:areq: {message}", common::Clock::new().hms());
}

/// What Python hands down as `session` and `**kwargs`.
struct Session {
    client: Client,
    sem: Semaphore,
    max_bytes: u64,
}

// step: fetch_html
/// `fetch_html()`: the page's text, or why there is none.
async fn fetch_html(url: &str, session: &Session) -> Result<String, String> {
    // `async with sem:` -- the permit is held to the end of the function,
    // so the whole request, body included, counts against the limit.
    let _permit = session.sem.acquire().await.map_err(|e| e.to_string())?;
    let resp = common_net::get(&session.client, url).await?;
    let status = resp.status().as_u16();
    log("INFO", format!("Got response [{status}] for URL: {url}"));
    let body = read_body(resp, session.max_bytes).await?;
    Ok(String::from_utf8_lossy(&body).into_owned())
}

// step: parse
/// `parse()`: the page's links, absolute, each once, in the order they
/// first appear (Python's set has none); `None` if the page failed.
async fn parse(url: &str, session: &Session) -> Option<Vec<Url>> {
    let (mut seen, mut found) = (HashSet::new(), Vec::new());
    let html = fetch_html(url, session).await;
    let html =
        html.inspect_err(|e| log("ERROR", format!("Failed [{e}] for {url}")));
    // The URL was checked when the list was read: it parses.
    let (Ok(html), Ok(base)) = (html, Url::parse(url)) else {
        return None;
    };
    // `href="(.*?)"`: the text after each `href="` up to the next quote.
    let links = html.split("href=\"").skip(1);
    for link in links.filter_map(|rest| Some(rest.split_once('"')?.0)) {
        match base.join(link) {
            Ok(abslink) if seen.insert(abslink.clone()) => found.push(abslink),
            Ok(_) => {} // a duplicate
            Err(e) => log("ERROR", format!("Error parsing URL: {link} ({e})")),
        }
    }
    log("INFO", format!("Found {} links for {url}", found.len()));
    Some(found)
}

// step: write_one
/// `write_one()`: crawl one URL and append its lines to the shared file:
/// how many (`None`: the page failed), or why the file would not take them.
async fn write_one(
    file: &Mutex<WholeFile>,
    url: &str,
    session: &Session,
) -> Result<Option<usize>, String> {
    let found = parse(url, session).await;
    let Some(res) = found.as_ref().filter(|res| !res.is_empty()) else {
        return Ok(found.map(|_| 0));
    };
    let lines: String = res.iter().map(|p| format!("{url}\t{p}\n")).collect();
    // One handle is shared (Python reopens the file for every page): the
    // lock keeps a page's lines together while other pages wait to write.
    file.lock().await.write_all(lines.as_bytes()).await?;
    log("INFO", format!("Wrote results for source URL: {url}"));
    Ok(Some(res.len()))
}

// step: bulk
/// `bulk_crawl_and_write()`: one future per URL, all gathered.
async fn bulk_crawl_and_write(
    file: WholeFile,
    urls: &[String],
    limit: u32,
    net: PageArgs,
) -> Result<usize, String> {
    // `async with ClientSession() as session`: one client for all.
    let session = Session {
        client: common_net::client(net.timeout()).map_err(|e| why(&e))?,
        sem: Semaphore::new(limit as usize),
        max_bytes: net.max_bytes,
    };
    let file = Mutex::new(file);
    // All the futures start at once; the semaphore, not the gathering,
    // keeps the number of requests in flight down to `limit`.
    let tasks = urls.iter().map(|url| write_one(&file, url, &session));
    let links: Result<Vec<_>, _> = join_all(tasks).await.into_iter().collect();
    // `None`: no page came, and the unfinished file leaves an earlier one.
    let links = links?.into_iter().flatten().reduce(|a, b| a + b);
    let links = links.ok_or("no page could be fetched")?;
    // Only now, every page in, does the file take its name.
    file.into_inner().finish().await?;
    Ok(links)
}

// step: run
fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The boxed error is a deliberate simplification: only failing to
    // start the runtime or the demo server ends up there.
    let cli: Cli = common::exit::parse();
    // Each request in flight holds its page whole before parsing it.
    limits::check_held(cli.limit.into(), cli.net.max_bytes, "--limit")
        .unwrap_or_else(|e| common::exit::usage_error(e));
    // Mistakes in what the command line names are status 2, before all.
    let listed = cli.urls.as_deref().map(common_net::read_urls).transpose();
    let listed = listed.unwrap_or_else(|e| common::exit::usage_error(e));
    let crawled = common::run(async move {
        // Python writes the header line before the event loop starts.
        // Here it goes into the part file, removed if Ctrl-C comes first.
        let mut file = WholeFile::create(&cli.out)
            .unwrap_or_else(|e| common::exit::usage_error(e));
        file.write_all(b"source_url\tparsed_url\n").await?;
        let urls = match listed {
            Some(urls) => urls,
            None => {
                let server = DemoServer::start(sites::areq).await?;
                let root = server.url("/");
                log("INFO", format!("No --urls file given: crawling {root}"));
                sites::AREQ_PATHS.map(|p| server.url(p)).to_vec()
            }
        };
        let crawled = bulk_crawl_and_write(file, &urls, cli.limit, cli.net);
        Ok::<_, Box<dyn std::error::Error>>((urls.len(), crawled.await?))
    })?;
    let (count, links) = crawled.unwrap_or_else(|e| common::exit::failure(e));
    println!("Crawled {count} URLs; wrote {links} links.");
    Ok(())
}
