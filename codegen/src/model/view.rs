//! Read access to the whole model, with the `model` feature: the fields are the crate's, so
//! that only validation builds a model, and these methods are the views outside code reads.

use std::collections::BTreeMap;

use super::*;

impl Catalog {
    /// What the API is, when the catalog says.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The base URL of the API's documentation, when given.
    pub fn docs_url(&self) -> Option<&str> {
        self.docs_url.as_deref()
    }

    /// Rust names of the generated types.
    pub fn types(&self) -> &TypeNames {
        &self.types
    }

    /// The Rust type of a code on the wire.
    pub fn repr(&self) -> CodeRepr {
        self.repr
    }

    /// The groups of codes, in catalog order.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// HTTP statuses the API documents, in its own words.
    pub fn statuses(&self) -> &BTreeMap<u16, String> {
        &self.statuses
    }

    /// Where a response's code travels (`code_in:`).
    pub fn code_in(&self) -> CodeIn {
        self.code_in
    }

    /// The error body on the wire.
    pub fn envelope(&self) -> &Envelope {
        &self.envelope
    }

    /// In catalog order.
    pub fn codes(&self) -> &[Code] {
        &self.codes
    }

    /// Codes retired with a tombstone (`removed:`), in catalog order. They are not in the generated enum, and no code may reuse them.
    pub fn retired(&self) -> &[Retired] {
        &self.retired
    }

    /// The AIP-193 `ErrorInfo.domain` of every code (`domain:`, by default the name).
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The languages of the catalog's texts, when it declares them (`locales:`).
    pub fn locales(&self) -> Option<&Locales> {
        self.locales.as_ref()
    }
}

impl Locales {
    /// The language the codes' own texts are written in.
    pub fn default_locale(&self) -> &Locale {
        &self.default
    }

    /// The other languages, in catalog order.
    pub fn declared(&self) -> &[Locale] {
        &self.declared
    }
}

impl Locale {
    /// The BCP 47 tag, in its canonical case (`zh-CN`).
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Variant of the locale enum (`ZhCn`).
    pub fn variant(&self) -> &str {
        &self.variant
    }

    /// The locale an untranslated code falls back to, when the catalog declares one.
    pub fn fallback(&self) -> Option<&str> {
        self.fallback.as_deref()
    }
}

impl Translation {
    /// The code's message in this locale.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The detail template in this locale, when the code has one.
    pub fn detail(&self) -> Option<&Template> {
        self.detail.as_ref()
    }

    /// Whether the code translates itself into this locale, rather than falling back.
    pub fn written(&self) -> bool {
        self.written
    }
}

impl TypeNames {
    /// The code enum, e.g. `GuizhanCode`.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The group enum, e.g. `GuizhanGroup` (generated only when the catalog has groups).
    pub fn group(&self) -> &str {
        &self.group
    }

    /// A code as found on the wire, known or not, e.g. `GuizhanCodeOrUnknown`.
    pub fn or_unknown(&self) -> &str {
        &self.or_unknown
    }

    /// The error for values that are not codes, e.g. `UnknownGuizhanCode`.
    pub fn unknown(&self) -> &str {
        &self.unknown
    }

    /// The locale enum, e.g. `GuizhanLocale` (generated only when the catalog declares
    /// locales).
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The error for tags that name no locale of the catalog, e.g. `UnknownGuizhanLocale`.
    pub fn unknown_locale(&self) -> &str {
        &self.unknown_locale
    }
}

impl Group {
    /// snake_case name from the catalog.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The human title of the group.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// What the group holds, when the catalog says.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Which codes the group holds.
    pub fn members(&self) -> &GroupMembers {
        &self.members
    }
}

impl Code {
    /// The code's value on the wire.
    pub fn value(&self) -> &CodeValue {
        &self.value
    }

    /// Variant of the code enum.
    pub fn variant(&self) -> &str {
        &self.variant
    }

    /// The message the code is sent with.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP status the code is sent with by default: the first of [`Self::statuses`].
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Every HTTP status the code is sent with, the default first.
    pub fn statuses(&self) -> &[u16] {
        &self.statuses
    }

    /// What the code's body carries beyond the envelope's common shape.
    pub fn shape(&self) -> &CodeShape {
        &self.shape
    }

    /// Whether the code reports success (`kind: success`) rather than an error.
    pub fn success(&self) -> bool {
        self.success
    }

