//! The generated code at run time, against what a careful person would write by hand for the
//! same catalog: a `match` for integer codes, a `phf` map for string codes (as tokio-postgres
//! looks up SQLSTATE), and a plain serde struct for the wire body.
//!
//! Each lookup benchmark runs over every code of a bundled catalog plus a share of inputs the
//! catalog does not know, as a server decoding real traffic would see. The hand-written
//! lookups are `#[inline(never)]` because the generated ones live in another crate and are
//! called, not inlined, so both sides pay one call per lookup.
//!
//! divan: see `codegen/benches/generate.rs` for why.

use std::borrow::Cow;
use std::sync::LazyLock;

use divan::{Bencher, black_box};
use errcat::awork::{AworkCode, AworkError};
use errcat::guizhan::{GuizhanCode, GuizhanResponse, Pagination};
use serde::Serialize;

/// Each run of a benchmark takes well under a microsecond: batch many per timed sample, and
/// take many samples, so the median is steady on a noisy machine.
const SAMPLES: u32 = 1000;
const BATCH: u32 = 100;

fn main() {
    check_equivalence();
    divan::main();
}

/// Every Guizhan code, then codes it does not have: gaps inside its ranges, other APIs'
/// codes, and extremes.
static GUIZHAN_INPUTS: LazyLock<Vec<u32>> = LazyLock::new(|| {
    GuizhanCode::ALL
        .iter()
        .map(|code| code.code())
        .chain([
            3,
            12,
            404,
            999,
            1003,
            2099,
            2203,
            3100,
            5004,
            5500,
            7777,
            u32::MAX,
        ])
        .collect()
});

/// Every awork slug, then slugs it does not have: near misses, other casings and other
/// APIs' codes.
static AWORK_INPUTS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    AworkCode::ALL
        .iter()
        .map(|code| code.code())
        .chain([
            "",
            "not-founds",
            "Not-Found",
            "validation-error",
            "server_error",
            "workspaceid-missinG",
            "insufficient-seat",
            "rate-limited",
            "bad_request",
            "invalid-operation-",
        ])
        .collect()
});

#[inline(never)]
fn guizhan_hand_written(code: u32) -> Option<GuizhanCode> {
    match code {
        0 => Some(GuizhanCode::Success),
        1 => Some(GuizhanCode::InternalError),
        2 => Some(GuizhanCode::RouteNotFound),
        4 => Some(GuizhanCode::AuthMethodNotAllowed),
        5 => Some(GuizhanCode::ResourceNotFound),
        6 => Some(GuizhanCode::ServiceUnavailable),
        11 => Some(GuizhanCode::TooManyRequests),
        1000 => Some(GuizhanCode::InvalidParameters),
        1001 => Some(GuizhanCode::InvalidJsonBody),
        1002 => Some(GuizhanCode::InvalidUploadPayload),
        2000 => Some(GuizhanCode::Unauthenticated),
        2001 => Some(GuizhanCode::InvalidAuthHeader),
        2002 => Some(GuizhanCode::InvalidTokenFormat),
        2100 => Some(GuizhanCode::InvalidOAuthCode),
        2101 => Some(GuizhanCode::InvalidOAuthState),
        2200 => Some(GuizhanCode::Unauthorized),
        2201 => Some(GuizhanCode::MissingTokenScope),
        2202 => Some(GuizhanCode::MissingMemberScope),
        3000 => Some(GuizhanCode::UserNotFound),
        3200 => Some(GuizhanCode::NotificationNotFound),
        3201 => Some(GuizhanCode::NotificationAlreadyRead),
        3500 => Some(GuizhanCode::OrganizationNotFound),
        3501 => Some(GuizhanCode::OrganizationSlugAlreadyUsed),
        3502 => Some(GuizhanCode::OrganizationExceedsLimit),
        3600 => Some(GuizhanCode::OrganizationMemberNotFound),
        3601 => Some(GuizhanCode::OrganizationMemberAlreadyExists),
        4000 => Some(GuizhanCode::TokenNotFound),
        5000 => Some(GuizhanCode::ProjectNotFound),
        5001 => Some(GuizhanCode::ProjectAlreadyUsed),
        5002 => Some(GuizhanCode::UnacceptableProjectSlug),
        5003 => Some(GuizhanCode::ProjectLocked),
        5100 => Some(GuizhanCode::ProjectKeywordNotFound),
        5101 => Some(GuizhanCode::ProjectKeywordAlreadyExists),
        5102 => Some(GuizhanCode::ProjectKeywordExceedsLimit),
        5200 => Some(GuizhanCode::ProjectChannelNotFound),
        5201 => Some(GuizhanCode::ProjectChannelAlreadyExists),
        5202 => Some(GuizhanCode::ProjectChannelExceedsLimit),
        5300 => Some(GuizhanCode::ProjectVersionNotFound),
        5301 => Some(GuizhanCode::ProjectVersionAlreadyExists),
        5400 => Some(GuizhanCode::InvalidProjectDependency),
        _ => None,
    }
}

