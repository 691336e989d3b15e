//! Bounds on the size and shape of a catalog, so that no file can make errcat run for long or
//! hold much memory.
//!
//! YAML lets a small file describe a huge document: an alias repeats its anchored node
//! wherever it is used (the "billion laughs" attack), and flow collections nest without
//! indentation. The parser stops runaway recursion but not expansion, so before anything
//! else reads a catalog, its document is walked once, aliases expanded exactly as every later
//! reader expands them, and the walk stops at the first node past a limit. Every later pass
//! over the document therefore sees at most [`Limits::nodes`] nodes and
//! [`Limits::text_bytes`] of text. Once the catalog is parsed, [`check_counts`] bounds the
//! lists that validation compares with each other.
//!
//! The `MAX_*` constants are the defaults ([`Limits::DEFAULT`]), used by
//! [`parse`](crate::parse), [`load`](crate::load) and the [`Builder`](crate::Builder) unless
//! told otherwise. They are far above what real catalogs need: the bundled ones are under
//! 10 KB, at most 7 levels deep, with at most 40 codes. A larger catalog (a benchmark's, or
//! an API with more than 10,000 codes) is loaded with raised [`Limits`].

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::locate::{self, Position, YamlPath};
use crate::diagnostic::{At, Problem, ProblemKind};
use crate::load::flow_depth;
use crate::load::raw::{RawCatalog, RawEntry};

/// The default largest catalog file, in bytes.
pub(crate) const MAX_FILE_BYTES: usize = 1024 * 1024;
/// The default deepest nesting of mappings and sequences. A catalog's own structure is 7 deep.
pub(crate) const MAX_DEPTH: usize = 32;
/// The default most YAML nodes (scalars, mappings, sequences, keys included) after expanding
/// aliases.
pub(crate) const MAX_NODES: usize = 250_000;
/// The default most scalar text, in bytes, after expanding aliases.
pub(crate) const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// The default longest single string, in bytes.
pub(crate) const MAX_STRING_BYTES: usize = 64 * 1024;
/// The default most codes in one catalog.
pub(crate) const MAX_CODES: usize = 10_000;
/// The default most groups in one catalog.
pub(crate) const MAX_GROUPS: usize = 1_000;
/// The default most helper schemas under `envelope.schemas`.
pub(crate) const MAX_SCHEMAS: usize = 256;
/// The default most fields, counting the envelope's and every schema's.
pub(crate) const MAX_FIELDS: usize = 1_000;
/// The default most aliases, over all codes.
pub(crate) const MAX_ALIASES: usize = 10_000;

/// The deepest [`Limits::depth`] takes effect: one level less than the YAML parser's own
/// recursion limit (128), so that the walk, not the parser, reports a document nested too
/// deep, and the stack stays bounded whatever the limits say.
const DEEPEST: usize = 127;

/// The hint shared by the limits on how much a catalog may hold.
const SPLIT_HINT: &str = "one catalog describes one API; split the codes of a larger API into several catalogs, or raise the limit (see README.md, \"Limits\")";

