//! Rules for the envelope and its helper schemas: fields, their types and bindings.

use std::collections::BTreeSet;

use crate::model::{Binding, Catalog, Field, FieldType};

use super::report::{Class, Rule, Semver};
use super::{Differ, Item, changed};

impl Differ<'_> {
    pub(super) fn envelope(&mut self) {
        let (old, new) = (&self.old.envelope, &self.new.envelope);
        let catalog = Item::catalog();
        if let Some((a, b)) = changed(&old.name, &new.name) {
            self.replaced(
                Class::Breaking,
                Rule::EnvelopeRenamed,
                &catalog,
                "envelope.name",
                a,
                b,
            );
        }
        if let Some((a, b)) = changed(&old.media_type, &new.media_type) {
            self.replaced(
                Class::Breaking,
                Rule::MediaTypeChanged,
                &catalog,
                "envelope.media_type",
                a,
                b,
            );
        }
        self.prose(
            Rule::DocsChanged,
            &catalog,
            "envelope.description",
            old.description.as_deref(),
            new.description.as_deref(),
        );
        self.closed(old.closed, new.closed, "envelope.closed");
        self.fields(&old.fields, &new.fields, "envelope.fields");
        for (name, schema) in &old.schemas {
            let field = format!("envelope.schemas.{name}");
            let Some(now) = new.schemas.get(name) else {
                let what = format!("`{field}` removed");
                self.add(Class::Breaking, Rule::SchemaRemoved, &catalog, field, what);
                continue;
            };
            self.prose(
                Rule::DocsChanged,
                &catalog,
                &format!("{field}.description"),
                schema.description.as_deref(),
                now.description.as_deref(),
            );
            self.closed(schema.closed, now.closed, &format!("{field}.closed"));
            self.fields(&schema.fields, &now.fields, &format!("{field}.fields"));
        }
        for name in new
            .schemas
            .keys()
            .filter(|name| !old.schemas.contains_key(*name))
        {
            let field = format!("envelope.schemas.{name}");
            let what = format!("`{field}` added");
            self.add(Class::Compatible, Rule::SchemaAdded, &catalog, field, what);
        }
    }

    /// The fields of the envelope or of one schema, `path` naming their list.
    /// An object closed or opened.
    fn closed(&mut self, old: bool, new: bool, at: &str) {
        let catalog = Item::catalog();
        match (old, new) {
            (false, true) => {
                self.replaced(Class::Breaking, Rule::BodyClosed, &catalog, at, false, true)
                    .because("bodies with members the catalog does not know no longer validate, and the Rust `unknown_members` field is gone");
            }
            (true, false) => {
                self.replaced(Class::Compatible, Rule::BodyOpened, &catalog, at, true, false)
                    .because("members the catalog does not know are kept (build bodies with `From<Code>`, not struct literals, to stay compatible)");
            }
            _ => {}
        }
    }

    /// `nullable`, `min_length` and `format` of a field in both versions.
    fn field_details(&mut self, field: &Field, now: &Field, at: &str) {
        let catalog = Item::catalog();
        let nullable = format!("{at}.nullable");
        // Either way the Rust type changes only for a required field: an optional one is an
        // `Option` already.
        let rust = if now.required {
            Semver::Major
        } else {
            Semver::Patch
        };
        match (field.nullable, now.nullable) {
            (false, true) => {
                // `any` admits `null` already; an optional field is an `Option` already.
                let (class, why) = if now.ty == FieldType::Any && !now.required {
                    (
                        Class::Compatible,
                        "the field took any value, `null` included, already",
                    )
                } else if now.required {
                    (
                        Class::Breaking,
                        "clients may find `null`, and the Rust field becomes an `Option`",
                    )
                } else {
                    (
                        Class::Breaking,
                        "clients may find `null` where they expect a value",
                    )
                };
                self.replaced(
                    class,
                    Rule::FieldMadeNullable,
                    &catalog,
                    &nullable,
                    false,
                    true,
                )
                .rust(rust)
                .because(why);
            }
            (true, false) => {
                let (class, why) = if now.required {
                    (Class::Breaking, "the Rust field is no longer an `Option`")
                } else {
                    (Class::Compatible, "bodies are never `null` there any more")
                };
                self.replaced(
                    class,
                    Rule::FieldMadeNonNullable,
                    &catalog,
                    &nullable,
                    true,
                    false,
                )
                .rust(rust)
                .because(why);
            }
            _ => {}
        }
        let shortest = |n: Option<u64>| n.unwrap_or(0);
        if field.min_length != now.min_length {
            let (a, b) = (shortest(field.min_length), shortest(now.min_length));
            let (class, rule) = if b > a {
                (Class::Breaking, Rule::ConstraintTightened)
            } else {
                (Class::Compatible, Rule::ConstraintLoosened)
            };
            self.replaced(class, rule, &catalog, &format!("{at}.min_length"), a, b)
                .because("a schema constraint; decoding never enforces it");
        }
        if field.format != now.format {
            let format = |f: &Option<String>| f.clone().unwrap_or_else(|| "none".to_owned());
            let (class, rule) = if now.format.is_none() {
                (Class::Compatible, Rule::ConstraintLoosened)
            } else {
                (Class::Breaking, Rule::ConstraintTightened)
            };
            self.replaced(
                class,
                rule,
                &catalog,
                &format!("{at}.format"),
                format(&field.format),
                format(&now.format),
            )
            .because("a schema constraint; decoding never enforces it");
        }
    }

    /// The fields of the envelope or of one schema, `path` naming their list.
    pub(super) fn fields(&mut self, old: &[Field], new: &[Field], path: &str) {
        let catalog = Item::catalog();
        let find = |fields: &[Field], name: &str| fields.iter().position(|f| f.wire_name == name);
        let mut renamed_to = BTreeSet::new();
        for (index, field) in old.iter().enumerate() {
            let at = format!("{path}.{}", field.wire_name);
            let Some(now) = find(new, &field.wire_name).map(|i| &new[i]) else {
                // A new field in the same place with the same shape is this one, renamed.
                let rename = new.get(index).filter(|f| {
                    find(old, &f.wire_name).is_none()
                        && f.ty == field.ty
                        && f.required == field.required
                        && f.from == field.from
                });
                if let Some(to) = rename {
                    renamed_to.insert(index);
                    let what = format!("`{at}` renamed to `{}`", to.wire_name);
                    self.add(Class::Breaking, Rule::FieldRenamed, &catalog, at, what)
                        .values(&field.wire_name, &to.wire_name);
                } else {
                    let what = format!("`{at}` removed");
                    self.add(Class::Breaking, Rule::FieldRemoved, &catalog, at, what);
                }
                continue;
            };
            if field.ty != now.ty || field.boxed != now.boxed {
                let a = type_name(self.old, &field.ty, field.boxed);
                let b = type_name(self.new, &now.ty, now.boxed);
                self.replaced(
                    Class::Breaking,
                    Rule::FieldRetyped,
                    &catalog,
                    &format!("{at}.type"),
                    a,
                    b,
                );
            }
            let required = format!("{at}.required");
            match (field.required, now.required) {
                (false, true) => {
                    self.replaced(
                        Class::Breaking,
                        Rule::FieldMadeRequired,
                        &catalog,
                        &required,
                        false,
                        true,
                    )
                    .because("bodies without it no longer decode");
                }
                (true, false) => {
                    self.replaced(
                        Class::Breaking,
                        Rule::FieldMadeOptional,
                        &catalog,
                        &required,
                        true,
                        false,
                    )
                    .because("clients relying on it may find it missing");
                }
                _ => {}
            }
            if field.from != now.from {
                let binding = |b: Option<Binding>| b.map_or("nothing", Binding::as_str);
                let (a, b) = (binding(field.from), binding(now.from));
                let from = format!("{at}.from");
                let (class, rule, why) = match (field.from, now.from) {
                    (None, Some(_)) => (
                        Class::Compatible,
                        Rule::FieldBound,
                        "the field is now filled from the catalog",
                    ),
                    // A detail falls back to the message, so codes without a template send
                    // the same text as before.
                    (Some(Binding::Message), Some(Binding::Detail)) => (
                        Class::Compatible,
                        Rule::FieldBindingChanged,
                        "codes without a template send the same text",
                    ),
                    _ => (
                        Class::Breaking,
                        Rule::FieldBindingChanged,
                        "the field carries a different value",
                    ),
                };
                self.replaced(class, rule, &catalog, &from, a, b)
                    .because(why);
            }
            self.field_details(field, now, &at);
            self.prose(
                Rule::DocsChanged,
                &catalog,
                &format!("{at}.description"),
                field.description.as_deref(),
                now.description.as_deref(),
            );
        }
        for (index, field) in new.iter().enumerate() {
            if find(old, &field.wire_name).is_some() || renamed_to.contains(&index) {
                continue;
            }
            let at = format!("{path}.{}", field.wire_name);
            if field.required {
                let what = format!("`{at}` added, required");
                self.add(
                    Class::Breaking,
                    Rule::FieldAddedRequired,
                    &catalog,
                    at,
                    what,
                )
                .because("bodies without it no longer decode");
            } else {
                let what = format!("`{at}` added, optional");
                self.add(Class::Compatible, Rule::FieldAdded, &catalog, at, what);
            }
        }
    }
}

/// A field type as the catalog writes it, marking what the Rust field holds where that
/// differs.
pub(super) fn type_name(catalog: &Catalog, ty: &FieldType, boxed: bool) -> String {
    let name = match ty {
        FieldType::String
        | FieldType::Integer
        | FieldType::Number
        | FieldType::Boolean
        | FieldType::Any => ty.keyword().unwrap_or_default().to_owned(),
        FieldType::Array(items) => format!("array of {}", type_name(catalog, items, false)),
        FieldType::Schema(name) => name.clone(),
        FieldType::Envelope => catalog.envelope.name.clone(),
        FieldType::Code => format!("{} (from: code)", catalog.repr.code_type()),
        FieldType::Status => "integer (from: status)".to_owned(),
    };
    if boxed {
        format!("{name} (boxed)")
    } else {
        name
    }
}
