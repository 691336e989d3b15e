//! A server documenting itself with utoipa, from the generated impls, publishes exactly the
//! schemas `errcat openapi` exports: each document is built the way a server builds it,
//! serialized, and its `components.schemas` compared, as JSON values, with the export's.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use errcat_with_utoipa::{astrada, awork, depot, guizhan, ledger, mode, shop, wire};
use serde_json::Value;
use utoipa::openapi::schema::{ComponentsBuilder, Schema};
use utoipa::openapi::{OpenApiBuilder, RefOr};
use utoipa::{OpenApi, ToSchema};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `components.schemas` of an OpenAPI document, after a trip through its JSON text, as a
/// server sends it.
fn schemas_of(document: &utoipa::openapi::OpenApi) -> Value {
    let text = document.to_json().unwrap();
    let mut document: Value = serde_json::from_str(&text).unwrap();
    document["components"]["schemas"].take()
}

/// `components.schemas` of the committed export of a bundled catalog.
fn committed_schemas(catalog: &str) -> Value {
    let path = workspace().join(format!("generated/openapi/{catalog}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let document: Value = serde_json::from_str(&text).unwrap();
    type_schemas(document)
}

/// The schemas of the export's types: without the per-status response schemas (named as the
/// responses that use them), which describe responses rather than a Rust type, so that no
/// type of the `utoipa` option publishes them.
fn type_schemas(mut document: Value) -> Value {
    let responses = document["components"]["responses"].take();
    let mut schemas = document["components"]["schemas"].take();
    let per_status = schemas.as_object_mut().unwrap();
    for name in responses.as_object().into_iter().flat_map(|r| r.keys()) {
        assert!(
            per_status.remove(name).is_some(),
            "no schema for response {name}"
        );
    }
    schemas
}

/// `components.schemas` of `errcat openapi` for a build-dep catalog, exported now.
fn exported_schemas(catalog: &str) -> Value {
    let path = workspace().join(format!("tests/build-dep/catalogs/{catalog}.yaml"));
    let catalog = errcat_codegen::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let text = errcat_codegen::openapi::generate(&[catalog], errcat_codegen::openapi::Format::Json)
        .unwrap();
    type_schemas(serde_json::from_str(&text).unwrap())
}

fn assert_same(catalog: &str, published: &Value, exported: &Value) {
    // Sorted: the order of a JSON object's members means nothing.
    let names = |schemas: &Value| -> BTreeSet<String> {
        schemas.as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(
        names(published),
        names(exported),
        "{catalog}: component names"
    );
    for (name, schema) in exported.as_object().unwrap() {
        assert_eq!(
            &published[name], schema,
            "{catalog}: schema `{name}` as utoipa publishes it (left) and as exported (right)"
        );
    }
}

#[derive(OpenApi)]
#[openapi(components(schemas(mode::ModeError)))]
struct ModeDoc;

#[derive(OpenApi)]
#[openapi(components(schemas(guizhan::GuizhanResponse)))]
struct GuizhanDoc;

#[derive(OpenApi)]
#[openapi(components(schemas(astrada::AstradaProblem)))]
struct AstradaDoc;

#[derive(OpenApi)]
#[openapi(components(schemas(awork::AworkError)))]
struct AworkDoc;

#[test]
fn registering_a_bundled_envelope_publishes_the_committed_schemas() {
    // Each envelope refers to its code schema and to every helper schema, so registering the
    // envelope alone must bring all of them.
    for (catalog, document) in [
        ("mode", ModeDoc::openapi()),
        ("guizhan", GuizhanDoc::openapi()),
        ("astrada", AstradaDoc::openapi()),
        ("awork", AworkDoc::openapi()),
    ] {
        assert_same(catalog, &schemas_of(&document), &committed_schemas(catalog));
    }
}

type Registered = Vec<(String, RefOr<Schema>)>;

/// Registers `T` by hand, as `#[derive(OpenApi)]` does: its own schema under its name, and
/// the schemas it refers to.
fn register<T: ToSchema>(schemas: &mut Registered) {
    schemas.push((T::name().into_owned(), T::schema()));
    T::schemas(schemas);
}

/// A document built with `OpenApiBuilder`, holding `types` and what they refer to.
fn built_with(types: &[fn(&mut Registered)]) -> utoipa::openapi::OpenApi {
    let mut schemas = Registered::new();
    for register in types {
        register(&mut schemas);
    }
    OpenApiBuilder::new()
        .components(Some(
            ComponentsBuilder::new().schemas_from_iter(schemas).build(),
        ))
        .build()
}

/// Every `$ref` under `value`.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                match (key.as_str(), member) {
                    ("$ref", Value::String(target)) => out.push(target.clone()),
                    _ => refs(member, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
        _ => {}
    }
}

#[test]
fn build_dep_catalogs_register_the_schemas_errcat_openapi_exports() {
    for (catalog, document) in [
        (
            "ledger",
            built_with(&[
                register::<ledger::LedgerProblem>,
                register::<ledger::LedgerCode>,
            ]),
        ),
        (
            "shop",
            built_with(&[register::<shop::ShopError>, register::<shop::ShopCode>]),
        ),
        (
            "depot",
            built_with(&[register::<depot::DepotError>, register::<depot::DepotCode>]),
        ),
        (
            "wire",
            built_with(&[register::<wire::WireProblem>, register::<wire::WireCode>]),
        ),
    ] {
        let published = schemas_of(&document);
        assert_same(catalog, &published, &exported_schemas(catalog));
        let mut targets = Vec::new();
        refs(&published, &mut targets);
        for target in targets {
            let name = target.strip_prefix("#/components/schemas/").unwrap();
            assert!(
                published.get(name).is_some(),
                "{catalog}: `{target}` does not resolve"
            );
        }
    }
}

#[test]
fn names_are_the_export_component_names() {
    assert_eq!(guizhan::GuizhanResponse::name(), "GuizhanResponse");
    assert_eq!(guizhan::GuizhanCode::name(), "GuizhanCode");
    assert_eq!(guizhan::Pagination::name(), "Pagination");
    assert_eq!(awork::ValidationError::name(), "ValidationError");
    assert_eq!(
        guizhan::GuizhanCodeOrUnknown::name(),
        "GuizhanCodeOrUnknown"
    );
}

/// A server's own body that relays a code it may not know.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
struct Relayed {
    upstream: guizhan::GuizhanCodeOrUnknown,
}

#[derive(OpenApi)]
#[openapi(components(schemas(Relayed)))]
struct RelayDoc;

#[test]
fn a_code_or_unknown_in_a_servers_own_schema_is_the_envelopes_code_field() {
    let published = schemas_of(&RelayDoc::openapi());
    let committed = committed_schemas("guizhan");
    assert_eq!(
        published["Relayed"]["properties"]["upstream"],
        serde_json::json!({ "$ref": "#/components/schemas/GuizhanCodeOrUnknown" })
    );
    // The envelope's code field, without the field's own description.
    let mut code_field = committed["GuizhanResponse"]["properties"]["code"].clone();
    code_field.as_object_mut().unwrap().remove("description");
    assert_eq!(published["GuizhanCodeOrUnknown"], code_field);
    // The code schema it refers to comes along.
    assert_eq!(published["GuizhanCode"], committed["GuizhanCode"]);
}
