//! Schema resolution: a JSON Schema of the spec (`$ref`s followed, `allOf` merged, `nullable`
//! and `"null"` types read) as the few shapes a catalog field can have.
//!
//! What a shape cannot carry is either kept as a [`Pending`] construct (the format will say
//! it soon) or reported as dropped, at the pointer where the spec says it.

use std::collections::BTreeSet;

use serde_yaml::Value;

use super::Drops;
use super::pending::Pending;
use super::spec::{Dialect, Spec, escape_pointer, scalar_text, short, untag};

/// A resolved schema.
#[derive(Debug, Clone)]
pub(super) struct Typed {
    pub(super) node: Node,
    /// The value may be `null`.
    pub(super) nullable: bool,
    pub(super) description: Option<String>,
    /// `enum` or `const` values, each with its description where the spec gives one (a
    /// `oneOf` of `const`s).
    pub(super) values: Option<Vec<(Value, Option<String>)>>,
    /// Constraints the format will express, on this value.
    pub(super) pending: Vec<Pending>,
}

#[derive(Debug, Clone)]
pub(super) enum Node {
    String,
    Integer,
    Number,
    Boolean,
    /// Any JSON value: no type, or one the format cannot say.
    Any,
    Array(Box<Typed>),
    Object(Object),
    /// A `$ref` back to a schema being resolved (the pointer): a recursive type.
    Recursive(String),
}

#[derive(Debug, Clone, Default)]
pub(super) struct Object {
    /// The pointer of the named schema this object is (`#/components/schemas/Error`).
    pub(super) origin: Option<String>,
    /// Members, in document order.
    pub(super) fields: Vec<(String, Typed)>,
    pub(super) required: BTreeSet<String>,
    /// `additionalProperties: false`.
    pub(super) closed: bool,
}

impl Typed {
    fn of(node: Node) -> Typed {
        Typed {
            node,
            nullable: false,
            description: None,
            values: None,
            pending: Vec::new(),
        }
    }

    pub(super) fn kind(&self) -> &'static str {
        match self.node {
            Node::String => "a string",
            Node::Integer => "an integer",
            Node::Number => "a number",
            Node::Boolean => "a boolean",
            Node::Any => "any value",
            Node::Array(_) => "an array",
            Node::Object(_) | Node::Recursive(_) => "an object",
        }
    }
}

/// Keywords that constrain a value in ways a catalog field cannot say, and are not
/// [`Pending`]. Annotations (`description`, `example`, `xml`, …) are not listed: losing them
/// loses nothing the catalog could hold.
const UNEXPRESSED: &[&str] = &[
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "contains",
    "minProperties",
    "maxProperties",
    "patternProperties",
    "propertyNames",
    "dependentRequired",
    "dependentSchemas",
    "not",
    "if",
    "discriminator",
    "default",
    "readOnly",
    "writeOnly",
    "deprecated",
];

/// Deeper nesting than this is typed `any`: no honest error body is this deep.
const MAX_DEPTH: usize = 64;

/// The most schemas resolved for one spec, `$ref`s expanded: schemas that refer to others
/// several times each could otherwise expand exponentially.
const MAX_SCHEMAS: usize = 200_000;

