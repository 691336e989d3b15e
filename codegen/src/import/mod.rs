//! `errcat import openapi`: a first catalog from an OpenAPI 3.0 or 3.1 document, or a
//! Swagger 2.0 one, in JSON or YAML.
//!
//! The import reads the error responses of every operation (4xx, 5xx, `4XX`/`5XX` and
//! `default`), merges their body schemas into the envelope, and takes the codes from the
//! `enum` or `const` values of the body's code field, or, when the spec has none, makes one
//! code per error status (as problem+json APIs use the status as the code). What the
//! bodies of one code say beyond the others (members only its status carries, required-ness
//! that differs by status, one-value `enum`s) becomes that code's `fields:`, `optional:` and
//! `values:`; bodies with no code member at all give `code_in: status`. The catalog it
//! writes passes `errcat check` as it is; every guess is marked `# inferred: …` on its line,
//! and everything the spec says that the catalog format cannot is listed in
//! [`Import::dropped`].
//!
//! The README's "Starting from an OpenAPI document" lists how each construct of a spec maps
//! to the catalog, and what is dropped. The constructs that map to one key each (nullable,
//! `minLength`, string `format`, closed bodies, several statuses for a code) are listed in
//! `pending`, with the values the loader takes; `Plan::shape` splits the codes' own shapes
//! from the envelope.
//!
//! The parts: `spec` reads the text and finds the error responses, `schema` resolves a
//! body schema, `merge` merges the bodies into the envelope, this module chooses the codes
//! and bindings and names the types, and `write` renders the YAML.

mod merge;
mod pending;
mod schema;
mod spec;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_yaml::Value;

use crate::emit::http;
use crate::ident;
use crate::validate::envelope::is_media_type;
use merge::{MField, MObject, MType};
use pending::Pending;
use schema::{Node, Resolver};
use spec::{ErrorResponse, Status};
use write::{Draft, DraftCode, DraftField, DraftObject, Noted};

/// How to import.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Options {
    /// The catalog's `name`; derived from the spec's `info.title` when `None`.
    pub name: Option<String>,
}

/// An imported catalog.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Import {
    /// The catalog, as YAML text ending with a newline.
    pub catalog: String,
    /// What the spec says that the catalog cannot, one line each, e.g.
    /// `envelope field \`traceId\`: may be null (…)`.
    pub dropped: Vec<String>,
    /// The guesses, one line each, as the catalog's `# inferred:` comments give them.
    pub inferred: Vec<String>,
}

/// Why a spec could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// The text is neither JSON nor YAML.
    Unreadable(String),
    /// The document is not an OpenAPI 3.0/3.1 or Swagger 2.0 one.
    NotASpec(String),
    /// The spec declares no error response with an object body to build a catalog from.
    NoErrorResponses(String),
    /// The name given is not a catalog name.
    BadName(String),
    /// The catalog built does not pass `errcat check`: a bug of the import.
    Internal(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Unreadable(message)
            | ImportError::NotASpec(message)
            | ImportError::NoErrorResponses(message)
            | ImportError::BadName(message) => f.write_str(message),
            ImportError::Internal(message) => write!(
                f,
                "the imported catalog does not pass the checks, which is a bug of `errcat import`; please report it with the spec:\n{message}"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// What the spec says that the catalog cannot, grouped by what, with where.
#[derive(Debug, Default)]
pub(crate) struct Drops {
    entries: Vec<(String, Vec<String>)>,
}

impl Drops {
    /// Records `what` at `at` (a pointer into the spec, or empty when `what` names its place).
    pub(crate) fn add(&mut self, at: &str, what: impl Into<String>) {
        let what = what.into();
        match self.entries.iter_mut().find(|(w, _)| *w == what) {
            Some((_, places)) => {
                if !at.is_empty() && !places.iter().any(|p| p == at) {
                    places.push(at.to_owned());
                }
            }
            None => {
                let places = if at.is_empty() {
                    Vec::new()
                } else {
                    vec![at.to_owned()]
                };
                self.entries.push((what, places));
            }
        }
    }

    fn lines(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|(what, places)| match places.as_slice() {
                [] => what.clone(),
                [one] => format!("{one}: {what}"),
                [first, rest @ ..] => {
                    format!("{first} (and {} more places): {what}", rest.len())
                }
            })
            .collect()
    }
}

/// The `enum`/`const` values of a body's members, by member name.
type Values = BTreeMap<String, Vec<(Value, Option<String>)>>;

/// An error response with an object body, and the values its members are limited to.
type Body<'a> = (&'a ErrorResponse, Values);

/// Names of the body member that carries the code, most likely first.
const CODE_FIELDS: &[&str] = &[
    "code",
    "error_code",
    "errorCode",
    "id",
    "error_id",
    "errorId",
    "error",
];

