//! Reading the spec: JSON or YAML text into one tree, its dialect, `$ref`s, and the error
//! responses of its operations.
//!
//! The tree is a `serde_yaml::Value` whatever the input: its mappings keep the document's key
//! order (the envelope's fields are written in wire order) and take YAML's integer keys
//! (`400:`) as well as JSON's string ones.

use serde_yaml::Value;

use super::{Drops, ImportError};

/// Which specification the document follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

/// A parsed spec.
pub(super) struct Spec {
    pub(super) root: Value,
    pub(super) dialect: Dialect,
    /// `swagger: "2.0"`, `openapi: 3.0.3`, … as written.
    pub(super) version: String,
}

/// The status an error response is declared for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Status {
    /// `404`.
    Code(u16),
    /// `4XX` (OpenAPI 3): the first digit.
    Range(u16),
    /// `default`.
    Default,
}

impl Status {
    /// The status a code takes from this response, and whether it is a guess.
    pub(super) fn http(self) -> (u16, bool) {
        match self {
            Status::Code(status) => (status, false),
            Status::Range(digit) => (digit * 100, true),
            Status::Default => (500, true),
        }
    }

    pub(super) fn label(self) -> String {
        match self {
            Status::Code(status) => status.to_string(),
            Status::Range(digit) => format!("{digit}XX"),
            Status::Default => "default".to_owned(),
        }
    }
}

/// One error response of one operation.
pub(super) struct ErrorResponse {
    pub(super) status: Status,
    pub(super) description: Option<String>,
    /// The media type the body schema was taken from, when the spec names one.
    pub(super) media_type: Option<String>,
    /// Other media types the response offers.
    pub(super) other_media: Vec<String>,
    /// The body schema and the pointer to it.
    pub(super) schema: Option<(Value, String)>,
}

/// Parses `text` as JSON (when it starts with `{`) or YAML, and finds its dialect.
pub(super) fn parse(text: &str) -> Result<Spec, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(text)
            .map_err(|error| ImportError::Unreadable(format!("not valid JSON: {error}")))?
    } else {
        serde_yaml::from_str(text)
            .map_err(|error| ImportError::Unreadable(format!("not valid YAML: {error}")))?
    };
    if !root.is_mapping() {
        return Err(ImportError::NotASpec(
            "the document is not a mapping with `openapi` or `swagger` at its top".to_owned(),
        ));
    }
    let declared = |key: &str| root.get(key).map(scalar_text);
    let (dialect, version) = match (declared("openapi"), declared("swagger")) {
        (Some(version), _) if version.starts_with("3.0") => (Dialect::OpenApi30, version),
        (Some(version), _) if version.starts_with("3.1") => (Dialect::OpenApi31, version),
        (None, Some(version)) if version.starts_with("2.") => (Dialect::Swagger2, version),
        (Some(version), _) | (None, Some(version)) => {
            return Err(ImportError::NotASpec(format!(
                "version `{version}` is not supported: give an OpenAPI 3.0 or 3.1 document, or a Swagger 2.0 one"
            )));
        }
        (None, None) => {
            return Err(ImportError::NotASpec(
                "neither `openapi` nor `swagger` is declared at the top: give an OpenAPI 3.0 or 3.1 document, or a Swagger 2.0 one".to_owned(),
            ));
        }
    };
    Ok(Spec {
        root,
        dialect,
        version,
    })
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl Spec {
    /// `info.<key>` as text.
    pub(super) fn info(&self, key: &str) -> Option<String> {
        self.root
            .get("info")
            .and_then(|info| info.get(key))
            .map(scalar_text)
            .filter(|text| !text.trim().is_empty())
    }

    /// The value at a local reference (`#/components/schemas/Error`), or why there is none.
    pub(super) fn resolve(&self, reference: &str) -> Result<&Value, String> {
        let Some(pointer) = reference.strip_prefix('#') else {
            return Err(format!(
                "`$ref: {reference}` points outside the document; only references inside it are followed"
            ));
        };
        let mut at = &self.root;
        for segment in pointer.split('/').skip(1) {
            let segment = percent_decode(segment)
                .replace("~1", "/")
                .replace("~0", "~");
            at = match at {
                Value::Mapping(map) => map
                    .iter()
                    .find(|(key, _)| scalar_text(key) == segment)
                    .map(|(_, value)| value),
                Value::Sequence(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            }
            .ok_or_else(|| format!("`$ref: {reference}` points at nothing in the document"))?;
        }
        Ok(untag(at))
    }

    /// `value`, following `$ref`s (a response or an example may be one), with the pointer it
    /// was found at.
    fn follow<'a>(
        &'a self,
        mut value: &'a Value,
        mut at: String,
        dropped: &mut Drops,
    ) -> Option<(&'a Value, String)> {
        for _ in 0..32 {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
                return Some((value, at));
            };
            match self.resolve(reference) {
                Ok(target) => {
                    value = target;
                    at = reference.to_owned();
                }
                Err(problem) => {
                    dropped.add(&at, problem);
                    return None;
                }
            }
        }
        dropped.add(&at, "a `$ref` chain longer than 32 links");
        None
    }

    /// The error responses (4xx, 5xx, `4XX`, `default`) of every operation, in document
    /// order.
    pub(super) fn error_responses(&self, dropped: &mut Drops) -> Vec<ErrorResponse> {
        let mut found = Vec::new();
        let Some(Value::Mapping(paths)) = self.root.get("paths") else {
            return found;
        };
        let global_produces = produces(self.root.get("produces"));
        for (path, item) in paths {
            let path = scalar_text(path);
            let item_at = format!("#/paths/{}", escape_pointer(&path));
            let Some((item, _)) = self.follow(item, item_at.clone(), dropped) else {
                continue;
            };
            for method in METHODS {
                let Some(operation) = item.get(*method) else {
                    continue;
                };
                let Some(Value::Mapping(responses)) = operation.get("responses") else {
                    continue;
                };
                let operation_produces = produces(operation.get("produces"));
                let produced = operation_produces.or_else(|| global_produces.clone());
                for (key, response) in responses {
                    let key = scalar_text(key);
                    let Some(status) = error_status(&key) else {
                        continue;
                    };
                    let at = format!("{item_at}/{method}/responses/{key}");
                    let Some((response, at)) = self.follow(response, at, dropped) else {
                        continue;
                    };
                    found.push(self.error_response(status, response, &at, produced.as_deref()));
                }
            }
        }
        found
    }

    fn error_response(
        &self,
        status: Status,
        response: &Value,
        at: &str,
        produces: Option<&[String]>,
    ) -> ErrorResponse {
        let description = response
            .get("description")
            .map(scalar_text)
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty());
        let mut error = ErrorResponse {
            status,
            description,
            media_type: None,
            other_media: Vec::new(),
            schema: None,
        };
        if self.dialect == Dialect::Swagger2 {
            error.schema = response
                .get("schema")
                .map(|schema| (schema.clone(), format!("{at}/schema")));
            if let Some(produces) = produces {
                let chosen = preferred(produces.iter().map(String::as_str));
                error.media_type = chosen.map(str::to_owned);
                error.other_media = produces
                    .iter()
                    .filter(|m| Some(m.as_str()) != chosen)
                    .cloned()
                    .collect();
            }
            return error;
        }
        let Some(Value::Mapping(content)) = response.get("content") else {
            return error;
        };
        let media: Vec<String> = content.keys().map(scalar_text).collect();
        let Some(chosen) = preferred(media.iter().map(String::as_str)) else {
            return error;
        };
        error.schema = content
            .iter()
            .find(|(key, _)| scalar_text(key) == chosen)
            .and_then(|(_, media)| media.get("schema"))
            .map(|schema| {
                (
                    schema.clone(),
                    format!("{at}/content/{}/schema", escape_pointer(chosen)),
                )
            });
        error.other_media = media.iter().filter(|m| *m != chosen).cloned().collect();
        error.media_type = Some(chosen.to_owned());
        error
    }
}