pub(super) struct Resolver<'a> {
    spec: &'a Spec,
    /// The `$ref`s being resolved, outermost first.
    stack: Vec<String>,
    /// Schemas resolved so far.
    resolved: usize,
    drops: &'a mut Drops,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(spec: &'a Spec, drops: &'a mut Drops) -> Self {
        Resolver {
            spec,
            stack: Vec::new(),
            resolved: 0,
            drops,
        }
    }

    pub(super) fn resolve(&mut self, schema: &Value, at: &str) -> Typed {
        self.schema(schema, at, 0)
    }

    fn schema(&mut self, schema: &Value, at: &str, depth: usize) -> Typed {
        let schema = untag(schema);
        self.resolved += 1;
        if self.resolved > MAX_SCHEMAS {
            self.drops.add(
                "",
                format!(
                    "the schemas past the first {MAX_SCHEMAS} (with `$ref`s expanded); typed `any`"
                ),
            );
            return Typed::of(Node::Any);
        }
        if depth > MAX_DEPTH {
            self.drops.add(
                at,
                format!("schemas nested deeper than {MAX_DEPTH} levels; typed `any`"),
            );
            return Typed::of(Node::Any);
        }
        let Value::Mapping(_) = schema else {
            if schema == &Value::Bool(false) {
                self.drops.add(
                    at,
                    "the schema `false`, which no value matches; typed `any`",
                );
            }
            return Typed::of(Node::Any);
        };
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let mut typed = self.reference(reference, at, depth);
            // 3.0 says siblings of `$ref` are ignored; specs still write `description` and
            // `nullable` beside one, and 3.1 allows them.
            if let Some(description) = description_of(schema) {
                typed.description = Some(description);
            }
            typed.nullable |= self.nullable_flag(schema);
            return typed;
        }
        let mut parts = Vec::new();
        if let Some(Value::Sequence(members)) = schema.get("allOf").map(untag) {
            for (index, member) in members.iter().enumerate() {
                parts.push(self.schema(member, &format!("{at}/allOf/{index}"), depth + 1));
            }
        }
        let mut own = self.own(schema, at, depth);
        for key in ["oneOf", "anyOf"] {
            let Some(Value::Sequence(members)) = schema.get(key).map(untag) else {
                continue;
            };
            if let Some(values) = consts(members) {
                own.values = Some(values);
                if matches!(own.node, Node::Any) {
                    own.node = kind_of_values(own.values.as_deref().unwrap_or_default());
                }
                continue;
            }
            let (nulls, others): (Vec<_>, Vec<_>) =
                members.iter().enumerate().partition(|(_, m)| is_null(m));
            own.nullable |= !nulls.is_empty();
            match others.as_slice() {
                [] => {}
                [(index, member)] => {
                    parts.push(self.schema(member, &format!("{at}/{key}/{index}"), depth + 1))
                }
                _ => {
                    self.drops.add(
                        at,
                        format!(
                            "`{key}` of {} alternatives (the catalog format has no unions); typed `any`",
                            others.len()
                        ),
                    );
                    own.node = Node::Any;
                    own.values = None;
                    return own;
                }
            }
        }
        for part in parts {
            refine(&mut own, part);
        }
        own
    }

    fn reference(&mut self, reference: &str, at: &str, depth: usize) -> Typed {
        if self.stack.iter().any(|r| r == reference) {
            return Typed::of(Node::Recursive(reference.to_owned()));
        }
        let target = match self.spec.resolve(reference) {
            Ok(target) => target,
            Err(problem) => {
                self.drops.add(at, format!("{problem}; typed `any`"));
                return Typed::of(Node::Any);
            }
        };
        self.stack.push(reference.to_owned());
        let mut typed = self.schema(target, reference, depth + 1);
        self.stack.pop();
        if let Node::Object(object) = &mut typed.node {
            object.origin.get_or_insert_with(|| reference.to_owned());
        }
        typed
    }

    fn nullable_flag(&self, schema: &Value) -> bool {
        let flag = |key| schema.get(key).and_then(Value::as_bool) == Some(true);
        match self.spec.dialect {
            Dialect::Swagger2 => flag("x-nullable"),
            Dialect::OpenApi30 | Dialect::OpenApi31 => flag("nullable") || flag("x-nullable"),
        }
    }

    /// The schema's own keywords, without `$ref`, `allOf`, `oneOf` and `anyOf`.
    fn own(&mut self, schema: &Value, at: &str, depth: usize) -> Typed {
        let mut typed = Typed::of(Node::Any);
        typed.description = description_of(schema);
        typed.nullable = self.nullable_flag(schema);
        let mut declared: Option<String> = None;
        match schema.get("type").map(untag) {
            Some(Value::Sequence(types)) => {
                let names: Vec<String> = types.iter().map(scalar_text).collect();
                typed.nullable |= names.iter().any(|t| t == "null");
                let others: Vec<&String> = names.iter().filter(|t| *t != "null").collect();
                match others.as_slice() {
                    [] => {}
                    [one] => declared = Some((*one).clone()),
                    _ => self.drops.add(
                        at,
                        format!(
                            "`type: {}` (a field has one type); typed `any`",
                            short(schema.get("type").unwrap_or(&Value::Null))
                        ),
                    ),
                }
            }
            Some(Value::String(name)) if name == "null" => typed.nullable = true,
            Some(other) => declared = Some(scalar_text(other)),
            None => {}
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_sequence) {
            let values: Vec<_> = values
                .iter()
                .filter(|v| !matches!(untag(v), Value::Null))
                .map(|v| (untag(v).clone(), None))
                .collect();
            typed.nullable |= values.len()
                < schema
                    .get("enum")
                    .and_then(Value::as_sequence)
                    .map_or(0, Vec::len);
            typed.values = Some(values);
        }
        if let Some(value) = schema.get("const") {
            typed.values = Some(vec![(untag(value).clone(), None)]);
        }
        let has = |key| schema.get(key).is_some();
        let kind = declared.as_deref().or_else(|| {
            if has("properties") || has("additionalProperties") || has("required") {
                Some("object")
            } else if has("items") {
                Some("array")
            } else {
                None
            }
        });
        typed.node = match kind {
            Some("string") => Node::String,
            Some("integer") => Node::Integer,
            Some("number") => Node::Number,
            Some("boolean") => Node::Boolean,
            Some("array") => {
                let items = match schema.get("items") {
                    Some(items) => self.schema(items, &format!("{at}/items"), depth + 1),
                    None => Typed::of(Node::Any),
                };
                Node::Array(Box::new(items))
            }
            Some("object") => self.object(schema, at, depth),
            Some(other) => {
                self.drops.add(
                    at,
                    format!("`type: {other}` is not a JSON type; typed `any`"),
                );
                Node::Any
            }
            None => typed.values.as_deref().map_or(Node::Any, kind_of_values),
        };
        if let Some(length) = schema.get("minLength").and_then(Value::as_u64) {
            typed.pending.push(Pending::MinLength(length));
        }
        if let Some(format) = schema.get("format") {
            let format = scalar_text(format);
            match typed.node {
                Node::String => typed.pending.push(Pending::Format(format)),
                _ => self.drops.add(
                    at,
                    format!(
                        "`format: {format}` on {} (the catalog's integers are 64-bit, its numbers double)",
                        typed.kind()
                    ),
                ),
            }
        }
        for key in UNEXPRESSED {
            if let Some(value) = schema.get(*key) {
                self.drops.add(at, format!("`{key}: {}`", short(value)));
            }
        }
        typed
    }

    fn object(&mut self, schema: &Value, at: &str, depth: usize) -> Node {
        let mut object = Object::default();
        if let Some(Value::Mapping(properties)) = schema.get("properties").map(untag) {
            for (name, property) in properties {
                let name = scalar_text(name);
                let here = format!("{at}/properties/{}", escape_pointer(&name));
                let typed = self.schema(property, &here, depth + 1);
                object.fields.push((name, typed));
            }
        }
        if let Some(required) = schema.get("required").and_then(Value::as_sequence) {
            object.required = required.iter().map(scalar_text).collect();
        }
        match schema.get("additionalProperties").map(untag) {
            None | Some(Value::Bool(true)) => {}
            Some(Value::Bool(false)) => object.closed = true,
            Some(_) if object.fields.is_empty() => {
                self.drops.add(
                    at,
                    "a map (`additionalProperties` with a schema and no `properties`); typed `any`",
                );
                return Node::Any;
            }
            Some(_) => self.drops.add(
                at,
                "`additionalProperties` with a schema (members beyond `properties` are not typed)",
            ),
        }
        Node::Object(object)
    }
}

