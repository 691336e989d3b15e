//! Synthetic catalogs of any size, for the generation benchmarks and the compile-time
//! measurement of generated code.
//!
//! The output is a pure function of the size and kind, so every run measures the same input.
//! The catalogs look like real ones scaled up: groups of 100 codes (as Guizhan's ranges by
//! hundreds, or slug prefixes), a mix of HTTP statuses, and some codes with descriptions,
//! detail templates, aliases and deprecation notes, so that every validation and emission
//! path is exercised in proportion.

use std::fmt::Write;

/// Whether the catalog's codes are integers or string slugs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Integer,
    String,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Integer => "integer",
            Kind::String => "string",
        }
    }
}

/// Codes per group, as in Guizhan's ranges by hundreds.
pub const GROUP_SIZE: usize = 100;

const NOUNS: &[&str] = &[
    "project",
    "user",
    "token",
    "invoice",
    "workspace",
    "channel",
    "order",
    "report",
    "session",
    "webhook",
    "comment",
    "file",
];
const PREDICATES: &[&str] = &[
    "not found",
    "already exists",
    "is locked",
    "expired",
    "is invalid",
    "limit reached",
    "was deleted",
];
const STATUSES: &[u16] = &[400, 401, 403, 404, 409, 410, 422, 429, 500, 503];

/// The YAML text of a valid catalog named `synthetic` with `codes` codes.
pub fn catalog(codes: usize, kind: Kind) -> String {
    let mut out = String::with_capacity(codes * 160);
    out.push_str(
        "name: synthetic\n\
         title: Synthetic API\n\
         description: A generated catalog for benchmarks.\n\
         version: 1.0.0\n\
         docs_url: https://errors.example.com/synthetic\n",
    );
    writeln!(out, "code_type: {}", kind.name()).unwrap();
    out.push_str("statuses:\n  200: OK\n  400: Bad request\n  404: Not found\n");
    out.push_str("groups:\n");
    for group in 0..codes.div_ceil(GROUP_SIZE) {
        let members = match kind {
            Kind::Integer => {
                let low = group * GROUP_SIZE;
                format!("range: [{low}, {}]", low + GROUP_SIZE - 1)
            }
            Kind::String => format!("prefix: \"{}\"", prefix(group)),
        };
        writeln!(
            out,
            "  - {{ name: group_{group}, title: Group {group}, {members} }}"
        )
        .unwrap();
    }
    out.push_str("envelope:\n  name: SyntheticError\n  media_type: application/json\n  fields:\n");
    let code_type = kind.name();
    writeln!(
        out,
        "    - {{ name: code, type: {code_type}, from: code, required: true }}"
    )
    .unwrap();
    out.push_str(
        "    - { name: message, type: string, from: message, required: true }\n    \
         - { name: detail, type: string, from: detail }\n    \
         - { name: status, type: integer, from: status }\n    \
         - { name: link, type: string, from: link }\n    \
         - { name: data, type: any }\n",
    );
    out.push_str("codes:\n");
    for index in 0..codes {
        code(&mut out, index, kind);
    }
    out
}

fn prefix(group: usize) -> String {
    format!("g{group}-")
}

fn code(out: &mut String, index: usize, kind: Kind) {
    let noun = NOUNS[index % NOUNS.len()];
    let predicate = PREDICATES[index / NOUNS.len() % PREDICATES.len()];
    let status = if index == 0 {
        200
    } else {
        STATUSES[index % STATUSES.len()]
    };
    // The index in the message keeps every derived variant name unique.
    let message = format!("{} {index} {predicate}", capitalized(noun));
    match kind {
        Kind::Integer => writeln!(out, "  - code: {index}").unwrap(),
        Kind::String => {
            let slug = format!(
                "{}{noun}-{index}-{}",
                prefix(index / GROUP_SIZE),
                predicate.replace(' ', "-")
            );
            writeln!(out, "  - code: {slug}").unwrap();
        }
    }
    writeln!(out, "    message: {message}\n    status: {status}").unwrap();
    if index == 0 {
        out.push_str("    kind: success\n");
    }
    if index % 10 == 3 {
        writeln!(
            out,
            "    description: >-\n      Returned when the {noun} cannot be used because it {predicate}.\n      Retry after fixing the request."
        )
        .unwrap();
    }
    if index % 7 == 5 {
        writeln!(
            out,
            "    detail: \"The {noun} `{{id}}` {predicate} (attempt {{attempt}})\"\n    params: {{ id: string, attempt: integer }}"
        )
        .unwrap();
    }
    if index % 50 == 49 {
        writeln!(
            out,
            "    deprecated: Use code {} instead.",
            index.saturating_sub(1)
        )
        .unwrap();
    }
    if index % 100 == 42 {
        writeln!(out, "    aliases: [Legacy{index}]").unwrap();
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}
