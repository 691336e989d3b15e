//! First contact: catalogs written from scratch by reading only `catalog/README.md`, for
//! well-known code sets (PostgreSQL's SQLSTATEs, gRPC's status codes, a small shop API) and
//! the smallest catalog there is. Each loads with the defaults, validates against the
//! format's JSON Schema, and goes through every emitter.

mod common;

use std::path::PathBuf;

use common::{workspace, yaml_files, yaml_to_json};
use errcat_codegen::model::CodeRepr;
use errcat_codegen::{Catalog, docs, openapi, rust};
use serde_json::Value as Json;

fn fixture(name: &str) -> PathBuf {
    workspace().join(format!("codegen/tests/fixtures/first-contact/{name}.yaml"))
}

fn load(name: &str) -> Catalog {
    let path = fixture(name);
    errcat_codegen::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The generated Rust, parsed back.
fn rust_of(catalog: &Catalog) -> syn::File {
    let code = rust::generate(catalog, &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", catalog.name()));
    syn::parse_file(&code).unwrap_or_else(|e| panic!("{}: {e}", catalog.name()))
}

/// The variants of the generated enum `name`.
fn variants(file: &syn::File, name: &str) -> Vec<String> {
    file.items
        .iter()
        .find_map(|item| match item {
            syn::Item::Enum(item) if item.ident == name => Some(
                item.variants
                    .iter()
                    .map(|variant| variant.ident.to_string())
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no enum `{name}`"))
}

fn openapi_of(catalog: &Catalog) -> Json {
    let text = openapi::generate(std::slice::from_ref(catalog), openapi::Format::Json)
        .unwrap_or_else(|e| panic!("{}: {e}", catalog.name()));
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_first_contact_catalog_loads_validates_and_generates() {
    let schema: Json = serde_json::from_str(
        &std::fs::read_to_string(workspace().join("codegen/errcat-catalog.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let files = yaml_files(&workspace().join("codegen/tests/fixtures/first-contact"));
    assert_eq!(files.len(), 4, "{files:?}");
    for path in files {
        let catalog =
            errcat_codegen::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let complaints: Vec<String> = validator
            .iter_errors(&yaml_to_json(&yaml))
            .map(|e| format!("at `{}`: {e}", e.instance_path()))
            .collect();
        assert!(complaints.is_empty(), "{}: {complaints:?}", path.display());
        rust_of(&catalog);
        let components = &openapi_of(&catalog)["components"];
        assert!(
            components["schemas"][catalog.envelope().name()].is_object(),
            "{}: no envelope schema in {components}",
            path.display()
        );
        let docs = docs::generate(&catalog);
        assert!(docs.contains(catalog.title()), "{}", path.display());
    }
}

#[test]
fn sql_states_are_strings_grouped_by_class() {
    let catalog = load("sql_states");
    assert_eq!(catalog.repr(), CodeRepr::Str);
    let file = rust_of(&catalog);
    let variants = variants(&file, "SqlStatesCode");
    // Explicit names with acronyms are used as written, as in PostgreSQL's own sources.
    for name in [
        "TRSerializationFailure",
        "TRDeadlockDetected",
        "SREModifyingSqlDataNotPermitted",
        "UniqueViolation",
    ] {
        assert!(variants.iter().any(|v| v == name), "{name} in {variants:?}");
    }
    assert!(variants.iter().any(|v| v == "SuccessfulCompletion"));
    // Group titles default to their names in words.
    let docs = docs::generate(&catalog);
    assert!(docs.contains("Integrity constraint violation"), "{docs}");
    assert!(docs.contains("`23505`"), "{docs}");
    // Codes with leading zeros keep them: they were quoted.
    assert!(
        docs.contains("`00000`") && docs.contains("`01000`"),
        "{docs}"
    );
    let openapi = openapi_of(&catalog);
    let text = openapi.to_string();
    assert!(
        text.contains("\"40001\"") && text.contains("\"0A000\""),
        "{text}"
    );
    // The envelope is the default one.
    assert_eq!(catalog.envelope().name(), "SqlStatesError");
    assert_eq!(catalog.envelope().media_type(), "application/json");
}

#[test]
fn grpc_status_codes_are_integers_from_0_to_16() {
    let catalog = load("grpc");
    assert_eq!(catalog.repr(), CodeRepr::U32, "read from the codes");
    let file = rust_of(&catalog);
    let variants = variants(&file, "GrpcCode");
    assert_eq!(variants.len(), 17);
    assert_eq!(variants.first().map(String::as_str), Some("Ok"));
    assert_eq!(variants.last().map(String::as_str), Some("Unauthenticated"));
    assert_eq!(catalog.envelope().name(), "Status");
    assert_eq!(catalog.envelope().media_type(), "application/json");
    let openapi = openapi_of(&catalog);
    let status = &openapi["components"]["schemas"]["Status"];
    assert_eq!(
        status["required"],
        serde_json::json!(["code", "message"]),
        "{status}"
    );
    assert_eq!(status["properties"]["details"]["type"], "array", "{status}");
}

#[test]
fn a_shop_api_of_slugs_with_templates_and_a_retired_code() {
    let catalog = load("shop");
    assert_eq!(catalog.repr(), CodeRepr::Str, "read from the codes");
    assert_eq!(catalog.title(), "Shop API");
    assert_eq!(catalog.version(), "0.1.0");
    assert_eq!(catalog.envelope().name(), "ShopError");
    assert_eq!(catalog.envelope().media_type(), "application/problem+json");
    let file = rust_of(&catalog);
    let variants = variants(&file, "ShopCode");
    assert!(
        variants.iter().any(|v| v == "CartItemOutOfStock"),
        "{variants:?}"
    );
    assert!(
        variants.iter().any(|v| v == "Payment3dsRequired"),
        "{variants:?}"
    );
    assert!(
        !variants.iter().any(|v| v == "PaymentRetired"),
        "retired: {variants:?}"
    );
    let code = rust::generate(&catalog, &Default::default()).unwrap();
    assert!(
        code.contains("fn cart_item_out_of_stock"),
        "the constructor"
    );
    let openapi = openapi_of(&catalog).to_string();
    assert!(openapi.contains("application/problem+json"), "{openapi}");
    let docs = docs::generate(&catalog);
    assert!(docs.contains("Payment"), "{docs}");
}

#[test]
fn two_codes_of_name_and_codes_are_a_complete_catalog() {
    let catalog = load("minimal");
    assert_eq!(catalog.title(), "Tiny API");
    assert_eq!(catalog.version(), "0.1.0");
    assert_eq!(catalog.envelope().name(), "TinyError");
    let file = rust_of(&catalog);
    assert_eq!(variants(&file, "TinyCode"), ["NotFound", "TooManyRequests"]);
    assert!(openapi_of(&catalog)["components"]["schemas"]["TinyError"].is_object());
    assert!(docs::generate(&catalog).contains("Tiny API"));
}
