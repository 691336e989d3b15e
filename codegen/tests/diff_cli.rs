//! `errcat diff`: its output, its JSON, its exit codes, and `--against` on a real git
//! repository made for each test.

#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const V1: &str = r#"name: shop
title: Shop API
version: "1.0.0"
code_type: integer
envelope:
  name: ShopError
  media_type: application/json
  fields:
    - { name: code, type: integer, from: code, required: true }
    - { name: message, type: string, from: message, required: true }
codes:
  - { code: 1000, message: Order not found, status: 404 }
  - { code: 1001, message: Order locked, status: 409, deprecated: Use 1002. }
"#;

/// A status change (breaking) and a new code (compatible).
fn v2_breaking() -> String {
    V1.replace("version: \"1.0.0\"", "version: \"2.0.0\"")
        .replace("status: 404 }", "status: 410 }")
        + "  - { code: 1002, message: Order on hold, status: 409 }\n"
}

/// A retired code and a reworded message: compatible only.
fn v2_compatible() -> String {
    V1.replace(
        "{ code: 1001, message: Order locked, status: 409, deprecated: Use 1002. }",
        "{ code: 1001, removed: Use 1002. }",
    )
    .replace(
        "{ code: 1000, message: Order not found",
        "{ code: 1000, name: OrderNotFound, message: No such order",
    ) + "  - { code: 1002, name: OrderOnHold, message: Order on hold, status: 409 }\n"
}

/// A directory of its own for one test, removed afterwards.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("errcat-diff-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, path: &str, text: &str) -> PathBuf {
        let path = self.0.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Runs git here, with an identity and no signing, whatever the machine's configuration.
    fn git(&self, args: &[&str]) {
        let output = isolated(Command::new("git"))
            .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
            .args(args)
            .current_dir(&self.0)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            text(&output.stderr)
        );
    }

    /// A git repository holding `catalog/shop.yaml` = `V1`, committed and tagged `v1`.
    fn repo(name: &str) -> Self {
        let repo = Scratch::new(name);
        repo.git(&["init", "-q"]);
        repo.git(&["config", "user.name", "errcat tests"]);
        repo.git(&["config", "user.email", "tests@errcat.invalid"]);
        repo.write("catalog/shop.yaml", V1);
        repo.git(&["add", "catalog/shop.yaml"]);
        repo.git(&["commit", "-q", "-m", "v1"]);
        repo.git(&["tag", "v1"]);
        repo
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `command` without the variables git sets for hooks, which would point it at another
/// repository than the test's.
fn isolated(mut command: Command) -> Command {
    for variable in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX"] {
        command.env_remove(variable);
    }
    command
}

fn errcat(dir: &Path, args: &[&str]) -> Output {
    isolated(Command::new(env!("CARGO_BIN_EXE_errcat")))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn breaking_changes_exit_1_and_are_listed_one_per_line() {
    let dir = Scratch::new("breaking");
    dir.write("old.yaml", V1);
    dir.write("new.yaml", &v2_breaking());
    let output = errcat(&dir.0, &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "compatible (Rust: patch): catalog `version`: \"1.0.0\" → \"2.0.0\"
breaking (Rust: major): code 1000 (OrderNotFound) `status`: 404 → 410
compatible (Rust: minor): code 1002 (OrderOnHold) added
shop 1.0.0 → 2.0.0: 1 breaking, 2 compatible; Rust: major
"
    );
    assert_eq!(text(&output.stderr), "");
}

#[test]
fn compatible_changes_exit_0() {
    let dir = Scratch::new("compatible");
    dir.write("old.yaml", V1);
    dir.write("new.yaml", &v2_compatible());
    let output = errcat(&dir.0, &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stdout));
    assert_eq!(
        text(&output.stdout),
        "compatible (Rust: patch): code 1000 (OrderNotFound) `message`: \"Order not found\" → \"No such order\"
compatible (Rust: major): code 1001 (OrderLocked) retired: Use 1002.
compatible (Rust: minor): code 1002 (OrderOnHold) added
shop 1.0.0 → 1.0.0: 0 breaking, 3 compatible; Rust: major
"
    );
    let same = errcat(&dir.0, &["diff", "old.yaml", "old.yaml"]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(text(&same.stdout), "shop 1.0.0 → 1.0.0: no changes\n");
}

#[test]
fn json_output_has_a_stable_shape() {
    let dir = Scratch::new("json");
    dir.write("old.yaml", V1);
    dir.write("new.yaml", &v2_breaking());
    let output = errcat(
        &dir.0,
        &["diff", "old.yaml", "new.yaml", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "catalog": "shop",
            "old_version": "1.0.0",
            "new_version": "2.0.0",
            "breaking": 1,
            "compatible": 2,
            "semver": "major",
            "changes": [
                {
                    "class": "compatible",
                    "semver": "patch",
                    "rule": "docs-changed",
                    "code": null,
                    "field": "version",
                    "old": "1.0.0",
                    "new": "2.0.0",
                    "message": "catalog `version`: \"1.0.0\" → \"2.0.0\""
                },
                {
                    "class": "breaking",
                    "semver": "major",
                    "rule": "status-changed",
                    "code": 1000,
                    "field": "status",
                    "old": "404",
                    "new": "410",
                    "message": "code 1000 (OrderNotFound) `status`: 404 → 410"
                },
                {
                    "class": "compatible",
                    "semver": "minor",
                    "rule": "code-added",
                    "code": 1002,
                    "field": "code",
                    "old": null,
                    "new": null,
                    "message": "code 1002 (OrderOnHold) added"
                }
            ]
        })
    );
}

