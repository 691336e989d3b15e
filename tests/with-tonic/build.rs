fn main() {
    errcat_codegen::Builder::new()
        .catalog_dir("../../catalog")
        .catalog_dir("../build-dep/catalogs")
        .tonic(true)
        .compile_or_report();
}
