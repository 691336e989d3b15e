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
//!
//! ```
//! use errcat_codegen::compat::{self, Class, Rule};
//!
//! let v1 = r#"
//! name: shop
//! title: Shop API
//! version: 1.0.0
//! code_type: integer
//! envelope:
//!   name: ShopError
//!   media_type: application/json
//!   fields:
//!     - { name: code, type: integer, from: code, required: true }
//! codes:
//!   - { code: 1000, message: Order not found, status: 404 }
//!   - { code: 1001, message: Order locked, status: 409, deprecated: Use 1002. }
//! "#;
//! let v2 = v1
//!     .replace("status: 404", "status: 410")
//!     .replace("message: Order locked, status: 409, deprecated: Use 1002.", "removed: Use 1002.");
//! let old = errcat_codegen::parse("v1.yaml", v1)?;
//! let new = errcat_codegen::parse("v2.yaml", &v2)?;
//! let report = compat::diff(&old, &new);
//! assert!(report.is_breaking());
//! let rules: Vec<_> = report.changes.iter().map(|c| (c.class, c.rule)).collect();
//! assert_eq!(
//!     rules,
//!     [
//!         (Class::Breaking, Rule::StatusChanged),
//!         (Class::Compatible, Rule::CodeRetired),
//!     ]
//! );
//! assert_eq!(
//!     report.changes[0].to_string(),
//!     "breaking: code 1000 (OrderNotFound) `status`: 404 → 410"
//! );
//! # Ok::<(), errcat_codegen::Diagnostics>(())
//! ```

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::diagnostic::one_line;
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

/// What a change is about, as its line names it: a code (`code 5000 (ProjectNotFound)`), a
/// retired code, or the catalog (which holds the groups, envelope and schemas).
struct Item<'a> {
    code: Option<&'a CodeValue>,
    name: String,
}

impl<'a> Item<'a> {
    fn catalog() -> Self {
        Item {
            code: None,
            name: "catalog".to_owned(),
        }
    }

    fn code(code: &'a Code) -> Self {
        Item {
            code: Some(&code.value),
            name: format!("code {} ({})", code.value.quoted(), unraw(&code.variant)),
        }
    }

    fn retired(retired: &'a Retired) -> Self {
        Item {
            code: Some(&retired.value),
            name: format!("retired code {}", retired.value.quoted()),
        }
    }
}

/// Both values differ: `Some((old, new))`.
fn changed<'v, T: PartialEq + ?Sized>(old: &'v T, new: &'v T) -> Option<(&'v T, &'v T)> {
    (old != new).then_some((old, new))
}

