//! Generation cost on synthetic catalogs of 1k, 10k and 100k codes, stage by stage, beside the
//! floor every stage is measured against: `serde_yaml` alone parsing the same text into a
//! `Value`.
//!
//! divan rather than criterion: it compiles a fraction of criterion's dependency tree (no
//! plotting, no rayon), which matters on a shared two-core machine, and it prints the median
//! of every benchmark in one table per run, which `scripts/bench.py` turns into ratios.
//!
//! Each stage is one function of `stages!` below; a new emitter gets its benchmark by adding
//! one more function there, taking the parsed catalog, and a row in `scripts/bench.py`.

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use divan::{Bencher, black_box};
use errcat_codegen::{Catalog, Limits};
use synthetic::Kind;

const SIZES: &[usize] = &[1_000, 10_000, 100_000];

/// The bounds every benchmark loads within: the largest synthetic catalog is past the default
/// ones (100,000 codes, 12 MB), so the codes and the file size (with the node and text bounds
/// that scale with it) are raised. The other bounds keep their defaults.
fn limits() -> Limits {
    let mut limits = Limits::default().with_file_bytes(32 << 20);
    limits.codes = 100_000;
    limits
}

fn main() {
    divan::main();
}

/// A synthetic catalog's text and its parsed form, made once per size and kind and shared by
/// every benchmark of the run.
struct Fixture {
    source: String,
    catalog: Catalog,
}

fn fixture(codes: usize, kind: Kind) -> &'static Fixture {
    static FIXTURES: OnceLock<Mutex<BTreeMap<(usize, &'static str), &'static Fixture>>> =
        OnceLock::new();
    let mut fixtures = FIXTURES.get_or_init(Default::default).lock().unwrap();
    fixtures.entry((codes, kind.name())).or_insert_with(|| {
        let source = synthetic::catalog(codes, kind);
        let catalog = errcat_codegen::Loader::new()
            .limits(limits())
            .parse("synthetic.yaml", &source)
            .unwrap_or_else(|e| panic!("the synthetic catalog is invalid:\n{e}"));
        Box::leak(Box::new(Fixture { source, catalog }))
    })
}

/// The stages, each on integer and string catalogs. Large catalogs take long per iteration, so
/// each benchmark stops sampling after a few seconds.
macro_rules! stages {
    ($($kind:ident => $code_kind:expr),*) => {$(
        mod $kind {
            use super::*;

            /// The floor: `serde_yaml` parsing the text into an untyped `Value`.
            #[divan::bench(args = SIZES, max_time = 8)]
            fn yaml_value(bencher: Bencher, codes: usize) {
                let source = &fixture(codes, $code_kind).source;
                bencher.bench(|| {
                    serde_yaml::from_str::<serde_yaml::Value>(black_box(source)).unwrap()
                });
            }

            /// Load and validate: text to the validated model, within the raised [`limits`].
            #[divan::bench(args = SIZES, max_time = 8)]
            fn parse(bencher: Bencher, codes: usize) {
                let source = &fixture(codes, $code_kind).source;
                let limits = limits();
                bencher.bench(|| {
                    errcat_codegen::Loader::new().limits(limits).parse("synthetic.yaml", black_box(source)).unwrap()
                });
            }

            /// Rust emission: the validated model to formatted source text.
            #[divan::bench(args = SIZES, max_time = 8)]
            fn rust(bencher: Bencher, codes: usize) {
                let catalog = &fixture(codes, $code_kind).catalog;
                let options = errcat_codegen::rust::Options::default();
                bencher.bench(|| errcat_codegen::rust::generate(black_box(catalog), &options).unwrap());
            }

            /// OpenAPI emission: the validated model to a JSON document.
            #[divan::bench(args = SIZES, max_time = 8)]
            fn openapi(bencher: Bencher, codes: usize) {
                let catalogs = std::slice::from_ref(&fixture(codes, $code_kind).catalog);
                bencher.bench(|| {
                    errcat_codegen::openapi::generate(black_box(catalogs), errcat_codegen::openapi::Format::Json)
                        .unwrap()
                });
            }

            /// Markdown emission: the validated model to the reference page.
            #[divan::bench(args = SIZES, max_time = 8)]
            fn docs(bencher: Bencher, codes: usize) {
                let catalog = &fixture(codes, $code_kind).catalog;
                bencher.bench(|| errcat_codegen::docs::generate(black_box(catalog)));
            }
        }
    )*};
}

stages!(integer => Kind::Integer, string => Kind::String);
