//! Checks a raw catalog and builds the model from it.
//!
//! Every problem is collected, each naming the YAML node it is about, so that one run reports
//! them all. A catalog that passes always generates Rust that compiles: whatever would not
//! (colliding names, a field the envelope cannot fill, an infinitely large type) is rejected
//! here with a reason.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalog::{
    CodeType, Kind, RawCatalog, RawCode, RawCodeValue, RawEntry, RawEnvelope, RawField, RawGroup,
    RawSchema,
};
use crate::diagnostic::{Problem, did_you_mean, quoted_list};
use crate::ident;
use crate::limits::MAX_PROBLEMS;
use crate::locate::YamlPath;
use crate::model::{
    Binding, Catalog, Code, CodeRepr, CodeValue, Envelope, Field, FieldType, Group, GroupMembers,
    Param, Piece, Retired, Schema, Template, TypeNames,
};

const SCALAR_TYPES: &[&str] = &["string", "integer", "number", "boolean", "any", "array"];

/// Validates `raw` into a [`Catalog`], or returns every problem found.
pub fn validate(raw: RawCatalog) -> Result<Catalog, Vec<Problem>> {
    let mut check = Checker::default();
    let catalog = check.catalog(raw);
    if check.problems.is_empty() {
        Ok(catalog)
    } else {
        Err(check.problems)
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

fn root() -> YamlPath {
    YamlPath::root()
}

impl Checker {
    fn report(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    fn catalog(&mut self, raw: RawCatalog) -> Catalog {
        self.catalog_name(&raw.name);
        let types = self.type_names(&raw);
        let groups = self.groups(&raw.groups, raw.code_type);
        let statuses = self.statuses(&raw.statuses);
        let envelope = self.envelope(&raw.envelope, &types, raw.code_type);
        let retired = self.retired(&raw);
        let codes = self.codes(&raw, &groups, &retired);
        self.bindings_have_values(&raw, &envelope);
        let repr = match raw.code_type {
            CodeType::String => CodeRepr::Str,
            CodeType::Integer if codes.iter().all(|c| fits_u32(&c.value)) => CodeRepr::U32,
            CodeType::Integer => CodeRepr::I64,
        };
        Catalog {
            name: raw.name,
            title: raw.title,
            description: raw.description,
            version: raw.version,
            docs_url: raw.docs_url,
            types,
            repr,
            groups,
            statuses,
            envelope,
            codes,
            retired: retired.into_iter().map(|(_, retired)| retired).collect(),
        }
    }

    fn catalog_name(&mut self, name: &str) {
        let snake = ident::value_case(name);
        if ident::is_identifier(name) && snake == name && ident::escape(name) != name {
            self.report(
                Problem::at(
                    root().key("name"),
                    format!("catalog name `{name}` is a Rust keyword"),
                )
                .hint(format!(
                    "it names the generated module and file; try `{name}_api`"
                )),
            );
        } else if !ident::is_identifier(name) || snake != name {
            self.report(
                Problem::at(
                    root().key("name"),
                    format!("catalog name `{name}` is not a snake_case identifier"),
                )
                .hint(format!(
                    "it names the generated module and file; try `{}`",
                    if snake.is_empty() {
                        "my_api".into()
                    } else {
                        snake
                    }
                )),
            );
        }
    }

    fn type_names(&mut self, raw: &RawCatalog) -> TypeNames {
        let code = match &raw.type_name {
            Some(given) => {
                if self.check_type_name(given, root().key("type_name"), "type_name") {
                    self.not_self_type(given, root().key("type_name"));
                }
                given.clone()
            }
            None => format!("{}Code", ident::type_case(&raw.name)),
        };
        if raw.type_name.is_some() {
            self.derived_type_names_usable(&code);
        }
        let base = code
            .strip_suffix("Code")
            .filter(|b| !b.is_empty())
            .unwrap_or(&code);
        TypeNames {
            prefix: ident::type_case(&raw.name),
            group: format!("{base}Group"),
            or_unknown: format!("{code}OrUnknown"),
            unknown: format!("Unknown{code}"),
            code,
        }
    }

    /// The types named after a written `type_name` must pass the same lints: `_Foo` is
    /// accepted by rustc, `Unknown_Foo` is not.
    fn derived_type_names_usable(&mut self, code: &str) {
        if ident::type_name_fault(code).is_some() {
            return;
        }
        let base = code
            .strip_suffix("Code")
            .filter(|b| !b.is_empty())
            .unwrap_or(code);
        for derived in [
            format!("{base}Group"),
            format!("{code}OrUnknown"),
            format!("Unknown{code}"),
        ] {
            if ident::type_name_fault(&derived).is_some() {
                self.report(
                    Problem::at(
                        root().key("type_name"),
                        format!("type_name `{code}` would name the type `{derived}`, which rustc warns about"),
                    )
                    .hint("drop the leading or trailing `_`"),
                );
                return;
            }
        }
    }

    /// A type or variant name given in the catalog, used as written: it must pass the lints
    /// the generated code is held to (see [`ident::type_name_fault`]). Returns whether it is
    /// usable.
    fn check_type_name(&mut self, name: &str, path: YamlPath, what: &str) -> bool {
        let Some(fault) = ident::type_name_fault(name) else {
            return true;
        };
        let pascal = ident::type_case(name);
        let suggestion = if ident::type_name_fault(&pascal).is_none() {
            format!(": try `{pascal}`")
        } else {
            String::new()
        };
        let (message, hint) = match fault {
            ident::TypeNameFault::NotIdentifier if suggestion.is_empty() => (
                "is not a valid PascalCase identifier",
                "use ASCII letters and digits, starting with a letter, e.g. `NotFound`".to_owned(),
            ),
            ident::TypeNameFault::NotIdentifier | ident::TypeNameFault::NotCamelCase => (
                "is not a valid PascalCase identifier",
                format!(
                    "Rust type and variant names are PascalCase, without `_` next to a letter (capitals as in `HTTPError` are fine){suggestion}"
                ),
            ),
            ident::TypeNameFault::AllCapitals => (
                "is all capitals",
                format!("clippy's `upper_case_acronyms` lint warns about such names{suggestion}"),
            ),
        };
        self.report(Problem::at(path, format!("{what} `{name}` {message}")).hint(hint));
        false
    }

    /// `Self` is the one PascalCase keyword. Variants and aliases escape it (`Self_`), but a
    /// type keeps its name on the wire and in OpenAPI, so it cannot be renamed. Returns
    /// whether the name is usable.
    fn not_self_type(&mut self, name: &str, path: YamlPath) -> bool {
        if name != "Self" {
            return true;
        }
        self.report(
            Problem::at(path, "`Self` is a Rust keyword and cannot name a type")
                .hint("choose another name, e.g. `SelfError`"),
        );
        false
    }

    fn groups(&mut self, raw: &[RawGroup], code_type: CodeType) -> Vec<Group> {
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

    fn statuses(&mut self, raw: &BTreeMap<i64, String>) -> BTreeMap<u16, String> {
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
    fn retired(&mut self, raw: &RawCatalog) -> Vec<(usize, Retired)> {
        let mut retired: Vec<(usize, Retired)> = Vec::new();
        for (index, entry) in raw.codes.iter().enumerate() {
            let RawEntry::Removed(tombstone) = entry else {
                continue;
            };
            let path = root().key("codes").index(index);
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

    fn codes(
        &mut self,
        raw: &RawCatalog,
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
        let mut seen_values: BTreeMap<CodeValue, usize> = BTreeMap::new();
        // Variant and alias names share the enum's namespace.
        let mut seen_names: BTreeMap<String, YamlPath> = BTreeMap::new();
        // Constructors share the envelope's namespace; written names that differ only in case
        // (`TRFailure`, `TrFailure`) have the same snake_case form.
        let mut seen_constructors: BTreeMap<String, usize> = BTreeMap::new();
        let mut codes = Vec::with_capacity(raw.codes.len());
        let group_index = GroupIndex::new(groups);
        for (index, entry) in live_codes(raw) {
            let path = root().key("codes").index(index);
            let value = self.code_value(&entry.code, raw.code_type, &path);
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
                    .see("removed", root().key("codes").index(*tombstone).key("removed")),
                );
            } else if let Some(value) = &value
                && let Some(first) = seen_values.insert(value.clone(), index)
            {
                self.report(duplicate_code(&path, value, first));
            }
            let status = match http_status(entry.status) {
                Some(status) => status,
                None => {
                    self.report(bad_status(path.key("status"), entry.status));
                    500
                }
            };
            let variant = self.variant_name(entry, raw.code_type, &path, &mut seen_names);
            for (alias_index, alias) in entry.aliases.iter().enumerate() {
                let alias_path = path.key("aliases").index(alias_index);
                if self.check_type_name(alias, alias_path.clone(), "alias") {
                    self.claim_name(ident::escape(alias), alias_path, &mut seen_names);
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
                    .or_else(|| raw.default_link.clone())
                    .or_else(|| raw.docs_url.as_ref().map(|url| format!("{url}#{value}"))),
                type_uri: entry
                    .type_uri
                    .clone()
                    .unwrap_or_else(|| "about:blank".to_owned()),
                value,
                variant,
                message: entry.message.clone(),
                status,
                success: entry.kind == Kind::Success,
                description: entry.description.clone(),
                detail,
                deprecated: entry.deprecated.clone(),
                aliases: entry
                    .aliases
                    .iter()
                    .map(|alias| ident::escape(alias))
                    .collect(),
                group,
                constructor,
            });
        }
        codes
    }

    fn code_value(
        &mut self,
        raw: &RawCodeValue,
        code_type: CodeType,
        path: &YamlPath,
    ) -> Option<CodeValue> {
        let at = path.key("code");
        match (raw, code_type) {
            (RawCodeValue::Int(value), CodeType::Integer) => match i64::try_from(*value) {
                Ok(value) => Some(CodeValue::Int(value)),
                Err(_) => {
                    self.report(
                        Problem::at(
                            at,
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
                    Problem::at(at, "empty code")
                        .hint("string codes are non-empty slugs, e.g. `not-found`"),
                );
                None
            }
            (RawCodeValue::Str(slug), CodeType::String) => Some(CodeValue::Str(slug.clone())),
            (RawCodeValue::Str(slug), CodeType::Integer) => {
                self.report(
                    Problem::at(
                        at,
                        format!("code \"{slug}\" is a string, but `code_type` is `integer`"),
                    )
                    .hint("write the code as a number, or set `code_type: string`"),
                );
                None
            }
            (RawCodeValue::Int(value), CodeType::String) => {
                self.report(
                    Problem::at(
                        at,
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

    fn variant_name(
        &mut self,
        entry: &RawCode,
        code_type: CodeType,
        path: &YamlPath,
        seen: &mut BTreeMap<String, YamlPath>,
    ) -> String {
        let (name, at) = match &entry.name {
            Some(given) => {
                if !self.check_type_name(given, path.key("name"), "name") {
                    return given.clone();
                }
                (given.clone(), path.key("name"))
            }
            None => {
                let source = match (&entry.code, code_type) {
                    (RawCodeValue::Str(slug), CodeType::String) => slug.as_str(),
                    _ => entry.message.as_str(),
                };
                let derived = ident::type_case(source);
                let slug =
                    matches!(entry.code, RawCodeValue::Str(_)) && code_type == CodeType::String;
                // An empty slug is reported as an empty code already.
                if source.is_empty() && slug {
                    return derived;
                }
                if !ident::is_identifier(&derived) {
                    let from = if source.is_empty() {
                        "an empty message".to_owned()
                    } else {
                        format!("`{source}`")
                    };
                    self.report(
                        Problem::at(
                            path.key("code"),
                            format!("cannot make a Rust name from {from}"),
                        )
                        .hint("add `name:` with a PascalCase name, e.g. `name: NotFound`"),
                    );
                    return derived;
                }
                (derived, path.key("code"))
            }
        };
        let variant = ident::escape(&name);
        self.claim_name(variant.clone(), at, seen);
        variant
    }

    /// The name of the envelope's constructor for a code with a `detail` template: the
    /// variant in snake_case, which must be an identifier and unique.
    fn constructor(
        &mut self,
        variant: &str,
        entry: &RawCode,
        index: usize,
        path: &YamlPath,
        seen: &mut BTreeMap<String, usize>,
    ) -> String {
        let snake = ident::value_case(ident::unraw(variant));
        let at = if entry.name.is_some() {
            path.key("name")
        } else {
            path.key("code")
        };
        if !ident::is_identifier(&snake) {
            self.report(
                Problem::at(
                    at,
                    format!(
                        "`{}` makes no constructor name for its `detail`",
                        ident::unraw(variant)
                    ),
                )
                .hint(format!(
                    "its snake_case form `{snake}` is not an identifier; give the code a `name:` with letters, e.g. `name: NotFound`"
                )),
            );
        } else if let Some(first) = seen.get(&snake) {
            self.report(
                Problem::at(
                    at,
                    format!("the constructor `{snake}` is already made for another code"),
                )
                .hint("constructors are the snake_case of the variant names; give one of them a distinct `name:`")
                .see("the other code", root().key("codes").index(*first)),
            );
        } else {
            seen.insert(snake.clone(), index);
        }
        ident::escape(&snake)
    }

    fn claim_name(&mut self, name: String, at: YamlPath, seen: &mut BTreeMap<String, YamlPath>) {
        if let Some(first) = seen.get(&name) {
            self.report(
                Problem::at(at, format!("the Rust name `{name}` is already used by another code"))
                    .hint("names are compared after conversion to PascalCase; give one of them a distinct `name:`")
                    .see("the other code", first.clone()),
            );
        } else {
            seen.insert(name, at);
        }
    }

    fn template(&mut self, entry: &RawCode, path: &YamlPath) -> Option<Template> {
        let mut used = BTreeSet::new();
        let template = entry.detail.as_ref().and_then(|text| {
            let at = path.key("detail");
            let pieces = match split_template(text) {
                Ok(pieces) => pieces,
                Err(message) => {
                    self.report(
                        Problem::at(at, message).hint("write `{{` and `}}` for literal braces"),
                    );
                    return None;
                }
            };
            let mut params: Vec<crate::model::Param> = Vec::new();
            let mut resolved = Vec::new();
            for piece in pieces {
                match piece {
                    RawPiece::Text(text) => resolved.push(Piece::Text(text)),
                    RawPiece::Param(name) => {
                        let Some(&ty) = entry.params.get(&name) else {
                            self.report(
                                Problem::at(
                                    at.clone(),
                                    format!("placeholder `{{{name}}}` has no declared param"),
                                )
                                .hint(format!("declare it: `params: {{ {name}: string }}`")),
                            );
                            continue;
                        };
                        used.insert(name.clone());
                        let index = match params.iter().position(|p| p.name == name) {
                            Some(index) => index,
                            None => {
                                params.push(self.param(&name, ty, path));
                                params.len() - 1
                            }
                        };
                        resolved.push(Piece::Param(index));
                    }
                }
            }
            Some(Template {
                text: text.clone(),
                pieces: resolved,
                params,
            })
        });
        for name in entry.params.keys().filter(|name| !used.contains(*name)) {
            let hint = match &entry.detail {
                Some(_) => format!("use it in `detail` as `{{{name}}}`, or remove it"),
                None => {
                    "params fill the `detail` template; add one, or remove the param".to_owned()
                }
            };
            self.report(
                Problem::at(
                    path.key("params").key(name).the_key(),
                    format!("param `{name}` is never used"),
                )
                .hint(hint),
            );
        }
        template
    }

    fn param(&mut self, name: &str, ty: crate::model::ParamType, path: &YamlPath) -> Param {
        let snake = ident::value_case(name);
        if !ident::is_identifier(&snake) || snake != name {
            self.report(
                Problem::at(
                    path.key("params").key(name).the_key(),
                    format!("param `{name}` is not a snake_case identifier"),
                )
                .hint(format!(
                    "params become Rust arguments; try `{}`",
                    if ident::is_identifier(&snake) {
                        snake.as_str()
                    } else {
                        "value"
                    }
                )),
            );
        }
        Param {
            name: name.to_owned(),
            ident: ident::escape(&snake),
            ty,
        }
    }

    fn group_of(
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

    fn envelope(&mut self, raw: &RawEnvelope, types: &TypeNames, code_type: CodeType) -> Envelope {
        let path = root().key("envelope");
        let mut taken: BTreeMap<&str, &str> = BTreeMap::from([
            (types.code.as_str(), "the code enum"),
            (types.group.as_str(), "the group enum"),
            (types.or_unknown.as_str(), "the wire code type"),
            (types.unknown.as_str(), "the unknown-code error"),
        ]);
        self.type_name_free(&raw.name, path.key("name"), &mut taken, "the envelope");
        if !is_media_type(&raw.media_type) {
            self.report(
                Problem::at(
                    path.key("media_type"),
                    format!(
                        "media type `{}` is not of the form `type/subtype`",
                        raw.media_type.escape_debug()
                    ),
                )
                .hint(
                    "e.g. `application/json`, or `application/problem+json` for RFC 9457 problems",
                ),
            );
        }
        for name in raw.schemas.keys() {
            if self.check_type_name(name, path.key("schemas").key(name).the_key(), "schema") {
                self.type_name_free(
                    name,
                    path.key("schemas").key(name).the_key(),
                    &mut taken,
                    "a schema",
                );
            }
        }
        let known = |name: &str| -> Option<FieldType> {
            if name == raw.name {
                Some(FieldType::Envelope)
            } else if raw.schemas.contains_key(name) {
                Some(FieldType::Schema(name.to_owned()))
            } else {
                None
            }
        };
        let fields = self.fields(
            &raw.fields,
            &path.key("fields"),
            &known,
            raw,
            Some(code_type),
        );
        let schemas = raw
            .schemas
            .iter()
            .map(|(name, schema)| {
                let fields = self.fields(
                    &schema.fields,
                    &schema_fields_path(&path, name, schema),
                    &known,
                    raw,
                    None,
                );
                let schema = Schema {
                    name: name.clone(),
                    description: schema.description.clone(),
                    fields,
                };
                (name.clone(), schema)
            })
            .collect();
        let mut envelope = Envelope {
            name: raw.name.clone(),
            media_type: raw.media_type.clone(),
            description: raw.description.clone(),
            fields,
            schemas,
        };
        self.box_cycles(&mut envelope, raw, &path);
        envelope
    }

    fn type_name_free<'a>(
        &mut self,
        name: &'a str,
        path: YamlPath,
        taken: &mut BTreeMap<&'a str, &'a str>,
        what: &'a str,
    ) {
        if !self.check_type_name(name, path.clone(), "type name")
            || !self.not_self_type(name, path.clone())
        {
            return;
        }
        if let Some(other) = taken.insert(name, what) {
            self.report(
                Problem::at(path, format!("`{name}` names both {what} and {other}")).hint(
                    "every generated type needs its own name; rename this one (or set `type_name`)",
                ),
            );
        }
    }

    /// The fields of the envelope (`code_type` given) or of a schema (`None`).
    fn fields(
        &mut self,
        raw: &[RawField],
        path: &YamlPath,
        known: &dyn Fn(&str) -> Option<FieldType>,
        envelope: &RawEnvelope,
        code_type: Option<CodeType>,
    ) -> Vec<Field> {
        let mut idents: BTreeMap<String, usize> = BTreeMap::new();
        let mut bindings: BTreeMap<Binding, usize> = BTreeMap::new();
        let mut fields = Vec::new();
        for (index, field) in raw.iter().enumerate() {
            let at = path.index(index);
            let snake = ident::value_case(&field.name);
            if !ident::is_identifier(&snake) {
                self.report(
                    Problem::at(
                        at.key("name"),
                        format!("cannot make a Rust field name from `{}`", field.name),
                    )
                    .hint(
                        "field names must contain ASCII letters; the wire name is kept as written",
                    ),
                );
            }
            let ident = ident::escape(&snake);
            if let Some(first) = idents.insert(ident.clone(), index) {
                self.report(
                    Problem::at(
                        at.key("name"),
                        format!(
                            "field `{}` has the same Rust name `{ident}` as field `{}`",
                            field.name, raw[first].name
                        ),
                    )
                    .hint("wire names are converted to snake_case; rename one of them")
                    .see("the other field", path.index(first).key("name")),
                );
            }
            let mut ty = self.field_type(field, &at, known, envelope);
            if let Some(binding) = field.from {
                match code_type {
                    None => self.report(
                        Problem::at(
                            at.key("from"),
                            format!(
                                "field `{}` of a schema cannot be bound `from: {}`",
                                field.name,
                                binding.as_str()
                            ),
                        )
                        .hint("only the envelope's own fields carry catalog values"),
                    ),
                    Some(code_type) => {
                        if let Some(first) = bindings.insert(binding, index) {
                            self.report(
                                Problem::at(
                                    at.key("from"),
                                    format!(
                                        "fields `{}` and `{}` are both bound `from: {}`",
                                        raw[first].name,
                                        field.name,
                                        binding.as_str()
                                    ),
                                )
                                .hint("bind each catalog value to one field"),
                            );
                        }
                        ty = self.bound_type(field, binding, ty, code_type, &at);
                    }
                }
            } else if field.required && code_type.is_some() && ty == FieldType::Envelope {
                self.report(
                    Problem::at(at.key("required"), format!("required field `{}` holds the envelope itself, which a code cannot fill", field.name))
                        .hint("make it optional, or an array of problems"),
                );
            }
            fields.push(Field {
                wire_name: field.name.clone(),
                ident,
                ty,
                from: field.from,
                required: field.required,
                description: field.description.clone(),
                boxed: false,
            });
        }
        fields
    }

    fn field_type(
        &mut self,
        field: &RawField,
        at: &YamlPath,
        known: &dyn Fn(&str) -> Option<FieldType>,
        envelope: &RawEnvelope,
    ) -> FieldType {
        let resolve = |this: &mut Self, name: &str, path: YamlPath| -> FieldType {
            match name {
                "string" => FieldType::String,
                "integer" => FieldType::Integer,
                "number" => FieldType::Number,
                "boolean" => FieldType::Boolean,
                "any" => FieldType::Any,
                "array" => FieldType::Array(Box::new(FieldType::Any)),
                other => match known(other) {
                    Some(ty) => ty,
                    None => {
                        let candidates = SCALAR_TYPES
                            .iter()
                            .copied()
                            .chain(std::iter::once(envelope.name.as_str()))
                            .chain(envelope.schemas.keys().map(String::as_str));
                        // Only the first problems are shown; spare the comparisons for the rest.
                        let shown = this.problems.len() < MAX_PROBLEMS;
                        let close = shown.then(|| did_you_mean(other, candidates)).flatten();
                        let hint = match close {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => format!(
                                "a type is one of {}, the envelope's name, or a schema declared under `envelope.schemas`",
                                quoted_list(SCALAR_TYPES)
                            ),
                        };
                        this.report(
                            Problem::at(
                                path,
                                format!("unknown type `{other}` for field `{}`", field.name),
                            )
                            .hint(hint),
                        );
                        FieldType::Any
                    }
                },
            }
        };
        let ty = resolve(self, &field.ty, at.key("type"));
        match (&ty, &field.items) {
            (FieldType::Array(_), Some(items)) => {
                let item = resolve(self, items, at.key("items"));
                if matches!(item, FieldType::Array(_)) {
                    self.report(
                        Problem::at(
                            at.key("items"),
                            format!("field `{}` is an array of arrays", field.name),
                        )
                        .hint("declare a schema for the inner element and use it as `items`"),
                    );
                }
                FieldType::Array(Box::new(item))
            }
            (FieldType::Array(_), None) => {
                self.report(
                    Problem::at(
                        at.key("type"),
                        format!("array field `{}` does not say what it holds", field.name),
                    )
                    .hint("add `items:` with the element type, e.g. `items: string`"),
                );
                ty
            }
            (_, Some(_)) => {
                self.report(
                    Problem::at(
                        at.key("items").the_key(),
                        format!("field `{}` has `items` but is not an array", field.name),
                    )
                    .hint("remove `items`, or set `type: array`"),
                );
                ty
            }
            (_, None) => ty,
        }
    }

    /// The type of a field bound to a catalog value, after checking the declared type fits.
    fn bound_type(
        &mut self,
        field: &RawField,
        binding: Binding,
        declared: FieldType,
        code_type: CodeType,
        at: &YamlPath,
    ) -> FieldType {
        let (expected, ty) = match binding {
            Binding::Code => match code_type {
                CodeType::Integer => (FieldType::Integer, FieldType::Code),
                CodeType::String => (FieldType::String, FieldType::Code),
            },
            Binding::Status => (FieldType::Integer, FieldType::Status),
            Binding::Message | Binding::Detail | Binding::Link | Binding::TypeUri => {
                (FieldType::String, FieldType::String)
            }
        };
        if declared != expected {
            let name = match expected {
                FieldType::Integer => "integer",
                _ => "string",
            };
            self.report(
                Problem::at(
                    at.key("type"),
                    format!(
                        "field `{}` is bound `from: {}`, which is a {name}",
                        field.name,
                        binding.as_str()
                    ),
                )
                .hint(format!("declare `type: {name}`")),
            );
        }
        ty
    }

    /// Fields bound to a value that some code lacks.
    fn bindings_have_values(&mut self, raw: &RawCatalog, envelope: &Envelope) {
        let Some((index, field)) = envelope
            .fields
            .iter()
            .enumerate()
            .find(|(_, f)| f.from == Some(Binding::Link))
        else {
            return;
        };
        if raw.default_link.is_some() || raw.docs_url.is_some() {
            return;
        }
        let at = root()
            .key("envelope")
            .key("fields")
            .index(index)
            .key("from");
        match live_codes(raw).position(|(_, code)| code.link.is_none()) {
            None => {}
            Some(_) if live_codes(raw).all(|(_, code)| code.link.is_none()) => self.report(
                Problem::at(
                    at,
                    format!(
                        "field `{}` is bound `from: link`, but the catalog has no links",
                        field.wire_name
                    ),
                )
                .hint("set `docs_url` or `default_link`, or give codes a `link:`"),
            ),
            Some(_) if field.required => self.report(
                Problem::at(
                    at,
                    format!(
                        "required field `{}` is bound `from: link`, but some codes have no link",
                        field.wire_name
                    ),
                )
                .hint("set `docs_url` or `default_link`, or make the field optional"),
            ),
            Some(_) => {}
        }
        for (index, code) in live_codes(raw) {
            if code.detail.is_some()
                && !envelope
                    .fields
                    .iter()
                    .any(|f| f.from == Some(Binding::Detail))
            {
                self.report(
                    Problem::at(root().key("codes").index(index).key("detail"), "this code has a `detail` template, but no envelope field is bound `from: detail`")
                        .hint("add a field such as `{ name: detail, type: string, from: detail }` to the envelope"),
                );
            }
        }
    }

    /// Boxes single references that lead back to the type holding them, and rejects required
    /// ones, which would make every value infinitely large.
    fn box_cycles(&mut self, envelope: &mut Envelope, raw: &RawEnvelope, path: &YamlPath) {
        // Edges of the "holds one of" graph: a non-array reference from one type to another.
        let holds = |fields: &[Field]| -> Vec<String> {
            fields
                .iter()
                .filter_map(|field| match &field.ty {
                    FieldType::Schema(name) => Some(name.clone()),
                    FieldType::Envelope => Some(envelope.name.clone()),
                    _ => None,
                })
                .collect()
        };
        let mut graph: BTreeMap<String, Vec<String>> = envelope
            .schemas
            .iter()
            .map(|(name, s)| (name.clone(), holds(&s.fields)))
            .collect();
        graph.insert(envelope.name.clone(), holds(&envelope.fields));
        let reaches = |from: &str, to: &str| -> bool {
            let mut stack = vec![from.to_owned()];
            let mut seen = BTreeSet::new();
            while let Some(node) = stack.pop() {
                if node == to {
                    return true;
                }
                if seen.insert(node.clone()) {
                    stack.extend(graph.get(&node).into_iter().flatten().cloned());
                }
            }
            false
        };
        let envelope_name = envelope.name.clone();
        let mark = |owner: &str,
                    fields: &mut [Field],
                    fields_path: YamlPath,
                    problems: &mut Vec<Problem>| {
            for (index, field) in fields.iter_mut().enumerate() {
                let target = match &field.ty {
                    FieldType::Schema(name) => name.clone(),
                    FieldType::Envelope => envelope_name.clone(),
                    _ => continue,
                };
                if reaches(&target, owner) {
                    field.boxed = true;
                    if field.required {
                        problems.push(
                            Problem::at(fields_path.index(index).key("required"), format!("required field `{}` leads back to `{owner}`, so a value would never end", field.wire_name))
                                .hint("make the field optional, or an array"),
                        );
                    }
                }
            }
        };
        let mut problems = Vec::new();
        mark(
            &envelope_name,
            &mut envelope.fields,
            path.key("fields"),
            &mut problems,
        );
        for (name, schema) in &mut envelope.schemas {
            mark(
                name,
                &mut schema.fields,
                schema_fields_path(path, name, &raw.schemas[name]),
                &mut problems,
            );
        }
        // The envelope's own required self-reference was reported already.
        problems.retain(|p| !self.problems.iter().any(|q| q.at == p.at));
        self.problems.extend(problems);
    }
}

/// Where the fields of a schema are: directly under its key, or under its `fields`.
fn schema_fields_path(envelope: &YamlPath, name: &str, schema: &RawSchema) -> YamlPath {
    let schema_path = envelope.key("schemas").key(name);
    if schema.bare {
        schema_path
    } else {
        schema_path.key("fields")
    }
}

fn fits_u32(value: &CodeValue) -> bool {
    matches!(value, CodeValue::Int(v) if u32::try_from(*v).is_ok())
}

fn http_status(status: i64) -> Option<u16> {
    u16::try_from(status)
        .ok()
        .filter(|s| (100..=599).contains(s))
}

/// Whether `text` is a media type (RFC 9110 §8.3.1: `type/subtype`, then `; parameters`)
/// that can be sent as a `Content-Type` header value as it is.
fn is_media_type(text: &str) -> bool {
    let is_token = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c))
    };
    let essence = text.split(';').next().unwrap_or_default().trim_end();
    let header_safe = text.chars().all(|c| c == '\t' || (' '..='~').contains(&c));
    header_safe
        && essence
            .split_once('/')
            .is_some_and(|(kind, subtype)| is_token(kind) && is_token(subtype))
}

fn bad_status(path: YamlPath, status: i64) -> Problem {
    Problem::at(path, format!("HTTP status {status} is outside 100–599"))
        .hint("use a status from RFC 9110, e.g. 404 or 500")
}

/// The entries of `codes` that are codes rather than tombstones, with their index.
fn live_codes(raw: &RawCatalog) -> impl Iterator<Item = (usize, &RawCode)> {
    raw.codes
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| Some((index, entry.live()?)))
}

fn duplicate_code(path: &YamlPath, value: &CodeValue, first: usize) -> Problem {
    Problem::at(
        path.key("code"),
        format!("duplicate code {}", value.quoted()),
    )
    .hint("every code must be unique; a retired code stays reserved")
    .see(
        "first defined",
        root().key("codes").index(first).key("code"),
    )
}

/// Finds the group holding a code in time logarithmic in the number of groups, so that
/// placing every code stays linear in the catalog's size when groups grow with it.
struct GroupIndex<'a> {
    /// Ranges by lower bound, each with the index of the group reaching highest among it and
    /// the ranges before it.
    ranges: Vec<(i64, i64, usize)>,
    /// Prefixes, each with the first group that has it.
    prefixes: BTreeMap<&'a str, usize>,
}

impl<'a> GroupIndex<'a> {
    fn new(groups: &'a [Group]) -> Self {
        let mut ranges = Vec::new();
        let mut prefixes = BTreeMap::new();
        for (index, group) in groups.iter().enumerate() {
            match &group.members {
                GroupMembers::Range(low, high) => ranges.push((*low, *high, index)),
                GroupMembers::Prefix(prefix) => {
                    prefixes.entry(prefix.as_str()).or_insert(index);
                }
            }
        }
        ranges.sort_unstable();
        let mut reach: Option<(i64, usize)> = None;
        for (_, high, index) in &mut ranges {
            if reach.is_none_or(|(highest, _)| *high > highest) {
                reach = Some((*high, *index));
            }
            (*high, *index) = reach.unwrap_or((*high, *index));
        }
        GroupIndex { ranges, prefixes }
    }

    fn is_empty(&self) -> bool {
        self.ranges.is_empty() && self.prefixes.is_empty()
    }

    /// A group holding `value`; when groups overlap (an error reported separately), any one.
    fn find(&self, value: &CodeValue) -> Option<usize> {
        match value {
            CodeValue::Int(v) => {
                let before = self.ranges.partition_point(|(low, _, _)| low <= v);
                let (_, highest, index) = *self.ranges.get(before.checked_sub(1)?)?;
                (highest >= *v).then_some(index)
            }
            CodeValue::Str(slug) => (0..=slug.len())
                .filter(|&end| slug.is_char_boundary(end))
                .find_map(|end| self.prefixes.get(&slug[..end]).copied()),
        }
    }
}

/// The pairs `(i, j)`, `i < j`, of groups that share codes, in that order. Sorted by where
/// they start, each group is compared only with the groups that start inside it, so the cost
/// grows with the number of groups and of overlaps, not with every pair of groups.
fn overlapping_pairs(groups: &[Group]) -> Vec<(usize, usize)> {
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

enum RawPiece {
    Text(String),
    Param(String),
}

/// Splits `Project {slug} not found` into text and placeholders; `{{`/`}}` are literal braces.
fn split_template(text: &str) -> Result<Vec<RawPiece>, String> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                literal.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                literal.push('}');
            }
            '{' => {
                let mut name = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) if c.is_ascii_alphanumeric() || c == '_' => name.push(c),
                        Some(c) => {
                            return Err(format!(
                                "unexpected `{c}` in a placeholder of the detail template"
                            ));
                        }
                        None => return Err("unclosed `{` in the detail template".to_owned()),
                    }
                }
                if name.is_empty() {
                    return Err("empty placeholder `{}` in the detail template".to_owned());
                }
                if !literal.is_empty() {
                    pieces.push(RawPiece::Text(std::mem::take(&mut literal)));
                }
                pieces.push(RawPiece::Param(name));
            }
            '}' => return Err("unmatched `}` in the detail template".to_owned()),
            c => literal.push(c),
        }
    }
    if !literal.is_empty() {
        pieces.push(RawPiece::Text(literal));
    }
    Ok(pieces)
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
