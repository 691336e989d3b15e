//! Printing a [`Json`] tree as block-style YAML that YAML 1.1 and YAML 1.2 readers read alike.
//!
//! OpenAPI tooling reads YAML with both kinds of parser (PyYAML, behind
//! openapi-spec-validator, implements YAML 1.1; most JavaScript tools implement 1.2), and
//! the two disagree about plain scalars: `on`, `yes`, `2001-01-01`, `1_000` or `=` are
//! strings to one and booleans, dates, numbers or a merge value to the other. So a string is
//! written plain only when it is unmistakably a string to both (it starts with a letter, is
//! not a boolean or null word, and holds no character with a meaning in YAML); text with line
//! breaks becomes a literal block when every reader reads it back exactly (see
//! [`fits_literal_block`]); anything else is double-quoted with escapes, on one line. A key
//! too long to be an implicit key is written after `?`.

use std::fmt::Write as _;

use crate::emit::json::{Json, Source, write_float, write_quoted};

impl Json {
    /// The tree as a YAML document, ending with a newline.
    #[cfg(test)]
    pub(crate) fn to_yaml(&self) -> String {
        let mut out = String::new();
        self.write_yaml(&mut out, &());
        out
    }

    /// Appends the tree to `out` as a YAML document, its slots made by `source`.
    pub(crate) fn write_yaml(&self, out: &mut String, source: &dyn Source) {
        if self.is_collection() {
            block(out, self, 0, source);
        } else {
            // A literal block at the top is indented too: at column 0 its lines would start a
            // new token, or a `---` line a new document.
            inline(out, self, 2);
            out.push('\n');
        }
    }
}

/// A non-empty object or array, its lines starting at column `indent`.
fn block(out: &mut String, value: &Json, indent: usize, source: &dyn Source) {
    if !value.is_collection() {
        pad(out, indent);
        inline(out, value, indent);
        out.push('\n');
        return;
    }
    value.members(source, &mut |key, value| {
        pad(out, indent);
        match key {
            Some(key) => {
                write_key(out, key, indent);
                after_key(out, value, indent, source);
            }
            None => {
                out.push('-');
                after_dash(out, value, indent, source);
            }
        }
    });
}

/// The value of `key:` in an object whose keys are at column `indent`.
fn after_key(out: &mut String, value: &Json, indent: usize, source: &dyn Source) {
    out.push(':');
    if value.is_collection() {
        out.push('\n');
        block(out, value, indent + 2, source);
    } else {
        out.push(' ');
        inline(out, value, indent + 2);
        out.push('\n');
    }
}

/// An array item after its `-` at column `indent`; an object item starts on the dash's line.
fn after_dash(out: &mut String, value: &Json, indent: usize, source: &dyn Source) {
    if !value.is_collection() {
        out.push(' ');
        inline(out, value, indent + 2);
        out.push('\n');
    } else if value.is_array() {
        out.push('\n');
        block(out, value, indent + 2, source);
    } else {
        let mut first = true;
        value.members(source, &mut |key, value| {
            if first {
                out.push(' ');
                first = false;
            } else {
                pad(out, indent + 2);
            }
            write_key(out, key.unwrap_or_default(), indent + 2);
            after_key(out, value, indent + 2, source);
        });
    }
}

/// A scalar or empty collection; a literal block's lines are indented to `indent`.
fn inline(out: &mut String, value: &Json, indent: usize) {
    match value {
        Json::Null => out.push_str("null"),
        Json::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
        Json::Int(value) => {
            let _ = write!(out, "{value}");
        }
        Json::Float(value) => write_float(out, *value),
        Json::String(text) => write_string(out, text, indent),
        // Only empty collections are written inline.
        empty if empty.is_array() => out.push_str("[]"),
        Json::Array(_) | Json::Object(_) | Json::Deferred(_) => out.push_str("{}"),
    }
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// The longest key, as written, that is written as an implicit key (`key: value`). YAML
/// limits implicit keys to 1024 characters, and readers count them differently (characters,
/// UTF-16 units, with or without the quotes); bytes are at least as many as any of them.
const MAX_IMPLICIT_KEY_BYTES: usize = 512;

/// A mapping key in an object whose keys are at column `indent`, up to where its `:` goes:
/// plain or double-quoted, and after `? ` on a line of its own when too long for an implicit
/// key.
fn write_key(out: &mut String, key: &str, indent: usize) {
    if is_plain(key) && key.len() <= MAX_IMPLICIT_KEY_BYTES {
        out.push_str(key);
        return;
    }
    let mut quoted = String::new();
    double_quoted(&mut quoted, key);
    if quoted.len() > MAX_IMPLICIT_KEY_BYTES {
        out.push_str("? ");
        out.push_str(&quoted);
        out.push('\n');
        pad(out, indent);
    } else {
        out.push_str(&quoted);
    }
}

fn write_string(out: &mut String, text: &str, indent: usize) {
    if is_plain(text) {
        out.push_str(text);
    } else if fits_literal_block(text) {
        literal_block(out, text, indent);
    } else {
        double_quoted(out, text);
    }
}

/// Words that YAML 1.1 or 1.2 read as a boolean or null when written plain.
const RESERVED: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null"];

/// Whether `text` reads back as this very string, under YAML 1.1 and 1.2, when written plain.
fn is_plain(text: &str) -> bool {
    let mut chars = text.chars();
    let starts_with_letter = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '$');
    starts_with_letter
        && chars.all(|c| c.is_ascii_alphanumeric() || " _-./$()+,;`'".contains(c))
        && !text.ends_with(' ')
        && !RESERVED.contains(&text.to_ascii_lowercase().as_str())
}

