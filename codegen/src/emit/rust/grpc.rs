//! What a code means to an RPC client: the `<Prefix>GrpcCode` enum of the canonical gRPC codes, and
//! the code enum's `grpc_code()`, `reason()`, `domain()`, `is_retryable()` and
//! `retry_after()`. No dependency: the `tonic` option builds on these.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::GrpcCode;

use super::bulk::{self, Lines};
use super::{Emitter, docs};

/// The Rust field of an envelope that keeps the params of a typed constructor.
pub(crate) const PARAMS_FIELD: &str = "errcat_params";

impl Emitter<'_> {
    /// `GrpcCode`: the 17 canonical codes, numbered as on the wire.
    pub(super) fn grpc_enum(&self) -> TokenStream {
        let grpc_enum = self.grpc_enum_name();
        let mut out = Lines::with_capacity(4096);
        out.doc(
            "A canonical gRPC status code, as `google/rpc/code.proto` defines it; the \
             discriminant is the code's number on the wire.",
        );
        out.line(format_args!(
            "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]"
        ));
        out.line(format_args!("#[repr(i32)]"));
        out.open(format_args!("pub enum {grpc_enum} {{"));
        for code in GrpcCode::ALL {
            out.doc(&format!("`{}` ({}).", code.name(), code.number()));
            out.line(format_args!("{} = {},", code.variant(), code.number()));
        }
        out.close(format_args!("}}"));
        out.open(format_args!("impl {grpc_enum} {{"));
        out.line(format_args!(
            "/// Every code, in the order of their numbers."
        ));
        out.open(format_args!("pub const ALL: [Self; 17] = ["));
        for code in GrpcCode::ALL {
            out.line(format_args!("Self::{},", code.variant()));
        }
        out.close(format_args!("];"));
        out.line(format_args!("/// The code's number on the wire."));
        out.line(format_args!("#[inline]"));
        out.open(format_args!("pub const fn number(self) -> i32 {{"));
        out.line(format_args!("self as i32"));
        out.close(format_args!("}}"));
        out.line(format_args!(
            "/// The code with `number`, if it is one of the 17."
        ));
        out.open(format_args!(
            "pub const fn from_number(number: i32) -> ::core::option::Option<Self> {{"
        ));
        out.open(format_args!("match number {{"));
        out.line(format_args!(
            "0..=16 => ::core::option::Option::Some(Self::ALL[number as usize]),"
        ));
        out.line(format_args!("_ => ::core::option::Option::None,"));
        out.close(format_args!("}}"));
        out.close(format_args!("}}"));
        out.line(format_args!(
            "/// The name `code.proto` gives the code: `NOT_FOUND`."
        ));
        out.open(format_args!("pub const fn name(self) -> &'static str {{"));
        let names = bulk::table(
            "&str",
            GrpcCode::ALL.iter().map(|code| bulk::string(code.name())),
        );
        out.lines(&names);
        out.line(format_args!("TABLE[self as usize]"));
        out.close(format_args!("}}"));
        out.close(format_args!("}}"));
        out.open(format_args!("impl ::core::fmt::Display for {grpc_enum} {{"));
        out.open(format_args!(
            "fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {{"
        ));
        out.line(format_args!("f.write_str(self.name())"));
        out.close(format_args!("}}"));
        out.close(format_args!("}}"));
        self.splices.marker(out.into_string())
    }

    /// The code enum's RPC facts, in an `impl` of their own.
    pub(super) fn rpc_methods(&self) -> TokenStream {
        let catalog = self.catalog;
        let name = self.code_ident();
        let grpc_enum = self.grpc_enum_name();
        let grpc = format_ident!("{grpc_enum}");
        let grpc_code = self.per_code(
            "grpc_code",
            "The gRPC status code this code is sent with (`grpc:` in the catalog, or the one \
             its HTTP status maps to).",
            (quote!(#grpc), &grpc_enum),
            |code| format!("{grpc_enum}::{}", code.rpc.grpc.variant()),
        );
        let reason = self.per_code(
            "reason",
            "The AIP-193 `ErrorInfo.reason`: UPPER_SNAKE_CASE, unique in the catalog.",
            (quote!(&'static str), "&str"),
            |code| bulk::string(&code.rpc.reason),
        );
        let domain = &catalog.domain;
        let raw_variants: Vec<_> = catalog
            .codes
            .iter()
            .filter(|code| code.rpc.retryable)
            .map(|code| crate::ident::to_ident(&code.variant))
            .collect();
        let is_retryable = if raw_variants.is_empty() {
            quote!(false)
        } else if raw_variants.len() == catalog.codes.len() {
            quote!(true)
        } else {
            quote!(::core::matches!(self, #(Self::#raw_variants)|*))
        };
        let from_reason = self.reason_lookup_fn();
        let delay_doc = docs(
            "How long a client waits before retrying (`retry_after:` in the catalog), for a \
             retryable code that says.",
        );
        let delays = catalog
            .codes
            .iter()
            .any(|code| code.rpc.retry_after.is_some());
        let retry_after = if delays {
            let table = self.table("Option<Duration>", |code| match code.rpc.retry_after {
                Some(seconds) => format!("Option::Some(Duration::from_secs({seconds}))"),
                None => "Option::None".to_owned(),
            });
            quote! {
                #delay_doc
                #[inline]
                pub const fn retry_after(self) -> ::core::option::Option<::core::time::Duration> {
                    use ::core::option::Option;
                    use ::core::time::Duration;
                    #table
                    TABLE[self as usize]
                }
            }
        } else {
            quote! {
                #delay_doc
                #[inline]
                pub const fn retry_after(self) -> ::core::option::Option<::core::time::Duration> {
                    ::core::option::Option::None
                }
            }
        };
        quote! {
            #[allow(deprecated)]
            impl #name {
                #grpc_code
                #reason
                #from_reason
                /// The AIP-193 `ErrorInfo.domain`, the same for every code of the catalog.
                #[inline]
                pub const fn domain(self) -> &'static str {
                    #domain
                }
                /// Whether a client may send the same request again and hope for another
                /// outcome (`retryable:` in the catalog).
                #[inline]
                pub const fn is_retryable(self) -> bool {
                    #is_retryable
                }
                #retry_after
            }
        }
    }

    /// The name of the generated enum of gRPC codes, e.g. `ShopGrpcCode`.
    pub(super) fn grpc_enum_name(&self) -> String {
        crate::model::grpc_enum_name(&self.catalog.types)
    }

    /// Whether the envelope keeps the params of its typed constructors: when some
    /// constructor has params to keep.
    pub(super) fn keeps_params(&self) -> bool {
        self.catalog.codes.iter().any(|code| {
            code.constructor.is_some()
                && code
                    .detail
                    .as_ref()
                    .is_some_and(|template| !template.params.is_empty())
        }) && self
            .catalog
            .field_bound_to(crate::model::Binding::Detail)
            .is_some()
    }

    /// `metadata()` on the envelope, and the equality that ignores the params it keeps.
    pub(super) fn envelope_metadata(&self) -> TokenStream {
        let name = crate::ident::to_ident(&self.catalog.envelope.name);
        let field = format_ident!("{PARAMS_FIELD}");
        if !self.keeps_params() {
            return quote! {
                impl #name {
                    /// The AIP-193 `ErrorInfo.metadata` of the body: no code of this catalog
                    /// has a detail template with params, so it is always empty.
                    #[must_use]
                    pub fn metadata(&self) -> &[(&'static str, ::std::string::String)] {
                        &[]
                    }
                }
            };
        }
        let fields = self.catalog.envelope.fields.iter().map(|field| {
            let ident = crate::ident::to_ident(&field.ident);
            quote!(self.#ident == other.#ident)
        });
        let extra = (!self.catalog.envelope.closed).then(|| {
            let extra = format_ident!("{}", crate::model::EXTRA_FIELD);
            quote!(self.#extra == other.#extra)
        });
        let compared: Vec<TokenStream> = fields.chain(extra).collect();
        let equal = if compared.is_empty() {
            quote!(true)
        } else {
            quote!(#(#compared)&&*)
        };
        quote! {
            impl #name {
                /// The AIP-193 `ErrorInfo.metadata` of the body: each param of the typed
                /// constructor that built it, by its name in the detail template, with its
                /// value as text; empty for a body built otherwise or received. Every variable
                /// of the detail is in it, as AIP-193 asks.
                #[must_use]
                pub fn metadata(&self) -> &[(&'static str, ::std::string::String)] {
                    &self.#field
                }
            }
            /// Bodies are equal when their members are: the params a constructor keeps for
            /// [`Self::metadata`] are not sent, and do not count.
            impl ::core::cmp::PartialEq for #name {
                fn eq(&self, other: &Self) -> bool {
                    #equal
                }
            }
        }
    }
}
