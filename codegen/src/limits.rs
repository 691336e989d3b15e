//! Bounds on the size and shape of a catalog, so that no file can make errcat run for long or
//! hold much memory.
//!
//! YAML lets a small file describe a huge document: an alias repeats its anchored node
//! wherever it is used (the "billion laughs" attack), and flow collections nest without
//! indentation. The parser stops runaway recursion but not expansion, so before anything
//! else reads a catalog, its document is walked once, aliases expanded exactly as every later
//! reader expands them, and the walk stops at the first node past a limit. Every later pass
//! over the document therefore sees at most [`MAX_NODES`] nodes and [`MAX_TEXT_BYTES`] of
//! text. Once the catalog is parsed, [`check_counts`] bounds the lists that validation
//! compares with each other.
//!
//! The limits are far above what real catalogs need: the bundled ones are under 10 KB, at
//! most 7 levels deep, with at most 40 codes.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::catalog::{RawCatalog, RawEntry};
use crate::diagnostic::{At, Problem};
use crate::flow_depth;
use crate::locate::{self, Position, YamlPath};

/// The largest catalog file, in bytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// The deepest nesting of mappings and sequences. A catalog's own structure is 7 deep.
pub const MAX_DEPTH: usize = 32;
/// The most YAML nodes (scalars, mappings, sequences, keys included) after expanding aliases.
pub const MAX_NODES: usize = 250_000;
/// The most scalar text, in bytes, after expanding aliases.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// The longest single string, in bytes.
pub const MAX_STRING_BYTES: usize = 64 * 1024;
/// The most codes in one catalog.
pub const MAX_CODES: usize = 10_000;
/// The most groups in one catalog.
pub const MAX_GROUPS: usize = 1_000;
/// The most helper schemas under `envelope.schemas`.
pub const MAX_SCHEMAS: usize = 256;
/// The most fields, counting the envelope's and every schema's.
pub const MAX_FIELDS: usize = 1_000;
/// The most aliases, over all codes.
pub const MAX_ALIASES: usize = 10_000;
/// The most problems reported for one file; each is located by reading the file again.
pub const MAX_PROBLEMS: usize = 20;

/// The hint shared by the limits on how much a catalog may hold.
const SPLIT_HINT: &str = "one catalog describes one API; split the codes of a larger API into several catalogs (see README.md, \"Limits\")";

/// Checks the size of `source` and the shape of its YAML document.
///
/// A document that is not valid YAML passes: the catalog parser reports its syntax errors.
pub fn check_document(source: &str) -> Result<(), Vec<Problem>> {
    if source.len() > MAX_FILE_BYTES {
        return Err(vec![file_too_large(source.len())]);
    }
    // Flow nesting first: the parser itself would take hours over a deeply nested file.
    if let Some(mark) = flow_depth::deeper_than(source, MAX_DEPTH) {
        return Err(vec![Problem {
            at: At::Position(Position {
                line: mark.line + 1,
                column: mark.column + 1,
            }),
            message: format!(
                "flow collections (`[`, `{{`) nest deeper than {MAX_DEPTH} levels here"
            ),
            hint: Some(Exceeded::Depth.hint().to_owned()),
            related: None,
        }]);
    }
    let mut budget = Budget::default();
    let walk = Shape {
        budget: &mut budget,
        depth: 0,
    };
    let Err(error) = walk.deserialize(serde_yaml::Deserializer::from_str(source)) else {
        return Ok(());
    };
    // The parser also counts alias jumps, and may stop before the walk counts enough nodes;
    // it does not say where.
    let exceeded = match budget.exceeded {
        Some(exceeded) => exceeded,
        None if locate::message_of(&error) == "repetition limit exceeded" => Exceeded::Nodes,
        None => return Ok(()),
    };
    Err(vec![Problem {
        at: Position::of_error(&error).map_or(At::Nowhere, At::Position),
        message: exceeded.to_string(),
        hint: Some(exceeded.hint().to_owned()),
        related: None,
    }])
}

/// The problem of a file larger than [`MAX_FILE_BYTES`].
pub fn file_too_large(bytes: usize) -> Problem {
    Problem {
        at: At::Nowhere,
        message: format!(
            "the catalog is larger than {} ({bytes} bytes or more)",
            size(MAX_FILE_BYTES)
        ),
        hint: Some(SPLIT_HINT.to_owned()),
        related: None,
    }
}

