//! Codes and retired codes: values, statuses, and the names they claim.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::Problem;
use crate::diagnostic::locate::YamlPath;
use crate::ident;
use crate::load::raw::{CodeType, Kind, RawCatalog, RawCode, RawCodeValue, RawEntry};
use crate::model::{Code, CodeShape, CodeValue, Group, Retired, Rpc};

use super::groups::GroupIndex;
use super::names::NameAt;
use super::{Checker, code_path, root};

impl Checker {
    pub(super) fn statuses(&mut self, raw: &BTreeMap<i64, String>) -> BTreeMap<u16, String> {
        let mut statuses = BTreeMap::new();
        for (&status, text) in raw {
            match http_status(status) {
                Some(status) => {
                    statuses.insert(status, text.clone());
                }
                None => self.report(bad_status(
                    root().key("statuses").key(status.to_string()).the_key(),
                    status,
                )),
            }
        }
        statuses
    }

    /// The tombstones of retired codes, each with its index in `codes`.
    pub(super) fn retired(&mut self, raw: &RawCatalog) -> Vec<(usize, Retired)> {
        let mut retired: Vec<(usize, Retired)> = Vec::new();
        for (index, entry) in raw.codes.iter().enumerate() {
            let RawEntry::Removed(tombstone) = entry else {
                continue;
            };
            let path = code_path(index);
            if tombstone.removed.trim().is_empty() {
                self.report(
                    Problem::at(path.key("removed"), "`removed` is empty").hint(
                        "say why the code was retired or what replaces it, e.g. `removed: Use 5002 instead.`",
                    ),
                );
            }
            let Some(value) = self.code_value(&tombstone.code, raw.code_type, &path) else {
                continue;
            };
            if let Some((first, _)) = retired.iter().find(|(_, r)| r.value == value) {
                self.report(duplicate_code(&path, &value, *first));
                continue;
            }
            retired.push((
                index,
                Retired {
                    value,
                    reason: tombstone.removed.clone(),
                    message: tombstone.message.clone(),
                },
            ));
        }
        retired
    }

    /// The codes of `raw`, whose texts are moved into them, not copied: nothing reads a
    /// code's message, description or deprecation note from `raw` afterwards.
    pub(super) fn codes(
        &mut self,
        raw: &mut RawCatalog,
        groups: &[Group],
        retired: &[(usize, Retired)],
    ) -> Vec<Code> {
        if raw.codes.iter().all(|entry| entry.live().is_none()) {
            self.report(
                Problem::at(root().key("codes"), "the catalog has no codes").hint(
                    if raw.codes.is_empty() {
                        "add at least one entry under `codes:`"
                    } else {
                        "every entry is `removed`; add at least one code that is not"
                    },
                ),
            );
        }
        let mut seen_values: HashMap<CodeValue, usize> = HashMap::with_capacity(raw.codes.len());
        // Variant and alias names share the enum's namespace.
        // Looked up once per name and never iterated, so hashed: a catalog may hold a great
        // many codes.
        let mut seen_names: HashMap<String, NameAt> = HashMap::with_capacity(raw.codes.len());
        // Constructors share the envelope's namespace; written names that differ only in case
        // (`TRFailure`, `TrFailure`) have the same snake_case form.
        let mut seen_constructors: BTreeMap<String, usize> = BTreeMap::new();
        let mut codes = Vec::with_capacity(raw.codes.len());
        let group_index = GroupIndex::new(groups);
        let (code_type, default_link, docs_url) = (
            raw.code_type,
            raw.default_link.clone(),
            raw.docs_url.clone(),
        );
        let entries = raw.codes.iter_mut().enumerate();
        for (index, entry) in entries.filter_map(|(index, entry)| match entry {
            RawEntry::Code(code) => Some((index, code)),
            RawEntry::Removed(_) => None,
        }) {
            let path = code_path(index);
            let value = self.code_value(&entry.code, code_type, &path);
            if let Some(value) = &value
                && let Some((tombstone, gone)) = retired.iter().find(|(_, r)| r.value == *value)
            {
                self.report(
                    Problem::at(
                        path.key("code"),
                        format!("code {} was removed and stays reserved", value.quoted()),
                    )
                    .hint(format!(
                        "retired codes are never reused, so that old clients cannot misread them; give this code a new {} (the tombstone says: {})",
                        match value {
                            CodeValue::Int(_) => "number",
                            CodeValue::Str(_) => "slug",
                        },
                        gone.reason.trim()
                    ))
                    .see("removed", code_path(*tombstone).key("removed")),
                );
            } else if let Some(value) = &value
                && let Some(first) = seen_values.insert(value.clone(), index)
            {
                self.report(duplicate_code(&path, value, first));
            }
            let statuses = self.code_statuses(entry, &path);
            let status = statuses.first().copied().unwrap_or(500);
            let variant = self.variant_name(entry, code_type, index, &path, &mut seen_names);
            for (alias_index, alias) in entry.aliases.iter().enumerate() {
                let at = NameAt::Alias(index, alias_index);
                if self.check_type_name(alias, at.path(), "alias") {
                    self.claim_name(ident::escape(alias), at, &mut seen_names);
                }
            }
            let detail = self.template(entry, &path);
            let group = value
                .as_ref()
                .and_then(|value| self.group_of(value, &group_index, &path));
            let constructor = detail
                .as_ref()
                .map(|_| self.constructor(&variant, entry, index, &path, &mut seen_constructors));
            let value = value.unwrap_or(CodeValue::Int(0));
            codes.push(Code {
                link: entry
                    .link
                    .clone()
                    .or_else(|| default_link.clone())
                    .or_else(|| docs_url.as_ref().map(|url| format!("{url}#{value}"))),
                type_uri: entry
                    .type_uri
                    .clone()
                    .unwrap_or_else(|| "about:blank".to_owned()),
                value,
                variant,
                message: std::mem::take(&mut entry.message),
                status,
                statuses,
                success: entry.kind == Kind::Success,
                description: entry.description.take(),
                detail,
                deprecated: entry.deprecated.take(),
                aliases: entry
                    .aliases
                    .iter()
                    .map(|alias| ident::escape(alias))
                    .collect(),
                group,
                constructor,
                shape: CodeShape::common(),
                translations: Vec::new(),
                rpc: Rpc::unset(),
            });
        }
        codes
    }

