//! The public API of errcat-codegen, listed in `codegen/public-api.txt`: this test fails when
//! the surface changes and the listing does not, so every change to it shows in review.
//! `ERRCAT_BLESS=1 cargo test -p errcat-codegen --test public_api` rewrites the listing.
//!
//! The listing is read from the source with `syn`, from `lib.rs` through every module it
//! declares: each `pub` item (`pub(crate)` and narrower are not listed), with its derives and
//! `#[non_exhaustive]`, public fields and variants, the `pub` methods of its inherent impls and
//! the traits it implements; and each `pub use`. The crate denies `unreachable_pub` (in CI,
//! through clippy's `-D warnings`), so an item marked `pub` is one outside code can reach,
//! directly or through a re-export. Bodies and docs are left out: the listing is the
//! signatures, printed by prettyplease.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use quote::ToTokens;
use syn::{Attribute, Fields, ImplItem, Item, Visibility};

const LISTING: &str = "public-api.txt";

#[test]
fn the_public_api_listing_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listing = listing(&root.join("src/lib.rs"));
    let path = root.join(LISTING);
    if std::env::var_os("ERRCAT_BLESS").is_some() {
        std::fs::write(&path, &listing).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != listing {
        let old: BTreeSet<&str> = committed.lines().collect();
        let new: BTreeSet<&str> = listing.lines().collect();
        let mut changes = String::new();
        for line in old.difference(&new) {
            writeln!(changes, "- {line}").unwrap();
        }
        for line in new.difference(&old) {
            writeln!(changes, "+ {line}").unwrap();
        }
        panic!(
            "the public API changed; review it, then update codegen/{LISTING} with \
             `ERRCAT_BLESS=1 cargo test -p errcat-codegen --test public_api`:\n{changes}"
        );
    }
}

#[test]
fn the_listing_shows_items_methods_and_traits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listing = listing(&root.join("src/lib.rs"));
    for expected in [
        "pub use loader::{Loader, load, parse};",
        "pub struct Loader {}",
        "pub fn limits(mut self, limits: Limits) -> Self {}",
        "impl fmt::Display for Error {}",
        "pub mod model",
        // The model's views are public with the `model` feature only.
        "// errcat_codegen::model (feature `model`)",
        "// errcat_codegen::model::view (feature `model`)",
    ] {
        assert!(listing.contains(expected), "no `{expected}` in:\n{listing}");
    }
    // Crate-private items and private fields are not part of it.
    assert!(!listing.contains("YamlPath"), "{listing}");
    assert!(!listing.contains("pub(crate)"), "{listing}");
}

/// Outside code gets a `Catalog` only from the loader: no other public function or method
/// returns one, and no model type can be defaulted, deserialized or converted into. With the
/// fields private (see the `compile_fail` examples in `model`), every catalog an emitter sees
/// has passed validation.
#[test]
fn only_the_loader_makes_catalogs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut modules = Vec::new();
    collect(
        &root.join("src/lib.rs"),
        "errcat_codegen",
        None,
        &mut modules,
    );
    let mut makers = BTreeSet::new();
    let mut model_traits = Vec::new();
    for Module { path, file, .. } in &modules {
        for item in &file.items {
            match item {
                Item::Fn(f) if is_pub(&f.vis) && returns_catalog(&f.sig.output) => {
                    makers.insert(f.sig.ident.to_string());
                }
                Item::Impl(i) => {
                    let ty = self_type(&i.self_ty);
                    for item in &i.items {
                        if let ImplItem::Fn(f) = item
                            && is_pub(&f.vis)
                            && returns_catalog(&f.sig.output)
                        {
                            makers.insert(format!("{ty}::{}", f.sig.ident));
                        }
                    }
                    if path == "errcat_codegen::model"
                        && let Some((_, trait_, _)) = &i.trait_
                    {
                        model_traits.push(format!("{} for {ty}", trait_.to_token_stream()));
                    }
                }
                Item::Struct(s) if path == "errcat_codegen::model" && is_pub(&s.vis) => {
                    for attr in &s.attrs {
                        let text = attr.to_token_stream().to_string();
                        assert!(
                            !text.contains("Default") && !text.contains("Deserialize"),
                            "model::{} derives {text}",
                            s.ident
                        );
                    }
                }
                _ => {}
            }
        }
    }
    let makers: Vec<&str> = makers.iter().map(String::as_str).collect();
    assert_eq!(
        makers,
        [
            "Loader::load",
            "Loader::load_all",
            "Loader::load_dir",
            "Loader::load_revision",
            "Loader::parse",
            "Loader::parse_bytes",
            "load",
            "parse",
        ]
    );
    let allowed = ["Display for CodeValue"];
    for found in &model_traits {
        let found = found.replace("std :: fmt :: ", "");
        assert!(
            allowed.contains(&found.as_str()),
            "model implements {found}"
        );
    }
}

