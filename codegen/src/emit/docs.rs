//! The Markdown emitter: one reference page per catalog, for a documentation site.
//!
//! The page is GitHub-flavoured Markdown (CommonMark plus tables): the catalog's introduction,
//! the shape of the error body with an example, the codes in one table per group, and the
//! HTTP statuses. Catalog text is Markdown already and is kept as written; inside table cells
//! only what would break the table is changed (`|` is escaped, line breaks become `<br>`).

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::emit::body;
use crate::emit::http;
use crate::ident::unraw;
use crate::model::{
    Binding, Catalog, Code, Envelope, Field, FieldType, Group, GroupMembers, Param, Retired, Rpc,
    Schema, Template,
};
use crate::text::one_line;

/// Every field of the model, destructured without `..`, with what the docs emitter does with it:
/// a field added to the model does not compile here until the docs emitter has decided what it
/// means (see `codegen/README.md`, "Adding a catalog key"). Fields marked `_` are read.
fn decided(catalog: &Catalog) {
    let Catalog {
        name: _,
        title: _,
        description: _,
        version: _,
        docs_url: _,
        types: _, // not used: Rust names, not on the page
        repr: _,
        groups,
        statuses: _,
        code_in: _,
        envelope,
        codes,
        retired,
        locales,
        domain: _,
    } = catalog;
    if let Some(Group {
        name: _,
        title: _,
        description: _,
        variant: _,
        members: _,
    }) = groups.first()
    {}
    if let Some(Code {
        value: _,
        variant: _,
        message: _,
        status: _,
        statuses: _,
        success: _,
        description: _,
        detail,
        deprecated: _,
        aliases: _,
        link: _,
        type_uri: _,
        group: _,
        constructor: _, // not used: a Rust name
        shape: _,
        translations: _, // destructured below
        rpc:
            Rpc {
                grpc: _,
                reason: _,
                retryable: _,
                retry_after: _,
            },
    }) = codes.first()
        && let Some(Template {
            text: _,
            pieces: _, // not used: the text is shown
            params,
        }) = detail
        && let Some(Param {
            name: _,
            ident: _, // not used: a Rust name
            ty: _,
        }) = params.first()
    {}
    if let Some(Retired {
        value: _,
        reason: _,
        message: _,
    }) = retired.first()
    {}
    let Envelope {
        name: _,
        media_type: _,
        description: _,
        fields,
        schemas,
        closed: _,
    } = envelope;
    if let Some(Schema {
        name: _,
        description: _,
        fields: _,
        closed: _,
    }) = schemas.values().next()
    {}
    if let Some(Field {
        wire_name: _,
        ident: _, // not used: a Rust name
        ty: _,
        from: _,
        required: _,
        nullable: _,
        per_code: _,
        min_length: _,
        format: _,
        description: _,
        boxed: _, // not used: a Rust layout
    }) = fields.first()
    {}
    // Locales: one page per locale.
    if let Some(crate::model::Locales {
        default: _,
        declared,
    }) = locales
        && let Some(crate::model::Locale {
            tag: _,
            variant: _,
            fallback: _,
        }) = declared.first()
    {}
    if let Some(crate::model::Translation {
        message: _,
        detail: _,
        written: _,
    }) = codes.first().and_then(|code| code.translations.first())
    {}
}

/// Generates the reference page of `catalog`, ending with a newline. For a catalog with
/// locales it is the page of the default locale; [`generate_in`] writes the others.
pub fn generate(catalog: &Catalog) -> String {
    decided(catalog);
    page(catalog, None)
}

/// The reference page of `catalog` in the declared locale `tag`: the codes' messages and
/// details in that language (their translations, or the texts they fall back to), the rest
/// as written. `None` when the catalog does not declare `tag`.
///
/// ```
/// # let source = "name: shop\nlocales: { default: en, declared: [de] }\ncodes:\n  - { code: 1, message: Not found, status: 404, translations: { de: { message: Nicht gefunden } } }\n";
/// let catalog = errcat_codegen::parse("shop.yaml", source)?;
/// let page = errcat_codegen::docs::generate_in(&catalog, "de").unwrap();
/// assert!(page.contains("| `1` | `NotFound` | 404 | Nicht gefunden |"));
/// assert!(errcat_codegen::docs::generate_in(&catalog, "fr").is_none());
/// # Ok::<(), errcat_codegen::Diagnostics>(())
/// ```
pub fn generate_in(catalog: &Catalog, tag: &str) -> Option<String> {
    decided(catalog);
    let locales = catalog.locales.as_ref()?;
    let index = locales.declared.iter().position(|l| l.tag == tag)?;
    let mut localized = catalog.clone();
    for code in &mut localized.codes {
        let translation = &code.translations[index];
        code.message = translation.message.clone();
        if translation.detail.is_some() {
            code.detail = translation.detail.clone();
        }
    }
    Some(page(&localized, Some(tag)))
}

