//! The shape of each code's body (`fields:`, `optional:`, `values:`) and where the code
//! travels (`code_in:`).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::locate::YamlPath;
use crate::diagnostic::{Problem, did_you_mean, quoted_list};
use crate::ident;
use crate::load::raw::{CodeType, RawCatalog, RawScalar};
use crate::model::{Code, CodeIn, CodeShape, CodeValue, Envelope, Field, FieldType, Scalar};

use super::codes::live_codes;
use super::{Checker, code_path, root};

impl Checker {
    /// `code_in: status`: the HTTP status stands for the code, so every code must be one of
    /// its own statuses.
    pub(super) fn code_in(&mut self, raw: &RawCatalog, codes: &[Code]) {
        if raw.code_in != CodeIn::Status {
            return;
        }
        if raw.code_type != CodeType::Integer {
            self.report(
                Problem::at(
                    root().key("code_in"),
                    "`code_in: status` needs integer codes: the status line carries a number",
                )
                .hint(
                    "set `code_type: integer` with each code its HTTP status, or remove `code_in`",
                ),
            );
            return;
        }
        let mut live = live_codes(raw);
        for code in codes {
            let Some((index, _)) = live.next() else { break };
            let matches = match code.value {
                CodeValue::Int(value) => code.statuses.iter().any(|&s| i64::from(s) == value),
                CodeValue::Str(_) => false,
            };
            if !matches {
                self.report(
                    Problem::at(
                        code_path(index).key("code"),
                        format!(
                            "code {} is not its HTTP status, but the catalog says `code_in: status`",
                            code.value
                        ),
                    )
                    .hint(format!(
                        "a response with status {} would read as code {}; make the code its status",
                        code.status, code.status
                    ))
                    .see("code_in", root().key("code_in")),
                );
            }
        }
    }

