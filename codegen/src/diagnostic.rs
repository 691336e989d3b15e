//! Problems found in a catalog, and how they are shown to people.
//!
//! Every problem carries the file, the 1-based line and column of the offending YAML node, a
//! short message naming the offending item, and usually a hint saying what to do about it.
//! The rendering follows the `file:line:col: error: message` convention that editors and CI
//! annotators understand, followed by the source line with a caret and the hint.

use std::fmt;

use crate::limits::MAX_PROBLEMS;
use crate::locate::{self, Position, YamlPath};

/// One problem in a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or a label such as `<stdin>`).
    pub file: String,
    /// 1-based line of the offending node; 0 when the problem has no position.
    pub line: usize,
    /// 1-based column of the offending node; 0 when the problem has no position.
    pub column: usize,
    /// What is wrong, naming the offending item.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The source line the position points into, shown under the message.
    pub source_line: Option<String>,
    /// A related place, e.g. where a duplicated code was first defined.
    pub note: Option<String>,
}

impl Diagnostic {
    /// The heading line, `file:line:col: error: message`.
    pub fn heading(&self) -> String {
        if self.line == 0 {
            format!("{}: error: {}", self.file, self.message)
        } else {
            format!(
                "{}:{}:{}: error: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.heading())?;
        if let Some(source) = &self.source_line {
            let gutter = self.line.to_string();
            let pad = " ".repeat(gutter.len());
            let caret_at = source
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect::<String>();
            let width = token_width(source, self.column);
            write!(
                f,
                "\n{pad} |\n{gutter} | {source}\n{pad} | {caret_at}{}",
                "^".repeat(width)
            )?;
        }
        if let Some(hint) = &self.hint {
            let pad = if self.source_line.is_some() {
                " ".repeat(self.line.to_string().len())
            } else {
                String::new()
            };
            write!(f, "\n{pad} = hint: {hint}")?;
        }
        if let Some(note) = &self.note {
            let pad = " ".repeat(self.line.to_string().len());
            write!(f, "\n{pad} = note: {note}")?;
        }
        Ok(())
    }
}

/// How many characters the YAML token starting at `column` spans: a quoted scalar up to its
/// closing quote, anything else up to the next separator. At least one.
fn token_width(line: &str, column: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(column.saturating_sub(1)).collect();
    let width = match rest.first() {
        Some(&quote @ ('"' | '\'')) => rest[1..]
            .iter()
            .position(|&c| c == quote)
            .map_or(rest.len(), |end| end + 2),
        Some(_) => rest
            .iter()
            .position(|&c| matches!(c, ':' | ',' | '}' | ']' | '#') || c.is_whitespace())
            .unwrap_or(rest.len()),
        None => 1,
    };
    width.max(1)
}

/// All the problems found in one run, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems were found.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The problems, in file order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        let found: usize = self
            .0
            .iter()
            .map(|diagnostic| diagnostic.not_shown().unwrap_or(1))
            .sum();
        if found > 1 {
            write!(f, "\n\n{found} problems found")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// For the diagnostic that stands for the problems of a file not shown, how many.
    fn not_shown(&self) -> Option<usize> {
        if self.line != 0 || self.hint.as_deref() != Some(MORE_HINT) {
            return None;
        }
        self.message.split(' ').next()?.parse().ok()
    }
}

impl std::error::Error for Diagnostics {}

/// A problem whose position is not looked up yet: validation names the node by its path,
/// and positions are found only for the problems actually reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: At,
    pub message: String,
    pub hint: Option<String>,
    /// A related node, with what it is: `("first defined", path)`.
    pub related: Option<(String, YamlPath)>,
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    Path(YamlPath),
    Position(Position),
    Nowhere,
}

impl Problem {
    /// A problem at the node `path`.
    pub fn at(path: YamlPath, message: impl Into<String>) -> Self {
        Problem {
            at: At::Path(path),
            message: message.into(),
            hint: None,
            related: None,
        }
    }

    /// The same problem, with a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem, pointing also at a related node (the first definition, the other
    /// side of a collision).
    pub fn see(mut self, label: &str, path: YamlPath) -> Self {
        self.related = Some((label.to_owned(), path));
        self
    }