/// The bounds a catalog is loaded within: one field per bound, each the largest value
/// allowed. [`Limits::DEFAULT`] (also [`Limits::default`]) is what [`parse`](crate::parse),
/// [`load`](crate::load), [`Loader::new`](crate::Loader::new) and the
/// [`Builder`](crate::Builder) use unless given others through
/// [`Loader::limits`](crate::Loader::limits) or [`Builder::limits`](crate::Builder::limits).
///
/// Raising a limit lets larger catalogs through, at the cost of the time and memory bound
/// the default gives against any file: raise the ones a trusted catalog needs.
///
/// ```
/// use errcat_codegen::Limits;
///
/// // A catalog of 12,000 codes: more than the default 10,000.
/// let mut source = String::from(
///     "name: big\ntitle: Big API\nversion: 1.0.0\ncode_type: integer\n\
///      envelope:\n  name: BigError\n  media_type: application/json\n  fields:\n    \
///      - { name: code, type: integer, from: code, required: true }\ncodes:\n",
/// );
/// for code in 0..12_000 {
///     source += &format!("  - {{ code: {code}, message: Code {code}, status: 400 }}\n");
/// }
/// let refused = errcat_codegen::parse("big.yaml", &source).unwrap_err();
/// assert!(refused.to_string().contains("the catalog has 12000 codes, more than the 10000 allowed"));
///
/// let mut limits = Limits::default();
/// limits.codes = 20_000;
/// let catalog = errcat_codegen::Loader::new().limits(limits).parse("big.yaml", &source)?;
/// assert_eq!(catalog.codes().len(), 12_000);
/// # Ok::<(), errcat_codegen::Diagnostics>(())
/// ```
///
/// A much larger catalog also needs a larger file, and so more YAML nodes and text:
/// [`with_file_bytes`](Self::with_file_bytes) raises the three together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest catalog file, in bytes. [`load`](crate::load) reads at most one byte more.
    pub file_bytes: usize,
    /// The deepest nesting of mappings and sequences. Values above 127 act as 127: the YAML
    /// parser refuses to recurse deeper than 128 levels anyway, so the stack stays bounded
    /// whatever this says.
    pub depth: usize,
    /// The most YAML nodes (scalars, mappings, sequences, keys included) after expanding
    /// aliases.
    pub nodes: usize,
    /// The most scalar text, in bytes, after expanding aliases.
    pub text_bytes: usize,
    /// The longest single string, in bytes.
    pub string_bytes: usize,
    /// The most codes in one catalog.
    pub codes: usize,
    /// The most groups in one catalog.
    pub groups: usize,
    /// The most helper schemas under `envelope.schemas`.
    pub schemas: usize,
    /// The most fields, counting the envelope's and every schema's.
    pub fields: usize,
    /// The most aliases, over all codes.
    pub aliases: usize,
}

impl Limits {
    /// The defaults: far above what real catalogs need (see README.md, "Limits").
    pub const DEFAULT: Limits = Limits {
        file_bytes: MAX_FILE_BYTES,
        depth: MAX_DEPTH,
        nodes: MAX_NODES,
        text_bytes: MAX_TEXT_BYTES,
        string_bytes: MAX_STRING_BYTES,
        codes: MAX_CODES,
        groups: MAX_GROUPS,
        schemas: MAX_SCHEMAS,
        fields: MAX_FIELDS,
        aliases: MAX_ALIASES,
    };

    /// These limits with [`file_bytes`](Self::file_bytes) set to `bytes`, and
    /// [`nodes`](Self::nodes) and [`text_bytes`](Self::text_bytes) scaled by the same factor,
    /// so that aliases may expand a larger file as far, relative to its size, as the old
    /// limits let them expand a smaller one. (Setting `file_bytes` alone leaves the other two
    /// as they are.)
    ///
    /// ```
    /// let limits = errcat_codegen::Limits::default().with_file_bytes(16 << 20);
    /// let default = errcat_codegen::Limits::DEFAULT;
    /// assert_eq!(limits.file_bytes, 16 * default.file_bytes);
    /// assert_eq!(limits.nodes, 16 * default.nodes);
    /// ```
    #[must_use]
    pub fn with_file_bytes(self, bytes: usize) -> Self {
        let scaled = |limit: usize| {
            let value = limit as u128 * bytes as u128 / self.file_bytes.max(1) as u128;
            usize::try_from(value).unwrap_or(usize::MAX)
        };
        Limits {
            file_bytes: bytes,
            nodes: scaled(self.nodes),
            text_bytes: scaled(self.text_bytes),
            ..self
        }
    }

