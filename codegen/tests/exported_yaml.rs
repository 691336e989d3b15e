//! The form each string takes in the exported OpenAPI YAML: a literal block only where
//! every YAML reader reads it back exactly, a double-quoted string with escapes otherwise,
//! and a key after `?` where it is too long for an implicit key.
//!
//! That the documents read back as their JSON twins in PyYAML and the npm `yaml` package
//! too is checked by `tests/yaml-parsers`, over the documents the fuzz test writes.

use errcat_codegen::openapi::{Format, generate};
use errcat_codegen::parse;

/// A catalog with one code of description `description`, and envelope media type
/// `media_type`.
fn catalog_yaml(media_type: &str, description: &str) -> String {
    format!(
        r#"name: forms
title: Forms
version: "1"
code_type: string
envelope:
  name: Problem
  media_type: {}
  fields:
    - {{ name: code, type: string, from: code, required: true }}
codes:
  - {{ code: the-code, message: The message, status: 400, description: {} }}
"#,
        quoted(media_type),
        quoted(description),
    )
}

/// A YAML double-quoted string holding `text`, every character past printable ASCII escaped.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if u32::from(c) > 0xFFFF => out.push_str(&format!("\\U{:08x}", u32::from(c))),
            c => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// The OpenAPI YAML of `catalog_yaml(media_type, description)`, checked to read back, in
/// libyaml, as its JSON twin.
fn exported(media_type: &str, description: &str) -> String {
    let catalog = parse("forms.yaml", &catalog_yaml(media_type, description))
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let catalogs = std::slice::from_ref(&catalog);
    let yaml = generate(catalogs, Format::Yaml).unwrap();
    let json = generate(catalogs, Format::Json).unwrap();
    let from_yaml: serde_json::Value =
        serde_yaml::from_str(&yaml).unwrap_or_else(|error| panic!("{error}\n{yaml}"));
    let from_json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(from_yaml, from_json, "{yaml}");
    yaml
}

/// How the example's `description:` is written: the rest of its line, and the lines of a
/// block after it.
fn description_form(yaml: &str) -> String {
    let mut lines = yaml.lines().skip_while(|line| !line.contains("examples:"));
    let line = lines
        .find(|line| line.trim_start().starts_with("description: "))
        .expect("the example has a description");
    let indent = line.len() - line.trim_start().len();
    let mut form = line.trim_start()["description: ".len()..].to_owned();
    for line in lines {
        if !line.is_empty() && line.len() - line.trim_start().len() <= indent {
            break;
        }
        form.push('\n');
        form.push_str(line.get(indent + 2..).unwrap_or(""));
    }
    form
}

#[test]
fn a_description_that_starts_with_a_tab_is_double_quoted() {
    // Fuzz case 825042 of seed 20261201: written as a block, libyaml refused the document.
    let yaml = exported(
        "application/json",
        "\tThe card issuer said no.\n\nTry another card.",
    );
    assert_eq!(
        description_form(&yaml),
        r#""\tThe card issuer said no.\n\nTry another card.""#
    );
}

#[test]
fn text_is_a_literal_block_only_where_every_reader_reads_it_back() {
    let block = [
        ("one\ntwo", "|-\none\ntwo"),
        ("one\n\ntwo\n", "|\none\n\ntwo"),
        (
            "Example:\n\n    let x = 1;\n  back",
            "|-\nExample:\n\n    let x = 1;\n  back",
        ),
        (
            "# not a comment\n- not an item",
            "|-\n# not a comment\n- not an item",
        ),
        ("---\n...", "|-\n---\n..."),
        ("\u{a0}no-break space\nx", "|-\n\u{a0}no-break space\nx"),
    ];
    for (text, form) in block {
        assert_eq!(
            description_form(&exported("application/json", text)),
            form,
            "{text:?}"
        );
    }
    let quoted = [
        ("\tstarts with a tab\nx", r#""\tstarts with a tab\nx""#),
        ("a tab\n\tlater", r#""a tab\n\tlater""#),
        (" starts with a space\nx", r#"" starts with a space\nx""#),
        ("\nstarts with a break", r#""\nstarts with a break""#),
        ("\n", r#""\n""#),
        ("a trailing space \nx", r#""a trailing space \nx""#),
        ("a line of spaces\n   \nx", r#""a line of spaces\n   \nx""#),
        ("ends with a space\n ", r#""ends with a space\n ""#),
        ("carriage\rreturn\nx", r#""carriage\rreturn\nx""#),
        ("crlf\r\nx", r#""crlf\r\nx""#),
        ("next\u{85}line\nx", r#""next\u0085line\nx""#),
        ("line\u{2028}separator\nx", r#""line\u2028separator\nx""#),
        (
            "paragraph\u{2029}separator\nx",
            r#""paragraph\u2029separator\nx""#,
        ),
        (
            "\u{feff}byte order mark\nx",
            r#""\ufeffbyte order mark\nx""#,
        ),
        ("nul\0\nx", r#""nul\u0000\nx""#),
        ("escape\u{1b}\nx", r#""escape\u001b\nx""#),
        ("delete\u{7f}\nx", r#""delete\u007f\nx""#),
        ("c1\u{9f}\nx", r#""c1\u009f\nx""#),
        ("nonchar\u{fffe}\nx", r#""nonchar\ufffe\nx""#),
    ];
    for (text, form) in quoted {
        assert_eq!(
            description_form(&exported("application/json", text)),
            form,
            "{text:?}"
        );
    }
}

#[test]
fn a_key_too_long_for_an_implicit_key_follows_a_question_mark() {
    let long = format!("application/json; profile={}", "a".repeat(1100));
    let yaml = exported(&long, "Text.");
    let key = yaml
        .lines()
        .find(|line| line.trim_start().starts_with("? "))
        .expect("an explicit key");
    assert_eq!(key.trim_start(), format!("? \"{long}\""));
    // Its value follows on the next line, after `:` at the key's indentation.
    let after = yaml.split(key).nth(1).unwrap();
    let indent = key.len() - key.trim_start().len();
    assert!(
        after.starts_with(&format!("\n{}:\n", " ".repeat(indent))),
        "{after:.80}"
    );
    // A short one stays an implicit key.
    let yaml = exported("application/json; charset=utf-8", "Text.");
    assert!(
        yaml.contains("\"application/json; charset=utf-8\":\n"),
        "{yaml}"
    );
}
