//! Checks a raw catalog and builds the model from it.
//!
//! Every problem is collected, each naming the YAML node it is about, so that one run reports
//! them all. A catalog that passes always generates Rust that compiles: whatever would not
//! (colliding names, a field the envelope cannot fill, an infinitely large type) is rejected
//! here with a reason.

mod codes;
mod cycles;
pub(crate) mod envelope;
mod groups;
mod grpc;
mod locales;
mod names;
mod shapes;
mod templates;

use crate::diagnostic::Problem;
use crate::diagnostic::locate::YamlPath;
use crate::load::raw::{CodeType, RawCatalog};
use crate::model::{Catalog, CodeRepr};
use codes::fits_u32;

/// Validates `raw` into a [`Catalog`], or returns every problem found.
pub(crate) fn validate(raw: RawCatalog) -> Result<Catalog, Vec<Problem>> {
    let mut check = Checker::default();
    let catalog = check.catalog(raw);
    if check.problems.is_empty() {
        Ok(catalog)
    } else {
        Err(check.problems)
    }
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

fn root() -> YamlPath {
    YamlPath::root()
}

/// The path of entry `index` of `codes`.
fn code_path(index: usize) -> YamlPath {
    root().key("codes").index(index)
}

impl Checker {
    fn report(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    fn catalog(&mut self, mut raw: RawCatalog) -> Catalog {
        self.catalog_name(&raw.name);
        let types = self.type_names(&raw);
        let groups = self.groups(&raw.groups, raw.code_type);
        let statuses = self.statuses(&raw.statuses);
        let mut envelope = self.envelope(&raw.envelope, &types, raw.code_type);
        self.rpc_names(&types, &envelope);
        let retired = self.retired(&raw);
        let mut codes = self.codes(&mut raw, &groups, &retired);
        self.bindings_have_values(&raw, &envelope);
        self.code_shapes(&raw, &mut envelope, &mut codes);
        self.code_in(&raw, &codes);
        let locales = self.locales(&raw);
        self.translations(&raw, locales.as_ref(), &mut codes);
        self.localized_constructors(&raw, &codes);
        self.rpc(&raw, &mut codes);
        let repr = match raw.code_type {
            CodeType::String => CodeRepr::Str,
            CodeType::Integer if codes.iter().all(|c| fits_u32(&c.value)) => CodeRepr::U32,
            CodeType::Integer => CodeRepr::I64,
        };
        Catalog {
            name: raw.name,
            title: raw.title,
            description: raw.description,
            version: raw.version,
            docs_url: raw.docs_url,
            types,
            repr,
            groups,
            statuses,
            code_in: raw.code_in,
            envelope,
            codes,
            retired: retired.into_iter().map(|(_, retired)| retired).collect(),
            locales,
            domain: raw.domain,
        }
    }
}
