//! Why loading or generation failed.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::Diagnostics;

/// Why generation failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read or written.
    Io { path: PathBuf, source: io::Error },
    /// Catalogs have problems; every one is listed.
    Invalid(Diagnostics),
    /// The builder was configured in a way that cannot work.
    Config(String),
    /// git could not provide an old version of a catalog.
    Git(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: error: {source}", path.display()),
            Error::Invalid(diagnostics) => write!(f, "{diagnostics}"),
            Error::Config(message) | Error::Git(message) => write!(f, "error: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Invalid(diagnostics) => Some(diagnostics),
            Error::Config(_) | Error::Git(_) => None,
        }
    }
}
