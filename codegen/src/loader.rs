//! Loading a catalog: read, check the bounds, parse, validate.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::{self, Diagnostic, Diagnostics};
use crate::load::{git, limits, raw};
use crate::{Catalog, Error, Limits, validate};

/// Parses and validates a catalog's text. `file` names it in diagnostics.
///
/// Catalogs past the default bounds ([`Limits::DEFAULT`]) are rejected, so any input is parsed
/// in bounded time and memory; [`parse_with`] takes other bounds.
///
/// # Errors
///
/// Every problem found, with its position in `source`.
pub fn parse(file: &str, source: &str) -> Result<Catalog, Diagnostics> {
    parse_with(file, source, &Limits::DEFAULT)
}

/// [`parse`] within `limits` instead of the defaults.
///
/// # Errors
///
/// Every problem found, with its position in `source`.
pub fn parse_with(file: &str, source: &str, limits: &Limits) -> Result<Catalog, Diagnostics> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let located = |problems| diagnostic::resolve(file, source, problems);
    limits::check_document(source, limits).map_err(located)?;
    let raw = raw::parse(source).map_err(located)?;
    limits::check_counts(&raw, limits).map_err(located)?;
    validate::validate(raw).map_err(located)
}

/// Reads, parses and validates the catalog at `path`, within the default [`Limits`].
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Invalid`] with every problem found.
pub fn load(path: impl AsRef<Path>) -> Result<Catalog, Error> {
    load_with(path, &Limits::DEFAULT)
}

/// [`load`] within `limits` instead of the defaults.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be read, [`Error::Invalid`] with every problem found.
pub fn load_with(path: impl AsRef<Path>, limits: &Limits) -> Result<Catalog, Error> {
    let path = path.as_ref();
    // Read one byte past the limit, so that a huge file (or an endless one) is never read whole.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| {
            file.take((limits.file_bytes as u64).saturating_add(1))
                .read_to_end(&mut bytes)
        })
        .map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })?;
    from_bytes(&path.display().to_string(), &bytes, limits)
}

/// Parses and validates a catalog file's bytes: [`parse`], after checking that they are UTF-8.
///
/// # Errors
///
/// Every problem found, with its position in `bytes`.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Catalog, Diagnostics> {
    parse_bytes_with(file, bytes, &Limits::DEFAULT)
}

/// [`parse_bytes`] within `limits` instead of the defaults.
///
/// # Errors
///
/// Every problem found, with its position in `bytes`.
pub fn parse_bytes_with(file: &str, bytes: &[u8], limits: &Limits) -> Result<Catalog, Diagnostics> {
    if bytes.len() > limits.file_bytes {
        let problem = limits::file_too_large(bytes.len(), limits);
        return Err(diagnostic::resolve(file, "", vec![problem]));
    }
    let source =
        std::str::from_utf8(bytes).map_err(|error| not_utf8(file, bytes, error.valid_up_to()))?;
    parse_with(file, source, limits)
}

/// Reads, parses and validates the catalog at `path` as it was at git revision `rev` (a
/// branch, tag or commit), through the `git` command, within the default [`Limits`].
/// Diagnostics name the file `<rev>:<path in the repository>`.
///
/// # Errors
///
/// [`Error::Git`] when git cannot provide the file (not a repository, unknown revision, no
/// such file at that revision), [`Error::Invalid`] with every problem found.
pub fn load_revision(rev: &str, path: impl AsRef<Path>) -> Result<Catalog, Error> {
    load_revision_with(rev, path, &Limits::DEFAULT)
}

/// [`load_revision`] within `limits` instead of the defaults.
///
/// # Errors
///
/// As [`load_revision`].
pub fn load_revision_with(
    rev: &str,
    path: impl AsRef<Path>,
    limits: &Limits,
) -> Result<Catalog, Error> {
    let (file, bytes) = git::show(rev, path.as_ref())?;
    from_bytes(&file, &bytes, limits)
}

fn from_bytes(file: &str, bytes: &[u8], limits: &Limits) -> Result<Catalog, Error> {
    parse_bytes_with(file, bytes, limits).map_err(Error::Invalid)
}

/// Loads every catalog of `files`, in order, within the default [`Limits`], collecting the
/// problems of all of them.
///
/// # Errors
///
/// [`Error::Invalid`] listing the problems of every catalog, [`Error::Io`] when a file cannot
/// be read.
pub fn load_all(files: &[PathBuf]) -> Result<Vec<Catalog>, Error> {
    load_all_with(files, &Limits::DEFAULT)
}

/// [`load_all`] within `limits` instead of the defaults.
///
/// # Errors
///
/// As [`load_all`].
pub fn load_all_with(files: &[PathBuf], limits: &Limits) -> Result<Vec<Catalog>, Error> {
    let mut catalogs = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        match load_with(file, limits) {
            Ok(catalog) => catalogs.push(catalog),
            Err(Error::Invalid(diagnostics)) => problems.extend(diagnostics.0),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(catalogs)
    } else {
        Err(Error::Invalid(Diagnostics(problems)))
    }
}

/// The catalogs of a directory: its `*.yaml` and `*.yml` files (not those of its
/// subdirectories), in name order.
///
/// # Errors
///
/// [`Error::Io`] when the directory cannot be read.
pub fn catalog_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
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

fn not_utf8(file: &str, bytes: &[u8], valid_up_to: usize) -> Diagnostics {
    let before = String::from_utf8_lossy(&bytes[..valid_up_to]);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |text| text.chars().count())
        + 1;
    Diagnostics(vec![Diagnostic {
        file: file.to_owned(),
        line,
        column,
        message: format!("the file is not valid UTF-8 (byte {valid_up_to})"),
        hint: Some("save the catalog as UTF-8".to_owned()),
        source_line: None,
        note: None,
    }])
}
