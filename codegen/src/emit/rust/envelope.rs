//! The envelope struct and its helper schemas, and the bodies each code sends.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::body::{self, Fill, Part};
use crate::ident::{to_ident, unraw};
use crate::model::{Binding, Code, CodeIn, Field, FieldType, ParamType, Scalar};

use super::bulk::Lines;
use super::code_enum::{deprecated_attribute, render};
use super::{Emitter, doc_lints, docs, joined};

impl Emitter<'_> {
    pub(super) fn field_type(&self, ty: &FieldType) -> TokenStream {
        match ty {
            FieldType::String => quote!(::std::borrow::Cow<'static, str>),
            FieldType::Integer => quote!(i64),
            FieldType::Number => quote!(f64),
            FieldType::Boolean => quote!(bool),
            FieldType::Any => self.any_type.clone(),
            FieldType::Array(items) => {
                let items = self.field_type(items);
                quote!(::std::vec::Vec<#items>)
            }
            FieldType::Schema(name) => {
                let name = to_ident(name);
                quote!(#name)
            }
            FieldType::Envelope => {
                let name = to_ident(&self.catalog.envelope.name);
                quote!(#name)
            }
            FieldType::Code => {
                let name = self.or_unknown_ident();
                quote!(#name)
            }
            FieldType::Status => quote!(u16),
        }
    }

    /// The Rust fields of a struct with `fields`, and for an open one the map that keeps the
    /// members the catalog does not know.
    pub(super) fn struct_fields(&self, fields: &[Field], closed: bool) -> Vec<TokenStream> {
        let extra = (!closed).then(|| {
            let extra = format_ident!("{}", crate::model::EXTRA_FIELD);
            let any = &self.any_type;
            quote! {
                /// The members the catalog does not know, kept as received so that a body
                /// relayed unchanged loses nothing; sent after the known members.
                #[serde(flatten)]
                pub #extra: ::std::collections::BTreeMap<::std::string::String, #any>
            }
        });
        fields
            .iter()
            .map(|field| {
                let ident = to_ident(&field.ident);
                let mut ty = self.field_type(&field.ty);
                if field.boxed {
                    ty = quote!(::std::boxed::Box<#ty>);
                }
                let doc = docs(field.description.as_deref().unwrap_or_default());
                let wire = &field.wire_name;
                let rename = (unraw(&field.ident) != wire).then(|| quote!(rename = #wire,));
                if field.required && field.nullable {
                    // Always sent, `null` for `None`; absent decodes as `None` too.
                    quote! {
                        #doc
                        #[serde(#rename default)]
                        pub #ident: ::core::option::Option<#ty>
                    }
                } else if field.required {
                    let serde = rename.map(|rename| quote!(#[serde(#rename)]));
                    quote!(#doc #serde pub #ident: #ty)
                } else {
                    quote! {
                        #doc
                        #[serde(#rename default, skip_serializing_if = "::core::option::Option::is_none")]
                        pub #ident: ::core::option::Option<#ty>
                    }
                }
            })
            .chain(extra)
            .collect()
    }

    pub(super) fn envelope(&self) -> TokenStream {
        let catalog = self.catalog;
        let envelope = &catalog.envelope;
        let name = to_ident(&envelope.name);
        let lints = doc_lints();
        let doc = docs(&joined(&[
            &format!("The body of a {} response.", catalog.title),
            envelope.description.as_deref().unwrap_or_default(),
            &format!("Media type: `{}`.", envelope.media_type),
        ]));
        let mut fields = self.struct_fields(&envelope.fields, envelope.closed);
        let keeps_params = self.keeps_params();
        if keeps_params {
            let field = format_ident!("{}", super::grpc::PARAMS_FIELD);
            fields.push(quote! {
                /// The params of the typed constructor that built the body, for
                /// [`Self::metadata`]; not sent, not received.
                #[serde(skip)]
                #field: ::std::vec::Vec<(&'static str, ::std::string::String)>
            });
        }
        // With params kept, equality is written out: they do not count.
        let partial_eq = (!keeps_params).then(|| quote!(PartialEq,));
        let schemas = envelope.schemas.values().map(|schema| {
            let name = to_ident(&schema.name);
            let doc = docs(schema.description.as_deref().unwrap_or_default());
            let fields = self.struct_fields(&schema.fields, schema.closed);
            let setters = self.setters(&name, &schema.fields);
            quote! {
                #doc
                #lints
                #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[non_exhaustive]
                pub struct #name {
                    #(#fields,)*
                }
                #setters
            }
        });
        let setters = self.setters(&name, &envelope.fields);
        let from_code = self.envelope_from_code();
        let constructors = self.constructors();
        let response_code = self.response_code();
        let metadata = self.envelope_metadata();
        quote! {
            #doc
            #lints
            #[derive(Debug, Clone, #partial_eq ::serde::Serialize, ::serde::Deserialize)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields,)*
            }
            #setters
            #(#schemas)*
            #from_code
            #constructors
            #response_code
            #metadata
        }
    }
    /// `with_<field>` for every field of a struct: the struct is `#[non_exhaustive]`, so that
    /// a field added to the catalog is no major change for Rust users, and these (with
    /// `From<Code>`, `Default` or the typed constructors) build it.
    fn setters(&self, name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
        let setters = fields.iter().map(|field| {
            let ident = to_ident(&field.ident);
            let setter = format_ident!("with_{}", unraw(&field.ident));
            let mut ty = self.field_type(&field.ty);
            if field.boxed {
                ty = quote!(::std::boxed::Box<#ty>);
            }
            let (param, value) = match &field.ty {
                FieldType::String => (
                    quote!(impl ::core::convert::Into<::std::borrow::Cow<'static, str>>),
                    quote!(::core::convert::Into::into(value)),
                ),
                _ => (ty, quote!(value)),
            };
            let value = if field.is_optional() {
                quote!(::core::option::Option::Some(#value))
            } else {
                value
            };
            let doc = format!(" `self` with `{}` set.", field.wire_name);
            quote! {
                #[doc = #doc]
                #[must_use]
                pub fn #setter(mut self, value: #param) -> Self {
                    self.#ident = #value;
                    self
                }
            }
        });
        quote! {
            impl #name {
                #(#setters)*
            }
        }
    }

    /// `response_code`: the typed code of an HTTP response, from its status and body.
    fn response_code(&self) -> TokenStream {
        let catalog = self.catalog;
        let name = to_ident(&catalog.envelope.name);
        let or_unknown = self.or_unknown_ident();
        let wire = self.wire_type();
        let field = catalog.field_bound_to(Binding::Code);
        let from_status =
            quote!(#or_unknown::from(<#wire as ::core::convert::From<u16>>::from(status)));
        let (doc, body) = match (field, catalog.code_in) {
            (Some(field), CodeIn::Body) if !field.is_optional() => {
                let ident = to_ident(&field.ident);
                (
                    "The code of a response with this body: the body's own, whatever `status` is.",
                    quote!(::core::option::Option::Some(::core::clone::Clone::clone(&self.#ident))),
                )
            }
            (Some(field), CodeIn::Body) => {
                let ident = to_ident(&field.ident);
                (
                    "The code of a response with this body: the body's own, when it carries one.",
                    quote!(::core::clone::Clone::clone(&self.#ident)),
                )
            }
            (Some(field), CodeIn::Status) => {
                let ident = to_ident(&field.ident);
                let own = if field.is_optional() {
                    quote!(::core::clone::Clone::clone(&self.#ident))
                } else {
                    quote!(::core::option::Option::Some(::core::clone::Clone::clone(&self.#ident)))
                };
                (
                    "The code of a response with this body and HTTP `status`: the body's own when \
                     it carries one, else the status line's (the catalog says `code_in: status`).",
                    quote!(::core::option::Option::Some(::core::option::Option::unwrap_or_else(#own, || #from_status))),
                )
            }
            (None, CodeIn::Status) => (
                "The code of a response with HTTP `status`: the status line's (the catalog says \
                 `code_in: status`).",
                quote!(::core::option::Option::Some(#from_status)),
            ),
            (None, CodeIn::Body) => (
                "The code of a response with this body: none, the body has no code field.",
                quote!(::core::option::Option::None),
            ),
        };
        let uses_status = catalog.code_in == CodeIn::Status;
        let status = if uses_status {
            quote!(status)
        } else {
            quote!(_status)
        };
        let doc = docs(doc);
        quote! {
            impl #name {
                #doc
                #[must_use]
                pub fn response_code(&self, #status: u16) -> ::core::option::Option<#or_unknown> {
                    #body
                }
            }
        }
    }

    pub(super) fn envelope_from_code(&self) -> TokenStream {
        let catalog = self.catalog;
        let name = to_ident(&catalog.envelope.name);
        let code = self.code_ident();
        let or_unknown = self.or_unknown_ident();
        let cow = quote!(::std::borrow::Cow::Borrowed);
        let values = catalog
            .envelope
            .fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let ident = to_ident(&field.ident);
                let optional = field.is_optional();
                let value = match body::fill(field) {
                    Fill::Default => quote!(::core::default::Default::default()),
                    Fill::Absent | Fill::Null => quote!(::core::option::Option::None),
                    Fill::Code(Part::Link) if !optional => {
                        quote!(#cow(code.link().unwrap_or_default()))
                    }
                    Fill::Code(Part::Link) => quote!(code.link().map(#cow)),
                    Fill::Code(part) => {
                        let value = match part {
                            Part::Value => quote!(#or_unknown::Known(code)),
                            Part::Message => quote!(#cow(code.message())),
                            Part::Status => quote!(code.status()),
                            Part::TypeUri => quote!(#cow(code.type_uri())),
                            Part::Link => unreachable!("handled above"),
                        };
                        if optional {
                            quote!(::core::option::Option::Some(#value))
                        } else {
                            value
                        }
                    }
                };
                let value = self.fixed_values(index, field, value);
                quote!(#ident: #value)
            });
        let extra = (!catalog.envelope.closed).then(|| {
            let extra = format_ident!("{}", crate::model::EXTRA_FIELD);
            quote!(#extra: ::std::collections::BTreeMap::new())
        });
        let params = self.keeps_params().then(|| {
            let field = format_ident!("{}", super::grpc::PARAMS_FIELD);
            quote!(#field: ::std::vec::Vec::new())
        });
        let values = values.chain(extra).chain(params);
        let doc = " The body for `code`, with every field bound `from:` the catalog filled in.";
        // With no field bound to the catalog and no value fixed, the code is not used.
        let param = if catalog.envelope.fields.iter().any(|f| f.from.is_some())
            || catalog.codes.iter().any(|c| !c.shape.values.is_empty())
        {
            quote!(code)
        } else {
            quote!(_code)
        };
        quote! {
            #[allow(deprecated)]
            impl ::core::convert::From<#code> for #name {
                #[doc = #doc]
                fn from(#param: #code) -> Self {
                    Self {
                        #(#values,)*
                    }
                }
            }
        }
    }

    /// `value`, the value of field `index` for any code, overridden for the codes that fix it
    /// (`values:`).
    fn fixed_values(&self, index: usize, field: &Field, value: TokenStream) -> TokenStream {
        let fixing: Vec<(&Code, &Scalar)> = self
            .catalog
            .codes
            .iter()
            .filter_map(|code| {
                code.shape
                    .values
                    .iter()
                    .find(|(i, _)| *i == index)
                    .map(|(_, v)| (code, v))
            })
            .collect();
        if fixing.is_empty() {
            return value;
        }
        let code_name = self.code_ident();
        let arms = fixing.iter().map(|(code, fixed)| {
            let variant = to_ident(&code.variant);
            let literal = match fixed {
                Scalar::String(text) => quote!(::std::borrow::Cow::Borrowed(#text)),
                Scalar::Integer(n) => {
                    let n = Literal::i64_unsuffixed(*n);
                    quote!(#n)
                }
                Scalar::Boolean(b) => quote!(#b),
            };
            let literal = if field.is_optional() {
                quote!(::core::option::Option::Some(#literal))
            } else {
                literal
            };
            quote!(#code_name::#variant => #literal)
        });
        let rest = (fixing.len() < self.catalog.codes.len()).then(|| quote!(_ => #value,));
        quote! {
            match code {
                #(#arms,)*
                #rest
            }
        }
    }

    /// The arguments of a code's constructor for the fields only it carries and always
    /// requires, and the assignments of those fields.
    pub(super) fn own_required_arguments(&self, code: &Code) -> (Vec<String>, Vec<String>) {
        let catalog = self.catalog;
        let mut params = Vec::new();
        let mut assignments = Vec::new();
        let own_required = code
            .shape
            .own
            .iter()
            .filter(|i| code.shape.required.contains(i))
            .map(|&i| &catalog.envelope.fields[i]);
        for field in own_required {
            let ty = match &field.ty {
                FieldType::String => {
                    "impl ::core::convert::Into<::std::borrow::Cow<'static, str>>".to_owned()
                }
                other => self.field_type(other).to_string(),
            };
            let value = match &field.ty {
                FieldType::String => format!("::core::convert::Into::into({})", field.ident),
                _ => field.ident.clone(),
            };
            params.push(format!("{}: {ty}", field.ident));
            assignments.push(format!(
                "{}: ::core::option::Option::Some({value}),",
                field.ident
            ));
        }
        (params, assignments)
    }

    pub(super) fn constructors(&self) -> TokenStream {
        let catalog = self.catalog;
        let detail_field = catalog.field_bound_to(Binding::Detail);
        let mut out = Lines::with_capacity(catalog.codes.len() * 64);
        let with_constructor = catalog
            .codes
            .iter()
            .filter_map(|code| Some((code, code.constructor.as_ref()?)));
        for (code, constructor) in with_constructor {
            let template = code.detail.as_ref().filter(|_| detail_field.is_some());
            let own_required: Vec<&Field> = code
                .shape
                .own
                .iter()
                .filter(|i| code.shape.required.contains(i))
                .map(|&i| &catalog.envelope.fields[i])
                .collect();
            if template.is_none() && own_required.is_empty() {
                continue;
            }
            let mut doc = format!(
                "The body for [`{}::{}`]",
                catalog.types.code,
                unraw(&code.variant),
            );
            if let Some(template) = template {
                doc.push_str(&format!(
                    ", its detail rendered from `{}`",
                    template.text.replace('`', "'")
                ));
            }
            if !own_required.is_empty() {
                let names: Vec<String> = own_required
                    .iter()
                    .map(|f| format!("`{}`", f.wire_name))
                    .collect();
                doc.push_str(&format!(", with {}", names.join(", ")));
            }
            doc.push('.');
            out.doc(&doc);
            deprecated_attribute(&mut out, code);
            let mut params: Vec<String> = template
                .iter()
                .flat_map(|template| &template.params)
                .map(param_argument)
                .collect();
            let mut assignments = Vec::new();
            if let Some(template) = template
                && !template.params.is_empty()
            {
                let kept: Vec<String> = template
                    .params
                    .iter()
                    .map(|param| {
                        format!(
                            "({}, ::std::string::ToString::to_string(&{}))",
                            super::bulk::string(&param.name),
                            param.ident
                        )
                    })
                    .collect();
                assignments.push(format!(
                    "{}: ::std::vec![{}],",
                    super::grpc::PARAMS_FIELD,
                    kept.join(", ")
                ));
            }
            if let (Some(template), Some(detail_field)) = (template, detail_field) {
                let mut rendered = format!("::std::borrow::Cow::Owned({})", render(template));
                if detail_field.is_optional() {
                    rendered = format!("::core::option::Option::Some({rendered})");
                }
                assignments.push(format!("{}: {rendered},", detail_field.ident));
            }
            let (mut own_params, mut own_assignments) = self.own_required_arguments(code);
            params.append(&mut own_params);
            assignments.append(&mut own_assignments);
            out.open(format_args!(
                "pub fn {constructor}({}) -> Self {{",
                params.join(", ")
            ));
            out.open(format_args!("Self {{"));
            for assignment in &assignments {
                out.line(format_args!("{assignment}"));
            }
            out.line(format_args!(
                "..Self::from({}::{})",
                catalog.types.code, code.variant
            ));
            out.close(format_args!("}}"));
            out.close(format_args!("}}"));
        }
        let constructors = out.into_string();
        if constructors.is_empty() {
            return TokenStream::new();
        }
        let constructors = self.splices.marker(constructors);
        let name = to_ident(&catalog.envelope.name);
        let lints = doc_lints();
        quote! {
            #[allow(deprecated)]
            #lints
            impl #name {
                #constructors
            }
        }
    }
}

/// A constructor's argument for a template param.
pub(super) fn param_argument(param: &crate::model::Param) -> String {
    let ty = match param.ty {
        ParamType::String => "&str",
        ParamType::Integer => "i64",
        ParamType::Boolean => "bool",
    };
    format!("{}: {ty}", param.ident)
}
