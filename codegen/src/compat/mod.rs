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
//!     "breaking (Rust: major): code 1000 (OrderNotFound) `status`: 404 → 410"
//! );
//! # Ok::<(), errcat_codegen::Diagnostics>(())
//! ```

mod catalog;
mod codes;
mod envelope;
mod groups;
mod locales;
mod report;
mod rpc;
mod tombstones;

use std::fmt;

use crate::ident::unraw;
use crate::model::{
    Catalog, Code, CodeValue, Envelope, Field, Group, Param, Retired, Rpc, Schema, Template,
    TypeNames,
};

pub use report::{Change, Class, Report, Rule, Semver};

/// Every field of the model, destructured without `..`, with what `errcat diff` does with it:
/// a field added to the model does not compile here until `errcat diff` has decided what it
/// means (see `codegen/README.md`, "Adding a catalog key"). Fields marked `_` are read.
fn decided(catalog: &Catalog) {
    let Catalog {
        name: _,
        title: _,
        description: _,
        version: _,
        docs_url: _,
        types,
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
    let TypeNames {
        prefix: _, // not used: follows from the name, compared there
        code: _,
        group: _,
        or_unknown: _, // not used: follows from the code type name
        locale: _,
        unknown_locale: _,
        unknown: _, // not used: follows from the code type name
    } = types;
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
        constructor: _,
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
            pieces: _, // not used: the text is compared
            params,
        }) = detail
        && let Some(Param {
            name: _,
            ident: _, // not used: follows from the name
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
        ident: _, // not used: follows from the wire name
        ty: _,
        from: _,
        required: _,
        nullable: _,
        per_code: _,
        min_length: _,
        format: _,
        description: _,
        boxed: _,
    }) = fields.first()
    {}
    // Locales: compared in `compat::locales`.
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

/// Compares two versions of a catalog.
pub fn diff(old: &Catalog, new: &Catalog) -> Report {
    decided(new);
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
    differ.locales();
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
            semver: rule.semver(),
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
}

impl Change {
    fn values(&mut self, old: impl ToString, new: impl ToString) -> &mut Self {
        self.old = Some(old.to_string());
        self.new = Some(new.to_string());
        self
    }

    /// Sets the Rust verdict where the rule's own does not apply.
    fn rust(&mut self, semver: Semver) -> &mut Self {
        self.semver = semver;
        self
    }

    /// Appends why the change matters to its line.
    fn because(&mut self, why: &str) -> &mut Self {
        self.message.push_str("; ");
        self.message.push_str(why);
        self
    }
}
