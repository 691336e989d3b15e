//! Catalog text made safe for Rust doc comments.
//!
//! Descriptions are Markdown written for people, and rustdoc runs every Rust code block of a
//! doc comment as a test, while rustc and clippy refuse some characters there. So the text
//! keeps its meaning but not those dangers:
//!
//! - a code fence keeps its language only when that is one plain word and not Rust, and is
//!   marked `text` otherwise: rustdoc would run one with no language, `rust` or only test
//!   attributes, and warns about info strings it cannot read (`{…}`, `.`); a fence left open
//!   is closed;
//! - no line is indented into an indented code block, whether at its start (capped below
//!   four spaces) or after a list or quote marker (one space);
//! - a lone carriage return ends a line, as it does in YAML (rustc refuses it in doc
//!   comments), and tabs become spaces (clippy's `tabs_in_doc_comments`);
//! - characters that change the direction of text, and control characters, are written as
//!   escapes.

/// The lines of a doc comment showing `text`, each with the leading space of `/// text`.
pub(super) fn lines(text: &str) -> Vec<String> {
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ");
    let mut fence: Option<Fence> = None;
    let mut lines: Vec<String> = text
        .trim_end()
        .lines()
        .map(|line| {
            let line = comment_safe(line);
            let trimmed = line.trim_start();
            let indent = " ".repeat((line.len() - trimmed.len()).min(3));
            match (&fence, Fence::opening(trimmed)) {
                (None, Some((opened, info))) => {
                    fence = Some(opened);
                    format!("{indent}{}{}", opened.marker(), language(info))
                }
                (Some(open), _) if open.closed_by(trimmed) => {
                    fence = None;
                    format!("{indent}{trimmed}")
                }
                (Some(_), _) => line,
                (None, None) => format!("{indent}{}", unindent_containers(trimmed)),
            }
        })
        .collect();
    if let Some(open) = fence {
        lines.push(open.marker());
    }
    lines
        .into_iter()
        .map(|line| {
            if line.is_empty() {
                line
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// `text` for a comment, with these characters written as escapes: those that change the
/// direction of text, which rustc refuses because they could make a comment read differently
/// from the code (`text_direction_codepoint_in_comment` is denied by default), and control
/// characters, which would make the generated file binary to git and editors.
pub(super) fn comment_safe(text: &str) -> String {
    let escaped = |c: char| {
        matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            || (c.is_control() && c != '\t')
    };
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        if escaped(c) {
            safe.extend(c.escape_unicode());
        } else {
            safe.push(c);
        }
    }
    safe
}

/// An open code fence: its character and length.
#[derive(Debug, Clone, Copy)]
struct Fence {
    char: char,
    length: usize,
}

impl Fence {
    /// The fence a line opens, with its info string.
    fn opening(line: &str) -> Option<(Fence, &str)> {
        let char = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let length = line.chars().take_while(|&c| c == char).count();
        // A backtick fence's info string cannot hold a backtick (it is inline code then).
        let info = &line[length..];
        (length >= 3 && !(char == '`' && info.contains('`')))
            .then_some((Fence { char, length }, info))
    }

    fn closed_by(&self, line: &str) -> bool {
        let length = line.chars().take_while(|&c| c == self.char).count();
        length >= self.length && line[length..].trim().is_empty()
    }

    fn marker(&self) -> String {
        self.char.to_string().repeat(self.length)
    }
}

/// The language a fence keeps: its info string when that is one plain word naming a language
/// other than Rust (`json`, `yaml`), else `text`. rustdoc runs a fence with no language,
/// `rust` or only its test attributes as a doctest, and warns about info strings it cannot
/// read (`{code}`, `.`).
fn language(info: &str) -> &str {
    const RUSTDOC_ATTRIBUTES: &[&str] = &[
        "rust",
        "should_panic",
        "no_run",
        "compile_fail",
        "test_harness",
        "standalone_crate",
        "allow_fail",
    ];
    let info = info.trim();
    let word = !info.is_empty()
        && info
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'));
    let rust = RUSTDOC_ATTRIBUTES.contains(&info)
        || info.starts_with("ignore")
        || info.starts_with("edition");
    if word && !rust { info } else { "text" }
}

/// `line` (already without its indentation) with the space after each leading block-quote or
/// list marker reduced to one, so that what follows cannot become an indented code block.
fn unindent_containers(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(length) = container_marker(rest) {
        out.push_str(&rest[..length]);
        rest = rest[length..].trim_start();
        if rest.is_empty() {
            return out;
        }
        out.push(' ');
    }
    out.push_str(rest);
    out
}

/// The length of the block-quote (`>`) or list marker (`-`, `*`, `+`, `1.`, `1)`) that
/// starts `line`, if any.
fn container_marker(line: &str) -> Option<usize> {
    let spaced = |length: usize| {
        line[length..]
            .starts_with(char::is_whitespace)
            .then_some(length)
    };
    match line.chars().next()? {
        '>' => Some(1),
        '-' | '*' | '+' => spaced(1),
        '0'..='9' => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            matches!(line[digits..].chars().next(), Some('.' | ')'))
                .then(|| spaced(digits + 1))
                .flatten()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        lines(text).join("\n")
    }

    #[test]
    fn rust_fences_become_text() {
        assert_eq!(shown("```\nfn f() {}\n```"), " ```text\n fn f() {}\n ```");
        assert_eq!(shown("~~~ rust\nx\n~~~"), " ~~~text\n x\n ~~~");
        assert_eq!(shown("```should_panic\nx\n```"), " ```text\n x\n ```");
        assert_eq!(shown("```json\n{}\n```"), " ```json\n {}\n ```");
        assert_eq!(shown("``` no_run\nx\n```"), " ```text\n x\n ```");
        assert_eq!(shown("~~~ {code} x.\ny\n~~~"), " ~~~text\n y\n ~~~");
        assert_eq!(shown("````\n```\nx\n````"), " ````text\n ```\n x\n ````");
    }

    #[test]
    fn open_fences_are_closed() {
        assert_eq!(shown("```\nlet x;"), " ```text\n let x;\n ```");
    }

    #[test]
    fn nothing_is_indented_into_a_code_block() {
        assert_eq!(shown("        indented"), "    indented");
        assert_eq!(shown("-     item"), " - item");
        assert_eq!(shown(">     quote\n12.      x"), " > quote\n 12. x");
        assert_eq!(shown("> -      nested"), " > - nested");
        assert_eq!(shown("-5 and *emphasis*"), " -5 and *emphasis*");
        assert_eq!(shown("\ttabbed"), "    tabbed");
    }

    #[test]
    fn carriage_returns_end_lines_and_direction_controls_are_escaped() {
        assert_eq!(shown("a\rb\r\nc"), " a\n b\n c");
        assert_eq!(comment_safe("a\u{202e}b\u{2066}"), "a\\u{202e}b\\u{2066}");
        assert_eq!(shown("\u{202e}"), " \\u{202e}");
        assert_eq!(
            comment_safe("nul \0 bell \x07 del \x7f"),
            "nul \\u{0} bell \\u{7} del \\u{7f}"
        );
    }
}
