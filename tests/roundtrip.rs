//! Every code of every bundled catalog, checked against the catalog's own rows: code →
//! variant → code, status, message, description, Display, FromStr, serde of the code and of
//! its envelope. The rows are read from the YAML directly, not through the generator, so a
//! generator that mangled a row would fail here.

use serde_yaml::Value;

/// One `codes:` entry, as written in the catalog.
struct Row {
    code: Value,
    message: String,
    status: u16,
    success: bool,
    description: Option<String>,
}

fn rows(catalog: &str) -> Vec<Row> {
    let path = format!("{}/catalog/{catalog}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let document: Value = serde_yaml::from_str(&text).unwrap();
    document["codes"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|entry| Row {
            code: entry["code"].clone(),
            message: entry["message"].as_str().unwrap().to_owned(),
            // `status: 404`, or `status: [200, 201]` with the default first.
            status: u16::try_from(
                entry["status"]
                    .as_u64()
                    .or_else(|| entry["status"][0].as_u64())
                    .unwrap(),
            )
            .unwrap(),
            success: entry.get("kind").and_then(Value::as_str) == Some("success"),
            description: entry
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_owned),
        })
        .collect()
}

/// Checks every row of `$catalog` against the generated `$code` enum and `$envelope` body,
/// whose code field is `$field`.
macro_rules! round_trip {
    ($test:ident, $catalog:literal, $module:ident :: $code:ident, $envelope:ident . $field:ident, $wire:ident) => {
        #[test]
        fn $test() {
            use errcat::$module::{$code, $envelope};
            let rows = rows($catalog);
            assert_eq!($code::ALL.len(), rows.len(), "one variant per code");
            for (row, &variant) in rows.iter().zip($code::ALL) {
                let wire = round_trip!(@wire $wire, row.code);
                let code = $code::from_code(wire).unwrap_or_else(|| panic!("{wire:?} is not generated"));
                assert_eq!(code, variant, "ALL is in catalog order");
                assert_eq!(code.code(), wire);
                assert_eq!(code.status(), row.status, "{wire:?}");
                assert_eq!(code.message(), row.message, "{wire:?}");
                assert_eq!(code.to_string(), row.message, "{wire:?}");
                assert_eq!(code.description(), row.description.as_deref(), "{wire:?}");
                assert_eq!(code.is_success(), row.success, "{wire:?}");
                assert_eq!(wire.to_string().parse::<$code>(), Ok(code));

                let json = serde_json::to_value(code).unwrap();
                assert_eq!(json, serde_json::json!(wire));
                assert_eq!(serde_json::from_value::<$code>(json.clone()).unwrap(), code);

                let body = $envelope::from(code);
                let encoded = serde_json::to_value(&body).unwrap();
                assert_eq!(encoded[stringify!($field)], json, "the envelope carries the code");
                let decoded: $envelope = serde_json::from_value(encoded).unwrap();
                assert_eq!(decoded, body);
            }
        }
    };
    (@wire int, $value:expr) => {
        u32::try_from($value.as_u64().unwrap()).unwrap()
    };
    (@wire str, $value:expr) => {
        $value.as_str().unwrap()
    };
}

round_trip!(mode, "mode", mode::ModeCode, ModeError.id, str);
round_trip!(
    guizhan,
    "guizhan",
    guizhan::GuizhanCode,
    GuizhanResponse.code,
    int
);
round_trip!(
    astrada,
    "astrada",
    astrada::AstradaCode,
    AstradaProblem.status,
    int
);
round_trip!(awork, "awork", awork::AworkCode, AworkError.code, str);

#[test]
fn catalogs_hold_every_documented_code() {
    assert_eq!(errcat::mode::ModeCode::ALL.len(), 5);
    assert_eq!(errcat::guizhan::GuizhanCode::ALL.len(), 43);
    assert_eq!(errcat::astrada::AstradaCode::ALL.len(), 16);
    assert_eq!(errcat::awork::AworkCode::ALL.len(), 22);
}

#[test]
fn wire_bodies_match_the_documents() {
    use errcat::astrada::{AstradaCode, AstradaProblem};
    use errcat::awork::{AworkCode, AworkError};
    use errcat::guizhan::{GuizhanCode, GuizhanResponse};
    use errcat::mode::{ModeCode, ModeError};
    use serde_json::json;

    assert_eq!(
        serde_json::to_value(ModeError::from(ModeCode::NotFound)).unwrap(),
        json!({"id": "not_found", "message": "Not Found"})
    );
    assert_eq!(
        serde_json::to_value(GuizhanResponse::from(GuizhanCode::Success)).unwrap(),
        json!({"code": 0, "message": "OK"})
    );
    let problem =
        serde_json::to_value(AstradaProblem::from(AstradaCode::UnprocessableEntity)).unwrap();
    assert_eq!(problem["status"], 422);
    assert_eq!(problem["title"], "Unprocessable Entity");
    assert_eq!(problem["type"], "about:blank");
    // The awork document's own example body decodes, validation errors and all.
    let example = r#"{
        "code": "validation-failed",
        "description": "The model sent in the request is invalid. See the validation errors for details.",
        "link": "https://developers.awork.io/#response-types",
        "space": "On Venus a day is longer than a year.",
        "details": ["Some more details about the error can go here.", "Or here."],
        "validationErrors": [{"property": "Name", "message": "'Name' should not be empty."}]
    }"#;
    let body: AworkError = serde_json::from_str(example).unwrap();
    assert_eq!(body.code.known(), Some(AworkCode::ValidationFailed));
    assert_eq!(
        body.validation_errors.as_ref().unwrap()[0]
            .property
            .as_deref(),
        Some("Name")
    );
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        serde_json::from_str::<serde_json::Value>(example).unwrap()
    );
}