/// Whether a function returning `output` hands out a `Catalog` of its own.
fn returns_catalog(output: &syn::ReturnType) -> bool {
    let text = output.to_token_stream().to_string();
    text.split(' ')
        .zip(text.split(' ').skip(1))
        .any(|(before, word)| word == "Catalog" && before != "&")
}

/// The listing of the crate whose root is `lib`.
fn listing(lib: &Path) -> String {
    let mut modules = Vec::new();
    collect(lib, "errcat_codegen", None, &mut modules);
    let public_types: BTreeSet<String> = modules
        .iter()
        .flat_map(|module| &module.file.items)
        .filter_map(|item| match item {
            Item::Struct(s) if is_pub(&s.vis) => Some(s.ident.to_string()),
            Item::Enum(e) if is_pub(&e.vis) => Some(e.ident.to_string()),
            _ => None,
        })
        .collect();
    let mut out = String::new();
    for Module {
        path,
        feature,
        file,
    } in modules
    {
        let items: Vec<Item> = file
            .items
            .into_iter()
            .filter(|item| !matches!(item, Item::Struct(s) if is_test_only(&s.attrs)))
            .filter_map(|item| public_part(item, &public_types))
            .collect();
        if items.is_empty() {
            continue;
        }
        let file = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items,
        };
        match feature {
            Some(feature) => writeln!(out, "// {path} (feature `{feature}`)").unwrap(),
            None => writeln!(out, "// {path}").unwrap(),
        }
        out.push_str(&prettyplease::unparse(&file));
        out.push('\n');
    }
    out
}

/// A module of the crate: its path, the feature it needs (if any) and its parsed file.
struct Module {
    path: String,
    feature: Option<String>,
    file: syn::File,
}

/// Parses the module file at `path` (named `name`, compiled with `feature`), then the files of
/// the modules it declares, in declaration order. A module declared twice, public with a
/// feature and private without it, is walked once, as the public one.
fn collect(path: &Path, name: &str, feature: Option<String>, out: &mut Vec<Module>) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let dir = if path.ends_with("lib.rs") || path.ends_with("mod.rs") {
        path.parent().unwrap().to_owned()
    } else {
        path.with_extension("")
    };
    let children: Vec<(String, PathBuf, Option<String>)> = file
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Mod(module)
                if module.content.is_none()
                    && !is_test_only(&module.attrs)
                    && !is_without_feature(&module.attrs) =>
            {
                let child = module.ident.to_string();
                let flat = dir.join(format!("{child}.rs"));
                let nested = dir.join(&child).join("mod.rs");
                let path = if flat.exists() { flat } else { nested };
                Some((
                    child,
                    path,
                    required_feature(&module.attrs).or(feature.clone()),
                ))
            }
            _ => None,
        })
        .collect();
    out.push(Module {
        path: name.to_owned(),
        feature,
        file,
    });
    for (child, path, feature) in children {
        collect(&path, &format!("{name}::{child}"), feature, out);
    }
}

