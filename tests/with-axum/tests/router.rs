//! The generated `IntoResponse` impls, through a real axum router driven in-process with
//! `tower::ServiceExt::oneshot`: status, `Content-Type` and JSON body of each response.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::get;
use errcat_with_axum::{astrada, guizhan, ledger, shop};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

fn router() -> Router {
    Router::new()
        .route(
            "/astrada/conflict",
            get(|| async { astrada::AstradaCode::Conflict }),
        )
        .route(
            "/astrada/detailed",
            get(|| async {
                let mut problem = astrada::AstradaProblem::from(astrada::AstradaCode::NotFound);
                problem.detail = "Order 42 does not exist".into();
                problem.instance = Some("/orders/42".into());
                problem
            }),
        )
        .route(
            "/guizhan/projects/{slug}",
            get(
                |axum::extract::Path(slug): axum::extract::Path<String>| async move {
                    if slug == "slimefun" {
                        let mut body =
                            guizhan::GuizhanResponse::from(guizhan::GuizhanCode::Success);
                        body.data = Some(json!({ "slug": slug }));
                        Ok(body)
                    } else {
                        Err(guizhan::GuizhanCode::ProjectNotFound)
                    }
                },
            ),
        )
        .route(
            "/guizhan/relayed",
            get(|| async {
                // A body from an upstream service whose code this catalog does not know.
                serde_json::from_str::<guizhan::GuizhanResponse>(r#"{"code":7777,"message":"new"}"#)
                    .unwrap()
            }),
        )
        .route(
            "/ledger/suspended",
            get(|| async { ledger::LedgerCode::AccountSuspended }),
        )
        .route(
            "/shop/declined",
            get(|| async { shop::ShopCode::PaymentDeclined }),
        )
}

/// Sends `GET uri` through the router; returns the status, `Content-Type` and JSON body.
async fn get_json(uri: &str) -> (StatusCode, String, Value) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = router().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{uri}: {e}: {}", String::from_utf8_lossy(&bytes)));
    (status, content_type, body)
}

#[tokio::test]
async fn an_astrada_code_is_sent_as_problem_json() {
    let (status, content_type, body) = get_json("/astrada/conflict").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(content_type, "application/problem+json");
    assert_eq!(
        body,
        json!({
            "type": "about:blank",
            "title": "Conflict",
            "status": 409,
            "detail": "Conflict",
        })
    );
}

#[tokio::test]
async fn an_astrada_problem_keeps_its_own_fields() {
    let (status, content_type, body) = get_json("/astrada/detailed").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type, "application/problem+json");
    assert_eq!(body["detail"], "Order 42 does not exist");
    assert_eq!(body["instance"], "/orders/42");
    assert_eq!(body["status"], 404);
}

#[tokio::test]
async fn guizhan_success_and_error_are_sent_as_json() {
    let (status, content_type, body) = get_json("/guizhan/projects/slimefun").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    assert_eq!(
        body,
        json!({ "code": 0, "message": "OK", "data": { "slug": "slimefun" } })
    );

    let (status, content_type, body) = get_json("/guizhan/projects/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type, "application/json");
    assert_eq!(
        body,
        json!({ "code": 5000, "message": "Project not found" })
    );
}

#[tokio::test]
async fn a_code_the_catalog_does_not_know_is_sent_as_500_unchanged() {
    let (status, content_type, body) = get_json("/guizhan/relayed").await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(content_type, "application/json");
    assert_eq!(body, json!({ "code": 7777, "message": "new" }));
}

#[tokio::test]
async fn a_status_field_and_string_codes_work_too() {
    let (status, content_type, body) = get_json("/ledger/suspended").await;
    assert_eq!(status, StatusCode::LOCKED);
    assert_eq!(content_type, "application/problem+json");
    assert_eq!(
        (body["status"].clone(), body["code"].clone()),
        (json!(423), json!(1002))
    );

    let (status, content_type, body) = get_json("/shop/declined").await;
    assert_eq!(status, StatusCode::PAYMENT_REQUIRED);
    assert_eq!(content_type, "application/json");
    assert_eq!(body["error"], "payment-declined");
}
