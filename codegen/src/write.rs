//! Writing generated files: atomically, and only when their content changed.
//!
//! Content is written to a temporary file beside the target and renamed over it, so a reader
//! (or a second build racing on the same output) never sees a half-written file. Unchanged
//! files are left alone, so their modification times do not trigger needless rebuilds.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `contents` to `path` unless it already holds exactly that. Returns whether the file
/// was written. A symbolic link is written through: the file it points to changes, and it
/// stays a link.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> io::Result<bool> {
    let target = link_target(path);
    let path = target.as_deref().unwrap_or(path);
    let existing = fs::metadata(path).ok();
    if existing
        .as_ref()
        .is_some_and(|m| !m.is_file() && !m.is_dir())
    {
        // A device, pipe or socket (`-o /dev/null`, `-o /dev/stdout`): it cannot be replaced
        // by a rename, and reading it to compare could block, so it is written straight.
        fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(contents)?;
        return Ok(true);
    }
    // Compare sizes first, so that a large file of other content is not read.
    let same_size = existing.is_some_and(|m| m.len() == contents.len() as u64);
    if same_size && fs::read(path).is_ok_and(|existing| existing == contents) {
        return Ok(false);
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let temporary = temporary_path(path);
    let written = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written.map(|()| true)
}

/// Where the symbolic link at `path` leads, if it is one; renaming over the link itself would
/// replace it with a file.
fn link_target(path: &Path) -> Option<PathBuf> {
    if !fs::symlink_metadata(path).ok()?.file_type().is_symlink() {
        return None;
    }
    fs::canonicalize(path).ok().or_else(|| {
        // A link to a file that does not exist yet: create the file it names.
        let link = fs::read_link(path).ok()?;
        Some(path.parent().map_or(link.clone(), |dir| dir.join(&link)))
    })
}

/// A name beside `path` that no other writer, in this process or another, is using.
fn temporary_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.{unique}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_changes_and_leaves_no_temporary_files() {
        let dir = std::env::temp_dir().join(format!("errcat-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let path = dir.join("nested/out.rs");
        assert!(write_if_changed(&path, b"one").unwrap());
        assert!(!write_if_changed(&path, b"one").unwrap());
        assert!(write_if_changed(&path, b"two").unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.rs")]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_symbolic_links() {
        let dir = std::env::temp_dir().join(format!("errcat-link-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("real")).unwrap();
        let link = dir.join("out.rs");
        std::os::unix::fs::symlink("real/out.rs", &link).unwrap();
        assert!(write_if_changed(&link, b"one").unwrap());
        assert!(write_if_changed(&link, b"two").unwrap());
        assert!(!write_if_changed(&link, b"two").unwrap());
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(dir.join("real/out.rs")).unwrap(), b"two");
        fs::remove_dir_all(&dir).unwrap();
    }

    /// A device or pipe is written into, never renamed over: as root, renaming over
    /// `/dev/null` would replace the device with a file.
    #[cfg(unix)]
    #[test]
    fn writes_into_devices_and_pipes() {
        use std::os::unix::fs::FileTypeExt;

        assert!(write_if_changed(Path::new("/dev/null"), b"discarded").unwrap());
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );

        let dir = std::env::temp_dir().join(format!("errcat-fifo-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("out.rs");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        assert!(write_if_changed(&fifo, b"through the pipe").unwrap());
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        fs::remove_dir_all(&dir).unwrap();
    }
}
