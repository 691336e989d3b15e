//! The code enum and its inherent methods: value, message, status, name, lookups by value.

use std::fmt::Write as _;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ident::{to_ident, unraw};
use crate::model::{Binding, Catalog, Code, CodeRepr, CodeValue, Piece, Template};

use super::bulk::{self, Lines};
use super::{DOC_LINTS, Emitter, docs, joined};

impl Emitter<'_> {
    pub(super) fn code_enum(&self) -> TokenStream {
        let catalog = self.catalog;
        let mut out = Lines::with_capacity(1024 + catalog.codes.len() * 160);
        out.doc(&joined(&[
            &format!(
                "A code of the {} (catalog `{}`, version {}).",
                catalog.title, catalog.name, catalog.version
            ),
            catalog.description.as_deref().unwrap_or_default(),
            &retired_list(catalog),
        ]));
        out.lines(DOC_LINTS);
        out.line(format_args!(
            "#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]"
        ));
        out.line(format_args!("#[non_exhaustive]"));
        out.open(format_args!("pub enum {} {{", catalog.types.code));
        for code in &catalog.codes {
            let status = format!("Code `{}`, HTTP status {}.", code.value, code.status);
            out.doc(&joined(&[
                &code.message,
                code.description.as_deref().unwrap_or_default(),
                &status,
            ]));
            deprecated_attribute(&mut out, code);
            out.line(format_args!("{},", code.variant));
        }
        out.close(format_args!("}}"));
        self.splices.marker(out.into_string())
    }

    /// A `const fn` of the code enum that maps each variant to a value of type `ty`, or
    /// `elem` as written in a `const` (where `'static` is implied and clippy rejects it).
    /// `#[inline]`: the generated code usually lives in a crate of its own, and a table
    /// lookup is cheaper than the call across crates that would reach it.
    pub(super) fn per_code(
        &self,
        name: &str,
        doc_text: &str,
        (ty, elem): (TokenStream, &str),
        value: impl Fn(&Code) -> String,
    ) -> TokenStream {
        let name = format_ident!("{name}");
        let doc = docs(doc_text);
        let table = self.table(elem, value);
        quote! {
            #doc
            #[inline]
            pub const fn #name(self) -> #ty {
                #table
                TABLE[self as usize]
            }
        }
    }

    /// [`Self::per_code`] for optional text.
    pub(super) fn per_code_optional(
        &self,
        name: &str,
        doc_text: &str,
        value: impl Fn(&Code) -> Option<&str>,
    ) -> TokenStream {
        let name = format_ident!("{name}");
        let doc = docs(doc_text);
        let table = self.table("Option<&str>", |code| match value(code) {
            Some(text) => {
                let mut entry = String::with_capacity(text.len() + 16);
                entry.push_str("Option::Some(");
                bulk::push_string(&mut entry, text);
                entry.push(')');
                entry
            }
            None => "Option::None".to_owned(),
        });
        quote! {
            #doc
            #[inline]
            pub const fn #name(self) -> ::core::option::Option<&'static str> {
                // Short entries, still immune to a catalog type named `Option`.
                use ::core::option::Option;
                #table
                TABLE[self as usize]
            }
        }
    }

    /// `const TABLE`, one value per code, to be indexed by `self as usize`: variants are
    /// declared in catalog order without explicit discriminants, so the discriminant is the
    /// index. A table rather than a `match`: it is a fraction of the code to write and to
    /// compile, and as fast to look up.
    pub(super) fn table(&self, ty: &str, value: impl Fn(&Code) -> String) -> TokenStream {
        self.splices
            .marker(bulk::table(ty, self.catalog.codes.iter().map(value)))
    }

    /// A code's wire value as a Rust literal.
    pub(super) fn code_literal(&self, value: &CodeValue) -> String {
        match (value, self.catalog.repr) {
            (CodeValue::Int(v), CodeRepr::U32) => u32::try_from(*v).unwrap_or_default().to_string(),
            (CodeValue::Int(v), _) => v.to_string(),
            (CodeValue::Str(v), _) => bulk::string(v),
        }
    }

    pub(super) fn code_impl(&self) -> TokenStream {
        let catalog = self.catalog;
        let name = self.code_ident();
        let all = self.all();
        let wire = self.wire_type();
        let aliases = self.aliases();
        let code = self.per_code(
            "code",
            "The code as it appears on the wire.",
            (wire.clone(), catalog.repr.rust_type()),
            |code| self.code_literal(&code.value),
        );
        let from_code = self.lookup_fn();
        let message = self.per_code(
            "message",
            "The catalog's one-line message: the `Display` text.",
            (quote!(&'static str), "&str"),
            |code| bulk::string(&code.message),
        );
        let status = self.per_code(
            "status",
            "The HTTP status that carries this code.",
            (quote!(u16), "u16"),
            |code| code.status.to_string(),
        );
        let statuses = self.per_code(
            "statuses",
            "Every HTTP status that carries this code, [`Self::status`] first.",
            (quote!(&'static [u16]), "&[u16]"),
            |code| {
                let mut list = String::with_capacity(2 + 5 * code.statuses.len());
                list.push_str("&[");
                for (i, status) in code.statuses.iter().enumerate() {
                    if i > 0 {
                        list.push_str(", ");
                    }
                    let _ = write!(list, "{status}");
                }
                list.push(']');
                list
            },
        );
        let description = self.per_code_optional(
            "description",
            "The catalog's longer description, if it has one.",
            |code| code.description.as_deref(),
        );
        let group = (!catalog.groups.is_empty()).then(|| {
            let group_name = to_ident(&catalog.types.group);
            // Group indexes rather than group paths: plain literals are the cheapest entries.
            let table = self.table("usize", |code| code.group.unwrap_or_default().to_string());
            quote! {
                /// The group (range of codes) this code belongs to.
                pub const fn group(self) -> #group_name {
                    #table
                    #group_name::ALL[TABLE[self as usize]]
                }
            }
        });
        let link = catalog
            .codes
            .iter()
            .any(|code| code.link.is_some())
            .then(|| {
                self.per_code_optional("link", "A link to this code's documentation.", |code| {
                    code.link.as_deref()
                })
            });
        let type_uri = catalog.field_bound_to(Binding::TypeUri).map(|_| {
            self.per_code(
                "type_uri",
                "The problem type URI (RFC 9457 `type`) of this code.",
                (quote!(&'static str), "&str"),
                |code| bulk::string(&code.type_uri),
            )
        });
        let successes: Vec<_> = catalog
            .codes
            .iter()
            .filter(|c| c.success)
            .map(|c| to_ident(&c.variant))
            .collect();
        let is_success = if successes.is_empty() {
            quote!(false)
        } else if successes.len() == catalog.codes.len() {
            quote!(true)
        } else {
            quote!(::core::matches!(self, #(Self::#successes)|*))
        };
        quote! {
            #[allow(deprecated)]
            impl #name {
                #all
                #aliases
                #code
                #from_code
                #message
                #status
                #statuses
                #description
                #group
                #link
                #type_uri
                /// Whether this code reports success rather than an error.
                pub const fn is_success(self) -> bool {
                    #is_success
                }
            }
        }
    }

    /// A constant per alias, naming its code's variant; `None` without aliases.
    fn aliases(&self) -> Option<TokenStream> {
        let codes = &self.catalog.codes;
        let count: usize = codes.iter().map(|code| code.aliases.len()).sum();
        if count == 0 {
            return None;
        }
        let mut out = Lines::with_capacity(count * 160);
        for code in codes {
            for alias in &code.aliases {
                out.line(format_args!(
                    "/// Another name for [`Self::{}`].",
                    unraw(&code.variant)
                ));
                deprecated_attribute(&mut out, code);
                out.line(format_args!("#[allow(non_upper_case_globals)]"));
                out.line(format_args!(
                    "pub const {alias}: Self = Self::{};",
                    code.variant
                ));
            }
        }
        Some(self.splices.marker(out.into_string()))
    }

    /// `ALL`, every variant in catalog order.
    pub(super) fn all(&self) -> TokenStream {
        let mut out = Lines::with_capacity(128 + self.catalog.codes.len() * 40);
        out.line(format_args!(
            "/// Every code of the catalog, in catalog order."
        ));
        out.open(format_args!("pub const ALL: &'static [Self] = &["));
        for code in &self.catalog.codes {
            out.line(format_args!("Self::{},", code.variant));
        }
        out.close(format_args!("];"));
        self.splices.marker(out.into_string())
    }
}

/// `#[deprecated]` for a deprecated code, on its own line.
pub(super) fn deprecated_attribute(out: &mut Lines, code: &Code) {
    if let Some(note) = &code.deprecated {
        out.line(format_args!("#[deprecated(note = {})]", bulk::string(note)));
    }
}

/// An expression rendering `template` into a `String`: `format!` only when there is
/// something to format, as clippy asks (`useless_format`).
pub(super) fn render(template: &Template) -> String {
    let param = |index: usize| template.params[index].ident.as_str();
    match template.pieces.as_slice() {
        [] => "::std::string::String::new()".to_owned(),
        [Piece::Text(text)] => {
            format!("::std::string::ToString::to_string({})", bulk::string(text))
        }
        [Piece::Param(index)] => format!("::std::string::ToString::to_string(&{})", param(*index)),
        pieces => {
            let mut format = String::new();
            let mut values = Vec::new();
            for piece in pieces {
                match piece {
                    Piece::Text(text) => {
                        format.push_str(&text.replace('{', "{{").replace('}', "}}"));
                    }
                    Piece::Param(index) => {
                        format.push_str("{}");
                        values.push(param(*index));
                    }
                }
            }
            format!(
                "::std::format!({}, {})",
                bulk::string(&format),
                values.join(", ")
            )
        }
    }
}

/// The catalog's tombstones as a Markdown list, so that readers of the enum learn why a code
/// they remember is gone. Empty when no code was retired.
pub(super) fn retired_list(catalog: &Catalog) -> String {
    if catalog.retired.is_empty() {
        return String::new();
    }
    let items: Vec<String> = crate::emit::retired_items(catalog).collect();
    format!(
        "Retired codes, reserved and never reused; a body carrying one decodes as unknown:\n\n{}",
        items.join("\n")
    )
}
