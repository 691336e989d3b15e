//! Groups: ranges of numeric codes or prefixes of slugs, and which group holds a code.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::Problem;
use crate::diagnostic::locate::YamlPath;
use crate::ident;
use crate::load::raw::{CodeType, RawGroup};
use crate::model::{CodeValue, Group, GroupMembers};

use super::{Checker, root};

impl Checker {
    pub(super) fn groups(&mut self, raw: &[RawGroup], code_type: CodeType) -> Vec<Group> {
        let mut groups = Vec::new();
        let mut names = BTreeMap::new();
        for (index, group) in raw.iter().enumerate() {
            let path = root().key("groups").index(index);
            if !ident::is_identifier(&group.name) || ident::value_case(&group.name) != group.name {
                self.report(
                    Problem::at(
                        path.key("name"),
                        format!("group name `{}` is not a snake_case identifier", group.name),
                    )
                    .hint(format!("try `{}`", ident::value_case(&group.name))),
                );
            }
            let variant = ident::escape(&ident::type_case(&group.name));
            if let Some(first) = names.insert(variant.clone(), index) {
                self.report(
                    Problem::at(
                        path.key("name"),
                        format!(
                            "group `{}` has the same Rust name `{variant}` as group `{}`",
                            group.name, raw[first].name
                        ),
                    )
                    .hint("give each group a distinct name")
                    .see("the other group", root().key("groups").index(first)),
                );
            }
            let members = match (code_type, group.range, &group.prefix) {
                (CodeType::Integer, Some([low, high]), None) => {
                    if low > high {
                        self.report(
                            Problem::at(
                                path.key("range"),
                                format!(
                                    "group `{}` has range [{low}, {high}], which is empty",
                                    group.name
                                ),
                            )
                            .hint(format!("write the lower bound first: [{high}, {low}]")),
                        );
                    }
                    GroupMembers::Range(low, high)
                }
                (CodeType::String, None, Some(prefix)) => GroupMembers::Prefix(prefix.clone()),
                (CodeType::Integer, _, _) => {
                    self.report(
                        Problem::at(
                            path.clone(),
                            format!(
                                "group `{}` needs a `range` and no `prefix` in an integer catalog",
                                group.name
                            ),
                        )
                        .hint("write `range: [low, high]`, both included"),
                    );
                    GroupMembers::Range(0, -1)
                }
                (CodeType::String, _, _) => {
                    self.report(
                        Problem::at(
                            path.clone(),
                            format!(
                                "group `{}` needs a `prefix` and no `range` in a string catalog",
                                group.name
                            ),
                        )
                        .hint(
                            "write `prefix: \"auth-\"`: codes starting with it belong to the group",
                        ),
                    );
                    GroupMembers::Prefix(String::new())
                }
            };
            groups.push(Group {
                name: group.name.clone(),
                title: group.title.clone(),
                description: group.description.clone(),
                variant,
                members,
            });
        }
        for (i, j) in overlapping_pairs(&groups) {
            let (a, b) = (&groups[i], &groups[j]);
            self.report(
                Problem::at(
                    root().key("groups").index(j),
                    format!("group `{}` overlaps group `{}`", b.name, a.name),
                )
                .hint(
                    "a code must belong to exactly one group: make the ranges or prefixes disjoint",
                )
                .see("the other group", root().key("groups").index(i)),
            );
        }
        groups
    }

    pub(super) fn group_of(
        &mut self,
        value: &CodeValue,
        groups: &GroupIndex,
        path: &YamlPath,
    ) -> Option<usize> {
        if groups.is_empty() {
            return None;
        }
        let found = groups.find(value);
        if found.is_none() {
            self.report(
                Problem::at(
                    path.key("code"),
                    format!("code {} is outside every group", value.quoted()),
                )
                .hint("add a group that holds it, or widen a group's range or prefix"),
            );
        }
        found
    }
}

/// Finds the group holding a code in time logarithmic in the number of ranges, or growing
/// with the number of distinct prefix lengths, so that placing every code stays linear in the
/// catalog's size when groups grow with it.
pub(super) struct GroupIndex<'a> {
    /// Ranges by lower bound, each with the index of the group reaching highest among it and
    /// the ranges before it.
    ranges: Vec<(i64, i64, usize)>,
    /// Prefixes, each with the first group that has it.
    prefixes: HashMap<&'a str, usize>,
    /// The lengths of the prefixes, shortest first: a slug is looked up only at these.
    prefix_lengths: Vec<usize>,
}

