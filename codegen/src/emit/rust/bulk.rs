//! The parts of a generated file that grow with the number of codes, written as text.
//!
//! The rest of the file is built with `quote!`, parsed by `syn` and printed by prettyplease,
//! which costs a parse and a layout decision per token: for a catalog of 10,000 codes, several
//! times what reading the catalog costs. The per-code parts are regular (one variant, one table
//! entry, one `match` arm or one constructor per code), so they are written here directly,
//! already formatted, and [`Splices::apply`] puts each in place of a marker macro the printed
//! skeleton holds. Generation then grows with the catalog at about the cost of writing text.

use std::cell::RefCell;
use std::fmt::{self, Write};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::rust::rustdoc;

/// The name of the marker macro. No catalog text can put it at the start of a printed line:
/// catalog text reaches the skeleton only in doc comments and string literals.
const MARKER: &str = "__errcat_splice!(";

/// Blocks of formatted text waiting to replace their markers.
#[derive(Default)]
pub(super) struct Splices {
    blocks: RefCell<Vec<String>>,
}

impl Splices {
    /// A marker for `block`, to stand where an item or a statement may stand. `block` is
    /// indented as if at the start of a line; it takes the marker's indentation when spliced.
    pub(super) fn marker(&self, block: String) -> TokenStream {
        let mut blocks = self.blocks.borrow_mut();
        let index = Literal::usize_unsuffixed(blocks.len());
        blocks.push(block);
        quote!(__errcat_splice!(#index);)
    }

    /// `head`, then `printed` with each marker line replaced by its block. One buffer of the
    /// whole file's size, written once: for a large catalog the file is tens of megabytes.
    pub(super) fn apply(self, head: &str, printed: &str) -> String {
        let blocks = self.blocks.into_inner();
        let extra: usize = blocks.iter().map(String::len).sum();
        let mut out = String::with_capacity(head.len() + printed.len() + extra * 9 / 8);
        out.push_str(head);
        for line in printed.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let index = trimmed
                .strip_prefix(MARKER)
                .and_then(|rest| rest.trim_end().strip_suffix(");"))
                .and_then(|index| index.parse::<usize>().ok());
            let Some(block) = index.and_then(|index| blocks.get(index)) else {
                out.push_str(line);
                continue;
            };
            let indent = &line[..line.len() - trimmed.len()];
            for block_line in block.lines() {
                if !block_line.is_empty() {
                    out.push_str(indent);
                    out.push_str(block_line);
                }
                out.push('\n');
            }
        }
        out
    }
}

/// Text written line by line at a changing indentation, the way a block of the file reads.
pub(super) struct Lines {
    text: String,
    indent: usize,
}

impl Lines {
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Lines {
            text: String::with_capacity(capacity),
            indent: 0,
        }
    }

    /// One line at the current indentation (an empty line stays empty).
    pub(super) fn line(&mut self, line: fmt::Arguments<'_>) {
        let start = self.text.len();
        for _ in 0..self.indent {
            self.text.push_str(INDENT);
        }
        let indented = self.text.len();
        let _ = self.text.write_fmt(line);
        if self.text.len() == indented {
            self.text.truncate(start);
        }
        self.text.push('\n');
    }

    /// One line of `start`, `text` and `end` at the current indentation, written without
    /// formatting: a table's entry, a doc comment's line.
    fn entry(&mut self, start: &str, text: &str, end: &str) {
        for _ in 0..self.indent {
            self.text.push_str(INDENT);
        }
        self.text.push_str(start);
        self.text.push_str(text);
        self.text.push_str(end);
        self.text.push('\n');
    }

    /// A line that opens a block: the lines after it are indented one level more.
    pub(super) fn open(&mut self, line: fmt::Arguments<'_>) {
        self.line(line);
        self.indent += 1;
    }

    /// A line that closes a block, at the indentation of the line that opened it.
    pub(super) fn close(&mut self, line: fmt::Arguments<'_>) {
        self.indent = self.indent.saturating_sub(1);
        self.line(line);
    }

    /// `text` as `///` doc comment lines, as prettyplease prints `#[doc]` attributes.
    pub(super) fn doc(&mut self, text: &str) {
        if let Some(lines) = rustdoc::plain_lines(text) {
            for line in lines.map(|line| line.trim_end_matches(' ')) {
                let start = if line.is_empty() { "///" } else { "/// " };
                self.entry(start, line, "");
            }
            return;
        }
        // Each line starts with a space or is empty, so none can turn into a `////` comment.
        for line in rustdoc::lines(text) {
            self.line(format_args!("///{}", line.trim_end_matches(' ')));
        }
    }

    /// Lines written already (such as a constant's), each at the current indentation.
    pub(super) fn lines(&mut self, text: &str) {
        for line in text.lines() {
            self.line(format_args!("{line}"));
        }
    }

    pub(super) fn into_string(self) -> String {
        self.text
    }
}

/// A string literal holding `text`.
pub(super) fn string(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    push_string(&mut literal, text);
    literal
}

