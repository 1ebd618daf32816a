//! The files `areq` reads and writes: the list of URLs to crawl, read as
//! a careful program reads a file it did not write (capped in size, each
//! line checked, an error naming the file and the line), and the output,
//! written to a temporary file that takes its name only when complete.

use std::collections::HashSet;
use std::io::Read;
use std::path::{is_separator, Path};

use tempfile::NamedTempFile;

use crate::outside::{escaped, web_url};

/// The walkthrough's `urls.txt`, crawled when no `--urls` file is given.
pub const WALKTHROUGH_URLS: [&str; 8] = [
    "https://regex101.com/",
    "https://docs.python.org/3/this-url-will-404.html",
    "https://www.nytimes.com/guides/",
    "https://www.mediamatters.org/",
    "https://1.1.1.1/",
    "https://www.politico.com/tipsheets/morning-money",
    "https://www.bloomberg.com/markets/economics",
    "https://www.ietf.org/rfc/rfc2616.txt",
];

/// The largest URL list read, 16 MiB: some hundred thousand URLs.
const MAX_LIST_BYTES: u64 = 16 << 20;

/// The URLs in the file at `path`: one per line, trimmed, blank lines and
/// `#` comments skipped, each once in the order of its first line (like
/// the twin's `dict.fromkeys`), every one http or https with nothing
/// hidden in it. A file over `MAX_LIST_BYTES` is refused, not read whole.
pub fn read_urls(path: &Path) -> Result<Vec<String>, String> {
    let cannot = |e: String| format!("cannot read {path:?}: {e}");
    let file = std::fs::File::open(path).map_err(|e| cannot(e.to_string()))?;
    let mut text = String::new();
    let mut capped = file.take(MAX_LIST_BYTES + 1);
    let read = capped.read_to_string(&mut text);
    read.map_err(|e| cannot(e.to_string()))?;
    if text.len() as u64 > MAX_LIST_BYTES {
        return Err(cannot(format!("larger than {MAX_LIST_BYTES} bytes")));
    }
    let (mut seen, mut urls) = (HashSet::new(), Vec::new());
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // A tab, an escape or a byte-order mark printed back could forge
        // a TSV column or a log line; `web_url` refuses them.
        if web_url(line).is_err() {
            let (at, n) = (path.display(), n + 1);
            let line = escaped(&format!("{line:?}"));
            return Err(format!("{at}:{n}: not an http or https URL: {line}"));
        }
        if seen.insert(line) {
            urls.push(line.to_string());
        }
    }
    if urls.is_empty() {
        return Err(format!("no URLs in {path:?}"));
    }
    Ok(urls)
}

/// A temporary file beside `out`, to take its name once complete.
/// `NamedTempFile` gives it a random name, creates it exclusively (nothing
/// planted there is written through) and removes it when dropped before
/// `persist`. `out` must be a regular file, or not exist yet: the rename
/// would replace a link, a device or a pipe, and fail on a folder.
pub fn beside(out: &Path) -> Result<NamedTempFile, String> {
    let slash = out.to_string_lossy().ends_with(is_separator);
    if slash || out.is_dir() || out.file_name().is_none() {
        return Err(format!("{out:?} names a folder, not a file"));
    }
    if std::fs::symlink_metadata(out).is_ok_and(|m| !m.is_file()) {
        return Err(format!("{out:?} is not a regular file; refusing it"));
    }
    let dir = out.parent().unwrap_or(Path::new("."));
    NamedTempFile::new_in(dir).map_err(|e| format!("cannot write {out:?}: {e}"))
}
