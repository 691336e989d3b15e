//! The `errcat` command-line tool.
//!
//! Exit codes: 0 success; 1 the catalogs have problems; 2 the command could not run (bad
//! arguments, unreadable or unwritable files).

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use errcat_codegen::{Error, Style, rust};

/// Shown under every `--help` of the top-level command.
const AFTER_HELP: &str = "\
Examples:
  errcat check catalog/*.yaml
  errcat rust catalog/guizhan.yaml --axum -o src/guizhan.rs
  errcat completions bash > ~/.local/share/bash-completion/completions/errcat

Exit codes:
  0  success
  1  the catalogs have problems; each is reported on standard error as
     `file:line:col: error: message` with the source line and a hint
  2  the command could not run: bad arguments, or a file that cannot be read or written

Diagnostics are colored when standard error is a terminal and NO_COLOR is not set;
`--color always` or `--color never` decides instead.";

/// Generate typed Rust, OpenAPI and docs from YAML error catalogs.
#[derive(Parser)]
#[command(name = "errcat", version, about, long_about = None, after_help = AFTER_HELP)]
struct Cli {
    /// When to color diagnostics.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
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
        after_help = "Examples:\n  errcat rust catalog/guizhan.yaml\n  errcat rust catalog/guizhan.yaml -o src/guizhan.rs\n  errcat rust catalog/astrada.yaml --http --axum -o src/astrada.rs"
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
    /// Print a shell completion script for errcat.
    #[command(
        after_help = "Examples:\n  errcat completions bash > ~/.local/share/bash-completion/completions/errcat\n  errcat completions zsh > ~/.zfunc/_errcat\n  errcat completions fish > ~/.config/fish/completions/errcat.fish"
    )]
    Completions {
        /// The shell to complete in.
        shell: Shell,
    },
}

/// When to color diagnostics.
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
enum Color {
    /// Color when standard error is a terminal and `NO_COLOR` is unset or empty.
    Auto,
    /// Always color.
    Always,
    /// Never color.
    Never,
}

/// The diagnostics style for a `--color` choice, whether standard error is a terminal, and
/// the value of `NO_COLOR` (which disables color when set to anything but the empty string,
/// as no-color.org asks). An explicit `always` or `never` wins over both.
fn style(color: Color, is_terminal: bool, no_color: Option<OsString>) -> Style {
    let wanted = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => is_terminal && no_color.is_none_or(|value| value.is_empty()),
    };
    if wanted { Style::Color } else { Style::Plain }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = style(
        cli.color,
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR"),
    );
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Invalid(diagnostics)) => {
            eprintln!("{}", diagnostics.render(style));
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}

fn run(command: Command) -> Result<(), Error> {
    match command {
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
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "errcat", &mut std::io::stdout());
            Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_follows_the_terminal_and_no_color_unless_told() {
        let no_color = || Some(OsString::from("1"));
        assert_eq!(style(Color::Auto, true, None), Style::Color);
        assert_eq!(
            style(Color::Auto, true, Some(OsString::new())),
            Style::Color
        );
        assert_eq!(style(Color::Auto, true, no_color()), Style::Plain);
        assert_eq!(style(Color::Auto, false, None), Style::Plain);
        assert_eq!(style(Color::Always, false, no_color()), Style::Color);
        assert_eq!(style(Color::Never, true, None), Style::Plain);
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
