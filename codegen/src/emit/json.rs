//! An ordered JSON tree, and how it is printed as JSON.
//!
//! The OpenAPI emitter needs objects whose keys keep the order they were inserted in
//! (`openapi`, `info`, `paths`, `components`; envelope fields in wire order), and its output
//! must be the same bytes on every run. A `Vec` of pairs gives both without a map type whose
//! order depends on a feature flag. Printing JSON by hand keeps `serde_json` out of the
//! library, so build-dependency users compile nothing more. `yaml.rs` prints the same tree
//! as YAML.

use std::fmt::Write as _;

/// A JSON value whose objects keep their keys in insertion order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An empty object.
    pub(crate) fn object() -> Self {
        Json::Object(Vec::new())
    }

    /// `self` with `key` appended. Only objects take keys; the emitters build nothing else
    /// with it, so other values are returned unchanged.
    pub(crate) fn with(mut self, key: &str, value: impl Into<Json>) -> Self {
        self.insert(key, value);
        self
    }

    /// `self` with `key` appended when `value` is present.
    pub(crate) fn with_some(self, key: &str, value: Option<impl Into<Json>>) -> Self {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    /// Appends `key` to an object.
    pub(crate) fn insert(&mut self, key: &str, value: impl Into<Json>) {
        if let Json::Object(members) = self {
            members.push((key.to_owned(), value.into()));
        }
    }

    /// Pretty-printed JSON: two-space indentation, `"key": value`, a trailing newline.
    pub(crate) fn to_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Json::Int(value) => {
                let _ = write!(out, "{value}");
            }
            Json::Float(value) => write_float(out, *value),
            Json::String(text) => write_string(out, text),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Array(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    out.push_str(if index == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    item.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push(']');
            }
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Object(members) => {
                out.push('{');
                for (index, (key, value)) in members.iter().enumerate() {
                    out.push_str(if index == 0 { "\n" } else { ",\n" });
                    indent(out, depth + 1);
                    write_string(out, key);
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                out.push('\n');
                indent(out, depth);
                out.push('}');
            }
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string literal (RFC 8259 §7): quotes, backslashes and control characters escaped,
/// everything else written as is. JSON only requires the controls below U+0020 escaped, but
/// readers that take a JSON document for YAML (`openapi-spec-validator` among them) refuse
/// DEL and the C1 controls raw too.
fn write_string(out: &mut String, text: &str) {
    write_quoted(out, text, |c| !c.is_control());
}

/// `text` between double quotes, in the escapes JSON and YAML share: `\"`, `\\`, `\n`, `\r`,
/// `\t`, and `\uXXXX` for every other character that `raw` does not allow as it is.
pub(crate) fn write_quoted(out: &mut String, text: &str, raw: impl Fn(char) -> bool) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if raw(c) => out.push(c),
            // YAML's escape past U+FFFF; JSON writes every such character raw, never this.
            c if u32::from(c) > 0xFFFF => {
                let _ = write!(out, "\\U{:08x}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
        }
    }
    out.push('"');
}

/// A JSON number for `value`, written the way `serde_json` writes an `f64` (`0.0`, `1.5`),
/// so that examples read as the bodies the generated Rust sends. JSON has no infinities or
/// NaN; like `serde_json`, they become `null`. The same text is a YAML float or null.
pub(crate) fn write_float(out: &mut String, value: f64) {
    if !value.is_finite() {
        out.push_str("null");
    } else if value.fract() == 0.0 && value.abs() < 1e16 {
        let _ = write!(out, "{value:.1}");
    } else {
        let _ = write!(out, "{value}");
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Self {
        Json::String(text.to_owned())
    }
}

impl From<String> for Json {
    fn from(text: String) -> Self {
        Json::String(text)
    }
}

impl From<&String> for Json {
    fn from(text: &String) -> Self {
        Json::String(text.clone())
    }
}

impl From<bool> for Json {
    fn from(value: bool) -> Self {
        Json::Bool(value)
    }
}

impl From<i64> for Json {
    fn from(value: i64) -> Self {
        Json::Int(value)
    }
}

impl From<u16> for Json {
    fn from(value: u16) -> Self {
        Json::Int(value.into())
    }
}

impl From<Vec<Json>> for Json {
    fn from(items: Vec<Json>) -> Self {
        Json::Array(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_serde_json_pretty() {
        let value = Json::object()
            .with("z", "first")
            .with(
                "a",
                Json::Array(vec![Json::Int(-1), Json::Float(0.0), Json::Null]),
            )
            .with("empty", Json::object())
            .with("none", Json::Array(Vec::new()))
            .with("flag", true);
        assert_eq!(
            value.to_pretty(),
            "{\n  \"z\": \"first\",\n  \"a\": [\n    -1,\n    0.0,\n    null\n  ],\n  \"empty\": {},\n  \"none\": [],\n  \"flag\": true\n}\n"
        );
    }

    #[test]
    fn escapes_what_json_and_yaml_readers_require() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\nd\te\u{1}f/é\u{7f}\u{85}");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\te\\u0001f/é\\u007f\\u0085\"");
    }

    #[test]
    fn floats() {
        for (value, text) in [
            (0.0, "0.0"),
            (1.5, "1.5"),
            (-2.0, "-2.0"),
            (f64::NAN, "null"),
        ] {
            let mut out = String::new();
            write_float(&mut out, value);
            assert_eq!(out, text);
        }
    }
}
