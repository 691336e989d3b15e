//! `errcat diff`'s Rust verdict held against cargo-semver-checks, a checker nobody here wrote.
//!
//! For every catalog change that changes the generated Rust, the code generated from the old
//! and from the new catalog becomes two tiny crates of the same version; cargo-semver-checks
//! compares them as a minor release (`--release-type minor`), so it fails exactly when it
//! finds a change that needs a major one. Whenever it does, `errcat diff --format json` must
//! say `"semver": "major"` too.
//!
//! The test needs `cargo-semver-checks` on `PATH` (`.ci/run` installs a pinned version). It
//! is skipped with a message where the tool is missing, except under CI (`CI` set), where a
//! missing tool is a failure.

#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::Command;

const BASE: &str = r#"
name: shop
title: Shop API
version: "1.0.0"
docs_url: https://docs.example.com/errors
code_type: integer
groups:
  - { name: general, title: General, range: [0, 999] }
  - { name: orders, title: Orders, range: [1000, 1999] }
envelope:
  name: ShopError
  media_type: application/json
  fields:
    - { name: code, type: integer, from: code, required: true }
    - { name: title, type: string, from: message, required: true }
    - { name: detail, type: string, from: detail }
    - { name: note, type: string }
    - { name: meta, type: Meta }
  schemas:
    Meta:
      - { name: trace, type: string, required: true }
      - { name: retries, type: integer }
codes:
  - { code: 0, name: Success, message: OK, status: 200, kind: success }
  - code: 1000
    message: Order not found
    status: 404
    detail: "Order `{order_id}` not found"
    params: { order_id: integer }
  - { code: 1001, name: OrderLocked, message: Order locked, status: 409 }
  - { code: 1002, message: Order too large, status: 413 }
"#;

/// One catalog change: `BASE` with `edits` applied, each `(from, to)` replaced once.
struct Case {
    /// The `errcat diff` rule the change is an example of.
    rule: &'static str,
    edits: &'static [(&'static str, &'static str)],
}

