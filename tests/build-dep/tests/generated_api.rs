//! The generated API, exercised through catalogs that use every feature of the format.

use errcat_build_dep::ledger::{
    LedgerCode, LedgerCodeOrUnknown, LedgerGroup, LedgerProblem, Meta, UnknownLedgerCode,
};
use errcat_build_dep::shop::{Line, ShopCode, ShopCodeOrUnknown, ShopError, ShopGroup};
use serde_json::json;

#[test]
fn integer_codes_past_u32_use_i64() {
    let code: i64 = LedgerCode::Largest.code();
    assert_eq!(code, i64::MAX);
    assert_eq!(LedgerCode::from_code(-1), Some(LedgerCode::ClockSkew));
    assert_eq!(LedgerCode::from_code(i64::MIN), None);
    assert_eq!(LedgerCode::Largest.group(), LedgerGroup::Huge);
    assert_eq!(LedgerGroup::Negative.range(), -100..=-1);
    assert_eq!("-1".parse::<LedgerCode>(), Ok(LedgerCode::ClockSkew));
    let error: UnknownLedgerCode = "12".parse::<LedgerCode>().unwrap_err();
    assert_eq!(error.to_string(), "`12` is not a code of the Ledger API");
    assert_eq!(LedgerCode::try_from(1002), Ok(LedgerCode::AccountSuspended));
}

#[test]
fn templates_render_typed_params_in_template_order() {
    let body = LedgerProblem::account_not_found("acc-1", "eu", 3, true);
    assert_eq!(
        body.detail.as_deref(),
        Some("Account `acc-1` was not found in eu (attempt 3, strict: true)")
    );
    assert_eq!(body.title, "Account not found");
    assert_eq!(body.status, 404);
    assert_eq!(
        body.r#type.as_deref(),
        Some("https://ledger.example/problems/account-not-found")
    );
    assert_eq!(
        body.self_.as_deref(),
        Some("https://ledger.example/errors/account-not-found")
    );
}

#[test]
#[allow(deprecated)]
fn literal_braces_deprecation_and_aliases() {
    let body = LedgerProblem::account_frozen("acc-2");
    assert_eq!(body.detail.as_deref(), Some("Account {acc-2} is frozen"));
    assert_eq!(LedgerCode::AccountLocked, LedgerCode::AccountFrozen);
    assert_eq!(LedgerCode::Suspended, LedgerCode::AccountSuspended);
    // Codes without their own link get `docs_url#code`.
    assert_eq!(
        LedgerCode::AccountFrozen.link(),
        Some("https://ledger.example/errors#1001")
    );
    assert_eq!(LedgerCode::AccountFrozen.type_uri(), "about:blank");
}

#[test]
fn envelope_from_code_fills_bound_fields_only() {
    let body = LedgerProblem::from(LedgerCode::ClockSkew);
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({
            "type": "about:blank",
            "title": "Clock skew",
            "status": 503,
            "code": -1,
            "detail": "Clock skew",
            "self": "https://ledger.example/errors#-1",
        })
    );
}

