//! Generates the bundled APIs' error types from `catalog/*.yaml`.

fn main() {
    errcat_codegen::Builder::new()
        .catalog_dir("catalog")
        .compile_or_report();
}
