//! The `utoipa` option: `utoipa::PartialSchema` and `utoipa::ToSchema` for the types that
//! have a schema in the catalog's OpenAPI document, so that a server documenting itself with
//! utoipa 5 publishes the same schemas as `errcat openapi`.
//!
//! The schemas are not described a second time here: each is the OpenAPI emitter's JSON
//! (`openapi::catalog_schemas`), translated member by member into utoipa's schema builders.
//! Embedding the JSON and deserializing it at run time would be shorter, but cannot work
//! with utoipa 5: its `Schema` is an untagged enum whose `Object` variant takes any object
//! with a `type`, so the code schema's `oneOf` is silently dropped; it has no member for
//! `const`; and no variant takes the empty schema of a `type: any` field, so deserializing
//! the envelope fails. The builders can express every member the emitter writes (`const`
//! through an `Object`'s extensions, which utoipa serializes flattened into the schema). The
//! translation refuses any member it does not know, so a member the emitter starts writing
//! fails generation until it is taught here, instead of going missing from utoipa's
//! documents; `tests/with-utoipa` compares utoipa's schemas with the export for every
//! catalog.
//!
//! Which types, and under which names:
//! - the code enum has the code schema (the `$ref` target of the envelope's code field):
//!   exactly the listed codes, which is what the enum serializes;
//! - the envelope and each helper schema struct have their object schemas;
//! - the `…OrUnknown` type has the inline `anyOf` the envelope's code field has (a listed
//!   code or any other). It is not a component of the export, but a user's own
//!   `#[derive(ToSchema)]` struct holding one needs it.
//!
//! `ToSchema::name()` is the component name of the single-catalog export, and
//! `ToSchema::schemas()` lists every component the type's schema reaches by `$ref`, directly
//! or not, so that each `$ref` resolves once the type is registered. The list is computed
//! here, flat, so a recursive schema (Astrada's problems nest) cannot make it recurse.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::Emitter;
use crate::Error;
use crate::emit::json::Json;
use crate::emit::openapi;
use crate::ident::{to_ident, unraw};

/// Where `$ref`s to schema components point.
const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

impl Emitter<'_> {
    pub(super) fn utoipa_items(&self) -> Result<TokenStream, Error> {
        let schemas = openapi::catalog_schemas(self.catalog)?;
        // The types whose components `schema` reaches, but the one named `own`.
        let others = |schema: &Json, own: &str| -> Result<Vec<TokenStream>, Error> {
            Ok(reachable(schema, &schemas.components)?
                .into_iter()
                .filter(|component| component.name != own)
                .map(|component| {
                    let ty = to_ident(&component.type_name);
                    quote!(#ty)
                })
                .collect())
        };
        let mut items = Vec::new();
        for component in &schemas.components {
            let ty = to_ident(&component.type_name);
            let doc = format!(
                "The `{}` schema of the catalog's OpenAPI document (`errcat openapi`).",
                component.name
            );
            items.push(impls(
                &quote!(#ty),
                &component.name,
                &doc,
                &component.schema,
                &others(&component.schema, &component.name)?,
            )?);
        }
        let or_unknown = self.or_unknown_ident();
        let name = unraw(&self.catalog.types.or_unknown);
        let doc = format!(
            "The schema the catalog's OpenAPI document (`errcat openapi`) gives the code field \
             of `{}`: a code of `{}`, or any other.",
            unraw(&self.catalog.envelope.name),
            unraw(&self.catalog.types.code),
        );
        items.push(impls(
            &quote!(#or_unknown),
            name,
            &doc,
            &schemas.code_field,
            &others(&schemas.code_field, name)?,
        )?);
        Ok(quote!(#(#items)*))
    }
}

/// `PartialSchema` and `ToSchema` for `ty`, named `name`, with `schema` (documented as `doc`);
/// `others` are the types whose components `schema` refers to.
fn impls(
    ty: &TokenStream,
    name: &str,
    doc: &str,
    schema: &Json,
    others: &[TokenStream],
) -> Result<TokenStream, Error> {
    let builder = schema_expr(schema, name)?;
    let doc = super::docs(doc);
    let schema_type = quote!(::utoipa::openapi::RefOr<::utoipa::openapi::schema::Schema>);
    let schemas = (!others.is_empty()).then(|| {
        quote! {
            /// Every schema this one refers to, directly or not.
            fn schemas(schemas: &mut ::std::vec::Vec<(::std::string::String, #schema_type)>) {
                schemas.extend([#((
                    ::std::borrow::Cow::into_owned(<#others as ::utoipa::ToSchema>::name()),
                    <#others as ::utoipa::PartialSchema>::schema(),
                )),*]);
            }
        }
    });
    Ok(quote! {
        impl ::utoipa::PartialSchema for #ty {
            #doc
            fn schema() -> #schema_type {
                ::core::convert::Into::into(#builder)
            }
        }
        impl ::utoipa::ToSchema for #ty {
            fn name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name)
            }
            #schemas
        }
    })
}

