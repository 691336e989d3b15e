//! Every bundled and build-dep catalog generated with the `axum` option on: compiling this
//! crate under `#![deny(warnings)]` (and clippy `-D warnings` in CI) proves the option's
//! output is warning-free with nothing but `axum`, `serde` and `serde_json` as dependencies.

#![deny(warnings)]

include!("../../shared/catalog_modules.rs");

// gRPC codes and retry semantics: `Retry-After` on retryable codes with a delay.
catalogs!(rpc);
