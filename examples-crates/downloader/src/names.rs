//! Where each download goes: a file name taken from its URL, checked
//! before anything is fetched, as the twin's `file_name_for` does.

use std::collections::HashSet;
use std::path::Path;

use reqwest::Url;

/// The longest name taken, in bytes (most file systems allow 255).
const MAX_NAME_BYTES: usize = 200;

/// The names to save `urls` under in `dir`, one each and never two alike,
/// or why one cannot be saved.
pub fn file_names(urls: &[String], dir: &Path) -> Result<Vec<String>, String> {
    let mut seen = HashSet::new();
    let name_once = |url: &String| {
        let name = file_name_for(url, dir)?;
        if !seen.insert(name.clone()) {
            return Err(format!("two URLs would both be saved as {name}"));
        }
        Ok(name)
    };
    urls.iter().map(name_once).collect()
}

/// The last segment of `url`'s path, if it is a plain name: the URL parser
/// has resolved `..` and `.` already; what is refused here is anything
/// that could still point elsewhere (a separator, encoded or not) or hide
/// (a leading dot), and a name that in `dir` is a link, a device or a
/// pipe, which the final rename would replace.
fn file_name_for(url: &str, dir: &Path) -> Result<String, String> {
    let url = Url::parse(url).map_err(|e| e.to_string())?;
    let name = url.path_segments().and_then(|mut s| s.next_back());
    let name = name.unwrap_or("");
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_.+~%".contains(c);
    if name.is_empty()
        || name.starts_with('.')
        || name.len() > MAX_NAME_BYTES
        || !name.chars().all(plain)
    {
        return Err(format!("cannot name a file from {url} ({name:?})"));
    }
    let path = dir.join(name);
    let kind = std::fs::symlink_metadata(&path).map(|m| m.file_type());
    if kind.is_ok_and(|k| !k.is_file() && !k.is_dir()) {
        return Err(format!("{path:?} is not a regular file; refusing it"));
    }
    Ok(name.to_string())
}
