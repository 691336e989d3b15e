//! The `errcat` command-line tool.
//!
//! Exit codes: 0 success; 1 the catalogs have problems; 2 the command could not run (bad
//! arguments, unreadable or unwritable files). `diff` exits 1 for breaking changes, so an
//! invalid catalog makes it exit 2.

mod init;

use std::ffi::OsString;
use std::fs::OpenOptions;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use errcat_codegen::export::{self, Mode};
use errcat_codegen::{Error, Limits, Loader, Style, compat, docs, openapi, rust};

/// The JSON Schema (draft 2020-12) of the catalog format, printed by `errcat schema`.
const SCHEMA: &str = include_str!("../errcat-catalog.schema.json");

/// Shown under every `--help` of the top-level command.
const AFTER_HELP: &str = "\
Examples:
  errcat init --name shop
  errcat check catalog/*.yaml
  errcat rust catalog/guizhan.yaml --axum -o src/guizhan.rs
  errcat diff --against origin/main catalog/guizhan.yaml
  errcat openapi catalog/guizhan.yaml --format yaml -o api/guizhan-errors.yaml
  errcat export --check
  errcat import openapi api/openapi.yaml -o catalog/shop.yaml
  errcat completions bash > ~/.local/share/bash-completion/completions/errcat

Exit codes:
  0  success
  1  the catalogs have problems; each is reported on standard error as
     `file:line:col: error: message` with the source line and a hint
     (`diff`: at least one breaking change)
  2  the command could not run: bad arguments, or a file that cannot be read or written
     (`diff`: the catalogs could not be compared)

Diagnostics are colored when standard error is a terminal and NO_COLOR is not set;
`--color always` or `--color never` decides instead.

Catalogs are refused past 100,000 codes or 32 MiB, and when aliases expand, nesting runs
deep or one string is long (see README.md, \"Limits\"); `--max-codes` and `--max-file-size`
set the first two.";

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
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print (or write) the Rust module generated from a catalog.
    #[command(
        after_help = "Examples:\n  errcat rust catalog/guizhan.yaml\n  errcat rust catalog/guizhan.yaml -o src/guizhan.rs\n  errcat rust catalog/astrada.yaml --http --axum -o src/astrada.rs\n  errcat rust catalog/guizhan.yaml --utoipa -o src/guizhan.rs\n  errcat rust catalog/guizhan.yaml --tonic -o src/guizhan.rs"
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
        /// Also generate `utoipa::ToSchema` impls with the schemas `errcat openapi` exports
        /// (needs `utoipa` 5).
        #[arg(long)]
        utoipa: bool,
        /// Also generate conversions to and from `tonic::Status`, with `ErrorInfo` and
        /// `RetryInfo` details (needs `tonic` and `tonic-types` 0.14).
        #[arg(long)]
        tonic: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Compare two versions of a catalog and list every change, breaking or compatible.
    #[command(
        after_help = "Examples:\n  errcat diff old/guizhan.yaml catalog/guizhan.yaml\n  errcat diff --against origin/main catalog/guizhan.yaml\n  errcat diff --against HEAD~1 catalog/guizhan.yaml --format json\n\nExit codes: 0 no breaking change, 1 breaking changes, 2 the catalogs could not be compared\n(bad arguments, unreadable or invalid catalogs, git errors)."
    )]
    Diff {
        /// The old version of the catalog; with `--against`, the catalog itself.
        #[arg(value_name = "OLD|CATALOG")]
        catalog: PathBuf,
        /// The new version of the catalog.
        #[arg(
            value_name = "NEW",
            required_unless_present = "against",
            conflicts_with = "against"
        )]
        new: Option<PathBuf>,
        /// Compare the catalog with itself as it was at this git revision (branch, tag or
        /// commit).
        #[arg(long, value_name = "REV")]
        against: Option<String>,
        /// `text`: one line per change and a summary; `json`: one object, for machines.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print (or write) an OpenAPI 3.1 document with the components of one or more catalogs:
    /// the code schema, the error body schema, and one response per HTTP status.
    #[command(
        after_help = "Several catalogs merge into one document; schema names that two catalogs share get the catalog's name as a prefix.\n\nExamples:\n  errcat openapi catalog/guizhan.yaml\n  errcat openapi catalog/guizhan.yaml --format yaml -o openapi/errors.yaml\n  errcat openapi catalog/*.yaml -o errors.json"
    )]
    Openapi {
        /// Catalog files.
        #[arg(required = true)]
        catalogs: Vec<PathBuf>,
        /// Write to this file (only when its content changes) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = FormatArg::Json)]
        format: FormatArg,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print (or write) the Markdown reference page of a catalog.
    #[command(
        after_help = "Examples:\n  errcat docs catalog/guizhan.yaml\n  errcat docs catalog/guizhan.yaml -o docs/errors/guizhan.md"
    )]
    Docs {
        /// The catalog file.
        catalog: PathBuf,
        /// Write to this file (only when its content changes) instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Write the OpenAPI documents (JSON and YAML) and docs page of every catalog in a
    /// directory: <out>/openapi/<name>.json, <out>/openapi/<name>.yaml, <out>/docs/<name>.md,
    /// and <out>/docs/<name>.<tag>.md for each locale a catalog declares.
    #[command(
        after_help = "Files are written atomically and only when their content changed. With --check nothing is written; each missing or out-of-date file is named and the exit code is 1.\n\nExamples:\n  errcat export --check\n  errcat export\n  errcat export --catalogs api/catalogs --out site/generated"
    )]
    Export {
        /// Directory holding the catalogs (*.yaml, *.yml).
        #[arg(long, default_value = "catalog")]
        catalogs: PathBuf,
        /// Directory to write into.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Write nothing; exit 1 if any file is missing or out of date.
        #[arg(long)]
        check: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Write a starter catalog, and print the lines of a crate that generate Rust from it.
    #[command(
        after_help = "The catalog is commented, names the format's JSON Schema on its first line (for editors) and passes `errcat check`. The crate's lines go to standard output, or to standard error when the catalog is printed with `-`. An existing file is never overwritten: that exits 2.\n\nExamples:\n  errcat init --name shop\n  errcat init api/errors.yaml --code-type string\n  errcat init - --name shop > catalog/shop.yaml"
    )]
    Init {
        /// Where to write the catalog (default: catalog/<NAME>.yaml); `-` prints it instead.
        file: Option<PathBuf>,
        /// The catalog's name, snake_case: it names the generated module and types (default:
        /// the FILE's name without extension, else `api`).
        #[arg(long)]
        name: Option<String>,
        /// Whether codes are numbers (`1000`) or string slugs (`not-found`).
        #[arg(long, value_enum, default_value_t = CodeTypeArg::Integer)]
        code_type: CodeTypeArg,
    },
    /// Print the JSON Schema (draft 2020-12) of the catalog format, for editors.
    #[command(
        after_help = "Editors that run a YAML language server (VS Code with Red Hat's YAML extension, Neovim, Helix, Zed, ...) use it for completion, hover text and checks while a catalog is edited. A catalog names it on its first line, `# yaml-language-server: $schema=<URL or path>`, or the editor's settings map catalogs to it; README.md, \"Editor support\", shows both.\n\nExamples:\n  errcat schema > errcat-catalog.schema.json"
    )]
    Schema,
    /// Bootstrap a catalog from an API description that already documents its errors.
    #[command(
        subcommand,
        after_help = "Examples:\n  errcat import openapi api/openapi.yaml -o catalog/shop.yaml\n  errcat import openapi swagger.json --name shop"
    )]
    Import(ImportFrom),
    /// Print a shell completion script for errcat.
    #[command(
        after_help = "Examples:\n  errcat completions bash > ~/.local/share/bash-completion/completions/errcat\n  errcat completions zsh > ~/.zfunc/_errcat\n  errcat completions fish > ~/.config/fish/completions/errcat.fish"
    )]
    Completions {
        /// The shell to complete in.
        shell: Shell,
    },
}

/// What `errcat import` reads.
#[derive(Subcommand)]
enum ImportFrom {
    /// Write a catalog from an OpenAPI 3.0 / 3.1 or Swagger 2.0 document (JSON or YAML).
    ///
    /// The envelope comes from the body schemas of the error responses (4xx, 5xx and
    /// `default`), the codes from the `enum`/`const` values of the body's code field, or one
    /// per error status when the spec has none. Every guess is marked `# inferred:` in the
    /// catalog; what the catalog format cannot say is listed on standard error as `dropped:`
    /// lines. The catalog passes `errcat check` as written.
    #[command(
        after_help = "Examples:\n  errcat import openapi api/openapi.yaml -o catalog/shop.yaml\n  errcat import openapi swagger.json --name shop > catalog/shop.yaml\n  errcat import openapi spec.json -o catalog/shop.yaml && errcat check catalog/shop.yaml\n\nExit codes: 0 the catalog was written (even when something was dropped), 2 the spec could\nnot be read, is not OpenAPI or Swagger, declares no error response with a body, or `--name`\nis not snake_case."
    )]
    Openapi {
        /// The OpenAPI or Swagger document, JSON or YAML.
        spec: PathBuf,
        /// Write the catalog to this file (only when its content changes) instead of standard
        /// output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The catalog's `name` (snake_case). Default: derived from the spec's `info.title`.
        #[arg(long)]
        name: Option<String>,
    },
}

/// The options that raise the bounds catalogs are loaded within, on every command that loads
/// catalogs. The other bounds keep their defaults, but for the alias expansion bounds, which
/// scale with the file size.
#[derive(Args)]
#[command(next_help_heading = "Limits")]
struct LimitArgs {
    /// The most codes a catalog may have.
    #[arg(long, value_name = "N", default_value_t = Limits::DEFAULT.codes)]
    max_codes: usize,
    /// The largest catalog file: bytes, or a number with `KiB`, `MiB` or `GiB` after it. The
    /// bounds on YAML nodes and text once aliases are expanded grow (or shrink) in proportion.
    #[arg(long, value_name = "SIZE", default_value = "32MiB", value_parser = parse_size)]
    max_file_size: usize,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        let mut limits = Limits::default().with_file_bytes(self.max_file_size);
        limits.codes = self.max_codes;
        limits
    }

    fn loader(&self) -> Loader {
        Loader::new().limits(self.limits())
    }
}

/// `1048576`, `512KiB`, `16MiB`, `1GiB` (`K`, `M`, `G` also taken) as a number of bytes.
fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let shift = match unit.trim() {
        "" | "B" => 0,
        "K" | "KiB" => 10,
        "M" | "MiB" => 20,
        "G" | "GiB" => 30,
        other => {
            return Err(format!(
                "unknown unit `{other}`: give bytes, or a number with KiB, MiB or GiB after it"
            ));
        }
    };
    let number: usize = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size: give bytes, e.g. 1048576, or 16MiB"))?;
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// `--format` of `errcat openapi`.
#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Json,
    Yaml,
}

impl From<FormatArg> for openapi::Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Json => openapi::Format::Json,
            FormatArg::Yaml => openapi::Format::Yaml,
        }
    }
}

/// `--code-type` of `errcat init`.
#[derive(Clone, Copy, ValueEnum)]
enum CodeTypeArg {
    Integer,
    String,
}

impl From<CodeTypeArg> for init::CodeType {
    fn from(code_type: CodeTypeArg) -> Self {
        match code_type {
            CodeTypeArg::Integer => init::CodeType::Integer,
            CodeTypeArg::String => init::CodeType::String,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
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

/// `error` as text, its diagnostics (if any) in `style`.
fn render(error: &Error, style: Style) -> String {
    match error {
        Error::Invalid(diagnostics) => diagnostics.render(style),
        other => other.to_string(),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = style(
        cli.color,
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR"),
    );
    match run(cli.command, style) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{}", render(&error, style));
            match error {
                Error::Invalid(_) => ExitCode::from(1),
                _ => ExitCode::from(2),
            }
        }
    }
}

fn run(command: Command, style: Style) -> Result<ExitCode, Error> {
    match command {
        Command::Check { catalogs, limits } => {
            limits.loader().load_all(&catalogs)?;
            eprintln!("{} catalog(s) OK", catalogs.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Rust {
            catalog,
            output,
            any_type,
            http,
            axum,
            utoipa,
            tonic,
            limits,
        } => {
            let catalog = limits.loader().load(&catalog)?;
            let mut options = rust::Options::default();
            options.any_type = any_type;
            options.http = http;
            options.axum = axum;
            options.utoipa = utoipa;
            options.tonic = tonic;
            let code = rust::generate(&catalog, &options)?;
            emit(output.as_deref(), &code).map(|()| ExitCode::SUCCESS)
        }
        Command::Diff {
            catalog,
            new,
            against,
            format,
            limits,
        } => Ok(diff(
            &catalog,
            new.as_deref(),
            against.as_deref(),
            format,
            &limits.loader(),
            style,
        )),
        Command::Init {
            file,
            name,
            code_type,
        } => Ok(init(file.as_deref(), name.as_deref(), code_type, style)),
        Command::Schema => emit(None, SCHEMA).map(|()| ExitCode::SUCCESS),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "errcat", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Openapi {
            catalogs,
            output,
            format,
            limits,
        } => {
            let catalogs = limits.loader().load_all(&catalogs)?;
            let document = openapi::generate(&catalogs, format.into())?;
            emit(output.as_deref(), &document).map(|()| ExitCode::SUCCESS)
        }
        Command::Docs {
            catalog,
            output,
            limits,
        } => {
            let catalog = limits.loader().load(&catalog)?;
            emit(output.as_deref(), &docs::generate(&catalog)).map(|()| ExitCode::SUCCESS)
        }
        Command::Export {
            catalogs,
            out,
            check,
            limits,
        } => export(&catalogs, &out, check, &limits.loader()),
        Command::Import(ImportFrom::Openapi { spec, output, name }) => {
            import_openapi(&spec, output.as_deref(), name)
        }
    }
}

/// The largest spec `errcat import` reads: far beyond any published API description.
const MAX_SPEC_BYTES: u64 = 256 << 20;

/// `errcat import openapi`: the catalog on standard output or in `output`, the dropped
/// constructs on standard error; exit 2 when there is no catalog to write.
fn import_openapi(
    spec: &Path,
    output: Option<&Path>,
    name: Option<String>,
) -> Result<ExitCode, Error> {
    // Read one byte past the bound, so that an endless file is never read whole.
    let mut bytes = Vec::new();
    std::fs::File::open(spec)
        .and_then(|file| file.take(MAX_SPEC_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|source| Error::Io {
            path: spec.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        eprintln!(
            "{}: error: the spec is larger than {} MiB",
            spec.display(),
            MAX_SPEC_BYTES >> 20
        );
        return Ok(ExitCode::from(2));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("{}: error: the spec is not valid UTF-8", spec.display());
        return Ok(ExitCode::from(2));
    };
    let mut options = errcat_codegen::import::Options::default();
    options.name = name;
    let imported = match errcat_codegen::import::openapi(&text, &options) {
        Ok(imported) => imported,
        Err(error) => {
            eprintln!("{}: error: {error}", spec.display());
            return Ok(ExitCode::from(2));
        }
    };
    for line in &imported.dropped {
        eprintln!("dropped: {line}");
    }
    emit(output, &imported.catalog)?;
    let written = output.map_or_else(|| "the catalog".to_owned(), |p| p.display().to_string());
    eprintln!(
        "{written}: {} code(s), {} line(s) marked `# inferred:`, {} construct(s) dropped",
        imported.catalog.matches("\n  - code: ").count(),
        imported.inferred.len(),
        imported.dropped.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// `errcat export`: exit 1 when `--check` finds a missing or out-of-date file.
fn export(catalogs: &Path, out: &Path, check: bool, loader: &Loader) -> Result<ExitCode, Error> {
    let mode = if check { Mode::Check } else { Mode::Write };
    let outcomes = export::export(loader, catalogs, out, mode)?;
    for outcome in &outcomes {
        let path = outcome.path.display();
        match outcome.state {
            export::State::Current => {}
            export::State::Written => eprintln!("wrote {path}"),
            export::State::Stale => eprintln!("{path}: error: out of date"),
            export::State::Missing => eprintln!("{path}: error: missing"),
        }
    }
    let outdated = outcomes.iter().filter(|o| o.state.is_outdated()).count();
    if outdated == 0 {
        eprintln!("{} file(s) up to date in {}", outcomes.len(), out.display());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "{outdated} of {} file(s) in {} need regenerating: run `errcat export --catalogs {} --out {}`",
            outcomes.len(),
            out.display(),
            catalogs.display(),
            out.display()
        );
        Ok(ExitCode::from(1))
    }
}

/// `errcat init`: exit 2 when the name is unusable or the file exists or cannot be written.
fn init(file: Option<&Path>, name: Option<&str>, code_type: CodeTypeArg, style: Style) -> ExitCode {
    let print = file == Some(Path::new("-"));
    let file = file.filter(|_| !print);
    let stem = file
        .and_then(Path::file_stem)
        .map(|stem| stem.to_string_lossy().into_owned());
    let named_by_file = name.is_none() && stem.is_some();
    let name = match (name, stem) {
        (Some(name), _) => name.to_owned(),
        (None, Some(stem)) => stem,
        (None, None) => "api".to_owned(),
    };
    if let Some(problem) = init::name_problem(&name) {
        let whence = if named_by_file {
            "\n  hint: the catalog is named after its file unless `--name` names it"
        } else {
            ""
        };
        eprintln!("error: {problem}{whence}");
        return ExitCode::from(2);
    }
    let path = file.map_or_else(
        || Path::new("catalog").join(format!("{name}.yaml")),
        Path::to_owned,
    );
    let shown = path.display().to_string().replace('\\', "/");
    let catalog = init::catalog(&name, code_type.into(), &shown);
    // The loader is the judge: what `init` writes must pass `errcat check`.
    if let Err(diagnostics) = errcat_codegen::parse(&shown, &catalog) {
        eprintln!(
            "error: no catalog can be named `{name}`:\n{}",
            diagnostics.render(style)
        );
        return ExitCode::from(2);
    }
    let instructions = init::instructions(&name, &shown);
    if print {
        if let Err(error) = emit(None, &catalog) {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
        eprint!("\nSave it as {shown}, or change that path below. {instructions}");
        return ExitCode::SUCCESS;
    }
    let written = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| OpenOptions::new().write(true).create_new(true).open(&path))
        .and_then(|mut out| out.write_all(catalog.as_bytes()));
    match written {
        Ok(()) => {
            println!("wrote {shown}\n\n{instructions}");
            ExitCode::SUCCESS
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "{shown}: error: the file already exists, and `errcat init` never overwrites one\n  hint: give another FILE or `--name`, or `-` to print the catalog instead"
            );
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("{shown}: error: {error}");
            ExitCode::from(2)
        }
    }
}

/// `errcat diff`: exit 1 when a change is breaking, 2 when the catalogs could not be compared.
fn diff(
    catalog: &Path,
    new: Option<&Path>,
    against: Option<&str>,
    format: DiffFormat,
    loader: &Loader,
    style: Style,
) -> ExitCode {
    let load = |path| loader.load(path);
    // Both sides are loaded whatever becomes of the other, so that every problem of both is
    // shown in one run.
    let (old, new) = match (new, against) {
        (_, Some(rev)) => (loader.load_revision(rev, catalog), load(catalog)),
        (Some(new), None) => (load(catalog), load(new)),
        // clap requires one of the two.
        (None, None) => Cli::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "give two catalogs (OLD NEW), or one with `--against REV`",
            )
            .exit(),
    };
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for error in [old.err(), new.err()].into_iter().flatten() {
                eprintln!("{}", render(&error, style));
            }
            return ExitCode::from(2);
        }
    };
    let report = compat::diff(&old, &new);
    let verdict = if report.is_breaking() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    let text = match format {
        DiffFormat::Text => report.to_string(),
        DiffFormat::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => json,
            Err(error) => {
                eprintln!("error: cannot write the report as JSON: {error}");
                return ExitCode::from(2);
            }
        },
    };
    match writeln!(std::io::stdout(), "{text}") {
        Ok(()) => verdict,
        // A reader that stops early (`| head`) has what it wanted; the verdict stands.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => verdict,
        Err(error) => {
            eprintln!("error: cannot write the report: {error}");
            ExitCode::from(2)
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
        // Written rather than `print!`ed, so that a failing standard output is reported, not a
        // panic; a reader that stops early (`| head`) has what it wanted.
        None => match std::io::stdout().write_all(contents.as_bytes()) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(source) => Err(Error::Io {
                path: PathBuf::from("<stdout>"),
                source,
            }),
        },
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
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512KiB"), Ok(512 << 10));
        assert_eq!(parse_size("16MiB"), Ok(16 << 20));
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert!(
            parse_size("16MB")
                .unwrap_err()
                .contains("unknown unit `MB`")
        );
        assert!(parse_size("MiB").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999999999999GiB").is_err());
    }

    #[test]
    fn limit_options_default_to_the_library_defaults() {
        let cli = Cli::try_parse_from(["errcat", "check", "a.yaml"]).unwrap();
        let Command::Check { limits, .. } = cli.command else {
            unreachable!()
        };
        assert_eq!(limits.limits(), Limits::DEFAULT);
        let cli = Cli::try_parse_from([
            "errcat",
            "rust",
            "a.yaml",
            "--max-codes",
            "300000",
            "--max-file-size",
            "64MiB",
        ])
        .unwrap();
        let Command::Rust { limits, .. } = cli.command else {
            unreachable!()
        };
        let raised = limits.limits();
        assert_eq!(
            (raised.codes, raised.file_bytes, raised.nodes),
            (300_000, 64 << 20, 2 * Limits::DEFAULT.nodes)
        );
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