/// The file name of the page of `catalog` in `locale` (`None`: the default one):
/// `guizhan.md`, `guizhan.zh-CN.md`.
pub fn file_name(catalog: &Catalog, locale: Option<&str>) -> String {
    match locale {
        Some(tag) => format!("{}.{tag}.md", catalog.name),
        None => format!("{}.md", catalog.name),
    }
}

/// The page, in `locale` (`None`: the default one).
fn page(catalog: &Catalog, locale: Option<&str>) -> String {
    // Every section writes into the page itself: for a large catalog the code tables are
    // megabytes, which would otherwise be copied from string to string on their way in.
    let mut page = String::with_capacity(4096 + catalog.codes.len() * 192);
    let sections: [fn(&mut String, &Catalog); 6] = [
        intro,
        body_section,
        codes_section,
        retired_section,
        statuses_section,
        rpc_section,
    ];
    for (index, section) in sections.into_iter().enumerate() {
        let before = page.len();
        if before > 0 {
            page.push_str("\n\n");
        }
        let start = page.len();
        section(&mut page, catalog);
        if index == 0 {
            languages(&mut page, catalog, locale);
        }
        if page.len() == start {
            page.truncate(before);
        }
    }
    let _ = write!(
        page,
        "\n\n*Generated by errcat from catalog `{}` version {}. Edit the catalog, not this page.*\n",
        catalog.name,
        one_line(&catalog.version)
    );
    page
}

/// The title, the catalog's facts, then its own introduction (which may hold lists, so the
/// facts list comes first, where the two cannot run together into one list).
fn intro(out: &mut String, catalog: &Catalog) {
    let kind = catalog.repr.code_type();
    let groups = match catalog.groups.len() {
        0 => String::new(),
        1 => " in 1 group".to_owned(),
        n => format!(" in {n} groups"),
    };
    let mut facts = vec![
        format!(
            "- **Catalog:** `{}`, version {}",
            catalog.name,
            one_line(&catalog.version)
        ),
        format!("- **Codes:** {} {kind} codes{groups}", catalog.codes.len()),
        format!(
            "- **Error body:** `{}` (`{}`)",
            catalog.envelope.name, catalog.envelope.media_type
        ),
    ];
    if let Some(url) = &catalog.docs_url {
        facts.push(format!("- **API documentation:** <{url}>"));
    }
    let _ = write!(
        out,
        "# {} error codes\n\n{}",
        one_line(&catalog.title),
        facts.join("\n")
    );
    if let Some(description) = &catalog.description {
        out.push_str("\n\n");
        out.push_str(description.trim());
    }
}

/// For a catalog with locales, the languages of the pages, each linked but this one's.
fn languages(out: &mut String, catalog: &Catalog, locale: Option<&str>) {
    let Some(locales) = &catalog.locales else {
        return;
    };
    let links: Vec<String> = locales
        .all()
        .enumerate()
        .map(|(index, l)| {
            let this = match locale {
                Some(tag) => tag == l.tag,
                None => index == 0,
            };
            let file = file_name(catalog, (index > 0).then_some(l.tag.as_str()));
            if this {
                format!("`{}` (this page)", l.tag)
            } else {
                format!("[`{}`]({file})", l.tag)
            }
        })
        .collect();
    let _ = write!(
        out,
        "\n\n**Languages of the messages:** {}. `{}` is the default; a client chooses with `Accept-Language`.",
        links.join(", "),
        locales.default.tag
    );
}

