//! The code enum'\''s trait implementations: `Display`, `FromStr`, conversions and serde.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::unraw;
use crate::model::CodeRepr;

use super::Emitter;
use super::bulk::{self};

impl Emitter<'_> {
    pub(super) fn code_traits(&self) -> TokenStream {
        let name = self.code_ident();
        let unknown = self.unknown_ident();
        let or_unknown = self.or_unknown_ident();
        let wire = self.wire_type();
        let (conversions, serialize) = match self.catalog.repr {
            CodeRepr::Str => (
                quote! {
                    impl ::core::str::FromStr for #name {
                        type Err = #unknown;
                        fn from_str(code: &str) -> ::core::result::Result<Self, #unknown> {
                            Self::from_code(code).ok_or_else(|| #unknown::new(code))
                        }
                    }
                    impl<'a> ::core::convert::TryFrom<&'a str> for #name {
                        type Error = #unknown;
                        fn try_from(code: &'a str) -> ::core::result::Result<Self, #unknown> {
                            Self::from_code(code).ok_or_else(|| #unknown::new(code))
                        }
                    }
                },
                quote!(serializer.serialize_str(self.code())),
            ),
            repr => {
                let serialize = match repr {
                    CodeRepr::U32 => quote!(serializer.serialize_u32(self.code())),
                    _ => quote!(serializer.serialize_i64(self.code())),
                };
                (
                    quote! {
                        impl ::core::str::FromStr for #name {
                            type Err = #unknown;
                            fn from_str(code: &str) -> ::core::result::Result<Self, #unknown> {
                                code.parse::<#wire>()
                                    .ok()
                                    .and_then(Self::from_code)
                                    .ok_or_else(|| #unknown::new(code))
                            }
                        }
                        impl ::core::convert::TryFrom<#wire> for #name {
                            type Error = #unknown;
                            fn try_from(code: #wire) -> ::core::result::Result<Self, #unknown> {
                                Self::from_code(code).ok_or_else(|| #unknown::new(code))
                            }
                        }
                    },
                    serialize,
                )
            }
        };
        // `Debug` as `#[derive(Debug)]` writes it, from a table: the derive's one `match` arm
        // per variant makes type checking grow quadratically with the number of codes.
        let names = self.table("&str", |code| bulk::string(unraw(&code.variant)));
        quote! {
            impl ::core::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #names
                    f.write_str(TABLE[*self as usize])
                }
            }
            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.message())
                }
            }
            impl ::std::error::Error for #name {}
            #conversions
            impl ::core::convert::From<#name> for #wire {
                fn from(code: #name) -> Self {
                    code.code()
                }
            }
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    #serialize
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    match <#or_unknown as ::serde::Deserialize<'de>>::deserialize(deserializer)? {
                        #or_unknown::Known(code) => ::core::result::Result::Ok(code),
                        #or_unknown::Unknown(code) => ::core::result::Result::Err(
                            <D::Error as ::serde::de::Error>::custom(#unknown::new(code)),
                        ),
                    }
                }
            }
        }
    }
}
