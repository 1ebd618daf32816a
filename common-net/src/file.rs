//! Files written whole or not at all, and where downloads may go.

use std::ffi::OsString;
use std::path::{is_separator, Path, PathBuf};

use reqwest::Url;
use tokio::fs::File;
use tokio::io::AsyncWriteExt;

use crate::limits::MAX_NAME_BYTES;

/// A file written whole or not at all. The bytes go to `.NAME.part`
/// beside `NAME`, which takes its name in [`WholeFile::finish`] only when
/// everything is in, flushed and synced. Dropped before that (an error,
/// or Ctrl-C dropping the future that owns it) it removes the part file:
/// whatever happens, `NAME` is either the file from before or the whole
/// new one, never a mix.
#[derive(Debug)]
pub struct WholeFile {
    file: File,
    part: PathBuf,
    path: PathBuf,
    done: bool,
}

impl WholeFile {
    /// Creates the part file for `path`. Refuses a `path` that names a
    /// folder (`.`, `..`, a trailing `/`, an existing folder), which
    /// would otherwise fail only at the rename, after all the work.
    ///
    /// The part file is created with `create_new`: it must not exist, so
    /// two runs never write into one file, and a symlink planted there
    /// is never followed. It is a blocking call on purpose: tokio would
    /// run it on another thread, and a Ctrl-C meanwhile would drop the
    /// future before this guard exists, leaving the file behind.
    pub fn create(path: &Path) -> Result<WholeFile, String> {
        let slash = path.to_string_lossy().ends_with(is_separator);
        let Some(name) = path.file_name().filter(|_| !slash && !path.is_dir())
        else {
            return Err(format!("{path:?} names a folder, not a file"));
        };
        let mut part_name = OsString::from(".");
        part_name.push(name);
        part_name.push(".part");
        let part = path.with_file_name(part_name);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&part)
            .map_err(|e| format!("cannot write {part:?}: {e}"))?;
        Ok(WholeFile {
            file: File::from_std(file),
            part,
            path: path.to_path_buf(),
            done: false,
        })
    }

    /// Appends `bytes` to the part file.
    pub async fn write_all(&mut self, bytes: &[u8]) -> Result<(), String> {
        let failed = |e| format!("cannot write {:?}: {e}", self.part);
        self.file.write_all(bytes).await.map_err(failed)
    }

    /// Flushes, syncs and renames the part file to its name. tokio writes
    /// on a background thread: `flush` waits for it, `sync_all` for the
    /// disk, so the name never points at a file still being written.
    pub async fn finish(mut self) -> Result<(), String> {
        let failed = |e| format!("cannot write {:?}: {e}", self.path);
        self.file.flush().await.map_err(failed)?;
        self.file.sync_all().await.map_err(failed)?;
        tokio::fs::rename(&self.part, &self.path)
            .await
            .map_err(failed)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for WholeFile {
    fn drop(&mut self) {
        if !self.done {
            // Blocking, on purpose: `Drop` cannot await, and removing one
            // directory entry is quick.
            let _ = std::fs::remove_file(&self.part);
        }
    }
}

/// Checks that `dir` is a folder we can write in, before anything is
/// served or fetched: otherwise every download would fail on its own.
pub fn check_dir(dir: &Path) -> Result<(), String> {
    if !dir.is_dir() {
        return Err(format!("{dir:?} is not a folder"));
    }
    let probe = dir.join(format!(".probe-{}", std::process::id()));
    std::fs::write(&probe, b"")
        .map_err(|e| format!("cannot write in {dir:?}: {e}"))?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// The file name to save `url` under: the last segment of its path, if it
/// is a plain name. The URL parser has already resolved `..` and `.`;
/// what is refused here is anything that could still point elsewhere or
/// look like a part file: a separator, a leading dot, an empty name.
pub fn file_name_for(url: &str) -> Result<String, String> {
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
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scratch;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn on_runtime<T>(f: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn finished_file_takes_its_name_dropped_one_leaves_the_old() {
        let dir = scratch("whole");
        let path = dir.join("out.txt");
        std::fs::write(&path, "old\n").unwrap();
        on_runtime(async {
            let mut f = WholeFile::create(&path).unwrap();
            f.write_all(b"half").await.unwrap();
            assert_eq!(names(&dir), [".out.txt.part", "out.txt"]);
            drop(f);
            assert_eq!(names(&dir), ["out.txt"]);
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
            let mut f = WholeFile::create(&path).unwrap();
            f.write_all(b"new\n").await.unwrap();
            f.finish().await.unwrap();
        });
        assert_eq!(names(&dir), ["out.txt"]);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_part_file_is_never_shared_and_folders_are_refused() {
        let dir = scratch("exclusive");
        let path = dir.join("out.txt");
        let first = WholeFile::create(&path).unwrap();
        let second = WholeFile::create(&path).unwrap_err();
        assert!(second.contains("cannot write"), "{second}");
        drop(first);
        for folder in [dir.clone(), dir.join("new/"), dir.join("..")] {
            let err = WholeFile::create(&folder).unwrap_err();
            assert!(err.contains("folder"), "{err}");
        }
        let under_file = path.join("sub.txt");
        std::fs::write(&path, "").unwrap();
        let err = WholeFile::create(&under_file).unwrap_err();
        assert!(err.contains("cannot write"), "{err}");
        assert!(check_dir(&dir).is_ok());
        assert!(check_dir(&path).unwrap_err().contains("not a folder"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_plain_names_are_taken_from_urls() {
        let name = |u: &str| file_name_for(u);
        assert_eq!(name("http://h/ftp/a-1.2.zip").unwrap(), "a-1.2.zip");
        for bad in [
            "http://h/",
            "http://h/files/",
            "http://h/a/..%2F..%2Fescape",
            "http://h/a/%2e%2e",
            "http://h/.hidden",
            "http://h/C:%5Cescape",
        ] {
            assert!(name(bad).unwrap_err().contains("cannot name"), "{bad}");
        }
        let long = format!("http://h/{}", "a".repeat(MAX_NAME_BYTES + 1));
        assert!(name(&long).is_err());
    }
}
