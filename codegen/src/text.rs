//! Text helpers shared by the emitters and `compat`.

/// `text` on one line, its whitespace runs (line breaks included) made single spaces: for
/// catalog text quoted inside a line of output or a Markdown list item.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
