//! The build-script front end: catalogs in, `OUT_DIR/<name>.rs` out.

use std::path::{Path, PathBuf};

use crate::loader::catalog_files;
use crate::{Error, Limits, Loader, model, rust, write_if_changed};

/// Generates Rust from catalogs in a build script, the way `prost-build` does for protobuf.
///
/// ```no_run
/// // build.rs
/// fn main() {
///     errcat_codegen::Builder::new()
///         .catalog_dir("catalog")
///         .compile()
///         .unwrap_or_else(|e| panic!("{e}"));
/// }
/// ```
///
/// Each catalog `<name>` becomes `OUT_DIR/<name>.rs`, written only when its content changed.
/// Cargo is told to rerun the build script when any catalog (or a catalog directory)
/// changes. If any catalog has a problem, nothing is written.
#[derive(Debug, Clone)]
pub struct Builder {
    catalogs: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    options: rust::Options,
    limits: Limits,
    cargo_directives: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// A builder with no catalogs, writing into `OUT_DIR`.
    pub fn new() -> Self {
        Builder {
            catalogs: Vec::new(),
            dirs: Vec::new(),
            out_dir: None,
            options: rust::Options::default(),
            limits: Limits::DEFAULT,
            cargo_directives: true,
        }
    }

    /// Adds one catalog file.
    pub fn catalog(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.catalogs.push(path.as_ref().to_owned());
        self
    }

