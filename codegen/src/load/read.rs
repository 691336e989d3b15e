//! Reading a catalog's text into its [raw](super::raw) form, defaults applied, within its
//! bounds; when it does not read, every structural problem in it, each located.

use std::collections::BTreeMap;

use serde::de;

use crate::diagnostic::locate::{self, YamlPath};
use crate::diagnostic::{At, Problem, ProblemKind};
use crate::diagnostic::{MAX_PROBLEMS, did_you_mean, quoted_list};

use super::defaults::{self, TOP_LEVEL_KEYS, WrittenCatalog, WrittenEnvelope, WrittenGroup};
use super::limits::{self, Limits};
use super::raw::{CodeType, RawCatalog, RawCode, RawEntry, RawLocales, RawRemoved, is_tombstone};

/// Parses a catalog's text into its raw form, defaults applied, or every structural problem
/// found in it.
///
/// A well-formed file is parsed once. A broken one is parsed again piece by piece so that
/// one bad key or code does not hide the next: every missing, unknown or broken top-level
/// key is reported, and every bad entry of `codes`.
///
/// The document is read within `limits` (its text must have passed
/// [`limits::check_text`]): a well-formed file in the same parse, a broken one by walking it
/// whole before it is read again.
pub(crate) fn parse(source: &str, limits: &Limits) -> Result<RawCatalog, Vec<Problem>> {
    let first_error = match limits::deserialize_within::<WrittenCatalog>(source, limits) {
        Ok(written) => return defaults::complete(written),
        Err(Ok(exceeded)) => return Err(exceeded),
        Err(Err(error)) => error,
    };
    limits::check_document(source, limits)?;
    let problems = problems(source, &first_error);
    Err(problems
        .into_iter()
        .map(|problem| at_repeated_key(source, problem))
        .collect())
}

/// The problems of a catalog the typed parse failed on with `first_error`.
fn problems(source: &str, first_error: &serde_yaml::Error) -> Vec<Problem> {
    // A parsed value cannot hold integers past 64 bits, which the typed parse reads; then
    // only its error is known.
    let value: serde_yaml::Value = match serde_yaml::from_str(source) {
        Ok(serde_yaml::Value::Null) => return vec![empty()],
        Ok(value) => value,
        Err(_) => return vec![document_problem(source, first_error)],
    };
    let mut problems = top_level_problems(source, &value);
    if let Some(serde_yaml::Value::Sequence(codes)) = value.get("codes") {
        for (index, code) in codes.iter().enumerate() {
            let Err(error) = serde_yaml::from_value::<RawEntry>(code.clone()) else {
                continue;
            };
            // Locating reads the whole file again: only for the problems that will be shown.
            // The others are only counted.
            if problems.len() >= MAX_PROBLEMS {
                problems.push(Problem {
                    at: At::Nowhere,
                    kind: ProblemKind::Other,
                    message: locate::message_of(&error),
                    hint: None,
                    related: None,
                });
                continue;
            }
            let path = YamlPath::root().key("codes").index(index);
            problems.extend(entry_problem(source, &path, is_tombstone(code)));
        }
    }
    if problems.is_empty() {
        problems.push(document_problem(source, first_error));
    }
    problems
}

/// Every missing, unknown or broken top-level key, each with the first problem in its value
/// (the entries of `codes` are looked at one by one elsewhere).
fn top_level_problems(source: &str, value: &serde_yaml::Value) -> Vec<Problem> {
    let whole = || {
        // Re-read from the text so the error carries its position. The text decides: read
        // from it, a number is also a string (`media_type: 5`), which a parsed value is not.
        if serde_yaml::from_value::<WrittenCatalog<serde_yaml::Value>>(value.clone()).is_ok() {
            return Vec::new();
        }
        locate::deserialize_at::<WrittenCatalog<serde_yaml::Value>>(source, &YamlPath::root())
            .err()
            .map(|error| Problem::from_yaml(&error))
            .into_iter()
            .collect()
    };
    // Key by key, unless the document is no mapping of plain keys; then serde says why.
    let Some(mapping) = value.as_mapping() else {
        return whole();
    };
    let Some(keys) = mapping
        .keys()
        .map(serde_yaml::Value::as_str)
        .collect::<Option<Vec<&str>>>()
    else {
        return whole();
    };
    let mut problems = Vec::new();
    for (key, required) in TOP_LEVEL_KEYS {
        if *required && !keys.contains(key) {
            problems.push(
                Problem::at(YamlPath::root(), format!("missing key `{key}`")).hint(format!(
                    "add `{key}:`; see catalog/README.md for what it holds"
                )),
            );
        }
    }
    let known: Vec<&str> = TOP_LEVEL_KEYS.iter().map(|(key, _)| *key).collect();
    for (key, value) in keys.iter().zip(mapping.values()) {
        let path = YamlPath::root().key((*key).to_owned());
        if !known.contains(key) {
            let hint = match did_you_mean(key, known.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("expected one of {}", quoted_list(&known)),
            };
            let mut problem = Problem::at(path.the_key(), format!("unknown key `{key}`"));
            problem.kind = ProblemKind::UnknownKey {
                typo: hint.starts_with("did you mean"),
            };
            problems.push(problem.hint(hint));
            continue;
        }
        problems.extend(key_problem(source, key, value, &path));
    }
    problems
}

