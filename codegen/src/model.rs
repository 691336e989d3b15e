//! A validated catalog, ready for the emitters.
//!
//! Everything an emitter needs is decided here, once: Rust identifiers (already escaped), the
//! wire type of codes, resolved links and problem types, parsed templates, the group of each
//! code. Emitters only read it; they make no naming or validity decisions of their own.
//!
//! This module is public with the crate's `model` feature, for tools that emit something of
//! their own from a catalog; without it a [`Catalog`] is an opaque value that only says its
//! name, title and version, and build scripts depend on nothing more. Either way outside code
//! reads the model through accessor methods and cannot build or change it, so every catalog
//! an emitter is given has passed validation: only a [`Loader`](crate::Loader) (or
//! [`load`](crate::load) and [`parse`](crate::parse)) makes one.
//!
//! ```
//! # let source = "name: shop\ntitle: Shop\nversion: '1'\ncode_type: integer\nenvelope:\n  name: ShopError\n  media_type: application/json\n  fields:\n    - { name: code, type: integer, from: code, required: true }\ncodes:\n  - { code: 1, message: One, status: 400 }\n";
//! let catalog = errcat_codegen::parse("shop.yaml", source)?;
//! assert_eq!(catalog.types().code(), "ShopCode");
//! assert_eq!(catalog.codes()[0].variant(), "One");
//! # Ok::<(), errcat_codegen::Diagnostics>(())
//! ```
//!
//! Changing a name validation checked, so that an emitter would panic on it, does not
//! compile:
//!
//! ```compile_fail,E0616
//! # let source = "name: shop\ntitle: Shop\nversion: '1'\ncode_type: integer\nenvelope:\n  name: ShopError\n  media_type: application/json\n  fields:\n    - { name: code, type: integer, from: code, required: true }\ncodes:\n  - { code: 1, message: One, status: 400 }\n";
//! let mut catalog = errcat_codegen::parse("shop.yaml", source)?;
//! catalog.types.code = "Not An Ident".to_owned();
//! # Ok::<(), errcat_codegen::Diagnostics>(())
//! ```
//!
//! ```compile_fail,E0616
//! # let source = "name: shop\ntitle: Shop\nversion: '1'\ncode_type: integer\nenvelope:\n  name: ShopError\n  media_type: application/json\n  fields:\n    - { name: code, type: integer, from: code, required: true }\ncodes:\n  - { code: 1, message: One, status: 400 }\n";
//! let mut catalog = errcat_codegen::parse("shop.yaml", source)?;
//! let mut code = catalog.codes()[0].clone();
//! code.variant = "not an ident".to_owned();
//! # Ok::<(), errcat_codegen::Diagnostics>(())
//! ```
//!
//! Nor does building one:
//!
//! ```compile_fail,E0451
//! let retired = errcat_codegen::model::Retired {
//!     value: errcat_codegen::model::CodeValue::Int(1),
//!     reason: String::new(),
//!     message: None,
//! };
//! ```

// Without the `model` feature the module is private and its `pub` items are the crate's; with
// it they are the read-only view documented above.
#![cfg_attr(not(feature = "model"), allow(unreachable_pub))]

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

#[cfg(feature = "model")]
mod view;

mod grpc;
pub use grpc::GrpcCode;
pub(crate) use grpc::enum_name as grpc_enum_name;

/// A validated catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// snake_case id: module and file names.
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) version: String,
    pub(crate) docs_url: Option<String>,
    /// Rust names of the generated types.
    pub(crate) types: TypeNames,
    /// The Rust type of a code on the wire.
    pub(crate) repr: CodeRepr,
    pub(crate) groups: Vec<Group>,
    /// HTTP statuses the API documents, in its own words.
    pub(crate) statuses: BTreeMap<u16, String>,
    /// Where a response's code travels: the body, or the HTTP status line.
    pub(crate) code_in: CodeIn,
    pub(crate) envelope: Envelope,
    /// In catalog order.
    pub(crate) codes: Vec<Code>,
    /// Codes retired with a tombstone (`removed:`), in catalog order. They are not in the
    /// generated enum, and no code may reuse them.
    pub(crate) retired: Vec<Retired>,
    /// The AIP-193 `ErrorInfo.domain` of every code (`domain:`, by default the name).
    pub(crate) domain: String,
    /// The languages of the catalog's texts (`locales:`), when it declares them.
    pub(crate) locales: Option<Locales>,
}

/// The languages of a catalog's texts: the default one, which `message` and `detail` are
/// written in, and the declared others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locales {
    /// The language of the codes' own texts.
    pub(crate) default: Locale,
    /// The other languages, in catalog order; [`Code::translations`] follows this order.
    pub(crate) declared: Vec<Locale>,
}

