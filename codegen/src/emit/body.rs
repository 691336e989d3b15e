//! The wire body the generated Rust sends for a code, as JSON: the source of every example in
//! the OpenAPI document and the docs.
//!
//! This mirrors `impl From<Code> for Envelope` in `rust.rs` field by field, so an example is
//! exactly what `serde_json::to_value(Envelope::from(code))` gives: bound fields carry the
//! catalog's values, unbound required fields their `Default`, and unbound optional fields
//! are absent, as serde's `skip_serializing_if = "Option::is_none"` leaves them.
//! `tests/openapi_bodies.rs` in the root crate holds the two to each other.

use crate::emit::json::Json;
use crate::model::{Binding, Catalog, Code, CodeValue, Field, FieldType};

/// The body `Envelope::from(code)` serializes to.
pub(crate) fn from_code(catalog: &Catalog, code: &Code) -> Json {
    let mut body = Json::object();
    for field in &catalog.envelope.fields {
        let value = match field.from {
            None if field.required => Some(default_value(catalog, &field.ty)),
            None => None,
            Some(Binding::Code) => Some(code_value(&code.value)),
            Some(Binding::Message | Binding::Detail) => Some(Json::from(&code.message)),
            Some(Binding::Status) => Some(Json::from(code.status)),
            Some(Binding::TypeUri) => Some(Json::from(&code.type_uri)),
            Some(Binding::Link) => match &code.link {
                Some(link) => Some(Json::from(link)),
                // The generated code writes an empty link into a required field; validation
                // only lets that happen when every code has a link, so this is a fallback.
                None if field.required => Some(Json::from("")),
                None => None,
            },
        };
        if let Some(value) = value {
            body.insert(&field.wire_name, value);
        }
    }
    body
}

/// A code as it appears on the wire.
pub(crate) fn code_value(value: &CodeValue) -> Json {
    match value {
        CodeValue::Int(value) => Json::Int(*value),
        CodeValue::Str(value) => Json::from(value),
    }
}

/// What `Default::default()` of a field's Rust type serializes to (with the default
/// `any_type`, `serde_json::Value`, whose default is `null`).
fn default_value(catalog: &Catalog, ty: &FieldType) -> Json {
    match ty {
        FieldType::String => Json::from(""),
        FieldType::Integer => Json::Int(0),
        FieldType::Number => Json::Float(0.0),
        FieldType::Boolean => Json::Bool(false),
        FieldType::Any => Json::Null,
        FieldType::Array(_) => Json::Array(Vec::new()),
        FieldType::Schema(name) => match catalog.envelope.schemas.get(name) {
            Some(schema) => default_object(catalog, &schema.fields),
            None => Json::object(),
        },
        FieldType::Envelope => default_object(catalog, &catalog.envelope.fields),
        // Only fields bound `from: code` or `from: status` have these types, and bound fields
        // are filled from the code, never defaulted.
        FieldType::Code | FieldType::Status => Json::Int(0),
    }
}

/// A derived `Default` struct: required fields at their defaults, optional ones absent.
/// Validation rejects required fields that lead back to their own type, so this ends.
fn default_object(catalog: &Catalog, fields: &[Field]) -> Json {
    let mut object = Json::object();
    for field in fields.iter().filter(|f| f.required) {
        object.insert(&field.wire_name, default_value(catalog, &field.ty));
    }
    object
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(fields: &str, codes: &str) -> Catalog {
        crate::parse(
            "test.yaml",
            &format!(
                "name: shop\ntitle: Shop\nversion: '1'\ndocs_url: https://example.com/errors\ncode_type: integer\nenvelope:\n  name: ShopError\n  media_type: application/json\n  fields:\n{fields}\n  schemas:\n    Page:\n      - {{ name: size, type: integer, required: true }}\n      - {{ name: next, type: string }}\ncodes:\n{codes}\n"
            ),
        )
        .unwrap()
    }

    #[test]
    fn bound_fields_carry_the_catalog_and_unbound_ones_their_default() {
        let catalog = catalog(
            "    - { name: code, type: integer, from: code, required: true }
    - { name: title, type: string, from: message, required: true }
    - { name: detail, type: string, from: detail }
    - { name: status, type: integer, from: status }
    - { name: type, type: string, from: type_uri }
    - { name: help, type: string, from: link }
    - { name: count, type: integer, required: true }
    - { name: ratio, type: number, required: true }
    - { name: ok, type: boolean, required: true }
    - { name: data, type: any, required: true }
    - { name: tags, type: array, items: string, required: true }
    - { name: page, type: Page, required: true }
    - { name: note, type: string }",
            "  - { code: 7, message: Out of stock, status: 409, detail: 'Item {item} is gone', params: { item: string } }",
        );
        let body = from_code(&catalog, &catalog.codes[0]);
        assert_eq!(
            body.to_pretty(),
            r#"{
  "code": 7,
  "title": "Out of stock",
  "detail": "Out of stock",
  "status": 409,
  "type": "about:blank",
  "help": "https://example.com/errors#7",
  "count": 0,
  "ratio": 0.0,
  "ok": false,
  "data": null,
  "tags": [],
  "page": {
    "size": 0
  }
}
"#
        );
    }
}
