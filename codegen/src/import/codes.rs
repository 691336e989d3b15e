//! Choosing the codes: from the `enum`/`const` values of the body's code member, or one per
//! error status; and what the bodies of each code say beyond the envelope (its own shape).

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::Value;

use crate::emit::http;
use crate::ident;

use super::merge::{self, MField, MObject, MType};
use super::pending::Pending;
use super::spec::{self, ErrorResponse, Status};
use super::write::{self, DraftCode, Noted};
use super::{Body, CODE_FIELDS, MESSAGE_FIELDS, MESSAGE_WIDTH, Plan, Values, field, most_frequent};
/// The codes and how the envelope's fields are bound.
pub(super) struct Codes {
    pub(super) code_type: Noted<&'static str>,
    pub(super) codes: Vec<DraftCode>,
    /// Field name → (binding, why).
    pub(super) bindings: BTreeMap<String, (&'static str, String)>,
    /// Per code, in order: the bodies that send it and their statuses' labels.
    pub(super) sources: Vec<(Vec<usize>, Vec<String>)>,
    /// One code per status, the bodies having no member that says which.
    pub(super) in_status: bool,
    /// One code per status.
    pub(super) per_status: bool,
}

/// What the bodies of one code say beyond the envelope.
#[derive(Default)]
pub(super) struct CodeShape {
    /// Required envelope fields its bodies may leave out.
    pub(super) optional: Vec<String>,
    /// Fields its bodies always hold one value in, with the value in YAML.
    pub(super) values: Vec<(String, String)>,
    /// Fields only its bodies (of the envelope's) carry.
    pub(super) fields: Vec<MField>,
}

/// One code as gathered from the responses.
struct Gathered {
    value: Value,
    statuses: Vec<u16>,
    guessed_status: Option<(u16, String)>,
    value_description: Option<String>,
    descriptions: Vec<String>,
    messages: Vec<String>,
    /// The bodies (indexes into the bodies) that send it, and their statuses' labels.
    bodies: Vec<usize>,
    labels: Vec<String>,
}

impl Plan {
    pub(super) fn codes(&mut self, envelope: &MObject, bodies: &[Body], problem: bool) -> Codes {
        let mut bindings = BTreeMap::new();
        let code_field = CODE_FIELDS.iter().find_map(|name| {
            field(envelope, name).filter(|f| matches!(f.ty, MType::String | MType::Integer))
        });
        let integer_codes = code_field.is_some_and(|f| matches!(f.ty, MType::Integer));
        let fits = |value: &Value| {
            if integer_codes {
                value.as_i64().is_some()
            } else {
                value.is_string() && value.as_str() != Some("")
            }
        };
        let with_values = code_field.filter(|f| {
            bodies.iter().any(|(_, values)| {
                values
                    .get(&f.name)
                    .is_some_and(|values| values.iter().any(|(v, _)| fits(v)))
            })
        });
        // A problem's `title` is its message, and its `detail` is bound `from: detail`.
        let candidates: Vec<&str> = if problem {
            std::iter::once("title")
                .chain(
                    MESSAGE_FIELDS
                        .iter()
                        .copied()
                        .filter(|name| !["title", "detail"].contains(name)),
                )
                .collect()
        } else {
            MESSAGE_FIELDS.to_vec()
        };
        let message_field = candidates
            .iter()
            .find_map(|name| field(envelope, name).filter(|f| matches!(f.ty, MType::String)));
        if let Some(message) = message_field {
            bindings.insert(
                message.name.clone(),
                (
                    "message",
                    if problem && message.name == "title" {
                        "a problem's `title` is the code's message".to_owned()
                    } else {
                        "the member's name says it is the message".to_owned()
                    },
                ),
            );
        }
        if problem {
            for (name, binding, ty) in [
                ("detail", "detail", MType::String),
                ("type", "type_uri", MType::String),
                ("status", "status", MType::Integer),
            ] {
                if field(envelope, name).is_some_and(|f| same_kind(&f.ty, &ty)) {
                    bindings.insert(
                        name.to_owned(),
                        (binding, format!("the problem member `{name}`")),
                    );
                }
            }
        } else if field(envelope, "status").is_some_and(|f| matches!(f.ty, MType::Integer))
            && !bindings.contains_key("status")
            && with_values.is_none_or(|f| f.name != "status")
        {
            bindings.insert(
                "status".to_owned(),
                (
                    "status",
                    "an integer `status` member is the HTTP status".to_owned(),
                ),
            );
        }
        let message_of = |values: &Values| {
            let name = &message_field?.name;
            match values.get(name)?.as_slice() {
                [(Value::String(text), _)] if !text.trim().is_empty() => Some(text.clone()),
                _ => None,
            }
        };
        let mut gathered: Vec<Gathered> = Vec::new();
        let mut add = |body: usize,
                       value: Value,
                       status: Status,
                       value_description: Option<String>,
                       response: &ErrorResponse,
                       message: Option<String>| {
            let index = match gathered.iter().position(|g| g.value == value) {
                Some(index) => index,
                None => {
                    gathered.push(Gathered {
                        value,
                        statuses: Vec::new(),
                        guessed_status: None,
                        value_description: None,
                        descriptions: Vec::new(),
                        messages: Vec::new(),
                        bodies: Vec::new(),
                        labels: Vec::new(),
                    });
                    gathered.len() - 1
                }
            };
            let entry = &mut gathered[index];
            if !entry.bodies.contains(&body) {
                entry.bodies.push(body);
            }
            merge::push_once(&mut entry.labels, &status.label());
            match status.http() {
                (status, false) => {
                    if !entry.statuses.contains(&status) {
                        entry.statuses.push(status);
                    }
                }
                (guess, true) => {
                    if entry.guessed_status.is_none() {
                        entry.guessed_status = Some((
                            guess,
                            format!("the spec's `{}` response", status_label(response.status)),
                        ));
                    }
                }
            }
            if entry.value_description.is_none() {
                entry.value_description = value_description;
            }
            if let Some(description) = &response.description {
                entry.descriptions.push(description.clone());
            }
            entry.messages.extend(message);
        };
        let code_type = match with_values {
            Some(code) => {
                let mut without: Vec<String> = Vec::new();
                for (body, (response, values)) in bodies.iter().enumerate() {
                    let mut found = false;
                    for (value, description) in values.get(&code.name).into_iter().flatten() {
                        if fits(value) {
                            found = true;
                            add(
                                body,
                                value.clone(),
                                response.status,
                                description.clone(),
                                response,
                                message_of(values),
                            );
                        }
                    }
                    let label = response.status.label();
                    if !found && !without.contains(&label) {
                        without.push(label);
                    }
                }
                for label in without {
                    self.drops.add(
                        "",
                        format!(
                            "some {label} responses give no values of `{}`: the codes they send are unknown (add them by hand)",
                            code.name
                        ),
                    );
                }
                bindings.insert(
                    code.name.clone(),
                    ("code", "its `enum`/`const` values are the codes".to_owned()),
                );
                Noted::inferred(
                    if integer_codes { "integer" } else { "string" },
                    format!("the values of the body's `{}`", code.name),
                )
            }
            None => {
                for (body, (response, values)) in bodies.iter().enumerate() {
                    let status = response.status;
                    add(
                        body,
                        Value::from(status.http().0),
                        status,
                        None,
                        response,
                        message_of(values),
                    );
                }
                let why = match code_field {
                    Some(code) => {
                        bindings.insert(
                            code.name.clone(),
                            (
                                "",
                                format!("the spec lists no values of `{}`, so the codes below are the HTTP statuses: replace them with the API's codes, set `code_type: {}` and bind this field `from: code`", code.name, if integer_codes { "integer" } else { "string" }),
                            ),
                        );
                        format!(
                            "the spec lists no values of `{}`: one code per error status",
                            code.name
                        )
                    }
                    None => "the bodies carry no code: one code per error status, the code being the status".to_owned(),
                };
                Noted::inferred("integer", why)
            }
        };
        let mut codes = Vec::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        let string_codes = code_type.value == "string";
        let mut gathered: Vec<Gathered> = gathered;
        if with_values.is_none() {
            // One code per status: exact statuses in order; `4XX`/`default` ones only when
            // no exact response has their status.
            let exact: BTreeSet<u16> = gathered.iter().flat_map(|g| g.statuses.clone()).collect();
            gathered.retain(|g| {
                !g.statuses.is_empty()
                    || g.guessed_status
                        .as_ref()
                        .is_some_and(|(s, _)| !exact.contains(s))
            });
            gathered.sort_by_key(|g| g.value.as_i64());
        }
        // By status, then in the order the spec gives them.
        gathered.sort_by_key(|g| {
            g.statuses
                .first()
                .copied()
                .or(g.guessed_status.as_ref().map(|(s, _)| *s))
        });
        let mut sources = Vec::new();
        for entry in gathered {
            sources.push((entry.bodies.clone(), entry.labels.clone()));
            codes.push(self.code(entry, string_codes, &mut taken));
        }
        Codes {
            code_type,
            codes,
            bindings,
            sources,
            in_status: with_values.is_none() && code_field.is_none(),
            per_status: with_values.is_none(),
        }
    }

