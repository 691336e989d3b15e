//! The `errcat` command line: output, files and exit codes.

mod common;

use std::fs;
use std::path::PathBuf;
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
fn rust_with_the_web_options_prints_the_web_golden_file() {
    let output = errcat(&[
        "rust",
        "catalog/astrada.yaml",
        "--http",
        "--axum",
        "--utoipa",
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
    assert!(stderr.contains("1 of 12 file(s)"), "{stderr}");
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
