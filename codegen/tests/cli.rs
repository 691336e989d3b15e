//! The `errcat` command line: output, files and exit codes.

mod common;

use std::process::{Command, Output};

use common::workspace;

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
