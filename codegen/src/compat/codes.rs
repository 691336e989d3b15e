//! Rules for codes: values, statuses, messages, names, constructors and detail parameters.

use std::collections::{BTreeMap, BTreeSet};

use crate::ident::unraw;
use crate::model::{Binding, Catalog, Code, CodeValue, Param, Retired};
use crate::text::one_line;

use super::report::{Class, Rule, Semver};
use super::{Differ, Item, changed};

impl Differ<'_> {
    pub(super) fn codes(&mut self) {
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
        for (index, code) in new.codes.iter().enumerate() {
            if old_values.contains(&code.value) || renumbered.contains(&code.value) {
                continue;
            }
            let item = Item::code(code);
            // Variants are declared in catalog order without explicit discriminants: a code
            // placed before an existing one changes theirs (cargo-semver-checks:
            // `enum_no_repr_variant_discriminant_changed`).
            let inserted = new.codes[index + 1..]
                .iter()
                .any(|later| old_values.contains(&later.value));
            if let Some(tombstone) = retired(old, &code.value) {
                let what = format!(
                    "reuses a retired code (removed: {})",
                    one_line(&tombstone.reason)
                );
                self.add(Class::Breaking, Rule::CodeReused, &item, "code", what)
                    .because("old clients read it with the old meaning");
            } else {
                let change = self.add(Class::Compatible, Rule::CodeAdded, &item, "code", "added");
                if inserted {
                    change.rust(Semver::Major).because(
                        "the variants after it in the enum shift their discriminants; add new codes after the existing ones to keep this minor for Rust",
                    );
                }
            }
        }
    }

    /// One code in both versions.
    pub(super) fn code(&mut self, old: &Code, new: &Code) {
        let item = Item::code(old);
        let before = self.changes.len();
        if let Some((a, b)) = changed(&old.status, &new.status) {
            self.replaced(Class::Breaking, Rule::StatusChanged, &item, "status", a, b);
        } else {
            for status in new.statuses.iter().filter(|s| !old.statuses.contains(s)) {
                let change = self.add(
                    Class::Compatible,
                    Rule::StatusAdded,
                    &item,
                    "status",
                    format!("also sent with HTTP status {status}"),
                );
                change.new = Some(status.to_string());
                change.because("its default status is unchanged");
            }
            for status in old.statuses.iter().filter(|s| !new.statuses.contains(s)) {
                let change = self.add(
                    Class::Breaking,
                    Rule::StatusRemoved,
                    &item,
                    "status",
                    format!("no longer sent with HTTP status {status}"),
                );
                change.old = Some(status.to_string());
                change.because("clients dispatch on the status");
            }
        }
        self.shape(old, new);
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
            let (class, rust, why) = if carried {
                (
                    Class::Breaking,
                    Semver::Major,
                    "clients tell problems apart by it",
                )
            } else {
                (
                    Class::Compatible,
                    Semver::Patch,
                    "the envelope does not carry it",
                )
            };
            self.replaced(class, Rule::TypeUriChanged, &item, "type", a, b)
                .rust(rust)
                .because(why);
        }
        self.rpc(old, new, before);
    }

    /// Which fields a code always carries, and which values it fixes.
    fn shape(&mut self, old: &Code, new: &Code) {
        let item = Item::code(old);
        let names = |catalog: &Catalog, indices: &[usize]| -> BTreeSet<String> {
            indices
                .iter()
                .map(|&i| catalog.envelope.fields[i].wire_name.clone())
                .collect()
        };
        let (before, now) = (
            names(self.old, &old.shape.required),
            names(self.new, &new.shape.required),
        );
        // A field present in both versions whose envelope-wide required-ness is unchanged: a
        // change of the envelope is reported once, as the envelope's.
        let field = |catalog: &'_ Catalog, name: &str| {
            catalog
                .envelope
                .fields
                .iter()
                .find(|f| f.wire_name == name)
                .map(|f| f.required)
        };
        let (old_catalog, new_catalog) = (self.old, self.new);
        let exists = |_: &Catalog, name: &str| matches!((field(old_catalog, name), field(new_catalog, name)), (Some(a), Some(b)) if a == b);
        for name in now.difference(&before).filter(|n| exists(self.old, n)) {
            self.add(
                Class::Breaking,
                Rule::CodeFieldMadeRequired,
                &item,
                format!("fields.{name}.required"),
                format!("always carries `{name}`"),
            )
            .because("bodies of this code without it no longer validate");
        }
        for name in before.difference(&now).filter(|n| exists(self.new, n)) {
            self.add(
                Class::Breaking,
                Rule::CodeFieldMadeOptional,
                &item,
                format!("fields.{name}.required"),
                format!("may leave `{name}` out"),
            )
            .because("clients relying on it may find it missing");
        }
        let values = |catalog: &Catalog, code: &Code| -> BTreeMap<String, String> {
            code.shape
                .values
                .iter()
                .map(|(i, v)| {
                    (
                        catalog.envelope.fields[*i].wire_name.clone(),
                        crate::emit::body::scalar(v)
                            .to_pretty()
                            .trim_end()
                            .to_owned(),
                    )
                })
                .collect()
        };
        let (before, now) = (values(self.old, old), values(self.new, new));
        for (name, value) in &now {
            let at = format!("values.{name}");
            match before.get(name) {
                None => {
                    self.replaced(
                        Class::Compatible,
                        Rule::ValueFixed,
                        &item,
                        &at,
                        "none",
                        value,
                    )
                    .because("clients receive nothing they did not before");
                }
                Some(old_value) if old_value != value => {
                    self.replaced(
                        Class::Breaking,
                        Rule::ValueChanged,
                        &item,
                        &at,
                        old_value,
                        value,
                    )
                    .because("clients may rely on the fixed value");
                }
                Some(_) => {}
            }
        }
        for (name, value) in before.iter().filter(|(name, _)| !now.contains_key(*name)) {
            self.replaced(
                Class::Breaking,
                Rule::ValueUnfixed,
                &item,
                &format!("values.{name}"),
                value,
                "none",
            )
            .because("clients may rely on the fixed value");
        }
    }

    /// The Rust names of a code: its variant and aliases.
    pub(super) fn names(&mut self, old: &Code, new: &Code) {
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
    pub(super) fn constructor(&mut self, old: &Code, new: &Code) {
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
    pub(super) fn params(&mut self, code: &Code, old: &[Param], new: &[Param]) {
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
}

pub(super) fn kind(code: &Code) -> &'static str {
    if code.success { "success" } else { "error" }
}

/// A code's Rust names, as written: its variant and aliases.
pub(super) fn names(code: &Code) -> Vec<&str> {
    std::iter::once(code.variant.as_str())
        .chain(code.aliases.iter().map(String::as_str))
        .map(unraw)
        .collect()
}