/// Names of the body member that carries the message, most likely first.
const MESSAGE_FIELDS: &[&str] = &[
    "message",
    "error_message",
    "errorMessage",
    "description",
    "error_description",
    "detail",
    "title",
];

/// Messages longer than this are descriptions, not messages.
const MESSAGE_WIDTH: usize = 60;

/// Imports the OpenAPI 3.0 / 3.1 or Swagger 2.0 document `spec_text` (JSON or YAML).
///
/// # Errors
///
/// When the text cannot be read as a spec, the spec has no error response with an object
/// body, or `options.name` is not a catalog name.
pub fn openapi(spec_text: &str, options: &Options) -> Result<Import, ImportError> {
    let spec = spec::parse(spec_text)?;
    let mut drops = Drops::default();
    let responses = spec.error_responses(&mut drops);
    if responses.is_empty() {
        return Err(ImportError::NoErrorResponses(
            "the spec declares no error response (4xx, 5xx or `default`) in any operation, so there is nothing to build a catalog from".to_owned(),
        ));
    }
    let name = catalog_name(&spec, options)?;
    let prefix = ident::type_case(&name.value);
    let mut bodies = Vec::new();
    let mut envelope = MObject::new();
    let mut origins = BTreeSet::new();
    let mut inline = false;
    {
        let mut resolver = Resolver::new(&spec, &mut drops);
        for (index, response) in responses.iter().enumerate() {
            let Some((schema, at)) = &response.schema else {
                continue;
            };
            let typed = resolver.resolve(schema, at);
            bodies.push((index, typed, at.clone()));
        }
    }
    for (index, typed, at) in bodies.iter().cloned() {
        let label = responses[index].status.label();
        match typed.node {
            Node::Object(object) => {
                match &object.origin {
                    Some(origin) => origins.insert(origin.clone()),
                    None => {
                        inline = true;
                        false
                    }
                };
                envelope.merge(
                    object,
                    typed.description,
                    &label,
                    &mut drops,
                    "the envelope",
                );
            }
            _ => drops.add(
                &at,
                format!(
                    "the {label} response body is {}, not an object; left out of the envelope",
                    typed.kind()
                ),
            ),
        }
    }
    let bodies: Vec<Body> = bodies
        .into_iter()
        .filter_map(|(index, typed, _)| match typed.node {
            Node::Object(object) => {
                let values = object
                    .fields
                    .into_iter()
                    .filter_map(|(name, field)| field.values.map(|values| (name, values)))
                    .collect();
                Some((&responses[index], values))
            }
            _ => None,
        })
        .collect();
    if bodies.is_empty() {
        let statuses: BTreeSet<String> = responses.iter().map(|r| r.status.label()).collect();
        return Err(ImportError::NoErrorResponses(format!(
            "the spec's error responses ({}) declare no object body, so there is no envelope to build a catalog around",
            statuses.into_iter().collect::<Vec<_>>().join(", ")
        )));
    }
    let media_type = media_type(&responses, &bodies, &mut drops);
    let envelope_name = match (origins.len(), inline) {
        (1, false) => Noted::given(schema_name(origins.first().map_or("", String::as_str))),
        (0, _) => Noted::inferred(
            format!("{prefix}Error"),
            "the error bodies are inline schemas, with no name",
        ),
        _ => {
            let named: Vec<String> = origins
                .iter()
                .map(|o| format!("`{}`", schema_name(o)))
                .collect();
            let inline = if inline { " and inline schemas" } else { "" };
            Noted::inferred(
                format!("{prefix}Error"),
                format!("the error bodies are {}{inline}", named.join(", ")),
            )
        }
    };
    let mut plan = Plan { prefix, drops };
    let envelope_name = plan.free_name(envelope_name);
    let problem = media_type.value.contains("problem+")
        || ["title", "detail"]
            .iter()
            .all(|n| field(&envelope, n).is_some_and(|f| matches!(f.ty, MType::String)));
    let mut codes = plan.codes(&envelope, &bodies, problem);
    let (envelope, shapes) = plan.shape(&envelope, &bodies, &codes);
    let mut names = Names::new(&envelope_name.value, &envelope.origin, &plan.prefix);
    let mut schemas = Vec::new();
    let envelope_draft = plan.object(
        &envelope,
        envelope_name,
        "envelope",
        &codes.bindings,
        &mut names,
        &mut schemas,
    );
    for (code, shape) in codes.codes.iter_mut().zip(shapes) {
        code.optional = shape.optional;
        code.values = shape.values;
        for field in &shape.fields {
            let here = format!("code {} field `{}`", code.code, field.name);
            let draft = plan.field(
                field,
                &here,
                false,
                &BTreeMap::new(),
                &mut names,
                &mut schemas,
            );
            code.fields.push(draft);
        }
    }
    let code_in = codes.in_status.then(|| {
        Noted::inferred(
            "status".to_owned(),
            "the bodies carry no code, so the status line does",
        )
    });
    let draft = Draft {
        header: header(&spec),
        name,
        title: spec
            .info("title")
            .unwrap_or_else(|| "Imported API".to_owned()),
        version: match spec.info("version") {
            Some(version) => Noted::given(version),
            None => Noted::inferred("1.0.0".to_owned(), "the spec gives no `info.version`"),
        },
        code_type: codes.code_type,
        code_in,
        statuses: statuses(&responses, &mut plan.drops),
        envelope: envelope_draft,
        media_type,
        schemas,
        codes: codes.codes,
    };
    let catalog = write::render(&draft);
    if let Err(problems) = crate::parse("imported.yaml", &catalog) {
        return Err(ImportError::Internal(format!("{problems}\n{catalog}")));
    }
    let mut inferred = Vec::new();
    for text_line in catalog.lines() {
        if let Some((code, note)) = text_line.split_once("  # inferred: ") {
            inferred.push(format!("{}: {note}", code.trim().trim_start_matches("- ")));
        }
    }
    Ok(Import {
        catalog,
        dropped: plan.drops.lines(),
        inferred,
    })
}

