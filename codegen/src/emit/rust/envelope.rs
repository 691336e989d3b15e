//! The envelope struct and its helper schemas, and the bodies each code sends.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::body::{self, Fill, Part};
use crate::ident::{to_ident, unraw};
use crate::model::{Binding, Field, FieldType, ParamType};

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

    pub(super) fn struct_fields(&self, fields: &[Field]) -> Vec<TokenStream> {
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
                if field.required {
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
        let fields = self.struct_fields(&envelope.fields);
        let schemas = envelope.schemas.values().map(|schema| {
            let name = to_ident(&schema.name);
            let doc = docs(schema.description.as_deref().unwrap_or_default());
            let fields = self.struct_fields(&schema.fields);
            quote! {
                #doc
                #lints
                #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                pub struct #name {
                    #(#fields,)*
                }
            }
        });
        let from_code = self.envelope_from_code();
        let constructors = self.constructors();
        quote! {
            #doc
            #lints
            #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            pub struct #name {
                #(#fields,)*
            }
            #(#schemas)*
            #from_code
            #constructors
        }
    }

    pub(super) fn envelope_from_code(&self) -> TokenStream {
        let catalog = self.catalog;
        let name = to_ident(&catalog.envelope.name);
        let code = self.code_ident();
        let or_unknown = self.or_unknown_ident();
        let cow = quote!(::std::borrow::Cow::Borrowed);
        let values = catalog.envelope.fields.iter().map(|field| {
            let ident = to_ident(&field.ident);
            let value = match body::fill(field) {
                Fill::Default => quote!(::core::default::Default::default()),
                Fill::Absent => quote!(::core::option::Option::None),
                Fill::Code(Part::Link) if field.required => {
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
                    if field.required {
                        value
                    } else {
                        quote!(::core::option::Option::Some(#value))
                    }
                }
            };
            quote!(#ident: #value)
        });
        let doc = " The body for `code`, with every field bound `from:` the catalog filled in.";
        // With no field bound to the catalog, the code is not used.
        let param = if catalog.envelope.fields.iter().any(|f| f.from.is_some()) {
            quote!(code)
        } else {
            quote!(_code)
        };
        quote! {
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

    pub(super) fn constructors(&self) -> TokenStream {
        let catalog = self.catalog;
        let Some(detail_field) = catalog.field_bound_to(Binding::Detail) else {
            return TokenStream::new();
        };
        let mut out = Lines::with_capacity(catalog.codes.len() * 64);
        let with_template = catalog
            .codes
            .iter()
            .filter_map(|code| Some((code, code.detail.as_ref()?, code.constructor.as_ref()?)));
        for (code, template, constructor) in with_template {
            out.doc(&format!(
                "The body for [`{}::{}`], its detail rendered from `{}`.",
                catalog.types.code,
                unraw(&code.variant),
                template.text.replace('`', "'")
            ));
            deprecated_attribute(&mut out, code);
            let params: Vec<String> = template
                .params
                .iter()
                .map(|param| {
                    let ty = match param.ty {
                        ParamType::String => "&str",
                        ParamType::Integer => "i64",
                        ParamType::Boolean => "bool",
                    };
                    format!("{}: {ty}", param.ident)
                })
                .collect();
            let mut rendered = format!("::std::borrow::Cow::Owned({})", render(template));
            if !detail_field.required {
                rendered = format!("::core::option::Option::Some({rendered})");
            }
            out.open(format_args!(
                "pub fn {constructor}({}) -> Self {{",
                params.join(", ")
            ));
            out.open(format_args!("Self {{"));
            out.line(format_args!("{}: {rendered},", detail_field.ident));
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
