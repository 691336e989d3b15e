//! Problems found in a catalog, and how they are shown to people.
//!
//! Every problem carries the file, the 1-based line and column of the offending YAML node, a
//! short message naming the offending item, and usually a hint saying what to do about it.
//! The rendering follows the `file:line:col: error: message` convention that editors and CI
//! annotators understand, followed by the source line with a caret and the hint, laid out by
//! `annotate-snippets` (the renderer rustc uses). `Display` is always plain, so that it is
//! stable in logs and snapshots; callers that know they write to a terminal ask for
//! [`Style::Color`].

use std::fmt;

use annotate_snippets::renderer::{AnsiColor, Style as AnsiStyle};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

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
        format!("{}error: {}", self.location(), self.message)
    }

    /// `file:line:col: `, or `file: ` when the problem has no position.
    fn location(&self) -> String {
        if self.line == 0 {
            format!("{}: ", self.file)
        } else {
            format!("{}:{}:{}: ", self.file, self.line, self.column)
        }
    }

    /// The diagnostic as text: the heading, then the source line with a caret under the
    /// offending token, the hint and the note, laid out the way rustc lays them out.
    ///
    /// [`Style::Plain`] gives the same text as `Display`; [`Style::Color`] adds ANSI colors
    /// for a terminal and changes nothing else.
    pub fn render(&self, style: Style) -> String {
        let mut out = self.styled_heading(style);
        let mut group = Group::with_level(Level::ERROR);
        if let Some(source) = &self.source_line {
            let span = token_span(source, self.column);
            group = group.element(
                Snippet::source(source.as_str())
                    .line_start(self.line)
                    .annotation(AnnotationKind::Primary.span(span)),
            );
        }
        if let Some(hint) = &self.hint {
            group = group.element(Level::HELP.with_name("hint").message(hint.as_str()));
        }
        if let Some(note) = &self.note {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if !group.is_empty() {
            let renderer = match style {
                Style::Plain => Renderer::plain(),
                Style::Color => Renderer::styled(),
            };
            out.push('\n');
            out.push_str(&renderer.render(&[group]));
        }
        out
    }

    /// The heading, colored like a compiler's: location in bold, `error` in bold red.
    fn styled_heading(&self, style: Style) -> String {
        if style == Style::Plain {
            return self.heading();
        }
        let bold = AnsiStyle::new().bold();
        let red = bold.fg_color(Some(AnsiColor::BrightRed.into()));
        let location = self.location();
        format!(
            "{bold}{location}{bold:#}{red}error{red:#}{bold}: {}{bold:#}",
            self.message
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Style::Plain))
    }
}

/// How diagnostics are rendered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Style {
    /// Plain text, for logs, files, pipes and `cargo::error=` lines. What `Display` gives.
    #[default]
    Plain,
    /// ANSI colors, for a terminal.
    Color,
}

/// The byte range of the YAML token starting at the 1-based character `column` of `line`.
/// A position past the end of the line gives an empty range there, which still gets a caret.
fn token_span(line: &str, column: usize) -> std::ops::Range<usize> {
    let mut chars = line.char_indices().skip(column.saturating_sub(1));
    let start = chars.next().map_or(line.len(), |(index, _)| index);
    let width = token_width(line, column);
    let end = line[start..]
        .char_indices()
        .nth(width)
        .map_or(line.len(), |(index, _)| start + index);
    start..end
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

impl Diagnostics {
    /// Every problem rendered in `style`, separated by blank lines, then how many there are
    /// when there is more than one. [`Style::Plain`] gives the same text as `Display`.
    pub fn render(&self, style: Style) -> String {
        let mut out = self
            .0
            .iter()
            .map(|diagnostic| diagnostic.render(style))
            .collect::<Vec<_>>()
            .join("\n\n");
        let found: usize = self
            .0
            .iter()
            .map(|diagnostic| diagnostic.not_shown().unwrap_or(1))
            .sum();
        if found > 1 {
            out.push_str(&format!("\n\n{found} problems found"));
        }
        out
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

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Style::Plain))
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
    if let Some(rest) = message.strip_prefix("invalid type: integer `")
        && (rest.contains("` as u128") || rest.contains("` as i128"))
    {
        let number = rest.split('`').next().unwrap_or_default();
        return (
            format!("integer {number} is too large"),
            Some("integers in a catalog must fit in 64 bits".to_owned()),
        );
    }
    for serde_word in ["invalid type: ", "invalid value: "] {
        if let Some((found, expected)) = message
            .strip_prefix(serde_word)
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            let expected = plain_type(expected);
            return (
                format!("{serde_word}{found}, expected {expected}"),
                Some(format!("this key takes {expected}; see catalog/README.md")),
            );
        }
    }
    let once = "a key may appear only once in a mapping; remove or merge the repeats";
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        let key = rest.trim().trim_matches('`');
        return (
            format!("key `{key}` appears twice in this mapping"),
            Some(once.into()),
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate entry with key ") {
        let key = rest.trim().trim_matches('"');
        return (
            format!("key `{key}` appears twice in this mapping"),
            Some(once.into()),
        );
    }
    // The parser's own messages say where they are, which the diagnostic already does.
    let message = without_positions(message);
    let hint = if message.contains("cannot start any token") {
        "YAML indents with spaces; a tab cannot start a line or a value"
    } else {
        "check the YAML syntax here: indentation, and quotes around text containing `: `, `#` or `{`"
    };
    (message, Some(hint.to_owned()))
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

