//! `compat::diff`: every rule, each shown breaking where it should be and its compatible
//! counterpart not flagged. Every test compares the full list of changes, so a change that
//! is reported twice, or under the wrong class, fails too.

mod common;

use errcat_codegen::compat::{self, Class, Rule};
use errcat_codegen::{Catalog, parse};

use Class::{Breaking, Compatible};

const BASE: &str = r#"
name: shop
title: Shop API
version: "1.0.0"
docs_url: https://docs.example.com/errors
code_type: integer
groups:
  - { name: general, title: General, range: [0, 999] }
  - { name: orders, title: Orders, range: [1000, 1999] }
  - { name: returns, title: Returns, range: [2000, 2999] }
statuses:
  404: Not found.
envelope:
  name: ShopError
  media_type: application/problem+json
  description: The error body.
  fields:
    - { name: code, type: integer, from: code, required: true }
    - { name: title, type: string, from: message, required: true }
    - { name: detail, type: string, from: detail }
    - { name: type, type: string, from: type_uri }
    - { name: note, type: string }
    - { name: meta, type: Meta }
  schemas:
    Meta:
      - { name: trace, type: string, required: true }
      - { name: retries, type: integer }
codes:
  - { code: 0, name: Success, message: OK, status: 200, kind: success }
  - code: 1000
    message: Order not found
    status: 404
    detail: "Order `{order_id}` not found in {region}"
    params: { order_id: integer, region: string }
    type: https://shop.example/problems/order-not-found
  - { code: 1001, name: OrderLocked, message: Order locked, status: 409, aliases: [OrderFrozen] }
  - { code: 1002, message: Order too large, status: 413, deprecated: Use 1003 instead. }
  - { code: 1003, message: Order over limit, status: 422 }
  - { code: 1500, removed: Orders are never archived any more., message: Order archived }
"#;

/// `BASE` with each `(from, to)` replaced once; fails when `from` is not there, so an edit
/// can never silently leave the catalog unchanged.
fn edit(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
        text = text.replacen(from, to, 1);
    }
    text
}

fn load(text: &str) -> Catalog {
    parse("test.yaml", text).unwrap_or_else(|diagnostics| panic!("{diagnostics}\n{text}"))
}

