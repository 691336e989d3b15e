//! The imported catalog as YAML text, in the catalog's own style (`catalog/README.md`,
//! "Style"): flow style for short fields, block style for codes, long text folded, and a
//! `# inferred: …` comment on every line the import guessed.

use std::fmt::Write as _;

/// A value with the reason it was inferred, if it was.
#[derive(Debug, Clone)]
pub(super) struct Noted<T> {
    pub(super) value: T,
    pub(super) note: Option<String>,
}

impl<T> Noted<T> {
    pub(super) fn given(value: T) -> Self {
        Noted { value, note: None }
    }

    pub(super) fn inferred(value: T, note: impl Into<String>) -> Self {
        Noted {
            value,
            note: Some(note.into()),
        }
    }
}

pub(super) struct Draft {
    /// Comment lines at the top, without `# `.
    pub(super) header: Vec<String>,
    pub(super) name: Noted<String>,
    pub(super) title: String,
    pub(super) version: Noted<String>,
    pub(super) code_type: Noted<&'static str>,
    /// `code_in: status`, when the status line carries the code.
    pub(super) code_in: Option<Noted<String>>,
    pub(super) statuses: Vec<(u16, Noted<String>)>,
    pub(super) envelope: DraftObject,
    pub(super) media_type: Noted<String>,
    pub(super) schemas: Vec<DraftObject>,
    pub(super) codes: Vec<DraftCode>,
}

pub(super) struct DraftObject {
    pub(super) name: Noted<String>,
    pub(super) description: Option<String>,
    /// Keys of constructs the format has learned (`closed: true`).
    pub(super) keys: Vec<(&'static str, String)>,
    pub(super) fields: Vec<DraftField>,
}

pub(super) struct DraftField {
    pub(super) name: String,
    pub(super) ty: String,
    pub(super) items: Option<String>,
    pub(super) from: Option<&'static str>,
    pub(super) required: bool,
    pub(super) description: Option<String>,
    pub(super) keys: Vec<(&'static str, String)>,
    pub(super) note: Option<String>,
}

pub(super) struct DraftCode {
    /// The code as YAML: `404`, or a slug scalar.
    pub(super) code: String,
    pub(super) name: Option<Noted<String>>,
    pub(super) message: Noted<String>,
    /// `404`, or a flow list once codes take several statuses.
    pub(super) status: Noted<String>,
    pub(super) description: Option<String>,
    /// `optional:`: required envelope fields its bodies may leave out.
    pub(super) optional: Vec<String>,
    /// `values:`: field name and value in YAML.
    pub(super) values: Vec<(String, String)>,
    /// `fields:`: fields only its bodies carry.
    pub(super) fields: Vec<DraftField>,
}

/// Lines no longer than this, where the text allows.
const WIDTH: usize = 100;

pub(super) fn render(draft: &Draft) -> String {
    let mut out = String::new();
    for line in &draft.header {
        out.push_str(format!("# {line}").trim_end());
        out.push('\n');
    }
    line(
        &mut out,
        0,
        "name",
        &scalar_inline(&draft.name.value),
        &draft.name.note,
    );
    keyed_text(&mut out, 0, "title", &draft.title);
    line(
        &mut out,
        0,
        "version",
        &quoted(&draft.version.value),
        &draft.version.note,
    );
    line(
        &mut out,
        0,
        "code_type",
        draft.code_type.value,
        &draft.code_type.note,
    );
    if let Some(code_in) = &draft.code_in {
        line(&mut out, 0, "code_in", &code_in.value, &code_in.note);
    }
    if !draft.statuses.is_empty() {
        out.push_str("\nstatuses:\n");
        for (status, text) in &draft.statuses {
            let key = status.to_string();
            match &text.note {
                Some(_) => line(&mut out, 2, &key, &scalar_inline(&text.value), &text.note),
                None => keyed_text(&mut out, 2, &key, &text.value),
            }
        }
    }
    out.push_str("\nenvelope:\n");
    let envelope = &draft.envelope;
    line(
        &mut out,
        2,
        "name",
        &envelope.name.value,
        &envelope.name.note,
    );
    line(
        &mut out,
        2,
        "media_type",
        &scalar_inline(&draft.media_type.value),
        &draft.media_type.note,
    );
    object_body(&mut out, 2, envelope);
    if !draft.schemas.is_empty() {
        out.push_str("  schemas:\n");
        for schema in &draft.schemas {
            line(&mut out, 4, &schema.name.value, "", &schema.name.note);
            object_body(&mut out, 6, schema);
        }
    }
    out.push_str("\ncodes:\n");
    for (index, code) in draft.codes.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&format!("  - code: {}\n", code.code));
        if let Some(name) = &code.name {
            line(&mut out, 4, "name", &name.value, &name.note);
        }
        match &code.message.note {
            Some(_) => line(
                &mut out,
                4,
                "message",
                &scalar_inline(&code.message.value),
                &code.message.note,
            ),
            None => keyed_text(&mut out, 4, "message", &code.message.value),
        }
        line(&mut out, 4, "status", &code.status.value, &code.status.note);
        if let Some(description) = &code.description {
            keyed_text(&mut out, 4, "description", description);
        }
        if !code.optional.is_empty() {
            let names: Vec<String> = code.optional.iter().map(|n| scalar_inline(n)).collect();
            line(
                &mut out,
                4,
                "optional",
                &format!("[{}]", names.join(", ")),
                &None,
            );
        }
        if !code.values.is_empty() {
            let pairs: Vec<String> = code
                .values
                .iter()
                .map(|(name, value)| format!("{}: {value}", scalar_inline(name)))
                .collect();
            line(
                &mut out,
                4,
                "values",
                &format!("{{ {} }}", pairs.join(", ")),
                &None,
            );
        }
        if !code.fields.is_empty() {
            out.push_str("    fields:\n");
            for field in &code.fields {
                field_entry(&mut out, 6, field);
            }
        }
    }
    out
}

