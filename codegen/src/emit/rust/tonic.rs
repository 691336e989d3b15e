//! The `tonic` option: a code or a body as a `tonic::Status`, with the gRPC code, the
//! message and, in the details, a `google.rpc.ErrorInfo` (plus a `RetryInfo` for retryable
//! codes) built with `tonic-types`; and the way back, from a received status.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ident::{to_ident, unraw};
use crate::model::{Binding, CodeIn, CodeRepr, FieldType};

use super::Emitter;

impl Emitter<'_> {
    /// The known code of the body `body` (an expression of the envelope type, by reference),
    /// as an `Option` of the code enum: from its code field, else, when the status line
    /// carries the code, from its status field. `None` when the body can say neither.
    pub(super) fn known_code(&self, body: &TokenStream) -> Option<TokenStream> {
        let catalog = self.catalog;
        if let Some(field) = catalog.field_bound_to(Binding::Code) {
            let ident = to_ident(&field.ident);
            return Some(if field.is_optional() {
                quote!(#body.#ident.as_ref().and_then(|code| code.known()))
            } else {
                quote!(#body.#ident.known())
            });
        }
        let field = catalog.field_bound_to(Binding::Status)?;
        if catalog.code_in != CodeIn::Status || catalog.repr == CodeRepr::Str {
            return None;
        }
        let ident = to_ident(&field.ident);
        let code = self.code_ident();
        let wire = self.wire_type();
        let from = quote!(|status: u16| #code::from_code(<#wire as ::core::convert::From<u16>>::from(status)));
        Some(if field.is_optional() {
            quote!(#body.#ident.and_then(#from))
        } else {
            quote!((#from)(#body.#ident))
        })
    }

    /// Inserts `Retry-After` into `response` (of the `axum` option) with the delay of the
    /// body's code, when it is retryable with a `retry_after`; nothing when no code of the
    /// catalog has one.
    pub(super) fn retry_after_header(&self, http: &TokenStream) -> Option<TokenStream> {
        let delays = self
            .catalog
            .codes
            .iter()
            .any(|code| code.rpc.retry_after.is_some());
        let known = self.known_code(&quote!(self)).filter(|_| delays)?;
        Some(quote! {
            if let ::core::option::Option::Some(delay) = #known.and_then(|code| code.retry_after()) {
                response.headers_mut().insert(
                    #http::header::RETRY_AFTER,
                    #http::HeaderValue::from(delay.as_secs()),
                );
            }
        })
    }

    /// The text of a string field of `body`, as an `Option<&str>`.
    fn text_of(&self, body: &TokenStream, binding: Binding) -> Option<TokenStream> {
        let field = self.catalog.field_bound_to(binding)?;
        if field.ty != FieldType::String {
            return None;
        }
        let ident = to_ident(&field.ident);
        Some(if field.is_optional() {
            quote!(#body.#ident.as_deref())
        } else {
            quote!(::core::option::Option::Some(&*#body.#ident))
        })
    }

    pub(super) fn tonic_items(&self) -> TokenStream {
        if !self.options.tonic {
            return TokenStream::new();
        }
        let catalog = self.catalog;
        let code = self.code_ident();
        let grpc = format_ident!("{}", self.grpc_enum_name());
        let envelope = to_ident(&catalog.envelope.name);
        let status_type = format_ident!("{}GrpcStatus", catalog.types.prefix);
        let domain = &catalog.domain;
        let status_doc = format!(
            " What a received `tonic::Status` says in terms of the {}: its gRPC code, its \
             message and the `ErrorInfo` and `RetryInfo` of its details, the reason read as a \
             code of the catalog when the domain is its own.",
            catalog.title
        );
        let from_body = {
            let body = quote!(body);
            self.known_code(&body).map(|known| {
                let detail = self.text_of(&body, Binding::Detail);
                let message = self.text_of(&body, Binding::Message);
                let texts: Vec<TokenStream> = detail.into_iter().chain(message).collect();
                let text = if texts.is_empty() {
                    quote!(::core::option::Option::<&str>::None)
                } else {
                    quote!(::core::option::Option::None #(.or(#texts))*)
                };
                let doc = format!(
                    " The body as a gRPC status: its code's gRPC code, reason and retry \
                     semantics (see [`{}::to_status`]), its detail or message, and its \
                     [`{}::metadata`]; a body whose code the catalog does not know is \
                     `UNKNOWN`, without details.",
                    unraw(&catalog.types.code),
                    unraw(&catalog.envelope.name),
                );
                quote! {
                    impl ::core::convert::From<#envelope> for ::tonic::Status {
                        #[doc = #doc]
                        fn from(body: #envelope) -> Self {
                            let text = #text;
                            match #known {
                                ::core::option::Option::Some(code) => code.to_status(
                                    ::core::option::Option::unwrap_or(text, code.message()),
                                    body.metadata(),
                                ),
                                ::core::option::Option::None => ::tonic::Status::new(
                                    ::tonic::Code::Unknown,
                                    ::core::option::Option::unwrap_or(text, ""),
                                ),
                            }
                        }
                    }
                }
            })
        };
        quote! {
            #[allow(deprecated)]
            impl #code {
                /// A gRPC status for this code with `message`: the code's gRPC code and, in
                /// the details, a `google.rpc.ErrorInfo` with its reason, the catalog's domain
                /// and `metadata`, and for a retryable code a `google.rpc.RetryInfo` with its
                /// `retry_after` (none when the catalog gives no delay).
                pub fn to_status(
                    self,
                    message: impl ::core::convert::Into<::std::string::String>,
                    metadata: &[(&str, ::std::string::String)],
                ) -> ::tonic::Status {
                    let mut details = ::tonic_types::ErrorDetails::new();
                    let metadata: ::std::collections::HashMap<::std::string::String, ::std::string::String> = metadata
                        .iter()
                        .map(|(name, value)| (::std::string::ToString::to_string(name), ::core::clone::Clone::clone(value)))
                        .collect();
                    details.set_error_info(self.reason(), self.domain(), metadata);
                    if self.is_retryable() {
                        details.set_retry_info(self.retry_after());
                    }
                    <::tonic::Status as ::tonic_types::StatusExt>::with_error_details(
                        ::tonic::Code::from_i32(self.grpc_code().number()),
                        message,
                        details,
                    )
                }
            }
            #[allow(deprecated)]
            impl ::core::convert::From<#code> for ::tonic::Status {
                /// The code as a gRPC status with its message and no metadata (see
                /// [`Self::to_status`]).
                fn from(code: #code) -> Self {
                    code.to_status(code.message(), &[])
                }
            }
            #from_body
            #[doc = #status_doc]
            #[derive(Debug, Clone, PartialEq, Eq)]
            #[non_exhaustive]
            pub struct #status_type {
                /// The status's gRPC code.
                pub grpc_code: #grpc,
                /// The status's message.
                pub message: ::std::string::String,
                /// The code the `ErrorInfo` names: its domain is the catalog's and its
                /// reason one of the catalog's codes.
                pub code: ::core::option::Option<#code>,
                /// The `ErrorInfo` reason as received, known or not.
                pub reason: ::core::option::Option<::std::string::String>,
                /// The `ErrorInfo` domain as received.
                pub domain: ::core::option::Option<::std::string::String>,
                /// The `ErrorInfo` metadata, by name.
                pub metadata: ::std::collections::BTreeMap<::std::string::String, ::std::string::String>,
                /// The `RetryInfo` delay, when the status has one.
                pub retry_after: ::core::option::Option<::core::time::Duration>,
                /// Whether the status carries a `RetryInfo`: the server says a retry may succeed.
                pub retryable: bool,
            }
            impl ::core::convert::From<&::tonic::Status> for #status_type {
                fn from(status: &::tonic::Status) -> Self {
                    let details = <::tonic::Status as ::tonic_types::StatusExt>::get_error_details(status);
                    let info = details.error_info();
                    let reason = info.map(|info| ::core::clone::Clone::clone(&info.reason));
                    let domain = info.map(|info| ::core::clone::Clone::clone(&info.domain));
                    let code = info
                        .filter(|info| info.domain == #domain)
                        .and_then(|info| #code::from_reason(&info.reason));
                    let number: i32 = status.code().into();
                    Self {
                        grpc_code: #grpc::from_number(number).unwrap_or(#grpc::Unknown),
                        message: ::std::string::ToString::to_string(status.message()),
                        code,
                        reason,
                        domain,
                        metadata: info
                            .map(|info| info.metadata.iter().map(|(name, value)| (::core::clone::Clone::clone(name), ::core::clone::Clone::clone(value))).collect())
                            .unwrap_or_default(),
                        retry_after: details.retry_info().and_then(|retry| retry.retry_delay),
                        retryable: details.retry_info().is_some(),
                    }
                }
            }
        }
    }
}
