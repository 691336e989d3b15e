//! The `errcat` command line: output, files and exit codes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{strip_ansi, workspace};

fn errcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .current_dir(workspace())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_accepts_the_bundled_catalogs() {
    let output = errcat(&[
        "check",
        "catalog/mode.yaml",
        "catalog/guizhan.yaml",
        "catalog/astrada.yaml",
        "catalog/awork.yaml",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stderr), "4 catalog(s) OK\n");
}

#[test]
fn check_reports_problems_and_exits_1() {
    let output = errcat(&[
        "check",
        "catalog/mode.yaml",
        "codegen/tests/fixtures/bad/unknown_keys.yaml",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(
            "codegen/tests/fixtures/bad/unknown_keys.yaml:13:5: error: unknown key `mesage`"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("= hint: did you mean `message`?"),
        "{stderr}"
    );
    assert!(stderr.contains("3 problems found"), "{stderr}");
}

#[test]
fn rust_prints_the_generated_module() {
    let output = errcat(&["rust", "catalog/guizhan.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let golden =
        std::fs::read_to_string(workspace().join("codegen/tests/golden/guizhan.rs")).unwrap();
    assert_eq!(text(&output.stdout), golden);
}

#[test]
fn rust_writes_to_a_file() {
    let path = std::env::temp_dir().join(format!("errcat-cli-{}.rs", std::process::id()));
    let output = errcat(&["rust", "catalog/mode.yaml", "-o", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    let golden = std::fs::read_to_string(workspace().join("codegen/tests/golden/mode.rs")).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), golden);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn unreadable_input_and_bad_usage_exit_2() {
    let output = errcat(&["check", "catalog/nope.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).starts_with("catalog/nope.yaml: error: "),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(errcat(&["frobnicate"]).status.code(), Some(2));
}

/// The subcommands `errcat --help` lists, but `help` itself.
fn subcommands() -> Vec<String> {
    let help = text(&errcat(&["--help"]).stdout);
    help.split("Commands:\n")
        .nth(1)
        .expect("a Commands section")
        .lines()
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_subcommand_help_shows_an_example_of_it() {
    let subcommands = subcommands();
    assert!(
        ["check", "rust", "completions"]
            .iter()
            .all(|name| subcommands.iter().any(|s| s == name)),
        "{subcommands:?}"
    );
    for name in &subcommands {
        let output = errcat(&[name, "--help"]);
        assert_eq!(output.status.code(), Some(0), "{name}");
        let help = text(&output.stdout);
        assert!(
            help.contains(&format!("Examples:\n  errcat {name} ")),
            "`errcat {name} --help` has no example:\n{help}"
        );
    }
}

#[test]
fn help_documents_exit_codes_and_color() {
    let help = text(&errcat(&["--help"]).stdout);
    for expected in [
        "Exit codes:\n  0  success\n  1  the catalogs have problems",
        "\n  2  the command could not run",
        "NO_COLOR",
        "--color <COLOR>",
    ] {
        assert!(help.contains(expected), "no {expected:?} in:\n{help}");
    }
}

#[test]
fn completions_cover_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = errcat(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let script = text(&output.stdout);
        for name in subcommands() {
            assert!(script.contains(&name), "{shell}: no `{name}` in the script");
        }
    }
    let bash = text(&errcat(&["completions", "bash"]).stdout);
    assert!(bash.contains("complete -F _errcat"), "{bash}");
    assert_eq!(errcat(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn diagnostics_are_plain_when_piped_and_colored_when_asked() {
    let bad = "codegen/tests/fixtures/bad/duplicate_code.yaml";
    let piped = errcat(&["check", bad]);
    assert_eq!(piped.status.code(), Some(1));
    let plain = text(&piped.stderr);
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    assert!(plain.contains("= note: first defined at"), "{plain}");

    let colored = text(&errcat(&["--color", "always", "check", bad]).stderr);
    assert!(colored.contains("\u{1b}["), "{colored:?}");
    assert_eq!(strip_ansi(&colored), plain);

    let never = errcat(&["check", bad, "--color", "never"]);
    assert_eq!(text(&never.stderr), plain);
}

#[test]
fn rust_with_the_web_and_tonic_options_prints_the_web_golden_file() {
    let output = errcat(&[
        "rust",
        "catalog/astrada.yaml",
        "--http",
        "--axum",
        "--utoipa",
        "--tonic",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let golden =
        std::fs::read_to_string(workspace().join("codegen/tests/golden/web/astrada.rs")).unwrap();
    assert_eq!(text(&output.stdout), golden);
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

#[test]
fn openapi_prints_what_export_commits() {
    for (format, extension) in [("json", "json"), ("yaml", "yaml")] {
        let output = errcat(&["openapi", "catalog/guizhan.yaml", "--format", format]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let committed =
            fs::read_to_string(workspace().join(format!("generated/openapi/guizhan.{extension}")))
                .unwrap();
        assert_eq!(text(&output.stdout), committed);
    }
    // JSON is the default.
    let output = errcat(&["openapi", "catalog/mode.yaml"]);
    assert!(text(&output.stdout).starts_with("{\n  \"openapi\": \"3.1.0\""));
}

#[test]
fn openapi_merges_catalogs_into_one_file() {
    let dir = temp("merge");
    let path = dir.join("errors.yaml");
    let output = errcat(&[
        "openapi",
        "catalog/mode.yaml",
        "catalog/awork.yaml",
        "--format",
        "yaml",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    let document = fs::read_to_string(&path).unwrap();
    for component in [
        "ModeCode:",
        "ModeError:",
        "AworkCode:",
        "AworkError:",
        "ValidationError:",
        "ModeError404:",
        "AworkError400:",
    ] {
        assert!(
            document.contains(component),
            "no {component} in\n{document}"
        );
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn docs_prints_what_export_commits() {
    let output = errcat(&["docs", "catalog/astrada.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let committed = fs::read_to_string(workspace().join("generated/docs/astrada.md")).unwrap();
    assert_eq!(text(&output.stdout), committed);
}

#[test]
fn export_check_exits_1_naming_each_outdated_file() {
    let dir = temp("check");
    let out = dir.to_str().unwrap();
    let output = errcat(&["export", "--out", out, "--check"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!("{out}/openapi/guizhan.yaml: error: missing")),
        "{stderr}"
    );
    assert!(!dir.exists(), "--check wrote files");

    let output = errcat(&["export", "--out", out]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains(&format!("wrote {out}/docs/mode.md")));
    assert_eq!(
        errcat(&["export", "--out", out, "--check"]).status.code(),
        Some(0)
    );

    fs::write(dir.join("docs/awork.md"), "stale\n").unwrap();
    let output = errcat(&["export", "--out", out, "--check"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!("{out}/docs/awork.md: error: out of date")),
        "{stderr}"
    );
    assert!(stderr.contains("1 of 14 file(s)"), "{stderr}");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn problems_exit_1_and_unreadable_input_exits_2() {
    let output = errcat(&["openapi", "codegen/tests/fixtures/bad/unknown_keys.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        errcat(&["docs", "catalog/nope.yaml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        errcat(&["export", "--catalogs", "nope"]).status.code(),
        Some(2)
    );
    assert_eq!(
        errcat(&["openapi", "catalog/mode.yaml", "--format", "toml"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn limit_options_raise_and_lower_the_bounds() {
    let dir = temp("limits");
    fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.yaml");
    let codes: String = (0..10_001)
        .map(|i| format!("  - {{ code: {i}, message: Code {i}, status: 400 }}\n"))
        .collect();
    fs::write(
        &big,
        format!(
            "name: big\ntitle: Big\nversion: 1.0.0\ncode_type: integer\nenvelope:\n  name: BigError\n  media_type: application/json\n  fields:\n    - {{ name: code, type: integer, from: code, required: true }}\ncodes:\n{codes}"
        ),
    )
    .unwrap();
    let big = big.to_str().unwrap();
    // Within the defaults (100,000 codes); refused below them.
    let output = errcat(&["check", big]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let output = errcat(&["check", big, "--max-codes", "10000"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("error: the catalog has 10001 codes, more than the 10000 allowed"),
        "{stderr}"
    );
    let output = errcat(&["check", big, "--max-codes", "20000"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));

    // Every command that loads catalogs takes the options.
    let small = ["--max-file-size", "1KiB"];
    let export_out = dir.join("out");
    let export_out = export_out.to_str().unwrap();
    for (args, code) in [
        (vec!["check", "catalog/mode.yaml"], 1),
        (vec!["rust", "catalog/mode.yaml"], 1),
        (vec!["openapi", "catalog/mode.yaml"], 1),
        (vec!["docs", "catalog/mode.yaml"], 1),
        (vec!["export", "--check", "--out", export_out], 1),
        (vec!["diff", "catalog/mode.yaml", "catalog/mode.yaml"], 2),
    ] {
        let output = errcat(&[&args[..], &small[..]].concat());
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: the catalog is larger than 1 KiB"),
            "{args:?}: {stderr}"
        );
        let help = text(&errcat(&[args[0], "--help"]).stdout);
        assert!(
            help.contains("--max-codes <N>") && help.contains("--max-file-size <SIZE>"),
            "{help}"
        );
    }

    let output = errcat(&["check", "catalog/mode.yaml", "--max-file-size", "1MB"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("unknown unit `MB`"));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn schema_prints_the_committed_schema() {
    let output = errcat(&["schema"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let committed = fs::read_to_string(workspace().join("codegen/errcat-catalog.schema.json"));
    assert_eq!(text(&output.stdout), committed.unwrap());
}

fn errcat_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Validates `catalog` (YAML text) against the committed schema.
fn schema_complaints(catalog: &str) -> Vec<String> {
    let schema = fs::read_to_string(workspace().join("codegen/errcat-catalog.schema.json"));
    let schema = serde_json::from_str(&schema.unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let instance = common::yaml_to_json(&serde_yaml::from_str(catalog).unwrap());
    validator
        .iter_errors(&instance)
        .map(|error| format!("at `{}`: {error}", error.instance_path()))
        .collect()
}

#[test]
fn init_writes_a_starter_catalog_that_passes_check() {
    for code_type in ["integer", "string"] {
        let dir = temp(&format!("init-{code_type}"));
        fs::create_dir_all(&dir).unwrap();
        let output = errcat_in(&dir, &["init", "--name", "shop", "--code-type", code_type]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let stdout = text(&output.stdout);
        assert!(stdout.starts_with("wrote catalog/shop.yaml\n"), "{stdout}");
        for line in [
            "[build-dependencies]\nerrcat-codegen = \"0.1\"\n",
            "serde = { version = \"1\", features = [\"derive\"] }\n",
            "        .catalog(\"catalog/shop.yaml\")\n",
            "pub mod shop {\n    include!(concat!(env!(\"OUT_DIR\"), \"/shop.rs\"));\n}\n",
        ] {
            assert!(stdout.contains(line), "no {line:?} in:\n{stdout}");
        }
        let catalog = fs::read_to_string(dir.join("catalog/shop.yaml")).unwrap();
        assert!(
            catalog.starts_with(
                "# yaml-language-server: $schema=https://github.com/errcat/errcat/raw/main/codegen/errcat-catalog.schema.json\n"
            ),
            "{catalog}"
        );
        assert!(catalog.contains(&format!("\ncode_type: {code_type}\n")));
        let check = errcat_in(&dir, &["check", "catalog/shop.yaml"]);
        assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
        let complaints = schema_complaints(&catalog);
        assert!(complaints.is_empty(), "{}", complaints.join("\n"));

        // `-` prints the same catalog, and the crate's lines on standard error.
        let printed = errcat_in(
            &dir,
            &["init", "-", "--name", "shop", "--code-type", code_type],
        );
        assert_eq!(printed.status.code(), Some(0), "{}", text(&printed.stderr));
        assert_eq!(text(&printed.stdout), catalog);
        assert!(text(&printed.stderr).contains("[build-dependencies]"));
        fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn init_names_the_catalog_after_its_file_or_api() {
    let dir = temp("init-names");
    fs::create_dir_all(&dir).unwrap();
    let output = errcat_in(&dir, &["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        fs::read_to_string(dir.join("catalog/api.yaml"))
            .unwrap()
            .contains("\nname: api\n")
    );
    let output = errcat_in(&dir, &["init", "errors/billing.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let catalog = fs::read_to_string(dir.join("errors/billing.yaml")).unwrap();
    assert!(catalog.contains("\nname: billing\n"), "{catalog}");
    assert!(text(&output.stdout).contains(".catalog(\"errors/billing.yaml\")"));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn init_never_overwrites_a_file_and_refuses_bad_names() {
    let dir = temp("init-refuses");
    fs::create_dir_all(dir.join("catalog")).unwrap();
    fs::write(dir.join("catalog/shop.yaml"), "mine\n").unwrap();
    let output = errcat_in(&dir, &["init", "--name", "shop"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).starts_with(
            "catalog/shop.yaml: error: the file already exists, and `errcat init` never overwrites one\n"
        ),
        "{}",
        text(&output.stderr)
    );
    assert!(output.stdout.is_empty());
    assert_eq!(
        fs::read_to_string(dir.join("catalog/shop.yaml")).unwrap(),
        "mine\n"
    );

    for (args, expected) in [
        (
            &["init", "--name", "My-API"][..],
            "error: `My-API` is not a snake_case name",
        ),
        (
            &["init", "catalog/Shop.yaml"][..],
            "hint: the catalog is named after its file unless `--name` names it",
        ),
        (
            &["init", "--name", "type"][..],
            "catalog name `type` is a Rust keyword",
        ),
    ] {
        let output = errcat_in(&dir, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            text(&output.stderr).contains(expected),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
    let mut left: Vec<_> = fs::read_dir(dir.join("catalog"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["shop.yaml"]);
    fs::remove_dir_all(&dir).unwrap();
}

/// The section of `errcat init`'s output under `heading`, up to the next blank line that
/// precedes a heading or the closing sentence.
fn section<'a>(instructions: &'a str, heading: &str) -> &'a str {
    let start = instructions
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading:?} in:\n{instructions}"))
        + heading.len()
        + 1;
    let rest = &instructions[start..];
    let end = ["\n\n# ", "\n\n// ", "\n\nThen "]
        .iter()
        .filter_map(|next| rest.find(next))
        .min()
        .unwrap_or(rest.len());
    &rest[..=end.min(rest.len() - 1)]
}

/// What `errcat init` prints, followed to the letter in a new crate, builds: the catalog
/// generates Rust that compiles under `#![deny(warnings)]`, with the types and constructor
/// its comments promise.
#[test]
fn a_crate_made_from_the_init_instructions_builds() {
    let codegen = workspace().join("codegen");
    for (code_type, name, constructor) in [
        ("integer", "starter_ints", "resource_not_found"),
        ("string", "starter_slugs", "not_found"),
    ] {
        // Outside any workspace, beside the crates of the add_a_code tests.
        let dir = workspace()
            .join("target")
            .join(format!("init-{name}-crate"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("src")).unwrap();
        let output = errcat_in(&dir, &["init", "--name", name, "--code-type", code_type]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        let instructions = text(&output.stdout);

        let dependencies = section(&instructions, "# Cargo.toml");
        let published = "errcat-codegen = \"0.1\"";
        assert!(dependencies.contains(published), "{dependencies}");
        let dependencies = dependencies.replace(
            published,
            &format!(
                "errcat-codegen = {{ path = {:?} }}",
                codegen.display().to_string()
            ),
        );
        fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n{dependencies}",
                name.replace('_', "-")
            ),
        )
        .unwrap();
        fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        fs::write(dir.join("build.rs"), section(&instructions, "// build.rs")).unwrap();
        let pascal: String = name
            .split('_')
            .map(|word| word[..1].to_uppercase() + &word[1..])
            .collect();
        fs::write(
            dir.join("src/lib.rs"),
            format!(
                "#![deny(warnings)]\n{}\npub fn body() -> {name}::{pascal}Error {{\n    {name}::{pascal}Error::{constructor}(\"x\")\n}}\n\npub fn status() -> u16 {{\n    {name}::{pascal}Code::Unauthorized.status()\n}}\n",
                section(&instructions, "// src/lib.rs")
            ),
        )
        .unwrap();
        let output = Command::new(env!("CARGO"))
            .args(["build", "--offline", "--quiet"])
            .current_dir(&dir)
            // A target directory of its own: the workspace's is locked by the running tests.
            .env("CARGO_TARGET_DIR", workspace().join("target/add-a-code"))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{code_type}: {}",
            text(&output.stderr)
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
