//! Compatibility between two versions of a catalog: the changes `errcat diff` reports.
//!
//! Two validated catalogs are compared item by item. Every difference becomes a [`Change`],
//! classed [`Class::Breaking`] when a client on the wire, or Rust code using the generated
//! API, may stop working, and [`Class::Compatible`] otherwise. Each change names its
//! [`Rule`] (a stable kebab-case id), the code it is about and the catalog key that changed,
//! so people read one line per change and machines filter on the rule.
//!
//! Codes are matched across versions by their value. A code whose value is gone is matched
//! to a new code that kept one of its Rust names: that is a renumbering, not a removal and
//! an addition. Envelope fields are matched by wire name, groups and schemas by name; a
//! removed item and an added one in the same place with the same shape are a rename.
//!
//! The classes follow one policy, documented rule by rule in `catalog/README.md`: what a
//! deployed client sees on the wire, or what code written against the old generated API
//! calls, must keep its meaning. Retiring a code with a tombstone (`removed:`) is the
//! sanctioned way to take a code out and is compatible, although its variant leaves the
//! enum: the code is deprecated first, so Rust users have been warned.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::ident::unraw;
use crate::model::{
    Binding, Catalog, Code, CodeRepr, CodeValue, Field, FieldType, GroupMembers, Param, Retired,
};

/// Whether a change can break clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// A client on the wire, or Rust code using the generated API, may stop working.
    Breaking,
    /// Every existing client keeps working.
    Compatible,
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::Breaking => "breaking",
            Class::Compatible => "compatible",
        })
    }
}

/// What kind of change was found. Serialized as its kebab-case name (`status-changed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Rule {
    /// The catalog's `name` (the generated module and file) changed.
    CatalogRenamed,
    /// The code enum's name changed.
    TypeRenamed,
    /// `code_type` changed between `integer` and `string`.
    CodeTypeChanged,
    /// The Rust type of codes changed between `u32` and `i64`.
    CodeReprChanged,
    /// Documentation only: titles, descriptions, version, `statuses`, deprecation notes,
    /// tombstone texts.
    DocsChanged,
    /// A code was added.
    CodeAdded,
    /// A code was deleted without a tombstone.
    CodeRemoved,
    /// A code kept its Rust name but got a new number or slug.
    CodeRenumbered,
    /// A code was retired with a tombstone.
    CodeRetired,
    /// A tombstone reserves a code the old catalog did not have.
    CodeReserved,
    /// A retired code is a code again.
    CodeReused,
    /// A tombstone was deleted, so its code is no longer reserved.
    TombstoneRemoved,
    /// A code's HTTP status changed.
    StatusChanged,
    /// A code changed between success and error.
    KindChanged,
    /// A Rust name of a code (its variant or an alias) is gone.
    NameRemoved,
    /// A code gained an alias.
    NameAdded,
    /// A code's variant was renamed, its old name kept as an alias.
    VariantRenamed,
    /// A code's envelope constructor is gone or renamed.
    ConstructorRemoved,
    /// A code gained a `detail` template, and with it a constructor.
    ConstructorAdded,
    /// A template param was added: the constructor takes a new argument.
    ParamAdded,
    /// A template param was removed.
    ParamRemoved,
    /// A template param was renamed.
    ParamRenamed,
    /// A template param changed type.
    ParamRetyped,
    /// A template param moved to another argument position.
    ParamReordered,
    /// A `detail` template was reworded, with the same params.
    DetailChanged,
    /// A code's message was reworded.
    MessageChanged,
    /// A code's description was added, removed or reworded.
    DescriptionChanged,
    /// A code was deprecated.
    CodeDeprecated,
    /// A code's deprecation was withdrawn.
    CodeUndeprecated,
    /// A code's documentation link changed.
    LinkChanged,
    /// A code's problem type URI changed.
    TypeUriChanged,
    /// A group was added.
    GroupAdded,
    /// A group was removed.
    GroupRemoved,
    /// A group was renamed.
    GroupRenamed,
    /// A group's range or prefix changed so that a code left it.
    GroupNarrowed,
    /// A group's range or prefix changed, and every code stayed in it.
    GroupResized,
    /// The envelope type was renamed.
    EnvelopeRenamed,
    /// The envelope's media type changed.
    MediaTypeChanged,
    /// An optional field was added.
    FieldAdded,
    /// A required field was added.
    FieldAddedRequired,
    /// A field was removed.
    FieldRemoved,
    /// A field was renamed.
    FieldRenamed,
    /// A field changed type.
    FieldRetyped,
    /// An optional field became required.
    FieldMadeRequired,
    /// A required field became optional.
    FieldMadeOptional,
    /// A field was bound `from:` a catalog value it was not bound to before.
    FieldBound,
    /// A field's `from:` binding was removed or changed.
    FieldBindingChanged,
    /// A schema was added.
    SchemaAdded,
    /// A schema was removed.
    SchemaRemoved,
}