/// The status of an error response key: `404`, `4XX`, `default`; `None` for the others.
fn error_status(key: &str) -> Option<Status> {
    if key == "default" {
        return Some(Status::Default);
    }
    if let Ok(status) = key.parse::<u16>() {
        return (400..=599)
            .contains(&status)
            .then_some(Status::Code(status));
    }
    match key.to_ascii_uppercase().as_str() {
        "4XX" => Some(Status::Range(4)),
        "5XX" => Some(Status::Range(5)),
        _ => None,
    }
}

/// `produces` of Swagger 2, when it lists something.
fn produces(value: Option<&Value>) -> Option<Vec<String>> {
    let list: Vec<String> = value?.as_sequence()?.iter().map(scalar_text).collect();
    (!list.is_empty()).then_some(list)
}

/// The first JSON media type (`application/json`, `…+json`), else the first.
fn preferred<'a>(mut media: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    let json = |m: &&str| {
        let essence = m.split(';').next().unwrap_or_default().trim();
        essence.ends_with("/json") || essence.ends_with("+json")
    };
    media.clone().find(json).or_else(|| media.next())
}

/// A scalar as text (`400`, `true`, `3.0.3`); a collection as its YAML.
pub(super) fn scalar_text(value: &Value) -> String {
    match untag(value) {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::Null => String::new(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim_end()
            .to_owned(),
    }
}

/// A value without its YAML tag.
pub(super) fn untag(mut value: &Value) -> &Value {
    while let Value::Tagged(tagged) = value {
        value = &tagged.value;
    }
    value
}

/// A value as short text for a message: `1`, `"uuid"`, `[a, b]`.
pub(super) fn short(value: &Value) -> String {
    match untag(value) {
        Value::String(text) => format!("\"{}\"", text.escape_debug()),
        Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(short).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Mapping(_) => "{…}".to_owned(),
        other => scalar_text(other),
    }
}

/// A JSON pointer segment for `key` (RFC 6901).
pub(super) fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_of_error_responses() {
        assert_eq!(error_status("404"), Some(Status::Code(404)));
        assert_eq!(error_status("200"), None);
        assert_eq!(error_status("4XX"), Some(Status::Range(4)));
        assert_eq!(error_status("5xx"), Some(Status::Range(5)));
        assert_eq!(error_status("default"), Some(Status::Default));
        assert_eq!(error_status("600"), None);
    }

    #[test]
    fn json_media_types_are_preferred() {
        let media = ["application/xml", "application/problem+json"];
        assert_eq!(
            preferred(media.iter().copied()),
            Some("application/problem+json")
        );
        assert_eq!(preferred(["text/plain"].into_iter()), Some("text/plain"));
    }

    #[test]
    fn pointers_are_unescaped() {
        assert_eq!(percent_decode("%7Bid%7D"), "{id}");
        assert_eq!(percent_decode("100%"), "100%");
        let spec = parse(r#"{"openapi": "3.0.0", "paths": {"/a/{id}": {"x": 1}}}"#).unwrap();
        assert_eq!(
            spec.resolve("#/paths/~1a~1%7Bid%7D/x").unwrap(),
            &Value::from(1)
        );
        assert!(spec.resolve("other.json#/x").is_err());
        assert!(spec.resolve("#/paths/nope").is_err());
    }
}
