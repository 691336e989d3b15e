//! Why loading or generation failed.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::Diagnostics;

/// Why loading or generation failed.
///
/// Each variant but [`Error::Internal`] is something the caller can fix, and its message
/// says what to change; [`Error::Internal`] is a bug in errcat.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read or written.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// Why it could not be read or written.
        source: io::Error,
    },
    /// Catalogs have problems; every one is listed.
    Invalid(Diagnostics),
    /// git could not provide a catalog as it was at a revision.
    Git {
        /// The revision asked for.
        revision: String,
        /// The catalog file.
        path: PathBuf,
        /// What went wrong.
        problem: GitProblem,
    },
    /// The `any_type` option does not name a Rust type.
    AnyType {
        /// The option's value.
        rust_type: String,
        /// Why it is not a Rust type.
        reason: String,
    },
    /// The `axum` option needs an envelope that knows its HTTP status: a field bound
    /// `from: code` or `from: status`.
    AxumWithoutStatus {
        /// The catalog.
        catalog: String,
        /// Its envelope.
        envelope: String,
    },
    /// Two catalogs have the same name, so their outputs would have the same name.
    DuplicateName {
        /// The name.
        name: String,
    },
    /// Two catalogs put in one OpenAPI document would name a component the same.
    ComponentClash {
        /// The catalog that named it first.
        first: String,
        /// The other catalog.
        second: String,
        /// What the component is: `a schema` or `responses`.
        what: &'static str,
        /// The component's name.
        name: String,
    },
    /// There are no catalogs: the builder was given none, or a directory holds none.
    NoCatalogs {
        /// The directory searched, when there is one.
        dir: Option<PathBuf>,
    },
    /// No output directory is known: `OUT_DIR` is unset outside a build script.
    NoOutDir,
    /// A bug in errcat: it produced something it should not have. Please report it.
    Internal(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: error: {source}", path.display()),
            Error::Invalid(diagnostics) => write!(f, "{diagnostics}"),
            Error::Git {
                revision,
                path,
                problem,
            } => write_git_problem(f, revision, path, problem),
            Error::AnyType { rust_type, reason } => {
                write!(
                    f,
                    "error: `any_type` `{rust_type}` is not a Rust type: {reason}"
                )
            }
            Error::AxumWithoutStatus { catalog, envelope } => write!(
                f,
                "error: the `axum` option needs a field of the envelope `{envelope}` (catalog \
                 `{catalog}`) bound `from: code` or `from: status`, so that a body knows its \
                 HTTP status"
            ),
            Error::DuplicateName { name } => write!(
                f,
                "error: two catalogs are named `{name}`; each catalog needs its own name"
            ),
            Error::ComponentClash {
                first,
                second,
                what,
                name,
            } => write!(
                f,
                "error: catalogs `{first}` and `{second}` would both name {what} `{name}` in one \
                 OpenAPI document; rename a type (or a catalog) so the names differ"
            ),
            Error::NoCatalogs { dir: None } => write!(
                f,
                "error: no catalogs: add one with `catalog(..)` or `catalog_dir(..)`"
            ),
            Error::NoCatalogs { dir: Some(dir) } => {
                write!(f, "error: no catalogs (*.yaml, *.yml) in {}", dir.display())
            }
            Error::NoOutDir => write!(
                f,
                "error: OUT_DIR is not set: call `out_dir(..)` when not in a build script"
            ),
            Error::Internal(what) => write!(f, "error: internal error: {what}; please report it"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Invalid(diagnostics) => Some(diagnostics),
            Error::Git {
                problem: GitProblem::CannotRun(source),
                ..
            } => Some(source),
            _ => None,
        }
    }
}

/// Why git could not provide a catalog as it was at a revision.
#[derive(Debug)]
#[non_exhaustive]
pub enum GitProblem {
    /// The revision is empty or starts with `-`, which git would read as an option.
    NotARevision,
    /// The path has no file name git can look up.
    NotAFileName,
    /// The file's directory does not exist.
    NoDirectory,
    /// The file's directory is not inside a git repository.
    NotARepository,
    /// The repository does not know the revision.
    UnknownRevision,
    /// The file did not exist at the revision.
    NotAtRevision {
        /// The file's path inside the repository.
        in_repo: String,
    },
    /// No `git` command is on `PATH`.
    NotInstalled,
    /// `git` could not be started.
    CannotRun(io::Error),
}

fn write_git_problem(
    f: &mut fmt::Formatter<'_>,
    rev: &str,
    path: &std::path::Path,
    problem: &GitProblem,
) -> fmt::Result {
    let dir = crate::load::git::directory_of(path);
    match problem {
        GitProblem::NotARevision => write!(
            f,
            "error: `{rev}` is not a git revision; give a branch, tag or commit"
        ),
        GitProblem::NotAFileName => write!(
            f,
            "error: `{}` is not a file name git can look up",
            path.display()
        ),
        GitProblem::NoDirectory => write!(
            f,
            "error: cannot look up `{}` in git: directory `{}` does not exist",
            path.display(),
            dir.display()
        ),
        GitProblem::NotARepository => write!(
            f,
            "error: `{}` is not inside a git repository, so there is no `{rev}` to compare with",
            dir.display()
        ),
        GitProblem::UnknownRevision => write!(
            f,
            "error: unknown git revision `{rev}`; fetch it first (in CI: `git fetch origin main`, or check out with full history)"
        ),
        GitProblem::NotAtRevision { in_repo } => write!(
            f,
            "error: `{in_repo}` did not exist at `{rev}`, so there is nothing to compare with"
        ),
        GitProblem::NotInstalled => {
            f.write_str("error: `git` was not found; install it or put it on PATH")
        }
        GitProblem::CannotRun(error) => write!(f, "error: cannot run `git`: {error}"),
    }
}
