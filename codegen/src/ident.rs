//! All naming: how catalog names become Rust identifiers.
//!
//! Every generated identifier is computed here, once, while the model is built; emitters only
//! turn the resulting strings into tokens. Keywords are escaped (`r#type`, `Self_`) rather
//! than rejected; anything that cannot become an ASCII identifier is rejected by validation.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Rust's strict and reserved keywords, in every edition.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// PascalCase, for types and variants: `not-found` → `NotFound`.
pub(crate) fn type_case(text: &str) -> String {
    text.to_upper_camel_case()
}

/// snake_case, for fields, methods and parameters: `validationErrors` → `validation_errors`.
pub(crate) fn value_case(text: &str) -> String {
    text.to_snake_case()
}

/// Whether `text` is a plain ASCII identifier (before keyword escaping).
pub(crate) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_ascii_alphabetic() || first == '_' => {}
        _ => return false,
    }
    text != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `text` made usable as an identifier: `type` → `r#type`, `self` → `self_`.
pub(crate) fn escape(text: &str) -> String {
    if NOT_RAW.contains(&text) {
        format!("{text}_")
    } else if KEYWORDS.contains(&text) {
        format!("r#{text}")
    } else {
        text.to_owned()
    }
}

/// The token for an identifier produced by [`escape`].
pub(crate) fn to_ident(escaped: &str) -> Ident {
    match escaped.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(escaped, Span::call_site()),
    }
}

/// The identifier without a raw prefix, as people read it: `r#type` → `type`.
pub(crate) fn unraw(escaped: &str) -> &str {
    escaped.strip_prefix("r#").unwrap_or(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(type_case("workspaceid-missing"), "WorkspaceidMissing");
        assert_eq!(
            type_case("Unauthorized, missing required token scope"),
            "UnauthorizedMissingRequiredTokenScope"
        );
        assert_eq!(type_case("bad_request"), "BadRequest");
        assert_eq!(value_case("validationErrors"), "validation_errors");
        assert_eq!(value_case("ProjectNotFound"), "project_not_found");
    }

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(escape("type"), "r#type");
        assert_eq!(escape("self"), "self_");
        assert_eq!(escape("Self"), "Self_");
        assert_eq!(escape("crate"), "crate_");
        assert_eq!(escape("Option"), "Option");
        assert_eq!(to_ident("r#type").to_string(), "r#type");
        assert_eq!(unraw("r#type"), "type");
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("NotFound"));
        assert!(is_identifier("_x"));
        assert!(!is_identifier("_"));
        assert!(!is_identifier("404NotFound"));
        assert!(!is_identifier("Não"));
        assert!(!is_identifier(""));
    }
}
