//! Every limit the network examples enforce, and why it is where it is.
//! A limit turns a typo or a hostile server into a clear message instead
//! of a hang, a full memory or a full disk.

/// The longest timeout, in milliseconds: an hour. No page takes that long
/// to arrive; a larger number is a typo, not a wish to wait for days.
pub const MAX_TIMEOUT_MS: u64 = 3_600_000;

/// The largest page, in bytes: 1 GiB, far beyond any HTML page.
pub const MAX_PAGE_BYTES: u64 = 1 << 30;

/// The most page bytes a program may hold at once: 4 GiB. `fetch-urls`
/// keeps every body until all are in, `areq` one page per request in
/// flight; the product of the two flags is refused beyond this, so that
/// no combination of them can fill the memory.
pub const MAX_HELD_BYTES: u64 = 4 << 30;

/// The largest download, in bytes: 1 TiB. Downloads go to disk piece by
/// piece, so memory does not limit this; the disk does.
pub const MAX_FILE_BYTES: u64 = 1 << 40;

/// The most requests `areq` lets run at once. Each holds a connection,
/// and so a file descriptor; a thousand stays under the 1024 open files
/// a process is commonly allowed. An `i64`, because clap checks the
/// range of a `u32` as an `i64`.
pub const MAX_LIMIT: i64 = 1000;

/// The most redirects followed for one request, as browsers roughly do;
/// a loop of redirects ends here with an error.
pub const MAX_REDIRECTS: usize = 10;

/// The most downloads `downloader` runs at once. Each holds a connection
/// and a file, two file descriptors; 200 of them stay well under the
/// 1024 open files a process is commonly allowed, and more at once would
/// not fill a line any faster.
pub const MAX_DOWNLOADS: usize = 200;

/// The longest a download may go without a byte (and a connection may
/// take to open) before it is given up on: 30 s, far beyond any pause of
/// a working server, while `--timeout-ms` bounds the download as a whole.
pub const MAX_SILENCE: std::time::Duration = std::time::Duration::from_secs(30);

/// The largest URL list `areq` reads: 16 MiB, some hundred thousand URLs.
pub const MAX_URL_LIST_BYTES: u64 = 16 << 20;

/// The longest file name a download may take (most file systems allow
/// 255 bytes; the part file adds a dot and `.part`).
pub const MAX_NAME_BYTES: usize = 200;

/// Refuses `count` bodies of up to `max_bytes` each when together they
/// could pass [`MAX_HELD_BYTES`]; `what` says what the count is.
pub fn check_held(
    count: u64,
    max_bytes: u64,
    what: &str,
) -> Result<(), String> {
    if count.saturating_mul(max_bytes) > MAX_HELD_BYTES {
        return Err(format!(
            "at most {} GiB of bodies in memory at once ({what} times \
             --max-bytes)",
            MAX_HELD_BYTES >> 30
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_bytes_are_capped() {
        assert!(check_held(4, 1 << 30, "URLs").is_ok());
        let err = check_held(5, 1 << 30, "URLs").unwrap_err();
        assert!(err.contains("at most 4 GiB") && err.contains("URLs"));
        assert!(check_held(u64::MAX, u64::MAX, "URLs").is_err());
    }
}