/// Merges `part` (an `allOf` member) into `typed`.
fn refine(typed: &mut Typed, part: Typed) {
    // `allOf: [{$ref: …}]` beside `nullable: true` is how 3.0 makes a reference nullable.
    typed.nullable |= part.nullable;
    if typed.description.is_none() {
        typed.description = part.description;
    }
    if part.values.is_some() {
        typed.values = part.values;
    }
    typed.pending.extend(part.pending);
    match (&mut typed.node, part.node) {
        (Node::Object(into), Node::Object(from)) => {
            if into.origin.is_none() && into.fields.is_empty() {
                into.origin = from.origin;
            }
            into.required.extend(from.required);
            into.closed |= from.closed;
            for (name, field) in from.fields {
                match into.fields.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, existing)) => refine(existing, field),
                    None => into.fields.push((name, field)),
                }
            }
        }
        (Node::Any, node) => typed.node = node,
        (_, _) => {}
    }
}

fn description_of(schema: &Value) -> Option<String> {
    ["description", "title"]
        .iter()
        .filter_map(|key| schema.get(*key))
        .map(|text| scalar_text(text).trim().to_owned())
        .find(|text| !text.is_empty())
}

/// `{type: null}` or `{type: "null"}` (3.1), `{enum: [null]}`.
fn is_null(schema: &Value) -> bool {
    let schema = untag(schema);
    schema.get("type").and_then(Value::as_str) == Some("null")
        || schema
            .get("enum")
            .and_then(Value::as_sequence)
            .is_some_and(|values| values.iter().all(|v| matches!(untag(v), Value::Null)))
}

/// The values of a `oneOf` whose every member is a `const` (or one-value `enum`), with their
/// descriptions: the way OpenAPI 3.1 documents each value of an enumeration.
fn consts(members: &[Value]) -> Option<Vec<(Value, Option<String>)>> {
    if members.is_empty() {
        return None;
    }
    members
        .iter()
        .map(|member| {
            let member = untag(member);
            let value = member.get("const").cloned().or_else(|| {
                match member.get("enum").and_then(Value::as_sequence)?.as_slice() {
                    [one] => Some(one.clone()),
                    _ => None,
                }
            })?;
            Some((untag(&value).clone(), description_of(member)))
        })
        .collect()
}

fn kind_of_values(values: &[(Value, Option<String>)]) -> Node {
    let all = |test: fn(&Value) -> bool| !values.is_empty() && values.iter().all(|(v, _)| test(v));
    if all(Value::is_string) {
        Node::String
    } else if all(|v| v.as_i64().is_some()) {
        Node::Integer
    } else if all(Value::is_number) {
        Node::Number
    } else if all(Value::is_bool) {
        Node::Boolean
    } else {
        Node::Any
    }
}
