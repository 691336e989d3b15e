//! The catalog file as written: plain serde structs, one per YAML mapping of the format.
//!
//! Everything here mirrors `catalog/README.md`. Unknown keys are rejected by serde
//! (`deny_unknown_fields`); meaning is checked later, in `validate`.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::model::{Binding, CodeIn, ParamType};

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
    pub statuses: UniqueKeys<String, i64>,
    /// Where a response's code travels: in the body (default), or possibly only in the HTTP
    /// status line.
    pub code_in: CodeIn,
    pub envelope: RawEnvelope,
    pub codes: Vec<RawEntry>,
    /// The languages the catalog's texts are written in (`locales:`), when it declares them.
    pub locales: Option<RawLocales>,
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

/// `locales:`: the language the catalog's own texts are in, and the others it translates
/// them into.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLocales {
    /// The BCP 47 tag of the language `message` and `detail` are written in.
    pub default: String,
    /// The BCP 47 tags of the other languages, in order.
    #[serde(default)]
    pub declared: Vec<String>,
    /// Declared locales that may leave codes untranslated, each with the locale whose text
    /// it uses then.
    #[serde(default)]
    pub fallback: UniqueKeys<String>,
}

/// A mapping whose keys are told apart: a key written twice is an error, as it is in the
/// format's fixed mappings, rather than the last one silently winning. Every mapping of the
/// format whose keys are the catalog's own (statuses, schemas, params, values, locales) is
/// read as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UniqueKeys<V, K = String>(pub BTreeMap<K, V>);

impl<V, K> Default for UniqueKeys<V, K> {
    fn default() -> Self {
        UniqueKeys(BTreeMap::new())
    }
}

impl<V, K> std::ops::Deref for UniqueKeys<V, K> {
    type Target = BTreeMap<K, V>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<'a, V, K> IntoIterator for &'a UniqueKeys<V, K> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::collections::btree_map::Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<V, K> IntoIterator for UniqueKeys<V, K> {
    type Item = (K, V);
    type IntoIter = std::collections::btree_map::IntoIter<K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'de, V, K> Deserialize<'de> for UniqueKeys<V, K>
where
    V: Deserialize<'de>,
    K: Deserialize<'de> + Ord + fmt::Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UniqueVisitor<V, K>(std::marker::PhantomData<(V, K)>);
        impl<'de, V, K> Visitor<'de> for UniqueVisitor<V, K>
        where
            V: Deserialize<'de>,
            K: Deserialize<'de> + Ord + fmt::Display,
        {
            type Value = UniqueKeys<V, K>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = BTreeMap::new();
                while let Some((key, value)) = map.next_entry::<K, V>()? {
                    if entries.contains_key(&key) {
                        // The message the YAML reader gives for a repeated key, which the
                        // diagnostics place at the repeat.
                        return Err(de::Error::custom(format!(
                            "duplicate entry with key \"{key}\""
                        )));
                    }
                    entries.insert(key, value);
                }
                Ok(UniqueKeys(entries))
            }
        }
        deserializer.deserialize_map(UniqueVisitor(std::marker::PhantomData))
    }
}

/// The `message` and `detail` of one code in one declared locale.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTranslation {
    pub message: String,
    #[serde(default)]
    pub detail: Option<String>,
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
    pub schemas: UniqueKeys<RawSchema>,
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
    pub params: UniqueKeys<ParamType>,
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
    pub values: UniqueKeys<RawScalar>,
    /// The code's texts in the declared locales, by tag.
    #[serde(default)]
    pub translations: UniqueKeys<RawTranslation>,
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
pub(crate) fn is_tombstone(entry: &serde_yaml::Value) -> bool {
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
                || keys.translations.is_some()
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
            translations: keys.translations.unwrap_or_default(),
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
    params: Option<UniqueKeys<ParamType>>,
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
    values: Option<UniqueKeys<RawScalar>>,
    #[serde(default, deserialize_with = "written")]
    translations: Option<UniqueKeys<RawTranslation>>,
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