impl<'a> GroupIndex<'a> {
    pub(super) fn new(groups: &'a [Group]) -> Self {
        let mut ranges = Vec::new();
        let mut prefixes = HashMap::new();
        for (index, group) in groups.iter().enumerate() {
            match &group.members {
                GroupMembers::Range(low, high) => ranges.push((*low, *high, index)),
                GroupMembers::Prefix(prefix) => {
                    prefixes.entry(prefix.as_str()).or_insert(index);
                }
            }
        }
        let mut prefix_lengths: Vec<usize> = prefixes.keys().map(|prefix| prefix.len()).collect();
        prefix_lengths.sort_unstable();
        prefix_lengths.dedup();
        ranges.sort_unstable();
        let mut reach: Option<(i64, usize)> = None;
        for (_, high, index) in &mut ranges {
            if reach.is_none_or(|(highest, _)| *high > highest) {
                reach = Some((*high, *index));
            }
            (*high, *index) = reach.unwrap_or((*high, *index));
        }
        GroupIndex {
            ranges,
            prefixes,
            prefix_lengths,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.ranges.is_empty() && self.prefixes.is_empty()
    }

    /// A group holding `value`; when groups overlap (an error reported separately), any one.
    pub(super) fn find(&self, value: &CodeValue) -> Option<usize> {
        match value {
            CodeValue::Int(v) => {
                let before = self.ranges.partition_point(|(low, _, _)| low <= v);
                let (_, highest, index) = *self.ranges.get(before.checked_sub(1)?)?;
                (highest >= *v).then_some(index)
            }
            CodeValue::Str(slug) => self
                .prefix_lengths
                .iter()
                .take_while(|&&end| end <= slug.len())
                .filter_map(|&end| slug.get(..end))
                .find_map(|prefix| self.prefixes.get(prefix).copied()),
        }
    }
}

/// The pairs `(i, j)`, `i < j`, of groups that share codes, in that order. Sorted by where
/// they start, each group is compared only with the groups that start inside it, so the cost
/// grows with the number of groups and of overlaps, not with every pair of groups.
pub(super) fn overlapping_pairs(groups: &[Group]) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut prefixes = Vec::new();
    for (index, group) in groups.iter().enumerate() {
        match &group.members {
            GroupMembers::Range(low, high) if low <= high => ranges.push((*low, *high, index)),
            GroupMembers::Range(..) => {}
            GroupMembers::Prefix(prefix) => prefixes.push((prefix.as_str(), index)),
        }
    }
    ranges.sort_unstable();
    // Sorted, the slugs starting with a prefix come right after it.
    prefixes.sort_unstable();
    let mut pairs = Vec::new();
    for (n, &(_, high, a)) in ranges.iter().enumerate() {
        for &(_, _, b) in ranges[n + 1..].iter().take_while(|(low, ..)| *low <= high) {
            pairs.push((a.min(b), a.max(b)));
        }
    }
    for (n, &(prefix, a)) in prefixes.iter().enumerate() {
        for &(_, b) in prefixes[n + 1..]
            .iter()
            .take_while(|(other, _)| other.starts_with(prefix))
        {
            pairs.push((a.min(b), a.max(b)));
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(members: GroupMembers) -> Group {
        Group {
            name: String::new(),
            title: String::new(),
            description: None,
            variant: String::new(),
            members,
        }
    }

    #[test]
    fn overlapping_pairs_are_every_pair_sharing_a_code() {
        let groups = [
            group(GroupMembers::Range(0, 99)),
            group(GroupMembers::Range(100, 199)),
            group(GroupMembers::Range(50, 150)),
            group(GroupMembers::Range(9, 1)),
            group(GroupMembers::Range(199, 199)),
            group(GroupMembers::Prefix("auth-".into())),
            group(GroupMembers::Prefix("auth-token-".into())),
            group(GroupMembers::Prefix("auth".into())),
            group(GroupMembers::Prefix("author-".into())),
            group(GroupMembers::Prefix("b".into())),
        ];
        assert_eq!(
            overlapping_pairs(&groups),
            [(0, 2), (1, 2), (1, 4), (5, 6), (5, 7), (6, 7), (7, 8)]
        );
    }

    #[test]
    fn group_index_finds_the_range_holding_a_code() {
        let groups = [
            group(GroupMembers::Range(100, 199)),
            group(GroupMembers::Range(0, 9)),
            group(GroupMembers::Range(5, 3)),
            group(GroupMembers::Range(-50, 500)),
            group(GroupMembers::Range(1000, 1099)),
        ];
        let index = GroupIndex::new(&groups);
        let find = |v| index.find(&CodeValue::Int(v));
        assert_eq!(find(1000), Some(4));
        assert_eq!(find(1099), Some(4));
        assert_eq!(find(1100), None);
        assert_eq!(find(-51), None);
        // Inside two overlapping ranges: either holds it; outside the short one, the long one.
        assert!(matches!(find(150), Some(0 | 3)));
        assert_eq!(find(300), Some(3));
        assert_eq!(find(999), None);
    }

    #[test]
    fn group_index_finds_the_prefix_of_a_slug() {
        let groups = [
            group(GroupMembers::Prefix("auth-".into())),
            group(GroupMembers::Prefix("é-".into())),
            group(GroupMembers::Prefix("project-".into())),
        ];
        let index = GroupIndex::new(&groups);
        let find = |slug: &str| index.find(&CodeValue::Str(slug.into()));
        assert_eq!(find("auth-expired"), Some(0));
        assert_eq!(find("project-"), Some(2));
        assert_eq!(find("é-x"), Some(1));
        assert_eq!(find("projects"), None);
        assert_eq!(find(""), None);
        assert_eq!(find("auth"), None);
        let everything = [group(GroupMembers::Prefix(String::new()))];
        assert_eq!(
            GroupIndex::new(&everything).find(&CodeValue::Str("x".into())),
            Some(0)
        );
    }
}