/// The components `schema` refers to, directly or through other components, in name order.
fn reachable<'a>(
    schema: &Json,
    components: &'a [openapi::SchemaComponent],
) -> Result<Vec<&'a openapi::SchemaComponent>, Error> {
    let mut found = BTreeMap::new();
    let mut pending = vec![schema];
    while let Some(schema) = pending.pop() {
        let mut refs = Vec::new();
        collect_refs(schema, &mut refs);
        for target in refs {
            let component = target
                .strip_prefix(SCHEMA_REF_PREFIX)
                .and_then(|name| components.iter().find(|c| c.name == name))
                .ok_or_else(|| internal(&format!("a `$ref` to `{target}`, no component")))?;
            if found.insert(component.name.as_str(), component).is_none() {
                pending.push(&component.schema);
            }
        }
    }
    Ok(found.into_values().collect())
}

/// Every `$ref` string under `json`.
fn collect_refs<'a>(json: &'a Json, out: &mut Vec<&'a str>) {
    match json {
        Json::Object(members) => {
            for (key, value) in members {
                match (key.as_ref(), value) {
                    ("$ref", Json::String(target)) => out.push(target),
                    _ => collect_refs(value, out),
                }
            }
        }
        Json::Array(items) => items.iter().for_each(|item| collect_refs(item, out)),
        _ => {}
    }
}

/// The kinds of schema utoipa builds, each with its own builder.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ref,
    OneOf,
    AnyOf,
    Array,
    Object,
}

