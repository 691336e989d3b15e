//! Retired codes leave the generated enum, and bodies carrying them still decode.

use errcat_build_dep::depot::{DepotCode, DepotCodeOrUnknown, DepotError};

#[test]
fn retired_codes_are_not_variants() {
    assert_eq!(
        DepotCode::ALL,
        &[DepotCode::ItemNotFound, DepotCode::ItemAlreadyReserved]
    );
    assert_eq!(DepotCode::from_code(101), None);
    assert_eq!(DepotCode::from_code(900), None);
    assert!("101".parse::<DepotCode>().is_err());
    assert_eq!(
        DepotCode::from_code(102),
        Some(DepotCode::ItemAlreadyReserved)
    );
}

#[test]
fn a_body_with_a_retired_code_decodes_as_unknown() {
    let body: DepotError =
        serde_json::from_str(r#"{"code": 101, "message": "Item taken"}"#).unwrap();
    assert_eq!(body.code, DepotCodeOrUnknown::Unknown(101));
    assert_eq!(body.message, "Item taken");
    let body: DepotError = serde_json::from_str(r#"{"code": 102, "message": "x"}"#).unwrap();
    assert_eq!(
        body.code,
        DepotCodeOrUnknown::Known(DepotCode::ItemAlreadyReserved)
    );
}
