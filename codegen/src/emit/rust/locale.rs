//! The locale enum of a catalog that declares `locales:`, with parsing from BCP 47 tags and
//! `Accept-Language` negotiation; `message_in` on the code enum; the localized bodies and
//! constructors of the envelope. Nothing here is generated for a catalog without locales.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::body::{self, Fill, Part};
use crate::ident::{to_ident, unraw};
use crate::model::{Binding, Code, Locales, Template};

use super::bulk::{self, Lines};
use super::code_enum::{deprecated_attribute, render};
use super::{Emitter, doc_lints, docs, refused_text_error};

/// The most items of an `Accept-Language` header `negotiate` reads: enough for any browser,
/// and a bound on the work a hostile header causes.
const MAX_RANGES: usize = 32;

impl Emitter<'_> {
    fn locales(&self) -> Option<&Locales> {
        self.catalog.locales.as_ref()
    }

    fn locale_ident(&self) -> proc_macro2::Ident {
        to_ident(&self.catalog.types.locale)
    }

    /// Everything a catalog with locales gets: the locale enum and its error, `message_in`,
    /// the envelope's localized body and constructors.
    pub(super) fn localized(&self) -> TokenStream {
        if self.locales().is_none() {
            return TokenStream::new();
        }
        let items = [
            self.locale_enum(),
            self.unknown_locale_error(),
            self.message_in(),
            self.envelope_in(),
        ];
        quote!(#(#items)*)
    }

    fn locale_enum(&self) -> TokenStream {
        let Some(locales) = self.locales() else {
            return TokenStream::new();
        };
        let catalog = self.catalog;
        let name = self.locale_ident();
        let unknown = to_ident(&catalog.types.unknown_locale);
        let lints = doc_lints();
        let doc = docs(&format!(
            "A language of the {} messages, by its BCP 47 tag: the default (`{}`), the language the catalog is written in, then the others it is translated into.",
            catalog.title, locales.default.tag
        ));
        let variants = locales.all().enumerate().map(|(index, locale)| {
            let variant = to_ident(&locale.variant);
            let mut text = format!("`{}`", locale.tag);
            if index == 0 {
                text.push_str(", the default.");
            } else if let Some(fallback) = &locale.fallback {
                text.push_str(&format!(
                    "; a code without a translation into it uses `{fallback}`'s."
                ));
            } else {
                text.push('.');
            }
            let doc = docs(&text);
            quote!(#doc #variant)
        });
        let all = locales.all().map(|locale| to_ident(&locale.variant));
        let default = to_ident(&locales.default.variant);
        let tags = locales.all().map(|locale| {
            let variant = to_ident(&locale.variant);
            let tag = &locale.tag;
            quote!(Self::#variant => #tag)
        });
        let count = locales.all().count();
        let subtags = locales.all().map(|locale| {
            let variant = to_ident(&locale.variant);
            let parts = locale.tag.split('-');
            quote!((&[#(#parts),*], Self::#variant))
        });
        let max_ranges = MAX_RANGES;
        quote! {
            #doc
            #lints
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants,)*
            }
            impl #name {
                /// Every locale, the default first.
                pub const ALL: &'static [Self] = &[#(Self::#all),*];
                /// The language the catalog is written in, and what [`Self::negotiate`]
                /// returns when nothing else matches.
                pub const DEFAULT: Self = Self::#default;
                /// Each locale's subtags, in its canonical case.
                const SUBTAGS: [(&'static [&'static str], Self); #count] = [#(#subtags),*];
                /// The most items of an `Accept-Language` header [`Self::negotiate`] reads.
                pub const MAX_RANGES: usize = #max_ranges;

                /// The BCP 47 tag, in its canonical case: the `Content-Language` of a body in
                /// this language.
                #[must_use]
                pub const fn tag(self) -> &'static str {
                    match self {
                        #(#tags,)*
                    }
                }

                /// The locale a BCP 47 tag names, compared without regard to case (`_` is
                /// read as `-`): the tag itself, the tag without its script (`zh-Hans-CN` →
                /// `zh-CN`), the tag with subtags dropped from the end (`de-AT` → `de`), or,
                /// for a language alone, optionally with a script, the first locale of that
                /// language (`zh` → `zh-CN`). Never allocates.
                #[must_use]
                pub fn from_tag(tag: &str) -> ::core::option::Option<Self> {
                    let mut subtags: [&str; 8] = [""; 8];
                    let mut count = 0;
                    for subtag in tag.trim().split(['-', '_']) {
                        if subtag.is_empty() || count == subtags.len() {
                            return ::core::option::Option::None;
                        }
                        subtags[count] = subtag;
                        count += 1;
                    }
                    let subtags = &subtags[..count];
                    let [language, rest @ ..] = subtags else {
                        return ::core::option::Option::None;
                    };
                    if let ::core::option::Option::Some(locale) = Self::truncated(subtags) {
                        return ::core::option::Option::Some(locale);
                    }
                    let script = rest
                        .first()
                        .is_some_and(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()));
                    if script {
                        let mut without: [&str; 8] = [""; 8];
                        without[0] = language;
                        without[1..count - 1].copy_from_slice(&rest[1..]);
                        if let ::core::option::Option::Some(locale) =
                            Self::truncated(&without[..count - 1])
                        {
                            return ::core::option::Option::Some(locale);
                        }
                    }
                    if let ::core::option::Option::Some(locale) = Self::exact(&[language]) {
                        return ::core::option::Option::Some(locale);
                    }
                    if rest.is_empty() || (script && rest.len() == 1) {
                        return Self::SUBTAGS
                            .iter()
                            .find(|(tag, _)| tag[0].eq_ignore_ascii_case(language))
                            .map(|&(_, locale)| locale);
                    }
                    ::core::option::Option::None
                }

                /// The locale whose tag is `subtags`, or `subtags` less some at the end,
                /// longest first, down to two subtags.
                fn truncated(subtags: &[&str]) -> ::core::option::Option<Self> {
                    (2..=subtags.len()).rev().find_map(|len| Self::exact(&subtags[..len]))
                }

                /// The locale whose tag is exactly `subtags`, without regard to case.
                fn exact(subtags: &[&str]) -> ::core::option::Option<Self> {
                    Self::SUBTAGS
                        .iter()
                        .find(|(tag, _)| {
                            tag.len() == subtags.len()
                                && tag.iter().zip(subtags).all(|(a, b)| a.eq_ignore_ascii_case(b))
                        })
                        .map(|&(_, locale)| locale)
                }

                /// The locale to answer a request in, from its `Accept-Language` header (RFC
                /// 9110, section 12.5.4): the locale the highest-`q` range names (as
                /// [`Self::from_tag`] finds it; the earlier range on a tie), `*` naming the
                /// first locale no range excludes; `q=0` excludes the locales a range names
                /// exactly or as a prefix. Malformed items are skipped, and at most
                /// [`Self::MAX_RANGES`] items read. When nothing matches, the default.
                /// Never allocates.
                #[must_use]
                pub fn negotiate(accept_language: &str) -> Self {
                    let mut best: ::core::option::Option<(u16, Self)> = ::core::option::Option::None;
                    for item in accept_language.split(',').take(Self::MAX_RANGES) {
                        let ::core::option::Option::Some((range, q)) = Self::weighted(item) else {
                            continue;
                        };
                        if q == 0 || best.is_some_and(|(best, _)| best >= q) {
                            continue;
                        }
                        let found = if range == "*" {
                            Self::ALL
                                .iter()
                                .copied()
                                .find(|&locale| !Self::excluded(accept_language, locale))
                        } else {
                            Self::from_tag(range).filter(|&locale| !Self::excluded(accept_language, locale))
                        };
                        if let ::core::option::Option::Some(locale) = found {
                            best = ::core::option::Option::Some((q, locale));
                        }
                    }
                    match best {
                        ::core::option::Option::Some((_, locale)) => locale,
                        ::core::option::Option::None => Self::DEFAULT,
                    }
                }

                /// A language range of an `Accept-Language` item and its weight in
                /// thousandths, unless the item is malformed.
                fn weighted(item: &str) -> ::core::option::Option<(&str, u16)> {
                    let mut parts = item.split(';');
                    let range = parts.next()?.trim();
                    if range.is_empty()
                        || !range.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'*' || b == b'_')
                    {
                        return ::core::option::Option::None;
                    }
                    let mut q = 1000;
                    for parameter in parts {
                        let (key, value) = parameter.split_once('=')?;
                        if key.trim().eq_ignore_ascii_case("q") {
                            q = Self::q_value(value.trim())?;
                        }
                    }
                    ::core::option::Option::Some((range, q))
                }

                /// A `q` value (`0`, `0.5`, `1.000`) in thousandths.
                fn q_value(text: &str) -> ::core::option::Option<u16> {
                    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
                    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                        return ::core::option::Option::None;
                    }
                    let whole: u16 = match whole {
                        "0" => 0,
                        "1" => 1000,
                        _ => return ::core::option::Option::None,
                    };
                    let mut thousandths = 0;
                    let mut scale = 100;
                    for digit in fraction.bytes() {
                        thousandths += u16::from(digit - b'0') * scale;
                        scale /= 10;
                    }
                    if whole == 1000 && thousandths != 0 {
                        return ::core::option::Option::None;
                    }
                    ::core::option::Option::Some(whole + thousandths)
                }

                /// Whether a `q=0` range of the header names `locale`'s tag or a prefix of it.
                fn excluded(accept_language: &str, locale: Self) -> bool {
                    accept_language
                        .split(',')
                        .take(Self::MAX_RANGES)
                        .filter_map(Self::weighted)
                        .any(|(range, q)| {
                            q == 0 && range != "*" && {
                                let mut tag = locale.tag().split('-');
                                range.split(['-', '_']).all(|subtag| {
                                    tag.next().is_some_and(|t| t.eq_ignore_ascii_case(subtag))
                                })
                            }
                        })
                }
            }
            impl ::core::default::Default for #name {
                fn default() -> Self {
                    Self::DEFAULT
                }
            }
            impl ::core::fmt::Display for #name {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.tag())
                }
            }
            impl ::core::str::FromStr for #name {
                type Err = #unknown;
                fn from_str(tag: &str) -> ::core::result::Result<Self, #unknown> {
                    Self::from_tag(tag).ok_or_else(|| #unknown {
                        tag: ::std::string::ToString::to_string(tag),
                    })
                }
            }
        }
    }

    fn unknown_locale_error(&self) -> TokenStream {
        let title = &self.catalog.title;
        refused_text_error(
            &to_ident(&self.catalog.types.unknown_locale),
            "tag",
            (
                &format!("A language tag that names no locale of the {title}."),
                "The tag, as given.",
            ),
            ("`{}` names no locale of the ", title),
            TokenStream::new(),
        )
    }

    /// `message_in(locale)`: one table per declared locale, the default's being `message()`.
    fn message_in(&self) -> TokenStream {
        let Some(locales) = self.locales() else {
            return TokenStream::new();
        };
        let code = self.code_ident();
        let locale = self.locale_ident();
        let default = to_ident(&locales.default.variant);
        let arms = locales
            .declared
            .iter()
            .enumerate()
            .map(|(index, declared)| {
                let variant = to_ident(&declared.variant);
                let table = self.table("&str", |code| {
                    bulk::string(&code.translations[index].message)
                });
                quote! {
                    #locale::#variant => {
                        #table
                        TABLE[self as usize]
                    }
                }
            });
        quote! {
            impl #code {
                /// The message in `locale`: its translation, or the text of the locale it
                /// falls back to.
                #[must_use]
                pub const fn message_in(self, locale: #locale) -> &'static str {
                    match locale {
                        #locale::#default => self.message(),
                        #(#arms)*
                    }
                }
            }
        }
    }

    /// `from_code_in` and a `<constructor>_in` per constructor.
    fn envelope_in(&self) -> TokenStream {
        let catalog = self.catalog;
        let name = to_ident(&catalog.envelope.name);
        let code = self.code_ident();
        let locale = self.locale_ident();
        let cow = quote!(::std::borrow::Cow::Borrowed);
        let mut localized = Vec::new();
        for (index, field) in catalog.envelope.fields.iter().enumerate() {
            if body::fill(field) != Fill::Code(Part::Message) {
                continue;
            }
            let ident = to_ident(&field.ident);
            let value = if field.is_optional() {
                quote!(::core::option::Option::Some(#cow(text)))
            } else {
                quote!(#cow(text))
            };
            let fixing: Vec<proc_macro2::Ident> = catalog
                .codes
                .iter()
                .filter(|c| body::fixed(c, index).is_some())
                .map(|c| to_ident(&c.variant))
                .collect();
            localized.push(if fixing.is_empty() {
                quote!(body.#ident = #value;)
            } else {
                quote! {
                    if !::core::matches!(code, #(#code::#fixing)|*) {
                        body.#ident = #value;
                    }
                }
            });
        }
        let (params, body) = if localized.is_empty() {
            (
                quote!(code: #code, _locale: #locale),
                quote!(Self::from(code)),
            )
        } else {
            (
                quote!(code: #code, locale: #locale),
                quote! {
                    let mut body = Self::from(code);
                    let text = code.message_in(locale);
                    #(#localized)*
                    body
                },
            )
        };
        let constructors = self.constructors_in();
        let lints = doc_lints();
        quote! {
            #[allow(deprecated)]
            #lints
            impl #name {
                /// The body for `code` in `locale`: as `From<code>` makes it, its message (and
                /// a detail without a template) in that language. Never allocates.
                #[must_use]
                pub fn from_code_in(#params) -> Self {
                    #body
                }
                #constructors
            }
        }
    }

    /// `<constructor>_in(locale, …)`: the constructor's body, its message in `locale` and its
    /// detail rendered from the template of `locale`.
    fn constructors_in(&self) -> TokenStream {
        let Some(locales) = self.locales() else {
            return TokenStream::new();
        };
        let catalog = self.catalog;
        let locale_type = &catalog.types.locale;
        let detail_field = catalog.field_bound_to(Binding::Detail);
        let mut out = Lines::with_capacity(catalog.codes.len() * 128);
        for code in &catalog.codes {
            let Some(constructor) = &code.constructor else {
                continue;
            };
            let template = code.detail.as_ref().filter(|_| detail_field.is_some());
            let (mut params, mut assignments) = self.own_required_arguments(code);
            if template.is_none() && params.is_empty() {
                continue;
            }
            out.doc(&format!(
                "[`Self::{}`] in `locale`: the body of [`Self::from_code_in`]{}.",
                unraw(constructor),
                if template.is_some() {
                    ", its detail rendered from the template of `locale`"
                } else {
                    ""
                }
            ));
            deprecated_attribute(&mut out, code);
            let mut arguments: Vec<String> = vec![format!("locale: {locale_type}")];
            if let (Some(template), Some(field)) = (template, detail_field) {
                arguments.extend(template.params.iter().map(super::envelope::param_argument));
                let (open, close) = if field.is_optional() {
                    (
                        "::core::option::Option::Some(::std::borrow::Cow::Owned(",
                        "))",
                    )
                } else {
                    ("::std::borrow::Cow::Owned(", ")")
                };
                let arms = render_in(locale_type, locales, code, template);
                assignments.insert(
                    0,
                    format!("{}: {open}match locale {{\n{arms}}}{close},", field.ident),
                );
            }
            arguments.append(&mut params);
            out.open(format_args!(
                "pub fn {}_in({}) -> Self {{",
                unraw(constructor),
                arguments.join(", ")
            ));
            out.open(format_args!("Self {{"));
            for assignment in &assignments {
                out.lines(assignment);
            }
            out.line(format_args!(
                "..Self::from_code_in({}::{}, locale)",
                catalog.types.code, code.variant
            ));
            out.close(format_args!("}}"));
            out.close(format_args!("}}"));
        }
        let text = out.into_string();
        if text.is_empty() {
            return TokenStream::new();
        }
        self.splices.marker(text)
    }
}

impl Emitter<'_> {
    /// With the `axum` option: the locale enum as an extractor negotiating a request's
    /// `Accept-Language`, and `into_response_in` on the envelope and the code enum, sending
    /// `Content-Language` (and `Vary: Accept-Language`, as the body depends on it).
    pub(super) fn axum_localized(&self) -> TokenStream {
        if self.locales().is_none() {
            return TokenStream::new();
        }
        let http = quote!(::axum::http);
        let locale = self.locale_ident();
        let name = to_ident(&self.catalog.envelope.name);
        let code = self.code_ident();
        let code_doc = format!(
            " Sends this code's body in `locale` ([`{}::from_code_in`]), with\n `Content-Language`.",
            unraw(&self.catalog.envelope.name)
        );
        quote! {
            impl #locale {
                /// The locale negotiated from a request's `Accept-Language` headers (several
                /// are read as one list), the default without any; see [`Self::negotiate`].
                pub fn from_headers(headers: &#http::HeaderMap) -> Self {
                    let mut values = headers
                        .get_all(#http::header::ACCEPT_LANGUAGE)
                        .iter()
                        .filter_map(|value| value.to_str().ok());
                    let ::core::option::Option::Some(first) = values.next() else {
                        return Self::DEFAULT;
                    };
                    let ::core::option::Option::Some(second) = values.next() else {
                        return Self::negotiate(first);
                    };
                    let mut all = ::std::string::String::from(first);
                    for value in ::core::iter::once(second).chain(values) {
                        all.push(',');
                        all.push_str(value);
                    }
                    Self::negotiate(&all)
                }
            }
            impl<S: ::core::marker::Send + ::core::marker::Sync> ::axum::extract::FromRequestParts<S> for #locale {
                type Rejection = ::core::convert::Infallible;
                /// The locale negotiated from the request's `Accept-Language`; never fails.
                fn from_request_parts(
                    parts: &mut #http::request::Parts,
                    _state: &S,
                ) -> impl ::core::future::Future<Output = ::core::result::Result<Self, Self::Rejection>> + ::core::marker::Send {
                    ::core::future::ready(::core::result::Result::Ok(Self::from_headers(&parts.headers)))
                }
            }
            impl #name {
                /// Sends the body as `IntoResponse` does, with `Content-Language` set to
                /// `locale` and `Vary: Accept-Language`: for a body built in `locale`
                /// ([`Self::from_code_in`], the `_in` constructors).
                pub fn into_response_in(self, locale: #locale) -> ::axum::response::Response {
                    let mut response = ::axum::response::IntoResponse::into_response(self);
                    let headers = response.headers_mut();
                    headers.insert(
                        #http::header::CONTENT_LANGUAGE,
                        #http::HeaderValue::from_static(locale.tag()),
                    );
                    headers.append(
                        #http::header::VARY,
                        #http::HeaderValue::from_static("accept-language"),
                    );
                    response
                }
            }
            impl #code {
                #[doc = #code_doc]
                pub fn into_response_in(self, locale: #locale) -> ::axum::response::Response {
                    #name::from_code_in(self, locale).into_response_in(locale)
                }
            }
        }
    }
}

/// The arms of a `match` on the locale rendering the code's template of each one, a line
/// each, indented one level.
fn render_in(locale_type: &str, locales: &Locales, code: &Code, template: &Template) -> String {
    let mut arms = format!(
        "    {locale_type}::{} => {},\n",
        locales.default.variant,
        render(template)
    );
    for (declared, translation) in locales.declared.iter().zip(&code.translations) {
        let template = translation.detail.as_ref().unwrap_or(template);
        arms.push_str(&format!(
            "    {locale_type}::{} => {},\n",
            declared.variant,
            render(template)
        ));
    }
    arms
}
