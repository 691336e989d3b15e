//! Finding where a node of a YAML document is, for diagnostics.
//!
//! `serde_yaml` does not keep positions once a document is parsed, but it attaches the
//! position of the node being deserialized to any error raised while deserializing it. So to
//! locate a node we walk the document with a deserializer that skips everything off the path
//! and raises an error on the node itself. The same walk can deserialize a typed value at a
//! path, which locates structural errors deep inside one entry exactly.
//!
//! Each walk parses the document once; it is used only on the error path.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Step {
    /// A mapping entry, by its key (integer keys are matched by their decimal text). Most
    /// keys are the format's own words, borrowed rather than copied into every path.
    Key(std::borrow::Cow<'static, str>),
    /// A sequence element, by its index.
    Index(usize),
}

/// A path from the document root to one node.
///
/// Validation builds a path for every code it looks at, though few are ever reported, so
/// the steps of a path as deep as the format's own live inline: extending one copies it
/// rather than allocating.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct YamlPath {
    steps: Steps,
    /// Point at the key of the last step rather than at its value.
    at_key: bool,
}

/// How many steps a path holds without allocating: `codes[3].fields[0].name` takes five.
const INLINE_STEPS: usize = 6;

/// The steps of a path: inline up to [`INLINE_STEPS`], on the heap beyond.
#[derive(Clone)]
enum Steps {
    Inline(usize, [Step; INLINE_STEPS]),
    Heap(Vec<Step>),
}

impl Steps {
    fn as_slice(&self) -> &[Step] {
        match self {
            Steps::Inline(len, steps) => &steps[..*len],
            Steps::Heap(steps) => steps,
        }
    }

    /// These steps followed by `step`.
    fn then(&self, step: Step) -> Self {
        match self {
            Steps::Inline(len, steps) if *len < INLINE_STEPS => {
                let mut steps = steps.clone();
                steps[*len] = step;
                Steps::Inline(len + 1, steps)
            }
            _ => {
                let mut steps = Vec::with_capacity(self.as_slice().len() + 1);
                steps.extend_from_slice(self.as_slice());
                steps.push(step);
                Steps::Heap(steps)
            }
        }
    }
}

impl Default for Steps {
    fn default() -> Self {
        Steps::Inline(0, [const { Step::Index(0) }; INLINE_STEPS])
    }
}

impl fmt::Debug for Steps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt(f)
    }
}

impl PartialEq for Steps {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Steps {}

impl PartialOrd for Steps {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Steps {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_slice().cmp(other.as_slice())
    }
}

impl YamlPath {
    /// The document root.
    pub(crate) fn root() -> Self {
        Self::default()
    }

    /// This path extended by a mapping key.
    pub(crate) fn key(&self, key: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        Self {
            steps: self.steps.then(Step::Key(key.into())),
            at_key: false,
        }
    }

    /// This path extended by a sequence index.
    pub(crate) fn index(&self, index: usize) -> Self {
        Self {
            steps: self.steps.then(Step::Index(index)),
            at_key: false,
        }
    }

