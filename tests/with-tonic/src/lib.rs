//! Every bundled and build-dep catalog generated with the `tonic` option on: compiling this
//! crate under `#![deny(warnings)]` (and clippy `-D warnings` in CI) proves the option's
//! output is warning-free with nothing but `tonic`, `tonic-types`, `serde` and `serde_json`
//! as dependencies.

#![deny(warnings)]

include!("../../shared/catalog_modules.rs");

catalogs!(rpc);
