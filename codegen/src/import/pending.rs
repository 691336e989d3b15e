//! The constructs of a spec that map to one catalog key each: nullable, `minLength`, a
//! string `format`, closed bodies, several statuses for one code. [`Pending::emitted`] says
//! whether the loader takes the key with that value (it takes `format: uri` and
//! `uri-reference`, not `uuid`); the import writes the key when it does, and reports the
//! construct as dropped when it does not.

use std::fmt;

/// The string formats a catalog field's `format:` takes.
const FORMATS: &[&str] = &["uri", "uri-reference"];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Pending {
    /// The value may be `null` as well as absent (OpenAPI 3.0 `nullable: true`, 3.1
    /// `"null"` among the types, Swagger 2.0 `x-nullable`): field key `nullable: true`.
    Nullable,
    /// `minLength` of a string: field key `min_length: N`.
    MinLength(u64),
    /// `format` of a string (`uuid`, `uri`, `date-time`, …): field key `format: F`.
    Format(String),
    /// `additionalProperties: false`: envelope or schema key `closed: true`.
    Closed,
    /// A code the spec sends with more than one status: code key `status: [S, …]`.
    MultiStatus(Vec<u16>),
}

impl Pending {
    /// Whether the catalog format has the key yet, so that the import writes it.
    pub(crate) fn emitted(&self) -> bool {
        match self {
            Pending::Nullable | Pending::MinLength(_) | Pending::Closed => true,
            Pending::MultiStatus(_) => true,
            // The catalog's formats; the others (`uuid`, `date-time`, …) stay dropped.
            Pending::Format(format) => FORMATS.contains(&format.as_str()),
        }
    }

    /// Why the catalog cannot say it, when [`Pending::emitted`] is `false`.
    pub(crate) fn unsaid(&self) -> String {
        match self {
            Pending::Format(_) => format!(
                "a field's `format` is one of {}",
                FORMATS
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            other => format!(
                "the catalog format has no `{}` of this value",
                other.key().0
            ),
        }
    }

    /// The catalog key and its value in YAML.
    pub(crate) fn key(&self) -> (&'static str, String) {
        match self {
            Pending::Nullable => ("nullable", "true".to_owned()),
            Pending::MinLength(length) => ("min_length", length.to_string()),
            Pending::Format(format) => ("format", super::write::scalar_inline(format)),
            Pending::Closed => ("closed", "true".to_owned()),
            Pending::MultiStatus(statuses) => {
                let list: Vec<String> = statuses.iter().map(u16::to_string).collect();
                ("status", format!("[{}]", list.join(", ")))
            }
        }
    }
}

/// What the spec says, for a `dropped:` line.
impl fmt::Display for Pending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pending::Nullable => write!(f, "may be null"),
            Pending::MinLength(length) => write!(f, "`minLength: {length}`"),
            Pending::Format(format) => write!(f, "`format: {format}`"),
            Pending::Closed => write!(f, "`additionalProperties: false` (closed)"),
            Pending::MultiStatus(statuses) => {
                let list: Vec<String> = statuses.iter().map(u16::to_string).collect();
                write!(f, "sent with statuses {}", list.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A catalog with `key` where the writer puts it: on a field, on the envelope, or as a
    /// code's status.
    fn catalog_with(pending: &Pending) -> String {
        let (key, value) = pending.key();
        let (field, envelope, status) = match pending {
            Pending::Nullable | Pending::MinLength(_) | Pending::Format(_) => {
                (format!(", {key}: {value}"), String::new(), "404".to_owned())
            }
            Pending::Closed => (
                String::new(),
                format!("  {key}: {value}\n"),
                "404".to_owned(),
            ),
            Pending::MultiStatus(_) => (String::new(), String::new(), value),
        };
        format!(
            "name: shop\ntitle: Shop\nversion: '1'\ncode_type: string\nenvelope:\n  name: ShopError\n  media_type: application/json\n{envelope}  fields:\n    - {{ name: code, type: string, from: code, required: true{field} }}\ncodes:\n  - {{ code: gone, message: Gone, status: {status} }}\n"
        )
    }

    /// When the loader learns one of these keys, this fails: flip the construct's arm in
    /// [`Pending::emitted`] and bless the import's golden files.
    #[test]
    fn the_loader_accepts_exactly_the_emitted_keys() {
        let all = [
            Pending::Nullable,
            Pending::MinLength(1),
            Pending::Format("uuid".into()),
            Pending::Format("uri".into()),
            Pending::Format("uri-reference".into()),
            Pending::Closed,
            Pending::MultiStatus(vec![200, 201]),
        ];
        for pending in all {
            let yaml = catalog_with(&pending);
            let accepted = crate::parse("pending.yaml", &yaml).is_ok();
            assert_eq!(
                accepted,
                pending.emitted(),
                "{pending:?}: the loader {} `{}`, but `Pending::emitted` says otherwise:\n{yaml}",
                if accepted { "accepts" } else { "refuses" },
                pending.key().0
            );
        }
        let plain = catalog_with(&Pending::Nullable).replace(", nullable: true", "");
        assert!(crate::parse("plain.yaml", &plain).is_ok(), "{plain}");
    }
}
