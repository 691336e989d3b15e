//! Golden files of the generated Rust for every bundled catalog and every build-dep test
//! catalog. The same files are compiled under `#![deny(warnings)]`: the root crate and
//! `tests/build-dep` include exactly this output from their build scripts.

mod common;

use common::{assert_no_drift, check_snapshot, workspace, yaml_files};
use errcat_codegen::rust;

fn all_catalogs() -> Vec<std::path::PathBuf> {
    let root = workspace();
    let mut files = yaml_files(&root.join("catalog"));
    files.extend(yaml_files(&root.join("tests/build-dep/catalogs")));
    files
}

/// Compares the output for each catalog named in `names` (all when `None`), generated with
/// `options`, with `codegen/tests/golden/<dir>/<name>.rs`.
fn check_goldens(dir: &str, options: &rust::Options, names: Option<&[&str]>) {
    let golden = workspace().join("codegen/tests/golden").join(dir);
    let mut drift = Vec::new();
    for path in all_catalogs() {
        let catalog = errcat_codegen::load(&path).unwrap_or_else(|e| panic!("{e}"));
        if names.is_some_and(|names| !names.contains(&catalog.name())) {
            continue;
        }
        let code = rust::generate(&catalog, options).unwrap();
        drift.extend(check_snapshot(
            &golden.join(format!("{}.rs", catalog.name())),
            &code,
        ));
    }
    assert_no_drift(drift);
}

#[test]
fn generated_rust_matches_the_golden_files() {
    check_goldens("", &rust::Options::default(), None);
}

/// The catalogs whose output with the `http`, `axum`, `utoipa` and `tonic` options is kept as golden
/// files: one of each way a body knows its status. Guizhan: a required integer code and a
/// helper schema; Astrada: an optional code field, `application/problem+json` and a body
/// that nests itself; ledger: a `from: status` field and `i64` codes; shop: string codes.
const WEB_CATALOGS: [&str; 4] = ["astrada", "guizhan", "ledger", "shop"];

fn web_options() -> rust::Options {
    let mut options = rust::Options::default();
    options.http = true;
    options.axum = true;
    options.utoipa = true;
    options.tonic = true;
    options
}

#[test]
fn generated_rust_with_the_web_options_matches_the_golden_files() {
    check_goldens("web", &web_options(), Some(&WEB_CATALOGS));
}

#[test]
fn the_web_options_only_add_items() {
    // With the options on, the output is the default output followed by the new impls.
    for path in all_catalogs() {
        let catalog = errcat_codegen::load(&path).unwrap();
        let plain = rust::generate(&catalog, &Default::default()).unwrap();
        let web = rust::generate(&catalog, &web_options()).unwrap();
        let added = web
            .strip_prefix(plain.as_str())
            .unwrap_or_else(|| panic!("{}: the default items changed", path.display()));
        let names = [
            &catalog.types().code(),
            &catalog.envelope().name(),
            &catalog.types().or_unknown(),
        ];
        assert!(
            added.contains("pub fn http_status(self) -> ::http::StatusCode")
                && added.contains("impl ::axum::response::IntoResponse for")
                && names.iter().all(|name| {
                    added.contains(&format!("impl ::utoipa::PartialSchema for {name} {{"))
                        && added.contains(&format!("impl ::utoipa::ToSchema for {name} {{"))
                }),
            "{}: {added}",
            path.display()
        );
    }
}

#[test]
fn the_axum_option_refuses_a_body_that_cannot_know_its_status() {
    let catalog = errcat_codegen::parse(
        "inline.yaml",
        "name: demo\ntitle: Demo\nversion: 1.0.0\ncode_type: integer\nenvelope:\n  name: DemoError\n  \
         media_type: application/json\n  fields:\n    - { name: message, type: string, from: message, required: true }\n\
         codes:\n  - { code: 1, message: One, status: 400 }\n",
    )
    .unwrap();
    let mut options = rust::Options::default();
    options.http = true;
    let code = rust::generate(&catalog, &options).unwrap();
    assert!(code.contains("impl DemoCode {\n    /// [`Self::status`] as an `http::StatusCode`."));
    assert!(
        !code.contains("pub fn http_status(&self)"),
        "no body status to offer"
    );
    options.axum = true;
    let error = rust::generate(&catalog, &options).unwrap_err().to_string();
    assert!(
        error.starts_with("error: the `axum` option needs a field of the envelope `DemoError`"),
        "{error}"
    );
}

#[test]
fn every_golden_file_has_a_catalog() {
    let names: Vec<String> = all_catalogs()
        .iter()
        .map(|p| format!("{}.rs", p.file_stem().unwrap().to_string_lossy()))
        .collect();
    let golden = workspace().join("codegen/tests/golden");
    for dir in [golden.clone(), golden.join("web")] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                entry.file_type().unwrap().is_dir() || names.contains(&name),
                "golden file {name} has no catalog; remove it"
            );
        }
    }
}

#[test]
fn output_is_identical_across_runs() {
    for path in all_catalogs() {
        let first =
            rust::generate(&errcat_codegen::load(&path).unwrap(), &Default::default()).unwrap();
        for _ in 0..3 {
            let again =
                rust::generate(&errcat_codegen::load(&path).unwrap(), &Default::default()).unwrap();
            assert_eq!(first, again, "{}", path.display());
        }
    }
}

#[test]
fn output_starts_with_the_generated_header() {
    for path in all_catalogs() {
        let code =
            rust::generate(&errcat_codegen::load(&path).unwrap(), &Default::default()).unwrap();
        assert!(
            code.starts_with("// @generated by errcat-codegen. Do not edit.\n"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_any_type_is_configurable_and_checked() {
    let catalog = errcat_codegen::load(workspace().join("catalog/guizhan.yaml")).unwrap();
    let mut options = rust::Options::default();
    options.any_type = "::std::collections::BTreeMap<String, String>".into();
    let code = rust::generate(&catalog, &options).unwrap();
    assert!(code.contains("Option<::std::collections::BTreeMap<String, String>>"));
    options.any_type = "not a type!".into();
    let error = rust::generate(&catalog, &options).unwrap_err().to_string();
    assert!(
        error.starts_with("error: `any_type` `not a type!` is not a Rust type"),
        "{error}"
    );
}