    /// The nesting the walk allows: [`depth`](Self::depth), at most [`DEEPEST`].
    fn depth(&self) -> usize {
        self.depth.min(DEEPEST)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Checks the size of `source` and the shape of its YAML document.
///
/// A document that is not valid YAML passes: the catalog parser reports its syntax errors.
pub(crate) fn check_document(source: &str, limits: &Limits) -> Result<(), Vec<Problem>> {
    if source.len() > limits.file_bytes {
        return Err(vec![file_too_large(source.len(), limits)]);
    }
    let depth = limits.depth();
    // Flow nesting first: the parser itself would take hours over a deeply nested file.
    if let Some(mark) = flow_depth::deeper_than(source, depth) {
        return Err(vec![Problem {
            at: At::Position(Position {
                line: mark.line + 1,
                column: mark.column + 1,
            }),
            kind: ProblemKind::Other,
            message: format!("flow collections (`[`, `{{`) nest deeper than {depth} levels here"),
            hint: Some(Exceeded::Depth(depth).hint().to_owned()),
            related: None,
        }]);
    }
    let mut budget = Budget::new(limits);
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
        None if locate::message_of(&error) == "repetition limit exceeded" => {
            Exceeded::Nodes(limits.nodes)
        }
        None => return Ok(()),
    };
    Err(vec![Problem {
        at: Position::of_error(&error).map_or(At::Nowhere, At::Position),
        kind: ProblemKind::Other,
        message: exceeded.to_string(),
        hint: Some(exceeded.hint().to_owned()),
        related: None,
    }])
}

/// The problem of a file of `bytes` bytes, larger than [`Limits::file_bytes`].
pub(crate) fn file_too_large(bytes: usize, limits: &Limits) -> Problem {
    Problem {
        at: At::Nowhere,
        kind: ProblemKind::Other,
        message: format!(
            "the catalog is larger than {} ({bytes} bytes or more)",
            size(limits.file_bytes)
        ),
        hint: Some(SPLIT_HINT.to_owned()),
        related: None,
    }
}

/// Checks how many codes, groups, schemas and fields a parsed catalog has.
pub(crate) fn check_counts(raw: &RawCatalog, limits: &Limits) -> Result<(), Vec<Problem>> {
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
        limits.codes,
        "codes",
        root.key("codes").index(limits.codes),
    );
    over(
        raw.groups.len(),
        limits.groups,
        "groups",
        root.key("groups").index(limits.groups),
    );
    let aliases = |entry: &RawEntry| entry.live().map_or(0, |code| code.aliases.len());
    let alias_count = raw.codes.iter().map(aliases).sum();
    let mut seen = 0;
    let past_aliases = raw.codes.iter().position(|entry| {
        seen += aliases(entry);
        seen > limits.aliases
    });
    over(
        alias_count,
        limits.aliases,
        "aliases",
        past_aliases.map_or(root.key("codes"), |index| {
            root.key("codes").index(index).key("aliases")
        }),
    );
    let schemas = root.key("envelope").key("schemas");
    let schema_count = raw.envelope.schemas.len();
    let past_schemas = raw.envelope.schemas.keys().nth(limits.schemas);
    over(
        schema_count,
        limits.schemas,
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
        limits.fields,
        "fields in the envelope and its schemas",
        root.key("envelope").key("fields"),
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// `1 MiB`, `64 KiB`, `1000 bytes`.
fn size(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * KIB;
    if bytes >= MIB && bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes % KIB == 0 {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Which limit the walk stopped at, and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exceeded {
    Depth(usize),
    Nodes(usize),
    Text(usize),
    String { bytes: usize, max: usize },
}

impl Exceeded {
    fn hint(self) -> &'static str {
        match self {
            Exceeded::Depth(_) => {
                "a catalog is at most 7 levels deep; look for unclosed `[` or `{`, or a value nested by mistake"
            }
            Exceeded::Nodes(_) | Exceeded::Text(_) => {
                "each alias (`*name`) repeats its anchored node; use fewer or smaller aliases, split the catalog, or raise the limit (see README.md, \"Limits\")"
            }
            Exceeded::String { .. } => {
                "keep messages to one line and descriptions to a few paragraphs; link to longer documentation"
            }
        }
    }
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Exceeded::Depth(max) => write!(f, "the catalog nests deeper than {max} levels here"),
            Exceeded::Nodes(max) => write!(
                f,
                "the catalog holds more than {max} YAML nodes once aliases are expanded"
            ),
            Exceeded::Text(max) => write!(
                f,
                "the catalog holds more than {} of text once aliases are expanded",
                size(max)
            ),
            Exceeded::String { bytes, max } => write!(
                f,
                "this string is {bytes} bytes long, more than the {} allowed",
                size(max)
            ),
        }
    }
}

/// What the walk has seen so far, the limits it walks within, and the one it stopped at.
struct Budget {
    limits: Limits,
    nodes: usize,
    text: usize,
    exceeded: Option<Exceeded>,
}

impl Budget {
    fn new(limits: &Limits) -> Self {
        Budget {
            limits: *limits,
            nodes: 0,
            text: 0,
            exceeded: None,
        }
    }