#[test]
fn problems_nest_through_boxes_and_arrays() {
    let mut outer = LedgerProblem::from(LedgerCode::AccountSuspended);
    outer.cause = Some(Box::new(LedgerProblem::from(LedgerCode::ClockSkew)));
    outer.errors = Some(vec![LedgerProblem::from(LedgerCode::Ok)]);
    outer.meta = Some(
        Meta::default()
            .with_option("x")
            .with_tags(vec!["a".into()])
            .with_extra(json!({"k": [1, 2]})),
    );
    outer.amount = Some(12.5);
    outer.retryable = Some(false);
    let text = serde_json::to_string(&outer).unwrap();
    let back: LedgerProblem = serde_json::from_str(&text).unwrap();
    assert_eq!(back, outer);
    assert!(text.contains(r#""Option":"x""#), "{text}");
}

#[test]
fn unknown_codes_are_kept_raw() {
    let body: LedgerProblem =
        serde_json::from_str(r#"{"title": "t", "status": 599, "code": 77, "unknown": 1}"#).unwrap();
    assert_eq!(body.code, LedgerCodeOrUnknown::Unknown(77));
    assert_eq!(body.code.known(), None);
    let body: ShopError =
        serde_json::from_str(r#"{"error": "cart-new", "text": "t", "docs": "d"}"#).unwrap();
    assert_eq!(body.error, ShopCodeOrUnknown::Unknown("cart-new".into()));
    assert_eq!(body.error.code(), "cart-new");
    assert_eq!(
        serde_json::to_value(&body.error).unwrap(),
        json!("cart-new")
    );
}

#[test]
fn the_code_enum_alone_rejects_unknown_codes() {
    let error = serde_json::from_str::<LedgerCode>("77").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("`77` is not a code of the Ledger API"),
        "{error}"
    );
    assert_eq!(
        serde_json::from_str::<ShopCode>(r#""cart-empty""#).unwrap(),
        ShopCode::CartEmpty
    );
    assert!(serde_json::from_str::<ShopCode>("3").is_err());
}

#[test]
fn prelude_names_are_ordinary_variants_and_types() {
    assert_eq!(ShopCode::from_code("x-none"), Some(ShopCode::None));
    assert_eq!(ShopCode::Some.code(), "x-some");
    assert_eq!(ShopCode::Result.group(), ShopGroup::Misc);
    assert_eq!(ShopGroup::Cart.prefix(), "cart-");
    assert_eq!(
        ShopCode::None.message(),
        "Nothing at all: {} */ \\ ✓ 日本語"
    );
    assert_eq!(
        ShopCode::CartItemMissing.message(),
        "An item is \"missing\": it was removed"
    );
    assert_eq!(
        ShopCode::PaymentDeclined.description(),
        Some("The card issuer said no.\n\nTry another card.")
    );
}

#[test]
fn required_links_use_the_default_link() {
    let body = ShopError::from(ShopCode::CartEmpty);
    assert_eq!(body.docs, "https://shop.example/docs/errors");
    let line = Line::default()
        .with_sku("s")
        .with_quantity(2)
        .with_next(Box::new(Line::default()));
    let mut body = body;
    body.lines = Some(vec![line]);
    let back: ShopError = serde_json::from_str(&serde_json::to_string(&body).unwrap()).unwrap();
    assert_eq!(back, body);
}

#[test]
fn success_kind_and_status() {
    assert!(LedgerCode::Ok.is_success());
    assert!(!LedgerCode::ClockSkew.is_success());
    assert!(!ShopCode::CartEmpty.is_success());
    assert_eq!(ShopCode::PaymentDeclined.status(), 402);
}

#[test]
fn written_names_with_acronyms_are_kept() {
    use errcat_build_dep::acronyms::{
        HTTPPosition, SQLError, SQLStateCode, SQLStateCodeOrUnknown, SQLStateGroup,
        UnknownSQLStateCode,
    };
    assert_eq!(SQLStateCode::TRSerializationFailure.code(), "40001");
    assert_eq!(
        SQLStateCode::TRSerialization,
        SQLStateCode::TRSerializationFailure
    );
    assert_eq!(
        SQLStateCode::from_code("2F002"),
        Some(SQLStateCode::SREModifyingSqlDataNotPermitted)
    );
    assert_eq!(
        SQLStateCode::LEInvalidSpecification.group(),
        SQLStateGroup::LocatorException
    );
    assert_eq!(SQLStateCode::OK.status(), 200);
    assert_eq!(SQLStateCode::X86_64.code(), "0X866");
    let unknown: UnknownSQLStateCode = "99999".parse::<SQLStateCode>().unwrap_err();
    assert_eq!(
        unknown.to_string(),
        "`99999` is not a code of the SQL states"
    );
    let body = SQLError::tr_serialization_failure(7);
    assert_eq!(body.detail.as_deref(), Some("retry transaction 7"));
    assert_eq!(
        body.sqlstate,
        SQLStateCodeOrUnknown::Known(SQLStateCode::TRSerializationFailure)
    );
    let body = SQLError::le_invalid_specification("alice")
        .with_position(HTTPPosition::default().with_line(3));
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({
            "sqlstate": "0L000",
            "message": "invalid grantor",
            "detail": "grantor alice",
            "position": { "line": 3 }
        })
    );
}

#[test]
fn a_catalog_of_name_and_codes_is_complete() {
    use errcat_build_dep::minimal::{MinimalCode, MinimalCodeOrUnknown, MinimalError};
    // `code_type` read from the codes: integers.
    let code: u32 = MinimalCode::TooManyRequests.code();
    assert_eq!(code, 2);
    assert_eq!(MinimalCode::from_code(1), Some(MinimalCode::NotFound));
    assert_eq!(MinimalCode::NotFound.status(), 404);
    // The title, `Minimal API`, names the API in messages.
    assert_eq!(
        "7".parse::<MinimalCode>().unwrap_err().to_string(),
        "`7` is not a code of the Minimal API"
    );
    // The envelope: `{code, message}`, both bound from the code.
    let body = MinimalError::from(MinimalCode::NotFound);
    assert_eq!(
        body.code,
        MinimalCodeOrUnknown::Known(MinimalCode::NotFound)
    );
    assert_eq!(body.message, "Not found");
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({ "code": 1, "message": "Not found" })
    );
    let decoded: MinimalError =
        serde_json::from_value(json!({ "code": 99, "message": "new" })).unwrap();
    assert_eq!(decoded.code, MinimalCodeOrUnknown::Unknown(99));
}

#[test]
fn the_wire_model_keys_reach_the_generated_api() {
    use errcat_build_dep::wire::{Hint, WireCode, WireCodeOrUnknown, WireProblem};

    // The status line carries the code; a body that says it again wins.
    let bare: WireProblem = serde_json::from_value(json!({"title": "Locked", "until": 5})).unwrap();
    assert_eq!(
        bare.response_code(423),
        Some(WireCodeOrUnknown::Known(WireCode::Locked))
    );
    assert_eq!(
        bare.response_code(418),
        Some(WireCodeOrUnknown::Unknown(418))
    );
    let told: WireProblem = serde_json::from_value(json!({"status": 404, "title": "t"})).unwrap();
    assert_eq!(
        told.response_code(500),
        Some(WireCodeOrUnknown::Known(WireCode::NotFound))
    );

    // Several statuses, the first the default.
    assert_eq!(WireCode::Ok.statuses(), &[200, 201]);
    assert_eq!(WireCode::Ok.status(), 200);

    // A required nullable field is sent as `null` when `None`; an optional one is left out.
    let body = serde_json::to_value(WireProblem::from(WireCode::Ok)).unwrap();
    assert_eq!(body["detail"], json!("OK"));
    let mut none = WireProblem::from(WireCode::Ok);
    none.detail = None;
    let sent = serde_json::to_value(&none).unwrap();
    assert_eq!(sent["detail"], json!(null));
    assert!(sent.get("trace").is_none(), "{sent}");

    // Values fixed per code fill `From<Code>`.
    let found = WireProblem::from(WireCode::NotFound);
    assert_eq!(found.trace.as_deref(), Some("none"));

    // A code with a required field of its own gets a constructor that takes it, after the
    // template's params.
    let conflict = WireProblem::conflict(7, "ann", "HELD");
    assert_eq!(conflict.detail.as_deref(), Some("Order 7 is held by ann"));
    assert_eq!(conflict.current_value.as_deref(), Some("HELD"));
    assert_eq!(conflict.requested_value, None);
    let locked = WireProblem::locked(30);
    assert_eq!(locked.until, Some(30));

    // The open body keeps what it does not know; the closed `Hint` drops it, still decoding.
    let relayed = json!({
        "title": "Locked",
        "until": 1,
        "hints": [{"text": null, "extra": true}],
        "vendor": {"id": 1}
    });
    let decoded: WireProblem = serde_json::from_value(relayed).unwrap();
    assert_eq!(decoded.unknown_members["vendor"], json!({"id": 1}));
    let hints: &Vec<Hint> = decoded.hints.as_ref().unwrap();
    assert_eq!(hints[0].text, None);
    let again = serde_json::to_value(&decoded).unwrap();
    assert_eq!(again["vendor"], json!({"id": 1}));
    assert_eq!(again["hints"], json!([{"text": null}]));
}
