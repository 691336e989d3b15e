//! `http_status()` agrees with `status()` for every code, and a body's status follows its
//! fields: the `from: status` field when set, else its code, else 500.

use errcat_with_http::{astrada, awork, depot, guizhan, ledger, mode, shop};
use http::StatusCode;

#[test]
fn every_code_maps_to_its_status() {
    macro_rules! check {
        ($($code:ty),*) => {$(
            for code in <$code>::ALL {
                assert_eq!(code.http_status().as_u16(), code.status(), "{code:?}");
            }
        )*};
    }
    check!(
        mode::ModeCode,
        guizhan::GuizhanCode,
        astrada::AstradaCode,
        awork::AworkCode,
        ledger::LedgerCode,
        shop::ShopCode,
        depot::DepotCode
    );
}

#[test]
fn a_body_takes_the_status_of_its_code() {
    let body = guizhan::GuizhanResponse::from(guizhan::GuizhanCode::ProjectNotFound);
    assert_eq!(body.http_status(), StatusCode::NOT_FOUND);
    let body = shop::ShopError::from(shop::ShopCode::PaymentDeclined);
    assert_eq!(body.http_status(), StatusCode::PAYMENT_REQUIRED);
}

#[test]
fn a_body_with_an_unknown_code_is_a_server_error() {
    let body: guizhan::GuizhanResponse =
        serde_json::from_str(r#"{"code": 7777, "message": "new"}"#).unwrap();
    assert_eq!(body.http_status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body: mode::ModeError =
        serde_json::from_str(r#"{"id": "teapot", "message": "short and stout"}"#).unwrap();
    assert_eq!(body.http_status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[test]
fn an_optional_code_field_left_out_is_a_server_error() {
    let mut body = astrada::AstradaProblem::from(astrada::AstradaCode::Conflict);
    assert_eq!(body.http_status(), StatusCode::CONFLICT);
    body.status = None;
    assert_eq!(body.http_status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[test]
fn a_status_field_wins_over_the_code_and_bad_statuses_do_not_panic() {
    let mut body = ledger::LedgerProblem::from(ledger::LedgerCode::AccountSuspended);
    assert_eq!(body.http_status(), StatusCode::LOCKED);
    body.status = 503;
    assert_eq!(body.http_status(), StatusCode::SERVICE_UNAVAILABLE);
    for status in [0, 99, 1000, u16::MAX] {
        body.status = status;
        assert_eq!(
            body.http_status(),
            StatusCode::INTERNAL_SERVER_ERROR,
            "{status}"
        );
    }
}