/// Checks how many codes, groups, schemas and fields a parsed catalog has.
pub fn check_counts(raw: &RawCatalog) -> Result<(), Vec<Problem>> {
    let root = YamlPath::root();
    let mut problems = Vec::new();
    let mut over = |count: usize, max: usize, what: &str, path: YamlPath| {
        if count > max {
            problems.push(
                Problem::at(
                    path,
                    format!("the catalog has {count} {what}, more than the {max} allowed"),
                )
                .hint(SPLIT_HINT),
            );
        }
    };
    over(
        raw.codes.len(),
        MAX_CODES,
        "codes",
        root.key("codes").index(MAX_CODES),
    );
    over(
        raw.groups.len(),
        MAX_GROUPS,
        "groups",
        root.key("groups").index(MAX_GROUPS),
    );
    let aliases = |entry: &RawEntry| entry.live().map_or(0, |code| code.aliases.len());
    let alias_count = raw.codes.iter().map(aliases).sum();
    let mut seen = 0;
    let past_aliases = raw.codes.iter().position(|entry| {
        seen += aliases(entry);
        seen > MAX_ALIASES
    });
    over(
        alias_count,
        MAX_ALIASES,
        "aliases",
        past_aliases.map_or(root.key("codes"), |index| {
            root.key("codes").index(index).key("aliases")
        }),
    );
    let schemas = root.key("envelope").key("schemas");
    let schema_count = raw.envelope.schemas.len();
    let past_schemas = raw.envelope.schemas.keys().nth(MAX_SCHEMAS);
    over(
        schema_count,
        MAX_SCHEMAS,
        "schemas",
        past_schemas.map_or(schemas.clone(), |name| schemas.key(name).the_key()),
    );
    let field_count = raw.envelope.fields.len()
        + raw
            .envelope
            .schemas
            .values()
            .map(|schema| schema.fields.len())
            .sum::<usize>();
    over(
        field_count,
        MAX_FIELDS,
        "fields in the envelope and its schemas",
        root.key("envelope").key("fields"),
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// `1 MiB`, `64 KiB`.
fn size(bytes: usize) -> String {
    if bytes % (1024 * 1024) == 0 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{} KiB", bytes / 1024)
    }
}

/// Which limit the walk stopped at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exceeded {
    Depth,
    Nodes,
    Text,
    String(usize),
}

impl Exceeded {
    fn hint(self) -> &'static str {
        match self {
            Exceeded::Depth => {
                "a catalog is at most 7 levels deep; look for unclosed `[` or `{`, or a value nested by mistake"
            }
            Exceeded::Nodes | Exceeded::Text => {
                "each alias (`*name`) repeats its anchored node; use fewer or smaller aliases, or split the catalog"
            }
            Exceeded::String(_) => {
                "keep messages to one line and descriptions to a few paragraphs; link to longer documentation"
            }
        }
    }
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exceeded::Depth => write!(f, "the catalog nests deeper than {MAX_DEPTH} levels here"),
            Exceeded::Nodes => write!(
                f,
                "the catalog holds more than {MAX_NODES} YAML nodes once aliases are expanded"
            ),
            Exceeded::Text => write!(
                f,
                "the catalog holds more than {} of text once aliases are expanded",
                size(MAX_TEXT_BYTES)
            ),
            Exceeded::String(bytes) => write!(
                f,
                "this string is {bytes} bytes long, more than the {} allowed",
                size(MAX_STRING_BYTES)
            ),
        }
    }
}

/// What the walk has seen so far, and the limit it stopped at.
#[derive(Default)]
struct Budget {
    nodes: usize,
    text: usize,
    exceeded: Option<Exceeded>,
}

impl Budget {
    /// Counts one node holding `text` bytes; an error once a limit is passed.
    fn spend<E: de::Error>(&mut self, text: usize) -> Result<(), E> {
        self.nodes += 1;
        self.text += text;
        self.exceeded = if text > MAX_STRING_BYTES {
            Some(Exceeded::String(text))
        } else if self.nodes > MAX_NODES {
            Some(Exceeded::Nodes)
        } else if self.text > MAX_TEXT_BYTES {
            Some(Exceeded::Text)
        } else {
            return Ok(());
        };
        Err(E::custom("catalog limit exceeded"))
    }
}

