//! From problems to diagnostics: each problem's position looked up in the source, in file order.

use super::locate;
use super::{At, Diagnostic, Diagnostics, MAX_PROBLEMS, Problem};

/// The hint of the last diagnostic of a file with more problems than are shown.
const MORE_HINT: &str = "fix the problems above and check again";

/// Longer source lines are not shown under a diagnostic: the position says where it is.
const MAX_SHOWN_LINE_BYTES: usize = 1000;

/// Looks up the positions of `problems` in `source` and orders them as they stand in the file.
///
/// Each lookup reads the file again, so only the first [`MAX_PROBLEMS`] are shown; a last
/// diagnostic counts the others.
pub(crate) fn resolve(file: &str, source: &str, mut problems: Vec<Problem>) -> Diagnostics {
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
                not_shown: None,
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
            not_shown: Some(hidden),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::locate::YamlPath;

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
    fn lines_are_numbered_as_yaml_numbers_them() {
        assert_eq!(
            yaml_lines("a\r\nb\rc\u{2028}d\u{85}e\nf\n"),
            ["a", "b", "c", "d", "e", "f"]
        );
        assert_eq!(yaml_lines("x"), ["x"]);
        assert!(yaml_lines("").is_empty());
    }
}
