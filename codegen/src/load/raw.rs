//! The catalog file as written: plain serde structs, one per YAML mapping of the format.
//!
//! Everything here mirrors `catalog/README.md`. Unknown keys are rejected by serde
//! (`deny_unknown_fields`); meaning is checked later, in `validate`.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::locate::{self, YamlPath};
use crate::diagnostic::{At, Problem, ProblemKind};
use crate::diagnostic::{MAX_PROBLEMS, did_you_mean, quoted_list};
use crate::model::{Binding, CodeIn, ParamType};

use super::defaults::{self, TOP_LEVEL_KEYS, WrittenCatalog, WrittenEnvelope, WrittenGroup};
use super::limits::{self, Limits};

/// A catalog file, its defaults applied (see [`defaults`](super::defaults)).
#[derive(Debug, Clone)]
pub(crate) struct RawCatalog {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    pub version: String,
    pub docs_url: Option<String>,
    pub default_link: Option<String>,
    pub type_name: Option<String>,
    pub code_type: CodeType,
    pub groups: Vec<RawGroup>,
    pub statuses: BTreeMap<i64, String>,
    /// Where a response's code travels: in the body (default), or possibly only in the HTTP
    /// status line.
    pub code_in: CodeIn,
    pub envelope: RawEnvelope,
    pub codes: Vec<RawEntry>,
    /// The AIP-193 domain of every code (`domain:`, by default the name).
    pub domain: String,
    /// Whether `domain` is written in the catalog, not its default.
    pub domain_written: bool,
    /// The catalog's defaults of the codes' gRPC code and retry semantics.
    pub rpc: RawRpcDefaults,
}

/// `grpc`, `retryable` and `retry_after` as a catalog or a group writes them: the defaults of
/// the codes under it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawRpcDefaults {
    pub grpc: Option<String>,
    pub retryable: Option<bool>,
    pub retry_after: Option<u32>,
}

/// Whether codes are numbers or string slugs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CodeType {
    Integer,
    String,
}

#[derive(Debug, Clone)]
pub(crate) struct RawGroup {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    pub range: Option<[i64; 2]>,
    pub prefix: Option<String>,
    /// The defaults of the group's codes' gRPC code and retry semantics.
    pub rpc: RawRpcDefaults,
}

#[derive(Debug, Clone)]
pub(crate) struct RawEnvelope {
    pub name: String,
    /// Whether `name` is written in the catalog, not its default.
    pub name_written: bool,
    pub media_type: String,
    pub description: Option<String>,
    pub fields: Vec<RawField>,
    pub schemas: BTreeMap<String, RawSchema>,
    /// The body has no members but its fields (`additionalProperties: false`).
    pub closed: bool,
}

/// A helper object type: either a bare list of fields or `{ description, fields }`.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawSchema {
    pub description: Option<String>,
    pub fields: Vec<RawField>,
    /// The object has no members but its fields.
    pub closed: bool,
    /// Written as a bare list of fields, so its fields sit directly under its key.
    pub bare: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawField {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub items: Option<String>,
    #[serde(default)]
    pub from: Option<Binding>,
    #[serde(default)]
    pub required: bool,
    /// The member may be `null` (as well as absent, unless it is required).
    #[serde(default)]
    pub nullable: bool,
    /// The shortest string the member holds (schema only).
    #[serde(default)]
    pub min_length: Option<u64>,
    /// The string's format (schema only): `uri` or `uri-reference`.
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCode {
    pub code: RawCodeValue,
    #[serde(default)]
    pub name: Option<String>,
    pub message: String,
    pub status: RawStatus,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub params: BTreeMap<String, ParamType>,
    #[serde(default)]
    pub deprecated: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default, rename = "type")]
    pub type_uri: Option<String>,
    /// Fields only this code carries, in wire order after the envelope's.
    #[serde(default)]
    pub fields: Vec<RawField>,
    /// Envelope fields that are required elsewhere but may be absent with this code.
    #[serde(default)]
    pub optional: Vec<String>,
    /// Values that fields always hold with this code.
    #[serde(default)]
    pub values: BTreeMap<String, RawScalar>,
    /// The `google.rpc.Code` name the code is sent with over gRPC.
    #[serde(default)]
    pub grpc: Option<String>,
    /// The AIP-193 `ErrorInfo.reason`.
    #[serde(default)]
    pub reason: Option<String>,
    /// Whether a client may retry the same request.
    #[serde(default)]
    pub retryable: Option<bool>,
    /// Seconds to wait before a retry.
    #[serde(default)]
    pub retry_after: Option<u32>,
}

