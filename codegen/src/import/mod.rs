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
//! body schema, `merge` merges the bodies into the envelope, `codes` chooses the codes and
//! the fields' bindings, `types` names and types the fields and nested objects, this module
//! runs them in order and decides the catalog's top-level keys, and `write` renders the YAML.

mod codes;
mod merge;
mod pending;
mod schema;
mod spec;
mod types;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_yaml::Value;

use crate::ident;
use crate::validate::envelope::is_media_type;
use merge::{MField, MObject, MType};
use pending::Pending;
use schema::{Node, Resolver};
use spec::{ErrorResponse, Status};
use types::{Names, schema_name};
use write::{Draft, Noted};

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

/// The import under way: the catalog's type-name prefix, and what it has dropped so far.
/// Its steps live in `codes` and `types`.
struct Plan {
    prefix: String,
    drops: Drops,
}

impl Plan {
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
