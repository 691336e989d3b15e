//! Rules for the catalog'\''s own keys: name, version, type names, code type, statuses.

use std::collections::BTreeSet;

use crate::model::{Catalog, CodeIn};

use super::report::{Class, Rule};
use super::{Differ, Item, changed};

impl Differ<'_> {
    pub(super) fn catalog(&mut self) {
        let (old, new) = (self.old, self.new);
        let catalog = Item::catalog();
        match (old.code_in, new.code_in) {
            (CodeIn::Body, CodeIn::Status) => {
                self.replaced(
                    Class::Compatible,
                    Rule::CodeInStatusAdded,
                    &catalog,
                    "code_in",
                    old.code_in.as_str(),
                    new.code_in.as_str(),
                )
                .because(
                    "`response_code` falls back to the status line when the body carries no code",
                );
            }
            (CodeIn::Status, CodeIn::Body) => {
                self.replaced(Class::Breaking, Rule::CodeInStatusRemoved, &catalog, "code_in", old.code_in.as_str(), new.code_in.as_str())
                    .because("`response_code` no longer reads the status line: bodies without a code have none");
            }
            _ => {}
        }
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
        self.domain(old, new);
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
        if let Some((a, b)) = changed(old.repr.code_type(), new.repr.code_type()) {
            self.replaced(
                Class::Breaking,
                Rule::CodeTypeChanged,
                &catalog,
                "code_type",
                a,
                b,
            )
            .because("every code changes on the wire");
        } else if let Some((a, b)) = changed(old.repr.rust_type(), new.repr.rust_type()) {
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
}