/// serde's name for an expected type, in catalog terms.
fn plain_type(expected: &str) -> &str {
    match expected {
        "i64" | "u64" | "i128" | "u128" | "u32" | "u16" | "i32" => "an integer",
        "a sequence" => "a list",
        "a boolean" => "`true` or `false`",
        map if map.starts_with("struct ") || map == "a map" => "a mapping",
        other => other,
    }
}

/// `a`, `b` or `c`.
pub fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// `text` on one line, its whitespace runs (line breaks included) made single spaces: for
/// catalog text quoted inside a line of output or a Markdown list item.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Words longer than this get no suggestion: they are not typos of a name, and comparing
/// them costs the product of the lengths.
const SUGGEST_UP_TO_CHARS: usize = 64;

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
            "catalog/x.yaml:12:5: error: unknown key `mesage`\n   |\n12 |     mesage: Not found\n   |     ^^^^^^\n   |\n   = hint: did you mean `message`?"
        );
    }

    fn at(line: usize, column: usize, source: &str) -> Diagnostic {
        Diagnostic {
            file: "x.yaml".into(),
            line,
            column,
            message: "bad".into(),
            hint: None,
            source_line: Some(source.into()),
            note: None,
        }
    }

    #[test]
    fn color_is_asked_for_and_display_is_plain() {
        let mut diagnostic = at(12, 5, "    mesage: Not found");
        diagnostic.hint = Some("did you mean `message`?".into());
        diagnostic.note = Some("first defined at x.yaml:3:5".into());
        let colored = diagnostic.render(Style::Color);
        assert!(
            colored.starts_with("\u{1b}[1mx.yaml:12:5: \u{1b}[0m"),
            "{colored:?}"
        );
        assert!(
            colored.contains("\u{1b}[1m\u{1b}[91merror\u{1b}[0m"),
            "{colored:?}"
        );
        assert_eq!(diagnostic.render(Style::Plain), diagnostic.to_string());
        assert!(!diagnostic.to_string().contains('\u{1b}'));
    }

    #[test]
    fn caret_is_placed_by_characters_not_bytes() {
        // `x` is the 10th character but the 11th byte.
        let rendered = at(3, 10, "  naïve: x").to_string();
        assert_eq!(
            rendered,
            "x.yaml:3:10: error: bad\n  |\n3 |   naïve: x\n  |          ^"
        );
        // A position past the end of the line points just after it.
        let rendered = at(3, 9, "  key: v").to_string();
        assert!(rendered.ends_with("\n  |         ^"), "{rendered}");
    }

    #[test]
    fn problems_without_a_source_line_keep_hint_and_note() {
        let mut diagnostic = at(0, 0, "");
        diagnostic.source_line = None;
        diagnostic.hint = Some("save the catalog as UTF-8".into());
        assert_eq!(
            diagnostic.to_string(),
            "x.yaml: error: bad\n  = hint: save the catalog as UTF-8"
        );
        diagnostic.hint = None;
        assert_eq!(diagnostic.to_string(), "x.yaml: error: bad");
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
            explain("duplicate field `status`").0,
            "key `status` appears twice in this mapping"
        );
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
    fn caret_spans_quoted_scalars() {
        assert_eq!(token_width(r#"  detail: "a: b" # x"#, 11), 6);
        assert_eq!(token_width("  status: 99", 11), 2);
        assert_eq!(token_width("", 3), 1);
    }
}
