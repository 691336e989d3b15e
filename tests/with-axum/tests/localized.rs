//! Localized responses through a real router: the locale enum extracts the negotiated
//! `Accept-Language`, and `into_response_in` sends the body in it with `Content-Language`.

use axum::Router;
use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::Response;
use axum::routing::get;
use errcat_with_axum::{awork, guizhan, wire};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

fn router() -> Router {
    Router::new()
        .route(
            "/guizhan/projects/{slug}",
            get(
                |locale: guizhan::GuizhanLocale, Path(slug): Path<String>| async move {
                    let _ = slug;
                    guizhan::GuizhanCode::ProjectNotFound.into_response_in(locale)
                },
            ),
        )
        .route(
            "/awork/seats",
            get(|locale: awork::AworkLocale| async move {
                awork::AworkCode::InsufficientSeats.into_response_in(locale)
            }),
        )
        .route(
            "/wire/orders/{order}",
            get(
                |locale: wire::WireLocale, Path(order): Path<i64>| async move {
                    wire::WireProblem::conflict_in(locale, order, "Ada", "held")
                        .into_response_in(locale)
                },
            ),
        )
}

/// Sends `GET uri` with the given `Accept-Language` headers; returns the status,
/// `Content-Language`, `Vary` and JSON body.
async fn send(uri: &str, accept_language: &[&str]) -> (StatusCode, String, String, Value) {
    let mut request = Request::get(uri);
    for value in accept_language {
        request = request.header(header::ACCEPT_LANGUAGE, *value);
    }
    let response: Response = router()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|value: &HeaderValue| value.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (language, vary) = (header(header::CONTENT_LANGUAGE), header(header::VARY));
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        language,
        vary,
        serde_json::from_slice(&bytes).unwrap(),
    )
}

#[tokio::test]
async fn guizhan_answers_in_the_negotiated_language() {
    for (headers, language, message) in [
        (&["zh-CN,zh;q=0.9,en;q=0.8"][..], "zh-CN", "项目不存在"),
        (&["zh-Hans-CN"][..], "zh-CN", "项目不存在"),
        (&["zh-TW,zh;q=0.9"][..], "zh-CN", "项目不存在"),
        (
            &["en-US,en;q=0.9,zh-CN;q=0.8"][..],
            "en",
            "Project not found",
        ),
        (&["fr-FR,fr;q=0.9"][..], "en", "Project not found"),
        (&["zh;q=0, *"][..], "en", "Project not found"),
        (&[][..], "en", "Project not found"),
        // Two header lines are one list: the later one's higher q wins.
        (&["en;q=0.5", "zh-CN"][..], "zh-CN", "项目不存在"),
    ] {
        let (status, content_language, vary, body) = send("/guizhan/projects/x", headers).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{headers:?}");
        assert_eq!(content_language, language, "{headers:?}");
        assert_eq!(vary, "accept-language", "{headers:?}");
        assert_eq!(body["code"], 5000, "{headers:?}");
        assert_eq!(body["message"], message, "{headers:?}");
    }
}

#[tokio::test]
async fn awork_answers_in_german_or_english() {
    let (status, language, _, body) = send("/awork/seats", &["de-DE,de;q=0.9,en;q=0.8"]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(language, "de");
    assert_eq!(body["code"], "insufficient-seats");
    assert_eq!(
        body["description"],
        "Ihr Team hat nicht genügend freie Nutzerplätze, um Benutzer einzuladen oder zu aktivieren."
    );
    let (_, language, _, body) = send("/awork/seats", &["de-CH;q=0.4, en-GB"]).await;
    assert_eq!(language, "en");
    assert!(
        body["description"]
            .as_str()
            .unwrap()
            .starts_with("Your team")
    );
}

#[tokio::test]
async fn a_detail_is_rendered_from_the_template_of_the_negotiated_language() {
    for (header, language, detail) in [
        (
            "de-AT,de;q=0.8",
            "de-AT",
            "Die Bestellung 42 hat Ada reserviert",
        ),
        ("de-CH", "de", "Ada hält die Bestellung 42"),
        ("en", "en", "Order 42 is held by Ada"),
    ] {
        let (status, content_language, _, body) = send("/wire/orders/42", &[header]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{header}");
        assert_eq!(content_language, language, "{header}");
        assert_eq!(body["detail"], detail, "{header}");
        assert_eq!(body["currentValue"], "held", "{header}");
    }
}
