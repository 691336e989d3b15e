//! The body corpora of `tests/corpus/<api>.json`: bodies in every shape the four APIs'
//! published specifications allow, written from those specifications, not from the catalogs.
//! Each body
//!
//! - (a) decodes with the generated Rust,
//! - (b) re-encodes without losing a member (a `null` in an optional member may come back
//!   absent, which is how the generated Rust sends `None`),
//! - (c) validates against the exported envelope schema and, for a code the catalog lists,
//!   against the schema of its status's response, with a JSON Schema 2020-12 validator
//!   nobody here wrote (the `jsonschema` crate);
//!
//! and the code each carries is recovered from its HTTP status and body by the generated
//! `response_code`.

use std::path::Path;

use errcat::{astrada, awork, guizhan, mode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn workspace_file(path: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// A validator for `#/components/schemas/<name>` of the exported document `api`, or `None`
/// when the document has no such schema.
fn validator(document: &Value, name: &str) -> Option<jsonschema::Validator> {
    document["components"]["schemas"].get(name)?;
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{name}"),
        "components": document["components"],
    });
    Some(jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{name}: {e}")))
}

fn assert_valid(validator: &jsonschema::Validator, body: &Value, what: &str) {
    let problems: Vec<String> = validator
        .iter_errors(body)
        .map(|error| format!("at `{}`: {error}", error.instance_path()))
        .collect();
    assert!(
        problems.is_empty(),
        "{what}: {body} does not match:\n  {}",
        problems.join("\n  ")
    );
}

/// Whether `again` holds every member of `sent`, recursively; a `null` may be absent.
fn keeps_every_member(sent: &Value, again: Option<&Value>, path: &str, lost: &mut Vec<String>) {
    match (sent, again) {
        (Value::Null, None | Some(Value::Null)) => {}
        (Value::Object(members), Some(Value::Object(kept))) => {
            for (key, value) in members {
                keeps_every_member(value, kept.get(key), &format!("{path}.{key}"), lost);
            }
        }
        (Value::Array(items), Some(Value::Array(kept))) if items.len() == kept.len() => {
            for (index, (item, again)) in items.iter().zip(kept).enumerate() {
                keeps_every_member(item, Some(again), &format!("{path}[{index}]"), lost);
            }
        }
        (sent, Some(again)) if sent == again => {}
        (sent, again) => lost.push(format!("{path}: sent {sent}, re-encoded as {again:?}")),
    }
}

/// What `response_code` says: the known code's wire value and statuses, or unknown.
enum Recovered {
    Known(Value, &'static [u16]),
    Unknown,
}

/// Runs the corpus of `api` through (a)–(c) and the code recovery. `prefix` names the
/// per-status schemas (`<prefix><status>`), `envelope` the envelope schema.
fn check<E: DeserializeOwned + Serialize>(
    api: &str,
    envelope: &str,
    prefix: &str,
    recover: impl Fn(&E, u16) -> Option<Recovered>,
) {
    let corpus = workspace_file(&format!("tests/corpus/{api}.json"));
    let document = workspace_file(&format!("generated/openapi/{api}.json"));
    let envelope_schema = validator(&document, envelope).expect("the envelope schema");
    let cases = corpus["cases"].as_array().expect("cases");
    assert!(cases.len() >= 8, "{api}: a corpus of every shape");
    let mut unknown = 0;
    for case in cases {
        let name = format!("{api}: {}", case["name"].as_str().expect("a name"));
        let status = u16::try_from(case["status"].as_u64().expect("a status")).unwrap();
        let body = &case["body"];

        // (a)
        let decoded: E = serde_json::from_value(body.clone())
            .unwrap_or_else(|e| panic!("{name}: does not decode: {e}\n{body}"));
        // (b)
        let again = serde_json::to_value(&decoded).unwrap();
        let mut lost = Vec::new();
        keeps_every_member(body, Some(&again), "body", &mut lost);
        assert!(
            lost.is_empty(),
            "{name}: re-encoding lost\n  {}",
            lost.join("\n  ")
        );
        // A second round trip changes nothing more.
        let twice: E = serde_json::from_value(again.clone()).unwrap();
        assert_eq!(serde_json::to_value(&twice).unwrap(), again, "{name}");

        // (c) and the code.
        assert_valid(&envelope_schema, body, &format!("{name}, envelope schema"));
        let recovered = recover(&decoded, status)
            .unwrap_or_else(|| panic!("{name}: no code recovered from status {status}"));
        match (recovered, &case["code"]) {
            (Recovered::Unknown, Value::String(expected)) if expected == "unknown" => {
                unknown += 1;
            }
            (Recovered::Known(code, statuses), expected) => {
                assert_eq!(&code, expected, "{name}: the code recovered");
                assert!(
                    statuses.contains(&status),
                    "{name}: code {code} is not sent with {status} (catalog: {statuses:?})"
                );
                match validator(&document, &format!("{prefix}{status}")) {
                    Some(per_status) => {
                        assert_valid(&per_status, body, &format!("{name}, {prefix}{status}"));
                    }
                    // Success bodies have no error response.
                    None => assert!(status < 400, "{name}: no schema {prefix}{status}"),
                }
            }
            (Recovered::Unknown, expected) => panic!("{name}: expected {expected}, got unknown"),
        }
    }
    assert!(unknown > 0, "{api}: the corpus holds an unknown code");
}

#[test]
fn astrada_bodies() {
    use astrada::{AstradaCodeOrUnknown, AstradaProblem};
    check::<AstradaProblem>(
        "astrada",
        "AstradaProblem",
        "AstradaError",
        |body, status| {
            Some(match body.response_code(status)? {
                AstradaCodeOrUnknown::Known(code) => {
                    Recovered::Known(json!(code.code()), code.statuses())
                }
                AstradaCodeOrUnknown::Unknown(_) => Recovered::Unknown,
            })
        },
    );
}

#[test]
fn awork_bodies() {
    use awork::{AworkCodeOrUnknown, AworkError};
    check::<AworkError>("awork", "AworkError", "AworkError", |body, status| {
        Some(match body.response_code(status)? {
            AworkCodeOrUnknown::Known(code) => {
                Recovered::Known(json!(code.code()), code.statuses())
            }
            AworkCodeOrUnknown::Unknown(_) => Recovered::Unknown,
        })
    });
}

#[test]
fn guizhan_bodies() {
    use guizhan::{GuizhanCodeOrUnknown, GuizhanResponse};
    check::<GuizhanResponse>(
        "guizhan",
        "GuizhanResponse",
        "GuizhanError",
        |body, status| {
            Some(match body.response_code(status)? {
                GuizhanCodeOrUnknown::Known(code) => {
                    Recovered::Known(json!(code.code()), code.statuses())
                }
                GuizhanCodeOrUnknown::Unknown(_) => Recovered::Unknown,
            })
        },
    );
}

#[test]
fn mode_bodies() {
    use mode::{ModeCodeOrUnknown, ModeError};
    check::<ModeError>("mode", "ModeError", "ModeError", |body, status| {
        Some(match body.response_code(status)? {
            ModeCodeOrUnknown::Known(code) => Recovered::Known(json!(code.code()), code.statuses()),
            ModeCodeOrUnknown::Unknown(_) => Recovered::Unknown,
        })
    });
}

/// An open body sends back what it did not know, in place of nothing; a closed one drops it
/// but still decodes.
#[test]
fn open_bodies_relay_unknown_members_and_closed_ones_decode_leniently() {
    let body = json!({"id": "not_found", "message": "`Report` not found", "_links": {"self": {"href": "/r/1"}}});
    let decoded: mode::ModeError = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(decoded.unknown_members["_links"], body["_links"]);
    assert_eq!(serde_json::to_value(&decoded).unwrap(), body);

    let body = json!({
        "code": "not-found",
        "description": "d",
        "link": "https://developers.awork.com/#response-types",
        "surprise": true,
        "validationErrors": [{"property": "Name", "hint": "x"}]
    });
    let decoded: awork::AworkError = serde_json::from_value(body).unwrap();
    let again = serde_json::to_value(&decoded).unwrap();
    assert!(again.get("surprise").is_none(), "{again}");
    assert_eq!(again["validationErrors"], json!([{"property": "Name"}]));
}
