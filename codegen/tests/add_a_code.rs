//! The everyday workflow, end to end with cargo: a crate uses errcat-codegen from its
//! build.rs; adding a code to its catalog and running `cargo build` makes the new variant
//! usable with no other step.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::workspace;

const CATALOG: &str = r#"name: shop
title: Shop API
version: 1.0.0
code_type: string
envelope:
  name: ShopError
  media_type: application/json
  fields:
    - { name: code, type: string, from: code, required: true }
codes:
  - { code: out-of-stock, message: Out of stock, status: 409 }
"#;

fn cargo_build(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(["build", "--offline", "--quiet"])
        .current_dir(dir)
        // A target directory of its own: the workspace's is locked by the running `cargo test`.
        .env("CARGO_TARGET_DIR", workspace().join("target/add-a-code"))
        .output()
        .unwrap()
}

/// A fresh crate `name` in `target/<name>-crate` whose build.rs is `build_rs`, depending on
/// this errcat-codegen by path. Each test's crate has a name of its own: the crates share a
/// target directory, where same-named packages would share build-script results.
fn new_crate(name: &str, build_rs: &str) -> PathBuf {
    let dir = workspace().join("target").join(format!("{name}-crate"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::create_dir_all(dir.join("catalog")).unwrap();
    let codegen = workspace().join("codegen");
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n\n\
             [build-dependencies]\nerrcat-codegen = {{ path = {:?} }}\n",
            codegen.display().to_string()
        ),
    )
    .unwrap();
    // The workspace's lock file pins the same versions the rest of the suite was built with.
    fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    fs::write(dir.join("build.rs"), build_rs).unwrap();
    dir
}

#[test]
fn adding_a_code_and_rebuilding_makes_the_variant_usable() {
    let dir = new_crate(
        "add-a-code",
        "fn main() {\n    errcat_codegen::Builder::new().catalog_dir(\"catalog\").compile().unwrap_or_else(|e| panic!(\"{e}\"));\n}\n",
    );
    fs::write(dir.join("catalog/shop.yaml"), CATALOG).unwrap();
    let lib = "#![deny(warnings)]\npub mod shop { include!(concat!(env!(\"OUT_DIR\"), \"/shop.rs\")); }\n";
    fs::write(dir.join("src/lib.rs"), lib).unwrap();
    let output = cargo_build(&dir);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // The edit a user makes: one code in the catalog, one use of it in the code.
    let mut catalog = CATALOG.to_owned();
    catalog.push_str("  - { code: cart-expired, message: The cart expired, status: 410 }\n");
    fs::write(dir.join("catalog/shop.yaml"), catalog).unwrap();
    let use_it = "pub fn expired() -> u16 { shop::ShopCode::CartExpired.status() }\n";
    fs::write(dir.join("src/lib.rs"), format!("{lib}{use_it}")).unwrap();
    let output = cargo_build(&dir);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    // A broken edit fails the build with the located diagnostic.
    fs::write(
        dir.join("catalog/shop.yaml"),
        CATALOG.replace("status: 409", "status: 4090"),
    )
    .unwrap();
    let output = cargo_build(&dir);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("catalog/shop.yaml:11:58: error: HTTP status 4090 is outside 100–599"),
        "{stderr}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn compile_or_report_fails_the_build_with_cargo_errors_only() {
    let dir = new_crate(
        "report",
        "fn main() {\n    errcat_codegen::Builder::new().catalog_dir(\"catalog\").compile_or_report();\n}\n",
    );
    fs::write(
        dir.join("catalog/shop.yaml"),
        CATALOG.replace("status: 409", "status: 4090"),
    )
    .unwrap();
    fs::write(dir.join("src/lib.rs"), "").unwrap();
    let output = cargo_build(&dir);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Every line of the diagnostic arrives through cargo, caret included, in order.
    let expected = [
        "error: report@0.0.0: catalog/shop.yaml:11:58: error: HTTP status 4090 is outside 100–599",
        "error: report@0.0.0:    |",
        "error: report@0.0.0: 11 |   - { code: out-of-stock, message: Out of stock, status: 4090 }",
        "error: report@0.0.0:    |                                                          ^^^^",
    ];
    let lines: Vec<&str> = stderr.lines().collect();
    let first = lines
        .iter()
        .position(|line| *line == expected[0])
        .unwrap_or_else(|| panic!("no heading in:\n{stderr}"));
    assert_eq!(lines[first..first + expected.len()], expected, "{stderr}");
    assert!(
        lines[first..].iter().any(|line| line.contains("= hint: ")),
        "{stderr}"
    );
    // The script ended normally, so cargo shows no dump of its output and no panic.
    assert!(!stderr.contains("--- stdout"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    fs::remove_dir_all(&dir).unwrap();
}
