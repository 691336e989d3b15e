//! Bad catalogs and the exact diagnostics they produce: each `fixtures/bad/<case>.yaml` has
//! its expected rendering in `<case>.stderr`.

mod common;

use common::{assert_no_drift, check_snapshot, strip_ansi, yaml_files};
use errcat_codegen::Style;
use std::path::Path;

#[test]
fn every_bad_catalog_is_rejected_with_its_expected_diagnostics() {
    // Relative paths, as a user would type them, so the snapshots hold on every machine.
    let dir = Path::new("tests/fixtures/bad");
    let mut drift = Vec::new();
    for path in yaml_files(dir) {
        let error = match errcat_codegen::load(&path) {
            Ok(_) => panic!("{} was accepted", path.display()),
            Err(error) => error,
        };
        assert!(
            matches!(error, errcat_codegen::Error::Invalid(_)),
            "{}: {error}",
            path.display()
        );
        drift.extend(check_snapshot(
            &path.with_extension("stderr"),
            &format!("{error}\n"),
        ));
    }
    assert_no_drift(drift);
}

#[test]
fn every_problem_has_a_position_and_a_hint() {
    for path in yaml_files(Path::new("tests/fixtures/bad")) {
        let Err(errcat_codegen::Error::Invalid(diagnostics)) = errcat_codegen::load(&path) else {
            panic!("{} was accepted", path.display());
        };
        for diagnostic in diagnostics.iter() {
            assert!(
                diagnostic.line > 0,
                "{}: no position: {diagnostic}",
                path.display()
            );
            assert!(
                diagnostic.hint.is_some(),
                "{}: no hint: {diagnostic}",
                path.display()
            );
        }
    }
}

#[test]
fn all_problems_of_a_file_are_reported_in_one_run() {
    let Err(errcat_codegen::Error::Invalid(diagnostics)) =
        errcat_codegen::load("tests/fixtures/bad/unknown_keys.yaml")
    else {
        panic!("accepted");
    };
    let lines: Vec<usize> = diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(lines.len(), 3, "{diagnostics}");
    assert!(
        lines.windows(2).all(|w| w[0] < w[1]),
        "in file order: {lines:?}"
    );
}

#[test]
fn non_utf8_files_are_located() {
    let dir = std::env::temp_dir().join(format!("errcat-utf8-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("latin1.yaml");
    std::fs::write(&path, b"name: demo\ntitle: Caf\xe9\n").unwrap();
    let error = errcat_codegen::load(&path).unwrap_err().to_string();
    assert!(error.ends_with(":2:11: error: the file is not valid UTF-8 (byte 21)\n  = hint: save the catalog as UTF-8"), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn colored_rendering_differs_from_plain_only_by_colors() {
    for path in yaml_files(Path::new("tests/fixtures/bad")) {
        let Err(errcat_codegen::Error::Invalid(diagnostics)) = errcat_codegen::load(&path) else {
            panic!("{} was accepted", path.display());
        };
        let colored = diagnostics.render(Style::Color);
        assert!(colored.contains("\u{1b}["), "{}", path.display());
        assert_eq!(
            strip_ansi(&colored),
            diagnostics.to_string(),
            "{}",
            path.display()
        );
    }
}
