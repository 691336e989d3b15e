//! The catalog as written, and the defaults that complete it.
//!
//! Only `name` and `codes` must be written; every other key has a default (documented in
//! catalog/README.md, "Top-level keys"), applied here, once, so that validation and the
//! emitters see a complete catalog:
//!
//! - `title`: the name in words, `+ " API"` (`sql_states` → `Sql states API`);
//! - `version`: [`DEFAULT_VERSION`];
//! - `code_type`: read from the codes, `integer` when every code is a number, `string` when
//!   every code is a string;
//! - `envelope.name`: the name in PascalCase `+ "Error"` (`shop` → `ShopError`);
//! - `envelope.media_type`: [`DEFAULT_MEDIA_TYPE`];
//! - `envelope.fields`: `code` (from the code, of the code type) and `message` (from the
//!   message), both required;
//! - a group's `title`: its name in words (`organization_member` → `Organization member`);
//! - `domain`: the name.

use serde::Deserialize;

use crate::diagnostic::Problem;
use crate::diagnostic::locate::YamlPath;
use crate::ident;
use crate::model::{Binding, CodeIn};

use super::raw::{
    CodeType, RawCatalog, RawCodeValue, RawEntry, RawEnvelope, RawField, RawGroup, RawLocales,
    RawRpcDefaults, RawSchema, UniqueKeys,
};

/// `version` when none is written.
pub(crate) const DEFAULT_VERSION: &str = "0.1.0";
/// `envelope.media_type` when none is written.
pub(crate) const DEFAULT_MEDIA_TYPE: &str = "application/json";

/// A catalog file as written. `C` is the type of one entry of `codes`: [`RawEntry`]
/// normally, and a bare YAML value while problems are being collected entry by entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WrittenCatalog<C = RawEntry> {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub docs_url: Option<String>,
    #[serde(default)]
    pub default_link: Option<String>,
    #[serde(default)]
    pub type_name: Option<String>,
    #[serde(default)]
    pub code_type: Option<CodeType>,
    #[serde(default)]
    pub groups: Vec<WrittenGroup>,
    #[serde(default)]
    pub statuses: UniqueKeys<String, i64>,
    #[serde(default)]
    pub code_in: CodeIn,
    #[serde(default)]
    pub envelope: Option<WrittenEnvelope>,
    #[serde(default)]
    pub locales: Option<RawLocales>,
    pub domain: Option<String>,
    #[serde(default)]
    pub grpc: Option<String>,
    #[serde(default)]
    pub retryable: Option<bool>,
    #[serde(default)]
    pub retry_after: Option<u32>,
    pub codes: Vec<C>,
}

