//! Tombstones (`removed:`): a retired code leaves the generated enum but stays reserved.

use errcat_codegen::model::CodeValue;
use errcat_codegen::{parse, rust};

/// A catalog whose last entries are `codes`, in flow or block style.
fn catalog(codes: &str) -> String {
    format!(
        r#"name: shop
title: Shop API
version: "1.0.0"
code_type: integer
envelope:
  name: ShopError
  media_type: application/json
  fields:
    - {{ name: code, type: integer, from: code, required: true }}
codes:
  - {{ code: 1000, message: Order not found, status: 404 }}
{codes}"#
    )
}

/// The rendered diagnostics for `codes`, which must be rejected.
fn rejected(codes: &str) -> String {
    match parse("shop.yaml", &catalog(codes)) {
        Ok(_) => panic!("accepted:\n{codes}"),
        Err(diagnostics) => diagnostics.to_string(),
    }
}

#[test]
fn a_tombstone_is_kept_in_the_model_apart_from_the_codes() {
    let catalog = parse(
        "shop.yaml",
        &catalog(
            "  - { code: 1001, removed: Use 1000 instead., message: Order gone }\n  - { code: 1002, removed: Never shipped. }\n",
        ),
    )
    .unwrap();
    assert_eq!(catalog.codes().len(), 1);
    let retired: Vec<_> = catalog
        .retired()
        .iter()
        .map(|retired| (retired.value(), retired.reason(), retired.message()))
        .collect();
    assert_eq!(
        retired,
        vec![
            (
                &CodeValue::Int(1001),
                "Use 1000 instead.",
                Some("Order gone"),
            ),
            (&CodeValue::Int(1002), "Never shipped.", None),
        ]
    );
}

#[test]
fn reusing_a_retired_code_is_rejected_at_the_reuse() {
    // The tombstone comes first here and last in the next case: either way the error points
    // at the live code, and the note at the tombstone.
    let codes = "  - { code: 1001, removed: Use 1000 instead. }\n  - { code: 1001, message: Order on hold, status: 409 }\n";
    assert_eq!(
        rejected(codes),
        "shop.yaml:13:13: error: code 1001 was removed and stays reserved
   |
13 |   - { code: 1001, message: Order on hold, status: 409 }
   |             ^^^^
   |
   = hint: retired codes are never reused, so that old clients cannot misread them; give this code a new number (the tombstone says: Use 1000 instead.)
   = note: removed at shop.yaml:12:28"
    );
    let after = "  - { code: 1001, message: Order on hold, status: 409 }\n  - { code: 1001, removed: Use 1000 instead. }\n";
    assert!(
        rejected(after)
            .starts_with("shop.yaml:12:13: error: code 1001 was removed and stays reserved"),
        "{}",
        rejected(after)
    );
}

#[test]
fn reusing_a_retired_slug_is_rejected() {
    let text = r#"name: shop
title: Shop API
version: "1.0.0"
code_type: string
envelope:
  name: ShopError
  media_type: application/json
  fields:
    - { name: code, type: string, from: code, required: true }
codes:
  - { code: out-of-stock, removed: Use sold-out. }
  - { code: out-of-stock, message: Out of stock, status: 409 }
"#;
    let rendered = parse("shop.yaml", text).unwrap_err().to_string();
    assert!(
        rendered.starts_with(
            "shop.yaml:12:13: error: code `out-of-stock` was removed and stays reserved"
        ),
        "{rendered}"
    );
    assert!(rendered.contains("give this code a new slug"), "{rendered}");
}

#[test]
fn a_catalog_of_tombstones_only_has_no_codes() {
    let text = catalog("").replace(
        "  - { code: 1000, message: Order not found, status: 404 }\n",
        "  - { code: 1000, removed: Gone. }\n",
    );
    let rendered = parse("shop.yaml", &text).unwrap_err().to_string();
    assert!(
        rendered.starts_with("shop.yaml:11:3: error: the catalog has no codes"),
        "{rendered}"
    );
    assert!(
        rendered.ends_with("hint: every entry is `removed`; add at least one code that is not"),
        "{rendered}"
    );
}

#[test]
fn a_retired_code_leaves_the_enum_and_is_listed_in_its_docs() {
    let catalog = parse(
        "shop.yaml",
        &catalog(
            "  - code: 1001\n    removed: >-\n      Use 1000 instead;\n      it says which order.\n    message: Order gone\n  - { code: 1002, removed: Never shipped. }\n",
        ),
    )
    .unwrap();
    let generated = rust::generate(&catalog, &Default::default()).unwrap();
    assert!(
        generated.contains(
            "/// Retired codes, reserved and never reused; a body carrying one decodes as unknown:
///
/// - `1001` (Order gone): Use 1000 instead; it says which order.
/// - `1002`: Never shipped.
"
        ),
        "{generated}"
    );
    // Only the live code is a variant, in `ALL` and in `from_code`.
    assert!(
        generated
            .contains("pub const ALL: &'static [Self] = &[\n        Self::OrderNotFound,\n    ];")
    );
    assert!(generated.contains("1000 => Self::OrderNotFound,"));
    assert!(!generated.contains("1001 =>"), "{generated}");
    assert!(!generated.contains("OrderGone"), "{generated}");
}

#[test]
fn catalogs_without_tombstones_generate_no_list() {
    let catalog = parse("shop.yaml", &catalog("")).unwrap();
    let generated = rust::generate(&catalog, &Default::default()).unwrap();
    assert!(!generated.contains("Retired"), "{generated}");
}
