//! Reading a file as it was at a git revision, for `errcat diff --against`.
//!
//! Through the `git` command rather than a git library: it is wherever the repository is,
//! it honours the repository's own setup (worktrees, alternates, partial clones), and it adds
//! no dependency for the build scripts that use this crate.

use std::path::Path;
use std::process::Command;

use crate::Error;
use crate::error::GitProblem;

/// The content of `path` at revision `rev`, and a label naming both (`origin/main:catalog/x.yaml`).
///
/// `git` runs in the file's directory, so `path` may lie in any repository, and is resolved
/// relative to that repository's root.
pub(crate) fn show(rev: &str, path: &Path) -> Result<(String, Vec<u8>), Error> {
    // git would read a leading `-` as an option.
    if rev.is_empty() || rev.starts_with('-') {
        return Err(failed(rev, path, GitProblem::NotARevision));
    }
    let dir = directory_of(path);
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| failed(rev, path, GitProblem::NotAFileName))?;
    if !dir.is_dir() {
        return Err(failed(rev, path, GitProblem::NoDirectory));
    }
    let prefix = git(rev, path, dir, &["rev-parse", "--show-prefix"])?
        .map_err(|_| failed(rev, path, GitProblem::NotARepository))?;
    let in_repo = format!("{}{name}", String::from_utf8_lossy(&prefix).trim_end());
    let commit = format!("{rev}^{{commit}}");
    if git(
        rev,
        path,
        dir,
        &["rev-parse", "--verify", "--quiet", &commit],
    )?
    .is_err()
    {
        return Err(failed(rev, path, GitProblem::UnknownRevision));
    }
    let object = format!("{rev}:{in_repo}");
    let content = git(rev, path, dir, &["cat-file", "blob", &object])?
        .map_err(|_| failed(rev, path, GitProblem::NotAtRevision { in_repo }))?;
    Ok((object, content))
}

/// The directory git runs in to look up `path`: its parent, or `.` for a bare file name.
pub(crate) fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

fn failed(rev: &str, path: &Path, problem: GitProblem) -> Error {
    Error::Git {
        revision: rev.to_owned(),
        path: path.to_owned(),
        problem,
    }
}

/// Runs git in `dir` (looking up `path` at `rev`): its output, or the message it failed with.
/// The outer error is for git that could not be run at all.
fn git(
    rev: &str,
    path: &Path,
    dir: &Path,
    args: &[&str],
) -> Result<Result<Vec<u8>, String>, Error> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|error| {
            let problem = if error.kind() == std::io::ErrorKind::NotFound {
                GitProblem::NotInstalled
            } else {
                GitProblem::CannotRun(error)
            };
            failed(rev, path, problem)
        })?;
    Ok(if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_owned())
    })
}