/// The changes from `BASE` edited by `old` to `BASE` edited by `new`, as
/// `(class, rule, code, field)`; the code is empty for changes not about a code.
fn changes(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<(Class, Rule, String, String)> {
    let report = compat::diff(&load(&edit(old)), &load(&edit(new)));
    report
        .changes
        .iter()
        .map(|c| {
            let code = c.code.as_ref().map(ToString::to_string).unwrap_or_default();
            (c.class, c.rule, code, c.field.clone())
        })
        .collect()
}

/// Asserts the exact changes made by `new` edits to `BASE`.
#[track_caller]
fn expect(new: &[(&str, &str)], expected: &[(Class, Rule, &str, &str)]) {
    expect_between(&[], new, expected);
}

#[track_caller]
fn expect_between(
    old: &[(&str, &str)],
    new: &[(&str, &str)],
    expected: &[(Class, Rule, &str, &str)],
) {
    let expected: Vec<_> = expected
        .iter()
        .map(|&(class, rule, code, field)| (class, rule, code.to_owned(), field.to_owned()))
        .collect();
    assert_eq!(changes(old, new), expected);
}

fn bundled(name: &str) -> String {
    std::fs::read_to_string(common::workspace().join(format!("catalog/{name}.yaml"))).unwrap()
}

#[test]
fn a_catalog_has_no_changes_against_itself() {
    assert_eq!(changes(&[], &[]), vec![]);
    for name in ["mode", "guizhan", "astrada", "awork"] {
        let catalog = load(&bundled(name));
        let report = compat::diff(&catalog, &catalog);
        assert_eq!(report.changes, vec![], "{name}");
        assert!(!report.is_breaking());
    }
}

// Codes: removal, retirement, renumbering, addition.

#[test]
fn removing_a_code_breaks_and_retiring_it_does_not() {
    let deleted = "  - { code: 1003, message: Order over limit, status: 422 }\n";
    expect(
        &[(deleted, "")],
        &[(Breaking, Rule::CodeRemoved, "1003", "code")],
    );
    expect(
        &[(deleted, "  - { code: 1003, removed: Use 1002 instead. }\n")],
        &[(Compatible, Rule::CodeRetired, "1003", "removed")],
    );
}

#[test]
fn retiring_a_code_that_was_not_deprecated_says_so() {
    let report = |from: &str, to: &str| {
        compat::diff(&load(BASE), &load(&edit(&[(from, to)])))
            .changes
            .remove(0)
            .message
    };
    let undeprecated = report(
        "{ code: 1003, message: Order over limit, status: 422 }",
        "{ code: 1003, removed: Gone. }",
    );
    assert!(
        undeprecated.contains("not deprecated first"),
        "{undeprecated}"
    );
    let deprecated = report(
        "{ code: 1002, message: Order too large, status: 413, deprecated: Use 1003 instead. }",
        "{ code: 1002, removed: Use 1003 instead. }",
    );
    assert_eq!(
        deprecated,
        "code 1002 (OrderTooLarge) retired: Use 1003 instead."
    );
}

#[test]
fn a_renumbered_code_is_matched_by_its_rust_name() {
    expect(
        &[("code: 1003, message", "code: 1004, message")],
        &[(Breaking, Rule::CodeRenumbered, "1003", "code")],
    );
    // Matched through an alias too, and the rest of the code is still compared.
    expect(
        &[(
            "{ code: 1001, name: OrderLocked, message: Order locked, status: 409, aliases: [OrderFrozen] }",
            "{ code: 1009, name: OrderFrozen, message: Order locked, status: 409 }",
        )],
        &[
            (Breaking, Rule::CodeRenumbered, "1001", "code"),
            (Breaking, Rule::NameRemoved, "1001", "name"),
        ],
    );
}

#[test]
fn adding_a_code_is_compatible() {
    expect(
        &[(
            "  - { code: 1500,",
            "  - { code: 1004, message: Order on hold, status: 409 }\n  - { code: 1500,",
        )],
        &[(Compatible, Rule::CodeAdded, "1004", "code")],
    );
}

#[test]
fn a_new_number_with_a_new_name_is_a_removal_and_an_addition() {
    expect(
        &[(
            "{ code: 1003, message: Order over limit, status: 422 }",
            "{ code: 1004, message: Order beyond limit, status: 422 }",
        )],
        &[
            (Breaking, Rule::CodeRemoved, "1003", "code"),
            (Compatible, Rule::CodeAdded, "1004", "code"),
        ],
    );
}

#[test]
fn string_catalogs_match_slugs_and_names() {
    let awork = bundled("awork");
    let old = load(&awork);
    let renumbered = awork.replacen("code: workspaceid-missing", "code: workspace-id-missing", 1);
    let report = compat::diff(&old, &load(&renumbered));
    assert_eq!(report.changes.len(), 1, "{report}");
    let change = &report.changes[0];
    assert_eq!(
        (change.class, change.rule),
        (Breaking, Rule::CodeRenumbered)
    );
    assert_eq!(
        (change.old.as_deref(), change.new.as_deref()),
        (Some("workspaceid-missing"), Some("workspace-id-missing"))
    );
    assert!(
        change
            .message
            .starts_with("code `workspaceid-missing` (WorkspaceIdMissing)")
    );
}

// One code in both versions.

#[test]
fn a_status_change_breaks_and_a_reworded_message_does_not() {
    expect(
        &[(
            "name: OrderLocked, message: Order locked, status: 409",
            "name: OrderLocked, message: Order locked, status: 423",
        )],
        &[(Breaking, Rule::StatusChanged, "1001", "status")],
    );
    expect(
        &[(
            "name: OrderLocked, message: Order locked,",
            "name: OrderLocked, message: The order is locked,",
        )],
        &[(Compatible, Rule::MessageChanged, "1001", "message")],
    );
}

#[test]
fn rewording_a_message_that_names_the_variant_renames_it() {
    // Without `name:`, an integer code's variant comes from its message.
    expect(
        &[("message: Order over limit", "message: Order exceeds limit")],
        &[
            (Breaking, Rule::NameRemoved, "1003", "name"),
            (Compatible, Rule::MessageChanged, "1003", "message"),
        ],
    );
}

#[test]
fn success_and_error_swap_breaks_and_a_description_does_not() {
    expect(
        &[(
            "message: Order over limit, status: 422 }",
            "message: Order over limit, status: 422, kind: success }",
        )],
        &[(Breaking, Rule::KindChanged, "1003", "kind")],
    );
    expect(
        &[(
            "message: Order over limit, status: 422 }",
            "message: Order over limit, status: 422, description: Too many lines. }",
        )],
        &[(Compatible, Rule::DescriptionChanged, "1003", "description")],
    );
}

#[test]
fn renaming_a_variant_breaks_unless_the_old_name_stays_as_an_alias() {
    expect(
        &[("name: OrderLocked,", "name: OrderBlocked,")],
        &[(Breaking, Rule::NameRemoved, "1001", "name")],
    );
    expect(
        &[(
            "name: OrderLocked, message: Order locked, status: 409, aliases: [OrderFrozen]",
            "name: OrderBlocked, message: Order locked, status: 409, aliases: [OrderFrozen, OrderLocked]",
        )],
        // The reason made from the name changes on the wire (see
        // `renaming_a_variant_keeps_its_reason_only_when_written`).
        &[
            (Compatible, Rule::VariantRenamed, "1001", "name"),
            (Breaking, Rule::ReasonChanged, "1001", "reason"),
        ],
    );
}

#[test]
fn removing_an_alias_breaks_and_adding_one_does_not() {
    expect(
        &[("aliases: [OrderFrozen]", "aliases: []")],
        &[(Breaking, Rule::NameRemoved, "1001", "aliases")],
    );
    expect(
        &[(
            "aliases: [OrderFrozen]",
            "aliases: [OrderFrozen, OrderStuck]",
        )],
        &[(Compatible, Rule::NameAdded, "1001", "aliases")],
    );
}

#[test]
fn a_name_moved_to_another_code_says_where_it_went() {
    let old = load(BASE);
    let new = load(&edit(&[
        (
            "name: OrderLocked, message: Order locked, status: 409, aliases: [OrderFrozen]",
            "name: OrderLocked, message: Order locked, status: 409",
        ),
        (
            "{ code: 1003, message: Order over limit,",
            "{ code: 1003, name: OrderFrozen, message: Order over limit,",
        ),
    ]));
    let messages: Vec<String> = compat::diff(&old, &new)
        .changes
        .into_iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        messages,
        vec![
            "breaking (Rust: major): code 1001 (OrderLocked) `aliases`: `OrderFrozen` removed; `OrderFrozen` now names code 1003",
            "breaking (Rust: major): code 1003 (OrderOverLimit) `name`: `OrderOverLimit` → `OrderFrozen`; code naming `OrderOverLimit` stops compiling (keep it in `aliases`)",
        ]
    );
}