#[test]
fn json_keeps_slugs_as_strings() {
    let dir = Scratch::new("json-slugs");
    let catalog =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog/mode.yaml"))
            .unwrap();
    dir.write("old.yaml", &catalog);
    dir.write(
        "new.yaml",
        &catalog.replacen("status: 404", "status: 410", 1),
    );
    let output = errcat(
        &dir.0,
        &["diff", "old.yaml", "new.yaml", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["changes"][0]["code"], "not_found");
    assert_eq!(json["changes"][0]["rule"], "status-changed");
}

#[test]
fn an_invalid_or_missing_catalog_exits_2() {
    let dir = Scratch::new("invalid");
    dir.write("old.yaml", V1);
    dir.write("bad.yaml", &V1.replace("status: 404", "status: 42"));
    let output = errcat(&dir.0, &["diff", "old.yaml", "bad.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout), "");
    assert!(
        text(&output.stderr)
            .starts_with("bad.yaml:12:53: error: HTTP status 42 is outside 100–599"),
        "{}",
        text(&output.stderr)
    );
    // Both broken: the problems of both are shown, the old catalog's first.
    dir.write("bad-old.yaml", &V1.replace("status: 404", "status: 41"));
    let both = errcat(&dir.0, &["diff", "bad-old.yaml", "bad.yaml"]);
    assert_eq!(both.status.code(), Some(2));
    let stderr = text(&both.stderr);
    let old_at = stderr.find("bad-old.yaml:12:53: error: HTTP status 41");
    let new_at = stderr.find("bad.yaml:12:53: error: HTTP status 42");
    assert!(
        old_at.is_some() && new_at.is_some() && old_at < new_at,
        "{stderr}"
    );
    let missing = errcat(&dir.0, &["diff", "old.yaml", "nope.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).starts_with("nope.yaml: error: "),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn wrong_arguments_exit_2() {
    let dir = Scratch::new("usage");
    dir.write("old.yaml", V1);
    for args in [
        &["diff"][..],
        &["diff", "old.yaml"],
        &["diff", "old.yaml", "old.yaml", "--against", "HEAD"],
        &["diff", "old.yaml", "old.yaml", "--format", "xml"],
    ] {
        let output = errcat(&dir.0, args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = text(&output.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
    }
}

#[test]
fn against_reads_the_old_version_from_git() {
    let repo = Scratch::repo("against");
    repo.write("catalog/shop.yaml", &v2_breaking());
    let output = errcat(&repo.0, &["diff", "--against", "HEAD", "catalog/shop.yaml"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout)
            .contains("breaking (Rust: major): code 1000 (OrderNotFound) `status`: 404 → 410\n"),
        "{}",
        text(&output.stdout)
    );
    // From another directory, by tag, with the path relative to there.
    let output = errcat(
        &repo.0.join("catalog"),
        &["diff", "--against", "v1", "shop.yaml", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        (json["breaking"].clone(), json["compatible"].clone()),
        (1.into(), 2.into())
    );
    // Committed: nothing changed since HEAD.
    repo.git(&["commit", "-q", "-am", "v2"]);
    let output = errcat(
        &std::env::temp_dir(),
        &[
            "diff",
            "--against",
            "HEAD",
            repo.0.join("catalog/shop.yaml").to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout), "shop 2.0.0 → 2.0.0: no changes\n");
}

#[test]
fn against_reports_what_git_cannot_provide() {
    let repo = Scratch::repo("against-errors");
    repo.write("catalog/new.yaml", V1);
    let output = errcat(&repo.0, &["diff", "--against", "HEAD", "catalog/new.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: `catalog/new.yaml` did not exist at `HEAD`, so there is nothing to compare with\n"
    );
    let output = errcat(
        &repo.0,
        &["diff", "--against", "no-such-branch", "catalog/shop.yaml"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr)
            .starts_with("error: unknown git revision `no-such-branch`; fetch it first"),
        "{}",
        text(&output.stderr)
    );
    let output = errcat(
        &repo.0,
        &["diff", "--against=--output=x", "catalog/shop.yaml"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: `--output=x` is not a git revision; give a branch, tag or commit\n"
    );
    let plain = Scratch::new("not-a-repo");
    plain.write("shop.yaml", V1);
    let output = errcat(&plain.0, &["diff", "--against", "HEAD", "shop.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        text(&output.stderr),
        "error: `.` is not inside a git repository, so there is no `HEAD` to compare with\n"
    );
}

#[test]
fn against_an_invalid_old_version_names_the_revision() {
    let repo = Scratch::repo("against-invalid");
    repo.write(
        "catalog/shop.yaml",
        &V1.replace("status: 404", "status: 42"),
    );
    repo.git(&["commit", "-q", "-am", "broken"]);
    repo.write("catalog/shop.yaml", V1);
    let output = errcat(&repo.0, &["diff", "--against", "HEAD", "catalog/shop.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).starts_with("HEAD:catalog/shop.yaml:12:53: error: HTTP status 42"),
        "{}",
        text(&output.stderr)
    );
}
