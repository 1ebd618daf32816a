//! Reading a list of URLs, one per line, as `areq` does.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use crate::limits::MAX_URL_LIST_BYTES;

/// The URLs in the file at `path`: one per line, trimmed, blank lines and
/// `#` comments skipped, each once in the order of its first line (like
/// Python's `set(...)`, but with an order), every one http or https.
///
/// A file over [`MAX_URL_LIST_BYTES`] is refused rather than read into
/// memory whole; duplicates are found with a hash set, in linear time.
/// Errors name the file, and the line, in one line.
pub fn read_urls(path: &Path) -> Result<Vec<String>, String> {
    let cannot =
        |e: &dyn std::fmt::Display| format!("cannot read {path:?}: {e}");
    let file = std::fs::File::open(path).map_err(|e| cannot(&e))?;
    let mut text = String::new();
    file.take(MAX_URL_LIST_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| cannot(&e))?;
    if text.len() as u64 > MAX_URL_LIST_BYTES {
        let limit = format!("larger than {MAX_URL_LIST_BYTES} bytes");
        return Err(cannot(&limit));
    }
    let mut seen = HashSet::new();
    let mut urls = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // `http_url` also refuses a tab, an escape or a byte-order mark
        // inside the line, which printed back could forge a TSV column.
        let web = crate::http_url(line).is_ok();
        if !web {
            return Err(format!(
                "{}:{}: not an http or https URL: {}",
                path.display(),
                n + 1,
                common::exit::escaped(&format!("{line:?}"))
            ));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn list(test: &str, text: &str) -> std::path::PathBuf {
        let path = crate::scratch(test).join(format!("{test}.txt"));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn comments_blanks_and_duplicates_are_skipped() {
        let path = list("urls", "# a\n\n http://a/ \nhttps://b/x\nhttp://a/\n");
        assert_eq!(read_urls(&path).unwrap(), ["http://a/", "https://b/x"]);
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn a_bad_line_or_file_is_one_line_naming_it() {
        let path = list("bad", "# a\n\nftp://example.com/\n");
        let err = read_urls(&path).unwrap_err();
        assert!(err.contains("bad.txt:3: not an http"), "{err}");
        let _ = std::fs::remove_file(&path);
        let err = read_urls(&path).unwrap_err();
        assert!(err.starts_with("cannot read"), "{err}");
        let dir = crate::scratch("bad-dir");
        assert!(read_urls(&dir).unwrap_err().starts_with("cannot read"));
        let empty = list("empty", "# only a comment\n\n");
        assert!(read_urls(&empty).unwrap_err().starts_with("no URLs"));
    }

    #[test]
    fn a_line_that_could_forge_output_is_refused_and_shown() {
        for (n, line) in
            ["http://a/\tx", "http://a/\u{1b}[2J", "\u{feff}http://a/"]
                .iter()
                .enumerate()
        {
            let path = list(&format!("hidden{n}"), &format!("{line}\n"));
            let err = read_urls(&path).unwrap_err();
            assert!(err.contains(":1: not an http"), "{err}");
            assert!(!err.chars().any(common::exit::is_hidden), "{err}");
        }
    }

    #[test]
    fn an_endless_list_is_refused_in_bounded_memory() {
        let zero = Path::new("/dev/zero");
        let err = read_urls(zero).unwrap_err();
        assert!(err.contains("larger than"), "{err}");
    }

    #[test]
    fn many_duplicates_take_linear_time() {
        let line = "http://a.example/page\n";
        let path = list("many", &line.repeat(200_000));
        assert_eq!(read_urls(&path).unwrap().len(), 1);
        let _ = std::fs::remove_file(path);
    }
}