    /// A code's statuses (`status: 404` or `status: [200, 201]`), each checked.
    pub(super) fn code_statuses(&mut self, entry: &RawCode, path: &YamlPath) -> Vec<u16> {
        let many = matches!(entry.status, crate::load::raw::RawStatus::Many(_));
        let all = entry.status.all();
        if all.is_empty() {
            self.report(
                Problem::at(path.key("status"), "a code needs at least one HTTP status")
                    .hint("e.g. `status: 404`, or `status: [200, 201]` with the default first"),
            );
        }
        let mut statuses = Vec::with_capacity(all.len());
        for (index, &status) in all.iter().enumerate() {
            let at = || {
                if many {
                    path.key("status").index(index)
                } else {
                    path.key("status")
                }
            };
            match http_status(status) {
                Some(status) if statuses.contains(&status) => self.report(
                    Problem::at(at(), format!("HTTP status {status} is listed twice"))
                        .hint("list each status once, the default first"),
                ),
                Some(status) => statuses.push(status),
                None => {
                    self.report(bad_status(at(), status));
                    statuses.push(500);
                }
            }
        }
        statuses
    }

    pub(super) fn code_value(
        &mut self,
        raw: &RawCodeValue,
        code_type: CodeType,
        path: &YamlPath,
    ) -> Option<CodeValue> {
        let at = || path.key("code");
        match (raw, code_type) {
            (RawCodeValue::Int(value), CodeType::Integer) => match i64::try_from(*value) {
                Ok(value) => Some(CodeValue::Int(value)),
                Err(_) => {
                    self.report(
                        Problem::at(
                            at(),
                            format!("code {value} does not fit in a 64-bit signed integer"),
                        )
                        .hint(format!(
                            "integer codes range from {} to {}",
                            i64::MIN,
                            i64::MAX
                        )),
                    );
                    None
                }
            },
            (RawCodeValue::Str(slug), CodeType::String) if slug.is_empty() => {
                self.report(
                    Problem::at(at(), "empty code")
                        .hint("string codes are non-empty slugs, e.g. `not-found`"),
                );
                None
            }
            (RawCodeValue::Str(slug), CodeType::String) => Some(CodeValue::Str(slug.clone())),
            (RawCodeValue::Str(slug), CodeType::Integer) => {
                self.report(
                    Problem::at(
                        at(),
                        format!("code \"{slug}\" is a string, but `code_type` is `integer`"),
                    )
                    .hint("write the code as a number, or set `code_type: string`"),
                );
                None
            }
            (RawCodeValue::Int(value), CodeType::String) => {
                self.report(
                    Problem::at(
                        at(),
                        format!("code {value} is an integer, but `code_type` is `string`"),
                    )
                    .hint(format!(
                        "quote it (`code: \"{value}\"`), or set `code_type: integer`"
                    )),
                );
                None
            }
        }
    }
}

pub(super) fn fits_u32(value: &CodeValue) -> bool {
    matches!(value, CodeValue::Int(v) if u32::try_from(*v).is_ok())
}

pub(super) fn http_status(status: i64) -> Option<u16> {
    u16::try_from(status)
        .ok()
        .filter(|s| (100..=599).contains(s))
}

pub(super) fn bad_status(path: YamlPath, status: i64) -> Problem {
    Problem::at(path, format!("HTTP status {status} is outside 100–599"))
        .hint("use a status from RFC 9110, e.g. 404 or 500")
}

/// The entries of `codes` that are codes rather than tombstones, with their index.
pub(super) fn live_codes(raw: &RawCatalog) -> impl Iterator<Item = (usize, &RawCode)> {
    raw.codes
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| Some((index, entry.live()?)))
}

pub(super) fn duplicate_code(path: &YamlPath, value: &CodeValue, first: usize) -> Problem {
    Problem::at(
        path.key("code"),
        format!("duplicate code {}", value.quoted()),
    )
    .hint("every code must be unique; a retired code stays reserved")
    .see("first defined", code_path(first).key("code"))
}