/// A code's HTTP status: one, or several with the first the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawStatus {
    One(i64),
    Many(Vec<i64>),
}

impl RawStatus {
    pub(crate) fn all(&self) -> &[i64] {
        match self {
            RawStatus::One(status) => std::slice::from_ref(status),
            RawStatus::Many(statuses) => statuses,
        }
    }
}

/// A value fixed per code: a string, an integer or a boolean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawScalar {
    Boolean(bool),
    Integer(i64),
    String(String),
}

/// The tombstone of a retired code: it leaves the generated enum but stays reserved.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRemoved {
    pub code: RawCodeValue,
    /// Why the code was retired, or what replaces it.
    pub removed: String,
    /// What the code meant, kept for the docs.
    #[serde(default)]
    pub message: Option<String>,
}

/// One entry of `codes`: a code, or the tombstone of a retired one.
#[derive(Debug, Clone)]
// Entries are read once and turned into the model; boxing the larger one would save nothing
// that matters.
#[allow(clippy::large_enum_variant)]
pub(crate) enum RawEntry {
    Code(RawCode),
    Removed(RawRemoved),
}

impl RawEntry {
    /// The code, unless the entry is a tombstone.
    pub(crate) fn live(&self) -> Option<&RawCode> {
        match self {
            RawEntry::Code(code) => Some(code),
            RawEntry::Removed(_) => None,
        }
    }
}

/// Whether a YAML entry of `codes` is a tombstone: tombstones are told apart by their
/// `removed` key, so a typo in any other key is still reported against the right shape.
fn is_tombstone(entry: &serde_yaml::Value) -> bool {
    entry.get("removed").is_some()
}

impl<'de> Deserialize<'de> for RawEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Which shape applies is known only once the `removed` key is seen, so every key of
        // either shape is read, each as its shape reads it, and the shape is decided after.
        // An entry neither shape takes is an error without a useful message: `parse` re-reads
        // a broken entry from the text with the right shape, which says what is wrong, where.
        let keys = EntryKeys::deserialize(deserializer)?;
        let not_an_entry = || de::Error::custom("an entry of `codes` neither shape takes");
        if let Some(removed) = keys.removed {
            let code_only = keys.name.is_some()
                || keys.status.is_some()
                || keys.kind.is_some()
                || keys.description.is_some()
                || keys.detail.is_some()
                || keys.params.is_some()
                || keys.deprecated.is_some()
                || keys.aliases.is_some()
                || keys.link.is_some()
                || keys.type_uri.is_some()
                || keys.fields.is_some()
                || keys.optional.is_some()
                || keys.values.is_some()
                || keys.grpc.is_some()
                || keys.reason.is_some()
                || keys.retryable.is_some()
                || keys.retry_after.is_some();
            if code_only {
                return Err(not_an_entry());
            }
            return Ok(RawEntry::Removed(RawRemoved {
                code: keys.code,
                removed,
                message: keys.message.flatten(),
            }));
        }
        let (Some(Some(message)), Some(status)) = (keys.message, keys.status) else {
            return Err(not_an_entry());
        };
        Ok(RawEntry::Code(RawCode {
            code: keys.code,
            name: keys.name.flatten(),
            message,
            status,
            kind: keys.kind.unwrap_or_default(),
            description: keys.description.flatten(),
            detail: keys.detail.flatten(),
            params: keys.params.unwrap_or_default(),
            deprecated: keys.deprecated.flatten(),
            aliases: keys.aliases.unwrap_or_default(),
            link: keys.link.flatten(),
            type_uri: keys.type_uri.flatten(),
            fields: keys.fields.unwrap_or_default(),
            optional: keys.optional.unwrap_or_default(),
            values: keys.values.unwrap_or_default(),
            grpc: keys.grpc.flatten(),
            reason: keys.reason.flatten(),
            retryable: keys.retryable.flatten(),
            retry_after: keys.retry_after.flatten(),
        }))
    }
}

