//! The emitters: what is generated from a validated catalog.
//!
//! [`rust`] writes the generated Rust, [`openapi`] the OpenAPI document and [`docs`] the
//! Markdown page. The wire body a code sends is computed once, in `body`, and shown by all
//! three.

pub(crate) mod body;
pub mod docs;
pub(crate) mod http;
pub(crate) mod json;
pub mod openapi;
pub mod rust;
mod yaml;