#[test]
fn deprecation_is_compatible_both_ways() {
    expect(
        &[(
            "name: OrderLocked, message: Order locked, status: 409,",
            "name: OrderLocked, message: Order locked, status: 409, deprecated: Use 1003.,",
        )],
        &[(Compatible, Rule::CodeDeprecated, "1001", "deprecated")],
    );
    expect(
        &[(", deprecated: Use 1003 instead. }", " }")],
        &[(Compatible, Rule::CodeUndeprecated, "1002", "deprecated")],
    );
    expect(
        &[(
            "deprecated: Use 1003 instead.",
            "deprecated: Use 1003 or 1004.",
        )],
        &[(Compatible, Rule::DocsChanged, "1002", "deprecated")],
    );
}

// Templates and constructors.

#[test]
fn removing_a_template_removes_its_constructor() {
    expect(
        &[
            (
                "    detail: \"Order `{order_id}` not found in {region}\"\n",
                "",
            ),
            ("    params: { order_id: integer, region: string }\n", ""),
        ],
        &[(Breaking, Rule::ConstructorRemoved, "1000", "detail")],
    );
}

#[test]
fn adding_a_template_adds_a_constructor() {
    expect(
        &[(
            "name: OrderLocked, message: Order locked, status: 409,",
            "name: OrderLocked, message: Order locked, detail: \"Locked by {user}\", params: { user: string }, status: 409,",
        )],
        &[(Compatible, Rule::ConstructorAdded, "1001", "detail")],
    );
}

#[test]
fn renaming_a_templated_code_renames_its_constructor_even_with_an_alias() {
    expect(
        &[(
            "    message: Order not found\n",
            "    name: OrderMissing\n    aliases: [OrderNotFound]\n    message: Order not found\n",
        )],
        &[
            (Compatible, Rule::VariantRenamed, "1000", "name"),
            (Breaking, Rule::ConstructorRemoved, "1000", "name"),
        ],
    );
}

#[test]
fn template_params_are_the_constructor_signature() {
    let template = "    detail: \"Order `{order_id}` not found in {region}\"\n    params: { order_id: integer, region: string }\n";
    let with = |detail: &str, params: &str| {
        format!("    detail: \"{detail}\"\n    params: {{ {params} }}\n")
    };
    let cases = [
        (
            with("Order `{order_id}` not found", "order_id: integer"),
            vec![(Rule::ParamRemoved, "params.region")],
        ),
        (
            with(
                "Order `{order_id}` not found in {zone}",
                "order_id: integer, zone: string",
            ),
            vec![(Rule::ParamRenamed, "params.region")],
        ),
        (
            with(
                "Order `{order_id}` not found in {region}",
                "order_id: string, region: string",
            ),
            vec![(Rule::ParamRetyped, "params.order_id")],
        ),
        (
            with(
                "Order `{order_id}` not found in {region} for {user}",
                "order_id: integer, region: string, user: string",
            ),
            vec![(Rule::ParamAdded, "params.user")],
        ),
        (
            with(
                "In {region}, order `{order_id}` was not found",
                "order_id: integer, region: string",
            ),
            vec![
                (Rule::ParamReordered, "params.order_id"),
                (Rule::ParamReordered, "params.region"),
            ],
        ),
    ];
    for (new, rules) in cases {
        let expected: Vec<_> = rules
            .iter()
            .map(|&(rule, field)| (Breaking, rule, "1000".to_owned(), field.to_owned()))
            .collect();
        let found: Vec<_> = changes(&[], &[(template, &new)])
            .into_iter()
            .filter(|(_, rule, _, _)| *rule != Rule::DetailChanged)
            .collect();
        assert_eq!(found, expected, "{new}");
    }
    // The same params, reworded around them: only the text changed.
    expect(
        &[(
            template,
            &with(
                "No order `{order_id}` in {region}",
                "order_id: integer, region: string",
            ),
        )],
        &[(Compatible, Rule::DetailChanged, "1000", "detail")],
    );
}

#[test]
fn a_problem_type_is_breaking_only_when_the_envelope_carries_it() {
    let retype = ("problems/order-not-found", "problems/no-such-order");
    expect(
        &[retype],
        &[(Breaking, Rule::TypeUriChanged, "1000", "type")],
    );
    let uncarried = ("    - { name: type, type: string, from: type_uri }\n", "");
    expect_between(
        &[uncarried],
        &[uncarried, retype],
        &[(Compatible, Rule::TypeUriChanged, "1000", "type")],
    );
}

#[test]
fn a_link_change_is_compatible() {
    expect(
        &[(
            "docs_url: https://docs.example.com/errors",
            "docs_url: https://docs.example.com/codes",
        )],
        &[
            (Compatible, Rule::DocsChanged, "", "docs_url"),
            (Compatible, Rule::LinkChanged, "0", "link"),
            (Compatible, Rule::LinkChanged, "1000", "link"),
            (Compatible, Rule::LinkChanged, "1001", "link"),
            (Compatible, Rule::LinkChanged, "1002", "link"),
            (Compatible, Rule::LinkChanged, "1003", "link"),
        ],
    );
}

// Groups.

#[test]
fn removing_or_renaming_a_group_breaks_and_adding_one_does_not() {
    let returns = "  - { name: returns, title: Returns, range: [2000, 2999] }\n";
    expect(
        &[(returns, "")],
        &[(Breaking, Rule::GroupRemoved, "", "groups.returns")],
    );
    expect(
        &[(
            returns,
            "  - { name: refunds, title: Returns, range: [2000, 2999] }\n",
        )],
        &[(Breaking, Rule::GroupRenamed, "", "groups.returns")],
    );
    expect(
        &[(
            returns,
            "  - { name: returns, title: Returns, range: [2000, 2999] }\n  - { name: gifts, title: Gifts, range: [3000, 3999] }\n",
        )],
        &[(Compatible, Rule::GroupAdded, "", "groups.gifts")],
    );
}

