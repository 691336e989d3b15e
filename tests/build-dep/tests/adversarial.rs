//! Catalogs built to be hard to generate code for (keywords and std names everywhere, integer
//! limits, text full of quotes, escapes, comment markers, braces, line breaks, control and
//! bidirectional characters, a byte order mark and CR LF line ends) compile, and give back
//! exactly the text and values their YAML holds, directly and through serde.

#![allow(deprecated)] // The catalogs deprecate codes; their variants are used here all the same.

use errcat_build_dep::{edges_i64, edges_u32, names, text};
use serde_yaml::Value;

/// A catalog of `catalogs/`, as YAML reads it.
fn catalog(name: &str) -> Value {
    let path = format!("{}/catalogs/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(source.trim_start_matches('\u{feff}')).unwrap()
}

/// The entries of `codes`, in order.
fn entries(catalog: &Value) -> &[Value] {
    catalog["codes"].as_sequence().unwrap()
}

fn text_of<'a>(entry: &'a Value, key: &str) -> Option<&'a str> {
    entry
        .get(key)
        .map(|value| value.as_str().expect("a string"))
}

/// The YAML code of an entry as JSON, the way the generated serde writes it.
fn wire(entry: &Value) -> serde_json::Value {
    match &entry["code"] {
        Value::String(slug) => slug.as_str().into(),
        Value::Number(number) => serde_json::to_value(number.as_i64().unwrap()).unwrap(),
        other => panic!("unexpected code {other:?}"),
    }
}

/// Checks every code of a generated enum against its catalog entry: message, description,
/// status, Display, the wire value, and serde both ways.
macro_rules! codes_round_trip {
    ($code:ty, $catalog:expr) => {{
        let catalog = $catalog;
        let entries = entries(&catalog);
        assert_eq!(<$code>::ALL.len(), entries.len());
        for (code, entry) in <$code>::ALL.iter().zip(entries) {
            assert_eq!(code.message(), text_of(entry, "message").unwrap());
            assert_eq!(code.to_string(), code.message());
            assert_eq!(code.description(), text_of(entry, "description"));
            assert_eq!(u64::from(code.status()), entry["status"].as_u64().unwrap());
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, wire(entry), "{code:?}");
            assert_eq!(serde_json::from_value::<$code>(json).unwrap(), *code);
            assert_eq!(<$code>::from_code(code.code()), Some(*code));
        }
    }};
}

#[test]
fn names_keep_their_text_on_the_wire() {
    codes_round_trip!(names::Result, catalog("names"));
    assert_eq!(names::Result::from_code("self"), Some(names::Result::Self_));
    assert_eq!(names::Result::Self_.code(), "self");
    assert_eq!("type".parse::<names::Result>(), Ok(names::Result::Type));
    assert_eq!(names::Result::Vec, names::Result::Option);
    let unknown = "Self".parse::<names::Result>().unwrap_err();
    assert_eq!(unknown.to_string(), "`Self` is not a code of the Names API");
}

#[test]
fn keyword_fields_serialize_under_their_wire_names() {
    let body = names::Option::from(names::Result::None);
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "type": "None",
            "self": "None",
            "crate": "None",
            "super": "https://names.example/errors#None",
            "async": 404,
        })
    );
    assert_eq!(serde_json::from_value::<names::Option>(json).unwrap(), body);

    let nested = serde_json::json!({
        "type": "not-in-the-catalog",
        "self": "m",
        "None": { "Some": "s", "Default": true },
        "Ok": [{ "type": "Ok", "self": "Ok" }],
        "r#type": { "Self": { "type": "Err", "self": "Err" } },
        "f": { "any": ["json"] },
    });
    let body: names::Option = serde_json::from_value(nested.clone()).unwrap();
    assert_eq!(
        body.r#type,
        names::ResultOrUnknown::Unknown("not-in-the-catalog".into())
    );
    assert_eq!(body.none.as_ref().unwrap().some, "s");
    assert_eq!(
        body.ok.as_ref().unwrap()[0].r#type.known(),
        Some(names::Result::Ok)
    );
    let inner = body.r_type.as_ref().unwrap().self_.as_ref().unwrap();
    assert_eq!(inner.r#type.known(), Some(names::Result::Err));
    assert_eq!(serde_json::to_value(&body).unwrap(), nested);
}

#[test]
fn keyword_params_fill_templates() {
    let body = names::Option::some("t", "s", 3, "b", true, "c");
    assert_eq!(
        body.crate_.as_deref(),
        Some("type=t self=s crate=3 body=b f=true code=c")
    );
    assert_eq!(body.r#type.known(), Some(names::Result::Some));
    assert_eq!(names::Option::known("{x}").crate_.as_deref(), Some("{x}"));
}

#[test]
fn integer_codes_at_the_limits() {
    codes_round_trip!(edges_i64::EdgesI64Code, catalog("edges_i64"));
    codes_round_trip!(edges_u32::EdgesU32Code, catalog("edges_u32"));
    use edges_i64::{EdgesI64Code as I64, EdgesI64Group};
    let min: i64 = I64::Min.code();
    assert_eq!((min, I64::Max.code()), (i64::MIN, i64::MAX));
    assert_eq!(
        (I64::U32Max.code(), I64::PastU32.code()),
        (4_294_967_295, 4_294_967_296)
    );
    assert_eq!(i64::MIN.to_string().parse::<I64>(), Ok(I64::Min));
    assert_eq!(I64::try_from(-1), Ok(I64::MinusOne));
    assert_eq!(EdgesI64Group::Negative.range(), i64::MIN..=-1);
    assert_eq!(I64::Max.group(), EdgesI64Group::Large);
    let max: u32 = edges_u32::EdgesU32Code::Max.code();
    assert_eq!(max, u32::MAX);
    assert_eq!(u32::from(edges_u32::EdgesU32Code::Zero), 0);
}

#[test]
fn text_comes_back_exactly() {
    let catalog = catalog("text");
    codes_round_trip!(text::TextCode, catalog.clone());
    let title = catalog["title"].as_str().unwrap();
    assert_eq!(title, "Text {API} \"quoted\" */ 文本");
    let unknown = "99".parse::<text::TextCode>().unwrap_err();
    assert_eq!(
        unknown.to_string(),
        format!("`99` is not a code of the {title}")
    );
    assert_eq!(text::TextCode::Newlines.message(), "first\nsecond\n");
    assert_eq!(
        text::TextCode::Controls.message(),
        "nul \0 bell \x07 escape \x1b del \x7f carriage\rreturn"
    );
    assert_eq!(
        text::TextCode::Emoji.link(),
        Some("https://text.example/😀")
    );
    assert_eq!(text::TextCode::Cjk.type_uri(), "urn:文本:未找到");
    assert_eq!(text::TextCode::Empty.message(), "");
}

#[test]
fn text_survives_serde_and_templates() {
    for code in text::TextCode::ALL {
        let body = text::TextError::from(*code);
        assert_eq!(body.message, code.message());
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(
            serde_json::from_str::<text::TextError>(&json).unwrap(),
            body
        );
    }
    let body = text::TextError::braces("a\"b\\c");
    assert_eq!(
        body.detail.as_deref(),
        Some("Literal {braces} around a\"b\\c, \"quoted\" \\ backslash */")
    );
}
