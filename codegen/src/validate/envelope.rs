//! The envelope and its helper schemas: fields, their types and their bindings.

use std::collections::BTreeMap;

use crate::diagnostic::locate::YamlPath;
use crate::diagnostic::{MAX_PROBLEMS, Problem, did_you_mean, quoted_list};
use crate::ident;
use crate::load::raw::{CodeType, RawCatalog, RawEnvelope, RawField, RawSchema};
use crate::model::{Binding, Envelope, Field, FieldType, Schema, TypeNames};

/// The string formats a field may declare (schema only).
const FORMATS: &[&str] = &["uri", "uri-reference"];

use super::codes::live_codes;
use super::{Checker, code_path, root};

impl Checker {
    pub(super) fn envelope(
        &mut self,
        raw: &RawEnvelope,
        types: &TypeNames,
        code_type: CodeType,
    ) -> Envelope {
        let path = root().key("envelope");
        let mut taken: BTreeMap<&str, &str> = BTreeMap::from([
            (types.code.as_str(), "the code enum"),
            (types.group.as_str(), "the group enum"),
            (types.or_unknown.as_str(), "the wire code type"),
            (types.unknown.as_str(), "the unknown-code error"),
        ]);
        // The locale types exist only with `locales:`; their names are kept free regardless,
        // so that declaring locales later never clashes with a name chosen before.
        taken.insert(types.locale.as_str(), "the locale enum");
        taken.insert(types.unknown_locale.as_str(), "the unknown-locale error");
        if raw.name_written {
            self.type_name_free(&raw.name, path.key("name"), &mut taken, "the envelope");
        } else if ident::type_name_fault(&raw.name).is_none() {
            // The default, from the catalog's name: a problem with it is one of the catalog's
            // name (reported already, when that is not snake_case), or a clash, shown there.
            self.type_name_free(
                &raw.name,
                root().key("name"),
                &mut taken,
                "the envelope by default (set `envelope.name`)",
            );
        }
        if !is_media_type(&raw.media_type) {
            self.report(
                Problem::at(
                    path.key("media_type"),
                    format!(
                        "media type `{}` is not of the form `type/subtype`",
                        raw.media_type.escape_debug()
                    ),
                )
                .hint(
                    "e.g. `application/json`, or `application/problem+json` for RFC 9457 problems",
                ),
            );
        }
        for name in raw.schemas.keys() {
            if self.check_type_name(
                name,
                path.key("schemas").key(name.clone()).the_key(),
                "schema",
            ) {
                self.type_name_free(
                    name,
                    path.key("schemas").key(name.clone()).the_key(),
                    &mut taken,
                    "a schema",
                );
            }
        }
        let known = |name: &str| -> Option<FieldType> {
            if name == raw.name {
                Some(FieldType::Envelope)
            } else if raw.schemas.contains_key(name) {
                Some(FieldType::Schema(name.to_owned()))
            } else {
                None
            }
        };
        let fields = self.fields(
            &raw.fields,
            &path.key("fields"),
            &known,
            raw,
            Some(code_type),
        );
        if !raw.closed {
            self.extra_is_free(&fields, &path.key("fields"), &raw.name);
        }
        let schemas = raw
            .schemas
            .iter()
            .map(|(name, schema)| {
                let fields = self.fields(
                    &schema.fields,
                    &schema_fields_path(&path, name, schema),
                    &known,
                    raw,
                    None,
                );
                if !schema.closed {
                    self.extra_is_free(&fields, &schema_fields_path(&path, name, schema), name);
                }
                let schema = Schema {
                    name: name.clone(),
                    description: schema.description.clone(),
                    fields,
                    closed: schema.closed,
                };
                (name.clone(), schema)
            })
            .collect();
        let mut envelope = Envelope {
            name: raw.name.clone(),
            media_type: raw.media_type.clone(),
            description: raw.description.clone(),
            fields,
            schemas,
            closed: raw.closed,
        };
        self.box_cycles(&mut envelope, raw, &path);
        envelope
    }