/// A utoipa builder expression (convertible into `RefOr<Schema>`) for the schema `json`,
/// which belongs to the component `component` (named in errors).
fn schema_expr(json: &Json, component: &str) -> Result<TokenStream, Error> {
    let Json::Object(members) = json else {
        return Err(internal(&format!(
            "a schema in `{component}` that is no object"
        )));
    };
    let member = |name: &str| members.iter().find(|(key, _)| key == name).map(|(_, v)| v);
    let kind = if member("$ref").is_some() {
        Kind::Ref
    } else if member("oneOf").is_some() {
        Kind::OneOf
    } else if member("anyOf").is_some() {
        Kind::AnyOf
    } else if member("type") == Some(&Json::from("array")) {
        Kind::Array
    } else {
        Kind::Object
    };
    let schema = quote!(::utoipa::openapi::schema);
    let mut calls = Vec::new();
    // An `ObjectBuilder` starts as `type: object`; a schema without `type` takes any value.
    if kind == Kind::Object && member("type").is_none() {
        calls.push(quote!(.schema_type(#schema::SchemaType::AnyValue)));
    }
    for (key, value) in members {
        let unexpected = || {
            internal(&format!(
                "the member `{key}` of a schema in `{component}`, which the `utoipa` option \
                 cannot express"
            ))
        };
        let text = || match value {
            Json::String(text) => Ok(text.as_str()),
            _ => Err(unexpected()),
        };
        let items = || match value {
            Json::Array(items) => items
                .iter()
                .map(|item| schema_expr(item, component))
                .collect::<Result<Vec<_>, _>>(),
            _ => Err(unexpected()),
        };
        calls.push(match (kind, key.as_ref()) {
            (_, "description") => {
                let text = text()?;
                quote!(.description(::core::option::Option::Some(#text)))
            }
            (Kind::Ref, "$ref") => {
                let text = text()?;
                quote!(.ref_location(::std::string::String::from(#text)))
            }
            (Kind::OneOf | Kind::AnyOf, "oneOf" | "anyOf") => {
                let items = items()?;
                quote!(#(.item(#items))*)
            }
            // `ArrayBuilder` is `type: array` already.
            (Kind::Array, "type") => continue,
            (Kind::OneOf | Kind::Object, "type") => {
                let ty = match text()? {
                    "object" => quote!(Object),
                    "string" => quote!(String),
                    "integer" => quote!(Integer),
                    "number" => quote!(Number),
                    "boolean" => quote!(Boolean),
                    "null" => quote!(Null),
                    _ => return Err(unexpected()),
                };
                quote!(.schema_type(#schema::Type::#ty))
            }
            (Kind::OneOf | Kind::Array | Kind::Object, "title") => {
                let text = text()?;
                quote!(.title(::core::option::Option::Some(#text)))
            }
            (Kind::Array, "items") => {
                let items = schema_expr(value, component)?;
                quote!(.items(#items))
            }
            // Written as the emitter wrote it; utoipa's `KnownFormat` would serialize the same.
            (Kind::Object, "format") => {
                let text = text()?;
                quote!(.format(::core::option::Option::Some(
                    #schema::SchemaFormat::Custom(::std::string::String::from(#text))
                )))
            }
            (Kind::Object, "properties") => {
                let Json::Object(properties) = value else {
                    return Err(unexpected());
                };
                let names = properties.iter().map(|(name, _)| name);
                let schemas = properties
                    .iter()
                    .map(|(_, property)| schema_expr(property, component))
                    .collect::<Result<Vec<_>, _>>()?;
                quote!(#(.property(#names, #schemas))*)
            }
            (Kind::Object, "required") => {
                let Json::Array(names) = value else {
                    return Err(unexpected());
                };
                let names = names
                    .iter()
                    .map(|name| match name {
                        Json::String(name) => Ok(name),
                        _ => Err(unexpected()),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                quote!(#(.required(#names))*)
            }
            (Kind::Object, "minimum" | "maximum") => {
                let method = quote::format_ident!("{key}");
                let number = number(value).ok_or_else(unexpected)?;
                quote!(.#method(::core::option::Option::Some(#number)))
            }
            (Kind::Object, "minLength") => {
                let Json::Int(length) = value else {
                    return Err(unexpected());
                };
                let length =
                    Literal::usize_unsuffixed(usize::try_from(*length).map_err(|_| unexpected())?);
                quote!(.min_length(::core::option::Option::Some(#length)))
            }
            (Kind::Object, "additionalProperties") => {
                let Json::Bool(open) = value else {
                    return Err(unexpected());
                };
                quote!(.additional_properties(::core::option::Option::Some(
                    #schema::AdditionalProperties::<#schema::Schema>::FreeForm(#open)
                )))
            }
            (Kind::Object, "deprecated") => {
                let deprecated = match value {
                    Json::Bool(true) => quote!(True),
                    Json::Bool(false) => quote!(False),
                    _ => return Err(unexpected()),
                };
                quote!(.deprecated(::core::option::Option::Some(
                    ::utoipa::openapi::Deprecated::#deprecated
                )))
            }
            // utoipa 5's `Object` has no `const`. Its extensions are serialized flattened into
            // the schema, and built from an iterator they keep each key as given.
            (Kind::Object, "const") => {
                let value = scalar(value).ok_or_else(unexpected)?;
                quote!(.extensions(::core::option::Option::Some(
                    ::core::iter::Iterator::collect::<::utoipa::openapi::extensions::Extensions>(
                        ::core::iter::once(("const", #value)),
                    )
                )))
            }
            _ => return Err(unexpected()),
        });
    }
    let builder = match kind {
        Kind::Ref => quote!(RefBuilder),
        Kind::OneOf => quote!(OneOfBuilder),
        Kind::AnyOf => quote!(AnyOfBuilder),
        Kind::Array => quote!(ArrayBuilder),
        Kind::Object => quote!(ObjectBuilder),
    };
    Ok(quote!(#schema::#builder::new() #(#calls)*))
}

/// A `utoipa::Number` for a bound. `Number::Int` holds an `isize` and `Number::UInt` a
/// `usize`, so only values that fit 32 bits compile on every target; the emitter writes
/// none other (a `u32` code's maximum is the largest).
fn number(json: &Json) -> Option<TokenStream> {
    let Json::Int(value) = json else {
        return None;
    };
    if let Ok(value) = i32::try_from(*value) {
        let value = Literal::i32_unsuffixed(value);
        Some(quote!(::utoipa::Number::Int(#value)))
    } else {
        let value = Literal::u32_unsuffixed(u32::try_from(*value).ok()?);
        Some(quote!(::utoipa::Number::UInt(#value)))
    }
}

/// A Rust value that converts into the same `serde_json::Value` as `json`, for a scalar.
/// Integers are suffixed: an unsuffixed literal would be an `i32`, too small for some codes.
fn scalar(json: &Json) -> Option<TokenStream> {
    Some(match json {
        Json::Null => quote!(()),
        Json::Bool(value) => quote!(#value),
        Json::Int(value) => {
            let value = Literal::i64_suffixed(*value);
            quote!(#value)
        }
        Json::Float(value) => {
            let value = Literal::f64_suffixed(*value);
            quote!(#value)
        }
        Json::String(text) => quote!(#text),
        Json::Array(_) | Json::Object(_) | Json::Deferred(_) => return None,
    })
}

fn internal(what: &str) -> Error {
    Error::Internal(format!("the OpenAPI schemas hold {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_utoipa_cannot_express_fail_generation() {
        for (schema, member) in [
            (Json::object().with("pattern", "^a"), "`pattern`"),
            (
                Json::object().with("type", "array").with("minItems", 1i64),
                "`minItems`",
            ),
            (
                Json::object().with("$ref", "#/x").with("title", "T"),
                "`title`",
            ),
            (Json::object().with("type", "date"), "`type`"),
            (
                Json::object().with("const", Json::Array(Vec::new())),
                "`const`",
            ),
            (Json::object().with("maximum", i64::MAX), "`maximum`"),
        ] {
            let error = schema_expr(&schema, "Demo").unwrap_err().to_string();
            assert!(
                error.starts_with("error: internal error: the OpenAPI schemas hold the member ")
                    && error.contains(member)
                    && error.contains("`Demo`"),
                "{error}"
            );
        }
    }

    #[test]
    fn refs_are_followed_through_components_once() {
        let component = |name: &str, schema: Json| openapi::SchemaComponent {
            type_name: name.to_owned(),
            name: name.to_owned(),
            schema,
        };
        let to = |name: &str| Json::object().with("$ref", format!("{SCHEMA_REF_PREFIX}{name}"));
        let components = [
            component("A", Json::object().with("items", to("B"))),
            component("B", Json::object().with("anyOf", vec![to("A"), to("C")])),
            component("C", Json::object()),
            component("D", Json::object()),
        ];
        let found: Vec<&str> = reachable(&components[0].schema, &components)
            .unwrap()
            .iter()
            .map(|component| component.name.as_str())
            .collect();
        assert_eq!(found, ["A", "B", "C"]);
        let error = reachable(&to("E"), &components).unwrap_err().to_string();
        assert!(
            error.contains("a `$ref` to `#/components/schemas/E`, no component"),
            "{error}"
        );
    }
}