fn object_body(out: &mut String, indent: usize, object: &DraftObject) {
    if let Some(description) = &object.description {
        keyed_text(out, indent, "description", description);
    }
    for (key, value) in &object.keys {
        line(out, indent, key, value, &None);
    }
    let pad = " ".repeat(indent);
    if object.fields.is_empty() {
        out.push_str(&format!("{pad}fields: []\n"));
        return;
    }
    out.push_str(&format!("{pad}fields:\n"));
    for field in &object.fields {
        field_entry(out, indent + 2, field);
    }
}

fn field_entry(out: &mut String, indent: usize, field: &DraftField) {
    let mut keys = vec![
        ("name", scalar_inline(&field.name)),
        ("type", scalar_inline(&field.ty)),
    ];
    if let Some(items) = &field.items {
        keys.push(("items", scalar_inline(items)));
    }
    if let Some(from) = field.from {
        keys.push(("from", from.to_owned()));
    }
    if field.required {
        keys.push(("required", "true".to_owned()));
    }
    keys.extend(field.keys.iter().map(|(k, v)| (*k, v.clone())));
    let pad = " ".repeat(indent);
    let mut flow: Vec<String> = keys.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    let description = field.description.as_deref();
    if let Some(description) = description.filter(|d| !d.contains('\n')) {
        flow.push(format!("description: {}", scalar_inline(description)));
    }
    let flow_line = format!("{pad}- {{ {} }}", flow.join(", "));
    if flow_line.chars().count() <= WIDTH && description.is_none_or(|d| !d.contains('\n')) {
        out.push_str(&flow_line);
        comment(out, &field.note);
        return;
    }
    for (index, (key, value)) in keys.iter().enumerate() {
        let lead = if index == 0 { "- " } else { "  " };
        out.push_str(&format!("{pad}{lead}{key}: {value}"));
        if index == 0 {
            comment(out, &field.note);
        } else {
            out.push('\n');
        }
    }
    if let Some(description) = description {
        keyed_text(out, indent + 2, "description", description);
    }
}

/// `key: value  # inferred: note`.
fn line(out: &mut String, indent: usize, key: &str, value: &str, note: &Option<String>) {
    let pad = " ".repeat(indent);
    let sep = if value.is_empty() { "" } else { " " };
    out.push_str(&format!("{pad}{key}:{sep}{value}"));
    comment(out, note);
}

fn comment(out: &mut String, note: &Option<String>) {
    if let Some(note) = note {
        let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = write!(out, "  # inferred: {note}");
    }
    out.push('\n');
}

/// `key: text`, with long or multi-line text as a block scalar under the key.
fn keyed_text(out: &mut String, indent: usize, key: &str, text: &str) {
    let pad = " ".repeat(indent);
    let inline = scalar_inline(text);
    if !text.contains('\n') && indent + key.len() + 2 + inline.chars().count() <= WIDTH {
        out.push_str(&format!("{pad}{key}: {inline}\n"));
        return;
    }
    let inner = " ".repeat(indent + 2);
    if text.contains('\n') && literal_safe(text) {
        out.push_str(&format!("{pad}{key}: |-\n"));
        for text_line in text.lines() {
            if text_line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("{inner}{text_line}\n"));
            }
        }
    } else if !text.contains('\n') && folded_safe(text) {
        out.push_str(&format!("{pad}{key}: >-\n"));
        for text_line in fold(text, WIDTH - indent - 2) {
            out.push_str(&format!("{inner}{text_line}\n"));
        }
    } else {
        out.push_str(&format!("{pad}{key}: {}\n", quoted(text)));
    }
}

