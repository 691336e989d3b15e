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

use crate::model::Catalog;
use crate::text::one_line;

/// The retired codes as Markdown list items, `- \`1003\` (what it meant): why retired`, for
/// the Rust docs and the OpenAPI description of the code type.
pub(crate) fn retired_items(catalog: &Catalog) -> impl Iterator<Item = String> {
    catalog.retired.iter().map(|retired| {
        let meaning = retired
            .message
            .as_deref()
            .map(|message| format!(" ({})", one_line(message)))
            .unwrap_or_default();
        format!(
            "- `{}`{meaning}: {}",
            retired.value,
            one_line(&retired.reason)
        )
    })
}
