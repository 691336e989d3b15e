fn main() {
    errcat_codegen::Builder::new()
        .catalog_dir("../../catalog")
        .catalog_dir("../build-dep/catalogs")
        .http(true)
        .compile_or_report();
}
