//! The Markdown emitter: what a reference page says, and that its tables hold together.

use std::path::Path;

use errcat_codegen::{docs, load, parse};

const SHOP: &str = r#"name: shop
title: Shop API
description: |
  Errors of the shop.

  - a list the facts must not run into
version: "3.1"
code_type: string
groups:
  - { name: stock, title: Stock, prefix: "stock-", description: Inventory problems. }
  - { name: payment, title: Payment, prefix: "pay-" }
  - { name: empty, title: Nothing here, prefix: "zz-" }
statuses:
  409: "Conflict: the | request clashes"
  410: Gone for good.
envelope:
  name: ShopError
  media_type: application/json
  fields:
    - { name: code, type: string, from: code, required: true }
    - { name: detail, type: string, from: detail, required: true, description: "What | went wrong." }
    - { name: items, type: array, items: Item }
  schemas:
    Item:
      description: One item.
      fields:
        - { name: sku, type: string, required: true }
codes:
  - code: stock-out
    message: Out of stock
    status: 409
    detail: "Item `{sku}` is gone ({count} left)"
    params: { sku: string, count: integer }
    description: |
      First paragraph
      continues here.

      Second | paragraph.
  - code: stock-old
    message: Old stock
    status: 409
    deprecated: Use stock-out.
    aliases: [Stale]
  - { code: pay-declined, message: Declined, status: 402 }
  - { code: stock-gone, removed: "Use stock-out | stock-old.", message: Gone }
"#;

fn page() -> String {
    docs::generate(&parse("shop.yaml", SHOP).unwrap_or_else(|e| panic!("{e}")))
}

#[test]
fn a_page_documents_body_codes_and_statuses() {
    let page = page();
    assert!(page.starts_with("# Shop API error codes\n\n- **Catalog:** `shop`, version 3.1\n- **Codes:** 3 string codes in 3 groups\n- **Error body:** `ShopError` (`application/json`)\n\nErrors of the shop.\n\n- a list"), "{page}");
    assert!(page.ends_with(".*\n"), "{page}");
    for expected in [
        "## Error body",
        "| `detail` | string | yes | the detail, else the message | What \\| went wrong. |",
        "| `items` | array of `Item` | no | — |  |",
        "### `Item`\n\nOne item.",
        "| `sku` | string | yes |  |",
        // The example is the body `ShopError::from(code)` sends for the first error code.
        "```json\n{\n  \"code\": \"stock-out\",\n  \"detail\": \"Out of stock\"\n}\n```",
        "### Stock\n\nCodes starting with `stock-`. Inventory problems.",
        "| `stock-out` | `StockOut` | 409 | Out of stock | First paragraph continues here.<br><br>Second \\| paragraph.<br><br>**Detail:** ``Item `{sku}` is gone ({count} left)``; params: `sku` (string), `count` (integer) |",
        "| `stock-old` | `StockOld` | 409 | Old stock | **Deprecated.** Use stock-out.<br><br>**Also named:** `Stale` |",
        "### Payment\n\nCodes starting with `pay-`.",
        "### Nothing here\n\nCodes starting with `zz-`.\n\nNo codes yet.",
        "## Retired codes\n\nThese codes are no longer sent and are never reused.\n\n| Code | Meaning | Why retired |\n|---|---|---|\n| `stock-gone` | Gone | Use stock-out \\| stock-old. |\n\n## HTTP statuses",
        "| 402 | Payment Required | `pay-declined` |",
        "| 409 | Conflict: the \\| request clashes | `stock-out`, `stock-old` |",
        "| 410 | Gone for good. | — |",
    ] {
        assert!(page.contains(expected), "missing {expected:?} in\n{page}");
    }
}

/// Cells of a table row, split at the `|`s that are not escaped.
fn cells(row: &str) -> usize {
    let bytes = row.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .count()
        - 1
}

/// Every row of every table has as many cells as the table's heading.
fn assert_tables_hold_together(page: &str) {
    let mut columns = None;
    for line in page.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        match columns {
            None => columns = Some(cells(line)),
            Some(n) => assert_eq!(cells(line), n, "row with a wrong cell count: {line}"),
        }
    }
}

#[test]
fn tables_of_every_page_hold_together() {
    assert_tables_hold_together(&page());
    let catalogs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    for name in ["mode", "guizhan", "astrada", "awork"] {
        let catalog = load(catalogs.join(format!("{name}.yaml"))).unwrap();
        let page = docs::generate(&catalog);
        assert_tables_hold_together(&page);
        for code in catalog.codes() {
            let row = format!(
                "| `{}` | `{}` | {}",
                code.value(),
                code.variant(),
                code.status()
            );
            assert!(page.contains(&row), "{name}: no row for {}", code.value());
        }
    }
}

#[test]
fn a_catalog_with_locales_has_a_page_per_locale() {
    let catalogs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    for (name, tag) in [("guizhan", "zh-CN"), ("awork", "de")] {
        let catalog = load(catalogs.join(format!("{name}.yaml"))).unwrap();
        let default = docs::generate(&catalog);
        let page = docs::generate_in(&catalog, tag).unwrap();
        assert_tables_hold_together(&page);
        assert!(
            default.contains(&format!("`en` (this page), [`{tag}`]({name}.{tag}.md)")),
            "{name}: the default page links the other"
        );
        assert!(
            page.contains(&format!("[`en`]({name}.md), `{tag}` (this page)")),
            "{name}: the {tag} page links the default"
        );
        assert_eq!(
            docs::file_name(&catalog, Some(tag)),
            format!("{name}.{tag}.md")
        );
        let index = catalog
            .locales()
            .unwrap()
            .declared()
            .iter()
            .position(|l| l.tag() == tag)
            .unwrap();
        for code in catalog.codes() {
            let message = code.translations()[index].message();
            let start = format!("| `{}` | `{}` | ", code.value(), code.variant());
            let row = page.lines().find(|line| line.starts_with(&start));
            assert!(
                row.is_some_and(|row| row.contains(&format!(" | {message} |"))),
                "{name}: no {tag} row for {}: {row:?}",
                code.value()
            );
        }
        assert!(docs::generate_in(&catalog, "fr").is_none());
    }
    let mode = load(catalogs.join("mode.yaml")).unwrap();
    assert!(docs::generate_in(&mode, "de").is_none());
    assert!(!docs::generate(&mode).contains("Languages of the messages"));
}

#[test]
fn a_page_says_what_each_code_means_over_grpc() {
    let page = errcat_codegen::docs::generate(
        &errcat_codegen::parse(
            "inline.yaml",
            "name: shop\ndomain: shop.example.com\ncodes:\n  - { code: 1, message: Gone, status: 404 }\n  - { code: 2, message: Busy, status: 429, retryable: true, retry_after: 30 }\n  - { code: 3, message: Clash, status: 409, grpc: ALREADY_EXISTS, reason: DUPLICATE, retryable: true }\n",
        )
        .unwrap(),
    );
    for expected in [
        "## Over gRPC\n\nA code is sent with its gRPC status code and a `google.rpc.ErrorInfo` with its reason, in the domain `shop.example.com`",
        "| Code | gRPC code | Reason | Retry |",
        "| `1` | `NOT_FOUND` (5) | `GONE` | no |",
        "| `2` | `RESOURCE_EXHAUSTED` (8) | `BUSY` | yes, after 30 s |",
        "| `3` | `ALREADY_EXISTS` (6) | `DUPLICATE` | yes |",
    ] {
        assert!(page.contains(expected), "missing {expected:?} in\n{page}");
    }
    assert_tables_hold_together(&page);
}
