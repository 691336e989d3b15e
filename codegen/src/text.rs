//! Shaping catalog text for the documentation emitters (OpenAPI descriptions, Markdown).

/// The present, non-blank texts, trimmed and separated by blank lines (Markdown paragraphs).
pub(crate) fn paragraphs<const N: usize>(texts: [Option<String>; N]) -> String {
    texts
        .iter()
        .flatten()
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(
            paragraphs([
                Some(" one ".into()),
                None,
                Some("\n".into()),
                Some("two".into())
            ]),
            "one\n\ntwo"
        );
    }
}