impl Locales {
    /// The default locale, then the declared ones.
    pub fn all(&self) -> impl Iterator<Item = &Locale> {
        std::iter::once(&self.default).chain(&self.declared)
    }
}

/// One language of a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locale {
    /// The BCP 47 tag, in its canonical case (`zh-CN`).
    pub(crate) tag: String,
    /// Variant of the locale enum (`ZhCn`).
    pub(crate) variant: String,
    /// The locale whose texts a code without a translation in this one uses, when the
    /// catalog declares one (`fallback:`); `None` for the default and for a locale that
    /// translates every code.
    pub(crate) fallback: Option<String>,
}

/// A code's texts in one declared locale: its own translation, or the texts of the locale it
/// falls back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub(crate) message: String,
    /// The detail template in this locale, when the code has one: it takes exactly the
    /// params of the code's own template, in the same order.
    pub(crate) detail: Option<Template>,
    /// Whether the code translates itself into this locale, rather than falling back.
    pub(crate) written: bool,
}

/// The names of the generated Rust types of one catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeNames {
    /// The catalog's name in PascalCase, e.g. `Guizhan`: the prefix that tells this catalog's
    /// OpenAPI components apart from another catalog's in a merged document.
    pub(crate) prefix: String,
    /// The code enum, e.g. `GuizhanCode`.
    pub(crate) code: String,
    /// The group enum, e.g. `GuizhanGroup` (generated only when the catalog has groups).
    pub(crate) group: String,
    /// A code as found on the wire, known or not, e.g. `GuizhanCodeOrUnknown`.
    pub(crate) or_unknown: String,
    /// The error for values that are not codes, e.g. `UnknownGuizhanCode`.
    pub(crate) unknown: String,
    /// The locale enum, e.g. `GuizhanLocale` (generated only when the catalog declares
    /// locales).
    pub(crate) locale: String,
    /// The error for tags that name no locale of the catalog, e.g. `UnknownGuizhanLocale`.
    pub(crate) unknown_locale: String,
}

/// How a code is represented on the wire and in `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CodeRepr {
    /// Every code fits in `u32`.
    U32,
    /// Some code is negative or above `u32::MAX`.
    I64,
    /// String slugs.
    Str,
}

/// A code's value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum CodeValue {
    /// A number (`code_type: integer`).
    Int(i64),
    /// A slug (`code_type: string`).
    Str(String),
}

impl CodeValue {
    /// The code as prose names it: `5000`, or a slug in backticks.
    pub fn quoted(&self) -> String {
        match self {
            CodeValue::Int(value) => value.to_string(),
            CodeValue::Str(slug) => format!("`{slug}`"),
        }
    }
}

impl std::fmt::Display for CodeValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeValue::Int(value) => write!(f, "{value}"),
            CodeValue::Str(value) => f.write_str(value),
        }
    }
}

/// A group of codes: a range of numbers or a prefix of slugs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// snake_case name from the catalog.
    pub(crate) name: String,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    /// Variant of the group enum.
    pub(crate) variant: String,
    pub(crate) members: GroupMembers,
}

/// Which codes a group holds.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GroupMembers {
    /// Integer codes from `.0` to `.1`, both included.
    Range(i64, i64),
    /// String codes starting with the prefix.
    Prefix(String),
}

/// A live code: one variant of the generated code enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    pub(crate) value: CodeValue,
    /// Variant of the code enum.
    pub(crate) variant: String,
    pub(crate) message: String,
    /// The default HTTP status: the first of `statuses`.
    pub(crate) status: u16,
    /// Every HTTP status the code is sent with, the default first.
    pub(crate) statuses: Vec<u16>,
    pub(crate) success: bool,
    pub(crate) description: Option<String>,
    /// The detail template, when the code has one.
    pub(crate) detail: Option<Template>,
    pub(crate) deprecated: Option<String>,
    /// Extra names, as associated consts.
    pub(crate) aliases: Vec<String>,
    /// Resolved `from: link` value: the code's link, the default link, or `docs_url#code`.
    pub(crate) link: Option<String>,
    /// Resolved `from: type_uri` value: the code's problem type or `about:blank`.
    pub(crate) type_uri: String,
    /// Index into [`Catalog::groups`].
    pub(crate) group: Option<usize>,
    /// Name of the envelope constructor, for codes with a detail template or with required
    /// fields of their own.
    pub(crate) constructor: Option<String>,
    /// What this code's body carries beyond the envelope's common shape.
    pub(crate) shape: CodeShape,
    /// The code's texts in each declared locale, in the order of [`Locales::declared`]
    /// (empty without `locales:`).
    pub(crate) translations: Vec<Translation>,
    /// What the code means to an RPC client: gRPC code, reason, retry semantics.
    pub(crate) rpc: Rpc,
}

