//! The canonical gRPC status codes (`google.rpc.Code`) and the default mapping from an HTTP
//! status to one of them.

/// A canonical gRPC status code, as `google/rpc/code.proto` defines it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum GrpcCode {
    /// `OK` (0).
    Ok,
    /// `CANCELLED` (1).
    Cancelled,
    /// `UNKNOWN` (2).
    Unknown,
    /// `INVALID_ARGUMENT` (3).
    InvalidArgument,
    /// `DEADLINE_EXCEEDED` (4).
    DeadlineExceeded,
    /// `NOT_FOUND` (5).
    NotFound,
    /// `ALREADY_EXISTS` (6).
    AlreadyExists,
    /// `PERMISSION_DENIED` (7).
    PermissionDenied,
    /// `RESOURCE_EXHAUSTED` (8).
    ResourceExhausted,
    /// `FAILED_PRECONDITION` (9).
    FailedPrecondition,
    /// `ABORTED` (10).
    Aborted,
    /// `OUT_OF_RANGE` (11).
    OutOfRange,
    /// `UNIMPLEMENTED` (12).
    Unimplemented,
    /// `INTERNAL` (13).
    Internal,
    /// `UNAVAILABLE` (14).
    Unavailable,
    /// `DATA_LOSS` (15).
    DataLoss,
    /// `UNAUTHENTICATED` (16).
    Unauthenticated,
}

impl GrpcCode {
    /// The 17 codes, in the order of their numbers.
    pub const ALL: [GrpcCode; 17] = [
        GrpcCode::Ok,
        GrpcCode::Cancelled,
        GrpcCode::Unknown,
        GrpcCode::InvalidArgument,
        GrpcCode::DeadlineExceeded,
        GrpcCode::NotFound,
        GrpcCode::AlreadyExists,
        GrpcCode::PermissionDenied,
        GrpcCode::ResourceExhausted,
        GrpcCode::FailedPrecondition,
        GrpcCode::Aborted,
        GrpcCode::OutOfRange,
        GrpcCode::Unimplemented,
        GrpcCode::Internal,
        GrpcCode::Unavailable,
        GrpcCode::DataLoss,
        GrpcCode::Unauthenticated,
    ];

    /// The code's number on the wire.
    pub fn number(self) -> i32 {
        self as i32
    }

    /// The name `code.proto` gives the code, as a catalog writes it: `NOT_FOUND`.
    pub fn name(self) -> &'static str {
        match self {
            GrpcCode::Ok => "OK",
            GrpcCode::Cancelled => "CANCELLED",
            GrpcCode::Unknown => "UNKNOWN",
            GrpcCode::InvalidArgument => "INVALID_ARGUMENT",
            GrpcCode::DeadlineExceeded => "DEADLINE_EXCEEDED",
            GrpcCode::NotFound => "NOT_FOUND",
            GrpcCode::AlreadyExists => "ALREADY_EXISTS",
            GrpcCode::PermissionDenied => "PERMISSION_DENIED",
            GrpcCode::ResourceExhausted => "RESOURCE_EXHAUSTED",
            GrpcCode::FailedPrecondition => "FAILED_PRECONDITION",
            GrpcCode::Aborted => "ABORTED",
            GrpcCode::OutOfRange => "OUT_OF_RANGE",
            GrpcCode::Unimplemented => "UNIMPLEMENTED",
            GrpcCode::Internal => "INTERNAL",
            GrpcCode::Unavailable => "UNAVAILABLE",
            GrpcCode::DataLoss => "DATA_LOSS",
            GrpcCode::Unauthenticated => "UNAUTHENTICATED",
        }
    }

    /// The variant name of the generated `GrpcCode` enum: `NotFound`.
    pub fn variant(self) -> &'static str {
        match self {
            GrpcCode::Ok => "Ok",
            GrpcCode::Cancelled => "Cancelled",
            GrpcCode::Unknown => "Unknown",
            GrpcCode::InvalidArgument => "InvalidArgument",
            GrpcCode::DeadlineExceeded => "DeadlineExceeded",
            GrpcCode::NotFound => "NotFound",
            GrpcCode::AlreadyExists => "AlreadyExists",
            GrpcCode::PermissionDenied => "PermissionDenied",
            GrpcCode::ResourceExhausted => "ResourceExhausted",
            GrpcCode::FailedPrecondition => "FailedPrecondition",
            GrpcCode::Aborted => "Aborted",
            GrpcCode::OutOfRange => "OutOfRange",
            GrpcCode::Unimplemented => "Unimplemented",
            GrpcCode::Internal => "Internal",
            GrpcCode::Unavailable => "Unavailable",
            GrpcCode::DataLoss => "DataLoss",
            GrpcCode::Unauthenticated => "Unauthenticated",
        }
    }

    /// The code named `name` (`NOT_FOUND`), if it is one.
    pub fn from_name(name: &str) -> Option<GrpcCode> {
        GrpcCode::ALL.into_iter().find(|code| code.name() == name)
    }

    /// The code a response with HTTP `status` maps to when the catalog names none.
    ///
    /// Each status that `google/rpc/code.proto` gives as a code's "HTTP Mapping" maps back to
    /// that code; where several codes share a status, to the general one (400 to
    /// `INVALID_ARGUMENT`, not `FAILED_PRECONDITION` or `OUT_OF_RANGE`; 409 to `ABORTED`, not
    /// `ALREADY_EXISTS`; 500 to `INTERNAL`, not `UNKNOWN` or `DATA_LOSS`). The other statuses
    /// follow Google's HTTP-to-RPC table: 416 to `OUT_OF_RANGE`, any other 2xx to `OK`, 1xx
    /// and 3xx to `UNKNOWN`, any other 4xx to `FAILED_PRECONDITION`, any other 5xx to
    /// `INTERNAL`. An error sent with a 2xx status maps to `UNKNOWN`: it is no success.
    pub fn from_http(status: u16, success: bool) -> GrpcCode {
        match status {
            400 => GrpcCode::InvalidArgument,
            401 => GrpcCode::Unauthenticated,
            403 => GrpcCode::PermissionDenied,
            404 => GrpcCode::NotFound,
            409 => GrpcCode::Aborted,
            416 => GrpcCode::OutOfRange,
            429 => GrpcCode::ResourceExhausted,
            499 => GrpcCode::Cancelled,
            501 => GrpcCode::Unimplemented,
            503 => GrpcCode::Unavailable,
            504 => GrpcCode::DeadlineExceeded,
            _ => match status / 100 {
                2 if success => GrpcCode::Ok,
                4 => GrpcCode::FailedPrecondition,
                5 => GrpcCode::Internal,
                _ => GrpcCode::Unknown,
            },
        }
    }
}

/// The name of the generated enum of gRPC codes of a catalog: its prefix + `GrpcCode`
/// (`GuizhanGrpcCode`), so that catalogs included side by side do not collide.
pub(crate) fn enum_name(types: &super::TypeNames) -> String {
    format!("{}GrpcCode", types.prefix)
}

impl std::fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