    /// The fields of the envelope (`code_type` given) or of a schema (`None`).
    pub(super) fn fields(
        &mut self,
        raw: &[RawField],
        path: &YamlPath,
        known: &dyn Fn(&str) -> Option<FieldType>,
        envelope: &RawEnvelope,
        code_type: Option<CodeType>,
    ) -> Vec<Field> {
        let mut idents: BTreeMap<String, usize> = BTreeMap::new();
        let mut bindings: BTreeMap<Binding, usize> = BTreeMap::new();
        let mut fields = Vec::new();
        for (index, field) in raw.iter().enumerate() {
            let at = path.index(index);
            let snake = ident::value_case(&field.name);
            if !ident::is_identifier(&snake) {
                self.report(
                    Problem::at(
                        at.key("name"),
                        format!("cannot make a Rust field name from `{}`", field.name),
                    )
                    .hint(
                        "field names must contain ASCII letters; the wire name is kept as written",
                    ),
                );
            }
            let ident = ident::escape(&snake);
            if let Some(first) = idents.insert(ident.clone(), index) {
                self.report(
                    Problem::at(
                        at.key("name"),
                        format!(
                            "field `{}` has the same Rust name `{ident}` as field `{}`",
                            field.name, raw[first].name
                        ),
                    )
                    .hint("wire names are converted to snake_case; rename one of them")
                    .see("the other field", path.index(first).key("name")),
                );
            }
            let mut ty = self.field_type(field, &at, known, envelope);
            if let Some(binding) = field.from {
                match code_type {
                    None => self.report(
                        Problem::at(
                            at.key("from"),
                            format!(
                                "field `{}` of a schema cannot be bound `from: {}`",
                                field.name,
                                binding.as_str()
                            ),
                        )
                        .hint("only the envelope's own fields carry catalog values"),
                    ),
                    Some(code_type) => {
                        if let Some(first) = bindings.insert(binding, index) {
                            self.report(
                                Problem::at(
                                    at.key("from"),
                                    format!(
                                        "fields `{}` and `{}` are both bound `from: {}`",
                                        raw[first].name,
                                        field.name,
                                        binding.as_str()
                                    ),
                                )
                                .hint("bind each catalog value to one field"),
                            );
                        }
                        ty = self.bound_type(field, binding, ty, code_type, &at);
                    }
                }
            } else if field.required && code_type.is_some() && ty == FieldType::Envelope {
                self.report(
                    Problem::at(at.key("required"), format!("required field `{}` holds the envelope itself, which a code cannot fill", field.name))
                        .hint("make it optional, or an array of problems"),
                );
            }
            let is_string = field.ty == "string";
            if field.min_length.is_some() && !is_string {
                self.report(
                    Problem::at(
                        at.key("min_length").the_key(),
                        format!(
                            "field `{}` has `min_length` but is not a string",
                            field.name
                        ),
                    )
                    .hint("`min_length` constrains strings; remove it, or set `type: string`"),
                );
            }
            if let Some(format) = &field.format {
                if !is_string {
                    self.report(
                        Problem::at(
                            at.key("format").the_key(),
                            format!("field `{}` has `format` but is not a string", field.name),
                        )
                        .hint("`format` describes strings; remove it, or set `type: string`"),
                    );
                } else if !FORMATS.contains(&format.as_str()) {
                    let close = did_you_mean(format, FORMATS.iter().copied());
                    self.report(
                        Problem::at(
                            at.key("format"),
                            format!(
                                "unknown string format `{format}` for field `{}`",
                                field.name
                            ),
                        )
                        .hint(match close {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => format!("a format is one of {}", quoted_list(FORMATS)),
                        }),
                    );
                }
            }
            fields.push(Field {
                wire_name: field.name.clone(),
                ident,
                ty,
                from: field.from,
                required: field.required,
                nullable: field.nullable,
                per_code: false,
                min_length: field.min_length,
                format: field.format.clone(),
                description: field.description.clone(),
                boxed: false,
            });
        }
        fields
    }

    pub(super) fn field_type(
        &mut self,
        field: &RawField,
        at: &YamlPath,
        known: &dyn Fn(&str) -> Option<FieldType>,
        envelope: &RawEnvelope,
    ) -> FieldType {
        let resolve = |this: &mut Self, name: &str, path: YamlPath| -> FieldType {
            match FieldType::from_keyword(name) {
                Some(ty) => ty,
                None => match known(name) {
                    Some(ty) => ty,
                    None => {
                        let other = name;
                        let candidates = FieldType::KEYWORDS
                            .iter()
                            .copied()
                            .chain(std::iter::once(envelope.name.as_str()))
                            .chain(envelope.schemas.keys().map(String::as_str));
                        // Only the first problems are shown; spare the comparisons for the rest.
                        let shown = this.problems.len() < MAX_PROBLEMS;
                        let close = shown.then(|| did_you_mean(other, candidates)).flatten();
                        let hint = match close {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => format!(
                                "a type is one of {}, the envelope's name, or a schema declared under `envelope.schemas`",
                                quoted_list(&FieldType::KEYWORDS)
                            ),
                        };
                        this.report(
                            Problem::at(
                                path,
                                format!("unknown type `{other}` for field `{}`", field.name),
                            )
                            .hint(hint),
                        );
                        FieldType::Any
                    }
                },
            }
        };
        let ty = resolve(self, &field.ty, at.key("type"));
        match (&ty, &field.items) {
            (FieldType::Array(_), Some(items)) => {
                let item = resolve(self, items, at.key("items"));
                if matches!(item, FieldType::Array(_)) {
                    self.report(
                        Problem::at(
                            at.key("items"),
                            format!("field `{}` is an array of arrays", field.name),
                        )
                        .hint("declare a schema for the inner element and use it as `items`"),
                    );
                }
                FieldType::Array(Box::new(item))
            }
            (FieldType::Array(_), None) => {
                self.report(
                    Problem::at(
                        at.key("type"),
                        format!("array field `{}` does not say what it holds", field.name),
                    )
                    .hint("add `items:` with the element type, e.g. `items: string`"),
                );
                ty
            }
            (_, Some(_)) => {
                self.report(
                    Problem::at(
                        at.key("items").the_key(),
                        format!("field `{}` has `items` but is not an array", field.name),
                    )
                    .hint("remove `items`, or set `type: array`"),
                );
                ty
            }
            (_, None) => ty,
        }
    }

