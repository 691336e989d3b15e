//! Every body the generated Rust sends validates against the exported OpenAPI schema, checked
//! by a JSON Schema 2020-12 validator nobody here wrote (the `jsonschema` crate), and every
//! example in the exported documents is exactly such a body.
//!
//! The documents are the committed `generated/openapi/<name>.json` files; `tests/exports.rs`
//! fails while they differ from what the catalogs generate, so together the two tests hold
//! the catalogs, the generated Rust and the published schemas to each other.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

use errcat::{astrada, awork, guizhan, mode};
use jsonschema::Validator;
use serde::Serialize;
use serde_json::{Value, json};

/// An exported OpenAPI document.
struct Document {
    name: &'static str,
    root: Value,
}

impl Document {
    fn load(name: &'static str) -> Self {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("generated/openapi")
            .join(format!("{name}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run `cargo errcat export`", path.display()));
        let root = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()));
        Document { name, root }
    }

    /// A validator for the schema at `pointer` (`#/components/schemas/…`), with the document's
    /// components beside it so that its `$ref`s resolve.
    fn validator(&self, pointer: &str) -> Validator {
        assert!(
            self.root.pointer(&pointer[1..]).is_some(),
            "{}: no schema at {pointer}",
            self.name
        );
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": pointer,
            "components": self.root["components"],
        });
        jsonschema::draft202012::new(&schema)
            .unwrap_or_else(|e| panic!("{}: {pointer} is not a valid schema: {e}", self.name))
    }

    fn schema(&self, name: &str) -> Validator {
        self.validator(&format!("#/components/schemas/{name}"))
    }

    fn responses(&self) -> &serde_json::Map<String, Value> {
        self.root["components"]["responses"]
            .as_object()
            .expect("components.responses is an object")
    }
}

fn problems(validator: &Validator, body: &Value) -> Vec<String> {
    validator
        .iter_errors(body)
        .map(|error| format!("at `{}`: {error}", error.instance_path()))
        .collect()
}

fn assert_valid(validator: &Validator, body: &Value, what: &str) {
    let problems = problems(validator, body);
    assert!(
        problems.is_empty(),
        "{what}: {body} does not match its schema:\n  {}",
        problems.join("\n  ")
    );
}

fn assert_invalid(validator: &Validator, body: Value, what: &str) {
    assert!(
        !validator.is_valid(&body),
        "{what}: the schema accepts a wrong body {body}"
    );
}

fn to_json(body: &impl Serialize) -> Value {
    serde_json::to_value(body).expect("generated bodies serialize")
}