/// The first problem in the value of the top-level `key`, read as [`WrittenCatalog`] reads it.
fn key_problem(
    source: &str,
    key: &str,
    value: &serde_yaml::Value,
    path: &YamlPath,
) -> Option<Problem> {
    fn check<T: de::DeserializeOwned>(
        source: &str,
        value: &serde_yaml::Value,
        path: &YamlPath,
    ) -> Option<Problem> {
        // The parsed value is a quick first look; the text decides, as above.
        if serde_yaml::from_value::<T>(value.clone()).is_ok() {
            return None;
        }
        let error = locate::deserialize_at::<T>(source, path).err()?;
        Some(Problem::from_yaml(&error))
    }
    match key {
        "name" => check::<String>(source, value, path),
        "code_type" => check::<Option<CodeType>>(source, value, path),
        "groups" => check::<Vec<WrittenGroup>>(source, value, path),
        "statuses" => check::<BTreeMap<i64, String>>(source, value, path),
        "envelope" => check::<Option<WrittenEnvelope>>(source, value, path),
        "locales" => check::<Option<RawLocales>>(source, value, path),
        "codes" => check::<Vec<serde_yaml::Value>>(source, value, path),
        "retryable" => check::<Option<bool>>(source, value, path),
        "retry_after" => check::<Option<u32>>(source, value, path),
        _ => check::<Option<String>>(source, value, path),
    }
}

/// A repeated key is reported by the parser at the start of its mapping; this moves the
/// problem to the repeat itself, when the text shows where that is.
fn at_repeated_key(source: &str, mut problem: Problem) -> Problem {
    if let (ProblemKind::RepeatedKey { key }, At::Position(mapping)) = (&problem.kind, &problem.at)
        && let Some(repeat) = locate::repeated_key(source, *mapping, key)
    {
        problem.at = At::Position(repeat);
    }
    problem
}

/// A problem the YAML parser found, placed and worded for the two it reports without a
/// position: a stream of several documents, and no document at all.
fn document_problem(source: &str, error: &serde_yaml::Error) -> Problem {
    let problem = Problem::from_yaml(error);
    if problem.at != At::Nowhere {
        return problem;
    }
    match locate::message_of(error).as_str() {
        "deserializing from YAML containing more than one document is not supported" => Problem {
            at: locate::second_document(source).map_or(At::Nowhere, At::Position),
            kind: ProblemKind::Other,
            message: "a second YAML document starts here".to_owned(),
            hint: Some(
                "a catalog is one document: remove the `---` or `...` line before this one, or move this document to its own file"
                    .to_owned(),
            ),
            related: None,
        },
        "EOF while parsing a value" => empty(),
        _ => problem,
    }
}

fn empty() -> Problem {
    Problem {
        at: At::Nowhere,
        kind: ProblemKind::Other,
        message: "the catalog is empty".to_owned(),
        hint: Some("start from the complete example in catalog/README.md".to_owned()),
        related: None,
    }
}

/// The problem of the broken entry of `codes` at `path`, read with the shape it claims.
fn entry_problem(source: &str, path: &YamlPath, tombstone: bool) -> Option<Problem> {
    if !tombstone {
        return locate::deserialize_at::<RawCode>(source, path)
            .err()
            .map(|error| Problem::from_yaml(&error));
    }
    let error = locate::deserialize_at::<RawRemoved>(source, path).err()?;
    let mut problem = Problem::from_yaml(&error);
    // A code turned into a tombstone usually keeps keys it no longer needs; unless the key
    // is a typo, say which keys stay.
    if problem.kind == (ProblemKind::UnknownKey { typo: false }) {
        problem = problem.hint(
            "a removed code keeps only `code`, `removed` and optionally `message`; delete this key",
        );
    }
    Some(problem)
}