#[test]
fn narrowing_a_group_breaks_only_when_a_code_leaves_it() {
    expect(
        &[(
            "  - { name: orders, title: Orders, range: [1000, 1999] }\n",
            "  - { name: orders, title: Orders, range: [1000, 1001] }\n  - { name: big, title: Big orders, range: [1002, 1999] }\n",
        )],
        &[
            (Breaking, Rule::GroupNarrowed, "", "groups.orders.range"),
            (Compatible, Rule::GroupAdded, "", "groups.big"),
        ],
    );
    let report = compat::diff(
        &load(BASE),
        &load(&edit(&[(
            "range: [1000, 1999] }\n",
            "range: [1000, 1001] }\n  - { name: big, title: Big orders, range: [1002, 1999] }\n",
        )])),
    );
    assert!(
        report.changes[0]
            .message
            .ends_with("; codes 1002, 1003 leave the group"),
        "{report}"
    );
    expect(
        &[("range: [1000, 1999]", "range: [1000, 1499]")],
        &[(Compatible, Rule::GroupResized, "", "groups.orders.range")],
    );
}

#[test]
fn group_titles_are_documentation() {
    expect(
        &[("title: Returns,", "title: Returns and refunds,")],
        &[(Compatible, Rule::DocsChanged, "", "groups.returns.title")],
    );
}

// The envelope and its schemas.

#[test]
fn envelope_name_and_media_type_are_breaking_and_its_description_is_not() {
    expect(
        &[("  name: ShopError\n", "  name: ShopProblem\n")],
        &[(Breaking, Rule::EnvelopeRenamed, "", "envelope.name")],
    );
    expect(
        &[(
            "media_type: application/problem+json",
            "media_type: application/json",
        )],
        &[(Breaking, Rule::MediaTypeChanged, "", "envelope.media_type")],
    );
    expect(
        &[(
            "description: The error body.",
            "description: The body of every error.",
        )],
        &[(Compatible, Rule::DocsChanged, "", "envelope.description")],
    );
}

#[test]
fn envelope_fields_removed_renamed_or_retyped_break() {
    let note = "    - { name: note, type: string }\n";
    expect(
        &[(note, "")],
        &[(Breaking, Rule::FieldRemoved, "", "envelope.fields.note")],
    );
    expect(
        &[(note, "    - { name: remark, type: string }\n")],
        &[(Breaking, Rule::FieldRenamed, "", "envelope.fields.note")],
    );
    expect(
        &[(note, "    - { name: note, type: integer }\n")],
        &[(
            Breaking,
            Rule::FieldRetyped,
            "",
            "envelope.fields.note.type",
        )],
    );
}

#[test]
fn required_fields_break_and_optional_additions_do_not() {
    let note = "    - { name: note, type: string }\n";
    expect(
        &[(note, "    - { name: note, type: string, required: true }\n")],
        &[(
            Breaking,
            Rule::FieldMadeRequired,
            "",
            "envelope.fields.note.required",
        )],
    );
    expect(
        &[(
            "{ name: title, type: string, from: message, required: true }",
            "{ name: title, type: string, from: message }",
        )],
        &[(
            Breaking,
            Rule::FieldMadeOptional,
            "",
            "envelope.fields.title.required",
        )],
    );
    expect(
        &[(
            note,
            "    - { name: note, type: string }\n    - { name: instance, type: string, required: true }\n",
        )],
        &[(
            Breaking,
            Rule::FieldAddedRequired,
            "",
            "envelope.fields.instance",
        )],
    );
    expect(
        &[(
            note,
            "    - { name: note, type: string }\n    - { name: instance, type: string }\n",
        )],
        &[(Compatible, Rule::FieldAdded, "", "envelope.fields.instance")],
    );
}

#[test]
fn field_bindings() {
    expect(
        &[(
            "{ name: note, type: string }",
            "{ name: note, type: string, from: link }",
        )],
        &[(
            Compatible,
            Rule::FieldBound,
            "",
            "envelope.fields.note.from",
        )],
    );
    expect(
        &[(
            "{ name: detail, type: string, from: detail }",
            "{ name: detail, type: string, from: link }",
        )],
        &[(
            Breaking,
            Rule::FieldBindingChanged,
            "",
            "envelope.fields.detail.from",
        )],
    );
    // A detail falls back to the message, so the title keeps its text for plain codes.
    expect_between(
        &[
            ("    - { name: detail, type: string, from: detail }\n", ""),
            (
                "    detail: \"Order `{order_id}` not found in {region}\"\n    params: { order_id: integer, region: string }\n",
                "",
            ),
        ],
        &[
            ("    - { name: detail, type: string, from: detail }\n", ""),
            (
                "    detail: \"Order `{order_id}` not found in {region}\"\n    params: { order_id: integer, region: string }\n",
                "",
            ),
            (
                "{ name: title, type: string, from: message, required: true }",
                "{ name: title, type: string, from: detail, required: true }",
            ),
        ],
        &[(
            Compatible,
            Rule::FieldBindingChanged,
            "",
            "envelope.fields.title.from",
        )],
    );
}

#[test]
fn schema_fields_follow_the_same_rules() {
    expect(
        &[(
            "      - { name: retries, type: integer }\n",
            "      - { name: retries, type: string }\n",
        )],
        &[(
            Breaking,
            Rule::FieldRetyped,
            "",
            "envelope.schemas.Meta.fields.retries.type",
        )],
    );
    expect(
        &[(
            "      - { name: retries, type: integer }\n",
            "      - { name: retries, type: integer }\n      - { name: host, type: string }\n",
        )],
        &[(
            Compatible,
            Rule::FieldAdded,
            "",
            "envelope.schemas.Meta.fields.host",
        )],
    );
}