/// Text a literal block scalar (`|-`) reads back exactly: printable, no line starting or
/// ending with white space that YAML would take for indentation or strip.
fn literal_safe(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default();
    !text.is_empty()
        && !first.starts_with([' ', '\t'])
        && !text.ends_with('\n')
        && text.chars().all(|c| c == '\n' || !needs_escape(c))
        && text.lines().all(|l| !l.ends_with([' ', '\t']))
}

/// Text a folded block scalar (`>-`) of [`fold`]ed lines reads back exactly.
fn folded_safe(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with([' ', '\t'])
        && !text.ends_with([' ', '\t'])
        && text.chars().all(|c| !needs_escape(c) && c != '\t')
}

/// `text` split into lines of at most `width` characters where it can be, at single spaces
/// between words: YAML folds each such break back into one space.
fn fold(text: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_break = None;
    let mut i = 0;
    while i < chars.len() {
        let breakable =
            chars[i] == ' ' && i > start && chars[i - 1] != ' ' && chars.get(i + 1) != Some(&' ');
        if breakable {
            if i - start > width {
                if let Some(at) = last_break {
                    lines.push(chars[start..at].iter().collect());
                    start = at + 1;
                    last_break = None;
                    continue;
                }
            }
            last_break = Some(i);
        }
        i += 1;
    }
    if chars.len() - start > width {
        if let Some(at) = last_break {
            lines.push(chars[start..at].iter().collect());
            start = at + 1;
        }
    }
    lines.push(chars[start..].iter().collect());
    lines
}

/// A one-line scalar: plain when YAML reads it back as the same string in block and flow
/// context, double-quoted otherwise.
pub(super) fn scalar_inline(text: &str) -> String {
    if plain_safe(text) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let reserved = [
        "null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
    ];
    let allowed = |c: char| c.is_alphanumeric() || " _-./()!?'+".contains(c);
    text.chars().all(allowed)
        && (first.is_alphabetic() || first == '_' || first == '/' || first == '(')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !reserved.contains(&text.to_ascii_lowercase().as_str())
        && !text.starts_with(".inf")
        && !text.starts_with(".nan")
}

/// A double-quoted scalar.
pub(super) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters YAML does not allow as they are, or changes (line breaks it normalizes).
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        for indent in [0, 4] {
            let mut out = String::new();
            keyed_text(&mut out, indent, "k", text);
            let value: serde_yaml::Value =
                serde_yaml::from_str(&format!("{}{}", if indent > 0 { "m:\n" } else { "" }, out))
                    .unwrap_or_else(|e| panic!("{text:?} → {out}: {e}"));
            let value = if indent > 0 { &value["m"] } else { &value };
            assert_eq!(value["k"].as_str(), Some(text), "{out}");
        }
        let flow = format!("{{ k: {} }}", scalar_inline(text));
        let value: serde_yaml::Value = serde_yaml::from_str(&flow).unwrap();
        assert_eq!(value["k"].as_str(), Some(text), "{flow}");
    }

    #[test]
    fn text_reads_back_as_written() {
        for text in [
            "Not Found",
            "yes",
            "404",
            "1.0",
            "- dash",
            "a: b",
            "a #b",
            "{x}",
            "`Report` not found",
            "it's",
            "'quoted'",
            "\"dq\"",
            "tab\there",
            "trailing ",
            " leading",
            "two  spaces",
            "line\nbreak",
            "para\n\nnext",
            "line\n  indented",
            "ends with newline\n",
            "ümlaut",
            "bell\u{7}",
            "~",
            "null",
            ".inf",
            &"word ".repeat(60),
            &format!("{} tail", "x".repeat(150)),
            &"a  b ".repeat(40),
        ] {
            round_trip(text.trim_end_matches(' ').trim_end_matches("a  b"));
            round_trip(text);
        }
    }

    #[test]
    fn long_text_is_folded_at_spaces() {
        let lines = fold("word ".repeat(40).trim_end(), 20);
        assert!(lines.iter().all(|l| l.len() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), "word ".repeat(40).trim_end());
    }
}