    /// The same entry, pointing at its key instead of its value.
    pub(crate) fn the_key(mut self) -> Self {
        self.at_key = matches!(self.steps.as_slice().last(), Some(Step::Key(_)));
        self
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.steps.as_slice().is_empty() {
            return f.write_str(".");
        }
        for (i, step) in self.steps.as_slice().iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => f.write_str(key)?,
                Step::Key(key) => write!(f, ".{key}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub(crate) fn of_error(error: &serde_yaml::Error) -> Option<Self> {
        error.location().map(|location| Position {
            line: location.line(),
            column: location.column(),
        })
    }
}

/// The marker message of the error raised on the node being looked for.
const FOUND: &str = "errcat-probe-found-the-node";

/// The position of the node at `path`, or `None` when the document has no such node.
pub(crate) fn locate(source: &str, path: &YamlPath) -> Option<Position> {
    let walk = Walk {
        steps: path.steps.as_slice(),
        at_key: path.at_key,
        leaf: MarkHere,
    };
    match walk.deserialize(serde_yaml::Deserializer::from_str(source)) {
        Err(error) if message_of(&error) == FOUND => Position::of_error(&error),
        _ => None,
    }
}

/// Where the second document of a YAML stream starts, if there is one.
pub(crate) fn second_document(source: &str) -> Option<Position> {
    let document = serde_yaml::Deserializer::from_str(source).nth(1)?;
    match document.deserialize_any(FailVisitor) {
        Err(error) => Position::of_error(&error),
        Ok(()) => None,
    }
}

/// Where `key` appears for the second time in the block mapping whose first key starts at
/// `mapping`: the YAML parser reports a repeated key at its mapping, which leaves the reader
/// to find the repeat. `None` for a flow mapping, or when the repeat cannot be told from the
/// text (a quoted or multi-line key written differently).
pub(crate) fn repeated_key(source: &str, mapping: Position, key: &str) -> Option<Position> {
    let column = mapping.column.checked_sub(1)?;
    let mut seen = 0;
    for (index, line) in source
        .lines()
        .enumerate()
        .skip(mapping.line.checked_sub(1)?)
    {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        let blank = chars[indent..].first().is_none_or(|c| *c == '#');
        if index + 1 > mapping.line && !blank && indent < column {
            // A line left of the mapping's keys ends it.
            return None;
        }
        let at_key = if index + 1 == mapping.line {
            true
        } else {
            !blank && indent == column
        };
        if !at_key || chars.len() <= column {
            continue;
        }
        let rest: String = chars[column..].iter().collect();
        let names_key = [key.to_owned(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .any(|written| {
                rest.strip_prefix(written.as_str())
                    .is_some_and(|after| after.trim_start_matches(' ').starts_with(':'))
            });
        if names_key {
            seen += 1;
            if seen == 2 {
                return Some(Position {
                    line: index + 1,
                    column: mapping.column,
                });
            }
        }
    }
    None
}

/// Deserializes a `T` from the node at `path`, so that its errors carry exact positions.
/// `Ok(None)` when the document has no such node.
pub(crate) fn deserialize_at<T: de::DeserializeOwned>(
    source: &str,
    path: &YamlPath,
) -> Result<Option<T>, serde_yaml::Error> {
    let mut found = None;
    let walk = Walk {
        steps: path.steps.as_slice(),
        at_key: false,
        leaf: Parse(&mut found, PhantomData),
    };
    walk.deserialize(serde_yaml::Deserializer::from_str(source))?;
    Ok(found)
}

/// The message of a `serde_yaml` error without its path prefix and position suffix, which
/// diagnostics show in their own way.
pub(crate) fn message_of(error: &serde_yaml::Error) -> String {
    let mut text = error.to_string();
    if let Some(position) = Position::of_error(error) {
        let suffix = format!(" at line {} column {}", position.line, position.column);
        if let Some(stripped) = text.strip_suffix(&suffix) {
            text.truncate(stripped.len());
        }
    }
    // Errors raised below the root are prefixed with the path, e.g. `codes[3].status: `. A
    // key in the path may itself hold `: `, so the message is found by how serde (and this
    // module) start their messages; failing that, the path is taken to have no whitespace.
    let after_path = text.match_indices(": ").map(|(at, _)| at + 2).find(|&at| {
        SERDE_MESSAGES
            .iter()
            .any(|start| text[at..].starts_with(start))
    });
    if let Some(at) = after_path {
        return text[at..].to_owned();
    }
    if let Some((prefix, rest)) = text.split_once(": ")
        && !prefix.is_empty()
        && !prefix.contains(char::is_whitespace)
        && !prefix.contains('`')
    {
        return rest.to_owned();
    }
    text
}

/// How the errors of serde's derived and built-in deserializers begin, and this module's
/// marker.
const SERDE_MESSAGES: &[&str] = &[
    "unknown field",
    "unknown variant",
    "missing field",
    "duplicate field",
    "invalid type",
    "invalid value",
    "invalid length",
    FOUND,
];

/// What to do on arriving at the node.
trait Leaf<'de> {
    fn at<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error>;
}

/// Raise the marker error, which `serde_yaml` tags with the node's position.
struct MarkHere;

impl<'de> Leaf<'de> for MarkHere {
    fn at<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(FailVisitor)
    }
}

/// Deserialize a `T` there and keep it.
struct Parse<'a, T>(&'a mut Option<T>, PhantomData<T>);

impl<'de, T: de::Deserialize<'de>> Leaf<'de> for Parse<'_, T> {
    fn at<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        *self.0 = Some(T::deserialize(deserializer)?);
        Ok(())
    }
}

/// Walks `steps` down from the current node, skipping every other node.
struct Walk<'p, L> {
    steps: &'p [Step],
    at_key: bool,
    leaf: L,
}

impl<'de, L: Leaf<'de>> DeserializeSeed<'de> for Walk<'_, L> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.steps.is_empty() {
            self.leaf.at(deserializer)
        } else {
            deserializer.deserialize_any(self)
        }
    }
}

