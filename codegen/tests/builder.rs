//! The build-script builder: what it writes, when, and what it refuses.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::workspace;
use errcat_codegen::{Builder, Error, Limits};

/// A fresh temporary directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("errcat-builder-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn bundled(name: &str) -> PathBuf {
    workspace().join("catalog").join(format!("{name}.yaml"))
}

fn quiet() -> Builder {
    let mut builder = Builder::new();
    builder.cargo_directives(false);
    builder
}

#[test]
fn writes_one_file_per_catalog_and_only_when_changed() {
    let out = scratch("write");
    let written = quiet()
        .catalog(bundled("mode"))
        .catalog(bundled("awork"))
        .out_dir(&out)
        .compile()
        .unwrap();
    assert_eq!(written, vec![out.join("mode.rs"), out.join("awork.rs")]);
    let before = fs::metadata(out.join("mode.rs"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    quiet()
        .catalog(bundled("mode"))
        .out_dir(&out)
        .compile()
        .unwrap();
    let after = fs::metadata(out.join("mode.rs"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after, "an unchanged file is not rewritten");
    let golden = fs::read_to_string(workspace().join("codegen/tests/golden/mode.rs")).unwrap();
    assert_eq!(fs::read_to_string(out.join("mode.rs")).unwrap(), golden);
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn catalog_dir_takes_yaml_files_in_name_order() {
    let dir = scratch("dir-in");
    let out = scratch("dir-out");
    for name in ["mode", "awork"] {
        fs::copy(bundled(name), dir.join(format!("{name}.yaml"))).unwrap();
    }
    fs::write(dir.join("notes.txt"), "not a catalog").unwrap();
    let written = quiet().catalog_dir(&dir).out_dir(&out).compile().unwrap();
    assert_eq!(written, vec![out.join("awork.rs"), out.join("mode.rs")]);
    fs::remove_dir_all(&dir).unwrap();
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_broken_catalog_writes_nothing_and_lists_every_problem() {
    let out = scratch("broken");
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/statuses.yaml");
    let error = quiet()
        .catalog(bundled("mode"))
        .catalog(&bad)
        .out_dir(&out)
        .compile()
        .unwrap_err();
    let Error::Invalid(diagnostics) = &error else {
        panic!("{error}")
    };
    assert_eq!(diagnostics.len(), 3);
    assert!(
        error
            .to_string()
            .contains("error: HTTP status 99 is outside 100–599"),
        "{error}"
    );
    assert_eq!(
        fs::read_dir(&out).unwrap().count(),
        0,
        "not even the valid catalog's file is written"
    );
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn refuses_configurations_that_cannot_work() {
    let out = scratch("config");
    let error = quiet().out_dir(&out).compile().unwrap_err();
    assert!(error.to_string().contains("no catalogs"), "{error}");
    let error = quiet()
        .catalog(bundled("mode"))
        .catalog(bundled("mode"))
        .out_dir(&out)
        .compile()
        .unwrap_err();
    assert!(
        error.to_string().contains("two catalogs are named `mode`"),
        "{error}"
    );
    // Outside a build script there is no OUT_DIR.
    let error = quiet().catalog(bundled("mode")).compile().unwrap_err();
    assert!(error.to_string().contains("OUT_DIR is not set"), "{error}");
    let error = quiet()
        .catalog(out.join("missing.yaml"))
        .out_dir(&out)
        .compile()
        .unwrap_err();
    assert!(matches!(error, Error::Io { .. }), "{error}");
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn limits_apply_to_every_catalog() {
    let out = scratch("limits");
    // Lowered: the bundled catalog has more than one code.
    let mut one_code = Limits::default();
    one_code.codes = 1;
    let error = quiet()
        .catalog(bundled("mode"))
        .limits(one_code)
        .out_dir(&out)
        .compile()
        .unwrap_err();
    assert!(matches!(error, Error::Invalid(_)), "{error}");
    assert!(
        error.to_string().contains("more than the 1 allowed"),
        "{error}"
    );
    assert_eq!(fs::read_dir(&out).unwrap().count(), 0);

    // Raised: a description past the default 64 KiB for one string.
    let description = "A long description. ".repeat(4_000);
    let long = out.join("long.yaml");
    fs::write(
        &long,
        format!(
            "name: long\ntitle: Long\nversion: 1.0.0\ncode_type: integer\ndescription: {description}\n\
             envelope:\n  name: LongError\n  media_type: application/json\n  fields:\n    \
             - {{ name: code, type: integer, from: code, required: true }}\n\
             codes:\n  - {{ code: 1, message: Bad, status: 400 }}\n"
        ),
    )
    .unwrap();
    let error = quiet().catalog(&long).out_dir(&out).compile().unwrap_err();
    assert!(
        error.to_string().contains("more than the 64 KiB allowed"),
        "{error}"
    );
    let mut long_strings = Limits::default();
    long_strings.string_bytes = 128 * 1024;
    let written = quiet()
        .catalog(&long)
        .limits(long_strings)
        .out_dir(&out)
        .compile()
        .unwrap();
    assert_eq!(written, vec![out.join("long.rs")]);
    fs::remove_dir_all(&out).unwrap();
}