    /// The type of a field bound to a catalog value, after checking the declared type fits.
    /// An open body keeps unknown members in a Rust field named `unknown_members`, which no
    /// field of its own may take.
    pub(super) fn extra_is_free(&mut self, fields: &[Field], path: &YamlPath, owner: &str) {
        if let Some(index) = fields
            .iter()
            .position(|f| ident::unraw(&f.ident) == crate::model::EXTRA_FIELD)
        {
            self.report(
                Problem::at(
                    path.index(index).key("name"),
                    format!(
                        "field `{}` of the open `{owner}` takes the Rust name `{}`, which keeps the members the catalog does not know",
                        fields[index].wire_name,
                        crate::model::EXTRA_FIELD
                    ),
                )
                .hint("declare the body `closed: true`, or rename the field"),
            );
        }
    }

    pub(super) fn bound_type(
        &mut self,
        field: &RawField,
        binding: Binding,
        declared: FieldType,
        code_type: CodeType,
        at: &YamlPath,
    ) -> FieldType {
        let (expected, ty) = match binding {
            Binding::Code => match code_type {
                CodeType::Integer => (FieldType::Integer, FieldType::Code),
                CodeType::String => (FieldType::String, FieldType::Code),
            },
            Binding::Status => (FieldType::Integer, FieldType::Status),
            Binding::Message | Binding::Detail | Binding::Link | Binding::TypeUri => {
                (FieldType::String, FieldType::String)
            }
        };
        if declared != expected {
            let name = match expected {
                FieldType::Integer => "integer",
                _ => "string",
            };
            self.report(
                Problem::at(
                    at.key("type"),
                    format!(
                        "field `{}` is bound `from: {}`, which is a {name}",
                        field.name,
                        binding.as_str()
                    ),
                )
                .hint(format!("declare `type: {name}`")),
            );
        }
        ty
    }

    /// Fields bound to a value that some code lacks.
    pub(super) fn bindings_have_values(&mut self, raw: &RawCatalog, envelope: &Envelope) {
        let Some((index, field)) = envelope
            .fields
            .iter()
            .enumerate()
            .find(|(_, f)| f.from == Some(Binding::Link))
        else {
            return;
        };
        if raw.default_link.is_some() || raw.docs_url.is_some() {
            return;
        }
        let at = root()
            .key("envelope")
            .key("fields")
            .index(index)
            .key("from");
        match live_codes(raw).position(|(_, code)| code.link.is_none()) {
            None => {}
            Some(_) if live_codes(raw).all(|(_, code)| code.link.is_none()) => self.report(
                Problem::at(
                    at,
                    format!(
                        "field `{}` is bound `from: link`, but the catalog has no links",
                        field.wire_name
                    ),
                )
                .hint("set `docs_url` or `default_link`, or give codes a `link:`"),
            ),
            Some(_) if field.required => self.report(
                Problem::at(
                    at,
                    format!(
                        "required field `{}` is bound `from: link`, but some codes have no link",
                        field.wire_name
                    ),
                )
                .hint("set `docs_url` or `default_link`, or make the field optional"),
            ),
            Some(_) => {}
        }
        for (index, code) in live_codes(raw) {
            if code.detail.is_some()
                && !envelope
                    .fields
                    .iter()
                    .any(|f| f.from == Some(Binding::Detail))
            {
                self.report(
                    Problem::at(code_path(index).key("detail"), "this code has a `detail` template, but no envelope field is bound `from: detail`")
                        .hint("add a field such as `{ name: detail, type: string, from: detail }` to the envelope"),
                );
            }
        }
    }
}

/// Where the fields of a schema are: directly under its key, or under its `fields`.
pub(super) fn schema_fields_path(envelope: &YamlPath, name: &str, schema: &RawSchema) -> YamlPath {
    let schema_path = envelope.key("schemas").key(name.to_owned());
    if schema.bare {
        schema_path
    } else {
        schema_path.key("fields")
    }
}

/// Whether `text` is a media type (RFC 9110 §8.3.1: `type/subtype`, then `; parameters`)
/// that can be sent as a `Content-Type` header value as it is.
pub(crate) fn is_media_type(text: &str) -> bool {
    let is_token = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
    };
    let essence = text.split(';').next().unwrap_or_default().trim_end();
    let header_safe = text.chars().all(|c| c == '\t' || (' '..='~').contains(&c));
    header_safe
        && essence
            .split_once('/')
            .is_some_and(|(kind, subtype)| is_token(kind) && is_token(subtype))
}
