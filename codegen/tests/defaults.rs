//! A catalog of `name` and `codes` is complete: every other key has a default, and writing
//! the defaults out changes nothing.

use errcat_codegen::model::{CodeRepr, FieldType};

const CODES_INT: &str = "\
codes:
  - { code: 1, message: Not found, status: 404 }
  - { code: 2, message: Too many requests, status: 429 }
";

fn parse(source: &str) -> errcat_codegen::Catalog {
    errcat_codegen::parse("defaults.yaml", source).unwrap_or_else(|e| panic!("{e}"))
}

fn rust(catalog: &errcat_codegen::Catalog) -> String {
    errcat_codegen::rust::generate(catalog, &Default::default()).unwrap()
}

#[test]
fn name_and_codes_are_a_complete_catalog() {
    let catalog = parse(&format!("name: sql_states\n{CODES_INT}"));
    assert_eq!(catalog.title(), "Sql states API");
    assert_eq!(catalog.version(), "0.1.0");
    assert_eq!(
        catalog.repr(),
        CodeRepr::U32,
        "integer codes, read from the codes"
    );
    assert_eq!(catalog.types().code(), "SqlStatesCode");
    let envelope = catalog.envelope();
    assert_eq!(envelope.name(), "SqlStatesError");
    assert_eq!(envelope.media_type(), "application/json");
    let fields: Vec<(&str, &FieldType, bool)> = envelope
        .fields()
        .iter()
        .map(|field| (field.wire_name(), field.ty(), field.required()))
        .collect();
    assert_eq!(
        fields,
        [
            ("code", &FieldType::Code, true),
            ("message", &FieldType::String, true)
        ]
    );
}

#[test]
fn the_defaults_written_out_generate_the_same_code() {
    let short = parse(&format!("name: shop\n{CODES_INT}"));
    let long = parse(&format!(
        "\
name: shop
title: Shop API
version: 0.1.0
code_type: integer
envelope:
  name: ShopError
  media_type: application/json
  fields:
    - {{ name: code, type: integer, from: code, required: true }}
    - {{ name: message, type: string, from: message, required: true }}
{CODES_INT}"
    ));
    assert_eq!(rust(&short), rust(&long));
    let options = errcat_codegen::openapi::Format::Json;
    assert_eq!(
        errcat_codegen::openapi::generate(std::slice::from_ref(&short), options).unwrap(),
        errcat_codegen::openapi::generate(std::slice::from_ref(&long), options).unwrap()
    );
    assert_eq!(
        errcat_codegen::docs::generate(&short),
        errcat_codegen::docs::generate(&long)
    );
}

#[test]
fn string_codes_are_read_from_the_codes() {
    let catalog = parse(
        "\
name: shop
groups:
  - { name: cart_items, prefix: \"cart-\" }
codes:
  - { code: cart-empty, message: The cart is empty, status: 422 }
  - { code: \"40001\", removed: Retired. }
",
    );
    assert_eq!(catalog.repr(), CodeRepr::Str);
    assert_eq!(
        catalog.groups()[0].title(),
        "Cart items",
        "the group's name in words"
    );
    let code = &catalog.envelope().fields()[0];
    assert_eq!((code.wire_name(), code.ty()), ("code", &FieldType::Code));
}

#[test]
fn each_key_of_the_envelope_has_its_own_default() {
    let catalog = parse(&format!(
        "name: shop\nenvelope:\n  media_type: application/problem+json\n{CODES_INT}"
    ));
    assert_eq!(catalog.envelope().name(), "ShopError");
    assert_eq!(catalog.envelope().media_type(), "application/problem+json");
    assert_eq!(catalog.envelope().fields().len(), 2);

    let catalog = parse(&format!(
        "\
name: shop
envelope:
  name: Problem
  fields:
    - {{ name: error, type: integer, from: code, required: true }}
{CODES_INT}"
    ));
    assert_eq!(catalog.envelope().name(), "Problem");
    assert_eq!(catalog.envelope().media_type(), "application/json");
    let names: Vec<&str> = catalog
        .envelope()
        .fields()
        .iter()
        .map(|f| f.wire_name())
        .collect();
    assert_eq!(names, ["error"], "written fields replace the default ones");
}

#[test]
fn every_missing_or_broken_top_level_key_is_reported_in_one_run() {
    let error = errcat_codegen::parse(
        "defaults.yaml",
        "title: [x]\nversion: {}\ncode_type: float\nenvelop: {}\n",
    )
    .unwrap_err();
    let messages: Vec<&str> = error.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "missing key `name`",
            "missing key `codes`",
            "invalid type: sequence, expected a string",
            "invalid type: map, expected a string",
            "unknown value `float`",
            "unknown key `envelop`",
        ]
    );
}