#[test]
fn removing_a_schema_breaks_and_adding_one_does_not() {
    expect(
        &[
            ("    - { name: meta, type: Meta }\n", ""),
            (
                "    Meta:\n      - { name: trace, type: string, required: true }\n      - { name: retries, type: integer }\n",
                "    Other:\n      - { name: x, type: string }\n",
            ),
        ],
        &[
            (Breaking, Rule::FieldRemoved, "", "envelope.fields.meta"),
            (Breaking, Rule::SchemaRemoved, "", "envelope.schemas.Meta"),
            (Compatible, Rule::SchemaAdded, "", "envelope.schemas.Other"),
        ],
    );
}

// Tombstones.

#[test]
fn a_tombstone_is_permanent() {
    let tombstone = "  - { code: 1500, removed: Orders are never archived any more., message: Order archived }\n";
    expect(
        &[(tombstone, "")],
        &[(Breaking, Rule::TombstoneRemoved, "1500", "removed")],
    );
    expect(
        &[(
            tombstone,
            "  - { code: 1500, message: Order archived, status: 410 }\n",
        )],
        &[(Breaking, Rule::CodeReused, "1500", "code")],
    );
    expect(
        &[(
            "removed: Orders are never archived any more.",
            "removed: Archiving was dropped.",
        )],
        &[(Compatible, Rule::DocsChanged, "1500", "removed")],
    );
    expect(
        &[(
            tombstone,
            "  - { code: 1500, removed: Orders are never archived any more. }\n",
        )],
        &[(Compatible, Rule::DocsChanged, "1500", "message")],
    );
    expect(
        &[(
            tombstone,
            "  - { code: 1500, removed: Orders are never archived any more., message: Order archived }\n  - { code: 1600, removed: Reserved for refunds. }\n",
        )],
        &[(Compatible, Rule::CodeReserved, "1600", "removed")],
    );
}

// The catalog as a whole.

#[test]
fn catalog_identity_breaks_and_its_documentation_does_not() {
    expect(
        &[("name: shop\n", "name: store\n")],
        &[
            (Breaking, Rule::CatalogRenamed, "", "name"),
            (Breaking, Rule::TypeRenamed, "", "type_name"),
        ],
    );
    expect(
        &[(
            "code_type: integer\n",
            "code_type: integer\ntype_name: ShopErrorCode\n",
        )],
        &[(Breaking, Rule::TypeRenamed, "", "type_name")],
    );
    expect(
        &[
            ("title: Shop API", "title: The Shop API"),
            ("version: \"1.0.0\"", "version: \"1.1.0\""),
            (
                "  404: Not found.\n",
                "  404: No such resource.\n  410: Gone.\n",
            ),
        ],
        &[
            (Compatible, Rule::DocsChanged, "", "title"),
            (Compatible, Rule::DocsChanged, "", "version"),
            (Compatible, Rule::DocsChanged, "", "statuses.404"),
            (Compatible, Rule::DocsChanged, "", "statuses.410"),
        ],
    );
}

#[test]
fn a_code_past_u32_changes_the_rust_type_of_every_code() {
    expect(
        &[
            (
                "  - { name: returns, title: Returns, range: [2000, 2999] }\n",
                "  - { name: returns, title: Returns, range: [2000, 2999] }\n  - { name: huge, title: Huge, range: [5000000000, 5999999999] }\n",
            ),
            (
                "  - { code: 1500,",
                "  - { code: 5000000000, message: Overflow, status: 500 }\n  - { code: 1500,",
            ),
        ],
        &[
            (Breaking, Rule::CodeReprChanged, "", "codes"),
            (Compatible, Rule::GroupAdded, "", "groups.huge"),
            (Compatible, Rule::CodeAdded, "5000000000", "code"),
        ],
    );
}

#[test]
fn switching_code_type_is_breaking() {
    let old = load(&bundled("mode"));
    let new = load(
        &bundled("mode")
            .replace("code_type: string", "code_type: integer")
            .replace("code: bad_request", "code: 400")
            .replace("code: unauthorized", "code: 401")
            .replace("code: forbidden", "code: 403")
            .replace("code: not_found", "code: 404")
            .replace("code: internal_server_error", "code: 500")
            .replace("type: string, from: code", "type: integer, from: code"),
    );
    let report = compat::diff(&old, &new);
    assert_eq!(report.changes[0].rule, Rule::CodeTypeChanged, "{report}");
    assert!(report.is_breaking());
}

// The report.

#[test]
fn the_report_prints_one_line_per_change_and_a_summary() {
    let old = load(BASE);
    let new = load(&edit(&[
        ("version: \"1.0.0\"", "version: \"2.0.0\""),
        (
            "message: Order locked, status: 409",
            "message: Order locked, status: 423",
        ),
    ]));
    let report = compat::diff(&old, &new);
    assert_eq!(
        report.to_string(),
        "compatible (Rust: patch): catalog `version`: \"1.0.0\" → \"2.0.0\"\n\
         breaking (Rust: major): code 1001 (OrderLocked) `status`: 409 → 423\n\
         shop 1.0.0 → 2.0.0: 1 breaking, 1 compatible; Rust: major"
    );
    assert_eq!((report.count(Breaking), report.count(Compatible)), (1, 1));
    assert_eq!(report.semver(), compat::Semver::Major);
    let unchanged = compat::diff(&old, &old);
    assert_eq!(unchanged.to_string(), "shop 1.0.0 → 1.0.0: no changes");
}

// The bundled catalogs' own releases.