/// [`string`], written at the end of `out`.
pub(super) fn push_string(out: &mut String, text: &str) {
    // Most catalog text is printable ASCII with nothing to escape; `Literal` escapes char by
    // char, which was a quarter of the emitter's time.
    if text.bytes().all(plain) {
        out.push('"');
        out.push_str(text);
        out.push('"');
        return;
    }
    let _ = write!(out, "{}", Literal::string(text));
}

/// A byte string literal holding `bytes`: `b"not-found"`.
pub(super) fn byte_string(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) if text.bytes().all(plain) => {
            let mut literal = String::with_capacity(text.len() + 3);
            literal.push_str("b\"");
            literal.push_str(text);
            literal.push('"');
            literal
        }
        _ => Literal::byte_string(bytes).to_string(),
    }
}

/// Printable ASCII that a string literal holds as it is.
fn plain(byte: u8) -> bool {
    (b' '..=b'~').contains(&byte) && byte != b'"' && byte != b'\\'
}

/// `const TABLE: [ty; n] = [...];`: one entry a line, or numbers filled into lines as
/// rustfmt fills them.
pub(super) fn table(ty: &str, entries: impl ExactSizeIterator<Item = String>) -> String {
    let count = entries.len();
    let mut out = Lines::with_capacity(64 + count * 32);
    if !ty.starts_with(['u', 'i']) {
        out.open(format_args!("const TABLE: [{ty}; {count}] = ["));
        for entry in entries {
            out.entry("", &entry, ",");
        }
        out.close(format_args!("];"));
        return out.into_string();
    }
    let mut filled = Vec::new();
    let mut line = String::new();
    for entry in entries {
        if !line.is_empty() && INDENT.len() + line.len() + 1 + entry.len() + 1 > FILLED_WIDTH {
            filled.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        let _ = write!(line, "{entry},");
    }
    filled.push(line);
    let head = format!("const TABLE: [{ty}; {count}] = [");
    if let [line] = filled.as_slice()
        && head.len() + line.len() < FILLED_WIDTH
    {
        // Few enough numbers for one line.
        out.line(format_args!("{head}{}];", line.trim_end_matches(',')));
        return out.into_string();
    }
    out.open(format_args!("{head}"));
    for line in &filled {
        out.line(format_args!("{line}"));
    }
    out.close(format_args!("];"));
    out.into_string()
}

/// One level of indentation.
const INDENT: &str = "    ";

/// The width filled lines of numbers stay within, counted from the table's indentation.
const FILLED_WIDTH: usize = 88;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_replaced_at_their_indentation() {
        let splices = Splices::default();
        let first = splices.marker("a\n\nb {\n    c\n}\n".to_owned());
        let second = splices.marker("d\n".to_owned());
        assert_eq!(first.to_string(), "__errcat_splice ! (0) ;");
        assert_eq!(second.to_string(), "__errcat_splice ! (1) ;");
        let printed =
            "x {\n    __errcat_splice!(0);\n}\n__errcat_splice!(1);\n/// __errcat_splice!(1);\n";
        assert_eq!(
            splices.apply("// head\n", printed),
            "// head\nx {\n    a\n\n    b {\n        c\n    }\n}\nd\n/// __errcat_splice!(1);\n"
        );
    }

    #[test]
    fn lines_keep_their_indentation_and_doc_comments_print_as_prettyplease_prints_them() {
        let mut lines = Lines::with_capacity(0);
        lines.doc("Title  \n\n/path and \"quotes\"");
        lines.open(format_args!("pub enum E {{"));
        lines.doc("x");
        lines.lines("A,\n\nB,");
        lines.close(format_args!("}}"));
        assert_eq!(
            lines.into_string(),
            "/// Title\n///\n/// /path and \"quotes\"\npub enum E {\n    /// x\n    A,\n\n    B,\n}\n"
        );
    }

    #[test]
    fn string_literals_match_proc_macro2s() {
        for text in [
            "plain text",
            "",
            "a \"quote\"",
            "back\\slash",
            "tab\there",
            "é 中文 🎉",
            "\u{7f}\n",
        ] {
            assert_eq!(string(text), Literal::string(text).to_string(), "{text:?}");
            assert_eq!(
                byte_string(text.as_bytes()),
                Literal::byte_string(text.as_bytes()).to_string(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn tables_hold_one_entry_a_line_or_filled_lines_of_numbers() {
        let entries = ["\"a\"".to_owned(), "\"b\"".to_owned()].into_iter();
        assert_eq!(
            table("&str", entries),
            "const TABLE: [&str; 2] = [\n    \"a\",\n    \"b\",\n];\n"
        );
        let numbers = table("u16", (0..40).map(|_| "404".to_owned()));
        let lines: Vec<&str> = numbers.lines().collect();
        assert_eq!(lines.len(), 5);
        assert!(lines.iter().all(|line| line.len() <= FILLED_WIDTH));
        assert_eq!(numbers.matches("404,").count(), 40);
        assert_eq!(lines[1].matches("404,").count(), 17);
        assert_eq!(lines[4], "];");
        let few = table("u16", ["400".to_owned(), "404".to_owned()].into_iter());
        assert_eq!(few, "const TABLE: [u16; 2] = [400, 404];\n");
        assert_eq!(
            table("u16", std::iter::empty()),
            "const TABLE: [u16; 0] = [];\n"
        );
    }
}