/// The translations of `catalog`, as written: each declared locale's tag and, per code in
/// catalog order, its message in that locale (`None` where the code has none).
fn translations(catalog: &str) -> Vec<(String, Vec<Option<String>>)> {
    let path = format!("{}/catalog/{catalog}.yaml", env!("CARGO_MANIFEST_DIR"));
    let document: Value = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let codes = document["codes"].as_sequence().unwrap();
    document["locales"]["declared"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|tag| {
            let tag = tag.as_str().unwrap().to_owned();
            let messages = codes
                .iter()
                .map(|code| {
                    code.get("translations")
                        .and_then(|t| t.get(tag.as_str()))
                        .map(|t| t["message"].as_str().unwrap().to_owned())
                })
                .collect();
            (tag, messages)
        })
        .collect()
}

/// Every translation of `$catalog` through the generated code: the locale from its tag and
/// back, `message_in`, and the body `from_code_in` sends, serialized and decoded again.
macro_rules! translations_round_trip {
    ($test:ident, $catalog:literal, $module:ident :: $code:ident, $locale:ident, $envelope:ident . $field:ident) => {
        #[test]
        fn $test() {
            use errcat::$module::{$code, $envelope, $locale};
            let declared = translations($catalog);
            assert!(!declared.is_empty(), "the catalog declares locales");
            assert_eq!($locale::ALL.len(), declared.len() + 1);
            assert_eq!($locale::ALL[0], $locale::DEFAULT);
            for &code in $code::ALL {
                assert_eq!(code.message_in($locale::DEFAULT), code.message());
            }
            for ((tag, messages), &locale) in declared.iter().zip(&$locale::ALL[1..]) {
                assert_eq!(locale.tag(), tag);
                assert_eq!(tag.parse::<$locale>(), Ok(locale));
                assert_eq!($locale::from_tag(&tag.to_uppercase()), Some(locale));
                assert_eq!($locale::negotiate(&format!("xx;q=1, {tag};q=0.9")), locale);
                assert_eq!(messages.len(), $code::ALL.len());
                for (message, &code) in messages.iter().zip($code::ALL) {
                    let message = message
                        .as_deref()
                        .unwrap_or_else(|| panic!("{code:?} has no {tag} translation"));
                    assert_eq!(code.message_in(locale), message, "{code:?} in {tag}");
                    let body = $envelope::from_code_in(code, locale);
                    let encoded = serde_json::to_value(&body).unwrap();
                    assert_eq!(encoded[stringify!($field)], message, "{code:?} in {tag}");
                    let decoded: $envelope = serde_json::from_value(encoded).unwrap();
                    assert_eq!(decoded, body);
                }
            }
        }
    };
}

translations_round_trip!(
    guizhan_in_chinese,
    "guizhan",
    guizhan::GuizhanCode,
    GuizhanLocale,
    GuizhanResponse.message
);
translations_round_trip!(
    awork_in_german,
    "awork",
    awork::AworkCode,
    AworkLocale,
    AworkError.description
);

#[test]
fn chinese_tags_and_headers_find_simplified_chinese() {
    use errcat::guizhan::GuizhanLocale;
    for tag in ["zh-CN", "zh-cn", "zh_CN", "zh-Hans-CN", "zh-Hans", "zh"] {
        assert_eq!(
            GuizhanLocale::from_tag(tag),
            Some(GuizhanLocale::ZhCn),
            "{tag}"
        );
    }
    // Traditional Chinese of Taiwan is not offered Simplified Chinese by its tag.
    assert_eq!(GuizhanLocale::from_tag("zh-TW"), None);
    assert_eq!(GuizhanLocale::from_tag("zh-Hant-TW"), None);
    for (header, locale) in [
        ("zh-CN,zh;q=0.9,en;q=0.8", GuizhanLocale::ZhCn),
        ("zh-Hans-CN,zh-Hans;q=0.9", GuizhanLocale::ZhCn),
        ("zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7", GuizhanLocale::ZhCn),
        ("zh-TW,en;q=0.8", GuizhanLocale::En),
        ("en-US,en;q=0.9,zh-CN;q=0.8", GuizhanLocale::En),
        ("zh;q=0, *", GuizhanLocale::En),
        ("en;q=0, *", GuizhanLocale::ZhCn),
    ] {
        assert_eq!(GuizhanLocale::negotiate(header), locale, "{header}");
    }
}
