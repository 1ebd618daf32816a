//! Download several files at once, streaming each one to disk.
//!
//! Every download starts at once; while one waits for the network the
//! others receive, so three archives that each take a second to arrive are
//! all saved in about one second, not three. Each body goes to disk piece
//! by piece as it arrives, never whole in memory. A file appears under its
//! final name only once it is complete and its size matches what the
//! server announced: until then it is a hidden `.NAME.part` file, removed
//! if the download fails or the program is interrupted (Ctrl-C, which
//! ends it with status 130).
//!
//! From `001_323150feb71a6b18.txt`, "Asynchronous Downloader" (the
//! article's listing was lost; it downloads the Python 3.8.4, 3.8.5 and
//! 3.8.6 documentation archives with aiohttp).
//!
//! Given no URL it serves three stand-in archives (not real zips) from
//! its own web server on `127.0.0.1`, slowly, and downloads them into
//! `--out-dir`. On a terminal each download gets a progress bar; otherwise
//! plain lines go to stderr. Notice the total time, about one second:
//!
//! ```text
//! $ cargo run -p downloader -- --out-dir /tmp
//! python-3.8.4-docs-html.zip: 600000 bytes
//! python-3.8.5-docs-html.zip: 650000 bytes
//! python-3.8.6-docs-html.zip: 700000 bytes
//! Downloaded 3 files (1950000 bytes) in 1.01 seconds.
//! ```
//!
//! Real archives, as in the article:
//! `cargo run -p downloader -- --out-dir /tmp
//! https://www.python.org/ftp/python/doc/3.8.4/python-3.8.4-docs-html.zip`.
//! A file is named from the last segment of its URL's path; a URL whose
//! name is empty, hidden or holds anything but letters, digits and
//! `-_.+~%` is refused before anything is downloaded, so nothing is ever
//! written outside `--out-dir`.
//!
//! | Python | Rust |
//! |---|---|
//! | `async with aiohttp.ClientSession() as session` | one `reqwest::Client` |
//! | `async with session.get(url) as resp` | `client.get(url).send().await?` |
//! | `await resp.content.read(chunk_size)` | `resp.chunk().await?` |
//! | writing the file | `tokio::fs::File`, `write_all(...).await`, `sync_all().await`, `tokio::fs::rename` |
//! | `asyncio.gather(*downloads)` | `join_all(downloads).await` |
//! | `try: ... finally: os.remove(part)` | a `Drop` guard (`PartFile`) |
//! | `KeyboardInterrupt` | `common::exit::run_interruptible`: `tokio::select!` on `tokio::signal::ctrl_c()`, then exit status 130 |
//! | `time.perf_counter()` | `tokio::time::Instant` (in `common::Clock`) |

use std::collections::HashSet;
use std::error::Error;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Parser;
use common::{secs, Clock};
use demo_server::{sites, DemoServer};
use futures::future::join_all;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use reqwest::{Client, Url};
use tokio::fs::File;
use tokio::io::AsyncWriteExt;

/// The longest timeout, in milliseconds: an hour without a byte is a
/// dead server; a larger number is a typo, not a wish to wait for days.
const MAX_TIMEOUT_MS: u64 = 3_600_000;

/// The largest file, in bytes: 1 TiB. Files go to disk piece by piece, so
/// memory does not limit this; the disk does, and no demo needs more.
const MAX_FILE_BYTES: u64 = 1 << 40;

/// Download files concurrently into a folder.
#[derive(Parser, Debug)]
struct Cli {
    /// The URLs to download (http or https). None: serve three demo
    /// archives on 127.0.0.1 and download those.
    #[arg(value_name = "URL", value_parser = http_url)]
    urls: Vec<String>,

    /// The folder to save the files in.
    #[arg(long, value_name = "DIR", default_value = ".")]
    out_dir: PathBuf,

    /// Give up on a download when no data arrives for this long.
    #[arg(long, value_name = "MS", default_value_t = 30_000,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_MS))]
    timeout_ms: u64,