    /// Adds every `*.yaml` and `*.yml` file of a directory (not its subdirectories), in name
    /// order.
    pub fn catalog_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.dirs.push(dir.as_ref().to_owned());
        self
    }

    /// Where to write the generated files. Default: the `OUT_DIR` cargo gives build scripts.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_owned());
        self
    }

    /// The Rust type of fields declared `type: any`. Default: `::serde_json::Value`.
    pub fn any_type(&mut self, rust_type: impl Into<String>) -> &mut Self {
        self.options.any_type = rust_type.into();
        self
    }

    /// Also generate `http_status()`, an `http::StatusCode`, for the code enum and the
    /// envelope (default: off). The crate including the output then needs `http = "1"`.
    ///
    /// ```no_run
    /// errcat_codegen::Builder::new().catalog("catalog/guizhan.yaml").http(true).compile_or_report();
    /// // GuizhanCode::ProjectNotFound.http_status() == http::StatusCode::NOT_FOUND
    /// ```
    pub fn http(&mut self, enabled: bool) -> &mut Self {
        self.options.http = enabled;
        self
    }

    /// Also generate `axum::response::IntoResponse` for the envelope and the code enum
    /// (default: off): a handler can return either, and the client gets the code's status,
    /// the catalog's media type as `Content-Type` and the JSON body. The crate including the
    /// output then needs `axum = "0.8"` and `serde_json = "1"`.
    ///
    /// ```no_run
    /// errcat_codegen::Builder::new().catalog("catalog/guizhan.yaml").axum(true).compile_or_report();
    /// // async fn handler() -> Result<Json<Project>, GuizhanCode> { Err(GuizhanCode::ProjectNotFound) }
    /// ```
    pub fn axum(&mut self, enabled: bool) -> &mut Self {
        self.options.axum = enabled;
        self
    }

    /// Also generate `utoipa::PartialSchema` and `utoipa::ToSchema` (default: off) for the
    /// code enum, the envelope, its helper schemas and the `…OrUnknown` code type, with the
    /// schemas and component names of [`openapi::generate`](crate::openapi::generate) for the catalog alone. A server
    /// documenting itself with utoipa then publishes the schemas `errcat openapi` exports;
    /// registering the envelope registers every schema it refers to. The crate including the
    /// output then needs `utoipa = "5"`.
    ///
    /// ```no_run
    /// errcat_codegen::Builder::new().catalog("catalog/guizhan.yaml").utoipa(true).compile_or_report();
    /// // #[derive(utoipa::OpenApi)]
    /// // #[openapi(components(schemas(GuizhanResponse)))] // also GuizhanCode and Pagination
    /// // struct ApiDoc;
    /// ```
    pub fn utoipa(&mut self, enabled: bool) -> &mut Self {
        self.options.utoipa = enabled;
        self
    }

    /// Also generate the conversions to and from `tonic::Status` (default: off): the code
    /// enum's `to_status`, `From<Code>` and `From<Envelope>` for `tonic::Status` with the
    /// gRPC code, the message, and a `google.rpc.ErrorInfo` (reason, domain, the body's
    /// `metadata()`) plus a `RetryInfo` for retryable codes in the details; and
    /// `<Prefix>GrpcStatus::from(&status)`, the typed code, metadata and retry delay of a
    /// received status, an unknown reason kept as received. The crate that includes the
    /// output then needs `tonic = "0.14"` and `tonic-types = "0.14"`.
    ///
    /// ```no_run
    /// // build.rs
    /// errcat_codegen::Builder::new().catalog("catalog/guizhan.yaml").tonic(true).compile_or_report();
    /// ```
    pub fn tonic(&mut self, enabled: bool) -> &mut Self {
        self.options.tonic = enabled;
        self
    }

    /// The bounds every catalog is loaded within (default: [`Limits::DEFAULT`]). Raise them
    /// for a catalog larger than the defaults allow:
    ///
    /// ```no_run
    /// let mut limits = errcat_codegen::Limits::default();
    /// limits.codes = 500_000;
    /// errcat_codegen::Builder::new()
    ///     .catalog("catalog/huge.yaml")
    ///     .limits(limits.with_file_bytes(128 << 20))
    ///     .compile_or_report();
    /// ```
    pub fn limits(&mut self, limits: Limits) -> &mut Self {
        self.limits = limits;
        self
    }

    /// Whether to print `cargo::rerun-if-changed` lines, and `cargo::error` lines from
    /// [`compile_or_report`](Self::compile_or_report) (default: yes). Turn off when not
    /// running inside a build script.
    pub fn cargo_directives(&mut self, enabled: bool) -> &mut Self {
        self.cargo_directives = enabled;
        self
    }

    /// Validates every catalog, then generates and writes `<out_dir>/<name>.rs` for each.
    /// Returns the paths of the generated files.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] listing the problems of every catalog, [`Error::Io`] when a file
    /// cannot be read or written, [`Error::NoCatalogs`], [`Error::NoOutDir`],
    /// [`Error::DuplicateName`] when two catalogs share a name, and the errors of
    /// [`rust::generate`] for the options. Nothing is written unless every catalog is valid.
    pub fn compile(&self) -> Result<Vec<PathBuf>, Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::NoOutDir)?,
        };
        let (files, watched) = self.files()?;
        if self.cargo_directives {
            // Printed before loading, so that cargo reruns the script once a broken catalog
            // is fixed.
            for path in &watched {
                println!("cargo::rerun-if-changed={}", path.display());
            }
        }
        let catalogs = Loader::new().limits(self.limits).load_all(&files)?;
        model::unique_names(&catalogs)?;
        let mut outputs = Vec::new();
        for catalog in &catalogs {
            let path = out_dir.join(format!("{}.rs", catalog.name));
            outputs.push((path, rust::generate(catalog, &self.options)?));
        }
        for (path, contents) in &outputs {
            write_if_changed(path, contents.as_bytes()).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
        }
        Ok(outputs.into_iter().map(|(path, _)| path).collect())
    }

    /// Like [`compile`](Self::compile), but reports failure the way a compiler does: each
    /// line of the error goes to cargo as a `cargo::error=` line, and `None` is returned so
    /// that the build script can end normally. Cargo then prints every line of every
    /// diagnostic under `error:` (the caret still under the offending value) and fails the
    /// build, without the dump of the script's output that follows a panicking build script.
    ///
    /// ```no_run
    /// // build.rs
    /// fn main() {
    ///     errcat_codegen::Builder::new()
    ///         .catalog_dir("catalog")
    ///         .compile_or_report();
    /// }
    /// ```
    ///
    /// Cargo honours `cargo::error` from Rust 1.84; this crate needs 1.85 anyway. With
    /// [`cargo_directives(false)`](Self::cargo_directives) the error is written to standard
    /// error instead.
    pub fn compile_or_report(&self) -> Option<Vec<PathBuf>> {
        match self.compile() {
            Ok(paths) => Some(paths),
            Err(error) if self.cargo_directives => {
                print!("{}", cargo_errors(&error.to_string()));
                None
            }
            Err(error) => {
                eprintln!("{error}");
                None
            }
        }
    }

    /// The catalog files, and the paths cargo must watch: each directory (so new files are
    /// seen) and each file.
    fn files(&self) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
        let mut files = self.catalogs.clone();
        for dir in &self.dirs {
            files.extend(catalog_files(dir)?);
        }
        if files.is_empty() {
            return Err(Error::NoCatalogs { dir: None });
        }
        let watched = self.dirs.iter().chain(&files).cloned().collect();
        Ok((files, watched))
    }
}

/// `text` as `cargo::error=` directives, one per non-blank line: cargo takes a directive per
/// line, and a blank one would print as an empty `error:`.
fn cargo_errors(text: &str) -> String {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("cargo::error={line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_become_one_cargo_directive_per_line() {
        assert_eq!(
            cargo_errors("a.yaml:1:1: error: bad\n  |\n1 | x\n\nb.yaml: error: worse\n"),
            "cargo::error=a.yaml:1:1: error: bad\ncargo::error=  |\ncargo::error=1 | x\ncargo::error=b.yaml: error: worse\n"
        );
    }

    #[test]
    fn watches_every_directory_and_file() {
        let dir = std::env::temp_dir().join(format!("errcat-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("b.yaml"), "").unwrap();
        std::fs::write(dir.join("a.yml"), "").unwrap();
        std::fs::write(dir.join("c.txt"), "").unwrap();
        let (files, watched) = Builder::new()
            .catalog("x.yaml")
            .catalog_dir(&dir)
            .files()
            .unwrap();
        assert_eq!(
            files,
            [
                PathBuf::from("x.yaml"),
                dir.join("a.yml"),
                dir.join("b.yaml")
            ]
        );
        assert_eq!(
            watched,
            [
                dir.clone(),
                "x.yaml".into(),
                dir.join("a.yml"),
                dir.join("b.yaml")
            ]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