/// Checks one catalog: the body `Envelope::from(code)` of every code validates against the
/// envelope schema; each error code has exactly that body as an example, in the response of
/// its status; there is one response per error status and every example validates against
/// the schema of its media type.
fn check_catalog<C, E>(
    document: &Document,
    envelope: &str,
    responses_prefix: &str,
    codes: &[C],
    status: impl Fn(C) -> u16,
    is_success: impl Fn(C) -> bool,
) where
    C: Copy + Debug,
    E: Serialize + From<C>,
{
    let name = document.name;
    let envelope_schema = document.schema(envelope);
    let responses = document.responses();
    let mut error_statuses = BTreeSet::new();
    let mut error_codes = 0;
    for &code in codes {
        let body = to_json(&E::from(code));
        assert_valid(&envelope_schema, &body, &format!("{name} {code:?}"));
        if is_success(code) {
            continue;
        }
        error_codes += 1;
        let response = format!("{responses_prefix}{}", status(code));
        error_statuses.insert(response.clone());
        let examples = media(&responses[&response])["examples"]
            .as_object()
            .unwrap_or_else(|| panic!("{name}: {response} has no examples"));
        let matching = examples.values().filter(|e| e["value"] == body).count();
        assert_eq!(
            matching, 1,
            "{name} {code:?}: expected exactly one example in {response} equal to {body}"
        );
    }
    let listed: BTreeSet<String> = responses.keys().cloned().collect();
    assert_eq!(
        listed, error_statuses,
        "{name}: one response per error status"
    );
    let mut examples = 0;
    for (response, content) in responses {
        let media = media(content);
        let pointer = media["schema"]["$ref"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: {response} refers to no schema"));
        let validator = document.validator(pointer);
        for (example, value) in media["examples"].as_object().into_iter().flatten() {
            examples += 1;
            assert_valid(
                &validator,
                &value["value"],
                &format!("{name} {response} example {example}"),
            );
        }
    }
    assert_eq!(examples, error_codes, "{name}: one example per error code");
}

/// The only media type of a response.
fn media(response: &Value) -> &Value {
    let content = response["content"]
        .as_object()
        .expect("a response has content");
    assert_eq!(content.len(), 1, "one media type per response");
    content.values().next().unwrap()
}

/// Decodes `text` as `E` (as a client of the API would) and encodes it again.
fn round_trip<E: Serialize + serde::de::DeserializeOwned>(text: &str) -> Value {
    let body: E = serde_json::from_str(text).expect("the generated decoder accepts the body");
    to_json(&body)
}

#[test]
fn mode_bodies_match_the_exported_schema() {
    use mode::{ModeCode, ModeError};
    let document = Document::load("mode");
    check_catalog::<_, ModeError>(
        &document,
        "ModeError",
        "ModeError",
        ModeCode::ALL,
        ModeCode::status,
        ModeCode::is_success,
    );
    let schema = document.schema("ModeError");
    let unknown = round_trip::<ModeError>(r#"{"id": "rate_limited", "message": "Slow down"}"#);
    assert_valid(&schema, &unknown, "mode unknown code");
    assert_invalid(&schema, json!({"id": 404, "message": "x"}), "mode");
    assert_invalid(&schema, json!({"id": "not_found"}), "mode");
}

#[test]
fn guizhan_bodies_match_the_exported_schema() {
    use guizhan::{GuizhanCode, GuizhanResponse, Pagination};
    let document = Document::load("guizhan");
    check_catalog::<_, GuizhanResponse>(
        &document,
        "GuizhanResponse",
        "GuizhanError",
        GuizhanCode::ALL,
        GuizhanCode::status,
        GuizhanCode::is_success,
    );
    let schema = document.schema("GuizhanResponse");
    let page = GuizhanResponse::from(GuizhanCode::Success)
        .with_data(json!([{"slug": "slimefun"}]))
        .with_pagination(
            Pagination::default()
                .with_page_size(20)
                .with_page(1)
                .with_total_items(1),
        );
    assert_valid(&schema, &to_json(&page), "guizhan page");
    let unknown = round_trip::<GuizhanResponse>(r#"{"code": 7777, "message": "new"}"#);
    assert_valid(&schema, &unknown, "guizhan unknown code");
    assert_invalid(&schema, json!({"code": "5000", "message": "x"}), "guizhan");
    assert_invalid(&schema, json!({"code": -1, "message": "x"}), "guizhan");
    assert_invalid(&schema, json!({"code": 0}), "guizhan");
    assert_invalid(
        &schema,
        json!({"code": 0, "message": "OK", "pagination": {"page": 1}}),
        "guizhan",
    );
    // The code schema lists the catalog's codes and nothing else; the body accepts more.
    let code = document.schema("GuizhanCode");
    assert!(code.is_valid(&json!(5000)));
    assert!(!code.is_valid(&json!(7777)));
}

#[test]
fn astrada_bodies_match_the_exported_schema() {
    use astrada::{AstradaCode, AstradaErrorDetail, AstradaProblem};
    let document = Document::load("astrada");
    check_catalog::<_, AstradaProblem>(
        &document,
        "AstradaProblem",
        "AstradaError",
        AstradaCode::ALL,
        AstradaCode::status,
        AstradaCode::is_success,
    );
    let schema = document.schema("AstradaProblem");
    let nested = AstradaProblem::from(AstradaCode::BadRequest)
        .with_detail("Request failed validation")
        .with_instance("/cards/42")
        .with_errors(vec![
            AstradaErrorDetail::default()
                .with_title("invalid_type")
                .with_detail("`body.name` is `undefined`, but `string` is expected."),
        ]);
    assert_valid(&schema, &to_json(&nested), "astrada errors[]");
    assert_valid(
        &document.schema("AstradaError400"),
        &to_json(&nested),
        "astrada errors[], 400 response",
    );
    let unknown = round_trip::<AstradaProblem>(
        r#"{"title": "I'm a teapot", "status": 418, "detail": "Short and stout"}"#,
    );
    assert_valid(&schema, &unknown, "astrada unknown status");
    // The items of `errors` require both their members.
    assert_invalid(
        &schema,
        json!({"title": "Bad Request", "detail": "x", "errors": [{"title": "invalid_type"}]}),
        "astrada errors[]",
    );
    assert_invalid(&schema, json!({"title": "Bad Request"}), "astrada");
    // 409 alone requires no title; the other responses pin theirs.
    let conflict = document.schema("AstradaError409");
    assert_valid(&conflict, &json!({"detail": "x"}), "astrada 409 minimal");
    assert_invalid(
        &document.schema("AstradaError404"),
        json!({"detail": "x"}),
        "astrada 404 untitled",
    );
    assert_invalid(
        &document.schema("AstradaError404"),
        json!({"title": "Conflict", "detail": "x"}),
        "astrada 404 with the 409 title",
    );
    assert_invalid(
        &schema,
        json!({"title": "Bad Request", "detail": "x", "status": "400"}),
        "astrada",
    );
}

#[test]
fn awork_bodies_match_the_exported_schema() {
    use awork::{AworkCode, AworkError, ValidationError};
    let document = Document::load("awork");
    check_catalog::<_, AworkError>(
        &document,
        "AworkError",
        "AworkError",
        AworkCode::ALL,
        AworkCode::status,
        AworkCode::is_success,
    );
    let schema = document.schema("AworkError");
    let full = AworkError::from(AworkCode::ValidationFailed)
        .with_space("On Venus a day is longer than a year.")
        .with_details(vec![
            "Some more details about the error can go here.".into(),
        ])
        .with_validation_errors(vec![
            ValidationError::default()
                .with_property("Name")
                .with_message("'Name' should not be empty."),
        ]);
    assert_valid(&schema, &to_json(&full), "awork full body");
    let unknown = round_trip::<AworkError>(
        r#"{"code": "quota-exceeded", "description": "x", "link": "https://developers.awork.com/"}"#,
    );
    assert_valid(&schema, &unknown, "awork unknown code");
    // Closed: no member the catalog does not name, at either level.
    assert_invalid(
        &schema,
        json!({"code": "validation-failed", "description": "x", "link": "l", "surprise": 1}),
        "awork closed",
    );
    assert_invalid(
        &schema,
        json!({"code": "validation-failed", "description": "x", "link": "l", "validationErrors": [{"hint": "x"}]}),
        "awork closed items",
    );
    // Required, non-empty strings.
    assert_invalid(
        &schema,
        json!({"code": "not-found", "description": "x"}),
        "awork without link",
    );
    assert_invalid(
        &schema,
        json!({"code": "", "description": "x", "link": "l"}),
        "awork empty code",
    );
    assert_invalid(
        &schema,
        json!({"code": "not-found", "description": "x", "details": "not a list"}),
        "awork",
    );
}