/// One difference between two versions of a catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub class: Class,
    pub rule: Rule,
    /// The code the change is about (as it was in the old catalog, when it had it); `None`
    /// for changes to the catalog, its groups or its envelope.
    #[serde(serialize_with = "code_as_json")]
    pub code: Option<CodeValue>,
    /// The catalog key that changed, as a path into the format: `status`, `params.slug`,
    /// `envelope.fields.message.type`, `groups.oauth.range`.
    pub field: String,
    /// The value before the change, when there is one to show.
    pub old: Option<String>,
    /// The value after the change, when there is one to show.
    pub new: Option<String>,
    /// One line for people, naming the code (or other item) and the key.
    pub message: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.class, self.message)
    }
}

/// Codes keep their wire type in JSON: a number for integer catalogs, a string for slugs.
fn code_as_json<S: Serializer>(code: &Option<CodeValue>, serializer: S) -> Result<S::Ok, S::Error> {
    match code {
        None => serializer.serialize_none(),
        Some(CodeValue::Int(value)) => serializer.serialize_i64(*value),
        Some(CodeValue::Str(slug)) => serializer.serialize_str(slug),
    }
}

/// Every change between two versions of one catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The catalog's name (the new one, if it was renamed).
    pub catalog: String,
    pub old_version: String,
    pub new_version: String,
    /// Catalog-wide changes first, then groups, the envelope, codes in catalog order, and
    /// tombstones.
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether any change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.count(Class::Breaking) > 0
    }

    /// How many changes are of `class`.
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }
}

/// The text `errcat diff` prints: one line per change, then a summary line.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        write!(
            f,
            "{} {} → {}: ",
            self.catalog, self.old_version, self.new_version
        )?;
        if self.changes.is_empty() {
            f.write_str("no changes")
        } else {
            write!(
                f,
                "{} breaking, {} compatible",
                self.count(Class::Breaking),
                self.count(Class::Compatible)
            )
        }
    }
}

/// The JSON `errcat diff --format json` prints:
/// `{catalog, old_version, new_version, breaking, compatible, changes: [Change]}`.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut report = serializer.serialize_struct("Report", 6)?;
        report.serialize_field("catalog", &self.catalog)?;
        report.serialize_field("old_version", &self.old_version)?;
        report.serialize_field("new_version", &self.new_version)?;
        report.serialize_field("breaking", &self.count(Class::Breaking))?;
        report.serialize_field("compatible", &self.count(Class::Compatible))?;
        report.serialize_field("changes", &self.changes)?;
        report.end()
    }
}

/// Compares two versions of a catalog.
pub fn diff(old: &Catalog, new: &Catalog) -> Report {
    let mut differ = Differ {
        old,
        new,
        changes: Vec::new(),
    };
    differ.catalog();
    differ.groups();
    differ.envelope();
    differ.codes();
    differ.tombstones();
    Report {
        catalog: new.name.clone(),
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        changes: differ.changes,
    }
}

struct Differ<'a> {
    old: &'a Catalog,
    new: &'a Catalog,
    changes: Vec<Change>,
}

/// `code 5000 (ProjectNotFound)`: how a line names a code.
fn label(code: &Code) -> String {
    format!("code {} ({})", code.value.quoted(), unraw(&code.variant))
}

/// Both values differ: `Some((old, new))`.
fn changed<'v, T: PartialEq + ?Sized>(old: &'v T, new: &'v T) -> Option<(&'v T, &'v T)> {
    (old != new).then_some((old, new))
}

