//! The names of a document's components: each catalog's schemas and responses, prefixed
//! where several catalogs of one document would otherwise share a name.

use std::collections::BTreeMap;

use crate::Error;
use crate::emit::json::Json;
use crate::model::{self, Catalog};

/// The component names of one catalog in the document.
pub(super) struct ComponentNames {
    /// Catalog type name (code enum, envelope, helper schema) → schema component name.
    schemas: BTreeMap<String, String>,
    /// Prefix of the response names.
    responses: String,
}

impl ComponentNames {
    /// Names every catalog's components, prefixing schema names that several catalogs use.
    pub(super) fn assign(catalogs: &[Catalog]) -> Result<Vec<ComponentNames>, Error> {
        if catalogs.is_empty() {
            return Err(Error::NoCatalogs { dir: None });
        }
        model::unique_names(catalogs)?;
        let own = |catalog: &Catalog| -> Vec<String> {
            let envelope = &catalog.envelope;
            [&catalog.types.code, &envelope.name]
                .into_iter()
                .chain(envelope.schemas.keys())
                .cloned()
                .collect()
        };
        let mut users: BTreeMap<String, usize> = BTreeMap::new();
        for catalog in catalogs {
            for name in own(catalog) {
                *users.entry(name).or_default() += 1;
            }
        }
        let assigned: Vec<ComponentNames> = catalogs
            .iter()
            .map(|catalog| ComponentNames {
                schemas: own(catalog)
                    .into_iter()
                    .map(|name| {
                        let component = if users[&name] > 1 {
                            format!("{}{name}", catalog.types.prefix)
                        } else {
                            name.clone()
                        };
                        (name, component)
                    })
                    .collect(),
                responses: format!("{}Error", catalog.types.prefix),
            })
            .collect();
        let mut schema_owners: BTreeMap<&str, &str> = BTreeMap::new();
        let mut response_owners: BTreeMap<&str, &str> = BTreeMap::new();
        for (catalog, names) in catalogs.iter().zip(&assigned) {
            for component in names.schemas.values() {
                clash(&mut schema_owners, component, &catalog.name, "a schema")?;
            }
            clash(
                &mut response_owners,
                &names.responses,
                &catalog.name,
                "responses",
            )?;
        }
        Ok(assigned)
    }

    pub(super) fn schema<'a>(&'a self, name: &'a str) -> &'a str {
        self.schemas.get(name).map_or(name, String::as_str)
    }

    pub(super) fn schema_ref(&self, name: &str) -> Json {
        Json::object().with(
            "$ref",
            format!("#/components/schemas/{}", self.schema(name)),
        )
    }

    pub(super) fn response(&self, status: u16) -> String {
        format!("{}{status}", self.responses)
    }
}

/// Records that `catalog` owns `name`, or says which catalog already does.
fn clash<'a>(
    owners: &mut BTreeMap<&'a str, &'a str>,
    name: &'a str,
    catalog: &'a str,
    what: &'static str,
) -> Result<(), Error> {
    match owners.insert(name, catalog) {
        Some(other) if other != catalog => Err(Error::ComponentClash {
            first: other.to_owned(),
            second: catalog.to_owned(),
            what,
            name: name.to_owned(),
        }),
        _ => Ok(()),
    }
}
