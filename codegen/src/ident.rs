//! All naming: how catalog names become Rust identifiers.
//!
//! Every generated identifier is computed here, once, while the model is built; emitters only
//! turn the resulting strings into tokens. Keywords are escaped (`r#type`, `Self_`) rather
//! than rejected; anything that cannot become an ASCII identifier is rejected by validation.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
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
    if !text.is_ascii() {
        return text.to_upper_camel_case();
    }
    join_ascii_words(text, None, |word, out| {
        out.push(word[0].to_ascii_uppercase());
        out.extend(word[1..].iter().map(u8::to_ascii_lowercase));
    })
}

/// snake_case, for fields, methods and parameters: `validationErrors` → `validation_errors`.
pub(crate) fn value_case(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_snake_case();
    }
    join_ascii_words(text, Some(b'_'), |word, out| {
        out.extend(word.iter().map(u8::to_ascii_lowercase));
    })
}

/// UPPER_SNAKE_CASE, for gRPC reasons: `ProjectNotFound` → `PROJECT_NOT_FOUND`.
pub(crate) fn shouty_case(text: &str) -> String {
    if !text.is_ascii() {
        return text.to_shouty_snake_case();
    }
    join_ascii_words(text, Some(b'_'), |word, out| {
        out.extend(word.iter().map(u8::to_ascii_uppercase));
    })
}

/// The words of ASCII `text`, each written by `write` and joined by `separator`.
///
/// Every catalog's names go through here, most of them ASCII; heck gives the same result
/// one formatted character at a time, several times slower. The words are heck's (the
/// tests compare the two): runs of letters and digits, split before a capital that follows
/// a lowercase letter (`notFound`) and before the last of several capitals when a lowercase
/// letter follows it (`HTTPError`).
fn join_ascii_words(
    text: &str,
    separator: Option<u8>,
    mut write: impl FnMut(&[u8], &mut Vec<u8>),
) -> String {
    let mut out = Vec::with_capacity(text.len() + 8);
    let mut word = |word: &[u8], out: &mut Vec<u8>| {
        if let Some(separator) = separator.filter(|_| !out.is_empty()) {
            out.push(separator);
        }
        write(word, out);
    };
    for run in text.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
        // The case of the last letter since the word began, if any.
        let mut last_upper: Option<bool> = None;
        let mut start = 0;
        for (i, &c) in run.iter().enumerate() {
            let Some(&next) = run.get(i + 1) else {
                word(&run[start..], &mut out);
                break;
            };
            let case = if c.is_ascii_alphabetic() {
                Some(c.is_ascii_uppercase())
            } else {
                last_upper
            };
            if case == Some(false) && next.is_ascii_uppercase() {
                word(&run[start..=i], &mut out);
                (start, last_upper) = (i + 1, None);
            } else if last_upper == Some(true)
                && c.is_ascii_uppercase()
                && next.is_ascii_lowercase()
            {
                word(&run[start..i], &mut out);
                (start, last_upper) = (i, None);
            } else {
                last_upper = case;
            }
        }
    }
    String::from_utf8(out).expect("ASCII in, ASCII out")
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

    /// The ASCII fast paths agree with heck on every string of up to five characters over
    /// an alphabet of each kind of character the rules tell apart.
    #[test]
    fn cases_agree_with_heck() {
        const ALPHABET: &[u8] = b"aZB9_- .";
        let mut texts = vec![String::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            texts = texts
                .iter()
                .flat_map(|text| {
                    ALPHABET.iter().map(move |&c| {
                        let mut text = text.clone();
                        text.push(char::from(c));
                        text
                    })
                })
                .collect();
            all.extend(texts.iter().cloned());
        }
        all.extend(
            [
                "HTTPError",
                "SREModifyingSqlDataNotPermitted",
                "X86_64",
                "workspaceid-missing",
                "Unauthorized, missing required token scope",
                "OAuth2Token",
                "ABCdefGHI",
            ]
            .map(str::to_owned),
        );
        for text in &all {
            assert_eq!(type_case(text), text.to_upper_camel_case(), "{text:?}");
            assert_eq!(value_case(text), text.to_snake_case(), "{text:?}");
            assert_eq!(shouty_case(text), text.to_shouty_snake_case(), "{text:?}");
        }
        // Other text goes to heck itself.
        assert_eq!(type_case("straße ΣΑΣ"), "StraßeΣας");
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
