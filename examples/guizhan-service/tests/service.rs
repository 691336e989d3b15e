//! The example service end to end, in-process: requests go through the real router with
//! `tower::ServiceExt::oneshot`, and each response's status, `Content-Type` and Guizhan
//! body are checked.

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use guizhan_service::{OPENAPI, Project, Registry, app};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

fn service() -> Router {
    app(Registry::with([
        Project {
            slug: "slimefun".into(),
            name: "Slimefun 4".into(),
        },
        Project {
            slug: "networks".into(),
            name: "Networks".into(),
        },
    ]))
}

/// Sends one request; returns the status, `Content-Type` and body as JSON.
async fn send(
    router: &Router,
    method: Method,
    uri: &str,
    body: &str,
) -> (StatusCode, String, Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{uri}: {e}: {}", String::from_utf8_lossy(&bytes)));
    (status, content_type, json)
}

async fn get(router: &Router, uri: &str) -> (StatusCode, String, Value) {
    send(router, Method::GET, uri, "").await
}

#[tokio::test]
async fn a_project_is_found() {
    let (status, content_type, body) = get(&service(), "/projects/slimefun").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    assert_eq!(
        body,
        json!({ "code": 0, "message": "OK", "data": { "slug": "slimefun", "name": "Slimefun 4" } })
    );
}

#[tokio::test]
async fn a_missing_project_is_a_typed_404() {
    let (status, content_type, body) = get(&service(), "/projects/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type, "application/json");
    assert_eq!(
        body,
        json!({ "code": 5000, "message": "Project not found" })
    );
}

#[tokio::test]
async fn an_unknown_route_is_route_not_found() {
    let (status, content_type, body) = get(&service(), "/no/such/route").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type, "application/json");
    assert_eq!(body, json!({ "code": 2, "message": "Route not found" }));
}

#[tokio::test]
async fn projects_are_listed_a_page_at_a_time() {
    let (status, _, body) = get(&service(), "/projects?page=2&page_size=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["code"], 0);
    assert_eq!(
        body["data"],
        json!([{ "slug": "slimefun", "name": "Slimefun 4" }])
    );
    assert_eq!(
        body["pagination"],
        json!({ "page": 2, "page_size": 1, "total_items": 2 })
    );
    for bad in [
        "/projects?page=0",
        "/projects?page_size=101",
        "/projects?page=x",
    ] {
        let (status, _, body) = get(&service(), bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(
            body,
            json!({ "code": 1000, "message": "Invalid search parameters" }),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn a_created_project_can_be_read_back_and_not_created_twice() {
    let router = service();
    let new = r#"{"slug": "galactifun", "name": "Galactifun"}"#;
    let (status, _, body) = send(&router, Method::POST, "/projects", new).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(body["code"], 0);
    let (status, _, body) = get(&router, "/projects/galactifun").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["name"], "Galactifun");

    let (status, _, body) = send(&router, Method::POST, "/projects", new).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body,
        json!({ "code": 5001, "message": "Project already used" })
    );
}

#[tokio::test]
async fn bad_input_gets_the_catalogs_codes() {
    let router = service();
    let (status, _, body) = send(&router, Method::POST, "/projects", "{not json").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({ "code": 1001, "message": "Invalid JSON body payload or JSON validation failed" })
    );

    let bad_slug = r#"{"slug": "Not A Slug", "name": "x"}"#;
    let (status, _, body) = send(&router, Method::POST, "/projects", bad_slug).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        body,
        json!({ "code": 5002, "message": "Unacceptable project slug" })
    );
}

#[tokio::test]
async fn the_openapi_document_is_served() {
    let (status, content_type, body) = get(&service(), "/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "application/json");
    assert_eq!(body, serde_json::from_str::<Value>(OPENAPI).unwrap());
    // The document describes the very bodies this service answers with.
    assert_eq!(body["openapi"], "3.1.0");
    assert!(
        body["components"]["schemas"]["GuizhanResponse"].is_object(),
        "{body}"
    );
    assert!(body["components"]["responses"]["GuizhanError404"]["content"]["application/json"]["examples"].is_object(), "{body}");
}

#[tokio::test]
async fn a_missing_project_is_reported_in_the_language_asked_for() {
    for (accept_language, language, message) in [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN", "项目不存在"),
        ("zh-Hans-CN", "zh-CN", "项目不存在"),
        ("en-US,en;q=0.9", "en", "Project not found"),
        ("fr-FR, de;q=0.5", "en", "Project not found"),
    ] {
        let request = Request::get("/projects/nope")
            .header(header::ACCEPT_LANGUAGE, accept_language)
            .body(Body::empty())
            .unwrap();
        let response = service().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let headers = response.headers();
        assert_eq!(
            headers[header::CONTENT_LANGUAGE],
            language,
            "{accept_language}"
        );
        assert_eq!(headers[header::CONTENT_TYPE], "application/json");
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            body,
            json!({ "code": 5000, "message": message }),
            "{accept_language}"
        );
    }
}
