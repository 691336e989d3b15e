//! What `errcat diff` reports: each change with its class and rule, and the report of them all.

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::model::CodeValue;

/// Whether a change can break clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// A client on the wire, or Rust code using the generated API, may stop working.
    Breaking,
    /// Every existing client keeps working.
    Compatible,
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::Breaking => "breaking",
            Class::Compatible => "compatible",
        })
    }
}

/// What a change costs users of the generated Rust: the semver bump a crate holding the
/// generated code needs. Ordered, so the bump of a whole diff is its largest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Semver {
    /// No item of the generated API changes: texts, docs, schema-only details.
    Patch,
    /// Items are added or change behaviour compatibly: code that compiled still compiles.
    Minor,
    /// Code written against the old generated API may stop compiling, or a value it
    /// dispatches on (a code, a status, a group) changes.
    Major,
}

impl fmt::Display for Semver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        })
    }
}

/// What kind of change was found. Serialized as its kebab-case name (`status-changed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Rule {
    /// The catalog's `name` (the generated module and file) changed.
    CatalogRenamed,
    /// The code enum's name changed.
    TypeRenamed,
    /// `code_type` changed between `integer` and `string`.
    CodeTypeChanged,
    /// The Rust type of codes changed between `u32` and `i64`.
    CodeReprChanged,
    /// Documentation only: titles, descriptions, version, `statuses`, deprecation notes,
    /// tombstone texts.
    DocsChanged,
    /// A code was added.
    CodeAdded,
    /// A code was deleted without a tombstone.
    CodeRemoved,
    /// A code kept its Rust name but got a new number or slug.
    CodeRenumbered,
    /// A code was retired with a tombstone.
    CodeRetired,
    /// A tombstone reserves a code the old catalog did not have.
    CodeReserved,
    /// A retired code is a code again.
    CodeReused,
    /// A tombstone was deleted, so its code is no longer reserved.
    TombstoneRemoved,
    /// A code's HTTP status changed.
    StatusChanged,
    /// A code changed between success and error.
    KindChanged,
    /// A Rust name of a code (its variant or an alias) is gone.
    NameRemoved,
    /// A code gained an alias.
    NameAdded,
    /// A code's variant was renamed, its old name kept as an alias.
    VariantRenamed,
    /// A code's envelope constructor is gone or renamed.
    ConstructorRemoved,
    /// A code gained a `detail` template, and with it a constructor.
    ConstructorAdded,
    /// A template param was added: the constructor takes a new argument.
    ParamAdded,
    /// A template param was removed.
    ParamRemoved,
    /// A template param was renamed.
    ParamRenamed,
    /// A template param changed type.
    ParamRetyped,
    /// A template param moved to another argument position.
    ParamReordered,
    /// A `detail` template was reworded, with the same params.
    DetailChanged,
    /// A code's message was reworded.
    MessageChanged,
    /// A code's description was added, removed or reworded.
    DescriptionChanged,
    /// A code was deprecated.
    CodeDeprecated,
    /// A code's deprecation was withdrawn.
    CodeUndeprecated,
    /// A code's documentation link changed.
    LinkChanged,
    /// A code's problem type URI changed.
    TypeUriChanged,
    /// A group was added.
    GroupAdded,
    /// A group was removed.
    GroupRemoved,
    /// A group was renamed.
    GroupRenamed,
    /// A group's range or prefix changed so that a code left it.
    GroupNarrowed,
    /// A group's range or prefix changed, and every code stayed in it.
    GroupResized,
    /// The envelope type was renamed.
    EnvelopeRenamed,
    /// The envelope's media type changed.
    MediaTypeChanged,
    /// An optional field was added.
    FieldAdded,
    /// A required field was added.
    FieldAddedRequired,
    /// A field was removed.
    FieldRemoved,
    /// A field was renamed.
    FieldRenamed,
    /// A field changed type.
    FieldRetyped,
    /// An optional field became required.
    FieldMadeRequired,
    /// A required field became optional.
    FieldMadeOptional,
    /// A field was bound `from:` a catalog value it was not bound to before.
    FieldBound,
    /// A field's `from:` binding was removed or changed.
    FieldBindingChanged,
    /// A schema was added.
    SchemaAdded,
    /// A schema was removed.
    SchemaRemoved,
    /// `code_in: status` was added: the status line may carry the code.
    CodeInStatusAdded,
    /// `code_in: status` was removed: only the body carries the code.
    CodeInStatusRemoved,
    /// An open body or schema became closed (`closed: true`).
    BodyClosed,
    /// A closed body or schema became open.
    BodyOpened,
    /// A field may now be `null`.
    FieldMadeNullable,
    /// A field may no longer be `null`.
    FieldMadeNonNullable,
    /// A string constraint (`min_length`, `format`) was added or tightened.
    ConstraintTightened,
    /// A string constraint was removed or loosened.
    ConstraintLoosened,
    /// A code is sent with one more HTTP status, its default unchanged.
    StatusAdded,
    /// A code is no longer sent with one of its other HTTP statuses.
    StatusRemoved,
    /// A field is now always present with a code.
    CodeFieldMadeRequired,
    /// A field may now be absent with a code that always carried it.
    CodeFieldMadeOptional,
    /// A code's body now always holds a fixed value in a field.
    ValueFixed,
    /// A code's fixed value changed.
    ValueChanged,
    /// A code's fixed value is no longer fixed.
    ValueUnfixed,
    /// The catalog declares locales where it declared none.
    LocalesAdded,
    /// The catalog no longer declares locales.
    LocalesRemoved,
    /// The default locale changed.
    DefaultLocaleChanged,
    /// A declared locale was added.
    LocaleAdded,
    /// A declared locale was removed.
    LocaleRemoved,
    /// A locale's fallback was declared, changed or withdrawn.
    LocaleFallbackChanged,
    /// A code was translated into a locale it fell back in.
    TranslationAdded,
    /// A code's translation was removed: the locale falls back for it.
    TranslationRemoved,
    /// A translated message or detail was reworded.
    TranslationChanged,
    /// A code's gRPC status code changed.
    GrpcChanged,
    /// A code's AIP-193 reason changed.
    ReasonChanged,
    /// The catalog's AIP-193 domain changed.
    DomainChanged,
    /// A retryable code is no longer retryable.
    RetryableRemoved,
    /// A code became retryable.
    RetryableAdded,
    /// A retryable code's retry delay was added, removed or changed.
    RetryAfterChanged,
}