fn body_section(out: &mut String, catalog: &Catalog) {
    let envelope = &catalog.envelope;
    out.push_str("## Error body");
    if let Some(description) = &envelope.description {
        out.push_str("\n\n");
        out.push_str(description.trim());
    }
    let _ = write!(
        out,
        "\n\n`{}`, sent as `{}`. Fields with a catalog value are filled in from the code; the others are set by the API. {}",
        envelope.name,
        envelope.media_type,
        openness(envelope.closed)
    );
    if catalog.code_in == crate::model::CodeIn::Status {
        out.push_str(" The code of a response is its HTTP status: a body need not carry it.");
    }
    out.push_str("\n\n");
    table(
        out,
        &["Field", "Type", "Required", "Value", "Description"],
        envelope.fields.iter().map(|field| {
            let mut description = cell(field.description.as_deref().unwrap_or_default());
            if field.per_code {
                let carriers: Vec<String> = catalog
                    .codes
                    .iter()
                    .filter(|c| {
                        c.shape
                            .own
                            .iter()
                            .any(|&i| catalog.envelope.fields[i].wire_name == field.wire_name)
                    })
                    .map(|c| code_span(&c.value.to_string()))
                    .collect();
                description = format!("Only with code {}. {description}", carriers.join(", "));
            }
            let index = catalog
                .envelope
                .fields
                .iter()
                .position(|f| f.wire_name == field.wire_name)
                .unwrap_or_default();
            let leaving: Vec<String> = catalog
                .codes
                .iter()
                .filter(|c| !c.shape.required.contains(&index))
                .map(|c| code_span(&c.value.to_string()))
                .collect();
            let mut required = required(field);
            // Required by every code but those that say `optional:`.
            if !field.required && !field.per_code && leaving.len() < catalog.codes.len() {
                required = format!("yes, except with code {}", leaving.join(", "));
                if field.nullable {
                    required.push_str("; nullable");
                }
            }
            vec![
                code_span(&field.wire_name),
                type_name(catalog, &field.ty) + &constraints(field),
                required,
                binding(field),
                description.trim_end().to_owned(),
            ]
        }),
    );
    for schema in envelope.schemas.values() {
        let _ = write!(out, "\n\n### `{}`", schema.name);
        if let Some(description) = &schema.description {
            out.push_str("\n\n");
            out.push_str(description.trim());
        }
        out.push_str("\n\n");
        out.push_str(openness(schema.closed));
        out.push_str("\n\n");
        table(
            out,
            &["Field", "Type", "Required", "Description"],
            schema.fields.iter().map(|field| {
                vec![
                    code_span(&field.wire_name),
                    type_name(catalog, &field.ty) + &constraints(field),
                    required(field),
                    cell(field.description.as_deref().unwrap_or_default()),
                ]
            }),
        );
    }
    let example = catalog.errors().next().or_else(|| catalog.codes.first());
    if let Some(code) = example {
        let _ = write!(
            out,
            "\n\n### Example\n\nThe body sent for code `{}` ({}):\n\n```json\n{}```",
            code.value,
            one_line(&code.message),
            body::from_code(catalog, code).to_pretty()
        );
    }
}

fn codes_section(out: &mut String, catalog: &Catalog) {
    out.push_str("## Codes");
    if catalog.groups.is_empty() {
        out.push_str("\n\n");
        codes_table(out, catalog.codes.iter(), &catalog.envelope.fields);
        return;
    }
    // Codes bucketed by group in one pass, so the page costs the same per code however many
    // groups there are.
    let mut members: Vec<Vec<&Code>> = vec![Vec::new(); catalog.groups.len()];
    for code in &catalog.codes {
        if let Some(group) = code.group {
            members[group].push(code);
        }
    }
    for (group, members) in catalog.groups.iter().zip(members) {
        let _ = write!(out, "\n\n### {}\n\n", one_line(&group.title));
        let _ = match &group.members {
            GroupMembers::Range(lo, hi) => write!(out, "Codes {lo}–{hi}."),
            GroupMembers::Prefix(prefix) => {
                write!(out, "Codes starting with {}.", code_span(prefix))
            }
        };
        if let Some(description) = &group.description {
            out.push(' ');
            out.push_str(description.trim());
        }
        out.push_str("\n\n");
        if members.is_empty() {
            out.push_str("No codes yet.");
        } else {
            codes_table(out, members.into_iter(), &catalog.envelope.fields);
        }
    }
}

fn codes_table<'a>(out: &mut String, codes: impl Iterator<Item = &'a Code>, fields: &[Field]) {
    table(
        out,
        &["Code", "Name", "Status", "Message", "Description"],
        std::iter::empty(),
    );
    // A row per code, written straight into `out`: a catalog may hold a great many codes.
    let mut value = String::new();
    for code in codes {
        out.push_str("\n| ");
        value.clear();
        let _ = write!(value, "{}", code.value);
        write_code_span(out, &value);
        out.push_str(" | ");
        write_code_span(out, unraw(&code.variant));
        out.push_str(" | ");
        for (i, status) in code.statuses.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{status}");
        }
        if code.success {
            out.push_str(" (success)");
        }
        out.push_str(" | ");
        write_cell(out, &code.message);
        out.push_str(" | ");
        write_code_notes(out, code, fields);
        out.push_str(" |");
    }
}