#[test]
fn guizhan_1_1_0_breaks_nothing_and_keeps_every_rust_name() {
    let path = common::workspace().join("codegen/tests/fixtures/releases/guizhan-1.0.0.yaml");
    let old = load(&std::fs::read_to_string(path).unwrap());
    let new = load(&bundled("guizhan"));
    assert_eq!((old.version(), new.version()), ("1.0.0", "1.1.0"));
    let report = compat::diff(&old, &new);
    assert!(!report.is_breaking(), "{report}");
    let rules: Vec<(Rule, String)> = report
        .changes
        .iter()
        .map(|c| {
            (
                c.rule,
                c.code.as_ref().map(ToString::to_string).unwrap_or_default(),
            )
        })
        .collect();
    for expected in [
        (Rule::StatusAdded, "0"),
        (Rule::CodeAdded, "3"),
        (Rule::CodeAdded, "3001"),
        (Rule::CodeAdded, "3002"),
        (Rule::MessageChanged, "6"),
        (Rule::MessageChanged, "1000"),
        (Rule::MessageChanged, "1001"),
        (Rule::FieldMadeNullable, ""),
    ] {
        assert!(
            rules.contains(&(expected.0, expected.1.to_owned())),
            "{expected:?} missing from\n{report}"
        );
    }
    let names: std::collections::BTreeSet<&str> =
        new.codes().iter().map(|code| code.variant()).collect();
    for code in old.codes() {
        assert!(names.contains(code.variant()), "{} is gone", code.variant());
    }
}

// The keys of the wire model: each change in both directions.

/// Edits from `BASE` to an old and a new version, and the changes expected each way.
type Case<'a> = (
    &'a [(&'a str, &'a str)],
    &'a [(&'a str, &'a str)],
    Vec<(Class, Rule)>,
    Vec<(Class, Rule)>,
);

/// The `(class, rule)` of every change from `BASE` edited by `old` to `BASE` edited by `new`.
fn rules_between(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<(Class, Rule)> {
    changes(old, new)
        .into_iter()
        .map(|(class, rule, _, _)| (class, rule))
        .collect()
}

#[test]
fn wire_model_keys_are_classed_both_ways() {
    let nullable_note: &[(&str, &str)] = &[(
        "{ name: note, type: string }",
        "{ name: note, type: string, nullable: true }",
    )];
    let nullable_title: &[(&str, &str)] = &[(
        "{ name: title, type: string, from: message, required: true }",
        "{ name: title, type: string, from: message, required: true, nullable: true }",
    )];
    let closed: &[(&str, &str)] = &[(
        "  media_type: application/problem+json\n",
        "  media_type: application/problem+json\n  closed: true\n",
    )];
    let min_length: &[(&str, &str)] = &[(
        "{ name: note, type: string }",
        "{ name: note, type: string, min_length: 2 }",
    )];
    let format: &[(&str, &str)] = &[(
        "{ name: type, type: string, from: type_uri }",
        "{ name: type, type: string, from: type_uri, format: uri }",
    )];
    let two_statuses: &[(&str, &str)] = &[("status: 409, aliases", "status: [409, 423], aliases")];
    let own_required: &[(&str, &str)] = &[(
        "status: 409, aliases: [OrderFrozen] }",
        "status: 409, aliases: [OrderFrozen], fields: [{ name: holder, type: string, required: true }] }",
    )];
    let own_optional: &[(&str, &str)] = &[(
        "status: 409, aliases: [OrderFrozen] }",
        "status: 409, aliases: [OrderFrozen], fields: [{ name: holder, type: string }] }",
    )];
    let title_optional: &[(&str, &str)] = &[(
        "status: 409, aliases: [OrderFrozen] }",
        "status: 409, aliases: [OrderFrozen], optional: [title] }",
    )];
    let fixed = |value: &'static str| -> Vec<(&'static str, String)> {
        vec![(
            "status: 409, aliases: [OrderFrozen] }",
            format!("status: 409, aliases: [OrderFrozen], values: {{ note: {value} }} }}"),
        )]
    };
    let (locked, frozen) = (fixed("Locked"), fixed("Frozen"));
    let locked: Vec<(&str, &str)> = locked.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let frozen: Vec<(&str, &str)> = frozen.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let cases: Vec<Case> = vec![
        (
            &[],
            nullable_note,
            vec![(Breaking, Rule::FieldMadeNullable)],
            vec![(Compatible, Rule::FieldMadeNonNullable)],
        ),
        (
            &[],
            nullable_title,
            vec![(Breaking, Rule::FieldMadeNullable)],
            vec![(Breaking, Rule::FieldMadeNonNullable)],
        ),
        (
            &[],
            closed,
            vec![(Breaking, Rule::BodyClosed)],
            vec![(Compatible, Rule::BodyOpened)],
        ),
        (
            &[],
            min_length,
            vec![(Breaking, Rule::ConstraintTightened)],
            vec![(Compatible, Rule::ConstraintLoosened)],
        ),
        (
            &[],
            format,
            vec![(Breaking, Rule::ConstraintTightened)],
            vec![(Compatible, Rule::ConstraintLoosened)],
        ),
        (
            &[],
            two_statuses,
            vec![(Compatible, Rule::StatusAdded)],
            vec![(Breaking, Rule::StatusRemoved)],
        ),
        (
            own_optional,
            own_required,
            vec![
                (Breaking, Rule::CodeFieldMadeRequired),
                (Compatible, Rule::ConstructorAdded),
            ],
            vec![
                (Breaking, Rule::CodeFieldMadeOptional),
                (Breaking, Rule::ConstructorRemoved),
            ],
        ),
        (
            &[],
            title_optional,
            vec![(Breaking, Rule::FieldMadeOptional)],
            vec![(Breaking, Rule::FieldMadeRequired)],
        ),
        (
            &[],
            &locked,
            vec![(Compatible, Rule::ValueFixed)],
            vec![(Breaking, Rule::ValueUnfixed)],
        ),
        (
            &locked,
            &frozen,
            vec![(Breaking, Rule::ValueChanged)],
            vec![(Breaking, Rule::ValueChanged)],
        ),
    ];
    for (old, new, forward, backward) in cases {
        assert_eq!(rules_between(old, new), forward, "{new:?}");
        assert_eq!(rules_between(new, old), backward, "back from {new:?}");
    }
}