    /// Refuse a file larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 30,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64).range(1..=MAX_FILE_BYTES))]
    max_bytes: u64,
}

fn http_url(arg: &str) -> Result<String, String> {
    let url = Url::parse(arg).map_err(|e| format!("not a URL: {e}"))?;
    match url.scheme() {
        "http" | "https" => Ok(arg.to_string()),
        other => Err(format!("`{other}:` URLs are not supported")),
    }
}

/// The file name for `url`: the last segment of its path, if it is a
/// plain name. The URL parser has already resolved `..` and `.`
/// segments; what is refused here is anything that could still point
/// elsewhere (a separator, a leading dot, an empty name).
fn file_name(url: &str) -> Result<String, String> {
    let url = Url::parse(url).map_err(|e| e.to_string())?;
    let last = url.path_segments().and_then(|mut s| s.next_back());
    let name = last.unwrap_or("");
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_.+~%".contains(c);
    if name.is_empty()
        || name.starts_with('.')
        || name.len() > 200
        || !name.chars().all(plain)
    {
        return Err(format!("cannot name a file from {url} ({name:?})"));
    }
    Ok(name.to_string())
}

/// Removes the partial file when dropped, unless the download finished:
/// on an error, and also when the download's future is dropped midway
/// (Ctrl-C), which is where Python would run a `finally:` block.
struct PartFile {
    path: PathBuf,
    done: bool,
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if !self.done {
            // A blocking call in async code, on purpose: `Drop` cannot
            // await, and removing one small directory entry is quick.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Downloads `url` to `dir/name`; the number of bytes saved, or why not.
async fn download(
    client: &Client,
    url: &str,
    dir: &Path,
    name: &str,
    bar: ProgressBar,
    max_bytes: u64,
) -> Result<u64, String> {
    let mut resp = client
        .get(url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(why)?;
    let expected = resp.content_length();
    if let Some(size) = expected.filter(|&size| size > max_bytes) {
        return Err(format!("{size} bytes is over --max-bytes {max_bytes}"));
    }
    bar.set_length(expected.unwrap_or(0));

    let mut part = PartFile {
        path: dir.join(format!(".{name}.part")),
        done: false,
    };
    let io = |e: std::io::Error| format!("{}: {e}", part.path.display());
    // Created with a blocking call, on purpose: tokio's `File::create` runs
    // on another thread, and if Ctrl-C dropped this future while it was
    // under way, the guard would remove the file before it existed.
    let std_file = std::fs::File::create(&part.path).map_err(io)?;
    let mut file = File::from_std(std_file);
    let mut written: u64 = 0;
    // Each piece is written as it arrives, so memory use stays at one
    // piece whatever the size of the file.
    while let Some(piece) = resp.chunk().await.map_err(why)? {
        written += piece.len() as u64;
        if written > max_bytes {
            return Err(format!("more than --max-bytes {max_bytes}"));
        }
        file.write_all(&piece).await.map_err(io)?;
        bar.inc(piece.len() as u64);
    }
    // tokio writes on a background thread: flush waits for that, and
    // sync_all for the disk, before the file may take its final name.
    file.flush().await.map_err(io)?;
    file.sync_all().await.map_err(io)?;
    drop(file);
    if let Some(size) = expected.filter(|&size| size != written) {
        return Err(format!("got {written} of {size} bytes"));
    }
    let io = |e: std::io::Error| format!("{}: {e}", part.path.display());
    tokio::fs::rename(&part.path, dir.join(name))
        .await
        .map_err(io)?;
    part.done = true;
    bar.finish();
    Ok(written)
}

/// A one-line reason for a failed request, from the innermost error.
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
    // start the runtime, the client or the demo server ends up there.
    let cli: Cli = common::exit::parse();
    // `asyncio.run(main())`: one thread, as asyncio has.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // Ctrl-C drops the downloads where they stand: each unfinished one's
    // `PartFile` guard removes its partial file, and the program exits
    // with 130.
    common::exit::run_interruptible(runtime, run(cli))
}

/// Everything after the command line, on the runtime.
async fn run(cli: Cli) -> Result<(), Box<dyn Error>> {
    let clock = Clock::start(false);

    // The folder first, before anything is served or requested: a missing
    // folder, or one that cannot be written, would otherwise fail every
    // download separately. A mistake in the command line: status 2. The
    // path is shown quoted (`{:?}`), so that even a name with a line break
    // in it keeps the message on one line.
    if !tokio::fs::metadata(&cli.out_dir)
        .await
        .is_ok_and(|m| m.is_dir())
    {
        common::exit::usage_error(format_args!(
            "{:?} is not a folder",
            cli.out_dir
        ));
    }
    let probe = cli
        .out_dir
        .join(format!(".downloader-{}.probe", std::process::id()));
    if let Err(e) = tokio::fs::write(&probe, b"").await {
        common::exit::usage_error(format_args!(
            "cannot write in {:?}: {e}",
            cli.out_dir
        ));
    }
    let _ = tokio::fs::remove_file(&probe).await;

    let urls = if cli.urls.is_empty() {
        let server = DemoServer::start(sites::downloader).await?;
        eprintln!(
            "No URL given: downloading demo archives from {}",
            server.url("/")
        );
        sites::DOWNLOADS.map(|(p, _)| server.url(p)).to_vec()
    } else {
        cli.urls
    };

    // Every name is checked before anything starts: a bad or repeated
    // name is a mistake in the command line (status 2), and two
    // downloads must never write the same file.
    let mut names = Vec::new();
    let mut seen = HashSet::new();
    for url in &urls {
        let problem = match file_name(url) {
            Ok(name) if !seen.insert(name.clone()) => {
                format!("two URLs would both be saved as {name}")
            }
            Ok(name) => {
                names.push(name);
                continue;
            }
            Err(e) => e,
        };
        common::exit::usage_error(problem);
    }

    // One client for all downloads. The timeout is per read, not for the
    // whole download: a big file on a slow line may take long, but a
    // server that stops sending is given up on.
    let client = Client::builder()
        .connect_timeout(Duration::from_millis(cli.timeout_ms))
        .read_timeout(Duration::from_millis(cli.timeout_ms))
        .build()?;

    // Progress bars only on a terminal; in a pipe or a log they would be
    // escape codes, so plain lines take their place.
    let terminal = std::io::stderr().is_terminal();
    let bars = MultiProgress::new();
    let style = ProgressStyle::with_template(
        "{msg:28} [{bar:30}] {bytes:>10}/{total_bytes:10}",
    )?
    .progress_chars("=> ");
    let downloads = urls.iter().zip(&names).map(|(url, name)| {
        let bar = if terminal {
            let bar = bars.add(ProgressBar::new(0));
            bar.set_style(style.clone());
            bar.set_message(name.clone());
            bar
        } else {
            eprintln!("Downloading {url}");
            ProgressBar::hidden()
        };
        download(&client, url, &cli.out_dir, name, bar, cli.max_bytes)
    });

    // `gather` the downloads.
    let results = join_all(downloads).await;

    let mut total = 0;
    let mut saved = 0;
    for (name, result) in names.iter().zip(results) {
        match result {
            Ok(size) => {
                println!("{name}: {size} bytes");
                total += size;
                saved += 1;
            }
            Err(reason) => println!("{name}: failed: {reason}"),
        }
    }
    println!(
        "Downloaded {saved} files ({total} bytes) in {} seconds.",
        secs(clock.elapsed(), 2)
    );
    // Each failure is told in its place above; the last line on stderr
    // says that the run as a whole failed, as every example does.
    if saved < urls.len() {
        common::exit::failure(format_args!(
            "{} of {} downloads failed",
            urls.len() - saved,
            urls.len()
        ));
    }
    Ok(())
}