/// One difference between two versions of a catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// Whether the change breaks clients on the wire (or, for the rules that predate
    /// `semver`, Rust code too).
    pub class: Class,
    /// What the change costs users of the generated Rust, as the semver bump it needs.
    pub semver: Semver,
    /// Which rule classed it.
    pub rule: Rule,
    /// The code the change is about (as it was in the old catalog, when it had it); `None`
    /// for changes to the catalog, its groups or its envelope.
    #[serde(serialize_with = "code_as_json")]
    pub code: Option<CodeValue>,
    /// The catalog key that changed, as a path into the format: `status`, `params.slug`,
    /// `envelope.fields.message.type`, `groups.oauth.range`.
    pub field: String,
    /// The value before the change, when there is one to show.
    pub old: Option<String>,
    /// The value after the change, when there is one to show.
    pub new: Option<String>,
    /// One line for people, naming the code (or other item) and the key.
    pub message: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (Rust: {}): {}",
            self.class, self.semver, self.message
        )
    }
}

impl Rule {
    /// The semver bump the change needs in a crate holding the generated Rust, where it does
    /// not depend on the catalog (a few rules' call sites decide otherwise).
    pub fn semver(self) -> Semver {
        use Rule::*;
        match self {
            // Items gone or changed, or a value code dispatches on changed.
            CatalogRenamed
            | TypeRenamed
            | CodeTypeChanged
            | CodeReprChanged
            | CodeRemoved
            | CodeRenumbered
            | CodeRetired
            | StatusChanged
            | KindChanged
            | NameRemoved
            | VariantRenamed
            | ConstructorRemoved
            | ParamAdded
            | ParamRemoved
            | ParamRenamed
            | ParamRetyped
            | ParamReordered
            | GroupRemoved
            | GroupRenamed
            | GroupNarrowed
            | EnvelopeRenamed
            | FieldRemoved
            | FieldRenamed
            | FieldRetyped
            | FieldMadeRequired
            | FieldMadeOptional
            | SchemaRemoved
            | BodyClosed
            | CodeInStatusRemoved
            | CodeFieldMadeRequired
            | CodeFieldMadeOptional
            | TypeUriChanged
            | FieldMadeNullable
            | FieldMadeNonNullable
            | LocalesRemoved
            | LocaleRemoved
            | DefaultLocaleChanged
            | GrpcChanged
            | ReasonChanged
            | DomainChanged => Semver::Major,
            // `is_retryable()` and `retry_after()` answer otherwise; nothing stops compiling.
            RetryableRemoved | RetryableAdded | RetryAfterChanged => Semver::Minor,
            // The envelope and schema structs are `#[non_exhaustive]`, built with
            // `From<Code>`, `Default` and `with_<field>` setters: a new field is an addition.
            FieldAdded | FieldAddedRequired | BodyOpened => Semver::Minor,
            // Items added, or behaviour extended.
            CodeAdded | CodeReused | NameAdded | ConstructorAdded | CodeDeprecated
            | CodeUndeprecated | GroupAdded | SchemaAdded | CodeInStatusAdded | StatusAdded
            | StatusRemoved | FieldBound | FieldBindingChanged | LocalesAdded | LocaleAdded => {
                Semver::Minor
            }
            // Texts, docs and schema-only details.
            CodeReserved
            | TombstoneRemoved
            | DetailChanged
            | MessageChanged
            | DescriptionChanged
            | LinkChanged
            | GroupResized
            | MediaTypeChanged
            | DocsChanged
            | ConstraintTightened
            | ConstraintLoosened
            | ValueFixed
            | ValueChanged
            | ValueUnfixed
            | LocaleFallbackChanged
            | TranslationAdded
            | TranslationRemoved
            | TranslationChanged => Semver::Patch,
        }
    }
}

