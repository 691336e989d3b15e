//! The `…OrUnknown` code type, which keeps codes the catalog does not know, and its error.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::CodeRepr;

use super::{Emitter, doc_lints, docs, refused_text_error};

impl Emitter<'_> {
    pub(super) fn or_unknown(&self) -> TokenStream {
        let catalog = self.catalog;
        let name = self.or_unknown_ident();
        let code = self.code_ident();
        let doc = docs(&format!(
            "A code as found on the wire: one the {} catalog knows, or the raw value of one it does not.\n\nDecoding a body never fails because of an unknown code; the raw value is kept.",
            catalog.title
        ));
        let lints = doc_lints();
        let common = quote! {
            impl ::core::convert::From<#code> for #name {
                fn from(code: #code) -> Self {
                    Self::Known(code)
                }
            }
            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self {
                        Self::Known(code) => ::core::fmt::Display::fmt(code, f),
                        Self::Unknown(code) => ::core::write!(f, "unknown code {code}"),
                    }
                }
            }
        };
        match catalog.repr {
            CodeRepr::Str => quote! {
                #doc
                #lints
                #[derive(Debug, Clone, PartialEq, Eq, Hash)]
                pub enum #name {
                    /// A code of the catalog.
                    Known(#code),
                    /// A code the catalog does not have, as received.
                    Unknown(::std::string::String),
                }
                impl #name {
                    /// The code the catalog knows, if it is one.
                    #[inline]
                    pub const fn known(&self) -> ::core::option::Option<#code> {
                        match self {
                            Self::Known(code) => ::core::option::Option::Some(*code),
                            Self::Unknown(_) => ::core::option::Option::None,
                        }
                    }
                    /// The code as it appears on the wire.
                    #[inline]
                    pub fn code(&self) -> &str {
                        match self {
                            Self::Known(code) => code.code(),
                            Self::Unknown(code) => code,
                        }
                    }
                }
                impl ::core::convert::From<&str> for #name {
                    fn from(code: &str) -> Self {
                        #code::from_code(code).map_or_else(|| Self::Unknown(code.into()), Self::Known)
                    }
                }
                #common
                impl ::serde::Serialize for #name {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.code())
                    }
                }
                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                        struct Visitor;
                        impl ::serde::de::Visitor<'_> for Visitor {
                            type Value = #name;
                            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                                f.write_str("a string code")
                            }
                            fn visit_str<E: ::serde::de::Error>(self, code: &str) -> ::core::result::Result<#name, E> {
                                ::core::result::Result::Ok(#name::from(code))
                            }
                        }
                        deserializer.deserialize_str(Visitor)
                    }
                }
            },
            _ => {
                let wire = self.wire_type();
                quote! {
                    #doc
                    #lints
                    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
                    pub enum #name {
                        /// A code of the catalog.
                        Known(#code),
                        /// A code the catalog does not have, as received.
                        Unknown(#wire),
                    }
                    impl #name {
                        /// The code the catalog knows, if it is one.
                        #[inline]
                        pub const fn known(self) -> ::core::option::Option<#code> {
                            match self {
                                Self::Known(code) => ::core::option::Option::Some(code),
                                Self::Unknown(_) => ::core::option::Option::None,
                            }
                        }
                        /// The code as it appears on the wire.
                        #[inline]
                        pub const fn code(self) -> #wire {
                            match self {
                                Self::Known(code) => code.code(),
                                Self::Unknown(code) => code,
                            }
                        }
                    }
                    impl ::core::convert::From<#wire> for #name {
                        fn from(code: #wire) -> Self {
                            #code::from_code(code).map_or(Self::Unknown(code), Self::Known)
                        }
                    }
                    #common
                    impl ::serde::Serialize for #name {
                        fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                            ::serde::Serialize::serialize(&self.code(), serializer)
                        }
                    }
                    impl<'de> ::serde::Deserialize<'de> for #name {
                        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                            <#wire as ::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from)
                        }
                    }
                }
            }
        }
    }

    pub(super) fn unknown_error(&self) -> TokenStream {
        let title = &self.catalog.title;
        refused_text_error(
            &self.unknown_ident(),
            "code",
            (
                &format!("A value that is not a code of the {title}."),
                "The value that is not a code, as text.",
            ),
            ("`{}` is not a code of the ", title),
            quote! {
                fn new(code: impl ::core::fmt::Display) -> Self {
                    Self { code: ::std::string::ToString::to_string(&code) }
                }
            },
        )
    }
}
