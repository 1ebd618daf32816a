//! Crawl pages concurrently, at most N at a time, and write the links
//! each one holds to one shared file.
//!
//! One future per URL fetches its page through one shared client and
//! appends a `source_url<TAB>parsed_url` line per link to the file. All
//! are gathered at once, and a semaphore keeps at most `--limit` requests
//! in flight, not hundreds. A page that fails is logged; the rest go on.
//!
//! From Real Python's "Async IO in Python: A Complete Walkthrough"
//! (`areq.py`), with the semaphore of "Limit concurrency" from the notes
//! on the walkthrough (after "Write on file" and "Do http requests").
//!
//! Without `--urls FILE` it crawls the walkthrough's eight URLs; the port
//! crawls a demo site on `127.0.0.1` instead. The log on stderr shows each
//! step (`Got response [200] for URL: ...`, `Found 3 links for ...`), and
//! `--out` is written only once every page is in:
//!
//! ```text
//! $ cargo run -p areq -- --out /tmp/foundurls.txt
//! Crawled 4 URLs; wrote 9 links.
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async with ClientSession() as session` | one `reqwest::Client` |
//! | `await session.request("GET", url)` | `client.get(url).send().await` |
//! | `HREF_RE.findall(html)` | `html.split("href=\"")`, `split_once('"')` |
//! | `urllib.parse.urljoin(url, link)` | `base.join(link)` |
//! | `sem = asyncio.Semaphore(10)`; `async with sem:` | `sem.acquire()` |
//! | `with open(file, "a") as f: f.write(...)` | `file.lock()`, `write_all` |
//! | `asyncio.gather(*tasks)` | `join_all(tasks).await` |
//! | `asyncio.run(...)` | `Builder::new_current_thread()`...`block_on` |

use std::{collections::HashSet, error::Error, io::Write, path::PathBuf};
use std::{sync::Mutex, time::Duration};

use clap::{error::ErrorKind, CommandFactory, Parser};
use futures::future::join_all;
use reqwest::{redirect::Policy, Client, Url};
use tempfile::NamedTempFile;
#[cfg(unix)]
use tokio::signal::unix::{signal, SignalKind};
use tokio::{runtime::Builder, sync::Semaphore};

mod files;
#[path = "../../fetch-urls/src/outside.rs"] // port-only
mod outside;
use outside::{escaped, web_only, why};

// Limits far beyond real use, so that a typo is refused, not a hang or a
// full memory: 1 h a request, 1 GiB a page, 4 GiB of pages held at once,
// 1000 requests at once (a connection each, under 1024 open files).
const MAX_TIMEOUT_MS: u64 = 3_600_000;
const MAX_PAGE_BYTES: u64 = 1 << 30;
const MAX_HELD_BYTES: u64 = 4 << 30;
const MAX_LIMIT: i64 = 1000;

// step: cli
/// Crawl URLs concurrently and write the links they hold to a file.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// File of URLs to crawl, one per line (none: the walkthrough's).
    #[arg(long, value_name = "FILE")]
    urls: Option<PathBuf>,
    /// Where to write the `source_url<TAB>parsed_url` lines.
    #[arg(long, value_name = "FILE", default_value = "foundurls.txt")]
    out: PathBuf,
    /// At most this many requests in flight at once.
    #[arg(long, default_value_t = 10, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u32).range(1..=MAX_LIMIT))]
    limit: u32,
    /// Give up on a request that takes longer than this, in all.
    #[arg(long, default_value_t = 10_000, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_MS))]
    timeout_ms: u64,
    /// Refuse a page larger than this many bytes.
    #[arg(long, default_value_t = 10 << 20, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_PAGE_BYTES))]
    max_bytes: u64,
}

// step: log
/// `"%(asctime)s %(levelname)s:%(name)s: %(message)s"`, escaped.
fn log(level: &str, message: String) {
    let now = chrono::Local::now().format("%H:%M:%S");
    eprintln!("{now} {level}:areq: {}", escaped(&message));
}

/// What Python hands down as `session` and `**kwargs`.
struct Session {
    client: Client,
    sem: Semaphore,
    max_bytes: u64,
}

// step: fetch_html
/// The page's text, or why there is none.
async fn fetch_html(url: &str, session: &Session) -> Result<String, String> {
    let _permit = session.sem.acquire().await.map_err(|e| e.to_string())?;
    let resp = session.client.get(url).send().await.map_err(why)?;
    let mut resp = resp.error_for_status().map_err(why)?;
    // A redirect reqwest did not follow (to `file:`, say) has no page.
    if resp.status().is_redirection() {
        return Err(format!("HTTP {}: a redirect not followed", resp.status()));
    }
    let code = resp.status().as_u16();
    log("INFO", format!("Got response [{code}] for URL: {url}"));
    let (mut html, max) = (Vec::new(), session.max_bytes);
    while let Some(piece) = resp.chunk().await.map_err(why)? {
        if (html.len() + piece.len()) as u64 > max {
            return Err(format!("body larger than {max} bytes"));
        }
        html.extend_from_slice(&piece);
    }
    Ok(String::from_utf8_lossy(&html).into_owned())
}

// step: parse
/// The page's links, absolute, each once, in the order they first
/// appear; `None` if the page failed.
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
/// Crawls one URL and appends its lines to the shared file: how many
/// (`None`: the page failed), or why the file would not take them.
async fn write_one(
    file: &Mutex<NamedTempFile>,
    url: &str,
    session: &Session,
) -> std::io::Result<Option<usize>> {
    let found = parse(url, session).await;
    let Some(res) = found.as_ref().filter(|res| !res.is_empty()) else {
        return Ok(found.map(|_| 0));
    };
    let lines: String = res.iter().map(|p| format!("{url}\t{p}\n")).collect();
    // Held across no `.await`: a page's lines stay together.
    let mut file = file.lock().expect("no writer panicked");
    file.write_all(lines.as_bytes())?;
    log("INFO", format!("Wrote results for source URL: {url}"));
    Ok(Some(res.len()))
}

// step: bulk
/// Crawls every URL into `file`, then renames it `--out`: how many links.
async fn bulk_crawl_and_write(
    file: NamedTempFile,
    urls: &[String],
    cli: &Cli,
) -> Result<usize, Box<dyn Error>> {
    let session = Session {
        client: Client::builder()
            .timeout(Duration::from_millis(cli.timeout_ms))
            .redirect(Policy::custom(web_only))
            .build()?,
        sem: Semaphore::new(cli.limit as usize),
        max_bytes: cli.max_bytes,
    };
    let file = Mutex::new(file);
    let tasks = urls.iter().map(|url| write_one(&file, url, &session));
    let links: Result<Vec<_>, _> = join_all(tasks).await.into_iter().collect();
    // `None`: no page came, and the dropped file leaves an earlier one.
    let links = links?.into_iter().flatten().reduce(|a, b| a + b);
    let links = links.ok_or("no page could be fetched")?;
    let file = file.into_inner().map_err(|e| e.to_string())?;
    file.as_file().sync_all()?;
    let out = &cli.out;
    file.persist(out)
        .map_err(|e| format!("cannot write {out:?}: {e}"))?;
    Ok(links)
}

/// A mistake on the command line, reported as clap reports its own.
fn usage(m: String) -> ! {
    Cli::command().error(ErrorKind::ValueValidation, m).exit()
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse();
    common::end_quietly_on_closed_pipe(); // port-only
    if u64::from(cli.limit).saturating_mul(cli.max_bytes) > MAX_HELD_BYTES {
        usage("at most 4 GiB of pages at once (--limit x --max-bytes)".into());
    }
    let listed = cli.urls.as_deref().map(files::read_urls).transpose();
    let mut urls = listed.unwrap_or_else(|e| usage(e)).unwrap_or_default();
    let mut file = files::beside(&cli.out).unwrap_or_else(|e| usage(e));
    file.write_all(b"source_url\tparsed_url\n")?;
    common_net::areq_demo(&mut urls)?; // port-only
    if urls.is_empty() {
        urls = files::WALKTHROUGH_URLS.map(String::from).to_vec();
    }
    let runtime = Builder::new_current_thread().enable_all().build()?;
    let crawled = runtime.block_on(async {
        // SIGTERM (what `kill` sends) where there is one, as Ctrl-C.
        #[cfg(unix)]
        let mut term = signal(SignalKind::terminate()).expect("a handler");
        #[cfg(unix)]
        let terminated = term.recv();
        #[cfg(not(unix))]
        let terminated = std::future::pending::<Option<()>>();
        tokio::select! {
            biased; // polled in order: the signals before any work
            Ok(()) = tokio::signal::ctrl_c() => Err(("interrupted", 130)),
            _ = terminated => Err(("terminated", 143)),
            links = bulk_crawl_and_write(file, &urls, &cli) => Ok(links),
        }
    });
    // After a signal, `select!` has dropped the crawl and the file with it.
    let (said, status) = match crawled {
        Ok(Ok(n)) => {
            println!("Crawled {} URLs; wrote {n} links.", urls.len());
            return Ok(());
        }
        Ok(Err(e)) => (escaped(&e.to_string()), 1),
        Err((said, status)) => (said.to_string(), status),
    };
    eprintln!("areq: {said}");
    std::process::exit(status)
}
