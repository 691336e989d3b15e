//! Each stage's cost as a ratio to the floor, measured in pairs: the floor (`serde_yaml`
//! parsing the text into a `Value`) and the stage run back to back, round after round, and
//! the median of the per-pair ratios reported.
//!
//! The `generate` benchmark times every stage and the floor apart and divides medians; on a
//! shared machine the load can change between the two, and a ratio of medians taken minutes
//! apart moves with it. A pair is timed within a few seconds, so its ratio sees one load; the
//! median over rounds, with the lowest and highest, shows how far the load moved it.
//!
//! `cargo bench -p errcat-codegen --bench ratios` (`ERRCAT_BENCH_ROUNDS` sets the rounds, 7 by
//! default) prints a Markdown table, one row per catalog, size and stage.

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::{Duration, Instant};

use errcat_codegen::{Limits, Loader};
use synthetic::Kind;

/// A stage of the CLI, from text to its output.
type Stage = fn(&str);

/// The stages of the CLI: `check`, `rust`, `openapi`, `docs`.
const STAGES: [(&str, Stage); 4] = [
    ("parse", |source| drop(load(source))),
    ("text_to_rust", |source| {
        let catalog = load(source);
        drop(errcat_codegen::rust::generate(&catalog, &Default::default()).unwrap());
    }),
    ("text_to_openapi", |source| {
        let catalogs = [load(source)];
        let format = errcat_codegen::openapi::Format::Json;
        drop(errcat_codegen::openapi::generate(&catalogs, format).unwrap());
    }),
    ("text_to_docs", |source| {
        drop(errcat_codegen::docs::generate(&load(source)));
    }),
];

/// The largest ratio to the floor a stage may take.
const BOUND: f64 = 3.0;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this too, with no rounds
    // worth timing, so a test run only checks that every stage works.
    let testing = !std::env::args().any(|arg| arg == "--bench");
    let rounds: usize = match std::env::var("ERRCAT_BENCH_ROUNDS") {
        Ok(rounds) => rounds.parse().expect("ERRCAT_BENCH_ROUNDS: a number"),
        Err(_) if testing => 1,
        Err(_) => 7,
    };
    let sizes: &[usize] = if testing { &[100] } else { &[10_000, 100_000] };
    println!("| catalog | codes | stage | ÷ floor, median | lowest | highest | at most {BOUND}× |");
    println!("|---|---|---|---|---|---|---|");
    for kind in [Kind::Integer, Kind::String] {
        for &codes in sizes {
            let source = synthetic::catalog(codes, kind);
            for (stage, run) in STAGES {
                let mut ratios: Vec<f64> = (0..rounds)
                    .map(|_| {
                        let floor = timed(|| {
                            drop(serde_yaml::from_str::<serde_yaml::Value>(&source).unwrap())
                        });
                        timed(|| run(&source)).as_secs_f64() / floor.as_secs_f64()
                    })
                    .collect();
                ratios.sort_by(f64::total_cmp);
                let median = ratios[ratios.len() / 2];
                let met = if median <= BOUND { "met" } else { "missed" };
                println!(
                    "| {} | {codes} | `{stage}` | {median:.2} | {:.2} | {:.2} | {met} |",
                    kind.name(),
                    ratios[0],
                    ratios[ratios.len() - 1],
                );
            }
        }
    }
}

fn load(source: &str) -> errcat_codegen::Catalog {
    Loader::new()
        .limits(Limits::default())
        .parse("synthetic.yaml", black_box(source))
        .unwrap()
}

/// How long `f` takes, its output dropped inside the timing as the CLI drops it on exit.
fn timed(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}