/// The keys of [`RawCode`] and [`RawRemoved`] together, each read as its shape reads it and
/// `Some` when written (a written `~` is `Some(None)`), so that which shape an entry has can
/// be decided once it is read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryKeys {
    code: RawCodeValue,
    #[serde(default, deserialize_with = "written")]
    removed: Option<String>,
    #[serde(default, deserialize_with = "written")]
    name: Option<Option<String>>,
    #[serde(default, deserialize_with = "written")]
    message: Option<Option<String>>,
    #[serde(default, deserialize_with = "written")]
    status: Option<RawStatus>,
    #[serde(default, deserialize_with = "written")]
    kind: Option<Kind>,
    #[serde(default, deserialize_with = "written")]
    description: Option<Option<String>>,
    #[serde(default, deserialize_with = "written")]
    detail: Option<Option<String>>,
    #[serde(default, deserialize_with = "written")]
    params: Option<BTreeMap<String, ParamType>>,
    #[serde(default, deserialize_with = "written")]
    deprecated: Option<Option<String>>,
    #[serde(default, deserialize_with = "written")]
    aliases: Option<Vec<String>>,
    #[serde(default, deserialize_with = "written")]
    link: Option<Option<String>>,
    #[serde(default, rename = "type", deserialize_with = "written")]
    type_uri: Option<Option<String>>,
    #[serde(default, deserialize_with = "written")]
    fields: Option<Vec<RawField>>,
    #[serde(default, deserialize_with = "written")]
    optional: Option<Vec<String>>,
    #[serde(default, deserialize_with = "written")]
    values: Option<BTreeMap<String, RawScalar>>,
    #[serde(default, deserialize_with = "written")]
    grpc: Option<Option<String>>,
    #[serde(default, deserialize_with = "written")]
    reason: Option<Option<String>>,
    #[serde(default, deserialize_with = "written")]
    retryable: Option<Option<bool>>,
    #[serde(default, deserialize_with = "written")]
    retry_after: Option<Option<u32>>,
}

/// A key that is written: its value, read as `T`.
fn written<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Kind {
    Success,
    #[default]
    Error,
}

/// A code as written: its type is checked against `code_type` during validation, so that a
/// mismatch is reported as such rather than as a serde type error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawCodeValue {
    Int(i128),
    Str(String),
}

impl<'de> Deserialize<'de> for RawCodeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CodeVisitor;
        impl Visitor<'_> for CodeVisitor {
            type Value = RawCodeValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer code or a string slug")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawCodeValue, E> {
                Ok(RawCodeValue::Int(v.into()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawCodeValue, E> {
                Ok(RawCodeValue::Int(v.into()))
            }
            // Past 64 bits: read, so that validation can say the code does not fit.
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawCodeValue, E> {
                Ok(RawCodeValue::Int(v))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawCodeValue, E> {
                Ok(RawCodeValue::Int(i128::try_from(v).unwrap_or(i128::MAX)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawCodeValue, E> {
                Ok(RawCodeValue::Str(v.to_owned()))
            }
        }
        deserializer.deserialize_any(CodeVisitor)
    }
}

// Read by hand rather than `untagged`, so that a wrong value is reported where it stands,
// with the type found.
impl<'de> Deserialize<'de> for RawStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StatusVisitor;
        impl<'de> Visitor<'de> for StatusVisitor {
            type Value = RawStatus;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer, or a list of integers")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawStatus, E> {
                Ok(RawStatus::One(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawStatus, E> {
                Ok(RawStatus::One(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawStatus, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(RawStatus::Many)
            }
        }
        deserializer.deserialize_any(StatusVisitor)
    }
}

impl<'de> Deserialize<'de> for RawScalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ScalarVisitor;
        impl Visitor<'_> for ScalarVisitor {
            type Value = RawScalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, an integer or a boolean")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawScalar, E> {
                Ok(RawScalar::Boolean(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawScalar, E> {
                Ok(RawScalar::Integer(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawScalar, E> {
                i64::try_from(v).map(RawScalar::Integer).map_err(|_| {
                    E::custom(format!("{v} is past the largest integer, {}", i64::MAX))
                })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawScalar, E> {
                Ok(RawScalar::String(v.to_owned()))
            }
        }
        deserializer.deserialize_any(ScalarVisitor)
    }
}

impl<'de> Deserialize<'de> for RawSchema {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Described {
            #[serde(default)]
            description: Option<String>,
            fields: Vec<RawField>,
            #[serde(default)]
            closed: bool,
        }
        struct SchemaVisitor;
        impl<'de> Visitor<'de> for SchemaVisitor {
            type Value = RawSchema;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of fields, or a mapping with `fields` and `description`")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawSchema, A::Error> {
                let fields = Vec::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(RawSchema {
                    description: None,
                    bare: true,
                    fields,
                    closed: false,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawSchema, A::Error> {
                let d = Described::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawSchema {
                    description: d.description,
                    fields: d.fields,
                    bare: false,
                    closed: d.closed,
                })
            }
        }
        deserializer.deserialize_any(SchemaVisitor)
    }
}

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
