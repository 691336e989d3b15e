//! The `errcat` command-line tool.
//!
//! Exit codes: 0 success; 1 the catalogs have problems; 2 the command could not run (bad
//! arguments, unreadable or unwritable files).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use errcat_codegen::{Error, rust};

/// Generate typed Rust, OpenAPI and docs from YAML error catalogs.
#[derive(Parser)]
#[command(name = "errcat", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check catalogs and report every problem as `file:line:col: error: ...`.
    #[command(after_help = "Examples:\n  errcat check catalog/*.yaml")]
    Check {
        /// Catalog files.
        #[arg(required = true)]
        catalogs: Vec<PathBuf>,
    },
    /// Print (or write) the Rust module generated from a catalog.
    #[command(
        after_help = "Examples:\n  errcat rust catalog/guizhan.yaml\n  errcat rust catalog/guizhan.yaml -o src/guizhan.rs"
    )]
    Rust {
        /// The catalog file.
        catalog: PathBuf,
        /// Write to this file (only when its content changes) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Rust type for fields declared `type: any`.
        #[arg(long, default_value = "::serde_json::Value")]
        any_type: String,
        /// Also generate `http_status()` returning `http::StatusCode` (needs the `http` crate).
        #[arg(long)]
        http: bool,
        /// Also generate `axum::response::IntoResponse` impls (needs `axum` and `serde_json`).
        #[arg(long)]
        axum: bool,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            match error {
                Error::Invalid(_) => ExitCode::from(1),
                _ => ExitCode::from(2),
            }
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Check { catalogs } => {
            let mut problems = Vec::new();
            for path in &catalogs {
                match errcat_codegen::load(path) {
                    Ok(_) => {}
                    Err(Error::Invalid(diagnostics)) => problems.extend(diagnostics.0),
                    Err(other) => return Err(other),
                }
            }
            if problems.is_empty() {
                eprintln!("{} catalog(s) OK", catalogs.len());
                Ok(())
            } else {
                Err(Error::Invalid(errcat_codegen::Diagnostics(problems)))
            }
        }
        Command::Rust {
            catalog,
            output,
            any_type,
            http,
            axum,
        } => {
            let catalog = errcat_codegen::load(&catalog)?;
            let mut options = rust::Options::default();
            options.any_type = any_type;
            options.http = http;
            options.axum = axum;
            let code = rust::generate(&catalog, &options).map_err(Error::Config)?;
            emit(output.as_deref(), &code)
        }
    }
}

/// Writes `contents` to `output`, or prints it when there is none.
fn emit(output: Option<&Path>, contents: &str) -> Result<(), Error> {
    match output {
        Some(path) => errcat_codegen::write_if_changed(path, contents.as_bytes())
            .map(|_| ())
            .map_err(|source| Error::Io {
                path: path.to_owned(),
                source,
            }),
        None => {
            print!("{contents}");
            Ok(())
        }
    }
}
