//! The parts of a generated file that grow with the number of codes, written as text.
//!
//! The rest of the file is built with `quote!`, parsed by `syn` and printed by prettyplease,
//! which costs a parse and a layout decision per token: for a catalog of 10,000 codes, several
//! times what reading the catalog costs. The per-code parts are regular (one variant, one table
//! entry, one `match` arm or one constructor per code), so they are written here directly,
//! already formatted, and [`Splices::apply`] puts each in place of a marker macro the printed
//! skeleton holds. Generation then grows with the catalog at about the cost of writing text.

use std::cell::RefCell;
use std::fmt::Write;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::rustdoc;

/// The name of the marker macro. No catalog text can put it at the start of a printed line:
/// catalog text reaches the skeleton only in doc comments and string literals.
const MARKER: &str = "__errcat_splice!(";

/// Blocks of formatted text waiting to replace their markers.
#[derive(Default)]
pub struct Splices {
    blocks: RefCell<Vec<String>>,
}

impl Splices {
    /// A marker for `block`, to stand where an item or a statement may stand. `block` is
    /// indented as if at the start of a line; it takes the marker's indentation when spliced.
    pub fn marker(&self, block: String) -> TokenStream {
        let mut blocks = self.blocks.borrow_mut();
        let index = Literal::usize_unsuffixed(blocks.len());
        blocks.push(block);
        quote!(__errcat_splice!(#index);)
    }

    /// `printed` with each marker line replaced by its block.
    pub fn apply(self, printed: &str) -> String {
        let blocks = self.blocks.into_inner();
        let extra: usize = blocks.iter().map(String::len).sum();
        let mut out = String::with_capacity(printed.len() + extra * 5 / 4);
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

/// Writes `text` as `///` doc comment lines, as prettyplease prints `#[doc]` attributes.
pub fn doc_comment(out: &mut String, text: &str) {
    // Each line starts with a space or is empty, so none can turn into a `////` comment.
    for line in rustdoc::lines(text) {
        let _ = writeln!(out, "///{}", line.trim_end_matches(' '));
    }
}

/// A string literal holding `text`.
pub fn string(text: &str) -> String {
    // Most catalog text is printable ASCII with nothing to escape; `Literal` escapes char by
    // char, which was a quarter of the emitter's time.
    if text
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\')
    {
        let mut literal = String::with_capacity(text.len() + 2);
        literal.push('"');
        literal.push_str(text);
        literal.push('"');
        return literal;
    }
    Literal::string(text).to_string()
}

/// `const TABLE: [ty; n] = [...];`: one entry a line, or numbers filled into lines as
/// rustfmt fills them.
pub fn table(ty: &str, entries: impl ExactSizeIterator<Item = String>) -> String {
    let mut out = format!("const TABLE: [{ty}; {}] = [\n", entries.len());
    let numbers = ty.starts_with(['u', 'i']);
    let mut line = String::new();
    for entry in entries {
        if !numbers {
            let _ = writeln!(out, "    {entry},");
            continue;
        }
        if !line.is_empty() && line.len() + entry.len() + 2 > FILLED_WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line.clear();
        }
        if line.is_empty() {
            line.push_str("    ");
        }
        let _ = write!(line, "{entry}, ");
    }
    let line = line.trim();
    if out.ends_with("[\n") && out.len() + line.len() + 2 <= FILLED_WIDTH {
        // Few enough numbers for one line.
        out.pop();
        out.push_str(line.trim_end_matches(','));
        out.push_str("];\n");
        return out;
    }
    if !line.is_empty() {
        let _ = writeln!(out, "    {line}");
    }
    out.push_str("];\n");
    out
}

/// The width filled lines of numbers stay within, counted from the table's indentation.
const FILLED_WIDTH: usize = 88;

/// `body` indented one level, between the lines `open` and `close`.
pub fn braced(open: &str, body: &str, close: &str) -> String {
    let mut out = String::with_capacity(open.len() + body.len() * 9 / 8 + close.len() + 2);
    out.push_str(open);
    out.push('\n');
    for line in body.lines() {
        if !line.is_empty() {
            out.push_str("    ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out.push_str(close);
    out.push('\n');
    out
}

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
            splices.apply(printed),
            "x {\n    a\n\n    b {\n        c\n    }\n}\nd\n/// __errcat_splice!(1);\n"
        );
    }

    #[test]
    fn doc_comments_print_as_prettyplease_prints_them() {
        let mut out = String::new();
        doc_comment(&mut out, "Title  \n\n/path and \"quotes\"");
        assert_eq!(out, "/// Title\n///\n/// /path and \"quotes\"\n");
        let mut out = String::new();
        doc_comment(&mut out, "x");
        assert_eq!(out, "/// x\n");
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
        assert_eq!(lines[1].matches("404,").count(), 16);
        assert_eq!(lines[4], "];");
        let few = table("u16", ["400".to_owned(), "404".to_owned()].into_iter());
        assert_eq!(few, "const TABLE: [u16; 2] = [400, 404];\n");
        assert_eq!(
            table("u16", std::iter::empty()),
            "const TABLE: [u16; 0] = [];\n"
        );
    }
}
