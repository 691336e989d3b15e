//! The group enum: one variant per group, and which group holds a code.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ident::to_ident;
use crate::model::GroupMembers;

use super::{Emitter, doc_lints, docs, joined};

impl Emitter<'_> {
    pub(super) fn group_enum(&self) -> TokenStream {
        let catalog = self.catalog;
        if catalog.groups.is_empty() {
            return TokenStream::new();
        }
        let name = to_ident(&catalog.types.group);
        let lints = doc_lints();
        let doc = docs(&format!("A group of codes of the {}.", catalog.title));
        let variants: Vec<_> = catalog
            .groups
            .iter()
            .map(|group| to_ident(&group.variant))
            .collect();
        let docs = catalog.groups.iter().map(|group| {
            let members = match &group.members {
                GroupMembers::Range(low, high) => format!("Codes {low} to {high}."),
                GroupMembers::Prefix(prefix) => format!("Codes starting with `{prefix}`."),
            };
            docs(&joined(&[
                &group.title,
                group.description.as_deref().unwrap_or_default(),
                &members,
            ]))
        });
        let arms = |value: &dyn Fn(&crate::model::Group) -> TokenStream| -> Vec<TokenStream> {
            catalog
                .groups
                .iter()
                .map(|group| {
                    let variant = to_ident(&group.variant);
                    let value = value(group);
                    quote!(Self::#variant => #value)
                })
                .collect()
        };
        let names = arms(&|group| {
            let name = &group.name;
            quote!(#name)
        });
        let titles = arms(&|group| {
            let title = &group.title;
            quote!(#title)
        });
        let descriptions = arms(&|group| optional_str(group.description.as_deref()));
        let members = match catalog.groups[0].members {
            GroupMembers::Range(..) => {
                let ranges = arms(&|group| match group.members {
                    GroupMembers::Range(low, high) => {
                        let (low, high) =
                            (Literal::i64_unsuffixed(low), Literal::i64_unsuffixed(high));
                        quote!(#low..=#high)
                    }
                    GroupMembers::Prefix(_) => quote!(0..=-1),
                });
                quote! {
                    /// The codes this group holds, both ends included.
                    pub const fn range(self) -> ::core::ops::RangeInclusive<i64> {
                        match self { #(#ranges,)* }
                    }
                }
            }
            GroupMembers::Prefix(_) => {
                let prefixes = arms(&|group| match &group.members {
                    GroupMembers::Prefix(prefix) => quote!(#prefix),
                    GroupMembers::Range(..) => quote!(""),
                });
                quote! {
                    /// The prefix shared by the codes of this group.
                    pub const fn prefix(self) -> &'static str {
                        match self { #(#prefixes,)* }
                    }
                }
            }
        };
        quote! {
            #doc
            #lints
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum #name {
                #(#docs #variants,)*
            }
            impl #name {
                /// Every group, in catalog order.
                pub const ALL: &'static [Self] = &[#(Self::#variants),*];
                /// The group's name in the catalog.
                pub const fn name(self) -> &'static str {
                    match self { #(#names,)* }
                }
                /// The group's title.
                pub const fn title(self) -> &'static str {
                    match self { #(#titles,)* }
                }
                /// The group's description, if it has one.
                pub const fn description(self) -> ::core::option::Option<&'static str> {
                    match self { #(#descriptions,)* }
                }
                #members
            }
        }
    }
}

pub(super) fn optional_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(text) => quote!(::core::option::Option::Some(#text)),
        None => quote!(::core::option::Option::None),
    }
}