impl<'de, L: Leaf<'de>> Visitor<'de> for Walk<'_, L> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Step::Key(wanted), rest)) = self.steps.split_first() else {
            return skip_map(map);
        };
        let mark_key = self.at_key && rest.is_empty();
        // A key read as a number, boolean or null matches the wanted text that YAML reads as
        // the same value: the text may be spelled `0x1F`, `True` or `~`.
        let scalar = serde_yaml::from_str::<serde_yaml::Value>(wanted).ok();
        let seed = || KeySeed {
            wanted,
            scalar: scalar.as_ref(),
            mark_key,
        };
        while let Some(matched) = map.next_key_seed(seed())? {
            if matched {
                map.next_value_seed(Walk {
                    steps: rest,
                    at_key: self.at_key,
                    leaf: self.leaf,
                })?;
                // The deserializer insists that every entry of a mapping is consumed.
                return skip_map(map);
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((&Step::Index(wanted), rest)) = self.steps.split_first() else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        };
        for _ in 0..wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Walk {
            steps: rest,
            at_key: self.at_key,
            leaf: self.leaf,
        })?;
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    // A scalar where the path goes deeper: the node does not exist.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Ok(())
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged node (`!tag value`): the path cannot go into it.
        let (IgnoredAny, variant) = data.variant::<IgnoredAny>()?;
        de::VariantAccess::newtype_variant::<IgnoredAny>(variant)?;
        Ok(())
    }
}

fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Reads one mapping key and says whether it is the wanted one; raises the marker error on
/// it when the key itself is being located.
struct KeySeed<'p> {
    wanted: &'p str,
    /// What YAML reads `wanted` as.
    scalar: Option<&'p serde_yaml::Value>,
    mark_key: bool,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl KeySeed<'_> {
    fn matched<E: de::Error>(self, matched: bool) -> Result<bool, E> {
        match (matched, self.mark_key) {
            (true, true) => Err(E::custom(FOUND)),
            (matched, _) => Ok(matched),
        }
    }

    fn same_value<E: de::Error>(self, key: serde_yaml::Value, text: String) -> Result<bool, E> {
        let matched = self.scalar == Some(&key) || text == self.wanted;
        self.matched(matched)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        let matched = key == self.wanted;
        self.matched(matched)
    }
    fn visit_i64<E: de::Error>(self, key: i64) -> Result<bool, E> {
        self.same_value(key.into(), key.to_string())
    }
    fn visit_u64<E: de::Error>(self, key: u64) -> Result<bool, E> {
        self.same_value(key.into(), key.to_string())
    }
    fn visit_i128<E: de::Error>(self, key: i128) -> Result<bool, E> {
        let matched = key.to_string() == self.wanted;
        self.matched(matched)
    }
    fn visit_u128<E: de::Error>(self, key: u128) -> Result<bool, E> {
        let matched = key.to_string() == self.wanted;
        self.matched(matched)
    }
    fn visit_bool<E: de::Error>(self, key: bool) -> Result<bool, E> {
        self.same_value(key.into(), key.to_string())
    }
    fn visit_f64<E: de::Error>(self, key: f64) -> Result<bool, E> {
        self.same_value(key.into(), key.to_string())
    }
    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        self.same_value(serde_yaml::Value::Null, "~".to_owned())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<bool, A::Error> {
        skip_map(map).map(|()| false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    /// A tagged key (`!tag name:`): the loader reads it by its text, so it is matched by
    /// the value the tag is on.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<bool, A::Error> {
        let (IgnoredAny, variant) = data.variant::<IgnoredAny>()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

/// Fails on whatever node it is given, so that the error carries that node's position.
struct FailVisitor;

impl<'de> Visitor<'de> for FailVisitor {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("nothing")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(FOUND))
    }
    fn visit_some<D: Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
        Err(de::Error::custom(FOUND))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(FOUND))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "name: x\ncodes:\n  - code: 1\n    message: One\n  - { code: 2, status: 404 }\nstatuses:\n  200: OK\n";

    fn at(path: &YamlPath) -> Option<(usize, usize)> {
        locate(DOC, path).map(|p| (p.line, p.column))
    }

    #[test]
    fn locates_values_keys_and_flow_entries() {
        let root = YamlPath::root();
        assert_eq!(at(&root.key("name")), Some((1, 7)));
        assert_eq!(at(&root.key("name").the_key()), Some((1, 1)));
        assert_eq!(at(&root.key("codes").index(0)), Some((3, 5)));
        assert_eq!(
            at(&root.key("codes").index(0).key("message")),
            Some((4, 14))
        );
        assert_eq!(at(&root.key("codes").index(1).key("status")), Some((5, 24)));
        assert_eq!(at(&root.key("statuses").key("200").the_key()), Some((7, 3)));
    }

    #[test]
    fn missing_nodes_have_no_position() {
        let root = YamlPath::root();
        assert_eq!(at(&root.key("codes").index(5)), None);
        assert_eq!(at(&root.key("name").key("deeper")), None);
        assert_eq!(at(&root.key("nothing")), None);
    }

    #[test]
    fn finds_the_second_document() {
        let at = |source| second_document(source).map(|p| (p.line, p.column));
        assert_eq!(at("a: 1\n---\nb: 2\n"), Some((3, 1)));
        assert_eq!(at("---\na: 1\n...\n---\n  - x\n"), Some((5, 3)));
        assert_eq!(at("a: 1\n"), None);
    }

    #[test]
    fn typed_errors_point_into_the_entry() {
        let path = YamlPath::root().key("codes").index(1).key("status");
        let error = deserialize_at::<bool>(DOC, &path).unwrap_err();
        assert_eq!(
            Position::of_error(&error),
            Some(Position {
                line: 5,
                column: 24
            })
        );
        assert_eq!(
            message_of(&error),
            "invalid type: integer `404`, expected a boolean"
        );
        // Found before the end of the document: the rest is still read.
        let parsed: Option<u16> = deserialize_at(DOC, &path).unwrap();
        assert_eq!(parsed, Some(404));
    }

    #[test]
    fn keys_match_however_yaml_spells_them() {
        let doc = "~: a\nTrue: b\n0x1F: c\n1.50: d\nplain: e\n";
        let at = |key: &str| {
            locate(doc, &YamlPath::root().key(key.to_owned()).the_key()).map(|p| p.line)
        };
        assert_eq!(at("~"), Some(1));
        assert_eq!(at("null"), Some(1));
        assert_eq!(at("True"), Some(2));
        assert_eq!(at("0x1F"), Some(3));
        assert_eq!(at("31"), Some(3));
        assert_eq!(at("1.50"), Some(4));
        assert_eq!(at("plain"), Some(5));
        assert_eq!(at("1.5"), Some(4));
    }

    #[test]
    fn locates_below_keys_with_spaces_and_colons() {
        let doc = "\"a b: c\":\n  - x\n  - { name: y }\n";
        let path = YamlPath::root().key("a b: c").index(1).key("name");
        assert_eq!(
            locate(doc, &path).map(|p| (p.line, p.column)),
            Some((3, 13))
        );
        let error = deserialize_at::<bool>(doc, &path).unwrap_err();
        assert_eq!(
            message_of(&error),
            "invalid type: string \"y\", expected a boolean"
        );
    }

    #[test]
    fn locates_integers_past_64_bits() {
        let doc = "a: -9223372036854775809\nb: 18446744073709551616\n99999999999999999999: c\n";
        let at = |path: &YamlPath| locate(doc, path).map(|p| (p.line, p.column));
        assert_eq!(at(&YamlPath::root().key("a")), Some((1, 4)));
        assert_eq!(at(&YamlPath::root().key("b")), Some((2, 4)));
        let key = YamlPath::root().key("99999999999999999999").the_key();
        assert_eq!(at(&key), Some((3, 1)));
    }

    #[test]
    fn a_repeated_key_is_found_in_its_own_block_mapping() {
        let at = |line, column| Position { line, column };
        let source = "codes:\n  - code: 1\n    nested:\n      status: 1\n    status: 400\n    # status: 0\n    \"status\": 404\n  - status: 1\n";
        assert_eq!(repeated_key(source, at(2, 5), "status"), Some(at(7, 5)));
        // The next entry of the sequence ends the mapping.
        assert_eq!(repeated_key(source, at(2, 5), "code"), None);
        let top = "name: a\ntitle: b\nname: c\n";
        assert_eq!(repeated_key(top, at(1, 1), "name"), Some(at(3, 1)));
        // A flow mapping is left where the parser put it.
        assert_eq!(repeated_key("x: { a: 1, a: 2 }\n", at(1, 4), "a"), None);
        assert_eq!(repeated_key("", at(0, 0), "a"), None);
        assert_eq!(repeated_key("é: 1\né: 2\n", at(1, 1), "é"), Some(at(2, 1)));
    }
}
