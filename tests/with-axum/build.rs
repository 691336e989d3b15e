fn main() {
    errcat_codegen::Builder::new()
        .catalog_dir("../../catalog")
        .catalog_dir("../build-dep/catalogs")
        .axum(true)
        .compile_or_report();
}