static CASES: &[Case] = &[
    Case {
        rule: "code-added",
        edits: &[(
            "  - { code: 1002, message: Order too large, status: 413 }\n",
            "  - { code: 1002, message: Order too large, status: 413 }\n  - { code: 1003, message: Order on hold, status: 409 }\n",
        )],
    },
    // Before an existing code: the variants after it change their discriminants.
    Case {
        rule: "code-added",
        edits: &[(
            "  - { code: 1002,",
            "  - { code: 1003, message: Order on hold, status: 409 }\n  - { code: 1002,",
        )],
    },
    Case {
        rule: "code-removed",
        edits: &[(
            "  - { code: 1002, message: Order too large, status: 413 }\n",
            "",
        )],
    },
    Case {
        rule: "code-retired",
        edits: &[(
            "{ code: 1002, message: Order too large, status: 413 }",
            "{ code: 1002, removed: Orders have no size limit any more. }",
        )],
    },
    Case {
        rule: "code-renumbered",
        edits: &[("code: 1002,", "code: 1005,")],
    },
    Case {
        rule: "status-changed",
        edits: &[("status: 413 }", "status: 422 }")],
    },
    Case {
        rule: "kind-changed",
        edits: &[("status: 413 }", "status: 413, kind: success }")],
    },
    Case {
        rule: "grpc-changed",
        edits: &[("status: 413 }", "status: 413, grpc: OUT_OF_RANGE }")],
    },
    Case {
        rule: "reason-changed",
        edits: &[("status: 413 }", "status: 413, reason: ORDER_TOO_BIG }")],
    },
    Case {
        rule: "retryable-added",
        edits: &[(
            "status: 409 }",
            "status: 409, retryable: true, retry_after: 3 }",
        )],
    },
    Case {
        rule: "message-changed",
        edits: &[("message: Order locked", "message: Order is locked")],
    },
    Case {
        rule: "name-removed",
        edits: &[("name: OrderLocked,", "name: OrderFrozen,")],
    },
    Case {
        rule: "variant-renamed",
        edits: &[(
            "name: OrderLocked,",
            "name: OrderFrozen, aliases: [OrderLocked],",
        )],
    },
    Case {
        rule: "name-added",
        edits: &[(
            "name: OrderLocked,",
            "name: OrderLocked, aliases: [OrderFrozen],",
        )],
    },
    Case {
        rule: "code-deprecated",
        edits: &[("status: 409 }", "status: 409, deprecated: Use 1002. }")],
    },
    Case {
        rule: "constructor-added",
        edits: &[(
            "status: 409 }",
            "status: 409, detail: \"Order `{order_id}` is locked\", params: { order_id: integer } }",
        )],
    },
    Case {
        rule: "constructor-removed",
        edits: &[(
            "    detail: \"Order `{order_id}` not found\"\n    params: { order_id: integer }\n",
            "",
        )],
    },
    Case {
        rule: "param-added",
        edits: &[
            ("not found\"", "not found in {region}\""),
            (
                "{ order_id: integer }",
                "{ order_id: integer, region: string }",
            ),
        ],
    },
    Case {
        rule: "param-retyped",
        edits: &[(
            "params: { order_id: integer }",
            "params: { order_id: string }",
        )],
    },
    Case {
        rule: "group-added",
        edits: &[(
            "range: [1000, 1999] }",
            "range: [1000, 1999] }\n  - { name: returns, title: Returns, range: [2000, 2999] }",
        )],
    },
    Case {
        rule: "group-renamed",
        edits: &[(
            "name: orders, title: Orders",
            "name: purchases, title: Orders",
        )],
    },
    Case {
        rule: "envelope-renamed",
        edits: &[("name: ShopError", "name: ShopProblem")],
    },
    Case {
        rule: "field-added",
        edits: &[(
            "    - { name: note, type: string }\n",
            "    - { name: note, type: string }\n    - { name: hint, type: string }\n",
        )],
    },
    Case {
        rule: "field-added-required",
        edits: &[(
            "    - { name: note, type: string }\n",
            "    - { name: note, type: string }\n    - { name: hint, type: string, required: true }\n",
        )],
    },
    Case {
        rule: "field-removed",
        edits: &[("    - { name: note, type: string }\n", "")],
    },
    Case {
        rule: "field-retyped",
        edits: &[(
            "{ name: note, type: string }",
            "{ name: note, type: integer }",
        )],
    },
    Case {
        rule: "field-made-required",
        edits: &[(
            "{ name: note, type: string }",
            "{ name: note, type: string, required: true }",
        )],
    },
    Case {
        rule: "field-made-optional",
        edits: &[(
            "{ name: title, type: string, from: message, required: true }",
            "{ name: title, type: string, from: message }",
        )],
    },
    Case {
        rule: "field-added",
        edits: &[(
            "      - { name: retries, type: integer }\n",
            "      - { name: retries, type: integer }\n      - { name: region, type: string }\n",
        )],
    },
    Case {
        rule: "schema-added",
        edits: &[(
            "    Meta:\n",
            "    Paging:\n      - { name: page, type: integer, required: true }\n    Meta:\n",
        )],
    },
    Case {
        rule: "type-renamed",
        edits: &[(
            "code_type: integer\n",
            "code_type: integer\ntype_name: ShopErrorCode\n",
        )],
    },
    Case {
        rule: "field-made-nullable",
        edits: &[(
            "{ name: title, type: string, from: message, required: true }",
            "{ name: title, type: string, from: message, required: true, nullable: true }",
        )],
    },
    Case {
        rule: "body-closed",
        edits: &[(
            "  media_type: application/json\n",
            "  media_type: application/json\n  closed: true\n",
        )],
    },
    Case {
        rule: "locales-added",
        edits: &[(
            "codes:\n",
            "locales: { default: en, declared: [de], fallback: { de: en } }\ncodes:\n",
        )],
    },
];

