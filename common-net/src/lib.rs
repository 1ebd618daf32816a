//! The network plumbing the three network examples (`fetch-urls`, `areq`,
//! `downloader`) share and no article teaches: the HTTP client with its
//! timeouts, redirect policy and size caps, one-line error messages,
//! files written whole or not at all, URL lists, and the limits with
//! their reasons.
//!
//! It is a crate of its own, beside `common`, so that the examples
//! without a network never compile reqwest. The concurrency itself
//! (`spawn`, `join!`, `join_all`, `select!`, `Semaphore`) is never here:
//! it stays in each example, beside the Python it ports.

mod client;
mod file;
pub mod limits;
mod progress;
mod urls;

pub use client::{client, download_client, get, http_url, read_body, why};
pub use file::{check_dir, check_target, file_name_for, WholeFile};
pub use progress::Progress;
pub use urls::read_urls;

/// A fresh folder for one unit test under `target/test-tmp`, so that no
/// test writes into the system's temp folder.
#[cfg(test)]
fn scratch(test: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    // target/<profile>/deps/<test> -> target
    let target = exe.ancestors().nth(3).expect("target folder");
    let dir = target
        .join("test-tmp")
        .join(format!("common-net-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("test setup");
    dir
}

use std::time::Duration;

/// `--timeout-ms` and `--max-bytes` for the examples that read whole
/// pages into memory (`fetch-urls`, `areq`); flatten it into a parser
/// with `#[command(flatten)]`.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct PageArgs {
    /// Give up on a request that takes longer than this, in all.
    #[arg(long, value_name = "MS", default_value_t = 10_000,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64)
              .range(1..=limits::MAX_TIMEOUT_MS))]
    pub timeout_ms: u64,

    /// Refuse a body larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 << 20,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64)
              .range(1..=limits::MAX_PAGE_BYTES))]
    pub max_bytes: u64,
}

/// `--timeout-ms` and `--max-bytes` for `downloader`, which streams to
/// disk: files may be far larger, so the default timeout is longer.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct DownloadArgs {
    /// Give up on a download that takes longer than this, in all (and on
    /// one that goes 30 s without a byte, sooner).
    #[arg(long, value_name = "MS", default_value_t = 600_000,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64)
              .range(1..=limits::MAX_TIMEOUT_MS))]
    pub timeout_ms: u64,

    /// Refuse a file larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 30,
          allow_negative_numbers = true,
          value_parser = clap::value_parser!(u64)
              .range(1..=limits::MAX_FILE_BYTES))]
    pub max_bytes: u64,
}

impl PageArgs {
    /// `--timeout-ms` as a duration.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }
}

impl DownloadArgs {
    /// `--timeout-ms` as a duration.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }
}