/// The description cell of a code: deprecation first, then the description, the detail
/// template with its params, and the other names of the code.
fn write_code_notes(out: &mut String, code: &Code, fields: &[Field]) {
    let mut first = true;
    let mut note = |out: &mut String| {
        if !std::mem::take(&mut first) {
            out.push_str("<br><br>");
        }
    };
    if let Some(deprecated) = &code.deprecated {
        note(out);
        out.push_str("**Deprecated.** ");
        write_cell(out, deprecated);
    }
    if let Some(description) = &code.description {
        note(out);
        write_cell(out, description);
    }
    if let Some(template) = &code.detail {
        note(out);
        out.push_str("**Detail:** ");
        write_code_span(out, &template.text);
        for (i, param) in template.params.iter().enumerate() {
            out.push_str(if i == 0 { "; params: " } else { ", " });
            write_code_span(out, &param.name);
            let _ = write!(out, " ({})", param.ty.as_str());
        }
    }
    if !code.aliases.is_empty() {
        note(out);
        out.push_str("**Also named:** ");
        for (i, alias) in code.aliases.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            write_code_span(out, unraw(alias));
        }
    }
    if !code.shape.values.is_empty() {
        note(out);
        out.push_str("**Fixed:** ");
        for (i, (field, value)) in code.shape.values.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            write_code_span(out, &fields[*field].wire_name);
            out.push_str(" = ");
            write_code_span(out, crate::emit::body::scalar(value).to_pretty().trim_end());
        }
    }
}

/// What each code means over gRPC: its status code, its AIP-193 reason, and whether and
/// when a client may retry.
fn rpc_section(out: &mut String, catalog: &Catalog) {
    let _ = write!(
        out,
        "## Over gRPC\n\nA code is sent with its gRPC status code and a `google.rpc.ErrorInfo` with its reason, in the domain {}, whose metadata holds the params of its detail; a retryable code may be sent again (with a `RetryInfo`, and over HTTP a `Retry-After` header, when it gives a delay).\n\n",
        code_span(&catalog.domain)
    );
    table(
        out,
        &["Code", "gRPC code", "Reason", "Retry"],
        catalog.codes.iter().map(|code| {
            let rpc = &code.rpc;
            let retry = match (rpc.retryable, rpc.retry_after) {
                (true, Some(seconds)) => format!("yes, after {seconds} s"),
                (true, None) => "yes".to_owned(),
                (false, _) => "no".to_owned(),
            };
            vec![
                code_span(&code.value.to_string()),
                format!("{} ({})", code_span(rpc.grpc.name()), rpc.grpc.number()),
                code_span(&rpc.reason),
                retry,
            ]
        }),
    );
}

/// The codes retired with a tombstone, if any: reserved for good, so readers know why a
/// number is missing and what replaced it.
fn retired_section(out: &mut String, catalog: &Catalog) {
    if catalog.retired.is_empty() {
        return;
    }
    let rows = catalog.retired.iter().map(|retired| {
        vec![
            code_span(&retired.value.to_string()),
            cell(retired.message.as_deref().unwrap_or_default()),
            cell(&retired.reason),
        ]
    });
    out.push_str("## Retired codes\n\nThese codes are no longer sent and are never reused.\n\n");
    table(out, &["Code", "Meaning", "Why retired"], rows);
}

fn statuses_section(out: &mut String, catalog: &Catalog) {
    let mut statuses: BTreeMap<u16, Vec<&Code>> = catalog
        .statuses
        .keys()
        .map(|status| (*status, Vec::new()))
        .collect();
    for code in &catalog.codes {
        statuses.entry(code.status).or_default().push(code);
    }
    let rows = statuses.into_iter().map(|(status, codes)| {
        let meaning = match catalog.statuses.get(&status) {
            Some(text) => cell(text),
            None => http::describe(status),
        };
        let codes: Vec<String> = codes
            .iter()
            .map(|code| code_span(&code.value.to_string()))
            .collect();
        vec![
            status.to_string(),
            meaning,
            if codes.is_empty() {
                "—".to_owned()
            } else {
                codes.join(", ")
            },
        ]
    });
    out.push_str("## HTTP statuses\n\n");
    table(out, &["Status", "Meaning", "Codes"], rows);
}