/// Walks one node and everything below it, expanding aliases.
struct Shape<'b> {
    budget: &'b mut Budget,
    depth: usize,
}

impl Shape<'_> {
    fn child(&mut self) -> Shape<'_> {
        Shape {
            budget: self.budget,
            depth: self.depth + 1,
        }
    }

    fn enter<E: de::Error>(&mut self) -> Result<(), E> {
        self.budget.spend(0)?;
        if self.depth >= MAX_DEPTH {
            self.budget.exceeded = Some(Exceeded::Depth);
            return Err(E::custom("catalog limit exceeded"));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Shape<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Shape<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.enter()?;
        while map.next_key_seed(self.child())?.is_some() {
            map.next_value_seed(self.child())?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.enter()?;
        while seq.next_element_seed(self.child())?.is_some() {}
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(mut self, data: A) -> Result<(), A::Error> {
        // A tagged node (`!tag value`): the tag, then the value under it.
        let (de::IgnoredAny, variant) = data.variant()?;
        de::VariantAccess::newtype_variant_seed(variant, self.child())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.budget.spend(text.len())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.budget.spend(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exceeded(source: &str) -> Option<(String, usize)> {
        check_document(source).err().map(|problems| {
            let line = match problems[0].at {
                At::Position(position) => position.line,
                _ => 0,
            };
            (problems[0].message.clone(), line)
        })
    }

    #[test]
    fn ordinary_documents_pass() {
        assert_eq!(exceeded("a: [1, {b: c}]\nd: &x e\nf: *x\n"), None);
        assert_eq!(
            exceeded("a: [unclosed"),
            None,
            "syntax is the parser's to report"
        );
    }

    #[test]
    fn nesting_stops_at_the_limit() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(exceeded(&ok), None);
        let deep = format!("a:\n  b: {}", "[".repeat(1_000_000));
        let (message, line) = exceeded(&deep).unwrap();
        assert!(message.contains("flow collections"), "{message}");
        assert!(message.contains("deeper than 32"), "{message}");
        assert_eq!(line, 2);
        // Block nesting is only found by walking the parsed document.
        let mut block = String::new();
        for level in 0..40 {
            block.push_str(&format!("{}k:\n", " ".repeat(level)));
        }
        let (message, line) = exceeded(&block).unwrap();
        assert_eq!(message, "the catalog nests deeper than 32 levels here");
        assert_eq!(line, 33);
    }

    #[test]
    fn alias_expansion_is_bounded() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = format!("*a{}", level - 1);
            let row = [prev.as_str(); 10].join(", ");
            bomb.push_str(&format!("a{level}: &a{level} [{row}]\n"));
        }
        let (message, _) = exceeded(&bomb).unwrap();
        assert!(
            message.contains("nodes once aliases are expanded"),
            "{message}"
        );

        // Few aliases, each expanding a large node: the parser's jump count is no help.
        let list = vec!["x"; 5_000].join(", ");
        let wide = format!("a: &a [{list}]\nb: [{}]\n", vec!["*a"; 60].join(", "));
        let (message, line) = exceeded(&wide).unwrap();
        assert!(
            message.contains("nodes once aliases are expanded"),
            "{message}"
        );
        assert_eq!(line, 1, "points into the expanded node");

        let text = format!(
            "s: &s \"{}\"\nl: [{}]\n",
            "x".repeat(60_000),
            vec!["*s"; 100].join(", ")
        );
        let (message, _) = exceeded(&text).unwrap();
        assert!(message.contains("4 MiB of text"), "{message}");
    }

    #[test]
    fn long_strings_and_large_files_are_rejected() {
        let long = format!("a: b\nc: {}\n", "x".repeat(MAX_STRING_BYTES + 1));
        assert_eq!(
            exceeded(&long),
            Some((
                "this string is 65537 bytes long, more than the 64 KiB allowed".into(),
                2
            ))
        );
        let large = "#".repeat(MAX_FILE_BYTES + 1);
        let (message, line) = exceeded(&large).unwrap();
        assert_eq!(
            message,
            "the catalog is larger than 1 MiB (1048577 bytes or more)"
        );
        assert_eq!(line, 0);
    }
}
