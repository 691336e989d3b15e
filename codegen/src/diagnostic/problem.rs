//! A problem found while loading or checking a catalog, before its position is looked up.

use super::locate::{self, Position, YamlPath};
use super::suggest::{did_you_mean, quoted_list};

/// A problem whose position is not looked up yet: validation names the node by its path,
/// and positions are found only for the problems actually reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) at: At,
    /// What kind of problem it is, for the code that adjusts a problem after the fact.
    pub(crate) kind: ProblemKind,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
    /// A related node, with what it is: `("first defined", path)`.
    pub(crate) related: Option<(String, YamlPath)>,
}

/// What kind of problem a [`Problem`] is, where code other than its wording needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ProblemKind {
    /// A key the format does not have; `typo` when it is close to one it has.
    UnknownKey { typo: bool },
    /// A key given twice in one mapping.
    RepeatedKey { key: String },
    /// Any other problem.
    Other,
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum At {
    Path(YamlPath),
    Position(Position),
    Nowhere,
}

impl Problem {
    /// A problem at the node `path`.
    pub(crate) fn at(path: YamlPath, message: impl Into<String>) -> Self {
        Problem {
            at: At::Path(path),
            kind: ProblemKind::Other,
            message: message.into(),
            hint: None,
            related: None,
        }
    }

    /// The same problem, with a hint.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem, pointing also at a related node (the first definition, the other
    /// side of a collision).
    pub(crate) fn see(mut self, label: &str, path: YamlPath) -> Self {
        self.related = Some((label.to_owned(), path));
        self
    }

    /// A problem reported by the YAML parser or by serde, reworded in catalog terms.
    pub(crate) fn from_yaml(error: &serde_yaml::Error) -> Self {
        let (message, hint, kind) = explain(&locate::message_of(error));
        Problem {
            at: Position::of_error(error).map_or(At::Nowhere, At::Position),
            kind,
            message,
            hint,
            related: None,
        }
    }
}

/// Turns serde's wording into the catalog's, with a hint where one helps.
fn explain(message: &str) -> (String, Option<String>, ProblemKind) {
    for (serde_word, word) in [("unknown field", "key"), ("unknown variant", "value")] {
        let Some(rest) = message.strip_prefix(serde_word) else {
            continue;
        };
        let (given, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let given = given.trim().trim_matches('`');
        let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let close = did_you_mean(given, candidates.iter().copied());
        let hint = match close {
            Some(close) => format!("did you mean `{close}`?"),
            None if candidates.is_empty() => format!("remove `{given}`"),
            None => format!("expected one of {}", quoted_list(&candidates)),
        };
        let kind = if word == "key" {
            ProblemKind::UnknownKey {
                typo: close.is_some(),
            }
        } else {
            ProblemKind::Other
        };
        return (format!("unknown {word} `{given}`"), Some(hint), kind);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = rest.trim().trim_matches('`');
        return (
            format!("missing key `{key}`"),
            Some(format!(
                "add `{key}:`; see catalog/README.md for what it holds"
            )),
            ProblemKind::Other,
        );
    }
    if let Some(rest) = message.strip_prefix("invalid type: integer `")
        && (rest.contains("` as u128") || rest.contains("` as i128"))
    {
        let number = rest.split('`').next().unwrap_or_default();
        return (
            format!("integer {number} is too large"),
            Some("integers in a catalog must fit in 64 bits".to_owned()),
            ProblemKind::Other,
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
                ProblemKind::Other,
            );
        }
    }
    let once = "a key may appear only once in a mapping; remove or merge the repeats";
    let repeated = message
        .strip_prefix("duplicate field ")
        .map(|rest| rest.trim().trim_matches('`'))
        .or_else(|| {
            message
                .strip_prefix("duplicate entry with key ")
                .map(|rest| rest.trim().trim_matches('"'))
        });
    if let Some(key) = repeated {
        return (
            format!("key `{key}` appears twice in this mapping"),
            Some(once.into()),
            ProblemKind::RepeatedKey {
                key: key.to_owned(),
            },
        );
    }
    // The parser's own messages say where they are, which the diagnostic already does.
    let message = without_positions(message);
    let hint = if message.contains("cannot start any token") {
        "YAML indents with spaces; a tab cannot start a line or a value"
    } else {
        "check the YAML syntax here: indentation, and quotes around text containing `: `, `#` or `{`"
    };
    (message, Some(hint.to_owned()), ProblemKind::Other)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The message and hint of [`explain`].
    fn words(message: &str) -> (String, Option<String>) {
        let (message, hint, _) = explain(message);
        (message, hint)
    }

    #[test]
    fn explains_serde_messages_with_hints() {
        assert_eq!(
            words("unknown field `mesage`, expected one of `code`, `message`, `status`"),
            (
                "unknown key `mesage`".into(),
                Some("did you mean `message`?".into())
            )
        );
        assert_eq!(
            words("unknown variant `eror`, expected `success` or `error`"),
            (
                "unknown value `eror`".into(),
                Some("did you mean `error`?".into())
            )
        );
        assert_eq!(
            words("unknown field `zzz`, expected `success` or `error`"),
            (
                "unknown key `zzz`".into(),
                Some("expected one of `success` or `error`".into())
            )
        );
        assert_eq!(words("missing field `codes`").0, "missing key `codes`");
    }

    #[test]
    fn rewords_parser_messages() {
        assert_eq!(
            words(
                "found character that cannot start any token at line 6 column 1, while scanning for the next token"
            ),
            (
                "found character that cannot start any token, while scanning for the next token"
                    .into(),
                Some("YAML indents with spaces; a tab cannot start a line or a value".into())
            )
        );
        assert_eq!(
            words("duplicate field `status`").0,
            "key `status` appears twice in this mapping"
        );
    }
}