impl Differ<'_> {
    /// Records a change and returns it, so that the values can be attached.
    fn add(
        &mut self,
        class: Class,
        rule: Rule,
        code: Option<&CodeValue>,
        field: impl Into<String>,
        message: String,
    ) -> &mut Change {
        let index = self.changes.len();
        self.changes.push(Change {
            class,
            rule,
            code: code.cloned(),
            field: field.into(),
            old: None,
            new: None,
            message,
        });
        &mut self.changes[index]
    }

    /// A documentation-only change of a short text, with both values shown.
    fn text(&mut self, code: Option<&CodeValue>, subject: &str, field: &str, old: &str, new: &str) {
        if old != new {
            let message = format!("{subject} `{field}`: {old:?} → {new:?}");
            self.add(Class::Compatible, Rule::DocsChanged, code, field, message)
                .values(old, new);
        }
    }

    /// A documentation-only change of a long, optional text: only whether it changed.
    fn prose(
        &mut self,
        rule: Rule,
        code: Option<&CodeValue>,
        subject: &str,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) {
        let what = match (old, new) {
            (None, Some(_)) => "added",
            (Some(_), None) => "removed",
            (Some(a), Some(b)) if a != b => "reworded",
            _ => return,
        };
        let message = format!("{subject} `{field}` {what}");
        self.add(Class::Compatible, rule, code, field, message);
    }

    fn catalog(&mut self) {
        let (old, new) = (self.old, self.new);
        if let Some((a, b)) = changed(&old.name, &new.name) {
            let message =
                format!("catalog `name`: `{a}` → `{b}`; the generated module and file are renamed");
            self.add(Class::Breaking, Rule::CatalogRenamed, None, "name", message)
                .values(a, b);
        }
        if let Some((a, b)) = changed(&old.types.code, &new.types.code) {
            let message = format!("code enum `type_name`: `{a}` → `{b}`");
            self.add(
                Class::Breaking,
                Rule::TypeRenamed,
                None,
                "type_name",
                message,
            )
            .values(a, b);
        }
        let code_type = |repr| match repr {
            CodeRepr::Str => "string",
            CodeRepr::U32 | CodeRepr::I64 => "integer",
        };
        let rust_type = |repr| match repr {
            CodeRepr::Str => "&str",
            CodeRepr::U32 => "u32",
            CodeRepr::I64 => "i64",
        };
        if let Some((a, b)) = changed(code_type(old.repr), code_type(new.repr)) {
            let message = format!("catalog `code_type`: {a} → {b}; every code changes on the wire");
            self.add(
                Class::Breaking,
                Rule::CodeTypeChanged,
                None,
                "code_type",
                message,
            )
            .values(a, b);
        } else if let Some((a, b)) = changed(rust_type(old.repr), rust_type(new.repr)) {
            let message = format!(
                "catalog `codes`: the Rust type of a code changes from `{a}` to `{b}` (a code no longer fits, or fits again, in `u32`)"
            );
            self.add(
                Class::Breaking,
                Rule::CodeReprChanged,
                None,
                "codes",
                message,
            )
            .values(a, b);
        }
        self.text(None, "catalog", "title", &old.title, &new.title);
        self.text(None, "catalog", "version", &old.version, &new.version);
        let docs_url = |c: &Catalog| c.docs_url.clone().unwrap_or_default();
        self.text(None, "catalog", "docs_url", &docs_url(old), &docs_url(new));
        self.prose(
            Rule::DocsChanged,
            None,
            "catalog",
            "description",
            old.description.as_deref(),
            new.description.as_deref(),
        );
        let statuses: BTreeSet<u16> = old
            .statuses
            .keys()
            .chain(new.statuses.keys())
            .copied()
            .collect();
        for status in statuses {
            self.prose(
                Rule::DocsChanged,
                None,
                "catalog",
                &format!("statuses.{status}"),
                old.statuses.get(&status).map(String::as_str),
                new.statuses.get(&status).map(String::as_str),
            );
        }
    }

    fn groups(&mut self) {
        let (old, new) = (self.old, self.new);
        let new_by_name: BTreeMap<&str, _> =
            new.groups.iter().map(|g| (g.name.as_str(), g)).collect();
        let old_names: BTreeSet<&str> = old.groups.iter().map(|g| g.name.as_str()).collect();
        let mut renamed_to = BTreeSet::new();
        for group in &old.groups {
            let subject = format!("group `{}`", group.name);
            let Some(now) = new_by_name.get(group.name.as_str()) else {
                // Same members under a new name is a rename; either way the variant is gone.
                let rename = new.groups.iter().find(|g| {
                    g.members == group.members
                        && !old_names.contains(g.name.as_str())
                        && !renamed_to.contains(g.name.as_str())
                });
                let field = format!("groups.{}", group.name);
                match rename {
                    Some(to) => {
                        renamed_to.insert(to.name.as_str());
                        let message = format!(
                            "{subject} `name`: renamed to `{}`; `{}::{}` is gone",
                            to.name,
                            old.types.group,
                            unraw(&group.variant)
                        );
                        self.add(Class::Breaking, Rule::GroupRenamed, None, field, message)
                            .values(&group.name, &to.name);
                    }
                    None => {
                        let message = format!(
                            "{subject} removed; `{}::{}` is gone",
                            old.types.group,
                            unraw(&group.variant)
                        );
                        self.add(Class::Breaking, Rule::GroupRemoved, None, field, message);
                    }
                }
                continue;
            };
            if group.members != now.members {
                let (key, a, b) = (
                    members_key(&group.members),
                    members(&group.members),
                    members(&now.members),
                );
                let field = format!("groups.{}.{key}", group.name);
                let leaving = self.codes_leaving(&group.name);
                if leaving.is_empty() {
                    let message = format!("{subject} `{key}`: {a} → {b}; every code stays in it");
                    self.add(Class::Compatible, Rule::GroupResized, None, field, message)
                        .values(&a, &b);
                } else {
                    let many = leaving.len() > 1;
                    let message = format!(
                        "{subject} `{key}`: {a} → {b}; {} {} {} the group",
                        if many { "codes" } else { "code" },
                        leaving.join(", "),
                        if many { "leave" } else { "leaves" }
                    );
                    self.add(Class::Breaking, Rule::GroupNarrowed, None, field, message)
                        .values(&a, &b);
                }
            }
            self.text(
                None,
                &subject,
                &format!("groups.{}.title", group.name),
                &group.title,
                &now.title,
            );
            self.prose(
                Rule::DocsChanged,
                None,
                &subject,
                &format!("groups.{}.description", group.name),
                group.description.as_deref(),
                now.description.as_deref(),
            );
        }
        for group in &new.groups {
            if !old_names.contains(group.name.as_str()) && !renamed_to.contains(group.name.as_str())
            {
                let message = format!("group `{}` added", group.name);
                self.add(
                    Class::Compatible,
                    Rule::GroupAdded,
                    None,
                    format!("groups.{}", group.name),
                    message,
                );
            }
        }
    }

    /// The old codes of group `name` that are still codes but no longer in that group.
    fn codes_leaving(&self, name: &str) -> Vec<String> {
        let group_name = |catalog: &Catalog, code: &Code| {
            code.group.map(|index| catalog.groups[index].name.clone())
        };
        self.old
            .codes
            .iter()
            .filter(|code| group_name(self.old, code).as_deref() == Some(name))
            .filter_map(|code| {
                let now = self.new.codes.iter().find(|c| c.value == code.value)?;
                (group_name(self.new, now).as_deref() != Some(name)).then(|| code.value.quoted())
            })
            .collect()
    }

    fn envelope(&mut self) {
        let (old, new) = (&self.old.envelope, &self.new.envelope);
        let subject = format!("envelope `{}`", old.name);
        if let Some((a, b)) = changed(&old.name, &new.name) {
            let message = format!("{subject} `name`: `{a}` → `{b}`");
            self.add(
                Class::Breaking,
                Rule::EnvelopeRenamed,
                None,
                "envelope.name",
                message,
            )
            .values(a, b);
        }
        if let Some((a, b)) = changed(&old.media_type, &new.media_type) {
            let message = format!("{subject} `media_type`: {a} → {b}");
            self.add(
                Class::Breaking,
                Rule::MediaTypeChanged,
                None,
                "envelope.media_type",
                message,
            )
            .values(a, b);
        }
        self.prose(
            Rule::DocsChanged,
            None,
            &subject,
            "envelope.description",
            old.description.as_deref(),
            new.description.as_deref(),
        );
        self.fields(&old.fields, &new.fields, "envelope.fields");
        for (name, schema) in &old.schemas {
            let field = format!("envelope.schemas.{name}");
            let Some(now) = new.schemas.get(name) else {
                let message = format!("schema `{name}` removed");
                self.add(Class::Breaking, Rule::SchemaRemoved, None, field, message);
                continue;
            };
            self.prose(
                Rule::DocsChanged,
                None,
                &format!("schema `{name}`"),
                &format!("{field}.description"),
                schema.description.as_deref(),
                now.description.as_deref(),
            );
            self.fields(&schema.fields, &now.fields, &format!("{field}.fields"));
        }
        for name in new
            .schemas
            .keys()
            .filter(|name| !old.schemas.contains_key(*name))
        {
            let message = format!("schema `{name}` added");
            self.add(
                Class::Compatible,
                Rule::SchemaAdded,
                None,
                format!("envelope.schemas.{name}"),
                message,
            );
        }
    }

    /// The fields of the envelope or of one schema, `path` naming their list.
    fn fields(&mut self, old: &[Field], new: &[Field], path: &str) {
        let find = |fields: &[Field], name: &str| fields.iter().position(|f| f.wire_name == name);
        let mut renamed_to = BTreeSet::new();
        for (index, field) in old.iter().enumerate() {
            let at = format!("{path}.{}", field.wire_name);
            let subject = format!("field `{}`", field.wire_name);
            let Some(now) = find(new, &field.wire_name).map(|i| &new[i]) else {
                // A new field in the same place with the same shape is this one, renamed.
                let rename = new.get(index).filter(|f| {
                    find(old, &f.wire_name).is_none()
                        && f.ty == field.ty
                        && f.required == field.required
                        && f.from == field.from
                });
                match rename {
                    Some(to) => {
                        renamed_to.insert(index);
                        let message = format!("{subject} (`{at}`) renamed to `{}`", to.wire_name);
                        self.add(Class::Breaking, Rule::FieldRenamed, None, at, message)
                            .values(&field.wire_name, &to.wire_name);
                    }
                    None => {
                        let message = format!("{subject} (`{at}`) removed");
                        self.add(Class::Breaking, Rule::FieldRemoved, None, at, message);
                    }
                }
                continue;
            };
            let (a, b) = (
                self.type_name(self.old, &field.ty, field.boxed),
                self.type_name(self.new, &now.ty, now.boxed),
            );
            if field.ty != now.ty || field.boxed != now.boxed {
                let message = format!("{subject} `{at}.type`: {a} → {b}");
                self.add(
                    Class::Breaking,
                    Rule::FieldRetyped,
                    None,
                    format!("{at}.type"),
                    message,
                )
                .values(&a, &b);
            }
            match (field.required, now.required) {
                (false, true) => {
                    let message = format!(
                        "{subject} `{at}.required`: optional → required; bodies without it no longer decode"
                    );
                    self.add(
                        Class::Breaking,
                        Rule::FieldMadeRequired,
                        None,
                        format!("{at}.required"),
                        message,
                    )
                    .values(false, true);
                }
                (true, false) => {
                    let message = format!(
                        "{subject} `{at}.required`: required → optional; clients relying on it may find it missing"
                    );
                    self.add(
                        Class::Breaking,
                        Rule::FieldMadeOptional,
                        None,
                        format!("{at}.required"),
                        message,
                    )
                    .values(true, false);
                }
                _ => {}
            }
            let binding = |b: Option<Binding>| b.map_or("nothing", Binding::as_str);
            if field.from != now.from {
                let (a, b) = (binding(field.from), binding(now.from));
                let field_at = format!("{at}.from");
                match (field.from, now.from) {
                    (None, Some(_)) => {
                        let message = format!("{subject} `{field_at}`: now filled from {b}");
                        self.add(Class::Compatible, Rule::FieldBound, None, field_at, message)
                            .values(a, b);
                    }
                    // A detail falls back to the message, so codes without a template send
                    // the same text as before.
                    (Some(Binding::Message), Some(Binding::Detail)) => {
                        let message = format!(
                            "{subject} `{field_at}`: {a} → {b}; codes without a template send the same text"
                        );
                        self.add(
                            Class::Compatible,
                            Rule::FieldBindingChanged,
                            None,
                            field_at,
                            message,
                        )
                        .values(a, b);
                    }
                    _ => {
                        let message = format!(
                            "{subject} `{field_at}`: {a} → {b}; the field carries a different value"
                        );
                        self.add(
                            Class::Breaking,
                            Rule::FieldBindingChanged,
                            None,
                            field_at,
                            message,
                        )
                        .values(a, b);
                    }
                }
            }
            self.prose(
                Rule::DocsChanged,
                None,
                &subject,
                &format!("{at}.description"),
                field.description.as_deref(),
                now.description.as_deref(),
            );
        }
        for (index, field) in new.iter().enumerate() {
            if find(old, &field.wire_name).is_some() || renamed_to.contains(&index) {
                continue;
            }
            let at = format!("{path}.{}", field.wire_name);
            if field.required {
                let message = format!(
                    "required field `{}` (`{at}`) added; bodies without it no longer decode",
                    field.wire_name
                );
                self.add(Class::Breaking, Rule::FieldAddedRequired, None, at, message);
            } else {
                let message = format!("optional field `{}` (`{at}`) added", field.wire_name);
                self.add(Class::Compatible, Rule::FieldAdded, None, at, message);
            }
        }
    }

    /// A field type as the catalog writes it, with what the Rust field holds when that
    /// differs.
    fn type_name(&self, catalog: &Catalog, ty: &FieldType, boxed: bool) -> String {
        let name = match ty {
            FieldType::String => "string".to_owned(),
            FieldType::Integer => "integer".to_owned(),
            FieldType::Number => "number".to_owned(),
            FieldType::Boolean => "boolean".to_owned(),
            FieldType::Any => "any".to_owned(),
            FieldType::Array(items) => {
                format!("array of {}", self.type_name(catalog, items, false))
            }
            FieldType::Schema(name) => name.clone(),
            FieldType::Envelope => catalog.envelope.name.clone(),
            FieldType::Code => format!(
                "{} (from: code)",
                match catalog.repr {
                    CodeRepr::Str => "string",
                    CodeRepr::U32 | CodeRepr::I64 => "integer",
                }
            ),
            FieldType::Status => "integer (from: status)".to_owned(),
        };
        if boxed {
            format!("{name} (boxed)")
        } else {
            name
        }
    }

    fn codes(&mut self) {
        let (old, new) = (self.old, self.new);
        let new_by_value: BTreeMap<&CodeValue, &Code> =
            new.codes.iter().map(|c| (&c.value, c)).collect();
        let old_values: BTreeSet<&CodeValue> = old.codes.iter().map(|c| &c.value).collect();
        let retired = |catalog: &Catalog, value: &CodeValue| -> Option<Retired> {
            catalog.retired.iter().find(|r| r.value == *value).cloned()
        };
        let mut renumbered = BTreeSet::new();
        for code in &old.codes {
            if let Some(now) = new_by_value.get(&code.value) {
                self.code(code, now);
            } else if let Some(tombstone) = retired(new, &code.value) {
                let warned = if code.deprecated.is_some() {
                    ""
                } else {
                    " (not deprecated first, so Rust code naming it breaks without a warning)"
                };
                let message = format!(
                    "{} retired: {}{warned}",
                    label(code),
                    one_line(&tombstone.reason)
                );
                self.add(
                    Class::Compatible,
                    Rule::CodeRetired,
                    Some(&code.value),
                    "removed",
                    message,
                )
                .new = Some(tombstone.reason.clone());
            } else if let Some(now) = new.codes.iter().find(|now| {
                !old_values.contains(&now.value)
                    && !renumbered.contains(&now.value)
                    && names(code).iter().any(|name| names(now).contains(name))
            }) {
                renumbered.insert(now.value.clone());
                let message = format!(
                    "{} `code`: {} → {}; clients see a different code",
                    label(code),
                    code.value,
                    now.value
                );
                self.add(
                    Class::Breaking,
                    Rule::CodeRenumbered,
                    Some(&code.value),
                    "code",
                    message,
                )
                .values(&code.value, &now.value);
                self.code(code, now);
            } else {
                let message = format!(
                    "{} removed; retire it with `removed:` instead of deleting it",
                    label(code)
                );
                self.add(
                    Class::Breaking,
                    Rule::CodeRemoved,
                    Some(&code.value),
                    "code",
                    message,
                );
            }
        }
        for code in &new.codes {
            if old_values.contains(&code.value) || renumbered.contains(&code.value) {
                continue;
            }
            if let Some(tombstone) = retired(old, &code.value) {
                let message = format!(
                    "{} reuses a retired code (removed: {}); old clients read it with the old meaning",
                    label(code),
                    one_line(&tombstone.reason)
                );
                self.add(
                    Class::Breaking,
                    Rule::CodeReused,
                    Some(&code.value),
                    "code",
                    message,
                );
            } else {
                let message = format!("{} added", label(code));
                self.add(
                    Class::Compatible,
                    Rule::CodeAdded,
                    Some(&code.value),
                    "code",
                    message,
                );
            }
        }
    }

    /// One code in both versions.
    fn code(&mut self, old: &Code, new: &Code) {
        let value = Some(&old.value);
        let subject = label(old);
        if let Some((a, b)) = changed(&old.status, &new.status) {
            let message = format!("{subject} `status`: {a} → {b}");
            self.add(
                Class::Breaking,
                Rule::StatusChanged,
                value,
                "status",
                message,
            )
            .values(a, b);
        }
        if let Some((a, b)) = changed(kind(old), kind(new)) {
            let message = format!("{subject} `kind`: {a} → {b}");
            self.add(Class::Breaking, Rule::KindChanged, value, "kind", message)
                .values(a, b);
        }
        self.names(old, new);
        self.constructor(old, new);
        if let (Some(a), Some(b)) = (&old.detail, &new.detail) {
            self.params(old, &a.params, &b.params);
            if a.text != b.text {
                let message = format!("{subject} `detail`: {:?} → {:?}", a.text, b.text);
                self.add(
                    Class::Compatible,
                    Rule::DetailChanged,
                    value,
                    "detail",
                    message,
                )
                .values(&a.text, &b.text);
            }
        }
        if let Some((a, b)) = changed(&old.message, &new.message) {
            let message = format!("{subject} `message`: {a:?} → {b:?}");
            self.add(
                Class::Compatible,
                Rule::MessageChanged,
                value,
                "message",
                message,
            )
            .values(a, b);
        }
        self.prose(
            Rule::DescriptionChanged,
            value,
            &subject,
            "description",
            old.description.as_deref(),
            new.description.as_deref(),
        );
        match (&old.deprecated, &new.deprecated) {
            (None, Some(note)) => {
                let message = format!("{subject} deprecated: {}", one_line(note));
                self.add(
                    Class::Compatible,
                    Rule::CodeDeprecated,
                    value,
                    "deprecated",
                    message,
                )
                .new = Some(note.clone());
            }
            (Some(note), None) => {
                let message = format!("{subject} no longer deprecated");
                self.add(
                    Class::Compatible,
                    Rule::CodeUndeprecated,
                    value,
                    "deprecated",
                    message,
                )
                .old = Some(note.clone());
            }
            (Some(a), Some(b)) => self.text(value, &subject, "deprecated", a, b),
            (None, None) => {}
        }
        // A renumbered code's default link (`docs_url#code`) follows its number; the
        // renumbering is the change worth a line.
        if let Some((a, b)) = changed(&old.link, &new.link).filter(|_| old.value == new.value) {
            let (a, b) = (
                a.as_deref().unwrap_or("none"),
                b.as_deref().unwrap_or("none"),
            );
            let message = format!("{subject} `link`: {a} → {b}");
            self.add(Class::Compatible, Rule::LinkChanged, value, "link", message)
                .values(a, b);
        }
        if let Some((a, b)) = changed(&old.type_uri, &new.type_uri) {
            // RFC 9457 clients tell problems apart by `type`, so it is part of the wire
            // contract once the envelope carries it.
            let carried = self.old.field_bound_to(Binding::TypeUri).is_some()
                && self.new.field_bound_to(Binding::TypeUri).is_some();
            let (class, why) = if carried {
                (Class::Breaking, "clients tell problems apart by it")
            } else {
                (Class::Compatible, "the envelope does not carry it")
            };
            let message = format!("{subject} `type`: {a} → {b}; {why}");
            self.add(class, Rule::TypeUriChanged, value, "type", message)
                .values(a, b);
        }
    }

    /// The Rust names of a code: its variant and aliases.
    fn names(&mut self, old: &Code, new: &Code) {
        let value = Some(&old.value);
        let subject = label(old);
        let now = names(new);
        let before = names(old);
        // Which code a name that left this one now stands for, if any.
        let now_names = |name: &str| {
            self.new
                .codes
                .iter()
                .find(|c| c.value != old.value && names(c).contains(&name))
                .map(|c| format!("; `{name}` now names code {}", c.value.quoted()))
                .unwrap_or_default()
        };
        if old.variant != new.variant {
            let (a, b) = (unraw(&old.variant), unraw(&new.variant));
            if now.contains(&a) {
                let message = format!("{subject} `name`: `{a}` → `{b}`; `{a}` stays as an alias");
                self.add(
                    Class::Compatible,
                    Rule::VariantRenamed,
                    value,
                    "name",
                    message,
                )
                .values(a, b);
            } else {
                let message = format!(
                    "{subject} `name`: `{a}` → `{b}`; code naming `{a}` stops compiling (keep it in `aliases`){}",
                    now_names(a)
                );
                self.add(Class::Breaking, Rule::NameRemoved, value, "name", message)
                    .values(a, b);
            }
        }
        for alias in old.aliases.iter().map(|a| unraw(a)) {
            if !now.contains(&alias) {
                let message = format!("{subject} `aliases`: `{alias}` removed{}", now_names(alias));
                self.add(
                    Class::Breaking,
                    Rule::NameRemoved,
                    value,
                    "aliases",
                    message,
                )
                .old = Some(alias.to_owned());
            }
        }
        for alias in new.aliases.iter().map(|a| unraw(a)) {
            if !before.contains(&alias) {
                let message = format!("{subject} `aliases`: `{alias}` added");
                self.add(
                    Class::Compatible,
                    Rule::NameAdded,
                    value,
                    "aliases",
                    message,
                )
                .new = Some(alias.to_owned());
            }
        }
    }

    /// The envelope constructor of a code with a `detail` template.
    fn constructor(&mut self, old: &Code, new: &Code) {
        let value = Some(&old.value);
        let subject = label(old);
        let envelope = &self.new.envelope.name;
        match (&old.constructor, &new.constructor) {
            (Some(a), Some(b)) if a != b => {
                let (a, b) = (unraw(a), unraw(b));
                let message = format!(
                    "{subject} constructor `{envelope}::{a}` renamed to `{b}` with the variant"
                );
                self.add(
                    Class::Breaking,
                    Rule::ConstructorRemoved,
                    value,
                    "name",
                    message,
                )
                .values(a, b);
            }
            (Some(a), None) => {
                let a = unraw(a);
                let message = format!(
                    "{subject} `detail` removed, and with it the constructor `{envelope}::{a}`"
                );
                self.add(
                    Class::Breaking,
                    Rule::ConstructorRemoved,
                    value,
                    "detail",
                    message,
                )
                .old = Some(a.to_owned());
            }
            (None, Some(b)) => {
                let b = unraw(b);
                let message =
                    format!("{subject} `detail` added, with the constructor `{envelope}::{b}`");
                self.add(
                    Class::Compatible,
                    Rule::ConstructorAdded,
                    value,
                    "detail",
                    message,
                )
                .new = Some(b.to_owned());
            }
            _ => {}
        }
    }

    /// The params of a template, which are the constructor's arguments in order.
    fn params(&mut self, code: &Code, old: &[Param], new: &[Param]) {
        let value = Some(&code.value);
        let subject = label(code);
        let find = |params: &[Param], name: &str| params.iter().position(|p| p.name == name);
        let mut renamed_to = BTreeSet::new();
        for (index, param) in old.iter().enumerate() {
            let field = format!("params.{}", param.name);
            match find(new, &param.name) {
                Some(at) => {
                    let now = &new[at];
                    if param.ty != now.ty {
                        let (a, b) = (param.ty.as_str(), now.ty.as_str());
                        let message = format!("{subject} `{field}`: {a} → {b}");
                        self.add(
                            Class::Breaking,
                            Rule::ParamRetyped,
                            value,
                            field.clone(),
                            message,
                        )
                        .values(a, b);
                    }
                    if at != index {
                        let message = format!(
                            "{subject} `{field}`: moves from argument {} to {} of the constructor",
                            index + 1,
                            at + 1
                        );
                        self.add(Class::Breaking, Rule::ParamReordered, value, field, message)
                            .values(index + 1, at + 1);
                    }
                }
                None => match new.get(index).filter(|p| find(old, &p.name).is_none()) {
                    Some(to) => {
                        renamed_to.insert(index);
                        let message = format!("{subject} `{field}`: renamed to `{}`", to.name);
                        self.add(Class::Breaking, Rule::ParamRenamed, value, field, message)
                            .values(&param.name, &to.name);
                        if param.ty != to.ty {
                            let (a, b) = (param.ty.as_str(), to.ty.as_str());
                            let field = format!("params.{}", to.name);
                            let message = format!("{subject} `{field}`: {a} → {b}");
                            self.add(Class::Breaking, Rule::ParamRetyped, value, field, message)
                                .values(a, b);
                        }
                    }
                    None => {
                        let message = format!("{subject} `{field}` removed from the constructor");
                        self.add(Class::Breaking, Rule::ParamRemoved, value, field, message);
                    }
                },
            }
        }
        for (index, param) in new.iter().enumerate() {
            if find(old, &param.name).is_none() && !renamed_to.contains(&index) {
                let field = format!("params.{}", param.name);
                let message =
                    format!("{subject} `{field}` added: the constructor takes a new argument");
                self.add(Class::Breaking, Rule::ParamAdded, value, field, message)
                    .new = Some(param.ty.as_str().to_owned());
            }
        }
    }

    /// Tombstones: deleting one frees its code for reuse, which the tombstone exists to
    /// prevent; a new one for a code that was never live only reserves it.
    fn tombstones(&mut self) {
        let (old, new) = (self.old, self.new);
        let find = |retired: &[Retired], value: &CodeValue| {
            retired.iter().find(|r| r.value == *value).cloned()
        };
        for tombstone in &old.retired {
            let value = Some(&tombstone.value);
            let subject = format!("retired code {}", tombstone.value.quoted());
            if let Some(now) = find(&new.retired, &tombstone.value) {
                self.text(value, &subject, "removed", &tombstone.reason, &now.reason);
                let message = |r: &Retired| r.message.clone().unwrap_or_default();
                self.text(
                    value,
                    &subject,
                    "message",
                    &message(tombstone),
                    &message(&now),
                );
            } else if !new.codes.iter().any(|c| c.value == tombstone.value) {
                let message = format!(
                    "{subject}: tombstone deleted, so the code may be reused with a new meaning; keep it"
                );
                self.add(
                    Class::Breaking,
                    Rule::TombstoneRemoved,
                    value,
                    "removed",
                    message,
                )
                .old = Some(tombstone.reason.clone());
            }
        }
        for tombstone in &new.retired {
            let known = find(&old.retired, &tombstone.value).is_some()
                || old.codes.iter().any(|c| c.value == tombstone.value);
            if !known {
                let message = format!(
                    "code {} reserved by a tombstone: {}",
                    tombstone.value.quoted(),
                    one_line(&tombstone.reason)
                );
                self.add(
                    Class::Compatible,
                    Rule::CodeReserved,
                    Some(&tombstone.value),
                    "removed",
                    message,
                )
                .new = Some(tombstone.reason.clone());
            }
        }
    }
}

impl Change {
    fn values(&mut self, old: impl ToString, new: impl ToString) -> &mut Self {
        self.old = Some(old.to_string());
        self.new = Some(new.to_string());
        self
    }
}

fn kind(code: &Code) -> &'static str {
    if code.success { "success" } else { "error" }
}

/// A code's Rust names, as written: its variant and aliases.
fn names(code: &Code) -> Vec<&str> {
    std::iter::once(code.variant.as_str())
        .chain(code.aliases.iter().map(String::as_str))
        .map(unraw)
        .collect()
}

fn members_key(members: &GroupMembers) -> &'static str {
    match members {
        GroupMembers::Range(..) => "range",
        GroupMembers::Prefix(_) => "prefix",
    }
}

fn members(members: &GroupMembers) -> String {
    match members {
        GroupMembers::Range(low, high) => format!("[{low}, {high}]"),
        GroupMembers::Prefix(prefix) => format!("{prefix:?}"),
    }
}

/// `text` on one line, for messages.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
