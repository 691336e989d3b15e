//! The committed `generated/` folder is what `errcat export` makes from `catalog/`.
//!
//! After an intended change to a catalog or to the emitters, run `cargo errcat export` (or
//! this test with `ERRCAT_BLESS=1`) and review the diff of `generated/`.

use std::path::Path;

use errcat_codegen::Loader;
use errcat_codegen::export::{self, Mode};

#[test]
fn generated_exports_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mode = if std::env::var_os("ERRCAT_BLESS").is_some() {
        Mode::Write
    } else {
        Mode::Check
    };
    let outcomes = export::export(
        &Loader::new(),
        &root.join("catalog"),
        &root.join("generated"),
        mode,
    )
    .unwrap_or_else(|e| panic!("export failed:\n{e}"));
    let outdated: Vec<String> = outcomes
        .iter()
        .filter(|outcome| outcome.state.is_outdated())
        .map(|outcome| format!("  {} ({:?})", outcome.path.display(), outcome.state))
        .collect();
    assert!(
        outdated.is_empty(),
        "generated/ is out of date; run `cargo errcat export` and review the diff:\n{}",
        outdated.join("\n")
    );
    // Four catalogs, three files each, and a docs page for each of the two declared locales
    // (Guizhan in `zh-CN`, awork in `de`).
    assert_eq!(outcomes.len(), 14);
    for page in ["docs/guizhan.zh-CN.md", "docs/awork.de.md"] {
        assert!(
            outcomes.iter().any(|outcome| outcome.path.ends_with(page)),
            "{page} is exported"
        );
    }
}