/// A code's gRPC status code, AIP-193 reason and retry semantics, defaults applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rpc {
    /// `grpc:`, or the code the HTTP status maps to.
    pub(crate) grpc: GrpcCode,
    /// `reason:` (UPPER_SNAKE_CASE), or the variant name in that case.
    pub(crate) reason: String,
    /// Whether a client may retry the same request (`retryable:`).
    pub(crate) retryable: bool,
    /// How long to wait before retrying, in seconds (`retry_after:`), for retryable codes.
    pub(crate) retry_after: Option<u32>,
}

/// The body of one code: which fields it carries and requires, and which values are fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeShape {
    /// Indices into [`Envelope::fields`] of the fields declared under this code
    /// (`fields:`), which only the codes declaring them carry.
    pub(crate) own: Vec<usize>,
    /// Indices into [`Envelope::fields`] of every field always present with this code: the
    /// envelope's required fields less the code's `optional:` ones, and its own required
    /// fields. In field order.
    pub(crate) required: Vec<usize>,
    /// Values fixed for this code (`values:`), by index into [`Envelope::fields`].
    pub(crate) values: Vec<(usize, Scalar)>,
}

/// A value fixed per code (`values:`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scalar {
    /// A boolean.
    Boolean(bool),
    /// An integer.
    Integer(i64),
    /// A string.
    String(String),
}

/// Where a response's code travels (`code_in:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CodeIn {
    /// In the body's `from: code` field.
    #[default]
    Body,
    /// In the HTTP status line; the body may say it again in its `from: code` field.
    Status,
}

impl CodeIn {
    /// The name used in the catalog.
    pub fn as_str(self) -> &'static str {
        match self {
            CodeIn::Body => "body",
            CodeIn::Status => "status",
        }
    }
}

/// A retired code: gone from the generated enum, its number or slug reserved for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retired {
    pub(crate) value: CodeValue,
    /// Why it was retired, or what replaces it (the catalog's `removed:`).
    pub(crate) reason: String,
    /// What the code meant, when the tombstone says.
    pub(crate) message: Option<String>,
}

/// A detail template, split into literal text and parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The template as written.
    pub(crate) text: String,
    pub(crate) pieces: Vec<Piece>,
    /// In order of first use in the template.
    pub(crate) params: Vec<Param>,
}

/// A piece of a detail template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(String),
    /// Index into [`Template::params`].
    Param(usize),
}

/// A parameter of a detail template: an argument of the code's constructor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Name in the template.
    pub(crate) name: String,
    /// Rust argument name.
    pub(crate) ident: String,
    pub(crate) ty: ParamType,
}

/// The error body on the wire, and the helper object types its fields use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// Wire and Rust name of the body type.
    pub(crate) name: String,
    pub(crate) media_type: String,
    pub(crate) description: Option<String>,
    /// The envelope's own fields, then the fields declared under codes, in order of first
    /// declaration.
    pub(crate) fields: Vec<Field>,
    /// Helper object types, by name.
    pub(crate) schemas: BTreeMap<String, Schema>,
    /// No members but the fields (`closed: true`); an open body keeps unknown members.
    pub(crate) closed: bool,
}

/// A helper object type of the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) fields: Vec<Field>,
    /// No members but the fields (`closed: true`).
    pub(crate) closed: bool,
}

/// A field of the envelope or of a helper schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Name on the wire.
    pub(crate) wire_name: String,
    /// Rust field name, escaped.
    pub(crate) ident: String,
    pub(crate) ty: FieldType,
    pub(crate) from: Option<Binding>,
    /// Present in every body (of every code, for an envelope field).
    pub(crate) required: bool,
    /// May be `null`.
    pub(crate) nullable: bool,
    /// Declared under codes (`fields:`) rather than the envelope: only some codes carry it.
    pub(crate) per_code: bool,
    /// Schema-only string constraint: the shortest value.
    pub(crate) min_length: Option<u64>,
    /// Schema-only string format: `uri` or `uri-reference`.
    pub(crate) format: Option<String>,
    pub(crate) description: Option<String>,
    /// Whether a single (non-array) reference must be boxed because it leads back to the
    /// type that holds it.
    pub(crate) boxed: bool,
}

