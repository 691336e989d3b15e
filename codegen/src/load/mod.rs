//! Loading: from a file's bytes to the raw catalog, within bounds.
//!
//! The bytes must be UTF-8 and within the [`Limits`](limits::Limits); the document is then
//! measured ([`limits`]) before serde reads it into the plain structs of [`raw`], which reject
//! unknown keys. Meaning is checked afterwards, in `validate`.

pub(crate) mod budget;
pub(crate) mod defaults;
pub(crate) mod flow_depth;
pub(crate) mod git;
pub(crate) mod limits;
pub(crate) mod raw;
pub(crate) mod read;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// `bytes` as text, or a diagnostic at the first byte that is not UTF-8.
pub(crate) fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostics> {
    std::str::from_utf8(bytes).map_err(|error| not_utf8(file, bytes, error.valid_up_to()))
}

fn not_utf8(file: &str, bytes: &[u8], valid_up_to: usize) -> Diagnostics {
    let before = String::from_utf8_lossy(&bytes[..valid_up_to]);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |text| text.chars().count())
        + 1;
    Diagnostics(vec![Diagnostic {
        file: file.to_owned(),
        line,
        column,
        message: format!("the file is not valid UTF-8 (byte {valid_up_to})"),
        hint: Some("save the catalog as UTF-8".to_owned()),
        source_line: None,
        note: None,
        not_shown: None,
    }])
}