    /// A longer description, when the catalog gives one.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The detail template, when the code has one.
    pub fn detail(&self) -> Option<&Template> {
        self.detail.as_ref()
    }

    /// Why the code is deprecated and what replaces it, when it is.
    pub fn deprecated(&self) -> Option<&str> {
        self.deprecated.as_deref()
    }

    /// Extra names, as associated consts.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// Resolved `from: link` value: the code's link, the default link, or `docs_url#code`.
    pub fn link(&self) -> Option<&str> {
        self.link.as_deref()
    }

    /// Resolved `from: type_uri` value: the code's problem type or `about:blank`.
    pub fn type_uri(&self) -> &str {
        &self.type_uri
    }

    /// Index into [`Catalog::groups`].
    pub fn group(&self) -> Option<usize> {
        self.group
    }

    /// The code's texts in each declared locale, in the order of [`Locales::declared`].
    pub fn translations(&self) -> &[Translation] {
        &self.translations
    }

    /// The code's gRPC status code, reason and retry semantics.
    pub fn rpc(&self) -> &Rpc {
        &self.rpc
    }
}

impl Rpc {
    /// The gRPC status code the code is sent with.
    pub fn grpc(&self) -> GrpcCode {
        self.grpc
    }

    /// The AIP-193 `ErrorInfo.reason`: UPPER_SNAKE_CASE, unique in the catalog.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Whether a client may retry the same request.
    pub fn retryable(&self) -> bool {
        self.retryable
    }

    /// How long to wait before retrying, in seconds, when the catalog says.
    pub fn retry_after(&self) -> Option<u32> {
        self.retry_after
    }
}

impl CodeShape {
    /// Indices into [`Envelope::fields`] of the fields only this code (and others declaring
    /// them) carries.
    pub fn own(&self) -> &[usize] {
        &self.own
    }

    /// Indices into [`Envelope::fields`] of every field always present with this code.
    pub fn required(&self) -> &[usize] {
        &self.required
    }

    /// Values fixed for this code, by index into [`Envelope::fields`].
    pub fn values(&self) -> &[(usize, Scalar)] {
        &self.values
    }
}

impl Retired {
    /// The retired code's value, reserved for good.
    pub fn value(&self) -> &CodeValue {
        &self.value
    }

    /// Why it was retired, or what replaces it (the catalog's `removed:`).
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// What the code meant, when the tombstone says.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl Template {
    /// The template as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// In order of first use in the template.
    pub fn params(&self) -> &[Param] {
        &self.params
    }
}

impl Param {
    /// Name in the template.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The parameter's type.
    pub fn ty(&self) -> ParamType {
        self.ty
    }
}

impl Envelope {
    /// Wire and Rust name of the body type.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The body's media type, e.g. `application/problem+json`.
    pub fn media_type(&self) -> &str {
        &self.media_type
    }

    /// What the body is, when the catalog says.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The body's fields, in wire order.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// Helper object types, by name.
    pub fn schemas(&self) -> &BTreeMap<String, Schema> {
        &self.schemas
    }

    /// Whether the body has no members but its fields (`closed: true`).
    pub fn closed(&self) -> bool {
        self.closed
    }
}

impl Schema {
    /// The schema's name, as written in the catalog.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the schema is, when the catalog says.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The schema's fields, in wire order.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// Whether the object has no members but its fields (`closed: true`).
    pub fn closed(&self) -> bool {
        self.closed
    }
}

impl Field {
    /// Name on the wire.
    pub fn wire_name(&self) -> &str {
        &self.wire_name
    }

    /// The field's type.
    pub fn ty(&self) -> &FieldType {
        &self.ty
    }

    /// The catalog value the field carries, when it is bound to one.
    pub fn from(&self) -> Option<Binding> {
        self.from
    }

    /// Whether every body has the field.
    pub fn required(&self) -> bool {
        self.required
    }

    /// Whether the field may be `null`.
    pub fn nullable(&self) -> bool {
        self.nullable
    }

    /// Whether the field is declared under codes (`fields:`), which only they carry.
    pub fn per_code(&self) -> bool {
        self.per_code
    }

    /// The shortest string the field holds (schema only).
    pub fn min_length(&self) -> Option<u64> {
        self.min_length
    }

    /// The string's format (schema only): `uri` or `uri-reference`.
    pub fn format(&self) -> Option<&str> {
        self.format.as_deref()
    }

    /// What the field holds, when the catalog says.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
}
