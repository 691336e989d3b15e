//! Text helpers shared by the emitters and `compat`.

use std::borrow::Cow;

/// `text` on one line, its whitespace runs (line breaks included) made single spaces: for
/// catalog text quoted inside a line of output or a Markdown list item.
pub(crate) fn one_line(text: &str) -> Cow<'_, str> {
    // Most catalog text is on one line already, and is then borrowed: the OpenAPI document
    // quotes every message twice.
    let unchanged = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text.bytes().all(|b| b > b' ' && b < 0x80 || b == b' ');
    if unchanged {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_collapses_every_whitespace_run() {
        for (text, expected) in [
            ("Not found", "Not found"),
            (" Not  found ", "Not found"),
            ("Not\nfound\t(really)", "Not found (really)"),
            ("Not\u{b}\u{a0}found", "Not found"),
            ("错误 发生", "错误 发生"),
            ("", ""),
        ] {
            assert_eq!(one_line(text), expected, "{text:?}");
        }
        assert!(matches!(one_line("Not found"), Cow::Borrowed(_)));
    }
}
