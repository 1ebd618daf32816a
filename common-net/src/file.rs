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
    written: u64,
    done: bool,
}

impl WholeFile {
    /// Creates the part file for `path`. Refuses a `path` that names a
    /// folder (`.`, `..`, a trailing `/`, an existing folder), which
    /// would otherwise fail only at the rename, after all the work, and
    /// one that is anything but a regular file (see [`check_target`]).
    ///
    /// The part file is created with `create_new` (`O_CREAT | O_EXCL`):
    /// it must not exist, so two runs never write into one file, and a
    /// symlink planted there, even one pointing nowhere, is refused, never
    /// followed: POSIX requires `O_EXCL` to fail on any existing link. It is a blocking call on purpose: tokio would
    /// run it on another thread, and a Ctrl-C meanwhile would drop the
    /// future before this guard exists, leaving the file behind.
    pub fn create(path: &Path) -> Result<WholeFile, String> {
        let slash = path.to_string_lossy().ends_with(is_separator);
        let Some(name) = path.file_name().filter(|_| !slash && !path.is_dir())
        else {
            return Err(format!("{path:?} names a folder, not a file"));
        };
        check_target(path)?;
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
            written: 0,
            done: false,
        })
    }

    /// Appends `bytes` to the part file.
    pub async fn write_all(&mut self, bytes: &[u8]) -> Result<(), String> {
        let failed = |e| format!("cannot write {:?}: {e}", self.part);
        self.file.write_all(bytes).await.map_err(failed)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Flushes, syncs and renames the part file to its name. tokio writes
    /// on a background thread: `flush` waits for it, `sync_all` for the
    /// disk, so the name never points at a file still being written.
    ///
    /// Nothing written never replaces an earlier file that holds
    /// something: that is an error, and the earlier file stays.
    pub async fn finish(mut self) -> Result<(), String> {
        let failed = |e| format!("cannot write {:?}: {e}", self.path);
        let earlier = std::fs::symlink_metadata(&self.path);
        if self.written == 0 && earlier.is_ok_and(|m| m.len() > 0) {
            return Err(format!(
                "nothing arrived; {:?} keeps its earlier contents",
                self.path
            ));
        }
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

/// Checks that `path` may be replaced by a new file: it does not exist
/// yet, or it is a regular file (or a folder, refused later). A symlink, a device (`/dev/null`, a
/// terminal), a FIFO or a socket is refused: replacing it with a regular
/// file would destroy what it is, and writing through it would put the
/// output somewhere else.
pub fn check_target(path: &Path) -> Result<(), String> {
    match std::fs::symlink_metadata(path) {
        // A folder in the way is refused by `WholeFile::create`, and by
        // the rename at the latest; it is not replaced either.
        Ok(meta) if !meta.is_file() && !meta.is_dir() => Err(format!(
            "{path:?} is not a regular file (a link, a device or a pipe); \
             refusing to replace it"
        )),
        _ => Ok(()),
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
/// look like a part file: a separator, a leading dot, an empty name; and
/// a name that in `dir` is a link, a device or a pipe ([`check_target`]).
pub fn file_name_for(url: &str, dir: &Path) -> Result<String, String> {
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
    check_target(&dir.join(name))?;
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
    fn links_devices_and_pipes_are_never_written_through_or_replaced() {
        let dir = scratch("targets");
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "keep\n").unwrap();
        // A planted part file, pointing at a file or at nowhere.
        let out = dir.join("out.txt");
        for target in [victim.clone(), dir.join("missing")] {
            let part = dir.join(".out.txt.part");
            std::os::unix::fs::symlink(&target, &part).unwrap();
            let err = WholeFile::create(&out).unwrap_err();
            assert!(err.contains("cannot write"), "{err}");
            assert!(!dir.join("missing").exists());
            std::fs::remove_file(&part).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep\n");
        // The output itself a link, a device or a pipe.
        let link = dir.join("link.txt");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        for target in [link.as_path(), Path::new("/dev/null")] {
            let err = WholeFile::create(target).unwrap_err();
            assert!(err.contains("not a regular file"), "{err}");
        }
        let fifo = dir.join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = WholeFile::create(&fifo).unwrap_err();
            assert!(err.contains("not a regular file"), "{err}");
        }
        assert!(check_target(&dir.join("new.txt")).is_ok());
        assert!(check_target(&victim).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn nothing_never_replaces_something() {
        let dir = scratch("empty-result");
        let (full, empty) = (dir.join("full.txt"), dir.join("empty.txt"));
        std::fs::write(&full, "old\n").unwrap();
        std::fs::write(&empty, "").unwrap();
        on_runtime(async {
            let err = WholeFile::create(&full).unwrap().finish().await;
            assert!(err.unwrap_err().contains("earlier"));
            WholeFile::create(&empty).unwrap().finish().await.unwrap();
            let new = dir.join("new.txt");
            WholeFile::create(&new).unwrap().finish().await.unwrap();
        });
        assert_eq!(std::fs::read_to_string(&full).unwrap(), "old\n");
        assert_eq!(names(&dir), ["empty.txt", "full.txt", "new.txt"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_plain_names_are_taken_from_urls() {
        let name = |u: &str| file_name_for(u, Path::new("/nonexistent"));
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
