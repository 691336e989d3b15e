//! An ordered JSON tree, and how it is printed as JSON.
//!
//! The OpenAPI emitter needs objects whose keys keep the order they were inserted in
//! (`openapi`, `info`, `paths`, `components`; envelope fields in wire order), and its output
//! must be the same bytes on every run. A `Vec` of pairs gives both without a map type whose
//! order depends on a feature flag. Printing JSON by hand keeps `serde_json` out of the
//! library, so build-dependency users compile nothing more. `yaml.rs` prints the same tree
//! as YAML.
//!
//! A part of a document that grows with the catalog (an entry per code) can stand in the tree
//! as a [`Json::Deferred`] slot, whose members a [`Source`] makes one at a time while the tree
//! is printed: for 100,000 codes, building, printing and freeing a tree of every entry cost
//! more than the rest of the emitter together.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A key of a JSON object: most are the emitters' own words, borrowed rather than copied.
pub(crate) type Key = Cow<'static, str>;

/// A JSON value whose objects keep their keys in insertion order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(Key, Json)>),
    /// An array or object whose members the [`Source`] the tree is printed with makes.
    Deferred(Slot),
}

/// A deferred array or object: which of its source's parts it is, and what the printers must
/// know before its first member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    /// The part of the source that makes the members.
    pub(crate) index: usize,
    /// How many members the part makes.
    pub(crate) len: usize,
    /// An array (members without keys) rather than an object.
    pub(crate) array: bool,
}

/// What makes the members of the [`Json::Deferred`] slots of a tree.
pub(crate) trait Source {
    /// Calls `member` with each member of part `index`, in order: its key in an object,
    /// `None` in an array. Each member may be dropped as soon as `member` returns.
    fn members(&self, index: usize, member: &mut dyn FnMut(Option<&str>, &Json));
}

/// The source of a tree without slots.
impl Source for () {
    fn members(&self, _: usize, _: &mut dyn FnMut(Option<&str>, &Json)) {}
}

/// Members an object has room for from its first: no more than a response example has.
const OBJECT_MEMBERS: usize = 10;

impl Json {
    /// An empty object.
    pub(crate) fn object() -> Self {
        Json::Object(Vec::new())
    }

    /// `self` with `key` appended. Only objects take keys; the emitters build nothing else
    /// with it, so other values are returned unchanged.
    pub(crate) fn with(mut self, key: impl Into<Key>, value: impl Into<Json>) -> Self {
        self.insert(key, value);
        self
    }