/// Codes keep their wire type in JSON: a number for integer catalogs, a string for slugs.
pub(super) fn code_as_json<S: Serializer>(
    code: &Option<CodeValue>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match code {
        None => serializer.serialize_none(),
        Some(CodeValue::Int(value)) => serializer.serialize_i64(*value),
        Some(CodeValue::Str(slug)) => serializer.serialize_str(slug),
    }
}

/// Every change between two versions of one catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report {
    /// The catalog's name (the new one, if it was renamed).
    pub catalog: String,
    /// The old catalog's `version`.
    pub old_version: String,
    /// The new catalog's `version`.
    pub new_version: String,
    /// Catalog-wide changes first, then groups, the envelope, codes in catalog order,
    /// tombstones, and locales with the translations of codes.
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether any change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.count(Class::Breaking) > 0
    }

    /// The semver bump the whole diff needs in a crate holding the generated Rust.
    pub fn semver(&self) -> Semver {
        self.changes
            .iter()
            .map(|c| c.semver)
            .max()
            .unwrap_or(Semver::Patch)
    }

    /// How many changes are of `class`.
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }
}

/// The text `errcat diff` prints: one line per change, then a summary line.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        write!(
            f,
            "{} {} → {}: ",
            self.catalog, self.old_version, self.new_version
        )?;
        if self.changes.is_empty() {
            f.write_str("no changes")
        } else {
            write!(
                f,
                "{} breaking, {} compatible; Rust: {}",
                self.count(Class::Breaking),
                self.count(Class::Compatible),
                self.semver()
            )
        }
    }
}

/// The JSON `errcat diff --format json` prints:
/// `{catalog, old_version, new_version, breaking, compatible, changes: [Change]}`.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut report = serializer.serialize_struct("Report", 7)?;
        report.serialize_field("catalog", &self.catalog)?;
        report.serialize_field("old_version", &self.old_version)?;
        report.serialize_field("new_version", &self.new_version)?;
        report.serialize_field("breaking", &self.count(Class::Breaking))?;
        report.serialize_field("compatible", &self.count(Class::Compatible))?;
        report.serialize_field("semver", &self.semver())?;
        report.serialize_field("changes", &self.changes)?;
        report.end()
    }
}