fn header(spec: &spec::Spec) -> Vec<String> {
    let kind = match spec.dialect {
        spec::Dialect::Swagger2 => "Swagger",
        spec::Dialect::OpenApi30 | spec::Dialect::OpenApi31 => "OpenAPI",
    };
    let title = spec.info("title").unwrap_or_default();
    vec![
        format!(
            "Imported from the {kind} {} document \"{}\"{} by `errcat import openapi`.",
            spec.version,
            title.escape_debug(),
            spec.info("version")
                .map(|v| format!(", version {v}"))
                .unwrap_or_default()
        ),
        "Lines marked `# inferred:` are guesses of the import: check them. What the spec says"
            .to_owned(),
        "and the catalog cannot was reported by the import as `dropped:` lines.".to_owned(),
    ]
}

fn catalog_name(spec: &spec::Spec, options: &Options) -> Result<Noted<String>, ImportError> {
    let valid = |name: &str| {
        ident::is_identifier(name) && ident::value_case(name) == name && ident::escape(name) == name
    };
    if let Some(name) = &options.name {
        return if valid(name) {
            Ok(Noted::given(name.clone()))
        } else {
            Err(ImportError::BadName(format!(
                "`{name}` is not a catalog name: use snake_case (lowercase ASCII letters, digits and `_`, starting with a letter), e.g. `{}`",
                Some(ident::value_case(name))
                    .filter(|n| valid(n))
                    .unwrap_or_else(|| "my_api".to_owned())
            )))
        };
    }
    let title = spec.info("title").unwrap_or_default();
    let snake = ident::value_case(&title);
    let trimmed = snake
        .strip_suffix("_api")
        .filter(|rest| !rest.is_empty())
        .unwrap_or(&snake);
    Ok(if valid(trimmed) {
        Noted::inferred(trimmed.to_owned(), "from `info.title`")
    } else {
        Noted::inferred(
            "imported".to_owned(),
            "`info.title` gives no snake_case name; pass `--name`",
        )
    })
}

/// The media type most error bodies are sent as.
fn media_type(responses: &[ErrorResponse], bodies: &[Body], drops: &mut Drops) -> Noted<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for (response, _) in bodies {
        // A range (`*/*`, `application/*`) says nothing of the body.
        if let Some(media) = response.media_type.as_ref().filter(|m| !m.contains('*')) {
            match counts.iter_mut().find(|(m, _)| m == media) {
                Some((_, count)) => *count += 1,
                None => counts.push((media.clone(), 1)),
            }
        }
    }
    let chosen = counts
        .iter()
        .enumerate()
        .max_by_key(|(index, (_, count))| (*count, std::cmp::Reverse(*index)))
        .map(|(_, (media, _))| media.clone());
    for response in responses {
        let label = response.status.label();
        if let (Some(media), Some(chosen)) = (&response.media_type, &chosen) {
            if media != chosen && !media.contains('*') && response.schema.is_some() {
                drops.add(
                    "",
                    format!("the {label} responses sent as `{media}` (an envelope has one media type, `{chosen}`)"),
                );
            }
        }
        for other in &response.other_media {
            drops.add(
                "",
                format!("the {label} responses also offered as `{other}` (an envelope has one media type)"),
            );
        }
    }
    let ranges = responses
        .iter()
        .any(|r| r.media_type.as_ref().is_some_and(|m| m.contains('*')));
    match chosen {
        Some(media) if is_media_type(&media) => Noted::given(media),
        None if ranges => Noted::inferred(
            "application/json".to_owned(),
            "the spec gives only media ranges (`*/*`) for its error responses",
        ),
        Some(media) => Noted::inferred(
            "application/json".to_owned(),
            format!("the spec's `{media}` is not a media type"),
        ),
        None => Noted::inferred(
            "application/json".to_owned(),
            "the spec names no media type for its error responses",
        ),
    }
}

