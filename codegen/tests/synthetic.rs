//! The synthetic catalogs the benchmarks measure are valid, complete and deterministic, so a
//! benchmark never times the error path by accident.

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

use errcat_codegen::model::{CodeRepr, CodeValue};
use synthetic::Kind;

#[test]
fn synthetic_catalogs_are_valid_and_sized_as_asked() {
    for (kind, repr) in [
        (Kind::Integer, CodeRepr::U32),
        (Kind::String, CodeRepr::Str),
    ] {
        let source = synthetic::catalog(1_050, kind);
        let catalog = errcat_codegen::parse("synthetic.yaml", &source)
            .unwrap_or_else(|e| panic!("{}: {e}", kind.name()));
        assert_eq!(catalog.codes().len(), 1_050);
        assert_eq!(catalog.repr(), repr);
        assert_eq!(catalog.groups().len(), 11);
        // Groups of 100: the last code falls in the eleventh, partly filled group.
        let last = &catalog.codes()[1_049];
        assert_eq!(last.group(), Some(10));
        assert!(catalog.codes().iter().any(|c| c.detail().is_some()));
        assert!(catalog.codes().iter().any(|c| !c.aliases().is_empty()));
        assert!(catalog.codes().iter().any(|c| c.deprecated().is_some()));
        if kind == Kind::Integer {
            assert_eq!(last.value(), &CodeValue::Int(1_049));
        }
        let rust = errcat_codegen::rust::generate(&catalog, &Default::default()).unwrap();
        assert!(rust.contains("pub enum SyntheticCode"));
    }
}

#[test]
fn synthetic_catalogs_are_deterministic() {
    assert_eq!(
        synthetic::catalog(300, Kind::String),
        synthetic::catalog(300, Kind::String)
    );
    assert_ne!(
        synthetic::catalog(300, Kind::String),
        synthetic::catalog(301, Kind::String)
    );
}
