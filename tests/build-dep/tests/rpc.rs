//! What a code means to an RPC client: gRPC code, AIP-193 reason and domain, retry
//! semantics, and the metadata of a body built by a typed constructor.

use std::time::Duration;

use errcat_build_dep::rpc::{RpcCode, RpcError, RpcGrpcCode as GrpcCode};

#[test]
fn grpc_codes_are_written_inherited_or_derived_from_the_http_status() {
    let cases = [
        (RpcCode::Done, GrpcCode::Ok),
        (RpcCode::OrderNotFound, GrpcCode::NotFound),
        (RpcCode::OrderExists, GrpcCode::AlreadyExists),
        (RpcCode::EditConflict, GrpcCode::Aborted),
        (RpcCode::TooManyRequests, GrpcCode::ResourceExhausted),
        (RpcCode::Teapot, GrpcCode::FailedPrecondition),
        // The group's `grpc`, over the HTTP status's 503 (which would give the same) …
        (RpcCode::WarehouseOffline, GrpcCode::Unavailable),
        // … and the code's own over the group's.
        (RpcCode::LedgerTimeout, GrpcCode::DeadlineExceeded),
        (RpcCode::LedgerCorrupt, GrpcCode::DataLoss),
    ];
    for (code, grpc) in cases {
        assert_eq!(code.grpc_code(), grpc, "{code:?}");
    }
    assert_eq!(RpcCode::ALL.len(), cases.len());
}

#[test]
fn the_grpc_enum_has_the_17_canonical_codes_with_their_numbers() {
    assert_eq!(GrpcCode::ALL.len(), 17);
    for (number, code) in GrpcCode::ALL.iter().enumerate() {
        assert_eq!(code.number(), i32::try_from(number).unwrap());
        assert_eq!(GrpcCode::from_number(code.number()), Some(*code));
    }
    assert_eq!(GrpcCode::from_number(17), None);
    assert_eq!(GrpcCode::from_number(-1), None);
    assert_eq!(GrpcCode::NotFound.number(), 5);
    assert_eq!(GrpcCode::Unauthenticated.number(), 16);
    assert_eq!(GrpcCode::ResourceExhausted.name(), "RESOURCE_EXHAUSTED");
    assert_eq!(GrpcCode::DeadlineExceeded.to_string(), "DEADLINE_EXCEEDED");
}

#[test]
fn reasons_default_to_the_variant_name_and_the_domain_to_the_catalog() {
    assert_eq!(RpcCode::OrderNotFound.reason(), "ORDER_NOT_FOUND");
    assert_eq!(RpcCode::OrderExists.reason(), "DUPLICATE_ORDER");
    assert_eq!(RpcCode::LedgerTimeout.reason(), "LEDGER_TIMEOUT");
    for code in RpcCode::ALL {
        assert_eq!(code.domain(), "rpc.example.com");
    }
}

#[test]
fn retry_semantics_are_written_or_inherited_from_the_group() {
    let cases = [
        (RpcCode::Done, false, None),
        (RpcCode::OrderNotFound, false, None),
        (RpcCode::EditConflict, true, None),
        (RpcCode::TooManyRequests, true, Some(30)),
        (RpcCode::WarehouseOffline, true, Some(5)),
        (RpcCode::LedgerTimeout, true, Some(2)),
        // Not retryable: the group's delay does not apply.
        (RpcCode::LedgerCorrupt, false, None),
    ];
    for (code, retryable, delay) in cases {
        assert_eq!(code.is_retryable(), retryable, "{code:?}");
        assert_eq!(
            code.retry_after(),
            delay.map(Duration::from_secs),
            "{code:?}"
        );
    }
}

#[test]
fn the_facts_are_const() {
    const GRPC: GrpcCode = RpcCode::TooManyRequests.grpc_code();
    const REASON: &str = RpcCode::TooManyRequests.reason();
    const DOMAIN: &str = RpcCode::TooManyRequests.domain();
    const RETRYABLE: bool = RpcCode::TooManyRequests.is_retryable();
    const DELAY: Option<Duration> = RpcCode::TooManyRequests.retry_after();
    assert_eq!(GRPC, GrpcCode::ResourceExhausted);
    assert_eq!(REASON, "TOO_MANY_REQUESTS");
    assert_eq!(DOMAIN, "rpc.example.com");
    assert_eq!(RETRYABLE, RpcCode::TooManyRequests.is_retryable());
    assert_ne!(RETRYABLE, RpcCode::OrderNotFound.is_retryable());
    assert_eq!(DELAY, Some(Duration::from_secs(30)));
}

#[test]
fn a_typed_constructor_keeps_every_param_of_the_detail_as_metadata() {
    let body = RpcError::order_not_found(42, "north", true);
    assert_eq!(
        body.detail.as_deref(),
        Some("Order 42 of shop north not found (archived: true)")
    );
    let metadata: Vec<(&str, &str)> = body
        .metadata()
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .collect();
    assert_eq!(
        metadata,
        [("order_id", "42"), ("shop", "north"), ("archived", "true")]
    );
    // Every variable of the message is in the metadata (AIP-193).
    for (_, value) in body.metadata() {
        assert!(body.detail.as_deref().unwrap().contains(value.as_str()));
    }
}

#[test]
fn metadata_is_not_sent_and_does_not_count_for_equality() {
    let body = RpcError::order_not_found(42, "north", false);
    let json = serde_json::to_value(&body).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "code": 2,
            "message": "Order not found",
            "detail": "Order 42 of shop north not found (archived: false)",
        })
    );
    let received: RpcError = serde_json::from_value(json).unwrap();
    assert!(received.metadata().is_empty());
    assert_eq!(received, body);
    assert_ne!(received, RpcError::order_not_found(43, "north", false));
    assert!(RpcError::from(RpcCode::OrderNotFound).metadata().is_empty());
}