impl Differ<'_> {
    /// Records a change whose line is `<item> <what>`, and returns it for values or a reason.
    fn add(
        &mut self,
        class: Class,
        rule: Rule,
        item: &Item,
        field: impl Into<String>,
        what: impl fmt::Display,
    ) -> &mut Change {
        let index = self.changes.len();
        self.changes.push(Change {
            class,
            rule,
            code: item.code.cloned(),
            field: field.into(),
            old: None,
            new: None,
            message: format!("{} {what}", item.name),
        });
        &mut self.changes[index]
    }

    /// Records `<item> `field`: old → new`, with both values.
    fn replaced(
        &mut self,
        class: Class,
        rule: Rule,
        item: &Item,
        field: &str,
        old: impl fmt::Display,
        new: impl fmt::Display,
    ) -> &mut Change {
        let what = format!("`{field}`: {old} → {new}");
        self.add(class, rule, item, field, what).values(old, new)
    }

    /// A reworded one-line text: compatible, both values shown quoted.
    fn text(&mut self, rule: Rule, item: &Item, field: &str, old: &str, new: &str) {
        if old != new {
            let what = format!("`{field}`: {old:?} → {new:?}");
            self.add(Class::Compatible, rule, item, field, what)
                .values(old, new);
        }
    }

    /// A long, optional text added, removed or reworded: compatible, values left out.
    fn prose(
        &mut self,
        rule: Rule,
        item: &Item,
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
        self.add(
            Class::Compatible,
            rule,
            item,
            field,
            format!("`{field}` {what}"),
        );
    }

    fn catalog(&mut self) {
        let (old, new) = (self.old, self.new);
        let catalog = Item::catalog();
        if let Some((a, b)) = changed(&old.name, &new.name) {
            self.replaced(
                Class::Breaking,
                Rule::CatalogRenamed,
                &catalog,
                "name",
                a,
                b,
            )
            .because("the generated module and file are renamed");
        }
        if let Some((a, b)) = changed(&old.types.code, &new.types.code) {
            self.replaced(
                Class::Breaking,
                Rule::TypeRenamed,
                &catalog,
                "type_name",
                a,
                b,
            )
            .because("the code enum is renamed");
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
            self.replaced(
                Class::Breaking,
                Rule::CodeTypeChanged,
                &catalog,
                "code_type",
                a,
                b,
            )
            .because("every code changes on the wire");
        } else if let Some((a, b)) = changed(rust_type(old.repr), rust_type(new.repr)) {
            self.replaced(Class::Breaking, Rule::CodeReprChanged, &catalog, "codes", a, b)
                .because("the Rust type of every code changes, as a code no longer fits (or fits again) in `u32`");
        }
        self.text(Rule::DocsChanged, &catalog, "title", &old.title, &new.title);
        self.text(
            Rule::DocsChanged,
            &catalog,
            "version",
            &old.version,
            &new.version,
        );
        let docs_url = |c: &Catalog| c.docs_url.clone().unwrap_or_default();
        self.text(
            Rule::DocsChanged,
            &catalog,
            "docs_url",
            &docs_url(old),
            &docs_url(new),
        );
        self.prose(
            Rule::DocsChanged,
            &catalog,
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
                &catalog,
                &format!("statuses.{status}"),
                old.statuses.get(&status).map(String::as_str),
                new.statuses.get(&status).map(String::as_str),
            );
        }
    }

    fn groups(&mut self) {
        let (old, new) = (self.old, self.new);
        let catalog = Item::catalog();
        let old_names: BTreeSet<&str> = old.groups.iter().map(|g| g.name.as_str()).collect();
        let mut renamed_to = BTreeSet::new();
        for group in &old.groups {
            let field = format!("groups.{}", group.name);
            let gone = format!("`{}::{}` is gone", old.types.group, unraw(&group.variant));
            let Some(now) = new.groups.iter().find(|g| g.name == group.name) else {
                // Same members under a new name is a rename; either way the variant is gone.
                let rename = new.groups.iter().find(|g| {
                    g.members == group.members
                        && !old_names.contains(g.name.as_str())
                        && !renamed_to.contains(g.name.as_str())
                });
                if let Some(to) = rename {
                    renamed_to.insert(to.name.as_str());
                    let what = format!("`{field}` renamed to `{}`", to.name);
                    self.add(Class::Breaking, Rule::GroupRenamed, &catalog, &field, what)
                        .values(&group.name, &to.name)
                        .because(&gone);
                } else {
                    let what = format!("`{field}` removed");
                    self.add(Class::Breaking, Rule::GroupRemoved, &catalog, &field, what)
                        .because(&gone);
                }
                continue;
            };
            if group.members != now.members {
                let (a, b) = (members(&group.members), members(&now.members));
                let field = format!("{field}.{}", members_key(&group.members));
                let leaving = self.codes_leaving(&group.name);
                if leaving.is_empty() {
                    self.replaced(
                        Class::Compatible,
                        Rule::GroupResized,
                        &catalog,
                        &field,
                        a,
                        b,
                    )
                    .because("every code stays in the group");
                } else {
                    let (codes, leave) = match leaving.len() {
                        1 => ("code", "leaves"),
                        _ => ("codes", "leave"),
                    };
                    let why = format!("{codes} {} {leave} the group", leaving.join(", "));
                    self.replaced(Class::Breaking, Rule::GroupNarrowed, &catalog, &field, a, b)
                        .because(&why);
                }
            }
            self.text(
                Rule::DocsChanged,
                &catalog,
                &format!("{field}.title"),
                &group.title,
                &now.title,
            );
            self.prose(
                Rule::DocsChanged,
                &catalog,
                &format!("{field}.description"),
                group.description.as_deref(),
                now.description.as_deref(),
            );
        }
        for group in &new.groups {
            if !old_names.contains(group.name.as_str()) && !renamed_to.contains(group.name.as_str())
            {
                let field = format!("groups.{}", group.name);
                let what = format!("`{field}` added");
                self.add(Class::Compatible, Rule::GroupAdded, &catalog, field, what);
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
        let catalog = Item::catalog();
        if let Some((a, b)) = changed(&old.name, &new.name) {
            self.replaced(
                Class::Breaking,
                Rule::EnvelopeRenamed,
                &catalog,
                "envelope.name",
                a,
                b,
            );
        }
        if let Some((a, b)) = changed(&old.media_type, &new.media_type) {
            self.replaced(
                Class::Breaking,
                Rule::MediaTypeChanged,
                &catalog,
                "envelope.media_type",
                a,
                b,
            );
        }
        self.prose(
            Rule::DocsChanged,
            &catalog,
            "envelope.description",
            old.description.as_deref(),
            new.description.as_deref(),
        );
        self.fields(&old.fields, &new.fields, "envelope.fields");
        for (name, schema) in &old.schemas {
            let field = format!("envelope.schemas.{name}");
            let Some(now) = new.schemas.get(name) else {
                let what = format!("`{field}` removed");
                self.add(Class::Breaking, Rule::SchemaRemoved, &catalog, field, what);
                continue;
            };
            self.prose(
                Rule::DocsChanged,
                &catalog,
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
            let field = format!("envelope.schemas.{name}");
            let what = format!("`{field}` added");
            self.add(Class::Compatible, Rule::SchemaAdded, &catalog, field, what);
        }
    }

    /// The fields of the envelope or of one schema, `path` naming their list.
    fn fields(&mut self, old: &[Field], new: &[Field], path: &str) {
        let catalog = Item::catalog();
        let find = |fields: &[Field], name: &str| fields.iter().position(|f| f.wire_name == name);
        let mut renamed_to = BTreeSet::new();
        for (index, field) in old.iter().enumerate() {
            let at = format!("{path}.{}", field.wire_name);
            let Some(now) = find(new, &field.wire_name).map(|i| &new[i]) else {
                // A new field in the same place with the same shape is this one, renamed.
                let rename = new.get(index).filter(|f| {
                    find(old, &f.wire_name).is_none()
                        && f.ty == field.ty
                        && f.required == field.required
                        && f.from == field.from
                });
                if let Some(to) = rename {
                    renamed_to.insert(index);
                    let what = format!("`{at}` renamed to `{}`", to.wire_name);
                    self.add(Class::Breaking, Rule::FieldRenamed, &catalog, at, what)
                        .values(&field.wire_name, &to.wire_name);
                } else {
                    let what = format!("`{at}` removed");
                    self.add(Class::Breaking, Rule::FieldRemoved, &catalog, at, what);
                }
                continue;
            };
            if field.ty != now.ty || field.boxed != now.boxed {
                let a = type_name(self.old, &field.ty, field.boxed);
                let b = type_name(self.new, &now.ty, now.boxed);
                self.replaced(
                    Class::Breaking,
                    Rule::FieldRetyped,
                    &catalog,
                    &format!("{at}.type"),
                    a,
                    b,
                );
            }
            let required = format!("{at}.required");
            match (field.required, now.required) {
                (false, true) => {
                    self.replaced(
                        Class::Breaking,
                        Rule::FieldMadeRequired,
                        &catalog,
                        &required,
                        false,
                        true,
                    )
                    .because("bodies without it no longer decode");
                }
                (true, false) => {
                    self.replaced(
                        Class::Breaking,
                        Rule::FieldMadeOptional,
                        &catalog,
                        &required,
                        true,
                        false,
                    )
                    .because("clients relying on it may find it missing");
                }
                _ => {}
            }
            if field.from != now.from {
                let binding = |b: Option<Binding>| b.map_or("nothing", Binding::as_str);
                let (a, b) = (binding(field.from), binding(now.from));
                let from = format!("{at}.from");
                let (class, rule, why) = match (field.from, now.from) {
                    (None, Some(_)) => (
                        Class::Compatible,
                        Rule::FieldBound,
                        "the field is now filled from the catalog",
                    ),
                    // A detail falls back to the message, so codes without a template send
                    // the same text as before.
                    (Some(Binding::Message), Some(Binding::Detail)) => (
                        Class::Compatible,
                        Rule::FieldBindingChanged,
                        "codes without a template send the same text",
                    ),
                    _ => (
                        Class::Breaking,
                        Rule::FieldBindingChanged,
                        "the field carries a different value",
                    ),
                };
                self.replaced(class, rule, &catalog, &from, a, b)
                    .because(why);
            }
            self.prose(
                Rule::DocsChanged,
                &catalog,
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
                let what = format!("`{at}` added, required");
                self.add(
                    Class::Breaking,
                    Rule::FieldAddedRequired,
                    &catalog,
                    at,
                    what,
                )
                .because("bodies without it no longer decode");
            } else {
                let what = format!("`{at}` added, optional");
                self.add(Class::Compatible, Rule::FieldAdded, &catalog, at, what);
            }
        }
    }

    fn codes(&mut self) {
        let (old, new) = (self.old, self.new);
        let old_values: BTreeSet<&CodeValue> = old.codes.iter().map(|c| &c.value).collect();
        let retired = |catalog: &'_ Catalog, value: &CodeValue| -> Option<Retired> {
            catalog.retired.iter().find(|r| r.value == *value).cloned()
        };
        let mut renumbered = BTreeSet::new();
        for code in &old.codes {
            let item = Item::code(code);
            if let Some(now) = new.codes.iter().find(|c| c.value == code.value) {
                self.code(code, now);
            } else if let Some(tombstone) = retired(new, &code.value) {
                let what = format!("retired: {}", one_line(&tombstone.reason));
                let change = self.add(Class::Compatible, Rule::CodeRetired, &item, "removed", what);
                change.new = Some(tombstone.reason.clone());
                if code.deprecated.is_none() {
                    change.message.push_str(
                        " (not deprecated first, so Rust code naming it breaks without a warning)",
                    );
                }
            } else if let Some(now) = new.codes.iter().find(|now| {
                !old_values.contains(&now.value)
                    && !renumbered.contains(&now.value)
                    && names(code).iter().any(|name| names(now).contains(name))
            }) {
                renumbered.insert(now.value.clone());
                self.replaced(
                    Class::Breaking,
                    Rule::CodeRenumbered,
                    &item,
                    "code",
                    &code.value,
                    &now.value,
                )
                .because("clients see a different code");
                self.code(code, now);
            } else {
                self.add(Class::Breaking, Rule::CodeRemoved, &item, "code", "removed")
                    .because("retire it with `removed:` instead of deleting it");
            }
        }
        for code in &new.codes {
            if old_values.contains(&code.value) || renumbered.contains(&code.value) {
                continue;
            }
            let item = Item::code(code);
            if let Some(tombstone) = retired(old, &code.value) {
                let what = format!(
                    "reuses a retired code (removed: {})",
                    one_line(&tombstone.reason)
                );
                self.add(Class::Breaking, Rule::CodeReused, &item, "code", what)
                    .because("old clients read it with the old meaning");
            } else {
                self.add(Class::Compatible, Rule::CodeAdded, &item, "code", "added");
            }
        }
    }

    /// One code in both versions.
    fn code(&mut self, old: &Code, new: &Code) {
        let item = Item::code(old);
        if let Some((a, b)) = changed(&old.status, &new.status) {
            self.replaced(Class::Breaking, Rule::StatusChanged, &item, "status", a, b);
        }
        if let Some((a, b)) = changed(kind(old), kind(new)) {
            self.replaced(Class::Breaking, Rule::KindChanged, &item, "kind", a, b);
        }
        self.names(old, new);
        self.constructor(old, new);
        if let (Some(a), Some(b)) = (&old.detail, &new.detail) {
            self.params(old, &a.params, &b.params);
            self.text(Rule::DetailChanged, &item, "detail", &a.text, &b.text);
        }
        self.text(
            Rule::MessageChanged,
            &item,
            "message",
            &old.message,
            &new.message,
        );
        self.prose(
            Rule::DescriptionChanged,
            &item,
            "description",
            old.description.as_deref(),
            new.description.as_deref(),
        );
        match (&old.deprecated, &new.deprecated) {
            (None, Some(note)) => {
                let what = format!("deprecated: {}", one_line(note));
                self.add(
                    Class::Compatible,
                    Rule::CodeDeprecated,
                    &item,
                    "deprecated",
                    what,
                )
                .new = Some(note.clone());
            }
            (Some(note), None) => {
                self.add(
                    Class::Compatible,
                    Rule::CodeUndeprecated,
                    &item,
                    "deprecated",
                    "no longer deprecated",
                )
                .old = Some(note.clone());
            }
            (Some(a), Some(b)) => self.text(Rule::DocsChanged, &item, "deprecated", a, b),
            (None, None) => {}
        }
        // A renumbered code's default link (`docs_url#code`) follows its number; the
        // renumbering is the change worth a line.
        if let Some((a, b)) = changed(&old.link, &new.link).filter(|_| old.value == new.value) {
            let (a, b) = (
                a.as_deref().unwrap_or("none"),
                b.as_deref().unwrap_or("none"),
            );
            self.replaced(Class::Compatible, Rule::LinkChanged, &item, "link", a, b);
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
            self.replaced(class, Rule::TypeUriChanged, &item, "type", a, b)
                .because(why);
        }
    }

    /// The Rust names of a code: its variant and aliases.
    fn names(&mut self, old: &Code, new: &Code) {
        let item = Item::code(old);
        let (before, now) = (names(old), names(new));
        // Which code a name that left this one now stands for, if any.
        let moved = |name: &str| {
            self.new
                .codes
                .iter()
                .find(|c| c.value != old.value && names(c).contains(&name))
                .map(|c| format!("; `{name}` now names code {}", c.value.quoted()))
                .unwrap_or_default()
        };
        if old.variant != new.variant {
            let (a, b) = (unraw(&old.variant), unraw(&new.variant));
            let (a_, b_) = (format!("`{a}`"), format!("`{b}`"));
            if now.contains(&a) {
                self.replaced(
                    Class::Compatible,
                    Rule::VariantRenamed,
                    &item,
                    "name",
                    a_,
                    b_,
                )
                .values(a, b)
                .because(&format!("`{a}` stays as an alias"));
            } else {
                let why = format!(
                    "code naming `{a}` stops compiling (keep it in `aliases`){}",
                    moved(a)
                );
                self.replaced(Class::Breaking, Rule::NameRemoved, &item, "name", a_, b_)
                    .values(a, b)
                    .because(&why);
            }
        }
        for alias in old
            .aliases
            .iter()
            .map(|a| unraw(a))
            .filter(|a| !now.contains(a))
        {
            let what = format!("`aliases`: `{alias}` removed{}", moved(alias));
            self.add(Class::Breaking, Rule::NameRemoved, &item, "aliases", what)
                .old = Some(alias.to_owned());
        }
        for alias in new
            .aliases
            .iter()
            .map(|a| unraw(a))
            .filter(|a| !before.contains(a))
        {
            let what = format!("`aliases`: `{alias}` added");
            self.add(Class::Compatible, Rule::NameAdded, &item, "aliases", what)
                .new = Some(alias.to_owned());
        }
    }

    /// The envelope constructor of a code with a `detail` template.
    fn constructor(&mut self, old: &Code, new: &Code) {
        let item = Item::code(old);
        let envelope = &self.new.envelope.name;
        match (&old.constructor, &new.constructor) {
            (Some(a), Some(b)) if a != b => {
                let (a, b) = (unraw(a), unraw(b));
                let what =
                    format!("constructor `{envelope}::{a}` renamed to `{b}` with the variant");
                self.add(
                    Class::Breaking,
                    Rule::ConstructorRemoved,
                    &item,
                    "name",
                    what,
                )
                .values(a, b);
            }
            (Some(a), None) => {
                let a = unraw(a);
                let what =
                    format!("`detail` removed, and with it the constructor `{envelope}::{a}`");
                self.add(
                    Class::Breaking,
                    Rule::ConstructorRemoved,
                    &item,
                    "detail",
                    what,
                )
                .old = Some(a.to_owned());
            }
            (None, Some(b)) => {
                let b = unraw(b);
                let what = format!("`detail` added, with the constructor `{envelope}::{b}`");
                self.add(
                    Class::Compatible,
                    Rule::ConstructorAdded,
                    &item,
                    "detail",
                    what,
                )
                .new = Some(b.to_owned());
            }
            _ => {}
        }
    }

    /// The params of a template, which are the constructor's arguments in order.
    fn params(&mut self, code: &Code, old: &[Param], new: &[Param]) {
        let item = Item::code(code);
        let find = |params: &[Param], name: &str| params.iter().position(|p| p.name == name);
        let mut renamed_to = BTreeSet::new();
        for (index, param) in old.iter().enumerate() {
            let field = format!("params.{}", param.name);
            // Where the argument went: the same name, or a new name in the same place.
            let (now, renamed) = match find(new, &param.name) {
                Some(at) => (&new[at], false),
                None => match new.get(index).filter(|p| find(old, &p.name).is_none()) {
                    Some(to) => (to, true),
                    None => {
                        let what = format!("`{field}` removed from the constructor");
                        self.add(Class::Breaking, Rule::ParamRemoved, &item, field, what);
                        continue;
                    }
                },
            };
            if renamed {
                renamed_to.insert(index);
                let what = format!("`{field}` renamed to `{}`", now.name);
                self.add(Class::Breaking, Rule::ParamRenamed, &item, &field, what)
                    .values(&param.name, &now.name);
            }
            if param.ty != now.ty {
                let field = format!("params.{}", now.name);
                self.replaced(
                    Class::Breaking,
                    Rule::ParamRetyped,
                    &item,
                    &field,
                    param.ty.as_str(),
                    now.ty.as_str(),
                );
            }
            let at = find(new, &now.name).unwrap_or(index);
            if at != index {
                let what = format!(
                    "`{field}` moves from argument {} to {} of the constructor",
                    index + 1,
                    at + 1
                );
                self.add(Class::Breaking, Rule::ParamReordered, &item, field, what)
                    .values(index + 1, at + 1);
            }
        }
        for (index, param) in new.iter().enumerate() {
            if find(old, &param.name).is_none() && !renamed_to.contains(&index) {
                let field = format!("params.{}", param.name);
                let what = format!("`{field}` added: the constructor takes a new argument");
                self.add(Class::Breaking, Rule::ParamAdded, &item, field, what)
                    .new = Some(param.ty.as_str().to_owned());
            }
        }
    }

    /// Tombstones: deleting one frees its code for reuse, which the tombstone exists to
    /// prevent; a new one for a code that was never live only reserves it.
    fn tombstones(&mut self) {
        let (old, new) = (self.old, self.new);
        for tombstone in &old.retired {
            let item = Item::retired(tombstone);
            if let Some(now) = new.retired.iter().find(|r| r.value == tombstone.value) {
                self.text(
                    Rule::DocsChanged,
                    &item,
                    "removed",
                    &tombstone.reason,
                    &now.reason,
                );
                let message = |r: &Retired| r.message.clone().unwrap_or_default();
                self.text(
                    Rule::DocsChanged,
                    &item,
                    "message",
                    &message(tombstone),
                    &message(now),
                );
            } else if !new.codes.iter().any(|c| c.value == tombstone.value) {
                self.add(
                    Class::Breaking,
                    Rule::TombstoneRemoved,
                    &item,
                    "removed",
                    "deleted",
                )
                .because("the code may be reused with a new meaning; keep the tombstone")
                .old = Some(tombstone.reason.clone());
            }
        }
        for tombstone in &new.retired {
            let known = old.retired.iter().any(|r| r.value == tombstone.value)
                || old.codes.iter().any(|c| c.value == tombstone.value);
            if !known {
                let what = format!("reserved by a tombstone: {}", one_line(&tombstone.reason));
                self.add(
                    Class::Compatible,
                    Rule::CodeReserved,
                    &Item::retired(tombstone),
                    "removed",
                    what,
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

    /// Appends why the change matters to its line.
    fn because(&mut self, why: &str) -> &mut Self {
        self.message.push_str("; ");
        self.message.push_str(why);
        self
    }
}

/// A field type as the catalog writes it, marking what the Rust field holds where that
/// differs.
fn type_name(catalog: &Catalog, ty: &FieldType, boxed: bool) -> String {
    let name = match ty {
        FieldType::String => "string".to_owned(),
        FieldType::Integer => "integer".to_owned(),
        FieldType::Number => "number".to_owned(),
        FieldType::Boolean => "boolean".to_owned(),
        FieldType::Any => "any".to_owned(),
        FieldType::Array(items) => format!("array of {}", type_name(catalog, items, false)),
        FieldType::Schema(name) => name.clone(),
        FieldType::Envelope => catalog.envelope.name.clone(),
        FieldType::Code if catalog.repr == CodeRepr::Str => "string (from: code)".to_owned(),
        FieldType::Code => "integer (from: code)".to_owned(),
        FieldType::Status => "integer (from: status)".to_owned(),
    };
    if boxed {
        format!("{name} (boxed)")
    } else {
        name
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
