//! Rules for groups: added, removed, renamed, and the codes they hold.

use std::collections::BTreeSet;

use crate::ident::unraw;
use crate::model::{Catalog, Code, GroupMembers};

use super::report::{Class, Rule};
use super::{Differ, Item};

impl Differ<'_> {
    pub(super) fn groups(&mut self) {
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
    pub(super) fn codes_leaving(&self, name: &str) -> Vec<String> {
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
}

pub(super) fn members_key(members: &GroupMembers) -> &'static str {
    match members {
        GroupMembers::Range(..) => "range",
        GroupMembers::Prefix(_) => "prefix",
    }
}

pub(super) fn members(members: &GroupMembers) -> String {
    match members {
        GroupMembers::Range(low, high) => format!("[{low}, {high}]"),
        GroupMembers::Prefix(prefix) => format!("{prefix:?}"),
    }
}
