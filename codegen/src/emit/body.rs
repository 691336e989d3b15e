//! The wire body the generated Rust sends for a code: the one rule for what each envelope
//! field holds, used by the Rust emitter (`impl From<Code> for Envelope`), and as JSON by
//! every example in the OpenAPI document and the docs.
//!
//! [`fill`] decides, field by field, what `Envelope::from(code)` puts there: bound fields
//! carry the catalog's values, unbound required fields their `Default`, and unbound optional
//! fields are absent, as serde's `skip_serializing_if = "Option::is_none"` leaves them. The
//! Rust emitter writes that decision as code, [`from_code`] as the JSON it serializes to, so
//! an example is exactly what `serde_json::to_value(Envelope::from(code))` gives.
//! `tests/openapi_bodies.rs` in the root crate holds the two to each other.

use crate::emit::json::Json;
use crate::model::{Binding, Catalog, Code, CodeValue, Field, FieldType, Scalar};

/// What `Envelope::from(code)` puts in one field of the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fill {
    /// An unbound required field: its type's `Default`.
    Default,
    /// An unbound optional field: `None`, left out on the wire.
    Absent,
    /// An unbound required nullable field: `None`, sent as `null`.
    Null,
    /// A field bound `from:` the catalog: the code's `part` (in `Some` when the field is
    /// optional).
    Code(Part),
}

/// The part of a code a bound field carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The code itself (`from: code`).
    Value,
    /// Its message (`from: message`, and `from: detail` until a constructor fills in the
    /// template).
    Message,
    /// Its HTTP status.
    Status,
    /// Its problem type URI.
    TypeUri,
    /// Its documentation link; a required link field holds `""` for a code without one
    /// (validation only lets that happen when every code has a link).
    Link,
}

/// What `Envelope::from(code)` puts in `field`, unless the code fixes its value
/// ([`fixed`]).
pub(crate) fn fill(field: &Field) -> Fill {
    match field.from {
        None if field.required && field.nullable => Fill::Null,
        None if field.required => Fill::Default,
        None => Fill::Absent,
        Some(Binding::Code) => Fill::Code(Part::Value),
        Some(Binding::Message | Binding::Detail) => Fill::Code(Part::Message),
        Some(Binding::Status) => Fill::Code(Part::Status),
        Some(Binding::TypeUri) => Fill::Code(Part::TypeUri),
        Some(Binding::Link) => Fill::Code(Part::Link),
    }
}

/// The value `code` fixes for the envelope field at `index` (`values:`), if it does: it
/// takes the place of what [`fill`] says.
pub(crate) fn fixed(code: &Code, index: usize) -> Option<&Scalar> {
    code.shape
        .values
        .iter()
        .find(|(i, _)| *i == index)
        .map(|(_, value)| value)
}

/// A value fixed per code, as JSON.
pub(crate) fn scalar(value: &Scalar) -> Json {
    match value {
        Scalar::Boolean(value) => Json::Bool(*value),
        Scalar::Integer(value) => Json::Int(*value),
        Scalar::String(value) => Json::from(value),
    }
}

/// The body `Envelope::from(code)` serializes to.
pub(crate) fn from_code(catalog: &Catalog, code: &Code) -> Json {
    let mut body = Json::object();
    for (index, field) in catalog.envelope.fields.iter().enumerate() {
        if let Some(value) = fixed(code, index) {
            body.insert(field.wire_name.clone(), scalar(value));
            continue;
        }
        let value = match fill(field) {
            Fill::Default => Some(default_value(catalog, &field.ty)),
            Fill::Absent => None,
            Fill::Null => Some(Json::Null),
            Fill::Code(Part::Value) => Some(code_value(&code.value)),
            Fill::Code(Part::Message) => Some(Json::from(&code.message)),
            Fill::Code(Part::Status) => Some(Json::from(code.status)),
            Fill::Code(Part::TypeUri) => Some(Json::from(&code.type_uri)),
            Fill::Code(Part::Link) => match &code.link {
                Some(link) => Some(Json::from(link)),
                None if !field.is_optional() => Some(Json::from("")),
                // A required nullable link: `None`, sent as `null`.
                None if field.required => Some(Json::Null),
                None => None,
            },
        };
        if let Some(value) = value {
            body.insert(field.wire_name.clone(), value);
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
        let value = if field.nullable {
            Json::Null
        } else {
            default_value(catalog, &field.ty)
        };
        object.insert(field.wire_name.clone(), value);
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
