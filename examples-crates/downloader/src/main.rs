//! Download several files at once, streaming each one to disk.
//!
//! Every download starts at once; while one waits for the network the
//! others receive, so three archives that each take a second to arrive are
//! all saved in about one second, not three. Each body goes to disk piece
//! by piece as it arrives, never whole in memory, and a file appears under
//! its name only once it is complete: until then it is `.NAME.part`,
//! removed if the download fails or Ctrl-C ends the program (status 130).
//!
//! From "A Guide to Python asyncio" (Medium), "Asynchronous Downloader",
//! which downloads the Python 3.8.4, 3.8.5 and 3.8.6 documentation
//! archives with aiohttp (the article's listing was lost in our copy).
//!
//! Given no URL it serves three stand-in archives (not real zips) from its
//! own web server on `127.0.0.1`, slowly, and downloads them into
//! `--out-dir`; on a terminal each download gets a progress bar, elsewhere
//! a `Downloading URL` line on stderr. Notice the total time:
//!
//! ```text
//! $ cargo run -p downloader -- --out-dir /tmp
//! python-3.8.4-docs-html.zip: 600000 bytes
//! python-3.8.5-docs-html.zip: 650000 bytes
//! python-3.8.6-docs-html.zip: 700000 bytes
//! Downloaded 3 files (1950000 bytes) in 1.01 seconds.
//! ```
//!
//! The article's archives: `cargo run -p downloader -- --out-dir /tmp
//! https://www.python.org/ftp/python/doc/3.8.4/python-3.8.4-docs-html.zip`.
//! A file is named from the last segment of its URL's path; a name that is
//! empty, hidden or holds anything but letters, digits and `-_.+~%` is
//! refused before anything is downloaded.
//!
//! | Python | Rust |
//! |---|---|
//! | `async with aiohttp.ClientSession() as session` | one `Client` |
//! | `async with session.get(url) as resp` | `get(session, url).await` |
//! | `async for chunk in resp.content.iter_chunked(n)` | `resp.chunk()` |
//! | `f.write(chunk)` | `file.write_all(&chunk).await` |
//! | `asyncio.gather(*downloads)` | `join_all(downloads).await` |
//! | `async with asyncio.Semaphore(n):` | `sem.acquire().await` |
//! | `try: ... except: os.remove(part)` | `WholeFile`'s `Drop` |
//! | `time.perf_counter()` | `tokio::time::Instant::now()` |

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use clap::Parser;
use common_net::{limits, why, DownloadArgs, Progress, WholeFile};
use demo_server::{sites, DemoServer};
use futures::future::join_all;
use indicatif::ProgressBar;
use reqwest::Client;
use tokio::sync::Semaphore;
use tokio::time::Instant;

// step: cli
/// Download files concurrently into a folder.
#[derive(Parser, Debug)]
#[command(version)]
struct Cli {
    /// The URLs to download (http or https). None: serve three demo
    /// archives on 127.0.0.1 and download those.
    #[arg(value_name = "URL", value_parser = common_net::http_url)]
    urls: Vec<String>,

    /// The folder to save the files in.
    #[arg(long, value_name = "DIR", default_value = ".")]
    out_dir: PathBuf,

    #[command(flatten)]
    net: DownloadArgs,
}

// step: download
/// `download(session, url)`: streams `url` into the file at `path`; the
/// number of bytes saved, or why there are none.
async fn download(
    session: &Client,
    url: &str,
    path: PathBuf,
    bar: ProgressBar,
    max_bytes: u64,
) -> Result<u64, String> {
    let mut resp = common_net::get(session, url).await?;
    let expected = resp.content_length();
    if let Some(size) = expected.filter(|&size| size > max_bytes) {
        return Err(format!("{size} bytes is over --max-bytes {max_bytes}"));
    }
    bar.set_length(expected.unwrap_or(0));
    // Dropped on any early return below, or when Ctrl-C drops this future
    // midway, the part file removes itself: Python's `finally:`.
    let mut file = WholeFile::create(&path)?;
    let mut written: u64 = 0;
    // Each piece is written as it arrives, so memory holds one piece at a
    // time whatever the size of the file; while this future waits for the
    // next piece, the other downloads run.
    while let Some(chunk) = resp.chunk().await.map_err(|e| why(&e))? {
        written += chunk.len() as u64;
        if written > max_bytes {
            return Err(format!("more than --max-bytes {max_bytes}"));
        }
        file.write_all(&chunk).await?;
        bar.inc(chunk.len() as u64);
    }
    if let Some(size) = expected.filter(|&size| size != written) {
        return Err(format!("got {written} of {size} bytes"));
    }
    file.finish().await?;
    bar.finish();
    Ok(written)
}

// step: main
/// `main()`: download every URL at once, then say what was saved. Returns
/// how many downloads failed.
async fn async_main(
    urls: &[String],
    names: &[String],
    dir: &Path,
    net: DownloadArgs,
) -> reqwest::Result<usize> {
    let s = Instant::now();
    // One client for all downloads; its timeout bounds each download as a
    // whole, so a server that trickles a byte at a time cannot hold one.
    let session = common_net::download_client(net.timeout())?;
    let progress = Progress::new();
    // Python starts every download at once; 600 of them would run out of
    // open files (a socket and a file each). The semaphore lets at most
    // `MAX_DOWNLOADS` run while the rest wait their turn, still gathered.
    let sem = &Semaphore::new(limits::MAX_DOWNLOADS);
    let downloads = urls.iter().zip(names).map(|(url, name)| {
        let bar = progress.bar(name, url);
        let file = download(&session, url, dir.join(name), bar, net.max_bytes);
        async move {
            let _permit = sem.acquire().await.map_err(|e| e.to_string())?;
            file.await
        }
    });
    // `gather`: all start now; the results come back in argument order.
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
    let elapsed = common::secs(s.elapsed(), 2);
    println!("Downloaded {saved} files ({total} bytes) in {elapsed} seconds.");
    Ok(urls.len() - saved)
}

// step: run
fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The boxed error is a deliberate simplification: only failing to
    // start the runtime, the client or the demo server ends up there.
    let cli: Cli = common::exit::parse();
    // The folder, and below every file name, are checked before anything
    // is served or fetched: each mistake there is status 2.
    common_net::check_dir(&cli.out_dir)
        .unwrap_or_else(|e| common::exit::usage_error(e));
    let (failed, count) = common::run(async {
        let mut urls = cli.urls;
        if urls.is_empty() {
            let server = DemoServer::start(sites::downloader).await?;
            let root = server.url("/");
            eprintln!("No URL given: downloading demo archives from {root}");
            urls = sites::DOWNLOADS.map(|(p, _)| server.url(p)).to_vec();
        }
        // Two downloads must never write the same file.
        let mut seen = HashSet::new();
        let names: Vec<String> = urls
            .iter()
            .map(|url| {
                let name = common_net::file_name_for(url, &cli.out_dir)
                    .unwrap_or_else(|e| common::exit::usage_error(e));
                if !seen.insert(name.clone()) {
                    common::exit::usage_error(format!(
                        "two URLs would both be saved as {name}"
                    ));
                }
                name
            })
            .collect();
        let failed = async_main(&urls, &names, &cli.out_dir, cli.net).await?;
        Ok::<_, Box<dyn std::error::Error>>((failed, urls.len()))
    })??;
    // Each failure is told in its place above; the last line on stderr
    // says that the run as a whole failed, as every example does.
    if failed > 0 {
        common::exit::failure(format!("{failed} of {count} downloads failed"));
    }
    Ok(())
}