/// The public part of `item`: `None` when nothing of it is public.
fn public_part(item: Item, public_types: &BTreeSet<String>) -> Option<Item> {
    Some(match item {
        Item::Const(mut c) if is_pub(&c.vis) => {
            c.attrs = kept(c.attrs);
            Item::Const(c)
        }
        Item::Static(mut s) if is_pub(&s.vis) => {
            s.attrs = kept(s.attrs);
            s.expr = Box::new(syn::parse_quote!(..));
            Item::Static(s)
        }
        Item::Fn(mut f) if is_pub(&f.vis) => {
            f.attrs = kept(f.attrs);
            f.block = Box::new(syn::parse_quote!({}));
            Item::Fn(f)
        }
        Item::Type(mut t) if is_pub(&t.vis) => {
            t.attrs = kept(t.attrs);
            Item::Type(t)
        }
        Item::Trait(mut t) if is_pub(&t.vis) => {
            t.attrs = kept(t.attrs);
            Item::Trait(t)
        }
        Item::Use(mut u) if is_pub(&u.vis) => {
            u.attrs = kept(u.attrs);
            Item::Use(u)
        }
        Item::Mod(mut m) if is_pub(&m.vis) => {
            m.attrs = kept(m.attrs);
            m.content = None;
            m.semi = Some(Default::default());
            Item::Mod(m)
        }
        Item::Struct(mut s) if is_pub(&s.vis) => {
            s.attrs = kept(s.attrs);
            public_fields(&mut s.fields);
            Item::Struct(s)
        }
        Item::Enum(mut e) if is_pub(&e.vis) => {
            e.attrs = kept(e.attrs);
            for variant in &mut e.variants {
                variant.attrs = kept(std::mem::take(&mut variant.attrs));
                for field in variant.fields.iter_mut() {
                    field.attrs = kept(std::mem::take(&mut field.attrs));
                }
            }
            Item::Enum(e)
        }
        Item::Impl(mut i) if public_types.contains(&self_type(&i.self_ty)) => {
            i.attrs = kept(i.attrs);
            let inherent = i.trait_.is_none();
            i.items.retain_mut(|item| match item {
                ImplItem::Fn(f) if inherent && is_pub(&f.vis) => {
                    f.attrs = kept(std::mem::take(&mut f.attrs));
                    f.block = syn::parse_quote!({});
                    true
                }
                ImplItem::Const(c) if inherent && is_pub(&c.vis) => {
                    c.attrs = kept(std::mem::take(&mut c.attrs));
                    true
                }
                _ => false,
            });
            if inherent && i.items.is_empty() {
                return None;
            }
            Item::Impl(i)
        }
        _ => return None,
    })
}

/// Keeps the public fields, without their docs.
fn public_fields(fields: &mut Fields) {
    match fields {
        Fields::Named(named) => {
            named.named = std::mem::take(&mut named.named)
                .into_iter()
                .filter(|field| is_pub(&field.vis))
                .collect();
        }
        Fields::Unnamed(unnamed) => {
            unnamed.unnamed = std::mem::take(&mut unnamed.unnamed)
                .into_iter()
                .filter(|field| is_pub(&field.vis))
                .collect();
        }
        Fields::Unit => {}
    }
    for field in fields.iter_mut() {
        field.attrs = kept(std::mem::take(&mut field.attrs));
    }
}

/// The attributes that are part of the API: derives, `non_exhaustive`, `must_use`.
fn kept(attrs: Vec<Attribute>) -> Vec<Attribute> {
    attrs
        .into_iter()
        .filter(|attr| {
            ["derive", "non_exhaustive", "must_use"]
                .iter()
                .any(|name| attr.path().is_ident(name))
        })
        .collect()
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

fn is_test_only(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg") && attr.meta.to_token_stream().to_string().contains("test")
    })
}

/// The feature a `#[cfg(feature = "…")]` item needs.
fn required_feature(attrs: &[Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| {
        let text = attr.meta.to_token_stream().to_string();
        let rest = text.strip_prefix("cfg (feature = \"")?;
        Some(rest.split('"').next()?.to_owned())
    })
}

/// Whether an item is compiled only without a feature (`#[cfg(not(feature = "…"))]`).
fn is_without_feature(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .meta
                .to_token_stream()
                .to_string()
                .starts_with("cfg (not (feature")
    })
}

/// The name of the type an impl is for: `Diagnostics` for `&'a Diagnostics`.
fn self_type(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Reference(reference) => self_type(&reference.elem),
        syn::Type::Path(path) => path
            .path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}
