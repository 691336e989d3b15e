//! The default gRPC code of a code, from its HTTP status: `google/rpc/code.proto`'s "HTTP
//! Mapping" of each code, read backwards, row by row, and the statuses it does not name.

use errcat_codegen::model::GrpcCode;

/// Each code of `code.proto` with the status its comment gives as its "HTTP Mapping", and
/// whether that status maps back to it (where several codes share a status, one does).
const CODE_PROTO: [(GrpcCode, u16, bool); 17] = [
    (GrpcCode::Ok, 200, true),
    (GrpcCode::Cancelled, 499, true),
    (GrpcCode::Unknown, 500, false),
    (GrpcCode::InvalidArgument, 400, true),
    (GrpcCode::DeadlineExceeded, 504, true),
    (GrpcCode::NotFound, 404, true),
    (GrpcCode::AlreadyExists, 409, false),
    (GrpcCode::PermissionDenied, 403, true),
    (GrpcCode::ResourceExhausted, 429, true),
    (GrpcCode::FailedPrecondition, 400, false),
    (GrpcCode::Aborted, 409, true),
    (GrpcCode::OutOfRange, 400, false),
    (GrpcCode::Unimplemented, 501, true),
    (GrpcCode::Internal, 500, true),
    (GrpcCode::Unavailable, 503, true),
    (GrpcCode::DataLoss, 500, false),
    (GrpcCode::Unauthenticated, 401, true),
];

#[test]
fn each_http_mapping_of_code_proto_maps_back() {
    for (code, status, maps_back) in CODE_PROTO {
        let success = code == GrpcCode::Ok;
        let back = GrpcCode::from_http(status, success);
        if maps_back {
            assert_eq!(back, code, "HTTP {status}");
        } else {
            assert_ne!(back, code, "HTTP {status}");
            // The status maps to the general code that shares it.
            assert!(
                CODE_PROTO
                    .iter()
                    .any(|&(other, s, wins)| wins && s == status && other == back),
                "HTTP {status} maps to {back}"
            );
        }
    }
    let numbers: Vec<i32> = CODE_PROTO.iter().map(|(code, ..)| code.number()).collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..17).collect::<Vec<i32>>());
}

#[test]
fn the_statuses_code_proto_does_not_name_map_by_class() {
    let rows = [
        (201, true, GrpcCode::Ok),
        (204, true, GrpcCode::Ok),
        // An error sent with a 2xx status is no `OK`.
        (200, false, GrpcCode::Unknown),
        (100, false, GrpcCode::Unknown),
        (302, false, GrpcCode::Unknown),
        (416, false, GrpcCode::OutOfRange),
        (402, false, GrpcCode::FailedPrecondition),
        (408, false, GrpcCode::FailedPrecondition),
        (410, false, GrpcCode::FailedPrecondition),
        (412, false, GrpcCode::FailedPrecondition),
        (418, false, GrpcCode::FailedPrecondition),
        (422, false, GrpcCode::FailedPrecondition),
        (502, false, GrpcCode::Internal),
        (505, false, GrpcCode::Internal),
        (599, false, GrpcCode::Internal),
    ];
    for (status, success, code) in rows {
        assert_eq!(GrpcCode::from_http(status, success), code, "HTTP {status}");
    }
}

#[test]
fn names_and_numbers_are_code_proto_s() {
    for code in GrpcCode::ALL {
        assert_eq!(GrpcCode::from_name(code.name()), Some(code));
        assert_eq!(code.to_string(), code.name());
    }
    assert_eq!(GrpcCode::from_name("not_found"), None);
    assert_eq!(GrpcCode::NotFound.name(), "NOT_FOUND");
    assert_eq!(GrpcCode::Unauthenticated.number(), 16);
}

#[test]
fn a_catalog_gets_the_mapped_code_unless_it_names_one() {
    let catalog = errcat_codegen::parse(
        "inline.yaml",
        "name: shop\ngroups:\n  - { name: all, range: [1, 9], grpc: UNAVAILABLE }\ncodes:\n  - { code: 1, message: Gone, status: 404, grpc: NOT_FOUND }\n  - { code: 2, message: Down, status: 500 }\n  - { code: 3, message: Fine, status: 200, kind: success }\n",
    )
    .unwrap();
    let grpc: Vec<GrpcCode> = catalog.codes().iter().map(|c| c.rpc().grpc()).collect();
    assert_eq!(
        grpc,
        [GrpcCode::NotFound, GrpcCode::Unavailable, GrpcCode::Ok]
    );
    assert_eq!(catalog.domain(), "shop");
}
