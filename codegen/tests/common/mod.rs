//! Snapshot comparison shared by the test files: compare with the checked-in file, or rewrite
//! it when `ERRCAT_BLESS=1`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// `*.yaml` files of `dir`, sorted.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Compares `actual` with the snapshot at `path`; with `ERRCAT_BLESS=1`, rewrites it instead.
/// Returns a description of the difference, if any.
pub fn check_snapshot(path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("ERRCAT_BLESS").is_some() {
        std::fs::write(path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected == actual {
        return None;
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(e, a)| e != a)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{} differs from the output, first at line {}:\n  expected: {:?}\n  actual:   {:?}",
        path.display(),
        line + 1,
        expected.lines().nth(line).unwrap_or("<end of file>"),
        actual.lines().nth(line).unwrap_or("<end of output>"),
    ))
}

/// Fails listing every stale snapshot, with the command that refreshes them.
pub fn assert_no_drift(drift: Vec<String>) {
    assert!(
        drift.is_empty(),
        "{}\n\nIf the change is intended, run `ERRCAT_BLESS=1 cargo test --workspace --all-features` and review the diff.",
        drift.join("\n\n")
    );
}

/// `text` without its ANSI SGR sequences (`ESC [ ... m`).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            out.push(c);
        }
    }
    out
}
