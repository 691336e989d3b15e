//! Generates the bundled APIs' error types from `catalog/*.yaml`.

fn main() {
    errcat_codegen::Builder::new()
        .catalog_dir("catalog")
        .compile()
        .unwrap_or_else(|e| panic!("\n{e}\n"));
}