    /// `self` with `key` appended when `value` is present.
    pub(crate) fn with_some(self, key: impl Into<Key>, value: Option<impl Into<Json>>) -> Self {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    /// Appends `key` to an object.
    pub(crate) fn insert(&mut self, key: impl Into<Key>, value: impl Into<Json>) {
        if let Json::Object(members) = self {
            // Room for a response example's members at once: the objects made per code are
            // built member by member, and grown by doubling each was copied twice.
            if members.capacity() == 0 {
                members.reserve_exact(OBJECT_MEMBERS);
            }
            members.push((key.into(), value.into()));
        }
    }

    /// Pretty-printed JSON: two-space indentation, `"key": value`, a trailing newline.
    pub(crate) fn to_pretty(&self) -> String {
        let mut out = String::with_capacity(4096);
        self.write_pretty(&mut out, &());
        out
    }

    /// Appends the pretty-printed JSON of the tree to `out`, its slots made by `source`.
    pub(crate) fn write_pretty(&self, out: &mut String, source: &dyn Source) {
        self.write(out, 0, source);
        out.push('\n');
    }

    /// The tree with every slot replaced by the array or object `source` makes.
    pub(crate) fn materialize(self, source: &dyn Source) -> Json {
        match self {
            Json::Deferred(slot) => {
                let mut members = Vec::with_capacity(slot.len);
                source.members(slot.index, &mut |key, value| {
                    let key = Key::Owned(key.unwrap_or_default().to_owned());
                    members.push((key, value.clone().materialize(source)));
                });
                if slot.array {
                    Json::Array(members.into_iter().map(|(_, item)| item).collect())
                } else {
                    Json::Object(members)
                }
            }
            Json::Array(items) => Json::Array(
                items
                    .into_iter()
                    .map(|item| item.materialize(source))
                    .collect(),
            ),
            Json::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(key, value)| (key, value.materialize(source)))
                    .collect(),
            ),
            scalar => scalar,
        }
    }

    /// Calls `member` with each member of an array, object or slot, as [`Source::members`]
    /// does; a scalar has none.
    pub(crate) fn members(&self, source: &dyn Source, member: &mut dyn FnMut(Option<&str>, &Json)) {
        match self {
            Json::Array(items) => items.iter().for_each(|item| member(None, item)),
            Json::Object(members) => members
                .iter()
                .for_each(|(key, value)| member(Some(key), value)),
            Json::Deferred(slot) => source.members(slot.index, member),
            _ => {}
        }
    }

    /// Whether the value is an array or object with members (a slot says how many it has).
    pub(crate) fn is_collection(&self) -> bool {
        match self {
            Json::Object(members) => !members.is_empty(),
            Json::Array(items) => !items.is_empty(),
            Json::Deferred(slot) => slot.len > 0,
            _ => false,
        }
    }

    /// Whether the value is an array, or a slot that makes one.
    pub(crate) fn is_array(&self) -> bool {
        matches!(
            self,
            Json::Array(_) | Json::Deferred(Slot { array: true, .. })
        )
    }

    fn write(&self, out: &mut String, depth: usize, source: &dyn Source) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Json::Int(value) => {
                let _ = write!(out, "{value}");
            }
            Json::Float(value) => write_float(out, *value),
            Json::String(text) => write_string(out, text),
            collection => {
                let (open, close) = if collection.is_array() {
                    ('[', ']')
                } else {
                    ('{', '}')
                };
                out.push(open);
                let mut first = true;
                collection.members(source, &mut |key, value| {
                    out.push_str(if first { "\n" } else { ",\n" });
                    first = false;
                    indent(out, depth + 1);
                    if let Some(key) = key {
                        write_string(out, key);
                        out.push_str(": ");
                    }
                    value.write(out, depth + 1, source);
                });
                if !first {
                    out.push('\n');
                    indent(out, depth);
                }
                out.push(close);
            }
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    const SPACES: &str = "                                                                ";
    let mut width = 2 * depth;
    while width > 0 {
        let step = width.min(SPACES.len());
        out.push_str(&SPACES[..step]);
        width -= step;
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
    // Runs of characters written as they are go in one copy. Printable ASCII other than
    // `"` and `\\` is written as it is whatever `raw` says; the rest is decoded and asked.
    let mut run = 0;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if (0x20..0x7f).contains(&byte) && byte != b'"' && byte != b'\\' {
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        let next = at + c.len_utf8();
        if !matches!(c, '"' | '\\' | '\n' | '\r' | '\t') && raw(c) {
            at = next;
            continue;
        }
        out.push_str(&text[run..at]);
        run = next;
        at = next;
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // YAML's escape past U+FFFF; JSON writes every such character raw, never this.
            c if u32::from(c) > 0xFFFF => {
                let _ = write!(out, "\\U{:08x}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
        }
    }
    out.push_str(&text[run..]);
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

    /// Part 0 makes an object of `n` members, part 1 an array of objects, part 2 nothing.
    struct Parts;

    impl Source for Parts {
        fn members(&self, index: usize, member: &mut dyn FnMut(Option<&str>, &Json)) {
            match index {
                0 => (0..2i64).for_each(|n| member(Some(&format!("k{n}")), &Json::Int(n))),
                1 => (0..2i64).for_each(|n| {
                    member(None, &Json::object().with("a", n).with("b", Json::object()));
                }),
                _ => {}
            }
        }
    }

    #[test]
    fn slots_print_as_the_collections_their_source_makes() {
        let slot = |index, len, array| Json::Deferred(Slot { index, len, array });
        let tree = Json::object()
            .with("object", slot(0, 2, false))
            .with("array", slot(1, 2, true))
            .with(
                "nested",
                Json::Array(vec![slot(1, 2, true), slot(0, 2, false)]),
            )
            .with("empty", slot(2, 0, true))
            .with("none", Json::Array(vec![slot(2, 0, false)]));
        let whole = tree.clone().materialize(&Parts);
        assert!(!format!("{whole:?}").contains("Deferred"));
        let (mut json, mut yaml) = (String::new(), String::new());
        tree.write_pretty(&mut json, &Parts);
        tree.write_yaml(&mut yaml, &Parts);
        assert_eq!(json, whole.to_pretty());
        assert_eq!(yaml, whole.to_yaml());
        assert!(
            json.contains("\"k1\": 1") && json.contains("\"empty\": []"),
            "{json}"
        );
        assert!(
            yaml.contains("  -\n    - a: 0\n") && yaml.contains("none:\n  - {}\n"),
            "{yaml}"
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
