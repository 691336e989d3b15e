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
    /// git could not provide an old version of a catalog.
    Git(String),
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
            Error::Git(message) => write!(f, "error: {message}"),
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
            _ => None,
        }
    }
}
