//! Download several files at once, streaming each one to disk.
//!
//! Every download starts at once; while one waits for the network the
//! others receive, so three archives that each take a second to arrive are
//! all saved in about one second, not three. Each body goes to disk piece
//! by piece as it arrives, never whole in memory, into a temporary file
//! that takes the file's name only once it is complete: a download that
//! fails, or Ctrl-C, leaves nothing behind and any earlier file as it was.
//!
//! From "A Guide to Python asyncio" (Medium), "Asynchronous Downloader",
//! which downloads the Python 3.8.4, 3.8.5 and 3.8.6 documentation
//! archives with aiohttp (the article's listing was lost in our copy).
//!
//! Given no URL it downloads the article's archives; the port serves three
//! stand-ins (not real zips) from `127.0.0.1` instead, slowly. A file is
//! named from the last segment of its URL's path. On a terminal each
//! download gets a progress bar. Notice the total time:
//!
//! ```text
//! $ cargo run -p downloader -- --out-dir /tmp
//! python-3.8.4-docs-html.zip: 600000 bytes
//! python-3.8.5-docs-html.zip: 650000 bytes
//! python-3.8.6-docs-html.zip: 700000 bytes
//! Downloaded 3 files (1950000 bytes) in 1.01 seconds.
//! ```
//!
//! | Python | Rust |
//! |---|---|
//! | `async with aiohttp.ClientSession() as session` | `Client::builder()` |
//! | `aiohttp.ClientTimeout(sock_read=...)` | `.read_timeout(Duration)` |
//! | `async with session.get(url) as resp` | `session.get(url).send()` |
//! | `async for chunk in resp.content.iter_chunked(n)` | `resp.chunk()` |
//! | `tempfile.NamedTemporaryFile(dir=d)` | `NamedTempFile::new_in(dir)` |
//! | `f.write(chunk)`; `os.replace(f.name, path)` | `write_all`; `persist` |
//! | `asyncio.gather(*downloads)` | `join_all(downloads).await` |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |
//! | `asyncio.run(main())` | `Builder::new_current_thread()`...`block_on` |

use std::{error::Error, path::Path, path::PathBuf, time::Duration};

use clap::{error::ErrorKind, CommandFactory, Parser};
use futures::future::join_all;
use indicatif::ProgressBar;
use reqwest::{redirect::Policy, Client};
use tempfile::NamedTempFile;
use tokio::io::AsyncWriteExt;
#[cfg(unix)]
use tokio::signal::unix::{signal, SignalKind};
use tokio::{runtime::Builder, sync::Semaphore, time::Instant};

mod names;
#[path = "../../fetch-urls/src/outside.rs"] // port-only
mod outside;
mod progress;
use outside::{web_only, web_url, why};

/// The article's three archives, downloaded when no URL is given.
const ARTICLE_URLS: [&str; 3] = [
    "https://www.python.org/ftp/python/doc/3.8.4/python-3.8.4-docs-html.zip",
    "https://www.python.org/ftp/python/doc/3.8.5/python-3.8.5-docs-html.zip",
    "https://www.python.org/ftp/python/doc/3.8.6/python-3.8.6-docs-html.zip",
];

// Limits far beyond real use, so that a typo is refused, not a hang or a
// full disk: an hour a download (and 30 s without a byte), 1 TiB a file,
// 200 downloads at once (a socket and a file each: < 1024 open files).
const MAX_TIMEOUT_MS: u64 = 3_600_000;
const MAX_SILENCE: Duration = Duration::from_secs(30);
const MAX_FILE_BYTES: u64 = 1 << 40;
const MAX_DOWNLOADS: usize = 200;

// step: cli
/// Download files concurrently into a folder.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// The URLs to download (http or https). None: the article's three.
    #[arg(value_name = "URL")]
    urls: Vec<String>,
    /// The folder to save the files in.
    #[arg(long, value_name = "DIR", default_value = ".")]
    out_dir: PathBuf,
    /// Give up on a download that takes longer than this, in all.
    #[arg(long, default_value_t = 600_000, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_MS))]
    timeout_ms: u64,
    /// Refuse a file larger than this many bytes.
    #[arg(long, default_value_t = 1 << 30, allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_FILE_BYTES))]
    max_bytes: u64,
}

