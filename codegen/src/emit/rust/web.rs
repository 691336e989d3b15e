//! The optional integrations of the generated types with the Rust web ecosystem. Each sits
//! behind a switch of [`Options`], so that the default output needs nothing but serde:
//!
//! - `http`: `http_status()`, an `http::StatusCode`, on the code enum and on the envelope;
//! - `axum`: `IntoResponse` for the envelope (its status, the catalog's media type as
//!   `Content-Type`, the body serialized with `serde_json`) and for the code enum (the
//!   envelope of the code);
//!   For a catalog with locales, the locale enum is an extractor negotiating the
//!   `Accept-Language` of a request, and `into_response_in(locale)` sends a body (or a
//!   code's body in that locale) with `Content-Language` (emitted by `locale.rs`);
//! - `utoipa`: the catalog's OpenAPI schemas as utoipa components (emitted by `utoipa.rs`).
//!
//! `http` and `axum` both need to know the HTTP status of a body; [`Emitter::body_status`]
//! decides it in one place for both.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::{Emitter, Options, docs};
use crate::Error;
use crate::ident::{to_ident, unraw};
use crate::model::{Binding, Catalog};

/// The status of a body whose own status is unusable (none, or outside what HTTP allows) and
/// whose code the catalog does not know (a body relayed from elsewhere): the catalog cannot
/// say which status it belongs to, and sending such a body is the server's fault.
const UNKNOWN_CODE_STATUS: u16 = 500;

/// Refuses options that `catalog` cannot support.
pub(super) fn check(catalog: &Catalog, options: &Options) -> Result<(), Error> {
    if options.axum && status_source(catalog).is_none() {
        return Err(Error::AxumWithoutStatus {
            catalog: catalog.name.clone(),
            envelope: catalog.envelope.name.clone(),
        });
    }
    Ok(())
}

/// Where a body's status is taken from, and which bodies get 500 instead, as phrases for
/// its documentation. The field bound `from: status` wins when set; the code in the field
/// bound `from: code` decides otherwise. `None` when the envelope has neither field.
fn status_source(catalog: &Catalog) -> Option<(String, &'static str)> {
    let field = |binding| {
        catalog
            .field_bound_to(binding)
            .map(|field| (format!("`{}`", field.wire_name), field.required))
    };
    Some(match (field(Binding::Status), field(Binding::Code)) {
        (Some((status, true)), _) => (format!("its {status} field"), "A status outside 100–999"),
        (Some((status, false)), Some((code, required))) => (
            format!("its {status} field when set, else from the code in its {code} field"),
            if required {
                "A status outside 100–999, or a code the catalog does not know,"
            } else {
                "A status outside 100–999, a code the catalog does not know, or neither a \
                 status nor a code,"
            },
        ),
        (Some((status, false)), None) => (
            format!("its {status} field"),
            "A status outside 100–999, or none,",
        ),
        (None, Some((code, required))) => (
            format!("the code in its {code} field"),
            if required {
                "A code the catalog does not know"
            } else {
                "A code the catalog does not know, or none,"
            },
        ),
        (None, None) => return None,
    })
}