    /// A problem reported by the YAML parser or by serde, reworded in catalog terms.
    pub fn from_yaml(error: &serde_yaml::Error) -> Self {
        let (message, hint) = explain(&locate::message_of(error));
        Problem {
            at: Position::of_error(error).map_or(At::Nowhere, At::Position),
            message,
            hint,
            related: None,
        }
    }
}

/// Turns serde's wording into the catalog's, with a hint where one helps.
fn explain(message: &str) -> (String, Option<String>) {
    for (serde_word, word) in [("unknown field", "key"), ("unknown variant", "value")] {
        let Some(rest) = message.strip_prefix(serde_word) else {
            continue;
        };
        let (given, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let given = given.trim().trim_matches('`');
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let hint = match did_you_mean(given, candidates.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None if candidates.is_empty() => format!("remove `{given}`"),
            None => format!("expected one of {}", quoted_list(&candidates)),
        };
        return (format!("unknown {word} `{given}`"), Some(hint));
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = rest.trim().trim_matches('`');
        return (
            format!("missing key `{key}`"),
            Some(format!(
                "add `{key}:`; see catalog/README.md for what it holds"
            )),
        );
    }
    let once = "a key may appear only once in a mapping; remove or merge the repeats";
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let key = rest.trim().trim_matches('`');
        return (
            format!("key `{key}` appears twice in this mapping"),
            Some(once.into()),
        );
    }
    if message.starts_with("duplicate entry") {
        return (message.to_owned(), Some(once.into()));
    }
    // The parser's own messages say where they are, which the diagnostic already does.
    let message = without_positions(message);
    // Serde names the Rust struct a mapping is read into; catalog authors know mappings.
    let message = match message.split_once(", expected struct Raw") {
        Some((found, _)) => format!("{found}, expected a mapping of `key: value` entries"),
        None => message,
    };
    let hint = message
        .contains("cannot start any token")
        .then(|| "YAML indents with spaces; a tab cannot start a line or a value".to_owned());
    (message, hint)
}

/// `message` without the ` at line N column M` the YAML parser writes into it.
fn without_positions(message: &str) -> String {
    let mut text = message.to_owned();
    while let Some(start) = text.find(" at line ") {
        let rest = &text[start + " at line ".len()..];
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let line = digits(rest);
        let Some(after) = rest[line..].strip_prefix(" column ") else {
            break;
        };
        let column = digits(after);
        if line == 0 || column == 0 {
            break;
        }
        let end = start + " at line ".len() + line + " column ".len() + column;
        text.replace_range(start..end, "");
    }
    text
}

/// `a`, `b` or `c`.
pub fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// The hint of the last diagnostic of a file with more problems than are shown.
const MORE_HINT: &str = "fix the problems above and check again";

/// Longer source lines are not shown under a diagnostic: the position says where it is.
const MAX_SHOWN_LINE_BYTES: usize = 1000;

/// Looks up the positions of `problems` in `source` and orders them as they stand in the file.
///
/// Each lookup reads the file again, so only the first [`MAX_PROBLEMS`] are shown; a last
/// diagnostic counts the others.
pub fn resolve(file: &str, source: &str, mut problems: Vec<Problem>) -> Diagnostics {
    let hidden = problems.len().saturating_sub(MAX_PROBLEMS);
    problems.truncate(MAX_PROBLEMS);
    let lines = yaml_lines(source);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|problem| {
            let position = match &problem.at {
                At::Path(path) => locate::locate(source, path),
                At::Position(position) => Some(*position),
                At::Nowhere => None,
            };
            let (mut line, mut column) = position.map_or((0, 0), |p| (p.line, p.column));
            // The parser puts the end of a file without a final line break on a line of its
            // own, which editors do not have: point after the last character instead.
            if line == lines.len() + 1
                && let Some(last) = lines.last()
                && !source.ends_with(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
            {
                (line, column) = (lines.len(), last.chars().count() + 1);
            }
            Diagnostic {
                file: file.to_owned(),
                line,
                column,
                message: problem.message,
                hint: problem.hint,
                source_line: line
                    .checked_sub(1)
                    .and_then(|index| lines.get(index))
                    .filter(|text| text.len() <= MAX_SHOWN_LINE_BYTES)
                    .map(|text| (*text).to_owned()),
                note: problem.related.and_then(|(label, path)| {
                    let p = locate::locate(source, &path)?;
                    Some(format!("{label} at {file}:{}:{}", p.line, p.column))
                }),
            }
        })
        .collect();
    diagnostics.sort_by_key(|d| (d.line, d.column));
    if hidden > 0 {
        diagnostics.push(Diagnostic {
            file: file.to_owned(),
            line: 0,
            column: 0,
            message: format!("{hidden} more problems, not shown"),
            hint: Some(MORE_HINT.to_owned()),
            source_line: None,
            note: None,
        });
    }
    Diagnostics(diagnostics)
}

/// Words longer than this get no suggestion: they are not typos of a name, and comparing
/// them costs the product of the lengths.
const SUGGEST_UP_TO_CHARS: usize = 64;

/// The lines of `source` as YAML numbers them: besides `\n` and `\r\n`, a lone `\r`, NEL,
/// and the Unicode line and paragraph separators end a line.
fn yaml_lines(source: &str) -> Vec<&str> {
    let bytes = source.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut at) = (0, 0);
    while at < bytes.len() {
        // Every break is ASCII or starts with 0xC2 (NEL) or 0xE2 (LS, PS): UTF-8 boundaries.
        let width = match &bytes[at..] {
            [b'\r', b'\n', ..] => 2,
            [b'\n' | b'\r', ..] => 1,
            [0xc2, 0x85, ..] => 2,
            [0xe2, 0x80, 0xa8 | 0xa9, ..] => 3,
            _ => 0,
        };
        if width == 0 {
            at += 1;
        } else {
            lines.push(&source[start..at]);
            at += width;
            start = at;
        }
    }
    if start < bytes.len() {
        lines.push(&source[start..]);
    }
    lines
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let length = word.chars().count();
    if length > SUGGEST_UP_TO_CHARS {
        return None;
    }
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        // The distance is at least the difference in length: skip the comparison.
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= limit)
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance, case-insensitive, over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["message", "status", "description"];
        assert_eq!(did_you_mean("mesage", keys), Some("message"));
        assert_eq!(did_you_mean("Status", keys), Some("status"));
        assert_eq!(did_you_mean("colour", keys), None);
        let long = "m".repeat(100);
        assert_eq!(did_you_mean(&long, [long.as_str()]), None);
    }

    #[test]
    fn renders_location_source_caret_and_hint() {
        let diagnostic = Diagnostic {
            file: "catalog/x.yaml".into(),
            line: 12,
            column: 5,
            message: "unknown key `mesage`".into(),
            hint: Some("did you mean `message`?".into()),
            source_line: Some("    mesage: Not found".into()),
            note: None,
        };
        assert_eq!(
            diagnostic.to_string(),
            "catalog/x.yaml:12:5: error: unknown key `mesage`\n   |\n12 |     mesage: Not found\n   |     ^^^^^^\n   = hint: did you mean `message`?"
        );
    }

    #[test]
    fn explains_serde_messages_with_hints() {
        assert_eq!(
            explain("unknown field `mesage`, expected one of `code`, `message`, `status`"),
            (
                "unknown key `mesage`".into(),
                Some("did you mean `message`?".into())
            )
        );
        assert_eq!(
            explain("unknown variant `eror`, expected `success` or `error`"),
            (
                "unknown value `eror`".into(),
                Some("did you mean `error`?".into())
            )
        );
        assert_eq!(
            explain("unknown field `zzz`, expected `success` or `error`"),
            (
                "unknown key `zzz`".into(),
                Some("expected one of `success` or `error`".into())
            )
        );
        assert_eq!(explain("missing field `codes`").0, "missing key `codes`");
    }

    #[test]
    fn lines_are_numbered_as_yaml_numbers_them() {
        assert_eq!(
            yaml_lines("a\r\nb\rc\u{2028}d\u{85}e\nf\n"),
            ["a", "b", "c", "d", "e", "f"]
        );
        assert_eq!(yaml_lines("x"), ["x"]);
        assert!(yaml_lines("").is_empty());
    }

    #[test]
    fn counts_the_problems_not_shown() {
        let problems = (0..MAX_PROBLEMS + 7)
            .map(|i| Problem::at(YamlPath::root().key("a"), format!("problem {i}")))
            .collect();
        let diagnostics = resolve("x.yaml", "a: 1\n", problems);
        assert_eq!(diagnostics.len(), MAX_PROBLEMS + 1);
        let last = diagnostics.0.last().unwrap();
        assert_eq!(last.heading(), "x.yaml: error: 7 more problems, not shown");
        let text = diagnostics.to_string();
        assert!(text.ends_with(&format!("\n\n{} problems found", MAX_PROBLEMS + 7)));
    }

    #[test]
    fn rewords_parser_messages() {
        assert_eq!(
            explain(
                "found character that cannot start any token at line 6 column 1, while scanning for the next token"
            ),
            (
                "found character that cannot start any token, while scanning for the next token"
                    .into(),
                Some("YAML indents with spaces; a tab cannot start a line or a value".into())
            )
        );
        assert_eq!(
            explain("invalid type: sequence, expected struct RawCatalog").0,
            "invalid type: sequence, expected a mapping of `key: value` entries"
        );
        assert_eq!(
            explain("duplicate field `status`").0,
            "key `status` appears twice in this mapping"
        );
    }

    #[test]
    fn caret_spans_quoted_scalars() {
        assert_eq!(token_width(r#"  detail: "a: b" # x"#, 11), 6);
        assert_eq!(token_width("  status: 99", 11), 2);
        assert_eq!(token_width("", 3), 1);
    }
}