/// The top-level keys of [`WrittenCatalog`], in its order, and whether each is required.
pub(crate) const TOP_LEVEL_KEYS: &[(&str, bool)] = &[
    ("name", true),
    ("title", false),
    ("description", false),
    ("version", false),
    ("docs_url", false),
    ("default_link", false),
    ("type_name", false),
    ("code_type", false),
    ("groups", false),
    ("statuses", false),
    ("code_in", false),
    ("envelope", false),
    ("locales", false),
    ("domain", false),
    ("grpc", false),
    ("retryable", false),
    ("retry_after", false),
    ("codes", true),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WrittenGroup {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub range: Option<[i64; 2]>,
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub grpc: Option<String>,
    #[serde(default)]
    pub retryable: Option<bool>,
    #[serde(default)]
    pub retry_after: Option<u32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WrittenEnvelope {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub media_type: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub fields: Option<Vec<RawField>>,
    #[serde(default)]
    pub schemas: UniqueKeys<RawSchema>,
    #[serde(default)]
    pub closed: bool,
}

/// The written catalog with every default applied, or the problem that keeps `code_type`
/// from being read from the codes.
pub(crate) fn complete(written: WrittenCatalog) -> Result<RawCatalog, Vec<Problem>> {
    let code_type = match written.code_type {
        Some(code_type) => code_type,
        None => code_type_of(&written.codes)?,
    };
    let envelope = written.envelope.unwrap_or_default();
    Ok(RawCatalog {
        title: written
            .title
            .unwrap_or_else(|| format!("{} API", words(&written.name))),
        description: written.description,
        version: written
            .version
            .unwrap_or_else(|| DEFAULT_VERSION.to_owned()),
        docs_url: written.docs_url,
        default_link: written.default_link,
        type_name: written.type_name,
        code_type,
        groups: written
            .groups
            .into_iter()
            .map(|group| RawGroup {
                title: group.title.unwrap_or_else(|| words(&group.name)),
                name: group.name,
                description: group.description,
                range: group.range,
                prefix: group.prefix,
                rpc: RawRpcDefaults {
                    grpc: group.grpc,
                    retryable: group.retryable,
                    retry_after: group.retry_after,
                },
            })
            .collect(),
        statuses: written.statuses,
        code_in: written.code_in,
        envelope: RawEnvelope {
            name_written: envelope.name.is_some(),
            name: envelope
                .name
                .unwrap_or_else(|| format!("{}Error", ident::type_case(&written.name))),
            media_type: envelope
                .media_type
                .unwrap_or_else(|| DEFAULT_MEDIA_TYPE.to_owned()),
            description: envelope.description,
            fields: envelope.fields.unwrap_or_else(|| default_fields(code_type)),
            schemas: envelope.schemas,
            closed: envelope.closed,
        },
        domain_written: written.domain.is_some(),
        domain: written.domain.unwrap_or_else(|| written.name.clone()),
        rpc: RawRpcDefaults {
            grpc: written.grpc,
            retryable: written.retryable,
            retry_after: written.retry_after,
        },
        name: written.name,
        codes: written.codes,
        locales: written.locales,
    })
}

/// `code` and `message`, bound from the code and its message.
fn default_fields(code_type: CodeType) -> Vec<RawField> {
    let field = |name: &str, ty: &str, from: Binding| RawField {
        name: name.to_owned(),
        ty: ty.to_owned(),
        items: None,
        from: Some(from),
        required: true,
        nullable: false,
        min_length: None,
        format: None,
        description: None,
    };
    let code = match code_type {
        CodeType::Integer => "integer",
        CodeType::String => "string",
    };
    vec![
        field("code", code, Binding::Code),
        field("message", "string", Binding::Message),
    ]
}

/// The code type the codes are written in, tombstones included: integers when the first code
/// is a number, strings when it is a string; a code of the other kind is a problem.
fn code_type_of(codes: &[RawEntry]) -> Result<CodeType, Vec<Problem>> {
    fn value(entry: &RawEntry) -> &RawCodeValue {
        match entry {
            RawEntry::Code(code) => &code.code,
            RawEntry::Removed(removed) => &removed.code,
        }
    }
    let kind = |value: &RawCodeValue| match value {
        RawCodeValue::Int(_) => CodeType::Integer,
        RawCodeValue::Str(_) => CodeType::String,
    };
    let Some(first) = codes.first().map(value) else {
        return Ok(CodeType::Integer);
    };
    let code_type = kind(first);
    let Some(index) = codes
        .iter()
        .position(|entry| kind(value(entry)) != code_type)
    else {
        return Ok(code_type);
    };
    let (this, other) = match code_type {
        CodeType::Integer => ("a string", "numbers"),
        CodeType::String => ("a number", "strings"),
    };
    Err(vec![Problem::at(
        YamlPath::root().key("codes").index(index).key("code"),
        format!(
            "this code is {this}, but the codes before it are {other}, and no `code_type` says which is meant"
        ),
    )
    .hint(
        "write every code the same way (quote numbers to make them strings, e.g. `code: \"40001\"`), or set `code_type: integer` or `code_type: string`",
    )])
}

/// A snake_case name in words, capitalised: `organization_member` → `Organization member`.
fn words(name: &str) -> String {
    let text = name.replace('_', " ");
    let text = text.trim();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_words() {
        assert_eq!(words("shop"), "Shop");
        assert_eq!(words("organization_member"), "Organization member");
        assert_eq!(words("sql_states_2"), "Sql states 2");
        assert_eq!(words(""), "");
    }

    #[test]
    fn every_key_of_the_written_catalog_is_listed() {
        // serde lists the fields a struct accepts when it meets another one.
        let error = serde_yaml::from_str::<WrittenCatalog<serde_yaml::Value>>("zzz: 1\n")
            .unwrap_err()
            .to_string();
        let expected: Vec<&str> = error
            .split_once("expected one of ")
            .unwrap()
            .1
            .split('`')
            .skip(1)
            .step_by(2)
            .collect();
        let listed: Vec<&str> = TOP_LEVEL_KEYS.iter().map(|(key, _)| *key).collect();
        assert_eq!(listed, expected);
    }
}