/// The type of an envelope or schema field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldType {
    /// `string`.
    String,
    /// `integer`.
    Integer,
    /// `number`.
    Number,
    /// `boolean`.
    Boolean,
    /// `any`: any JSON value.
    Any,
    /// `array`, of `items`.
    Array(Box<FieldType>),
    /// A helper schema, by name.
    Schema(String),
    /// The envelope itself (problems nesting problems).
    Envelope,
    /// The code (a field bound `from: code`).
    Code,
    /// The HTTP status (a field bound `from: status`).
    Status,
}

impl Catalog {
    /// The field bound to `binding`, if any.
    pub(crate) fn field_bound_to(&self, binding: Binding) -> Option<&Field> {
        self.envelope
            .fields
            .iter()
            .find(|f| f.from == Some(binding))
    }

    /// The codes that are errors.
    pub(crate) fn errors(&self) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(|code| !code.success)
    }
}

/// What catalog value an envelope field carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Binding {
    /// `from: code`: the code.
    Code,
    /// `from: message`: the code's message.
    Message,
    /// `from: detail`: the code's detail, its template filled in.
    Detail,
    /// `from: status`: the code's HTTP status.
    Status,
    /// `from: link`: the code's documentation link.
    Link,
    /// `from: type_uri`: the code's problem type URI.
    TypeUri,
}

impl Binding {
    /// The name used in the catalog.
    pub fn as_str(self) -> &'static str {
        match self {
            Binding::Code => "code",
            Binding::Message => "message",
            Binding::Detail => "detail",
            Binding::Status => "status",
            Binding::Link => "link",
            Binding::TypeUri => "type_uri",
        }
    }
}

/// The type of a detail-template parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ParamType {
    /// `string`.
    String,
    /// `integer`.
    Integer,
    /// `boolean`.
    Boolean,
}

impl ParamType {
    /// The name used in the catalog.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Integer => "integer",
            ParamType::Boolean => "boolean",
        }
    }
}

impl CodeRepr {
    /// The catalog's `code_type` of codes with this representation.
    pub(crate) fn code_type(self) -> &'static str {
        match self {
            CodeRepr::Str => "string",
            CodeRepr::U32 | CodeRepr::I64 => "integer",
        }
    }

    /// The Rust type of a code on the wire, as the generated `code()` returns it (without
    /// the `'static` of `&str`).
    pub(crate) fn rust_type(self) -> &'static str {
        match self {
            CodeRepr::Str => "&str",
            CodeRepr::U32 => "u32",
            CodeRepr::I64 => "i64",
        }
    }
}

impl FieldType {
    /// The field types a catalog names with a keyword of its own, by that keyword; `array`
    /// holds `any` until its `items` say otherwise.
    pub(crate) const KEYWORDS: [&'static str; 6] =
        ["string", "integer", "number", "boolean", "any", "array"];

    /// The type the catalog keyword `name` stands for.
    pub(crate) fn from_keyword(name: &str) -> Option<FieldType> {
        Some(match name {
            "string" => FieldType::String,
            "integer" => FieldType::Integer,
            "number" => FieldType::Number,
            "boolean" => FieldType::Boolean,
            "any" => FieldType::Any,
            "array" => FieldType::Array(Box::new(FieldType::Any)),
            _ => return None,
        })
    }

    /// The catalog keyword of a scalar type (`string`, `integer`, …); `None` for arrays, schemas
    /// and the types of bound fields.
    pub(crate) fn keyword(&self) -> Option<&'static str> {
        Some(match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Any => "any",
            _ => return None,
        })
    }
}

/// Rejects two catalogs with one name: their outputs (`<name>.rs`, `openapi/<name>.json`,
/// OpenAPI component prefixes) would collide. The one place this is checked.
pub(crate) fn unique_names(catalogs: &[Catalog]) -> Result<(), crate::Error> {
    let mut seen = BTreeSet::new();
    match catalogs.iter().find(|catalog| !seen.insert(&catalog.name)) {
        Some(catalog) => Err(crate::Error::DuplicateName {
            name: catalog.name.clone(),
        }),
        None => Ok(()),
    }
}

impl CodeShape {
    /// The shape of a code with no key of its own, until `validate` works it out.
    pub(crate) fn common() -> Self {
        CodeShape {
            own: Vec::new(),
            required: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl Field {
    /// Whether the field's Rust type is an `Option`: it may be absent or `null`.
    pub fn is_optional(&self) -> bool {
        !self.required || self.nullable
    }
}

// What identifies a catalog, readable with or without the `model` feature.
impl Catalog {
    /// snake_case id: module and file names.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The human title of the API.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The catalog's version.
    pub fn version(&self) -> &str {
        &self.version
    }
}

/// The Rust field of an open body or schema that keeps the members the catalog does not
/// know; no field of an open one may take its name.
pub(crate) const EXTRA_FIELD: &str = "unknown_members";