/// The hand-written string lookups, each built from one list of awork's slugs and variants.
macro_rules! awork_lookups {
    ($($slug:tt => $variant:ident,)*) => {
        static AWORK_PHF: phf::Map<&'static str, AworkCode> = phf::phf_map! {
            $($slug => AworkCode::$variant,)*
        };

        #[inline(never)]
        fn awork_phf(code: &str) -> Option<AworkCode> {
            AWORK_PHF.get(code).copied()
        }

        /// A `match` on `&str`, as errcat generated before it matched on bytes: one string
        /// comparison per arm of the input's length, so its cost grows with the catalog.
        #[inline(never)]
        fn awork_str_match(code: &str) -> Option<AworkCode> {
            Some(match code {
                $($slug => AworkCode::$variant,)*
                _ => return None,
            })
        }
    };
}

awork_lookups! {
    "workspaceid-missing" => WorkspaceIdMissing,
    "not-found" => NotFound,
    "entity-archived" => EntityArchived,
    "duplication-violation" => DuplicationViolation,
    "database-commit" => DatabaseCommit,
    "concurrency-violation" => ConcurrencyViolation,
    "date-dependency" => DateDependency,
    "date-out-of-range" => DateOutOfRange,
    "value-out-of-range" => ValueOutOfRange,
    "invalid-operation" => InvalidOperation,
    "invalid-model" => InvalidModel,
    "validation-failed" => ValidationFailed,
    "server-error" => ServerError,
    "already-exist-error" => AlreadyExists,
    "invalid-filter-or-order" => InvalidFilterOrOrder,
    "illegal-property-transition" => IllegalPropertyTransition,
    "unauthorized" => Unauthorized,
    "invalid-batch-operation" => InvalidBatchOperation,
    "deactivated-user" => DeactivatedUser,
    "request-body-too-large" => RequestBodyTooLarge,
    "insufficient-subscription-level" => InsufficientSubscriptionLevel,
    "insufficient-seats" => InsufficientSeats,
}

/// A benchmark that compares unequal code would measure nothing: refuse to run instead.
fn check_equivalence() {
    for &code in GUIZHAN_INPUTS.iter() {
        assert_eq!(GuizhanCode::from_code(code), guizhan_hand_written(code));
    }
    for &code in AWORK_INPUTS.iter() {
        assert_eq!(AworkCode::from_code(code), awork_phf(code), "{code}");
        assert_eq!(AworkCode::from_code(code), awork_str_match(code), "{code}");
    }
    for (generated, hand) in awork_bodies() {
        assert_eq!(to_json(&generated), to_json(&hand));
    }
    for (generated, hand) in guizhan_bodies() {
        assert_eq!(to_json(&generated), to_json(&hand));
    }
}

fn to_json(body: &impl Serialize) -> String {
    serde_json::to_string(body).unwrap()
}

/// Looks up every input, so the branch predictor sees the real mix rather than one code.
fn lookups<T: Copy, C>(bencher: Bencher, inputs: &[T], lookup: impl Fn(T) -> Option<C>) {
    bencher.bench_local(|| {
        let mut found = 0_usize;
        for &input in black_box(inputs) {
            found += usize::from(black_box(lookup(black_box(input))).is_some());
        }
        found
    });
}

mod from_code_integer {
    use super::*;

    #[divan::bench(sample_count = SAMPLES, sample_size = BATCH)]
    fn generated(bencher: Bencher) {
        lookups(bencher, &GUIZHAN_INPUTS, GuizhanCode::from_code);
    }

    #[divan::bench(sample_count = SAMPLES, sample_size = BATCH)]
    fn hand_written_match(bencher: Bencher) {
        lookups(bencher, &GUIZHAN_INPUTS, guizhan_hand_written);
    }
}

mod from_code_string {
    use super::*;

    #[divan::bench(sample_count = SAMPLES, sample_size = BATCH)]
    fn generated(bencher: Bencher) {
        lookups(bencher, &AWORK_INPUTS, AworkCode::from_code);
    }

    #[divan::bench(sample_count = SAMPLES, sample_size = BATCH)]
    fn phf_map(bencher: Bencher) {
        lookups(bencher, &AWORK_INPUTS, awork_phf);
    }

    #[divan::bench(sample_count = SAMPLES, sample_size = BATCH)]
    fn str_match(bencher: Bencher) {
        lookups(bencher, &AWORK_INPUTS, awork_str_match);
    }
}

