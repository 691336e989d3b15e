//! `export`: writes every file once, leaves current files alone, and in check mode names
//! each missing or stale file without writing anything.

use std::fs;
use std::path::{Path, PathBuf};

use errcat_codegen::export::{Mode, State, export};
use errcat_codegen::{Error, Loader};

const CATALOG: &str = r#"name: shop
title: Shop API
version: "1"
code_type: integer
envelope:
  name: ShopError
  media_type: application/json
  fields:
    - { name: code, type: integer, from: code, required: true }
codes:
  - { code: 1, message: Out of stock, status: 409 }
"#;

/// A fresh directory with `catalogs/shop.yaml` (and a file that is not a catalog).
fn workspace(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-export-{test}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("catalogs")).unwrap();
    fs::write(dir.join("catalogs/shop.yaml"), CATALOG).unwrap();
    fs::write(dir.join("catalogs/README.md"), "not a catalog").unwrap();
    dir
}

fn states(dir: &Path, mode: Mode) -> Vec<(String, State)> {
    export(
        &Loader::new(),
        &dir.join("catalogs"),
        &dir.join("out"),
        mode,
    )
    .unwrap()
    .into_iter()
    .map(|o| {
        let relative = o.path.strip_prefix(dir.join("out")).unwrap();
        (relative.display().to_string(), o.state)
    })
    .collect()
}

fn all(state: State) -> Vec<(String, State)> {
    ["openapi/shop.json", "openapi/shop.yaml", "docs/shop.md"]
        .into_iter()
        .map(|path| (path.to_owned(), state))
        .collect()
}

#[test]
fn writes_once_then_finds_everything_current() {
    let dir = workspace("write");
    assert_eq!(states(&dir, Mode::Check), all(State::Missing));
    assert!(!dir.join("out").exists(), "check mode wrote something");
    assert_eq!(states(&dir, Mode::Write), all(State::Written));
    let written = fs::metadata(dir.join("out/openapi/shop.json"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(states(&dir, Mode::Write), all(State::Current));
    assert_eq!(states(&dir, Mode::Check), all(State::Current));
    let after = fs::metadata(dir.join("out/openapi/shop.json"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(written, after, "an unchanged file was rewritten");
    let json = fs::read_to_string(dir.join("out/openapi/shop.json")).unwrap();
    assert!(json.starts_with("{\n  \"openapi\": \"3.1.0\","), "{json}");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_names_stale_and_missing_files() {
    let dir = workspace("check");
    states(&dir, Mode::Write);
    fs::write(dir.join("out/docs/shop.md"), "edited by hand\n").unwrap();
    fs::remove_file(dir.join("out/openapi/shop.yaml")).unwrap();
    assert_eq!(
        states(&dir, Mode::Check),
        [
            ("openapi/shop.json".to_owned(), State::Current),
            ("openapi/shop.yaml".to_owned(), State::Missing),
            ("docs/shop.md".to_owned(), State::Stale),
        ]
    );
    assert_eq!(
        fs::read_to_string(dir.join("out/docs/shop.md")).unwrap(),
        "edited by hand\n"
    );
    // A catalog change makes the exports stale too.
    fs::write(
        dir.join("catalogs/shop.yaml"),
        CATALOG.replace("Out of stock", "Sold out"),
    )
    .unwrap();
    states(&dir, Mode::Write);
    assert_eq!(states(&dir, Mode::Check), all(State::Current));
    assert!(
        fs::read_to_string(dir.join("out/docs/shop.md"))
            .unwrap()
            .contains("Sold out")
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_broken_catalog_writes_nothing() {
    let dir = workspace("broken");
    fs::write(dir.join("catalogs/bank.yaml"), "name: bank\n").unwrap();
    match export(
        &Loader::new(),
        &dir.join("catalogs"),
        &dir.join("out"),
        Mode::Write,
    ) {
        Err(Error::Invalid(diagnostics)) => {
            assert!(
                diagnostics.to_string().contains("bank.yaml"),
                "{diagnostics}"
            )
        }
        other => panic!("expected problems, got {other:?}"),
    }
    assert!(!dir.join("out").exists());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_empty_or_missing_directory_is_an_error() {
    let dir = workspace("empty");
    fs::remove_file(dir.join("catalogs/shop.yaml")).unwrap();
    assert!(matches!(
        export(
            &Loader::new(),
            &dir.join("catalogs"),
            &dir.join("out"),
            Mode::Check
        ),
        Err(Error::NoCatalogs { .. })
    ));
    assert!(matches!(
        export(
            &Loader::new(),
            &dir.join("nope"),
            &dir.join("out"),
            Mode::Check
        ),
        Err(Error::Io { .. })
    ));
    fs::remove_dir_all(&dir).unwrap();
}
