//! `errcat init`: a starter catalog, and the lines of a crate that build it.

use heck::ToUpperCamelCase;

/// The URL the catalog format's JSON Schema names itself by (its `$id`).
pub const SCHEMA_URL: &str =
    "https://github.com/errcat/errcat/raw/main/codegen/errcat-catalog.schema.json";

/// Whether the starter's codes are numbers or slugs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CodeType {
    Integer,
    String,
}

/// Why `name` cannot name a catalog, if it cannot: the shape the loader asks of it
/// (snake_case), checked before a file is written so the message can speak of the option.
pub fn name_problem(name: &str) -> Option<String> {
    let mut words = name.split('_');
    let snake = name.starts_with(|c: char| c.is_ascii_lowercase())
        && words.all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    (!snake).then(|| {
        format!(
            "`{name}` is not a snake_case name: use lowercase ASCII letters, digits and single `_`, starting with a letter, e.g. `my_api`"
        )
    })
}

/// `shop` → `Shop API`, `my_api` → `My API`.
fn title(name: &str) -> String {
    let mut words: Vec<String> = name.split('_').map(|w| w.to_upper_camel_case()).collect();
    if words.last().is_some_and(|w| w == "Api") {
        words.pop();
    }
    words.push("API".to_owned());
    words.join(" ")
}

/// The starter catalog `name`, to be saved at `path`.
pub fn catalog(name: &str, code_type: CodeType, path: &str) -> String {
    let pascal = name.to_upper_camel_case();
    let title = title(name);
    let (code_type_text, code_field) = match code_type {
        CodeType::Integer => ("integer", "integer"),
        CodeType::String => ("string", "string"),
    };
    let mut text = format!(
        "\
# yaml-language-server: $schema={SCHEMA_URL}
# The error catalog of the {title}: the single source of truth for its error codes.
# errcat generates from it a Rust code enum and error body (in build.rs), OpenAPI components
# (`errcat openapi {path}`) and a reference page (`errcat docs {path}`).
# `errcat check {path}` checks it; the format, key by key:
# https://github.com/errcat/errcat/blob/main/catalog/README.md

# snake_case id: names the Rust module (`{name}`) and types (`{pascal}Code`, `{pascal}Error`).
name: {name}
title: {title}
description: Codes returned in the `code` field of every error response.
version: \"0.1.0\"  # quoted, so that YAML never reads it as a number
# `integer`: codes are numbers (`1000`); `string`: codes are slugs (`not-found`).
code_type: {code_type_text}
"
    );
    text.push_str(match code_type {
        CodeType::Integer => {
            "
# Optional: named ranges of codes, each a section of the docs and a variant of the group
# enum. Once there are groups, every code must be in exactly one of them.
groups:
  - { name: request, title: Request errors, range: [1000, 1999] }
  - { name: resource, title: Resource errors, range: [2000, 2999] }
  - { name: server, title: Server errors, range: [5000, 5999] }
"
        }
        CodeType::String => {
            "
# Optional: named prefixes of codes, each a section of the docs and a variant of the group
# enum. Once there are groups, every code must start with the prefix of exactly one.
# groups:
#   - { name: auth, title: Authentication, prefix: \"auth-\" }
"
        }
    });
    text.push_str(&format!(
        "
# The error body on the wire: the Rust struct `{pascal}Error` and an OpenAPI schema.
envelope:
  name: {pascal}Error
  media_type: application/json
  fields:
    # `from:` fills a field from the code when a body is built: `{pascal}Error::from(code)`.
    # `detail` is the code's rendered `detail` template, or its message when it has none.
    - {{ name: code, type: {code_field}, from: code, required: true }}
    - {{ name: message, type: string, from: detail, required: true }}

# The codes, in the order the API documents them. The Rust variant is named after the slug
# (string codes) or the message (integer codes), unless `name:` gives one.
codes:
"
    ));
    text.push_str(match code_type {
        CodeType::Integer => {
            "  # Request errors
  - code: 1000
    message: Invalid request
    status: 400
    description: The request body or its parameters are malformed.
  - code: 1001
    message: Unauthorized
    status: 401
    description: The request carries no valid credentials.
  # Resource errors
  - code: 2000
    message: Resource not found
    status: 404
    # A template with placeholders, each declared in `params`: it generates the constructor
    # `resource_not_found(id)` on the error body.
    detail: \"Resource `{id}` was not found\"
    params: { id: string }
  - code: 2001
    message: Resource already exists
    status: 409
  # Server errors
  - code: 5000
    message: Internal error
    status: 500
    description: Something went wrong on our side; retry later.
"
        }
        CodeType::String => {
            "  - code: invalid-request
    message: Invalid request
    status: 400
    description: The request body or its parameters are malformed.
  - code: unauthorized
    message: Unauthorized
    status: 401
    description: The request carries no valid credentials.
  - code: not-found
    message: Resource not found
    status: 404
    # A template with placeholders, each declared in `params`: it generates the constructor
    # `not_found(id)` on the error body.
    detail: \"Resource `{id}` was not found\"
    params: { id: string }
  - code: already-exists
    message: Resource already exists
    status: 409
  - code: internal-error
    message: Internal error
    status: 500
    description: Something went wrong on our side; retry later.
"
        }
    });
    text
}

/// The lines of a crate that generate Rust from the catalog `name` at `path` in its build.
pub fn instructions(name: &str, path: &str) -> String {
    let pascal = name.to_upper_camel_case();
    let major = env!("CARGO_PKG_VERSION_MAJOR");
    let version = if major == "0" {
        format!("0.{}", env!("CARGO_PKG_VERSION_MINOR"))
    } else {
        major.to_owned()
    };
    format!(
        "\
To generate Rust from it in your crate, add these lines (paths are from the crate's root):

# Cargo.toml
[dependencies]
serde = {{ version = \"1\", features = [\"derive\"] }}
serde_json = \"1\" # open bodies keep the members the catalog does not know as JSON values

[build-dependencies]
errcat-codegen = \"{version}\"

// build.rs
fn main() {{
    errcat_codegen::Builder::new()
        .catalog(\"{path}\")
        .compile_or_report();
}}

// src/lib.rs
pub mod {name} {{
    include!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\"));
}}

Then `cargo build` makes `{name}::{pascal}Code` and `{name}::{pascal}Error`. After each edit,
`errcat check {path}` checks the catalog without building.
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case() {
        for good in ["api", "shop", "my_api", "v2", "http2_errors"] {
            assert_eq!(name_problem(good), None, "{good}");
        }
        for bad in [
            "", "Shop", "my-api", "my__api", "_api", "api_", "2fa", "café",
        ] {
            assert!(name_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn titles_say_api_once() {
        assert_eq!(title("shop"), "Shop API");
        assert_eq!(title("my_api"), "My API");
        assert_eq!(title("api"), "API");
        assert_eq!(title("order_service"), "Order Service API");
    }
}