/// An `http::StatusCode` (from the `http` crate at path `http`) for the `u16` expression
/// `status`.
///
/// `StatusCode::from_u16` accepts 100 to 999, and every status a catalog gives lies in
/// 100–599 (validated), so for catalog statuses the fallback is never taken. A status read
/// from a decoded body may be anything, though, and a bad one must not panic a server: it
/// becomes 500. (`from_u16` is not a `const fn`, so `http_status()` cannot be one; matching
/// each code to a named `StatusCode` constant would be, but would break on every status
/// `http` has no name for.)
fn status_code(http: &TokenStream, status: TokenStream) -> TokenStream {
    quote!(#http::StatusCode::from_u16(#status).unwrap_or(#http::StatusCode::INTERNAL_SERVER_ERROR))
}

impl Emitter<'_> {
    pub(super) fn web(&self) -> Result<TokenStream, Error> {
        let http = self.options.http.then(|| self.http_items());
        let axum = self
            .options
            .axum
            .then(|| [self.axum_items(), self.axum_localized()]);
        let axum = axum.iter().flatten();
        let utoipa = self
            .options
            .utoipa
            .then(|| self.utoipa_items())
            .transpose()?;
        Ok(quote!(#http #(#axum)* #utoipa))
    }

    /// A `u16` expression giving the HTTP status of the envelope `self`, or `None` when the
    /// envelope has neither a field bound `from: status` nor one bound `from: code`.
    fn body_status(&self) -> Option<TokenStream> {
        let catalog = self.catalog;
        let unknown = Literal::u16_unsuffixed(UNKNOWN_CODE_STATUS);
        let code_type = self.code_ident();
        let from_code = catalog.field_bound_to(Binding::Code).map(|field| {
            let ident = to_ident(&field.ident);
            let known = if field.required {
                quote!(self.#ident.known())
            } else {
                quote!(self.#ident.as_ref().and_then(|code| code.known()))
            };
            quote!(#known.map_or(#unknown, #code_type::status))
        });
        let Some(field) = catalog.field_bound_to(Binding::Status) else {
            return from_code;
        };
        let ident = to_ident(&field.ident);
        Some(match (field.required, from_code) {
            (true, _) => quote!(self.#ident),
            (false, Some(from_code)) => quote!(self.#ident.unwrap_or_else(|| #from_code)),
            (false, None) => quote!(self.#ident.unwrap_or(#unknown)),
        })
    }

    /// Documentation that starts with `lead` and goes on to say where a body's status comes
    /// from.
    fn body_status_doc(&self, lead: &str) -> TokenStream {
        let (source, fallback) = status_source(self.catalog).unwrap_or_default();
        docs(&format!(
            "{lead}{source}.\n\n{fallback} gives {UNKNOWN_CODE_STATUS} Internal Server Error."
        ))
    }

    fn http_items(&self) -> TokenStream {
        let http = quote!(::http);
        let code = self.code_ident();
        let code_status = status_code(&http, quote!(self.status()));
        let envelope = self.body_status().map(|status| {
            let name = to_ident(&self.catalog.envelope.name);
            let status = status_code(&http, status);
            let doc = self.body_status_doc("The HTTP status this body is sent with, taken from ");
            quote! {
                impl #name {
                    #doc
                    pub fn http_status(&self) -> ::http::StatusCode {
                        #status
                    }
                }
            }
        });
        quote! {
            impl #code {
                /// [`Self::status`] as an `http::StatusCode`.
                pub fn http_status(self) -> ::http::StatusCode {
                    #code_status
                }
            }
            #envelope
        }
    }

    fn axum_items(&self) -> TokenStream {
        let http = quote!(::axum::http);
        let envelope = &self.catalog.envelope;
        let name = to_ident(&envelope.name);
        let code = self.code_ident();
        // `check` has refused catalogs whose bodies do not know their status.
        let status = status_code(
            &http,
            self.body_status().unwrap_or_else(|| {
                let unknown = Literal::u16_unsuffixed(UNKNOWN_CODE_STATUS);
                quote!(#unknown)
            }),
        );
        // Validated as a header value (visible ASCII), so `from_static` cannot panic.
        let media_type = &envelope.media_type;
        let doc = self.body_status_doc(&format!(
            "Sends the body as `{media_type}`, serialized with `serde_json`,\nwith the HTTP \
             status taken from "
        ));
        let code_doc = format!(
            " Sends [`{}`] for this code, with the code's status.",
            unraw(&envelope.name)
        );
        let retry_after = self.retry_after_header(&http);
        quote! {
            impl ::axum::response::IntoResponse for #name {
                #doc
                fn into_response(self) -> ::axum::response::Response {
                    let status = #status;
                    let (status, content_type, body) = match ::serde_json::to_vec(&self) {
                        ::core::result::Result::Ok(body) => (status, #media_type, body),
                        // What `axum::Json` does with a body that cannot be serialized.
                        ::core::result::Result::Err(error) => (
                            #http::StatusCode::INTERNAL_SERVER_ERROR,
                            "text/plain; charset=utf-8",
                            ::std::string::ToString::to_string(&error).into_bytes(),
                        ),
                    };
                    let mut response = ::axum::response::Response::new(::axum::body::Body::from(body));
                    *response.status_mut() = status;
                    response.headers_mut().insert(
                        #http::header::CONTENT_TYPE,
                        #http::HeaderValue::from_static(content_type),
                    );
                    #retry_after
                    response
                }
            }
            impl ::axum::response::IntoResponse for #code {
                #[doc = #code_doc]
                fn into_response(self) -> ::axum::response::Response {
                    ::axum::response::IntoResponse::into_response(#name::from(self))
                }
            }
        }
    }
}
