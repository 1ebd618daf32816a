//! Crawl a list of pages concurrently, at most N at a time, and write the
//! links each one holds to a file.
//!
//! Every URL gets its own future: fetch the page through the one shared
//! client, find each `href="..."`, resolve it against the page's URL and
//! write `source_url<TAB>parsed_url` lines to the output file. All of them
//! are gathered at once, and a semaphore lets at most `--limit` requests
//! be in flight, so a long list neither runs one page at a time nor opens
//! hundreds of connections at once. A page that fails (an HTTP error
//! status, a refused connection, a timeout) is logged and the others go
//! on; the exit status stays 0, as in the Python original, because a dead
//! link is something a crawler reports, not a reason to fail.
//!
//! From `004_889b89e9c64afa5a.txt`, "Write on file", "Do http requests"
//! and "Limit concurrency": the notes only sketch it; this is the whole
//! `areq.py` of "Async IO in Python: A Complete Walkthrough".
//!
//! Given no `--urls` file it serves a small demo site from its own web
//! server on `127.0.0.1` and crawls four of its pages, one of them
//! missing:
//!
//! ```text
//! $ cargo run -p areq -- --out /tmp/foundurls.txt
//! Crawled 4 URLs (3 fetched, 1 failed); wrote 9 links to /tmp/foundurls.txt.
//! ```
//!
//! Meanwhile the log on stderr shows each step as it happens (the
//! order of the pages varies from run to run):
//!
//! ```text
//! 20:16:41 INFO:areq: No --urls file given: crawling the demo site at http://127.0.0.1:PORT/
//! 20:16:41 INFO:areq: Got response [200] for URL: http://127.0.0.1:PORT/
//! 20:16:41 INFO:areq: Found 3 links for http://127.0.0.1:PORT/
//! 20:16:41 INFO:areq: Wrote results for source URL: http://127.0.0.1:PORT/
//! 20:16:41 INFO:areq: Got response [200] for URL: http://127.0.0.1:PORT/about.html
//! 20:16:41 INFO:areq: Found 3 links for http://127.0.0.1:PORT/about.html
//! 20:16:41 INFO:areq: Wrote results for source URL: http://127.0.0.1:PORT/about.html
//! 20:16:41 INFO:areq: Got response [200] for URL: http://127.0.0.1:PORT/blog/
//! 20:16:41 INFO:areq: Found 3 links for http://127.0.0.1:PORT/blog/
//! 20:16:41 INFO:areq: Wrote results for source URL: http://127.0.0.1:PORT/blog/
//! 20:16:41 ERROR:areq: HTTP error [404 Not Found] for http://127.0.0.1:PORT/missing.html
//! ```
//!
//! and the file holds each page's links once, resolved against the page
//! (the pages' blocks come in the order the pages finished; a tab, shown
//! here as spaces, separates the two URLs):
//!
//! ```text
//! $ cat /tmp/foundurls.txt
//! source_url    parsed_url
//! http://127.0.0.1:PORT/    http://127.0.0.1:PORT/about.html
//! http://127.0.0.1:PORT/    http://127.0.0.1:PORT/blog/
//! http://127.0.0.1:PORT/    https://www.python.org/
//! http://127.0.0.1:PORT/about.html    http://127.0.0.1:PORT/
//! http://127.0.0.1:PORT/about.html    http://127.0.0.1:PORT/team/alice.html
//! http://127.0.0.1:PORT/about.html    http://127.0.0.1:PORT/about.html#contact
//! http://127.0.0.1:PORT/blog/    http://127.0.0.1:PORT/blog/first-post.html
//! http://127.0.0.1:PORT/blog/    http://127.0.0.1:PORT/about.html
//! http://127.0.0.1:PORT/blog/    https://docs.python.org/3/library/asyncio.html
//! ```
//!
//! The lines go first to `.foundurls.txt.part` beside the output, which
//! takes its name only when the crawl is done: after Ctrl-C (status 130)
//! or a failure, an earlier `foundurls.txt` is still there as it was.
//!
//! With real sites: put URLs in a file, one per line (blank lines and
//! `#` comments are skipped), and run
//! `cargo run -p areq -- --urls urls.txt --limit 3`.
//!
//! | Python | Rust |
//! |---|---|
//! | `async with ClientSession() as session` | one `reqwest::Client`, shared by reference |
//! | `resp = await session.request("GET", url)`; `resp.raise_for_status()` | `client.get(url).send().await?.error_for_status()?` |
//! | `await resp.text()` | `resp.chunk().await?` in a loop, with a size cap |
//! | `HREF_RE.findall(html)` | `html.split("href=\"")` and `split_once('"')` |
//! | `urllib.parse.urljoin(url, link)` | `Url::parse(url)?.join(link)` |
//! | `sem = asyncio.Semaphore(10)`; `async with sem:` | `Semaphore::new(10)`; `let _permit = sem.acquire().await?;` |
//! | `async with aiofiles.open(file, "a") as f: await f.write(...)` | `tokio::fs::File` behind a `tokio::sync::Mutex`; `write_all(...).await` |
//! | `asyncio.gather(*tasks)` | `join_all(tasks).await` |
//! | `logger.info("Got response [%s] for URL: %s", ...)` | `log(&clock, "INFO", format_args!(...))` |

