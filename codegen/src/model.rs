//! A validated catalog, ready for the emitters.
//!
//! Everything an emitter needs is decided here, once: Rust identifiers (already escaped), the
//! wire type of codes, resolved links and problem types, parsed templates, the group of each
//! code. Emitters only read it; they make no naming or validity decisions of their own.

use std::collections::BTreeMap;

use serde::Deserialize;

/// A validated catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// snake_case id: module and file names.
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    pub version: String,
    pub docs_url: Option<String>,
    /// Rust names of the generated types.
    pub types: TypeNames,
    /// The Rust type of a code on the wire.
    pub repr: CodeRepr,
    pub groups: Vec<Group>,
    /// HTTP statuses the API documents, in its own words.
    pub statuses: BTreeMap<u16, String>,
    pub envelope: Envelope,
    /// In catalog order.
    pub codes: Vec<Code>,
    /// Codes retired with a tombstone (`removed:`), in catalog order. They are not in the
    /// generated enum, and no code may reuse them.
    pub retired: Vec<Retired>,
}

/// The names of the generated Rust types of one catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeNames {
    /// The catalog's name in PascalCase, e.g. `Guizhan`: the prefix that tells this catalog's
    /// OpenAPI components apart from another catalog's in a merged document.
    pub prefix: String,
    /// The code enum, e.g. `GuizhanCode`.
    pub code: String,
    /// The group enum, e.g. `GuizhanGroup` (generated only when the catalog has groups).
    pub group: String,
    /// A code as found on the wire, known or not, e.g. `GuizhanCodeOrUnknown`.
    pub or_unknown: String,
    /// The error for values that are not codes, e.g. `UnknownGuizhanCode`.
    pub unknown: String,
}

/// How a code is represented on the wire and in `code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
pub enum CodeValue {
    Int(i64),
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// snake_case name from the catalog.
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    /// Variant of the group enum.
    pub variant: String,
    pub members: GroupMembers,
}

/// Which codes a group holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupMembers {
    /// Integer codes from `.0` to `.1`, both included.
    Range(i64, i64),
    /// String codes starting with the prefix.
    Prefix(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    pub value: CodeValue,
    /// Variant of the code enum.
    pub variant: String,
    pub message: String,
    pub status: u16,
    pub success: bool,
    pub description: Option<String>,
    /// The detail template, when the code has one.
    pub detail: Option<Template>,
    pub deprecated: Option<String>,
    /// Extra names, as associated consts.
    pub aliases: Vec<String>,
    /// Resolved `from: link` value: the code's link, the default link, or `docs_url#code`.
    pub link: Option<String>,
    /// Resolved `from: type_uri` value: the code's problem type or `about:blank`.
    pub type_uri: String,
    /// Index into [`Catalog::groups`].
    pub group: Option<usize>,
    /// Name of the envelope constructor for codes with a detail template.
    pub constructor: Option<String>,
}

/// A retired code: gone from the generated enum, its number or slug reserved for good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retired {
    pub value: CodeValue,
    /// Why it was retired, or what replaces it (the catalog's `removed:`).
    pub reason: String,
    /// What the code meant, when the tombstone says.
    pub message: Option<String>,
}

/// A detail template, split into literal text and parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// The template as written.
    pub text: String,
    pub pieces: Vec<Piece>,
    /// In order of first use in the template.
    pub params: Vec<Param>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// Index into [`Template::params`].
    Param(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Name in the template.
    pub name: String,
    /// Rust argument name.
    pub ident: String,
    pub ty: ParamType,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// Wire and Rust name of the body type.
    pub name: String,
    pub media_type: String,
    pub description: Option<String>,
    pub fields: Vec<Field>,
    /// Helper object types, by name.
    pub schemas: BTreeMap<String, Schema>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    pub name: String,
    pub description: Option<String>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Name on the wire.
    pub wire_name: String,
    /// Rust field name, escaped.
    pub ident: String,
    pub ty: FieldType,
    pub from: Option<Binding>,
    pub required: bool,
    pub description: Option<String>,
    /// Whether a single (non-array) reference must be boxed because it leads back to the
    /// type that holds it.
    pub boxed: bool,
}

/// The type of an envelope or schema field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
    Any,
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
    pub fn field_bound_to(&self, binding: Binding) -> Option<&Field> {
        self.envelope
            .fields
            .iter()
            .find(|f| f.from == Some(binding))
    }

    /// The codes that are errors.
    pub fn errors(&self) -> impl Iterator<Item = &Code> {
        self.codes.iter().filter(|code| !code.success)
    }
}

/// What catalog value an envelope field carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Binding {
    Code,
    Message,
    Detail,
    Status,
    Link,
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
pub enum ParamType {
    String,
    Integer,
    Boolean,
}

impl ParamType {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Integer => "integer",
            ParamType::Boolean => "boolean",
        }
    }
}
