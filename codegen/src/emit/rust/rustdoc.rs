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
    match plain_lines(text) {
        Some(lines) => lines
            .map(|line| {
                if line.is_empty() {
                    String::new()
                } else {
                    format!(" {line}")
                }
            })
            .collect(),
        None => marked_lines(text),
    }
}

/// [`lines`] for text that may hold Markdown blocks, characters to escape or several lines.
fn marked_lines(text: &str) -> Vec<String> {
    // Most texts are one plain line: no copy of them unless there is something to replace.
    let text: std::borrow::Cow<'_, str> = if text.contains(['\r', '\t']) {
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\t', "    ")
            .into()
    } else {
        text.into()
    };
    // Each line after a space, unless it is empty.
    let spaced = |parts: std::fmt::Arguments<'_>| {
        let mut line = String::from(" ");
        let _ = std::fmt::Write::write_fmt(&mut line, parts);
        if line.len() == 1 {
            line.clear();
        }
        line
    };
    let mut fence: Option<Fence> = None;
    let mut lines: Vec<String> = text
        .trim_end()
        .lines()
        .map(|line| {
            let line = comment_safe(line);
            let trimmed = line.trim_start();
            let indent = &"   "[..(line.len() - trimmed.len()).min(3)];
            match (&fence, Fence::opening(trimmed)) {
                (None, Some((opened, info))) => {
                    fence = Some(opened);
                    spaced(format_args!(
                        "{indent}{}{}",
                        opened.marker(),
                        language(info)
                    ))
                }
                (Some(open), _) if open.closed_by(trimmed) => {
                    fence = None;
                    spaced(format_args!("{indent}{trimmed}"))
                }
                (Some(_), _) => spaced(format_args!("{line}")),
                (None, None) => spaced(format_args!("{indent}{}", unindent_containers(trimmed))),
            }
        })
        .collect();
    if let Some(open) = fence {
        lines.push(spaced(format_args!("{}", open.marker())));
    }
    lines
}

/// The lines of `text`, when [`lines`] shows each as it is: printable ASCII that starts
/// nothing Markdown indents, fences or marks (an empty line too). Most texts are such lines.
pub(super) fn plain_lines(text: &str) -> Option<impl Iterator<Item = &str>> {
    let starts_block = |c: char| c == ' ' || c.is_ascii_digit() || "`~>-*+".contains(c);
    let plain = |line: &str| {
        line.bytes().all(|b| (b' '..=b'~').contains(&b)) && !line.starts_with(starts_block)
    };
    let text = text.trim_end();
    (text.split('\n').all(plain)).then(|| text.split('\n').filter(move |_| !text.is_empty()))
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
    fn plain_lines_are_shown_as_the_general_case_shows_them() {
        for text in [
            "Project not found",
            "Trailing spaces   ",
            "",
            "   ",
            "Uses `code` and *emphasis* inside",
            "- a list item",
            "1. a numbered item",
            "> a quote",
            "```rust",
            "    indented",
            "tab\there",
            "two\nlines",
            "A message\n\nIts description.\n\nCode `x`, HTTP status 404.",
            "Trailing  \nspaces on a line",
            "First\n\n\n",
            "ünïcode",
        ] {
            if plain_lines(text).is_some() {
                assert_eq!(lines(text), marked_lines(text), "{text:?}");
            }
        }
        assert!(plain_lines("- item").is_none());
        assert!(plain_lines("Not found\n\n- item").is_none());
        let plain = |text| plain_lines(text).map(Iterator::collect::<Vec<_>>);
        assert_eq!(plain("Not found  \n"), Some(vec!["Not found"]));
        assert_eq!(
            plain("Not found\n\nCode `a`."),
            Some(vec!["Not found", "", "Code `a`."])
        );
        assert_eq!(plain(" \n"), Some(vec![]));
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
