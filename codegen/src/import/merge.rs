//! The envelope: the body schemas of every error response merged into one object, field by
//! field, remembering which responses carry each field and which require it.

use std::collections::BTreeSet;

use super::Drops;
use super::pending::Pending;
use super::schema::{Node, Object, Typed};

/// Objects merged from one or more sources (response bodies, or the objects one field holds
/// in several bodies).
#[derive(Debug, Clone)]
pub(super) struct MObject {
    pub(super) origin: Option<String>,
    pub(super) description: Option<String>,
    pub(super) fields: Vec<MField>,
    /// How many objects were merged in.
    pub(super) sources: usize,
    /// The statuses of the responses they came from, each once, in order.
    pub(super) labels: Vec<String>,
    /// Every source was `additionalProperties: false`.
    pub(super) closed: bool,
}

#[derive(Debug, Clone)]
pub(super) struct MField {
    pub(super) name: String,
    pub(super) ty: MType,
    pub(super) description: Option<String>,
    /// Constraints the format will express (nullable, minLength, format).
    pub(super) pending: BTreeSet<Pending>,
    /// Statuses of the sources that have the field.
    pub(super) present: Vec<String>,
    /// Statuses of the sources that lack it, or do not require it.
    pub(super) optional: Vec<String>,
    /// Statuses of the sources that lack it.
    pub(super) absent: Vec<String>,
    /// Some source limits it to `enum` or `const` values.
    pub(super) enumerated: bool,
}

impl MField {
    pub(super) fn required(&self) -> bool {
        self.optional.is_empty()
    }
}

#[derive(Debug, Clone)]
pub(super) enum MType {
    String,
    Integer,
    Number,
    Boolean,
    Any,
    Array(Box<MType>),
    Object(Box<MObject>),
    /// A reference to the object of this origin (a recursive type).
    Recursive(String),
}

impl MObject {
    pub(super) fn new() -> Self {
        MObject {
            origin: None,
            description: None,
            fields: Vec::new(),
            sources: 0,
            labels: Vec::new(),
            closed: true,
        }
    }

    /// Merges in one more source object, from the response(s) `label`; `context` names the
    /// object in messages (`the envelope`, `field \`errors\``).
    pub(super) fn merge(
        &mut self,
        from: Object,
        description: Option<String>,
        label: &str,
        drops: &mut Drops,
        context: &str,
    ) {
        let before = self.labels.clone();
        self.sources += 1;
        push_once(&mut self.labels, label);
        if self.origin.is_none() {
            self.origin = from.origin;
        }
        if self.description.is_none() {
            self.description = description;
        }
        self.closed &= from.closed;
        let names: BTreeSet<&str> = from.fields.iter().map(|(n, _)| n.as_str()).collect();
        for field in &mut self.fields {
            if !names.contains(field.name.as_str()) {
                push_once(&mut field.absent, label);
                push_once(&mut field.optional, label);
            }
        }
        for (name, typed) in from.fields {
            let required = from.required.contains(&name);
            let inner = format!("field `{name}` of {context}");
            let index = match self.fields.iter().position(|f| f.name == name) {
                Some(index) => {
                    let field = &mut self.fields[index];
                    merge_type(&mut field.ty, typed.node, label, drops, &inner);
                    index
                }
                None => {
                    self.fields.push(MField {
                        name: name.clone(),
                        ty: convert(typed.node, label, drops, &inner),
                        description: None,
                        pending: BTreeSet::new(),
                        present: Vec::new(),
                        optional: before.clone(),
                        absent: before.clone(),
                        enumerated: false,
                    });
                    self.fields.len() - 1
                }
            };
            let field = &mut self.fields[index];
            push_once(&mut field.present, label);
            if !required {
                push_once(&mut field.optional, label);
            }
            if field.description.is_none() {
                field.description = typed.description;
            }
            if typed.nullable {
                field.pending.insert(Pending::Nullable);
            }
            field.pending.extend(typed.pending);
            field.enumerated |= typed.values.is_some();
        }
    }
}

/// Adds `label` to the sorted `list` unless it is there (`400` < `4XX` < `500` < `default`).
pub(super) fn push_once(list: &mut Vec<String>, label: &str) {
    if let Err(at) = list.binary_search_by(|l| l.as_str().cmp(label)) {
        list.insert(at, label.to_owned());
    }
}

/// A resolved node as a merged type.
fn convert(node: Node, label: &str, drops: &mut Drops, context: &str) -> MType {
    match node {
        Node::String => MType::String,
        Node::Integer => MType::Integer,
        Node::Number => MType::Number,
        Node::Boolean => MType::Boolean,
        Node::Any => MType::Any,
        Node::Recursive(origin) => MType::Recursive(origin),
        Node::Array(items) => MType::Array(Box::new(item_type(*items, label, drops, context))),
        Node::Object(object) => {
            let mut merged = MObject::new();
            merged.merge(object, None, label, drops, context);
            MType::Object(Box::new(merged))
        }
    }
}

/// The element type of an array: what an element may say beyond its type has no key in the
/// catalog (`items` is a type name).
fn item_type(items: Typed, label: &str, drops: &mut Drops, context: &str) -> MType {
    if items.nullable {
        drops.add(
            "",
            format!("the elements of {context} may be null (an array's `items` is a type name)"),
        );
    }
    for pending in &items.pending {
        drops.add(
            "",
            format!("the elements of {context}: {pending} (an array's `items` is a type name)"),
        );
    }
    if let Some(values) = &items.values {
        drops.add(
            "",
            format!(
                "the elements of {context}: `enum` of {} values (a field cannot be limited to values)",
                values.len()
            ),
        );
    }
    convert(items.node, label, drops, context)
}

fn merge_type(into: &mut MType, node: Node, label: &str, drops: &mut Drops, context: &str) {
    match (&mut *into, node) {
        (MType::Object(object), Node::Object(from)) => {
            object.merge(from, None, label, drops, context)
        }
        (MType::Array(items), Node::Array(from)) => {
            let from = *from;
            merge_type(items, from.node, label, drops, context)
        }
        (MType::Recursive(origin), Node::Object(from)) if from.origin.as_ref() == Some(origin) => {}
        (MType::Object(object), Node::Recursive(origin))
            if object.origin.as_ref() == Some(&origin) => {}
        (MType::Recursive(a), Node::Recursive(b)) if *a == b => {}
        (MType::String, Node::String)
        | (MType::Integer, Node::Integer)
        | (MType::Number, Node::Number)
        | (MType::Boolean, Node::Boolean)
        | (MType::Any, _) => {}
        (MType::Number, Node::Integer) => {}
        (MType::Integer, Node::Number) => *into = MType::Number,
        (existing, node) => {
            let was = describe(existing);
            let now = describe(&convert(node, label, &mut Drops::default(), context));
            drops.add(
                "",
                format!(
                    "{context} is {was} in some responses and {now} in the {label} ones; typed `any`"
                ),
            );
            *into = MType::Any;
        }
    }
}

fn describe(ty: &MType) -> &'static str {
    match ty {
        MType::String => "a string",
        MType::Integer => "an integer",
        MType::Number => "a number",
        MType::Boolean => "a boolean",
        MType::Any => "any value",
        MType::Array(_) => "an array",
        MType::Object(_) | MType::Recursive(_) => "an object",
    }
}
