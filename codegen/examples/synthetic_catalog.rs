//! Prints a synthetic catalog: `cargo run -p errcat-codegen --example synthetic_catalog --
//! <codes> [integer|string]`. `scripts/bench.py` uses it to measure how long the generated
//! code of large catalogs takes to compile.

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

use std::process::ExitCode;

use synthetic::Kind;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let codes = args.first().and_then(|n| n.parse::<usize>().ok());
    let kind = match args.get(1).map(String::as_str) {
        None | Some("integer") => Some(Kind::Integer),
        Some("string") => Some(Kind::String),
        Some(_) => None,
    };
    match (codes, kind, args.len()) {
        (Some(codes), Some(kind), 1 | 2) if codes > 0 => {
            print!("{}", synthetic::catalog(codes, kind));
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: synthetic_catalog <codes> [integer|string]");
            ExitCode::from(2)
        }
    }
}
