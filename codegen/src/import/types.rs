//! Naming and typing the envelope's fields and the objects nested in it.

use std::collections::{BTreeMap, BTreeSet};

use crate::ident;

use super::Plan;
use super::merge::{MField, MObject, MType};
use super::pending::Pending;
use super::write::{DraftField, DraftObject, Noted};
impl Plan {
    /// `name`, or one made distinct from the generated code types.
    pub(super) fn free_name(&mut self, name: Noted<String>) -> Noted<String> {
        if !reserved(&self.prefix).contains(&name.value) {
            return name;
        }
        let renamed = format!("{}Body", name.value);
        Noted::inferred(
            renamed,
            format!("`{}` is the name of a generated type", name.value),
        )
    }

    /// The draft of an object (the envelope, or a schema), registering the schemas its
    /// fields need.
    pub(super) fn object(
        &mut self,
        object: &MObject,
        name: Noted<String>,
        context: &str,
        bindings: &BTreeMap<String, (&'static str, String)>,
        names: &mut Names,
        schemas: &mut Vec<DraftObject>,
    ) -> DraftObject {
        let mut keys = Vec::new();
        if object.closed && object.sources > 0 {
            self.pending(Pending::Closed, context, &mut keys);
        }
        let mut fields = Vec::new();
        let mut idents: BTreeMap<String, String> = BTreeMap::new();
        let envelope = context == "envelope";
        for field in &object.fields {
            let here = format!("{context} field `{}`", field.name);
            let snake = ident::value_case(&field.name);
            if !ident::is_identifier(&snake) {
                self.drops.add(
                    "",
                    format!("{here}: no Rust field name can be made from it; left out"),
                );
                continue;
            }
            if let Some(other) = idents.insert(ident::escape(&snake), field.name.clone()) {
                self.drops.add(
                    "",
                    format!("{here}: the same Rust name as field `{other}`; left out"),
                );
                continue;
            }
            fields.push(self.field(field, &here, envelope, bindings, names, schemas));
        }
        DraftObject {
            name,
            description: object.description.clone(),
            keys,
            fields,
        }
    }

    pub(super) fn field(
        &mut self,
        field: &MField,
        here: &str,
        envelope: bool,
        bindings: &BTreeMap<String, (&'static str, String)>,
        names: &mut Names,
        schemas: &mut Vec<DraftObject>,
    ) -> DraftField {
        let (binding, note) = match bindings.get(&field.name).filter(|_| envelope) {
            Some((binding, why)) => (
                (!binding.is_empty()).then_some(*binding),
                Some(if binding.is_empty() {
                    why.clone()
                } else {
                    format!("`from: {binding}`: {why}")
                }),
            ),
            None => (None, None),
        };
        let mut keys = Vec::new();
        for pending in &field.pending {
            self.pending(pending.clone(), here, &mut keys);
        }
        if field.enumerated && binding.is_none_or(|b| b != "code" && b != "message") {
            self.drops.add(
                "",
                format!("{here}: its `enum`/`const` values (a field cannot be limited to values)"),
            );
        }
        let mut required = field.required();
        if !field.absent.is_empty() {
            self.drops.add(
                "",
                format!(
                    "{here}: only the {} responses carry it (every code's body has the same fields); optional in the catalog",
                    list_labels(&field.present)
                ),
            );
        } else if !required && field.optional.len() < field.present.len() {
            let required_in: Vec<String> = field
                .present
                .iter()
                .filter(|l| !field.optional.contains(l))
                .cloned()
                .collect();
            if !required_in.is_empty() {
                self.drops.add(
                    "",
                    format!(
                        "{here}: required in the {} responses but not in the {} ones (a field has one required-ness); optional in the catalog",
                        list_labels(&required_in),
                        list_labels(&field.optional)
                    ),
                );
            }
        }
        let (ty, items) = match &field.ty {
            MType::Array(items) => {
                let items = match &**items {
                    MType::Array(_) => {
                        self.drops.add(
                            "",
                            format!("{here}: an array of arrays; its elements are typed `any`"),
                        );
                        "any".to_owned()
                    }
                    other => self.type_name(other, &field.name, true, here, names, schemas),
                };
                ("array".to_owned(), Some(items))
            }
            other => (
                self.type_name(other, &field.name, false, here, names, schemas),
                None,
            ),
        };
        if required && envelope && items.is_none() && ty == names.envelope {
            self.drops.add(
                "",
                format!("{here}: required, though it holds the envelope itself, which a code cannot fill; optional in the catalog"),
            );
            required = false;
        }
        let required = required;
        DraftField {
            name: field.name.clone(),
            ty,
            items,
            from: binding,
            required,
            description: field.description.clone(),
            keys,
            note,
        }
    }

    fn type_name(
        &mut self,
        ty: &MType,
        field: &str,
        item: bool,
        here: &str,
        names: &mut Names,
        schemas: &mut Vec<DraftObject>,
    ) -> String {
        match ty {
            MType::String => "string".to_owned(),
            MType::Integer => "integer".to_owned(),
            MType::Number => "number".to_owned(),
            MType::Boolean => "boolean".to_owned(),
            MType::Any | MType::Array(_) => "any".to_owned(),
            MType::Recursive(origin) => {
                match names.by_origin.get(origin) {
                    Some(name) => name.clone(),
                    None => {
                        self.drops.add(
                        "",
                        format!("{here}: a recursive reference the import could not follow; typed `any`"),
                    );
                        "any".to_owned()
                    }
                }
            }
            // An object without properties holds any members: nothing to name.
            MType::Object(object) if object.fields.is_empty() && !object.closed => "any".to_owned(),
            MType::Object(object) => {
                if let Some(origin) = &object.origin {
                    if let Some(name) = names.by_origin.get(origin) {
                        return name.clone();
                    }
                }
                let name = names.claim(object.origin.as_deref(), field, item);
                let context = format!("schema `{}`", name.value);
                let schema_name = name.value.clone();
                let at = schemas.len();
                schemas.push(DraftObject {
                    name: Noted::given(String::new()),
                    description: None,
                    keys: Vec::new(),
                    fields: Vec::new(),
                });
                let draft = self.object(object, name, &context, &BTreeMap::new(), names, schemas);
                schemas[at] = draft;
                schema_name
            }
        }
    }
}

fn list_labels(labels: &[String]) -> String {
    labels.join(", ")
}

/// A PascalCase type name from a schema's pointer (`#/components/schemas/error-response` →
/// `ErrorResponse`) or a field name.
pub(super) fn schema_name(origin: &str) -> String {
    let last = origin.rsplit('/').next().unwrap_or(origin);
    let name = ident::type_case(&last.replace("~1", "/").replace("~0", "~"));
    if ident::is_identifier(&name) && ident::escape(&name) == name {
        name
    } else {
        ident::type_case(&format!("schema {name}"))
    }
}

/// The generated type names of a catalog whose PascalCase name is `prefix`.
fn reserved(prefix: &str) -> BTreeSet<String> {
    [
        format!("{prefix}Code"),
        format!("{prefix}Group"),
        format!("{prefix}CodeOrUnknown"),
        format!("Unknown{prefix}Code"),
    ]
    .into_iter()
    .collect()
}

/// Type names handed out so far.
pub(super) struct Names {
    envelope: String,
    taken: BTreeSet<String>,
    by_origin: BTreeMap<String, String>,
}

impl Names {
    pub(super) fn new(envelope: &str, origin: &Option<String>, prefix: &str) -> Self {
        let mut taken = reserved(prefix);
        taken.insert(envelope.to_owned());
        let mut by_origin = BTreeMap::new();
        if let Some(origin) = origin {
            by_origin.insert(origin.clone(), envelope.to_owned());
        }
        Names {
            envelope: envelope.to_owned(),
            taken,
            by_origin,
        }
    }

    /// A fresh name for an object: its schema's, or its field's (singular for elements).
    pub(super) fn claim(&mut self, origin: Option<&str>, field: &str, item: bool) -> Noted<String> {
        let (base, mut note) = match origin {
            Some(origin) => (schema_name(origin), None),
            None => {
                let singular = if item {
                    field
                        .strip_suffix('s')
                        .filter(|rest| rest.len() > 2 && !rest.ends_with('s'))
                        .unwrap_or(field)
                } else {
                    field
                };
                (
                    schema_name(singular),
                    Some(format!("from the field `{field}`, an inline schema")),
                )
            }
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        if name != base {
            note = Some(format!("`{base}` is taken"));
        }
        self.taken.insert(name.clone());
        if let Some(origin) = origin {
            self.by_origin.insert(origin.to_owned(), name.clone());
        }
        Noted { value: name, note }
    }
}
