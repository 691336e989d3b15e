//! `errcat export`: the OpenAPI documents and docs page of every catalog in a directory,
//! written under one output directory, or compared with what is already there.
//!
//! For each catalog `<name>` the output directory holds `openapi/<name>.json`,
//! `openapi/<name>.yaml` and `docs/<name>.md`, and for each declared locale `<tag>` of a
//! catalog with locales `docs/<name>.<tag>.md`. Files are written atomically and only when
//! their content changed ([`write_if_changed`]), so an export that
//! changes nothing touches nothing. Check mode writes nothing and reports each file that is
//! missing or differs, which is how a test or CI job keeps committed exports current.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::emit::openapi::{self, Format};
use crate::model::Catalog;
use crate::{Error, Loader, docs, model, write_if_changed};

/// Whether [`export`] writes the files or only compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write every file whose content changed.
    Write,
    /// Write nothing; report the files that are missing or out of date.
    Check,
}

/// What happened to one exported file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Outcome {
    /// The file, under the output directory.
    pub path: PathBuf,
    /// Whether it was current, written, stale or missing.
    pub state: State,
}

/// The state of an exported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The file already held exactly the generated content.
    Current,
    /// The file was written (created or replaced). Only in [`Mode::Write`].
    Written,
    /// The file exists with other content. Only in [`Mode::Check`].
    Stale,
    /// The file does not exist. Only in [`Mode::Check`].
    Missing,
}

impl State {
    /// Whether a check found the file out of date.
    pub fn is_outdated(self) -> bool {
        matches!(self, State::Stale | State::Missing)
    }
}

/// The exported files of `catalogs`: paths relative to the output directory, and contents.
///
/// # Errors
///
/// [`Error::DuplicateName`] when two catalogs share a name.
pub fn files(catalogs: &[Catalog]) -> Result<Vec<(PathBuf, String)>, Error> {
    model::unique_names(catalogs)?;
    let mut files = Vec::new();
    for catalog in catalogs {
        let one = std::slice::from_ref(catalog);
        for format in [Format::Json, Format::Yaml] {
            files.push((
                Path::new("openapi").join(format!("{}.{}", catalog.name, format.extension())),
                openapi::generate(one, format)?,
            ));
        }
        files.push((
            Path::new("docs").join(docs::file_name(catalog, None)),
            docs::generate(catalog),
        ));
        let declared = catalog.locales.iter().flat_map(|locales| &locales.declared);
        for locale in declared {
            let tag = locale.tag.as_str();
            if let Some(page) = docs::generate_in(catalog, tag) {
                files.push((
                    Path::new("docs").join(docs::file_name(catalog, Some(tag))),
                    page,
                ));
            }
        }
    }
    Ok(files)
}

/// Exports every catalog (`*.yaml`, `*.yml`) of `catalog_dir`, loaded by `loader`, into
/// `out_dir`, or checks that `out_dir` already holds exactly that. Returns one outcome per
/// file, in catalog order.
///
/// # Errors
///
/// [`Error::Invalid`] when a catalog has problems (then nothing is written), [`Error::Io`]
/// when a file cannot be read or written, [`Error::NoCatalogs`] when the directory holds no
/// catalog, [`Error::DuplicateName`] when two catalogs share a name.
pub fn export(
    loader: &Loader,
    catalog_dir: &Path,
    out_dir: &Path,
    mode: Mode,
) -> Result<Vec<Outcome>, Error> {
    let catalogs = loader.load_dir(catalog_dir)?;
    if catalogs.is_empty() {
        return Err(Error::NoCatalogs {
            dir: Some(catalog_dir.to_owned()),
        });
    }
    let mut outcomes = Vec::new();
    for (relative, contents) in files(&catalogs)? {
        let path = out_dir.join(relative);
        let io_error = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let state = match mode {
            Mode::Write => {
                if write_if_changed(&path, contents.as_bytes()).map_err(io_error)? {
                    State::Written
                } else {
                    State::Current
                }
            }
            Mode::Check => match fs::read(&path) {
                Ok(existing) if existing == contents.as_bytes() => State::Current,
                Ok(_) => State::Stale,
                Err(error) if error.kind() == io::ErrorKind::NotFound => State::Missing,
                Err(error) => return Err(io_error(error)),
            },
        };
        outcomes.push(Outcome { path, state });
    }
    Ok(outcomes)
}