    /// The fields declared under codes (`fields:`) join the envelope, and each code gets its
    /// shape: its own fields, the fields it always carries, its fixed values.
    pub(super) fn code_shapes(
        &mut self,
        raw: &RawCatalog,
        envelope: &mut Envelope,
        codes: &mut [Code],
    ) {
        let common = envelope.fields.len();
        let envelope_path = root().key("envelope");
        // Envelope fields some code makes optional: not required envelope-wide.
        let mut made_optional = BTreeSet::new();
        let mut own_of_code: Vec<Vec<usize>> = Vec::with_capacity(codes.len());
        // Where each per-code field was first declared.
        let mut declared: BTreeMap<String, YamlPath> = BTreeMap::new();
        let mut live = live_codes(raw);
        for _ in codes.iter() {
            let Some((index, entry)) = live.next() else {
                break;
            };
            if entry.optional.is_empty() && entry.fields.is_empty() {
                // Most codes have the envelope's shape; their paths are not worth building.
                own_of_code.push(Vec::new());
                continue;
            }
            let path = code_path(index);
            for (optional_index, name) in entry.optional.iter().enumerate() {
                let at = path.key("optional").index(optional_index);
                match envelope.fields[..common].iter().position(|f| &f.wire_name == name) {
                    Some(field) if envelope.fields[field].required => {
                        made_optional.insert(field);
                    }
                    Some(_) => self.report(
                        Problem::at(at, format!("field `{name}` is optional already"))
                            .hint("`optional:` lists required envelope fields that this code may leave out; remove it"),
                    ),
                    None => self.report(unknown_field(at, name, &envelope.fields[..common])),
                }
            }
            let known = |name: &str| -> Option<FieldType> {
                if name == raw.envelope.name {
                    Some(FieldType::Envelope)
                } else if raw.envelope.schemas.contains_key(name) {
                    Some(FieldType::Schema(name.to_owned()))
                } else {
                    None
                }
            };
            let fields = self.fields(
                &entry.fields,
                &path.key("fields"),
                &known,
                &raw.envelope,
                None,
            );
            let mut own = Vec::new();
            for (field_index, mut field) in fields.into_iter().enumerate() {
                let at = path.key("fields").index(field_index).key("name");
                if envelope.fields[..common]
                    .iter()
                    .any(|f| f.wire_name == field.wire_name)
                {
                    self.report(
                        Problem::at(at, format!("field `{}` is an envelope field already", field.wire_name))
                            .hint("declare a field under a code only when the envelope lacks it; use `optional:` to make an envelope field optional for this code")
                            .see("the envelope's fields", envelope_path.key("fields")),
                    );
                    continue;
                }
                field.per_code = true;
                match envelope.fields[common..]
                    .iter()
                    .position(|f| f.wire_name == field.wire_name)
                {
                    Some(other) => {
                        let other = common + other;
                        let existing = &envelope.fields[other];
                        if existing.ty != field.ty || existing.nullable != field.nullable {
                            self.report(
                                Problem::at(at, format!("field `{}` is declared by another code with another type", field.wire_name))
                                    .hint("codes that share a field must declare the same `type`, `items` and `nullable`")
                                    .see("the other declaration", declared[&field.wire_name].clone()),
                            );
                        }
                        own.push((other, field.required));
                    }
                    None => {
                        // The field joins the envelope struct: its Rust name must be free.
                        let taken = envelope.fields.iter().find(|f| f.ident == field.ident);
                        let extra = !envelope.closed
                            && ident::unraw(&field.ident) == crate::model::EXTRA_FIELD;
                        if let Some(other) = taken {
                            self.report(
                                Problem::at(
                                    at.clone(),
                                    format!(
                                        "field `{}` has the same Rust name `{}` as field `{}`",
                                        field.wire_name, field.ident, other.wire_name
                                    ),
                                )
                                .hint("wire names are converted to snake_case; rename one of them"),
                            );
                        } else if extra {
                            self.report(
                                Problem::at(at.clone(), format!("field `{}` takes the Rust name `{}`, which keeps the members the catalog does not know", field.wire_name, crate::model::EXTRA_FIELD))
                                    .hint("declare the body `closed: true`, or rename the field"),
                            );
                        }
                        declared.insert(field.wire_name.clone(), at);
                        let required = field.required;
                        envelope.fields.push(field);
                        own.push((envelope.fields.len() - 1, required));
                    }
                }
            }
            own_of_code.push(own.iter().map(|&(i, _)| i).collect());
        }
        // Per-code fields are never required envelope-wide; neither are fields some code
        // makes optional.
        for field in &mut envelope.fields[common..] {
            field.required = false;
        }
        for &field in &made_optional {
            envelope.fields[field].required = false;
        }
        let mut live = live_codes(raw);
        for (code, own) in codes.iter_mut().zip(own_of_code) {
            let Some((index, entry)) = live.next() else {
                break;
            };
            let mut required: Vec<usize> = (0..common)
                .filter(|&i| {
                    envelope.fields[i].required
                        || (made_optional.contains(&i)
                            && !entry.optional.contains(&envelope.fields[i].wire_name))
                })
                .collect();
            required.extend(own.iter().copied().filter(|&i| {
                entry
                    .fields
                    .iter()
                    .any(|f| f.name == envelope.fields[i].wire_name && f.required)
            }));
            let mut values = Vec::new();
            for (name, value) in &entry.values {
                let at = code_path(index).key("values").key(name.clone());
                let Some(field) =
                    envelope.fields.iter().enumerate().position(|(i, f)| {
                        &f.wire_name == name && (!f.per_code || own.contains(&i))
                    })
                else {
                    self.report(unknown_field(at.the_key(), name, &envelope.fields));
                    continue;
                };
                let field_ref = &envelope.fields[field];
                let value = match (&field_ref.ty, value) {
                    (FieldType::Code, _) => {
                        self.report(
                            Problem::at(
                                at,
                                format!("field `{name}` carries the code, which is fixed already"),
                            )
                            .hint("remove this value"),
                        );
                        continue;
                    }
                    (FieldType::String, RawScalar::String(text)) => Scalar::String(text.clone()),
                    (FieldType::Integer | FieldType::Status, RawScalar::Integer(n)) => {
                        Scalar::Integer(*n)
                    }
                    (FieldType::Boolean, RawScalar::Boolean(b)) => Scalar::Boolean(*b),
                    (ty, _) => {
                        self.report(
                            Problem::at(at, format!("the value of field `{name}` does not fit its type"))
                                .hint(format!("field `{name}` is {}; fixed values are strings, integers or booleans of the field's type", type_name(ty))),
                        );
                        continue;
                    }
                };
                values.push((field, value));
            }
            values.sort_by_key(|(field, _)| *field);
            required.sort_unstable();
            let has_required_own = own.iter().any(|i| required.contains(i));
            if has_required_own && code.constructor.is_none() {
                code.constructor = Some(ident::escape(&ident::value_case(ident::unraw(
                    &code.variant,
                ))));
            }
            code.shape = CodeShape {
                own,
                required,
                values,
            };
        }
    }
}

/// A per-code key names a field the envelope does not have.
fn unknown_field(at: YamlPath, name: &str, fields: &[Field]) -> Problem {
    let close = did_you_mean(name, fields.iter().map(|f| f.wire_name.as_str()));
    let hint = match close {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!(
            "the envelope's fields are {}",
            quoted_list(
                &fields
                    .iter()
                    .map(|f| f.wire_name.as_str())
                    .collect::<Vec<_>>()
            )
        ),
    };
    Problem::at(at, format!("the envelope has no field `{name}`")).hint(hint)
}

/// A field type as the catalog names it, for messages.
fn type_name(ty: &FieldType) -> String {
    match ty {
        FieldType::String => "a string".to_owned(),
        FieldType::Integer | FieldType::Status => "an integer".to_owned(),
        FieldType::Number => "a number".to_owned(),
        FieldType::Boolean => "a boolean".to_owned(),
        FieldType::Any => "of type `any`".to_owned(),
        FieldType::Array(_) => "an array".to_owned(),
        FieldType::Schema(name) => format!("a `{name}`"),
        FieldType::Envelope => "the envelope".to_owned(),
        FieldType::Code => "the code".to_owned(),
    }
}