    fn code(
        &mut self,
        entry: Gathered,
        string_codes: bool,
        taken: &mut BTreeSet<String>,
    ) -> DraftCode {
        let code_text = match &entry.value {
            Value::String(slug) => write::scalar_inline(slug),
            other => spec::scalar_text(other),
        };
        let mut entry = entry;
        entry.statuses.sort_unstable();
        let (status, mut status_note) = match (entry.statuses.first(), &entry.guessed_status) {
            (Some(status), _) => (*status, None),
            (None, Some((guess, why))) => (*guess, Some(why.clone())),
            (None, None) => (500, Some("no status found".to_owned())),
        };
        let mut status_text = status.to_string();
        if entry.statuses.len() > 1 {
            status_text = Pending::MultiStatus(entry.statuses.clone()).key().1;
            status_note = Some(format!(
                "the spec sends it with {}; the default, listed first, is the lowest",
                list(&entry.statuses)
            ));
        }
        let reason = http::describe(status);
        let descriptions: Vec<&str> = entry.descriptions.iter().map(String::as_str).collect();
        let (common, distinct) = most_frequent(&descriptions);
        let messages: BTreeSet<&String> = entry.messages.iter().collect();
        let short = |text: &str| !text.contains('\n') && text.chars().count() <= MESSAGE_WIDTH;
        let message = match messages.len() {
            1 => Noted::given(entry.messages[0].clone()),
            _ if entry.value_description.as_deref().is_some_and(short) => {
                Noted::given(entry.value_description.clone().unwrap_or_default())
            }
            _ if distinct == 1 && short(common) => Noted::given(common.to_owned()),
            _ => Noted::inferred(
                reason.clone(),
                if distinct == 0 {
                    "the HTTP reason phrase; the spec describes no response of this code".to_owned()
                } else if distinct > 1 {
                    format!("the HTTP reason phrase; the spec's {distinct} descriptions differ")
                } else {
                    "the HTTP reason phrase; the spec's description is long".to_owned()
                },
            ),
        };
        let description = entry
            .value_description
            .clone()
            .filter(|d| *d != message.value)
            .or_else(|| (distinct >= 1).then(|| common.to_owned()))
            .filter(|d| *d != message.value);
        let derived = if string_codes {
            ident::type_case(entry.value.as_str().unwrap_or_default())
        } else {
            ident::type_case(&message.value)
        };
        let mut name = None;
        let variant = ident::escape(&derived);
        if !ident::is_identifier(&derived) || taken.contains(&variant) {
            let base = if ident::is_identifier(&derived) {
                derived.clone()
            } else {
                ident::type_case(&format!("code {derived}"))
            };
            let mut candidate = base.clone();
            let mut n = 2;
            while !ident::is_identifier(&candidate) || taken.contains(&ident::escape(&candidate)) {
                candidate = format!("{base}{n}");
                n += 1;
            }
            let why = if ident::is_identifier(&derived) {
                format!("`{derived}` names another code")
            } else {
                "no Rust name can be derived from the code".to_owned()
            };
            taken.insert(ident::escape(&candidate));
            name = Some(Noted::inferred(candidate, why));
        } else {
            taken.insert(variant);
        }
        DraftCode {
            code: code_text,
            name,
            message,
            status: Noted {
                value: status_text,
                note: status_note,
            },
            description,
            optional: Vec::new(),
            values: Vec::new(),
            fields: Vec::new(),
        }
    }