/// awork's body as one would write it by hand: the same fields, names and serde attributes.
#[derive(Serialize)]
struct HandAworkError {
    code: &'static str,
    description: Cow<'static, str>,
    link: Cow<'static, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    space: Option<Cow<'static, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<Vec<Cow<'static, str>>>,
    #[serde(rename = "validationErrors", skip_serializing_if = "Option::is_none")]
    validation_errors: Option<Vec<HandValidationError>>,
}

#[derive(Serialize)]
struct HandValidationError {
    property: Cow<'static, str>,
    message: Cow<'static, str>,
}

/// Guizhan's body as one would write it by hand.
#[derive(Serialize)]
struct HandGuizhanResponse {
    code: u32,
    message: Cow<'static, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagination: Option<HandPagination>,
}

#[derive(Serialize)]
struct HandPagination {
    page_size: i64,
    page: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    total_items: Option<i64>,
}

/// One body per awork code, as a server sends them: a validation failure lists its
/// violations, and every body carries a hint.
fn awork_bodies() -> Vec<(AworkError, HandAworkError)> {
    const DETAIL: &str = "Check the request against the API reference.";
    AworkCode::ALL
        .iter()
        .map(|&code| {
            let violations = (code == AworkCode::ValidationFailed)
                .then_some(("Name", "'Name' should not be empty."));
            let mut generated = AworkError::from(code);
            generated.details = Some(vec![Cow::Borrowed(DETAIL)]);
            generated.validation_errors = violations.map(|(property, message)| {
                vec![
                    errcat::awork::ValidationError::default()
                        .with_property(property)
                        .with_message(message),
                ]
            });
            let hand = HandAworkError {
                code: code.code(),
                description: Cow::Borrowed(code.message()),
                link: Cow::Borrowed(code.link().unwrap_or_default()),
                space: None,
                details: Some(vec![Cow::Borrowed(DETAIL)]),
                validation_errors: violations.map(|(property, message)| {
                    vec![HandValidationError {
                        property: Cow::Borrowed(property),
                        message: Cow::Borrowed(message),
                    }]
                }),
            };
            (generated, hand)
        })
        .collect()
}

/// One body per Guizhan code; the success body carries pagination, as list endpoints do.
fn guizhan_bodies() -> Vec<(GuizhanResponse, HandGuizhanResponse)> {
    GuizhanCode::ALL
        .iter()
        .map(|&code| {
            let paginated = code.is_success();
            let mut generated = GuizhanResponse::from(code);
            generated.pagination = paginated.then(|| {
                Pagination::default()
                    .with_page_size(20)
                    .with_page(3)
                    .with_total_items(137)
            });
            let hand = HandGuizhanResponse {
                code: code.code(),
                message: Cow::Borrowed(code.message()),
                data: None,
                pagination: paginated.then_some(HandPagination {
                    page_size: 20,
                    page: 3,
                    total_items: Some(137),
                }),
            };
            (generated, hand)
        })
        .collect()
}

/// Serializes every body into one reused buffer, so the benchmark times serde and not the
/// allocator.
fn serialize_all<T: Serialize>(bencher: Bencher, bodies: &[T]) {
    let mut buffer = Vec::with_capacity(64 * 1024);
    bencher.bench_local(|| {
        buffer.clear();
        for body in black_box(bodies) {
            serde_json::to_writer(&mut buffer, body).unwrap();
        }
        buffer.len()
    });
}

mod serialize_envelope {
    use super::*;

    #[divan::bench(sample_count = SAMPLES, sample_size = BATCH)]
    fn awork_generated(bencher: Bencher) {
        let bodies: Vec<_> = awork_bodies().into_iter().map(|(g, _)| g).collect();
        serialize_all(bencher, &bodies);
    }

    #[divan::bench(sample_count = SAMPLES, sample_size = BATCH)]
    fn awork_hand_written(bencher: Bencher) {
        let bodies: Vec<_> = awork_bodies().into_iter().map(|(_, h)| h).collect();
        serialize_all(bencher, &bodies);
    }

    #[divan::bench(sample_count = SAMPLES, sample_size = BATCH)]
    fn guizhan_generated(bencher: Bencher) {
        let bodies: Vec<_> = guizhan_bodies().into_iter().map(|(g, _)| g).collect();
        serialize_all(bencher, &bodies);
    }

    #[divan::bench(sample_count = SAMPLES, sample_size = BATCH)]
    fn guizhan_hand_written(bencher: Bencher) {
        let bodies: Vec<_> = guizhan_bodies().into_iter().map(|(_, h)| h).collect();
        serialize_all(bencher, &bodies);
    }
}