#[test]
fn the_status_line_code_is_classed_both_ways() {
    let catalog = |code_in: &str| {
        load(&format!(
            "name: shop\ntitle: Shop\nversion: '1'\ncode_type: integer\n{code_in}envelope:\n  name: ShopError\n  media_type: application/json\n  fields:\n    - {{ name: status, type: integer, from: code }}\ncodes:\n  - {{ code: 404, message: Not found, status: 404 }}\n"
        ))
    };
    let (body, status) = (catalog(""), catalog("code_in: status\n"));
    let rules = |old: &Catalog, new: &Catalog| -> Vec<(Class, Rule)> {
        compat::diff(old, new)
            .changes
            .iter()
            .map(|c| (c.class, c.rule))
            .collect()
    };
    assert_eq!(
        rules(&body, &status),
        [(Compatible, Rule::CodeInStatusAdded)]
    );
    assert_eq!(
        rules(&status, &body),
        [(Breaking, Rule::CodeInStatusRemoved)]
    );
}

// Locales and translations.

const LOCALES_DE: (&str, &str) = (
    "codes:\n",
    "locales: { default: en, declared: [de] }\ncodes:\n",
);
const LOCALES_DE_FALLBACK: (&str, &str) = (
    "codes:\n",
    "locales: { default: en, declared: [de], fallback: { de: en } }\ncodes:\n",
);
const LOCALES_DE_FR_FALLBACK: (&str, &str) = (
    "codes:\n",
    "locales: { default: en, declared: [de, fr], fallback: { de: en, fr: en } }\ncodes:\n",
);
const LOCALES_FR_DEFAULT: (&str, &str) = (
    "codes:\n",
    "locales: { default: fr, declared: [de], fallback: { de: fr } }\ncodes:\n",
);
const DE_0: (&str, &str) = (
    "kind: success }",
    "kind: success, translations: { de: { message: OK } } }",
);
const DE_1000: (&str, &str) = (
    "    type: https://shop.example/problems/order-not-found\n",
    "    type: https://shop.example/problems/order-not-found\n    translations:\n      de: { message: Bestellung nicht gefunden, detail: \"Bestellung `{order_id}` in {region} nicht gefunden\" }\n",
);
const DE_1001: (&str, &str) = (
    "aliases: [OrderFrozen] }",
    "aliases: [OrderFrozen], translations: { de: { message: Bestellung gesperrt } } }",
);
const DE_1002: (&str, &str) = (
    "deprecated: Use 1003 instead. }",
    "deprecated: Use 1003 instead., translations: { de: { message: Bestellung zu groß } } }",
);
const DE_1003: (&str, &str) = (
    "status: 422 }",
    "status: 422, translations: { de: { message: Bestellung über dem Limit } } }",
);

#[test]
fn declaring_locales_is_compatible_and_withdrawing_them_breaks() {
    expect(
        &[LOCALES_DE_FALLBACK],
        &[(Compatible, Rule::LocalesAdded, "", "locales")],
    );
    expect_between(
        &[LOCALES_DE_FALLBACK],
        &[],
        &[(Breaking, Rule::LocalesRemoved, "", "locales")],
    );
}

#[test]
fn adding_a_locale_is_compatible_and_removing_one_breaks() {
    expect_between(
        &[LOCALES_DE_FALLBACK],
        &[LOCALES_DE_FR_FALLBACK],
        &[(Compatible, Rule::LocaleAdded, "", "locales.declared.fr")],
    );
    expect_between(
        &[LOCALES_DE_FR_FALLBACK],
        &[LOCALES_DE_FALLBACK],
        &[(Breaking, Rule::LocaleRemoved, "", "locales.declared.fr")],
    );
    expect_between(
        &[LOCALES_DE_FALLBACK],
        &[LOCALES_FR_DEFAULT],
        &[
            (Breaking, Rule::DefaultLocaleChanged, "", "locales.default"),
            (
                Compatible,
                Rule::LocaleFallbackChanged,
                "",
                "locales.fallback.de",
            ),
        ],
    );
}

#[test]
fn adding_a_translation_is_compatible() {
    expect_between(
        &[LOCALES_DE_FALLBACK],
        &[LOCALES_DE_FALLBACK, DE_1003],
        &[(
            Compatible,
            Rule::TranslationAdded,
            "1003",
            "translations.de",
        )],
    );
}

#[test]
fn removing_a_translation_breaks_unless_the_locale_declared_its_fallback() {
    let all = [DE_0, DE_1000, DE_1001, DE_1002, DE_1003];
    let mut complete = vec![LOCALES_DE];
    complete.extend(all);
    let mut falling_back = vec![LOCALES_DE_FALLBACK];
    falling_back.extend(&all[..4]);
    // `de` translated every code; now it falls back for 1003.
    expect_between(
        &complete,
        &falling_back,
        &[
            (
                Compatible,
                Rule::LocaleFallbackChanged,
                "",
                "locales.fallback.de",
            ),
            (
                Breaking,
                Rule::TranslationRemoved,
                "1003",
                "translations.de",
            ),
        ],
    );
    // `de` declared its fallback already.
    let mut before = vec![LOCALES_DE_FALLBACK];
    before.extend(all);
    expect_between(
        &before,
        &falling_back,
        &[(
            Compatible,
            Rule::TranslationRemoved,
            "1003",
            "translations.de",
        )],
    );
}