/// `statuses:`: each exact status's description, the most frequent when operations differ.
fn statuses(responses: &[ErrorResponse], drops: &mut Drops) -> Vec<(u16, Noted<String>)> {
    let mut by_status: BTreeMap<u16, Vec<&str>> = BTreeMap::new();
    for response in responses {
        let Some(description) = &response.description else {
            continue;
        };
        match response.status {
            Status::Code(status) => by_status.entry(status).or_default().push(description),
            other => drops.add(
                "",
                format!(
                    "the description of the `{}` responses, \"{}\" (`statuses` takes HTTP statuses)",
                    other.label(),
                    one_line(description)
                ),
            ),
        }
    }
    by_status
        .into_iter()
        .map(|(status, texts)| {
            let (text, distinct) = most_frequent(&texts);
            let text = if distinct > 1 {
                Noted::inferred(
                    one_line(text),
                    format!("the most frequent of {distinct} descriptions"),
                )
            } else {
                Noted::given(text.to_owned())
            };
            (status, text)
        })
        .collect()
}

/// The most frequent text (the first of those as frequent), and how many distinct ones
/// there are.
fn most_frequent<'a>(texts: &[&'a str]) -> (&'a str, usize) {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for text in texts {
        match counts.iter_mut().find(|(t, _)| t == text) {
            Some((_, count)) => *count += 1,
            None => counts.push((text, 1)),
        }
    }
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(index, (_, count))| (*count, std::cmp::Reverse(*index)))
        .map_or("", |(_, (text, _))| *text);
    (best, counts.len())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn field<'a>(object: &'a MObject, name: &str) -> Option<&'a MField> {
    object.fields.iter().find(|f| f.name == name)
}

/// A PascalCase type name from a schema's pointer (`#/components/schemas/error-response` →
/// `ErrorResponse`) or a field name.
fn schema_name(origin: &str) -> String {
    let last = origin.rsplit('/').next().unwrap_or(origin);
    let name = ident::type_case(&last.replace("~1", "/").replace("~0", "~"));
    if ident::is_identifier(&name) && ident::escape(&name) == name {
        name
    } else {
        ident::type_case(&format!("schema {name}"))
    }
}

/// The codes and how the envelope's fields are bound.
struct Codes {
    code_type: Noted<&'static str>,
    codes: Vec<DraftCode>,
    /// Field name → (binding, why).
    bindings: BTreeMap<String, (&'static str, String)>,
    /// Per code, in order: the bodies that send it and their statuses' labels.
    sources: Vec<(Vec<usize>, Vec<String>)>,
    /// One code per status, the bodies having no member that says which.
    in_status: bool,
    /// One code per status.
    per_status: bool,
}

/// What the bodies of one code say beyond the envelope.
#[derive(Default)]
struct CodeShape {
    /// Required envelope fields its bodies may leave out.
    optional: Vec<String>,
    /// Fields its bodies always hold one value in, with the value in YAML.
    values: Vec<(String, String)>,
    /// Fields only its bodies (of the envelope's) carry.
    fields: Vec<MField>,
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

struct Plan {
    prefix: String,
    drops: Drops,
}

impl Plan {
    /// `name`, or one made distinct from the generated code types.
    fn free_name(&mut self, name: Noted<String>) -> Noted<String> {
        if !reserved(&self.prefix).contains(&name.value) {
            return name;
        }
        let renamed = format!("{}Body", name.value);
        Noted::inferred(
            renamed,
            format!("`{}` is the name of a generated type", name.value),
        )
    }

    fn codes(&mut self, envelope: &MObject, bodies: &[Body], problem: bool) -> Codes {
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
    fn shape(
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

    /// The draft of an object (the envelope, or a schema), registering the schemas its
    /// fields need.
    fn object(
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

    fn field(
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

    /// Writes the key of `pending`, or reports it dropped.
    fn pending(&mut self, pending: Pending, here: &str, keys: &mut Vec<(&'static str, String)>) {
        if pending.emitted() {
            keys.push(pending.key());
        } else {
            let why = pending.unsaid();
            self.drops.add("", format!("{here}: {pending} ({why})"));
        }
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

fn list_labels(labels: &[String]) -> String {
    labels.join(", ")
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
struct Names {
    envelope: String,
    taken: BTreeSet<String>,
    by_origin: BTreeMap<String, String>,
}

impl Names {
    fn new(envelope: &str, origin: &Option<String>, prefix: &str) -> Self {
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
    fn claim(&mut self, origin: Option<&str>, field: &str, item: bool) -> Noted<String> {
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
