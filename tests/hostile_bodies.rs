//! Wire bodies from a server that does not follow the catalog, or from an attacker: decoding
//! them never panics and never overflows the stack. Codes the catalog does not know are kept
//! raw; everything else malformed is an error.

use errcat::astrada::{AstradaCode, AstradaCodeOrUnknown, AstradaProblem};
use errcat::awork::{AworkCode, AworkCodeOrUnknown, AworkError};
use errcat::guizhan::{GuizhanCode, GuizhanCodeOrUnknown, GuizhanResponse};
use errcat::mode::{ModeCodeOrUnknown, ModeError};
use serde::de::DeserializeOwned;

fn decode<T: DeserializeOwned>(json: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str(json)
}

/// Decodes `json` into `T` and back: whatever decodes must encode to an equal value.
fn stable<T>(json: &str) -> Option<T>
where
    T: DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
{
    let value: T = decode(json).ok()?;
    let again: T = decode(&serde_json::to_string(&value).unwrap()).unwrap();
    assert_eq!(again, value, "{json}");
    Some(value)
}

#[test]
fn unknown_codes_are_kept_raw_and_sent_back_unchanged() {
    let body: ModeError = decode(r#"{"id": "teapot", "message": "short and stout"}"#).unwrap();
    assert_eq!(body.id, ModeCodeOrUnknown::Unknown("teapot".into()));
    assert_eq!(body.id.code(), "teapot");
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"id":"teapot","message":"short and stout"}"#
    );

    let body: GuizhanResponse = decode(r#"{"code": 4294967295, "message": "m"}"#).unwrap();
    assert_eq!(body.code, GuizhanCodeOrUnknown::Unknown(u32::MAX));

    let body: AstradaProblem = decode(r#"{"status": 418, "title": "t", "detail": "d"}"#).unwrap();
    assert_eq!(body.status, Some(AstradaCodeOrUnknown::Unknown(418)));

    let body: AworkError =
        decode(r#"{"code": "brand-new-slug", "description": "é \u0000 😀", "link": "l"}"#).unwrap();
    assert_eq!(
        body.code,
        AworkCodeOrUnknown::Unknown("brand-new-slug".into())
    );
    assert_eq!(body.description, "é \0 😀");

    // The strict code types refuse what the catalog does not know, with the value.
    let error = decode::<GuizhanCode>("7777").unwrap_err();
    assert!(
        error.to_string().contains("`7777` is not a code"),
        "{error}"
    );
    assert!(decode::<AworkCode>(r#""brand-new-slug""#).is_err());
}

#[test]
fn wrong_types_are_errors() {
    for json in [
        r#"{"code": "5000", "message": "a string code"}"#,
        r#"{"code": 5000.0, "message": "a float code"}"#,
        r#"{"code": true, "message": "a boolean code"}"#,
        r#"{"code": null, "message": "a null code"}"#,
        r#"{"code": [5000], "message": "an array code"}"#,
        r#"{"code": 5000, "message": {"text": "an object message"}}"#,
        r#"{"code": 5000, "message": "m", "pagination": "not an object"}"#,
        r#"{"code": 5000, "message": "m", "pagination": {"page_size": "1", "page": 1}}"#,
        r#""5000""#,
        "5000",
        "null",
        "",
        "{",
        r#"{"code": 5000, "message": "\ud800"}"#,
    ] {
        assert!(decode::<GuizhanResponse>(json).is_err(), "{json}");
    }
    // An open body keeps its unknown members in a flattened map, so it reads only from an
    // object: the list of its members in order, which serde takes for a closed one, is refused.
    assert!(decode::<GuizhanResponse>(r#"[5000, "m"]"#).is_err());
    let listed: AworkError = decode(r#"["validation-failed", "d", "l"]"#).unwrap();
    assert_eq!(listed.code.known(), Some(AworkCode::ValidationFailed));
    for json in [
        r#"{"id": 400, "message": "m"}"#,
        r#"{"id": ["bad_request"], "message": "m"}"#,
        r#"{"id": "bad_request", "message": 1}"#,
    ] {
        assert!(decode::<ModeError>(json).is_err(), "{json}");
    }
    assert!(decode::<AstradaProblem>(r#"{"title": "t", "detail": "d", "errors": {}}"#).is_err());
    assert!(decode::<AworkError>(r#"{"code": "x", "description": "d", "details": [1]}"#).is_err());
}

#[test]
fn numbers_past_the_wire_type_are_errors() {
    for code in [
        "4294967296",
        "-1",
        "18446744073709551616",
        "99999999999999999999999999999999999999999",
        "1e400",
        "-0.0",
    ] {
        let json = format!(r#"{{"code": {code}, "message": "m"}}"#);
        assert!(decode::<GuizhanResponse>(&json).is_err(), "{json}");
    }
    let json = r#"{"code": 0, "message": "m", "pagination": {"page_size": 9223372036854775808, "page": 1}}"#;
    assert!(decode::<GuizhanResponse>(json).is_err());
    // `data` holds any JSON: large numbers are read as floats, or refused; never a panic.
    let json = r#"{"code": 0, "message": "m", "data": [1e308, -1e308, 18446744073709551616]}"#;
    let body: GuizhanResponse = decode(json).unwrap();
    assert_eq!(
        body.data.unwrap()[2],
        serde_json::json!(18446744073709551616.0)
    );
    assert!(decode::<GuizhanResponse>(r#"{"code": 0, "message": "m", "data": 1e400}"#).is_err());
}

/// Problems nesting problems `depth` deep.
fn nested_problems(depth: usize) -> String {
    let open = r#"{"title": "t", "detail": "d", "errors": ["#;
    format!(
        "{}{{\"title\": \"leaf\", \"detail\": \"d\"}}{}",
        open.repeat(depth),
        "]}".repeat(depth)
    )
}

#[test]
fn deep_nesting_is_refused_before_the_stack_runs_out() {
    // serde_json stops at 128 levels; each problem takes two (the object and `errors`).
    // Below the first level the problems are members the catalog does not know (`errors`
    // items are `{title, detail}`), kept as JSON in `unknown_members`.
    let problem: AstradaProblem = decode(&nested_problems(60)).unwrap();
    let mut depth = 1;
    let mut current = serde_json::to_value(&problem.errors.unwrap()[0]).unwrap();
    while let Some(inner) = current.get("errors").and_then(|errors| errors.get(0)) {
        depth += 1;
        current = inner.clone();
    }
    assert_eq!((depth, current["title"].as_str()), (60, Some("leaf")));

    for depth in [64, 10_000, 1_000_000] {
        let error = decode::<AstradaProblem>(&nested_problems(depth)).unwrap_err();
        assert!(
            error.to_string().starts_with("recursion limit exceeded"),
            "{error}"
        );
    }
    let deep_data = format!(
        r#"{{"code": 0, "message": "m", "data": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let error = decode::<GuizhanResponse>(&deep_data).unwrap_err();
    assert!(
        error.to_string().starts_with("recursion limit exceeded"),
        "{error}"
    );
}

#[test]
fn missing_and_extra_fields() {
    // Unknown members are ignored, absent optional ones are `None`.
    let body: AworkError = decode(
        r#"{"code": "validation-failed", "description": "d", "link": "l", "extra": {"deep": [1, 2]}, "validationErrors": [{"property": "p", "message": "m", "also": null}]}"#,
    )
    .unwrap();
    assert_eq!(body.code.known(), Some(AworkCode::ValidationFailed));
    assert_eq!(body.link, "l");
    assert_eq!(body.trace_id, None);
    assert_eq!(
        body.validation_errors.unwrap()[0].property.as_deref(),
        Some("p")
    );
    // Required members must be there, once.
    assert!(decode::<AworkError>(r#"{"code": "validation-failed"}"#).is_err());
    assert!(decode::<AworkError>(r#"{"code": "validation-failed", "description": "d"}"#).is_err());
    assert!(decode::<ModeError>(r#"{"message": "m"}"#).is_err());
    assert!(decode::<ModeError>(r#"{"id": "bad_request", "id": "x", "message": "m"}"#).is_err());
    assert!(
        decode::<GuizhanResponse>(r#"{"code": 0, "message": "m", "pagination": {"page": 1}}"#)
            .is_err()
    );
    // `null` for an optional member is its absence.
    let body: AstradaProblem =
        decode(r#"{"title": "t", "detail": "d", "status": null, "errors": null}"#).unwrap();
    assert_eq!((body.status, body.errors), (None, None));
    let known: AstradaProblem = decode(r#"{"title": "t", "detail": "d", "status": 404}"#).unwrap();
    assert_eq!(
        known.status.and_then(|s| s.known()),
        Some(AstradaCode::NotFound)
    );
}

/// SplitMix64, for reproducible mutations.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

/// Valid bodies with bytes replaced, inserted and removed: whatever still decodes encodes
/// back to an equal value, and nothing panics.
#[test]
fn mutated_bodies_decode_or_fail_cleanly() {
    let bodies = [
        serde_json::to_string(&ModeError::from(errcat::mode::ModeCode::NotFound)).unwrap(),
        serde_json::to_string(&GuizhanResponse::from(GuizhanCode::ProjectNotFound)).unwrap(),
        nested_problems(3),
        r#"{"code":"validation-failed","description":"d","link":"l","space":"s","details":["a"],"validationErrors":[{"property":"p","message":"m"}]}"#.to_owned(),
        r#"{"code":5000,"message":"m","data":{"a":[1,2.5,null,true,"x"]},"pagination":{"page_size":10,"page":1,"total_items":3}}"#.to_owned(),
    ];
    const BYTES: &[u8] = b"{}[]\",:0123456789-+.eEtrufalsn \\u\xff";
    let mut rng = Rng(0x4b0d);
    let mut decoded = 0;
    for _ in 0..20_000 {
        let mut bytes = bodies[rng.below(bodies.len())].clone().into_bytes();
        for _ in 0..=rng.below(3) {
            let at = rng.below(bytes.len());
            match rng.below(3) {
                0 => bytes[at] = BYTES[rng.below(BYTES.len())],
                1 => bytes.insert(at, BYTES[rng.below(BYTES.len())]),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        let Ok(json) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let results = [
            stable::<ModeError>(json).is_some(),
            stable::<GuizhanResponse>(json).is_some(),
            stable::<AstradaProblem>(json).is_some(),
            stable::<AworkError>(json).is_some(),
        ];
        decoded += results.iter().filter(|&&ok| ok).count();
    }
    assert!(decoded > 1_000, "only {decoded} mutated bodies decoded");
}

#[test]
fn nulls_and_unknown_members_from_a_hostile_server() {
    // `null` where the catalog allows it is `None`; where it does not, an error.
    let body: AworkError = decode(
        r#"{"code": "not-found", "description": "d", "link": "l", "details": null, "validationErrors": [{"property": null, "message": null}], "traceId": null}"#,
    )
    .unwrap();
    assert_eq!((body.details, body.trace_id), (None, None));
    assert!(
        decode::<AworkError>(r#"{"code": "not-found", "description": null, "link": "l"}"#).is_err()
    );
    assert!(decode::<AworkError>(r#"{"code": null, "description": "d", "link": "l"}"#).is_err());
    assert!(decode::<ModeError>(r#"{"id": "not_found", "message": null}"#).is_err());

    // Unknown members of an open body are kept whatever they hold, within serde_json's
    // limits: too deep or too large a value is refused like anywhere else in the body.
    let kept: ModeError = decode(
        r#"{"id": "x", "message": "m", "": 1, "id2": [null, {"a": -0.0}], "\u0000": "\ud83d\ude00"}"#,
    )
    .unwrap();
    assert_eq!(kept.unknown_members.len(), 3);
    let again: ModeError = decode(&serde_json::to_string(&kept).unwrap()).unwrap();
    assert_eq!(again, kept);
    let deep = format!(
        r#"{{"id": "x", "message": "m", "extra": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let error = decode::<ModeError>(&deep).unwrap_err();
    assert!(
        error.to_string().starts_with("recursion limit exceeded"),
        "{error}"
    );
    assert!(decode::<ModeError>(r#"{"id": "x", "message": "m", "n": 1e400}"#).is_err());
    // A member the catalog knows is never taken for an unknown one, even repeated.
    assert!(decode::<ModeError>(r#"{"id": "x", "message": "m", "message": "n"}"#).is_err());
}
