//! Typed error codes and wire bodies for the bundled API catalogs, generated at build time by
//! `errcat-codegen` from `catalog/*.yaml`.
//!
//! ```
//! use errcat::guizhan::{GuizhanCode, GuizhanResponse};
//!
//! let code = GuizhanCode::from_code(5000).unwrap();
//! assert_eq!(code, GuizhanCode::ProjectNotFound);
//! assert_eq!(code.status(), 404);
//! assert_eq!(code.to_string(), "Project not found");
//!
//! let body = GuizhanResponse::from(code);
//! assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"code":5000,"message":"Project not found"}"#);
//! ```

#![deny(warnings)]
#![forbid(unsafe_code)]

/// Mode's error ids (`bad_request`, …) and its `{id, message}` body.
pub mod mode {
    include!(concat!(env!("OUT_DIR"), "/mode.rs"));
}

/// Guizhan Resources' numeric codes (0–5400) and its `{code, message, data, pagination}` body.
pub mod guizhan {
    include!(concat!(env!("OUT_DIR"), "/guizhan.rs"));
}

/// Astrada's HTTP statuses and its RFC 9457 `application/problem+json` body.
pub mod astrada {
    include!(concat!(env!("OUT_DIR"), "/astrada.rs"));
}

/// awork's error slugs (`validation-failed`, …) and its error object.
pub mod awork {
    include!(concat!(env!("OUT_DIR"), "/awork.rs"));
}

/// The README's examples, compiled and run as doctests so they cannot drift.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
