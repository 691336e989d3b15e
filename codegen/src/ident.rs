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

/// Why an explicit type or variant name cannot be used as written, if it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeNameFault {
    /// Not an ASCII identifier at all.
    NotIdentifier,
    /// rustc's `non_camel_case_types` lint warns about it.
    NotCamelCase,
    /// clippy's `upper_case_acronyms` lint (default settings) warns about it.
    AllCapitals,
}

/// Checks a type or variant name given in a catalog. Written names are used as they are, so
/// the rule is that of the lints the generated code must pass under `#![deny(warnings)]`, not
/// that of [`type_case`]: `TRSerializationFailure` and `X86_64` pass, as rustc and clippy let
/// them.
///
/// - rustc's `non_camel_case_types`: once leading and trailing `_` are trimmed, the name does
///   not start with a lowercase letter, holds no `__`, and has no `_` next to a letter.
/// - clippy's `upper_case_acronyms`, with its default settings: not all capitals when longer
///   than two characters (`JSON`, but not `OK`).
pub(crate) fn type_name_fault(name: &str) -> Option<TypeNameFault> {
    if !is_identifier(name) {
        return Some(TypeNameFault::NotIdentifier);
    }
    let trimmed = name.trim_matches('_');
    let bytes = trimmed.as_bytes();
    let camel = !bytes.first().is_some_and(u8::is_ascii_lowercase)
        && !trimmed.contains("__")
        && !bytes.windows(2).any(|pair| {
            (pair[0].is_ascii_alphabetic() && pair[1] == b'_')
                || (pair[0] == b'_' && pair[1].is_ascii_alphabetic())
        });
    if !camel {
        Some(TypeNameFault::NotCamelCase)
    } else if name.len() > 2 && name.bytes().all(|b| b.is_ascii_uppercase()) {
        Some(TypeNameFault::AllCapitals)
    } else {
        None
    }
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

/// [`escape`] for an owned name, which is kept when it needs no escaping.
pub(crate) fn escape_owned(text: String) -> String {
    if NOT_RAW.contains(&text.as_str()) || KEYWORDS.contains(&text.as_str()) {
        escape(&text)
    } else {
        text
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
        for name in ["type", "self", "Self", "crate", "Option", "NotFound"] {
            assert_eq!(escape_owned(name.to_owned()), escape(name));
        }
    }

    #[test]
    fn written_type_names() {
        // What rustc and clippy accept as written, acronyms included.
        for name in [
            "NotFound",
            "TRSerializationFailure",
            "SREModifyingSqlDataNotPermitted",
            "LEInvalidSpecification",
            "HTTPResponse",
            "OK",
            "X86_64",
            "V1_2",
            "Self",
            "_Private",
            "Trailing_",
            "A",
        ] {
            assert_eq!(type_name_fault(name), None, "{name}");
        }
        for (name, fault) in [
            ("bad_name", TypeNameFault::NotCamelCase),
            ("notFound", TypeNameFault::NotCamelCase),
            ("Not_Found", TypeNameFault::NotCamelCase),
            ("Not__Found", TypeNameFault::NotCamelCase),
            ("_lower", TypeNameFault::NotCamelCase),
            ("JSON", TypeNameFault::AllCapitals),
            ("CWR", TypeNameFault::AllCapitals),
            ("not-pascal", TypeNameFault::NotIdentifier),
            ("Has Space", TypeNameFault::NotIdentifier),
            ("404NotFound", TypeNameFault::NotIdentifier),
            ("Não", TypeNameFault::NotIdentifier),
            ("_", TypeNameFault::NotIdentifier),
            ("", TypeNameFault::NotIdentifier),
        ] {
            assert_eq!(type_name_fault(name), Some(fault), "{name}");
        }
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
