//! Loading a catalog: read, check the bounds, parse, validate.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::{self, Diagnostics};
use crate::load::{self, git, limits, read};
use crate::{Catalog, Error, Limits, validate};

/// Loads catalogs within its [`Limits`]: the one way to get a [`Catalog`].
///
/// A catalog comes out only once it has passed every check, so whatever is generated from it
/// compiles. Any input is read in bounded time and memory: a catalog past the limits is
/// rejected with a diagnostic saying which limit it passed.
///
/// ```
/// use errcat_codegen::{Limits, Loader};
///
/// let mut limits = Limits::default();
/// limits.codes = 500_000;
/// let loader = Loader::new().limits(limits);
/// let error = loader.parse("inline.yaml", "name: shop\n").unwrap_err();
/// assert!(error.to_string().starts_with("inline.yaml:1:1: error: missing key `codes`"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loader {
    limits: Limits,
}

impl Loader {
    /// A loader within the default limits ([`Limits::DEFAULT`]).
    pub fn new() -> Self {
        Loader {
            limits: Limits::DEFAULT,
        }
    }

    /// The same loader within `limits`.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Parses and validates a catalog's text. `file` names it in diagnostics.
    ///
    /// # Errors
    ///
    /// Every problem found, with its position in `source`.
    pub fn parse(&self, file: &str, source: &str) -> Result<Catalog, Diagnostics> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let located = |problems| diagnostic::resolve(file, source, problems);
        limits::check_text(source, &self.limits).map_err(located)?;
        let raw = read::parse(source, &self.limits).map_err(located)?;
        limits::check_counts(&raw, &self.limits).map_err(located)?;
        validate::validate(raw).map_err(located)
    }

    /// Parses and validates a catalog file's bytes: [`parse`](Self::parse), after checking
    /// that they are within the size limit and UTF-8.
    ///
    /// # Errors
    ///
    /// Every problem found, with its position in `bytes`.
    pub fn parse_bytes(&self, file: &str, bytes: &[u8]) -> Result<Catalog, Diagnostics> {
        if bytes.len() > self.limits.file_bytes {
            let problem = limits::file_too_large(bytes.len(), &self.limits);
            return Err(diagnostic::resolve(file, "", vec![problem]));
        }
        self.parse(file, load::utf8(file, bytes)?)
    }

    /// Reads, parses and validates the catalog at `path`.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read, [`Error::Invalid`] with every problem
    /// found.
    pub fn load(&self, path: impl AsRef<Path>) -> Result<Catalog, Error> {
        let path = path.as_ref();
        // Read one byte past the limit, so that a huge file (or an endless one) is never read
        // whole.
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|file| {
                file.take((self.limits.file_bytes as u64).saturating_add(1))
                    .read_to_end(&mut bytes)
            })
            .map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            })?;
        self.load_bytes(&path.display().to_string(), &bytes)
    }

    /// Reads, parses and validates the catalog at `path` as it was at git revision `rev` (a
    /// branch, tag or commit), through the `git` command. Diagnostics name the file
    /// `<rev>:<path in the repository>`.
    ///
    /// # Errors
    ///
    /// [`Error::Git`] when git cannot provide the file (not a repository, unknown revision,
    /// no such file at that revision), [`Error::Invalid`] with every problem found.
    pub fn load_revision(&self, rev: &str, path: impl AsRef<Path>) -> Result<Catalog, Error> {
        let (file, bytes) = git::show(rev, path.as_ref())?;
        self.load_bytes(&file, &bytes)
    }

    /// Loads every catalog of `files`, in order, collecting the problems of all of them.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] listing the problems of every catalog, [`Error::Io`] when a file
    /// cannot be read.
    pub fn load_all<P: AsRef<Path>>(&self, files: &[P]) -> Result<Vec<Catalog>, Error> {
        let mut catalogs = Vec::new();
        let mut problems = Diagnostics::default();
        for file in files {
            match self.load(file) {
                Ok(catalog) => catalogs.push(catalog),
                Err(Error::Invalid(diagnostics)) => problems.extend(diagnostics),
                Err(other) => return Err(other),
            }
        }
        if problems.is_empty() {
            Ok(catalogs)
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// Loads every catalog of a directory: its `*.yaml` and `*.yml` files (not those of its
    /// subdirectories), in name order, as [`load_all`](Self::load_all) does.
    ///
    /// # Errors
    ///
    /// As [`load_all`](Self::load_all); [`Error::Io`] also when the directory cannot be
    /// read.
    pub fn load_dir(&self, dir: impl AsRef<Path>) -> Result<Vec<Catalog>, Error> {
        self.load_all(&catalog_files(dir.as_ref())?)
    }

    fn load_bytes(&self, file: &str, bytes: &[u8]) -> Result<Catalog, Error> {
        self.parse_bytes(file, bytes).map_err(Error::Invalid)
    }
}

/// Reads, parses and validates the catalog at `path` within the default [`Limits`]:
/// [`Loader::load`] of [`Loader::new`].
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Invalid`] with every problem found.
pub fn load(path: impl AsRef<Path>) -> Result<Catalog, Error> {
    Loader::new().load(path)
}

/// Parses and validates a catalog's text within the default [`Limits`]: [`Loader::parse`] of
/// [`Loader::new`]. `file` names it in diagnostics.
///
/// # Errors
///
/// Every problem found, with its position in `source`.
pub fn parse(file: &str, source: &str) -> Result<Catalog, Diagnostics> {
    Loader::new().parse(file, source)
}

pub(crate) fn catalog_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.is_file()
                && matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("yaml" | "yml")
                )
        })
        .collect();
    found.sort();
    Ok(found)
}