    /// Splits what the bodies of each code say from the envelope: fields only some codes'
    /// bodies carry (when there is one code per status), required-ness that differs by
    /// status, and values fixed per code (one-value `enum`s). Returns the envelope left.
    pub(super) fn shape(
        &mut self,
        envelope: &MObject,
        bodies: &[Body],
        codes: &Codes,
    ) -> (MObject, Vec<CodeShape>) {
        let mut shapes: Vec<CodeShape> =
            codes.sources.iter().map(|_| CodeShape::default()).collect();
        let carried: BTreeSet<&String> = codes
            .sources
            .iter()
            .flat_map(|(_, labels)| labels)
            .collect();
        let binding = |name: &str| {
            codes
                .bindings
                .get(name)
                .map(|(b, _)| *b)
                .filter(|b| !b.is_empty())
        };
        let snake = |name: &str| ident::value_case(name);
        let mut left = envelope.clone();
        left.fields.clear();
        for field in &envelope.fields {
            let mut field = field.clone();
            // A member the envelope leaves out (no Rust name, or another's) keeps no key.
            let clash = envelope
                .fields
                .iter()
                .filter(|f| snake(&f.name) == snake(&field.name))
                .count()
                > 1
                || !ident::is_identifier(&snake(&field.name));
            if binding(&field.name) == Some("code") || clash {
                left.fields.push(field);
                continue;
            }
            // Values fixed per code.
            let mut pinned: BTreeSet<usize> = BTreeSet::new();
            for ((sent_by, _), shape) in codes.sources.iter().zip(&mut shapes) {
                let mut held = sent_by.iter().map(|&b| {
                    match bodies[b].1.get(&field.name).map(Vec::as_slice) {
                        Some([(value, _)]) => Some(value),
                        _ => None,
                    }
                });
                let Some(Some(first)) = held.next() else {
                    continue;
                };
                if !held.all(|v| v == Some(first)) {
                    continue;
                }
                let yaml = match (&field.ty, first) {
                    (MType::String, Value::String(text)) => write::scalar_inline(text),
                    (MType::Integer, v) if v.as_i64().is_some() => spec::scalar_text(v),
                    (MType::Boolean, Value::Bool(b)) => b.to_string(),
                    _ => continue,
                };
                shape.values.push((field.name.clone(), yaml));
                pinned.extend(sent_by.iter().copied());
            }
            let enumerating = (0..bodies.len()).filter(|&b| bodies[b].1.contains_key(&field.name));
            if enumerating.clone().all(|b| pinned.contains(&b)) {
                field.enumerated = false;
            }
            // A member holding the envelope itself is optional whatever the spec says.
            let recursive = match &field.ty {
                MType::Recursive(_) => true,
                MType::Object(object) => {
                    object.origin.is_some() && object.origin == envelope.origin
                }
                _ => false,
            };
            // Fields only some statuses' bodies carry: those codes' own fields.
            if codes.per_status
                && !field.absent.is_empty()
                && binding(&field.name).is_none()
                && !recursive
                && field.present.iter().all(|l| carried.contains(l))
            {
                for ((_, labels), shape) in codes.sources.iter().zip(&mut shapes) {
                    let present: Vec<String> = labels
                        .iter()
                        .filter(|l| field.present.contains(l))
                        .cloned()
                        .collect();
                    if present.is_empty() {
                        continue;
                    }
                    let required = labels
                        .iter()
                        .all(|l| present.contains(l) && !field.optional.contains(l));
                    let mut own = field.clone();
                    own.optional = if required {
                        Vec::new()
                    } else {
                        present.clone()
                    };
                    own.absent = Vec::new();
                    own.present = present;
                    shape.fields.push(own);
                }
                continue;
            }
            // Required in some statuses' bodies and not in others: required, and optional
            // for the codes of the others.
            if field.absent.is_empty()
                && !field.optional.is_empty()
                && field.optional.len() < field.present.len()
                && !recursive
                && field.optional.iter().all(|l| carried.contains(l))
            {
                let leaving: Vec<usize> = codes
                    .sources
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, labels))| labels.iter().any(|l| field.optional.contains(l)))
                    .map(|(index, _)| index)
                    .collect();
                if leaving.len() < codes.sources.len() {
                    for index in leaving {
                        shapes[index].optional.push(field.name.clone());
                    }
                    field.optional.clear();
                }
            }
            left.fields.push(field);
        }
        (left, shapes)
    }
}

fn same_kind(a: &MType, b: &MType) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

fn status_label(status: Status) -> String {
    status.label()
}

fn list(statuses: &[u16]) -> String {
    statuses
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