fn edit(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur once in BASE"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

fn errcat() -> Command {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
}

fn semver_checks_installed() -> bool {
    Command::new("cargo")
        .args(["semver-checks", "--version"])
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Writes a library crate `name` whose whole source is the Rust generated from `catalog`.
fn write_crate(root: &Path, name: &str, catalog: &str) {
    let dir = root.join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let yaml = dir.join("catalog.yaml");
    std::fs::write(&yaml, catalog).unwrap();
    let output = errcat()
        .arg("rust")
        .arg(&yaml)
        .arg("-o")
        .arg(dir.join("src/lib.rs"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "errcat rust {name}: {}\n{catalog}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"1.0.0\"\nedition = \"2024\"\n\n\
             [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
             serde_json = \"1\"\n"
        ),
    )
    .unwrap();
}

/// A workspace of one crate per case, each generated from `catalog(case)`.
fn write_workspace(root: &Path, catalog: impl Fn(&Case) -> String) {
    std::fs::create_dir_all(root).unwrap();
    let members: Vec<String> = CASES
        .iter()
        .map(|c| format!("\"{}\"", crate_name(c)))
        .collect();
    std::fs::write(
        root.join("Cargo.toml"),
        format!(
            "[workspace]\nmembers = [{}]\nresolver = \"3\"\n",
            members.join(", ")
        ),
    )
    .unwrap();
    // The workspace's own lock file: the same dependency versions as errcat, no resolving.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::copy(lock, root.join("Cargo.lock")).unwrap();
    for case in CASES {
        write_crate(root, &crate_name(case), &catalog(case));
    }
}

/// The crate of `case`: named after its place in `CASES` and its rule, unique and readable.
fn crate_name(case: &Case) -> String {
    let index = CASES
        .iter()
        .position(|c| std::ptr::eq(c, case))
        .expect("a case of CASES");
    format!("case_{index:02}_{}", case.rule.replace('-', "_"))
}

/// Whether cargo-semver-checks finds a change in `case` that needs a major release.
fn semver_checks_says_major(new: &Path, old: &Path, target: &Path, case: &Case) -> (bool, String) {
    let output = Command::new("cargo")
        .args(["semver-checks", "check-release", "--release-type", "minor"])
        .arg("--manifest-path")
        .arg(new.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(old)
        .arg("--package")
        .arg(crate_name(case))
        .env("CARGO_TARGET_DIR", target)
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success() || report.contains("semver requires new major version"),
        "cargo-semver-checks could not compare {}:\n{report}",
        case.rule
    );
    (!output.status.success(), report)
}

/// `errcat diff`'s verdict for Rust users: the whole diff's `semver` and the rules it found.
fn errcat_verdict(old: &Path, new: &Path) -> (String, Vec<String>) {
    let output = errcat()
        .args(["diff", "--format", "json"])
        .arg(old)
        .arg(new)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "errcat diff --format json: {e}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let semver = json["semver"]
        .as_str()
        .unwrap_or_else(|| panic!("`semver` missing from {json}"))
        .to_owned();
    let rules = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| change["rule"].as_str().unwrap().to_owned())
        .collect();
    (semver, rules)
}

#[test]
fn every_change_cargo_semver_checks_calls_major_errcat_calls_major() {
    if !semver_checks_installed() {
        assert!(
            std::env::var_os("CI").is_none(),
            "cargo-semver-checks is not installed; .ci/run installs it"
        );
        eprintln!("skipped: cargo-semver-checks is not installed");
        return;
    }
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("semver-agreement");
    let _ = std::fs::remove_dir_all(&root);
    let (old, new) = (root.join("old"), root.join("new"));
    write_workspace(&old, |_| BASE.to_owned());
    write_workspace(&new, |case| edit(case.edits));
    // One target directory for every comparison, so that serde builds once.
    let target = root.join("target");

    let mut table = Vec::new();
    let mut disagreements = Vec::new();
    for case in CASES {
        let name = crate_name(case);
        let (major, report) = semver_checks_says_major(&new, &old, &target, case);
        let (semver, rules) = errcat_verdict(
            &old.join(&name).join("catalog.yaml"),
            &new.join(&name).join("catalog.yaml"),
        );
        assert!(
            rules.iter().any(|rule| rule == case.rule),
            "{}: errcat diff reports {rules:?}",
            case.rule
        );
        let lints: Vec<&str> = report
            .lines()
            .filter_map(|line| line.trim().strip_prefix("--- failure "))
            .map(|rest| rest.split(':').next().unwrap_or(rest))
            .collect();
        table.push(format!(
            "{:<22} cargo-semver-checks: {:<5} errcat: {semver:<5} {}",
            case.rule,
            if major { "major" } else { "-" },
            lints.join(", ")
        ));
        if major && semver != "major" {
            disagreements.push(format!("{}: {}", case.rule, lints.join(", ")));
        }
    }
    eprintln!("{}", table.join("\n"));
    assert!(
        disagreements.is_empty(),
        "cargo-semver-checks needs a major release where errcat diff does not say major:\n  {}",
        disagreements.join("\n  ")
    );
}
