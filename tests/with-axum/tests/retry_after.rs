//! `Retry-After` on the responses of retryable codes with a `retry_after`, through a real
//! axum router driven in-process.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::routing::get;
use errcat_with_axum::rpc::{RpcCode, RpcError};
use tower::ServiceExt;

fn router() -> Router {
    Router::new()
        .route("/busy", get(|| async { RpcCode::TooManyRequests }))
        .route(
            "/warehouse",
            get(|| async { RpcError::from(RpcCode::WarehouseOffline) }),
        )
        .route("/conflict", get(|| async { RpcCode::EditConflict }))
        .route(
            "/missing",
            get(|| async { RpcError::order_not_found(7, "south", false) }),
        )
}

/// The status and `Retry-After` header of `GET uri`.
async fn fetch(uri: &str) -> (StatusCode, Option<String>) {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = router().oneshot(request).await.unwrap();
    let retry_after = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|value| value.to_str().unwrap().to_owned());
    (response.status(), retry_after)
}

#[tokio::test]
async fn retryable_codes_with_a_delay_send_retry_after() {
    assert_eq!(
        fetch("/busy").await,
        (StatusCode::TOO_MANY_REQUESTS, Some("30".to_owned()))
    );
    // The group's delay.
    assert_eq!(
        fetch("/warehouse").await,
        (StatusCode::SERVICE_UNAVAILABLE, Some("5".to_owned()))
    );
}

#[tokio::test]
async fn other_codes_send_none() {
    // Retryable, but the catalog gives no delay.
    assert_eq!(fetch("/conflict").await, (StatusCode::CONFLICT, None));
    assert_eq!(fetch("/missing").await, (StatusCode::NOT_FOUND, None));
}
