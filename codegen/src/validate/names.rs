//! Names: the catalog'\''s, the generated types'\'', and the variants of codes and groups, each
//! checked to be an identifier that collides with no other.

use std::collections::BTreeMap;
use std::collections::hash_map::{Entry, HashMap};

use crate::diagnostic::Problem;
use crate::diagnostic::locate::YamlPath;
use crate::ident;
use crate::load::raw::{CodeType, RawCatalog, RawCode, RawCodeValue};
use crate::model::TypeNames;

use super::{Checker, code_path, root};

impl Checker {
    pub(super) fn catalog_name(&mut self, name: &str) {
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

    pub(super) fn type_names(&mut self, raw: &RawCatalog) -> TypeNames {
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
            locale: format!("{base}Locale"),
            unknown_locale: format!("Unknown{base}Locale"),
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
            format!("{base}Locale"),
            format!("Unknown{base}Locale"),
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
    pub(super) fn check_type_name(&mut self, name: &str, path: YamlPath, what: &str) -> bool {
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
    pub(super) fn not_self_type(&mut self, name: &str, path: YamlPath) -> bool {
        if name != "Self" {
            return true;
        }
        self.report(
            Problem::at(path, "`Self` is a Rust keyword and cannot name a type")
                .hint("choose another name, e.g. `SelfError`"),
        );
        false
    }

    /// The variant name of the code at `index` of `codes`, claimed in `seen`.
    pub(super) fn variant_name(
        &mut self,
        entry: &RawCode,
        code_type: CodeType,
        index: usize,
        path: &YamlPath,
        seen: &mut HashMap<String, NameAt>,
    ) -> String {
        let (name, at) = match &entry.name {
            Some(given) => {
                if !self.check_type_name(given, path.key("name"), "name") {
                    return given.clone();
                }
                (given.clone(), NameAt::Written(index))
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
                    // A slug such as a SQLSTATE (`23505`) makes no name, but its message
                    // may: suggest that one.
                    let from_message = ident::type_case(&entry.message);
                    let hint = if slug && ident::type_name_fault(&from_message).is_none() {
                        format!(
                            "add `name:` with a PascalCase name, e.g. `name: {from_message}` (from its message)"
                        )
                    } else {
                        "add `name:` with a PascalCase name, e.g. `name: NotFound`".to_owned()
                    };
                    self.report(
                        Problem::at(
                            path.key("code"),
                            format!("cannot make a Rust name from {from}"),
                        )
                        .hint(hint),
                    );
                    return derived;
                }
                (derived, NameAt::Derived(index))
            }
        };
        let variant = ident::escape_owned(name);
        self.claim_name(variant.clone(), at, seen);
        variant
    }

    /// The name of the envelope's constructor for a code with a `detail` template: the
    /// variant in snake_case, which must be an identifier and unique.
    pub(super) fn constructor(
        &mut self,
        variant: &str,
        entry: &RawCode,
        index: usize,
        path: &YamlPath,
        seen: &mut BTreeMap<String, usize>,
    ) -> String {
        let snake = ident::value_case(ident::unraw(variant));
        let at = || path.key(if entry.name.is_some() { "name" } else { "code" });
        if !ident::is_identifier(&snake) {
            self.report(
                Problem::at(
                    at(),
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
                    at(),
                    format!("the constructor `{snake}` is already made for another code"),
                )
                .hint("constructors are the snake_case of the variant names; give one of them a distinct `name:`")
                .see("the other code", code_path(*first)),
            );
        } else {
            seen.insert(snake.clone(), index);
        }
        ident::escape(&snake)
    }

    pub(super) fn claim_name(
        &mut self,
        name: String,
        at: NameAt,
        seen: &mut HashMap<String, NameAt>,
    ) {
        match seen.entry(name) {
            Entry::Occupied(first) => self.report(
                Problem::at(at.path(), format!("the Rust name `{}` is already used by another code", first.key()))
                    .hint("names are compared after conversion to PascalCase; give one of them a distinct `name:`")
                    .see("the other code", first.get().path()),
            ),
            Entry::Vacant(free) => {
                free.insert(at);
            }
        }
    }

    pub(super) fn type_name_free<'a>(
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
}

/// Where a Rust name is claimed: the `name` of the code at an index of `codes`, the `code` it
/// is made from, or one of its aliases. Every code claims one, and few are ever reported, so
/// the path is built only for a report.
#[derive(Debug, Clone, Copy)]
pub(super) enum NameAt {
    Written(usize),
    Derived(usize),
    Alias(usize, usize),
}

impl NameAt {
    pub(super) fn path(self) -> YamlPath {
        match self {
            NameAt::Written(index) => code_path(index).key("name"),
            NameAt::Derived(index) => code_path(index).key("code"),
            NameAt::Alias(index, alias) => code_path(index).key("aliases").index(alias),
        }
    }
}