// step: download
/// Streams `url` into `dir/name`: the number of bytes saved, or why
/// there are none.
async fn download(
    session: &Client,
    url: &str,
    (dir, name): (&Path, &str),
    bar: ProgressBar,
    max_bytes: u64,
) -> Result<u64, String> {
    let resp = session.get(url).send().await.map_err(why)?;
    let mut resp = resp.error_for_status().map_err(why)?;
    // A redirect reqwest did not follow (to `file:`, say) has no file.
    if resp.status().is_redirection() {
        return Err(format!("HTTP {}: a redirect not followed", resp.status()));
    }
    let expected = resp.content_length();
    if let Some(size) = expected.filter(|&size| size > max_bytes) {
        return Err(format!("{size} bytes is over --max-bytes {max_bytes}"));
    }
    bar.set_length(expected.unwrap_or(0));
    // Created exclusively under a random name: nothing planted there is
    // written through. Dropped before `persist`, it is removed.
    let cannot = |e: std::io::Error| format!("cannot write in {dir:?}: {e}");
    let (file, temp) = NamedTempFile::new_in(dir).map_err(cannot)?.into_parts();
    let mut file = tokio::fs::File::from_std(file);
    let mut written: u64 = 0;
    while let Some(chunk) = resp.chunk().await.map_err(why)? {
        written += chunk.len() as u64;
        if written > max_bytes {
            return Err(format!("more than --max-bytes {max_bytes}"));
        }
        file.write_all(&chunk).await.map_err(cannot)?;
        bar.inc(chunk.len() as u64);
    }
    if let Some(size) = expected.filter(|&size| size != written) {
        return Err(format!("got {written} of {size} bytes"));
    }
    // Nothing at all never replaces an earlier file that held something.
    let path = dir.join(name);
    if written == 0 && std::fs::metadata(&path).is_ok_and(|m| m.len() > 0) {
        return Err(format!("nothing arrived; {name} keeps what it held"));
    }
    // `flush` waits for tokio's writes, `sync_all` for the disk.
    file.flush().await.map_err(cannot)?;
    file.sync_all().await.map_err(cannot)?;
    temp.persist(&path).map_err(|e| cannot(e.error))?;
    bar.finish();
    Ok(written)
}

// step: main
/// Downloads every URL at once, then says what was saved. Returns how
/// many downloads failed.
async fn async_main(
    urls: &[String],
    names: &[String],
    cli: &Cli,
) -> reqwest::Result<usize> {
    let s = Instant::now();
    // A trickle holds no download past `timeout`; silence ends it sooner.
    let timeout = Duration::from_millis(cli.timeout_ms);
    let session = Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout.min(MAX_SILENCE))
        .read_timeout(timeout.min(MAX_SILENCE))
        .redirect(Policy::custom(web_only))
        .build()?;
    let bars = progress::Bars::new();
    // A socket and a file each: `MAX_DOWNLOADS` run at once, others wait.
    let sem = &Semaphore::new(MAX_DOWNLOADS);
    let downloads = urls.iter().zip(names).map(|(url, name)| {
        let to = (cli.out_dir.as_path(), name.as_str());
        let bar = bars.bar(name, url);
        let file = download(&session, url, to, bar, cli.max_bytes);
        async move {
            let _permit = sem.acquire().await.map_err(|e| e.to_string())?;
            file.await
        }
    });
    let results = join_all(downloads).await;
    let (mut total, mut saved) = (0, 0);
    for (name, result) in names.iter().zip(results) {
        match result {
            Ok(size) => {
                println!("{name}: {size} bytes");
                (total, saved) = (total + size, saved + 1);
            }
            Err(reason) => println!("{name}: failed: {reason}"),
        }
    }
    let elapsed = s.elapsed().as_secs_f64();
    println!(
        "Downloaded {saved} files ({total} bytes) in {elapsed:.2} seconds."
    );
    Ok(urls.len() - saved)
}

/// A mistake on the command line, reported as clap reports its own.
fn usage(m: String) -> ! {
    Cli::command().error(ErrorKind::ValueValidation, m).exit()
}

// step: run
fn main() -> Result<(), Box<dyn Error>> {
    let cli = Cli::parse();
    common::end_quietly_on_closed_pipe(); // port-only
    let dir = &cli.out_dir;
    if !dir.is_dir() || tempfile::tempfile_in(dir).is_err() {
        usage(format!("{dir:?} is not a folder this program can write in"));
    }
    for url in &cli.urls {
        if let Err(why) = web_url(url) {
            usage(format!("invalid URL '{}': {why}", outside::escaped(url)));
        }
    }
    let mut urls = cli.urls.clone();
    common_net::downloader_demo(&mut urls)?; // port-only
    if urls.is_empty() {
        urls = ARTICLE_URLS.map(String::from).to_vec();
    }
    let names = names::file_names(&urls, dir).unwrap_or_else(|e| usage(e));
    let runtime = Builder::new_current_thread().enable_all().build()?;
    let failed = runtime.block_on(async {
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
            failed = async_main(&urls, &names, &cli) => Ok(failed),
        }
    });
    // On a signal, `select!` has dropped the downloads and their files.
    let failed = failed.unwrap_or_else(|(said, status)| {
        eprintln!("downloader: {said}");
        std::process::exit(status)
    })?;
    if failed > 0 {
        eprintln!("downloader: {failed} of {} downloads failed", urls.len());
        std::process::exit(1);
    }
    Ok(())
}
