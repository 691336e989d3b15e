fn main() {
    errcat_codegen::Builder::new()
        .catalog_dir("catalogs")
        .compile()
        .unwrap_or_else(|e| panic!("\n{e}\n"));
}
