//! Loading: from a file's bytes to the raw catalog, within bounds.
//!
//! The bytes must be UTF-8 and within the [`Limits`](limits::Limits); the document is then
//! measured ([`limits`]) before serde reads it into the plain structs of [`raw`], which reject
//! unknown keys. Meaning is checked afterwards, in `validate`.

pub(crate) mod defaults;
pub(crate) mod flow_depth;
pub(crate) mod git;
pub mod limits;
pub(crate) mod raw;