    /// Counts one node holding `text` bytes; an error once a limit is passed.
    fn spend<E: de::Error>(&mut self, text: usize) -> Result<(), E> {
        let limits = &self.limits;
        self.nodes += 1;
        self.text = self.text.saturating_add(text);
        self.exceeded = if text > limits.string_bytes {
            Some(Exceeded::String {
                bytes: text,
                max: limits.string_bytes,
            })
        } else if self.nodes > limits.nodes {
            Some(Exceeded::Nodes(limits.nodes))
        } else if self.text > limits.text_bytes {
            Some(Exceeded::Text(limits.text_bytes))
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
        let max = self.budget.limits.depth();
        if self.depth >= max {
            self.budget.exceeded = Some(Exceeded::Depth(max));
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
        exceeded_within(source, &Limits::DEFAULT)
    }

    fn exceeded_within(source: &str, limits: &Limits) -> Option<(String, usize)> {
        check_document(source, limits).err().map(|problems| {
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
    fn configured_limits_are_applied_and_named() {
        let mut limits = Limits::DEFAULT;
        limits.depth = 3;
        limits.string_bytes = 1000;
        let (message, line) = exceeded_within("a:\n  b:\n    c:\n      d: e\n", &limits).unwrap();
        assert_eq!(message, "the catalog nests deeper than 3 levels here");
        assert_eq!(line, 4);
        let (message, _) = exceeded_within("a: [[[[1]]]]\n", &limits).unwrap();
        assert!(message.contains("deeper than 3 levels"), "{message}");
        let (message, _) = exceeded_within(&format!("a: {}\n", "x".repeat(1001)), &limits).unwrap();
        assert_eq!(
            message,
            "this string is 1001 bytes long, more than the 1000 bytes allowed"
        );

        let mut limits = Limits::DEFAULT;
        limits.nodes = 10;
        let (message, _) = exceeded_within("a: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n", &limits).unwrap();
        assert_eq!(
            message,
            "the catalog holds more than 10 YAML nodes once aliases are expanded"
        );
        let limits = Limits::DEFAULT.with_file_bytes(2 * 1024);
        assert_eq!(limits.text_bytes, 8 * 1024);
        let (message, _) = exceeded_within(&"#".repeat(2049), &limits).unwrap();
        assert_eq!(
            message,
            "the catalog is larger than 2 KiB (2049 bytes or more)"
        );
    }

    #[test]
    fn depth_stays_below_the_parsers_recursion_limit() {
        let mut limits = Limits::DEFAULT;
        limits.depth = usize::MAX;
        let ok = format!("{}{}", "[".repeat(DEEPEST), "]".repeat(DEEPEST));
        assert_eq!(exceeded_within(&ok, &limits), None);
        let mut block = String::new();
        for level in 0..200 {
            block.push_str(&format!("{}k:\n", " ".repeat(level)));
        }
        let (message, line) = exceeded_within(&block, &limits).unwrap();
        assert_eq!(message, "the catalog nests deeper than 127 levels here");
        assert_eq!(line, 128);
        let flow = format!("a: {}", "[".repeat(1_000_000));
        let (message, _) = exceeded_within(&flow, &limits).unwrap();
        assert!(message.contains("deeper than 127 levels"), "{message}");
    }

    #[test]
    fn sizes_are_shown_in_the_largest_exact_unit() {
        assert_eq!(size(1024 * 1024), "1 MiB");
        assert_eq!(size(3 * 1024 * 1024 / 2), "1536 KiB");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(size(0), "0 bytes");
    }

    #[test]
    fn with_file_bytes_scales_the_expansion_limits() {
        let limits = Limits::DEFAULT.with_file_bytes(32 * MAX_FILE_BYTES);
        assert_eq!(limits.nodes, 32 * MAX_NODES);
        assert_eq!(limits.text_bytes, 32 * MAX_TEXT_BYTES);
        assert_eq!(limits.codes, MAX_CODES, "other limits stay");
        let huge = Limits::DEFAULT.with_file_bytes(usize::MAX);
        assert_eq!(huge.text_bytes, usize::MAX, "saturates");
        assert_eq!(
            huge.nodes as u128,
            usize::MAX as u128 * MAX_NODES as u128 / MAX_FILE_BYTES as u128
        );
        assert_eq!(
            Limits::DEFAULT.with_file_bytes(MAX_FILE_BYTES),
            Limits::DEFAULT
        );
        assert_eq!(Limits::default(), Limits::DEFAULT);
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