#[test]
fn rewording_a_translation_is_compatible() {
    let reworded = (
        "de: { message: Bestellung nicht gefunden, detail: \"Bestellung `{order_id}` in {region} nicht gefunden\" }",
        "de: { message: Bestellung unbekannt, detail: \"Keine Bestellung `{order_id}` in {region}\" }",
    );
    expect_between(
        &[LOCALES_DE_FALLBACK, DE_1000],
        &[LOCALES_DE_FALLBACK, DE_1000, reworded],
        &[
            (
                Compatible,
                Rule::TranslationChanged,
                "1000",
                "translations.de.message",
            ),
            (
                Compatible,
                Rule::TranslationChanged,
                "1000",
                "translations.de.detail",
            ),
        ],
    );
}

#[test]
fn a_translated_template_whose_params_change_follows_the_rules_of_the_original() {
    // The translation takes the original's params: renaming one renames it in both, and the
    // change is the original's, reported once.
    let renamed = [
        (
            "detail: \"Order `{order_id}` not found in {region}\"\n    params: { order_id: integer, region: string }",
            "detail: \"Order `{order_id}` not found in {area}\"\n    params: { order_id: integer, area: string }",
        ),
        ("in {region} nicht gefunden", "in {area} nicht gefunden"),
    ];
    let mut new = vec![LOCALES_DE_FALLBACK, DE_1000];
    new.extend(renamed);
    let found = changes(&[LOCALES_DE_FALLBACK, DE_1000], &new);
    let rules: Vec<(Class, Rule)> = found.iter().map(|c| (c.0, c.1)).collect();
    assert_eq!(
        rules,
        [
            (Breaking, Rule::ParamRenamed),
            (Compatible, Rule::DetailChanged),
            (Compatible, Rule::TranslationChanged),
        ],
        "{found:?}"
    );
}

// gRPC code, reason, domain and retry semantics.

#[test]
fn changing_the_grpc_code_breaks() {
    expect(
        &[(
            "message: Order over limit, status: 422 }",
            "message: Order over limit, status: 422, grpc: OUT_OF_RANGE }",
        )],
        &[(Breaking, Rule::GrpcChanged, "1003", "grpc")],
    );
    // Writing the code the status maps to anyway changes nothing.
    expect(
        &[(
            "message: Order over limit, status: 422 }",
            "message: Order over limit, status: 422, grpc: FAILED_PRECONDITION }",
        )],
        &[],
    );
}

#[test]
fn changing_a_reason_or_the_domain_breaks() {
    expect(
        &[(
            "message: Order over limit, status: 422 }",
            "message: Order over limit, status: 422, reason: ORDER_TOO_BIG }",
        )],
        &[(Breaking, Rule::ReasonChanged, "1003", "reason")],
    );
    // Writing the reason made from the name changes nothing.
    expect(
        &[(
            "message: Order over limit, status: 422 }",
            "message: Order over limit, status: 422, reason: ORDER_OVER_LIMIT }",
        )],
        &[],
    );
    expect(
        &[("name: shop\n", "name: shop\ndomain: shop.example.com\n")],
        &[(Breaking, Rule::DomainChanged, "", "domain")],
    );
}

#[test]
fn renaming_a_variant_keeps_its_reason_only_when_written() {
    expect(
        &[(
            "name: OrderLocked, message: Order locked, status: 409, aliases: [OrderFrozen]",
            "name: OrderBlocked, message: Order locked, status: 409, aliases: [OrderFrozen, OrderLocked]",
        )],
        &[
            (Compatible, Rule::VariantRenamed, "1001", "name"),
            (Breaking, Rule::ReasonChanged, "1001", "reason"),
        ],
    );
    expect(
        &[(
            "name: OrderLocked, message: Order locked, status: 409, aliases: [OrderFrozen]",
            "name: OrderBlocked, message: Order locked, status: 409, aliases: [OrderFrozen, OrderLocked], reason: ORDER_LOCKED",
        )],
        &[(Compatible, Rule::VariantRenamed, "1001", "name")],
    );
}

#[test]
fn a_code_that_stops_being_retryable_breaks_and_one_that_starts_does_not() {
    let retryable = "message: Order over limit, status: 422, retryable: true }";
    let plain = "message: Order over limit, status: 422 }";
    expect_between(
        &[(plain, retryable)],
        &[],
        &[(Breaking, Rule::RetryableRemoved, "1003", "retryable")],
    );
    expect(
        &[(plain, retryable)],
        &[(Compatible, Rule::RetryableAdded, "1003", "retryable")],
    );
    // A group default counts as the code's own.
    expect(
        &[(
            "range: [1000, 1999] }",
            "range: [1000, 1999], retryable: true }",
        )],
        &[
            (Compatible, Rule::RetryableAdded, "1000", "retryable"),
            (Compatible, Rule::RetryableAdded, "1001", "retryable"),
            (Compatible, Rule::RetryableAdded, "1002", "retryable"),
            (Compatible, Rule::RetryableAdded, "1003", "retryable"),
        ],
    );
}

#[test]
fn a_new_retry_delay_is_compatible() {
    let retryable = "message: Order over limit, status: 422, retryable: true";
    expect_between(
        &[("message: Order over limit, status: 422", retryable)],
        &[(
            "message: Order over limit, status: 422",
            "message: Order over limit, status: 422, retryable: true, retry_after: 30",
        )],
        &[(Compatible, Rule::RetryAfterChanged, "1003", "retry_after")],
    );
    let report = compat::diff(
        &load(&edit(&[(
            "message: Order over limit, status: 422",
            "message: Order over limit, status: 422, retryable: true, retry_after: 30",
        )])),
        &load(&edit(&[(
            "message: Order over limit, status: 422",
            "message: Order over limit, status: 422, retryable: true, retry_after: 60",
        )])),
    );
    assert_eq!(report.changes.len(), 1);
    assert_eq!(report.changes[0].old.as_deref(), Some("30s"));
    assert_eq!(report.changes[0].new.as_deref(), Some("60s"));
    assert_eq!(report.semver(), compat::Semver::Minor);
    assert!(!report.is_breaking());
}