use std::collections::HashSet;
use std::error::Error;
use std::fmt;
use std::path::{is_separator, Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use common::Clock;
use demo_server::{sites, DemoServer};
use futures::future::join_all;
use reqwest::{Client, Url};
use tokio::fs::File;
use tokio::io::AsyncWriteExt;
use tokio::sync::{Mutex, Semaphore};

/// The most requests in flight. Each holds a connection, and so a file
/// descriptor; a thousand stays under the 1024 open files a process is
/// commonly allowed.
/// An `i64`, because clap checks the range of a `u32` as an `i64`.
const MAX_LIMIT: i64 = 1000;

/// The longest timeout, in milliseconds: an hour. No page takes that long
/// to arrive; a larger number is a typo, not a wish to wait for days.
const MAX_TIMEOUT_MS: u64 = 3_600_000;

/// The largest page, in bytes: 1 GiB, far beyond any HTML page.
const MAX_PAGE_BYTES: u64 = 1 << 30;

/// The most page bytes the crawl may hold at once. Each request in flight
/// reads its page whole before parsing it, so memory for pages is at most
/// `--limit` times `--max-bytes` (100 MiB with the defaults); more than
/// 4 GiB is refused, so that no combination of the two fills the memory.
const MAX_HELD_BYTES: u64 = 4 << 30;

/// Crawl URLs concurrently and write the links they hold to a file.
#[derive(Parser, Debug)]
struct Cli {
    /// File of URLs to crawl, one per line. None: crawl a demo site
    /// served on 127.0.0.1.
    #[arg(long, value_name = "FILE")]
    urls: Option<PathBuf>,

    /// Where to write the `source_url<TAB>parsed_url` lines.
    #[arg(long, value_name = "FILE", default_value = "foundurls.txt")]
    out: PathBuf,

    /// At most this many requests in flight at once.
    #[arg(long, value_name = "N", default_value_t = 10,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u32).range(1..=MAX_LIMIT))]
    limit: u32,

    /// Give up on a request that takes longer than this.
    #[arg(long, value_name = "MS", default_value_t = 10_000,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_MS))]
    timeout_ms: u64,

    /// Refuse a page larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 << 20,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_PAGE_BYTES))]
    max_bytes: u64,
}

/// Python's `logging` line, `"%(asctime)s %(levelname)s:%(name)s: ..."`,
/// on stderr. The time is the shared clock's, like every timestamp here.
fn log(clock: &Clock, level: &str, message: fmt::Arguments) {
    eprintln!("{} {level}:areq: {message}", clock.hms());
}

/// The output file while the crawl writes it: `.NAME.part` beside NAME,
/// renamed to NAME by [`Output::finish`] once every page is in. Dropped
/// before that (an error, Ctrl-C), it removes itself, so whatever the
/// crawl's fate NAME is either the file from before or the whole new one.
struct Output {
    file: File,
    part: PathBuf,
    path: PathBuf,
    finished: bool,
}

impl Output {
    /// Creates the part file and writes the header line to it.
    async fn create(path: &Path) -> std::io::Result<Output> {
        let name = path.file_name().unwrap_or(path.as_os_str());
        let mut part_name = std::ffi::OsString::from(".");
        part_name.push(name);
        part_name.push(".part");
        let part = path.with_file_name(part_name);
        // Created with a blocking call, on purpose: tokio's `File::create`
        // runs on another thread, and Ctrl-C while it is under way would
        // drop this future before the guard below exists, leaving the file.
        let file = File::from_std(std::fs::File::create(&part)?);
        let mut out = Output {
            file,
            part,
            path: path.to_path_buf(),
            finished: false,
        };
        out.file.write_all(b"source_url\tparsed_url\n").await?;
        Ok(out)
    }

    /// Flushed, synced and given its name. tokio writes files on a
    /// background thread, and dropping the handle would not wait for it.
    async fn finish(mut self) -> std::io::Result<()> {
        self.file.flush().await?;
        self.file.sync_all().await?;
        tokio::fs::rename(&self.part, &self.path).await?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.finished {
            // Blocking, on purpose: `Drop` cannot await, and removing one
            // directory entry is quick.
            let _ = std::fs::remove_file(&self.part);
        }
    }
}

/// What the crawl of every URL shares: the one client, the semaphore,
/// the output file and the log's clock.
struct Crawler {
    client: Client,
    sem: Semaphore,
    out: Mutex<Output>,
    max_bytes: u64,
    clock: Clock,
}

/// `fetch_html()`: the page's text, or why there is none.
async fn fetch_html(c: &Crawler, url: &str) -> Result<String, String> {
    // `async with sem:` -- the permit is held until it is dropped at the
    // end of this function, so the whole request, body included, counts
    // against the limit. The semaphore is never closed, so acquire
    // cannot fail.
    let _permit = c.sem.acquire().await.map_err(|e| e.to_string())?;
    let mut resp = c
        .client
        .get(url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(why)?;
    log(
        &c.clock,
        "INFO",
        format_args!(
            "Got response [{}] for URL: {url}",
            resp.status().as_u16()
        ),
    );
    // Read piece by piece, so a huge page is refused at the cap instead
    // of filling the memory.
    let mut body = Vec::new();
    while let Some(piece) = resp.chunk().await.map_err(why)? {
        if (body.len() + piece.len()) as u64 > c.max_bytes {
            return Err(format!("page larger than {} bytes", c.max_bytes));
        }
        body.extend_from_slice(&piece);
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

/// A one-line reason for a failed request, from the innermost error.
fn why(err: reqwest::Error) -> String {
    if let Some(status) = err.status() {
        return format!("HTTP error [{status}]");
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

/// `parse()`: the links on the page at `url`, absolute, each once, in the
/// order they first appear (Python's set has no order at all).
async fn parse(c: &Crawler, url: &str) -> Option<Vec<Url>> {
    let html = match fetch_html(c, url).await {
        Ok(html) => html,
        Err(reason) => {
            log(&c.clock, "ERROR", format_args!("{reason} for {url}"));
            return None;
        }
    };
    // The URL was checked when the list was read, so this cannot fail.
    let base = Url::parse(url).ok()?;
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    // `href="(.*?)"`: the text after each `href="` up to the next quote.
    let links = html
        .split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(link, _)| link));
    for link in links {
        match base.join(link) {
            Ok(abs) if seen.insert(abs.clone()) => found.push(abs),
            Ok(_) => {} // a duplicate
            Err(e) => log(
                &c.clock,
                "ERROR",
                format_args!("Error parsing URL {link:?}: {e}"),
            ),
        }
    }
    log(
        &c.clock,
        "INFO",
        format_args!("Found {} links for {url}", found.len()),
    );
    Some(found)
}

/// `write_one()`: crawl one URL and append its lines to the output file.
/// Returns how many links it wrote, or `None` if the page failed.
async fn write_one(c: &Crawler, url: &str) -> Option<usize> {
    let links = parse(c, url).await?;
    if links.is_empty() {
        return Some(0);
    }
    let mut lines = String::new();
    for link in &links {
        lines.push_str(&format!("{url}\t{link}\n"));
    }
    // Python reopens the file in append mode for every page. Here one
    // handle is shared, and the lock keeps one page's lines together
    // while other pages' futures are waiting to write theirs.
    let mut out = c.out.lock().await;
    if let Err(e) = out.file.write_all(lines.as_bytes()).await {
        log(&c.clock, "ERROR", format_args!("Writing {url}: {e}"));
        return None;
    }
    log(
        &c.clock,
        "INFO",
        format_args!("Wrote results for source URL: {url}"),
    );
    Some(links.len())
}

/// The URLs in the file: one per line, blank lines and `#` comments
/// skipped, each once (Python's `set(...)`), every one http or https.
fn read_urls(text: &str, file: &Path) -> Result<Vec<String>, String> {
    let mut urls: Vec<String> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let ok = Url::parse(line)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
        if !ok {
            return Err(format!(
                "{}:{}: not an http or https URL: {line}",
                file.display(),
                n + 1
            ));
        }
        if !urls.iter().any(|u| u == line) {
            urls.push(line.to_string());
        }
    }
    Ok(urls)
}

/// Says what went wrong and gives the exit status for it.
fn fail(code: u8, message: impl fmt::Display) -> ExitCode {
    eprintln!("areq: {message}");
    ExitCode::from(code)
}

fn main() -> Result<ExitCode, Box<dyn Error>> {
    // The boxed error is a deliberate simplification: only failing to
    // start the runtime, the client or the demo server ends up there.
    let cli: Cli = common::exit::parse();
    if u64::from(cli.limit) * cli.max_bytes > MAX_HELD_BYTES {
        common::exit::usage_error(format_args!(
            "at most {} GiB of pages in memory at once \
             (--limit times --max-bytes)",
            MAX_HELD_BYTES >> 30
        ));
    }
    // `asyncio.run(main())`: one thread, as asyncio has.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Ctrl-C drops the crawl where it stands: the unfinished output file
    // is removed (see `Output`), and the program exits with 130.
    common::exit::run_interruptible(runtime, run(cli))
}

/// Everything after the command line, on the runtime.
async fn run(cli: Cli) -> Result<ExitCode, Box<dyn Error>> {
    let clock = Clock::start(false);

    // Everything the command line names is checked before anything is
    // written or served: a `--urls` file that cannot be read or holds a
    // line that is no http(s) URL, an `--out` that is a folder or cannot
    // be created. Each is a mistake in what we were given: status 2.
    // Paths are shown quoted (`{:?}`), so that even a name with a line
    // break in it keeps the message on one line.
    let listed = match &cli.urls {
        Some(file) => {
            let text = match tokio::fs::read_to_string(file).await {
                Ok(text) => text,
                Err(e) => common::exit::usage_error(format_args!(
                    "cannot read {file:?}: {e}"
                )),
            };
            match read_urls(&text, file) {
                Ok(urls) => Some(urls),
                Err(e) => common::exit::usage_error(e),
            }
        }
        None => None,
    };

    // A folder would fail only at the very end, when the finished file
    // cannot take its name: after the whole crawl. `.`, `..` and a path
    // ending in `/` name folders too, whether they exist or not.
    let slash = cli.out.to_string_lossy().ends_with(is_separator);
    let folder = cli.out.file_name().is_none()
        || slash
        || tokio::fs::metadata(&cli.out)
            .await
            .is_ok_and(|m| m.is_dir());
    if folder {
        common::exit::usage_error(format_args!(
            "{:?} names a folder; --out must name a file",
            cli.out
        ));
    }
    // Python writes the header line with plain blocking I/O before the
    // event loop starts; here the file is created once and kept open.
    let out = match Output::create(&cli.out).await {
        Ok(out) => out,
        Err(e) => common::exit::usage_error(format_args!(
            "cannot write {:?}: {e}",
            cli.out
        )),
    };

    let urls = match listed {
        Some(urls) => urls,
        None => {
            let server = DemoServer::start(sites::areq).await?;
            log(
                &clock,
                "INFO",
                format_args!(
                    "No --urls file given: crawling the demo site at {}",
                    server.url("/")
                ),
            );
            sites::AREQ_PATHS.map(|p| server.url(p)).to_vec()
        }
    };

    let crawler = Crawler {
        // One client, like one `ClientSession`; the timeout bounds each
        // whole request, so a server that never answers cannot hang us.
        client: Client::builder()
            .timeout(Duration::from_millis(cli.timeout_ms))
            .build()?,
        sem: Semaphore::new(cli.limit as usize),
        out: Mutex::new(out),
        max_bytes: cli.max_bytes,
        clock: clock.clone(),
    };

    // `bulk_crawl_and_write()`: one future per URL, all gathered. They
    // all start at once; the semaphore, not the gathering, is what keeps
    // the number of requests in flight down to `--limit`.
    let results = join_all(urls.iter().map(|u| write_one(&crawler, u))).await;

    if let Err(e) = crawler.out.into_inner().finish().await {
        return Ok(fail(1, format!("cannot write {:?}: {e}", cli.out)));
    }

    let fetched = results.iter().flatten().count();
    let links: usize = results.iter().flatten().sum();
    println!(
        "Crawled {} URLs ({fetched} fetched, {} failed); \
         wrote {links} links to {}.",
        urls.len(),
        urls.len() - fetched,
        cli.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
