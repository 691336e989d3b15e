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
//! told otherwise. They stop hostile shapes, not honest size: a catalog of 100,000 codes in
//! 20 MB loads within them, while the bundled ones are under 10 KB, at most 7 levels deep,
//! with at most 40 codes. A larger catalog is loaded with raised [`Limits`].

use serde::de;

use crate::diagnostic::locate::{self, Position, YamlPath};
use crate::diagnostic::{At, Problem, ProblemKind};
use crate::load::budget::{self, Bounds, Exceeded, size};
use crate::load::flow_depth;
use crate::load::raw::{RawCatalog, RawEntry};

/// The default largest catalog file, in bytes.
pub(crate) const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// The default deepest nesting of mappings and sequences. A catalog's own structure is 7 deep.
pub(crate) const MAX_DEPTH: usize = 32;
/// The default most YAML nodes (scalars, mappings, sequences, keys included) after expanding
/// aliases.
pub(crate) const MAX_NODES: usize = 4_000_000;
/// The default most scalar text, in bytes, after expanding aliases.
pub(crate) const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// The default longest single string, in bytes.
pub(crate) const MAX_STRING_BYTES: usize = 64 * 1024;
/// The default most codes in one catalog.
pub(crate) const MAX_CODES: usize = 100_000;
/// The default most groups in one catalog.
pub(crate) const MAX_GROUPS: usize = 10_000;
/// The default most helper schemas under `envelope.schemas`.
pub(crate) const MAX_SCHEMAS: usize = 256;
/// The default most fields, counting the envelope's and every schema's.
pub(crate) const MAX_FIELDS: usize = 1_000;
/// The default most aliases, over all codes.
pub(crate) const MAX_ALIASES: usize = 100_000;

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
/// // A catalog of 1,200 codes: within the default 100,000, past a limit of 1,000.
/// let mut source = String::from("name: big\ncodes:\n");
/// for code in 0..1_200 {
///     source += &format!("  - {{ code: {code}, message: Code {code}, status: 400 }}\n");
/// }
/// let catalog = errcat_codegen::parse("big.yaml", &source)?;
/// assert_eq!(catalog.codes().len(), 1_200);
///
/// let mut limits = Limits::default();
/// limits.codes = 1_000;
/// let refused = errcat_codegen::Loader::new().limits(limits).parse("big.yaml", &source).unwrap_err();
/// assert!(refused.to_string().contains("the catalog has 1200 codes, more than the 1000 allowed"));
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
    /// let limits = errcat_codegen::Limits::default().with_file_bytes(64 << 20);
    /// let default = errcat_codegen::Limits::DEFAULT;
    /// assert_eq!(limits.file_bytes, 2 * default.file_bytes);
    /// assert_eq!(limits.nodes, 2 * default.nodes);
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

    /// The bounds of the counting walk.
    fn bounds(&self) -> Bounds {
        Bounds {
            depth: self.depth(),
            nodes: self.nodes,
            text_bytes: self.text_bytes,
            string_bytes: self.string_bytes,
        }
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
    check_text(source, limits)?;
    let Err((stopped, error)) = budget::walk(source, limits.bounds()) else {
        return Ok(());
    };
    match exceeded(stopped, &error, limits) {
        Some(problem) => Err(vec![problem]),
        None => Ok(()),
    }
}

/// The bounds checked on the text itself, before any parse: its size, and the nesting of
/// flow collections.
pub(crate) fn check_text(source: &str, limits: &Limits) -> Result<(), Vec<Problem>> {
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
    Ok(())
}

/// Deserializes a `T` from `source`, counting its nodes, text and depth as they are read,
/// exactly as [`check_document`] walks them: one parse, where the walk and a typed read
/// are two. `Err(Ok(problems))` when a bound is passed (the one problem saying which); `Err(Err(error))` when the document
/// does not read as a `T` (it may still pass a bound in a part the typed read did not reach:
/// [`check_document`] says).
///
/// [`check_text`] must have passed.
pub(crate) fn deserialize_within<T: de::DeserializeOwned>(
    source: &str,
    limits: &Limits,
) -> Result<T, Result<Vec<Problem>, serde_yaml::Error>> {
    budget::deserialize(source, limits.bounds()).map_err(|(stopped, error)| {
        match exceeded(stopped, &error, limits) {
            Some(problem) => Ok(vec![problem]),
            None => Err(error),
        }
    })
}

/// The problem of the bound a read `stopped` at, if it ended with `error` because of one.
fn exceeded(
    stopped: Option<Exceeded>,
    error: &serde_yaml::Error,
    limits: &Limits,
) -> Option<Problem> {
    // The parser also counts alias jumps, and may stop before the walk counts enough nodes;
    // it does not say where.
    let exceeded = match stopped {
        Some(exceeded) => exceeded,
        None if locate::message_of(error) == "repetition limit exceeded" => {
            Exceeded::Nodes(limits.nodes)
        }
        None => return None,
    };
    Some(Problem {
        at: Position::of_error(error).map_or(At::Nowhere, At::Position),
        kind: ProblemKind::Other,
        message: exceeded.to_string(),
        hint: Some(exceeded.hint().to_owned()),
        related: None,
    })
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
        past_schemas.map_or(schemas.clone(), |name| schemas.key(name.clone()).the_key()),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn exceeded(source: &str) -> Option<(String, usize)> {
        exceeded_within(source, &Limits::DEFAULT)
    }

    /// The bound the walk stops at, checked to be the one a typed read stops at too.
    fn exceeded_within(source: &str, limits: &Limits) -> Option<(String, usize)> {
        let shown = |problem: &Problem| {
            let line = match problem.at {
                At::Position(position) => position.line,
                _ => 0,
            };
            (problem.message.clone(), line)
        };
        let walked = check_document(source, limits)
            .err()
            .map(|problems| shown(&problems[0]));
        let read = match check_text(source, limits) {
            Err(problems) => Some(shown(&problems[0])),
            Ok(()) => match deserialize_within::<de::IgnoredAny>(source, limits) {
                Err(Ok(problems)) => Some(shown(&problems[0])),
                Ok(_) | Err(Err(_)) => None,
            },
        };
        assert_eq!(
            walked, read,
            "the walk and a typed read stop at the same bound"
        );
        walked
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
        let list = vec!["x"; 50_000].join(", ");
        let wide = format!("a: &a [{list}]\nb: [{}]\n", vec!["*a"; 100].join(", "));
        let (message, line) = exceeded(&wide).unwrap();
        assert!(
            message.contains("nodes once aliases are expanded"),
            "{message}"
        );
        assert_eq!(line, 1, "points into the expanded node");

        let text = format!(
            "s: &s \"{}\"\nl: [{}]\n",
            "x".repeat(60_000),
            vec!["*s"; 1_200].join(", ")
        );
        let (message, _) = exceeded(&text).unwrap();
        assert!(message.contains("64 MiB of text"), "{message}");
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
        assert_eq!(limits.text_bytes, 4 * 1024);
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
            "the catalog is larger than 32 MiB (33554433 bytes or more)"
        );
        assert_eq!(line, 0);
    }
}