/// A GitHub-flavoured Markdown table, without a newline after its last row.
fn table(out: &mut String, headings: &[&str], rows: impl Iterator<Item = Vec<String>>) {
    let _ = write!(
        out,
        "| {} |\n|{}",
        headings.join(" | "),
        "---|".repeat(headings.len())
    );
    for row in rows {
        out.push_str("\n|");
        for cell in row {
            out.push(' ');
            out.push_str(&cell);
            out.push_str(" |");
        }
    }
}

/// Text made safe for a table cell: `|` escaped, paragraphs joined with `<br><br>` and other
/// line breaks made spaces, since a table row is one line.
fn cell(text: &str) -> String {
    let mut out = String::new();
    write_cell(&mut out, text);
    out
}

/// [`cell`], written at the end of `out`.
fn write_cell(out: &mut String, text: &str) {
    let mut first = true;
    for paragraph in text.trim().split("\n\n") {
        let paragraph = one_line(paragraph);
        if paragraph.is_empty() {
            continue;
        }
        if !std::mem::take(&mut first) {
            out.push_str("<br><br>");
        }
        push_escaped(out, &paragraph);
    }
}

/// `text` with `|` escaped, at the end of `out`.
fn push_escaped(out: &mut String, text: &str) {
    for (i, part) in text.split('|').enumerate() {
        if i > 0 {
            out.push_str("\\|");
        }
        out.push_str(part);
    }
}

/// `text` as an inline code span that survives backticks inside it and sits in a table.
fn code_span(text: &str) -> String {
    let mut out = String::new();
    write_code_span(&mut out, text);
    out
}

/// `text` as an inline code span (see [`code_span`]), at the end of `out`.
fn write_code_span(out: &mut String, text: &str) {
    let text = one_line(text);
    let longest_run = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    let fence = |out: &mut String| {
        for _ in 0..=longest_run {
            out.push('`');
        }
    };
    fence(out);
    out.push_str(pad);
    push_escaped(out, &text);
    out.push_str(pad);
    fence(out);
}

fn type_name(catalog: &Catalog, ty: &FieldType) -> String {
    match ty {
        FieldType::Any => "any JSON value".to_owned(),
        FieldType::String | FieldType::Integer | FieldType::Number | FieldType::Boolean => {
            ty.keyword().unwrap_or_default().to_owned()
        }
        FieldType::Status => "integer".to_owned(),
        FieldType::Array(items) => format!("array of {}", type_name(catalog, items)),
        FieldType::Schema(name) => format!("`{name}`"),
        FieldType::Envelope => format!("`{}`", catalog.envelope.name),
        FieldType::Code => format!("{} (code)", catalog.repr.code_type()),
    }
}

/// Which catalog value a field carries, for the "Value" column.
fn binding(field: &Field) -> String {
    match field.from {
        None => "—".to_owned(),
        Some(Binding::Code) => "the code".to_owned(),
        Some(Binding::Message) => "the code's message".to_owned(),
        Some(Binding::Detail) => "the detail, else the message".to_owned(),
        Some(Binding::Status) => "the HTTP status".to_owned(),
        Some(Binding::Link) => "the code's documentation link".to_owned(),
        Some(Binding::TypeUri) => "the problem type (`about:blank` by default)".to_owned(),
    }
}

/// Whether an object may carry members the catalog does not list.
fn openness(closed: bool) -> &'static str {
    if closed {
        "Closed: it has no other members."
    } else {
        "Open: it may carry other members, which the generated Rust keeps."
    }
}

/// The Required cell: `yes`, `no`, with `, nullable` when `null` is allowed.
fn required(field: &Field) -> String {
    let mut text = yes_no(field.required);
    if field.nullable {
        text.push_str(", nullable");
    }
    text
}

/// A field's schema-only string constraints, after its type.
fn constraints(field: &Field) -> String {
    let mut text = String::new();
    if let Some(format) = &field.format {
        text.push_str(&format!(" ({format})"));
    }
    if let Some(min) = field.min_length {
        text.push_str(&format!(", at least {min} characters"));
    }
    text
}

fn yes_no(required: bool) -> String {
    if required { "yes" } else { "no" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_tables_intact() {
        assert_eq!(
            cell("a | b\nc\n\nnew paragraph\n"),
            "a \\| b c<br><br>new paragraph"
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("5000"), "`5000`");
        assert_eq!(
            code_span("Project `{slug}` was not found"),
            "``Project `{slug}` was not found``"
        );
        assert_eq!(code_span("`x`"), "`` `x` ``");
        assert_eq!(code_span("a|b"), "`a\\|b`");
    }
}
