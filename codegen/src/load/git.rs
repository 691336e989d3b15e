//! Reading a file as it was at a git revision, for `errcat diff --against`.
//!
//! Through the `git` command rather than a git library: it is wherever the repository is,
//! it honours the repository's own setup (worktrees, alternates, partial clones), and it adds
//! no dependency for the build scripts that use this crate.

use std::path::Path;
use std::process::Command;

use crate::Error;

/// The content of `path` at revision `rev`, and a label naming both (`origin/main:catalog/x.yaml`).
///
/// `git` runs in the file's directory, so `path` may lie in any repository, and is resolved
/// relative to that repository's root.
pub(crate) fn show(rev: &str, path: &Path) -> Result<(String, Vec<u8>), Error> {
    // git would read a leading `-` as an option.
    if rev.is_empty() || rev.starts_with('-') {
        return Err(Error::Git(format!(
            "`{rev}` is not a git revision; give a branch, tag or commit"
        )));
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| {
            Error::Git(format!(
                "`{}` is not a file name git can look up",
                path.display()
            ))
        })?;
    if !dir.is_dir() {
        return Err(Error::Git(format!(
            "cannot look up `{}` in git: directory `{}` does not exist",
            path.display(),
            dir.display()
        )));
    }
    let prefix = git(dir, &["rev-parse", "--show-prefix"])?.map_err(|_| {
        Error::Git(format!(
            "`{}` is not inside a git repository, so there is no `{rev}` to compare with",
            dir.display()
        ))
    })?;
    let in_repo = format!("{}{name}", String::from_utf8_lossy(&prefix).trim_end());
    let commit = format!("{rev}^{{commit}}");
    if git(dir, &["rev-parse", "--verify", "--quiet", &commit])?.is_err() {
        return Err(Error::Git(format!(
            "unknown git revision `{rev}`; fetch it first (in CI: `git fetch origin main`, or check out with full history)"
        )));
    }
    let object = format!("{rev}:{in_repo}");
    let content = git(dir, &["cat-file", "blob", &object])?.map_err(|_| {
        Error::Git(format!(
            "`{in_repo}` did not exist at `{rev}`, so there is nothing to compare with"
        ))
    })?;
    Ok((object, content))
}

/// Runs git in `dir`: its output, or the message it failed with. The outer error is for git
/// that could not be run at all.
fn git(dir: &Path, args: &[&str]) -> Result<Result<Vec<u8>, String>, Error> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|error| {
            Error::Git(if error.kind() == std::io::ErrorKind::NotFound {
                "`git` was not found; install it or put it on PATH".to_owned()
            } else {
                format!("cannot run `git`: {error}")
            })
        })?;
    Ok(if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    })
}
