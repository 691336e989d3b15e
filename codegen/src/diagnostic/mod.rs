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

pub(crate) mod locate;
mod problem;
mod resolve;
mod suggest;

pub(crate) use problem::{At, Problem, ProblemKind};
pub(crate) use resolve::resolve;
pub(crate) use suggest::{did_you_mean, quoted_list};

/// The most problems reported for one file: [`Diagnostics::MAX_PER_FILE`].
pub(crate) const MAX_PROBLEMS: usize = Diagnostics::MAX_PER_FILE;

/// One problem in a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
    /// For the diagnostic that stands for the problems of a file not shown, how many.
    pub(crate) not_shown: Option<usize>,
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
pub struct Diagnostics(pub(crate) Vec<Diagnostic>);

impl Diagnostics {
    /// The most problems reported for one file; each is located by reading the file again,
    /// and a last diagnostic counts the others. Not part of the catalog's limits: it bounds
    /// the report, not the catalog.
    pub const MAX_PER_FILE: usize = 20;

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
            .map(|diagnostic| diagnostic.not_shown.unwrap_or(1))
            .sum();
        if found > 1 {
            out.push_str(&format!("\n\n{found} problems found"));
        }
        out
    }
}

impl std::ops::Index<usize> for Diagnostics {
    type Output = Diagnostic;

    fn index(&self, index: usize) -> &Diagnostic {
        &self.0[index]
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Style::Plain))
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

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
            not_shown: None,
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
            not_shown: None,
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
    fn caret_spans_quoted_scalars() {
        assert_eq!(token_width(r#"  detail: "a: b" # x"#, 11), 6);
        assert_eq!(token_width("  status: 99", 11), 2);
        assert_eq!(token_width("", 3), 1);
    }
}
