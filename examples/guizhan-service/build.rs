//! Generates the Guizhan types, with `IntoResponse` impls, from the bundled catalog.

fn main() {
    errcat_codegen::Builder::new()
        .catalog("../../catalog/guizhan.yaml")
        .axum(true)
        .compile_or_report();
}