/// Whether `text` can be a literal block (`|`) that every reader reads back exactly. It must
/// have a line break, and then:
///
/// - no character but line feeds and printable ones: no tab (libyaml refuses one where a
///   line's indentation could go on, as at the start of the first line), no carriage return,
///   NEL, line or paragraph separator (line breaks to a reader, which would change them), no
///   byte order mark and no other control character (none can be written raw);
/// - a first line that starts with a printable character other than a space: a block's
///   indentation is that of its first line, so a leading space would be read as
///   indentation, and a leading line break would need an indentation indicator;
/// - no line that ends with a space (which editors strip), lines of only spaces among them.
///
/// Lines after the first may start with spaces: they are more indented than the block, and
/// kept as they are. Anything else is double-quoted, where escapes spell every character.
fn fits_literal_block(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with([' ', '\n'])
        && text.chars().all(|c| c == '\n' || printable(c))
        && text.split('\n').all(|line| !line.ends_with(' '))
}

/// A literal block scalar: the text as is, one line per line, with the chomping indicator
/// that restores its trailing line breaks exactly.
fn literal_block(out: &mut String, text: &str, indent: usize) {
    let body = text.trim_end_matches('\n');
    let trailing = text.len() - body.len();
    out.push_str(match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    });
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
    }
    // The last line break of the block is the one the caller writes after every value.
    for _ in 1..trailing {
        out.push('\n');
    }
}

/// A double-quoted scalar, escaping what YAML does not allow raw in one.
fn double_quoted(out: &mut String, text: &str) {
    write_quoted(out, text, printable);
}

/// YAML's printable characters (YAML 1.2 §5.1), less the byte order mark and NEL, which
/// readers treat specially, and the line and paragraph separators, which YAML 1.1 readers
/// (libyaml among them) take for line breaks and fold away with the spaces around them.
fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_collections() {
        let value = Json::object()
            .with("openapi", "3.1.0")
            .with(
                "list",
                Json::Array(vec![
                    Json::object()
                        .with("a", 1i64)
                        .with("b", Json::Array(vec![true.into()])),
                    Json::Array(vec![Json::Null]),
                    Json::from("x"),
                ]),
            )
            .with("empty", Json::object())
            .with("none", Json::Array(Vec::new()))
            .with("ratio", Json::Float(0.0));
        assert_eq!(
            value.to_yaml(),
            "openapi: \"3.1.0\"\nlist:\n  - a: 1\n    b:\n      - true\n  -\n    - null\n  - x\nempty: {}\nnone: []\nratio: 0.0\n"
        );
    }

    #[test]
    fn strings_that_other_readers_would_retype_are_quoted() {
        for text in [
            "yes",
            "No",
            "ON",
            "off",
            "y",
            "null",
            "~",
            "",
            "2001-01-01",
            "1_000",
            "0x10",
            "=",
            "<<",
            ".inf",
            "-1",
            "a: b",
            "a #b",
            "trailing ",
            " leading",
            "@x",
            "*x",
            "&x",
            "!x",
            "%x",
            "{x}",
            "[x]",
            "|x",
            ">x",
            "'x",
            "\"x",
            "1000: Invalid parameters",
        ] {
            let yaml = Json::object().with("k", text).to_yaml();
            assert!(yaml.starts_with("k: \""), "{text:?} written as {yaml:?}");
        }
        for text in [
            "x",
            "Bad Request",
            "application/problem+json",
            "$ref",
            "about:blank",
        ] {
            let yaml = Json::object().with("k", text).to_yaml();
            let plain = !yaml.starts_with("k: \"");
            assert_eq!(plain, !text.contains(':'), "{text:?} written as {yaml:?}");
        }
    }

    #[test]
    fn literal_blocks_keep_line_breaks_exactly() {
        let value = Json::object()
            .with("strip", "one\ntwo")
            .with("clip", "one\n\ntwo\n")
            .with("keep", "one\n\n\n")
            .with("quoted", " indented\nfirst line")
            .with("control", "bell\u{7}\nx");
        assert_eq!(
            value.to_yaml(),
            "strip: |-\n  one\n  two\nclip: |\n  one\n\n  two\nkeep: |+\n  one\n\n\nquoted: \" indented\\nfirst line\"\ncontrol: \"bell\\u0007\\nx\"\n"
        );
    }

    #[test]
    fn a_literal_block_at_the_top_is_indented() {
        let yaml = Json::from("---\ntext").to_yaml();
        assert_eq!(yaml, "|-\n  ---\n  text\n");
        assert_eq!(serde_yaml::from_str::<String>(&yaml).unwrap(), "---\ntext");
    }

    #[test]
    fn reads_back_as_the_same_tree() {
        let text = "quote \" backslash \\ tab\t emoji 🚀 CJK 错误 # not a comment: really";
        let value = Json::object().with(
            "items",
            Json::Array(vec![
                Json::object()
                    .with(text, text)
                    .with("multi", format!("{text}\n\nsecond paragraph\n")),
                Json::Int(i64::MIN),
                Json::from("\u{feff}bom \u{85}nel \u{7f}del"),
                Json::from("line \u{2028} separator \u{2029} paragraph"),
                Json::from("block\nwith a line \u{2028} separator\n"),
            ]),
        );
        let parsed: serde_json::Value = serde_yaml::from_str(&value.to_yaml()).unwrap();
        let expected: serde_json::Value = serde_json::from_str(&value.to_pretty()).unwrap();
        assert_eq!(parsed, expected);
    }
}
