//! The OpenAPI emitter: document shape, merging, formats and determinism.

use errcat_codegen::openapi::{Format, generate};
use errcat_codegen::{Catalog, parse};
use serde_json::{Value, json};

/// A small catalog named `name` whose envelope has a helper schema `Page`.
fn catalog(name: &str, code_type: &str, codes: &str) -> Catalog {
    let code_field = if code_type == "integer" {
        "integer"
    } else {
        "string"
    };
    parse(
        &format!("{name}.yaml"),
        &format!(
            r#"name: {name}
title: {name} API
version: "2.0"
docs_url: https://example.com/{name}/errors
code_type: {code_type}
envelope:
  name: Error
  media_type: application/problem+json
  fields:
    - {{ name: code, type: {code_field}, from: code, required: true, description: The code. }}
    - {{ name: title, type: string, from: message, required: true }}
    - {{ name: detail, type: string, from: detail }}
    - {{ name: status, type: integer, from: status }}
    - {{ name: help, type: string, from: link }}
    - {{ name: page, type: Page }}
    - {{ name: causes, type: array, items: Error }}
  schemas:
    Page:
      - {{ name: size, type: integer, required: true }}
codes:
{codes}
"#
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn shop() -> Catalog {
    catalog(
        "shop",
        "string",
        r#"  - { code: ok, message: OK, status: 200, kind: success }
  - { code: out-of-stock, message: Out of stock, status: 409, detail: "Item {item} is gone", params: { item: string } }
  - { code: sold-out, message: Sold out, status: 409, deprecated: Use out-of-stock. }
  - { code: no-such-item, message: No such item, status: 404, description: "The item | does not exist." }
  - { code: gone, removed: Use out-of-stock., message: Gone }"#,
    )
}

fn bank() -> Catalog {
    catalog(
        "bank",
        "integer",
        "  - { code: 5000000000, message: Overdrawn, status: 402 }",
    )
}

/// The keys of a JSON object, in document order (`serde_json::Map` sorts them, so they are
/// read from the text): asserts that `keys` appear in `text` as object keys in this order.
fn assert_key_order(text: &str, keys: &[&str]) {
    let positions: Vec<usize> = keys
        .iter()
        .map(|key| {
            text.find(&format!("\n      \"{key}\": {{"))
                .unwrap_or_else(|| panic!("no component `{key}`"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|pair| pair[0] < pair[1]),
        "components not in the order {keys:?}"
    );
}

fn sorted(object: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = object
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    keys
}

fn json_document(catalogs: &[Catalog]) -> Value {
    let text = generate(catalogs, Format::Json).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

#[test]
fn a_document_holds_the_code_schema_envelope_and_one_response_per_error_status() {
    let document = json_document(&[shop()]);
    assert_eq!(document["openapi"], "3.1.0");
    assert_eq!(document["paths"], json!({}));
    assert_eq!(document["info"]["title"], "shop API");
    assert_eq!(document["info"]["version"], "2.0");
    assert_eq!(
        document["externalDocs"]["url"],
        "https://example.com/shop/errors"
    );

    let schemas = &document["components"]["schemas"];
    // The types, then one schema per error response, named as the response.
    assert_eq!(
        sorted(schemas),
        ["Error", "Page", "ShopCode", "ShopError404", "ShopError409"]
    );
    let text = generate(&[shop()], Format::Json).unwrap();
    assert_key_order(&text, &["ShopCode", "Error", "Page", "ShopError404"]);

    let code = &schemas["ShopCode"];
    assert_eq!(code["type"], "string");
    let values = code["oneOf"].as_array().unwrap();
    assert_eq!(values.len(), 4);
    assert_eq!(values[1]["const"], "out-of-stock");
    assert_eq!(values[1]["title"], "OutOfStock");
    assert!(values[1].get("deprecated").is_none());
    assert_eq!(values[2]["deprecated"], true);
    assert!(
        code["description"].as_str().unwrap().ends_with(
            "Retired codes, no longer sent and never reused:\n\n- `gone` (Gone): Use out-of-stock."
        ),
        "{code}"
    );
    let description = values[3]["description"].as_str().unwrap();
    assert!(
        description.starts_with("No such item\n\nThe item | does not exist.\n\nHTTP status 404."),
        "{description}"
    );

    let envelope = &schemas["Error"];
    assert_eq!(envelope["required"], json!(["code", "title"]));
    let properties = &envelope["properties"];
    assert_eq!(properties["code"]["description"], "The code.");
    assert_eq!(
        properties["code"]["anyOf"][0],
        json!({"$ref": "#/components/schemas/ShopCode"})
    );
    assert_eq!(properties["code"]["anyOf"][1]["type"], "string");
    assert_eq!(
        properties["status"],
        json!({"type": "integer", "minimum": 100, "maximum": 599})
    );
    assert_eq!(
        properties["page"],
        json!({"$ref": "#/components/schemas/Page"})
    );
    assert_eq!(
        properties["causes"],
        json!({"type": "array", "items": {"$ref": "#/components/schemas/Error"}})
    );
    assert_eq!(schemas["Page"]["required"], json!(["size"]));

    assert_eq!(
        sorted(&document["components"]["responses"]),
        ["ShopError404", "ShopError409"]
    );
    let responses = document["components"]["responses"].as_object().unwrap();
    let conflict = &responses["ShopError409"];
    assert!(
        conflict["description"]
            .as_str()
            .unwrap()
            .starts_with("Conflict\n\n"),
        "{conflict}"
    );
    let media = &conflict["content"]["application/problem+json"];
    assert_eq!(
        media["schema"],
        json!({"$ref": "#/components/schemas/ShopError409"})
    );
    // The response's schema is the envelope narrowed to the codes sent with 409.
    let narrowed = &document["components"]["schemas"]["ShopError409"];
    let alternatives = narrowed["anyOf"].as_array().unwrap();
    assert_eq!(alternatives.len(), 2, "{narrowed}");
    for (alternative, code) in alternatives.iter().zip(["out-of-stock", "sold-out"]) {
        assert_eq!(
            alternative["allOf"],
            json!([{"$ref": "#/components/schemas/Error"}])
        );
        assert_eq!(alternative["properties"]["code"], json!({"const": code}));
    }
    assert_eq!(sorted(&media["examples"]), ["OutOfStock", "SoldOut"]);
    let examples = media["examples"].as_object().unwrap();
    assert_eq!(
        examples["SoldOut"]["summary"],
        "sold-out: Sold out (deprecated)"
    );
    // What `From<ShopCode>` sends: the detail field carries the message, not the template;
    // the link is resolved; unbound optional fields are absent.
    assert_eq!(
        examples["OutOfStock"]["value"],
        json!({
            "code": "out-of-stock",
            "title": "Out of stock",
            "detail": "Out of stock",
            "status": 409,
            "help": "https://example.com/shop/errors#out-of-stock",
        })
    );
}

#[test]
fn unknown_codes_are_described_by_the_code_type() {
    let unknown = |catalog: Catalog| {
        json_document(&[catalog])["components"]["schemas"]["Error"]["properties"]["code"]["anyOf"]
            [1]
        .clone()
    };
    assert_eq!(unknown(bank())["format"], "int64");
    assert!(unknown(bank()).get("maximum").is_none());
    let small = catalog(
        "small",
        "integer",
        "  - { code: 7, message: Seven, status: 400 }",
    );
    assert_eq!(unknown(small.clone())["maximum"], 4_294_967_295u64);
    assert_eq!(unknown(small)["minimum"], 0);
}

#[test]
fn catalogs_merge_without_name_clashes() {
    let document = json_document(&[shop(), bank()]);
    // `Error` and `Page` are in both catalogs, so both get their catalog's prefix; the code
    // enums are distinct already and keep their names.
    assert_key_order(
        &generate(&[shop(), bank()], Format::Json).unwrap(),
        &[
            "ShopCode",
            "ShopError",
            "ShopPage",
            "BankCode",
            "BankError",
            "BankPage",
        ],
    );
    // Six types, and the schemas of ShopError404, ShopError409 and BankError402.
    assert_eq!(sorted(&document["components"]["schemas"]).len(), 9);
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let shop_error = &schemas["ShopError"]["properties"];
    assert_eq!(shop_error["page"]["$ref"], "#/components/schemas/ShopPage");
    assert_eq!(
        shop_error["causes"]["items"]["$ref"],
        "#/components/schemas/ShopError"
    );
    assert_eq!(
        shop_error["code"]["anyOf"][0]["$ref"],
        "#/components/schemas/ShopCode"
    );
    assert_eq!(
        sorted(&document["components"]["responses"]),
        ["BankError402", "ShopError404", "ShopError409"]
    );
    let responses = document["components"]["responses"].as_object().unwrap();
    assert_eq!(
        responses["BankError402"]["content"]["application/problem+json"]["schema"]["$ref"],
        "#/components/schemas/BankError402"
    );
    assert_eq!(
        document["components"]["schemas"]["BankError402"]["allOf"][0]["$ref"],
        "#/components/schemas/BankError"
    );
    assert!(
        document["info"]["title"]
            .as_str()
            .unwrap()
            .contains("shop API, bank API")
    );
    // Every `$ref` points at a schema of the document.
    let text = document.to_string();
    for target in text.split("\"#/components/schemas/").skip(1) {
        let name = &target[..target.find('"').unwrap()];
        assert!(schemas.contains_key(name), "dangling $ref to {name}");
    }
}

#[test]
fn component_names_do_not_depend_on_catalog_order() {
    let forward = json_document(&[shop(), bank()]);
    let backward = json_document(&[bank(), shop()]);
    assert_eq!(forward["components"], backward["components"]);
}

#[test]
fn catalogs_that_cannot_share_a_document_are_refused() {
    let error = generate(&[shop(), shop()], Format::Json)
        .unwrap_err()
        .to_string();
    assert!(error.contains("two catalogs are named `shop`"), "{error}");
    assert!(generate(&[], Format::Json).is_err());

    // `ShopPage` is taken by a catalog's own type, and prefixing `shop`'s `Page` would take
    // it again.
    let other = parse(
        "other.yaml",
        r#"name: other
title: Other
version: "1"
code_type: integer
envelope:
  name: ShopPage
  media_type: application/json
  fields:
    - { name: code, type: integer, from: code, required: true }
    - { name: page, type: Page }
  schemas:
    Page:
      - { name: size, type: integer }
codes:
  - { code: 1, message: One, status: 400 }
"#,
    )
    .unwrap();
    let error = generate(&[shop(), other], Format::Json)
        .unwrap_err()
        .to_string();
    assert!(error.contains("`ShopPage`"), "{error}");
}

#[test]
fn yaml_and_json_hold_the_same_document() {
    for catalogs in [vec![shop()], vec![bank()], vec![shop(), bank()]] {
        let json = json_document(&catalogs);
        let yaml = generate(&catalogs, Format::Yaml).unwrap();
        assert!(yaml.starts_with("# @generated by errcat-codegen"), "{yaml}");
        assert!(yaml.ends_with('\n'));
        let from_yaml: Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(from_yaml, json);
    }
}

#[test]
fn output_is_deterministic_and_ends_with_a_newline() {
    for format in [Format::Json, Format::Yaml] {
        let first = generate(&[shop(), bank()], format).unwrap();
        assert!(first.ends_with("}\n") || format == Format::Yaml);
        for _ in 0..5 {
            assert_eq!(generate(&[shop(), bank()], format).unwrap(), first);
        }
    }
}

#[test]
fn hostile_text_survives_both_formats() {
    let text = "quote \" backslash \\ newline\n tab\t emoji 🚀 CJK 错误 yes no ~ null 0x10 # not a comment";
    let hostile = parse(
        "hostile.yaml",
        &format!(
            r#"name: hostile
title: {title:?}
version: "1.0"
code_type: string
envelope:
  name: HostileError
  media_type: application/json
  fields:
    - {{ name: "odd name: \"x\"", type: string, from: code, required: true }}
codes:
  - code: "yes"
    name: Yes
    message: {message:?}
    status: 400
  - code: "null"
    name: Nothing
    message: null text
    status: 400
"#,
            title = text,
            message = text,
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let json = json_document(std::slice::from_ref(&hostile));
    assert_eq!(json["info"]["title"], text);
    let examples = &json["components"]["responses"]["HostileError400"]["content"]["application/json"]
        ["examples"];
    assert_eq!(examples["Yes"]["value"]["odd name: \"x\""], "yes");
    assert_eq!(examples["Nothing"]["value"]["odd name: \"x\""], "null");
    let yaml: Value = serde_yaml::from_str(&generate(&[hostile], Format::Yaml).unwrap()).unwrap();
    assert_eq!(yaml, json);
}

/// Every response example of a catalog with locales carries the code's message in each
/// locale, the default first, and a code with a template its templates.
#[test]
fn response_examples_carry_the_localized_texts() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for path in [
        "catalog/guizhan.yaml",
        "catalog/awork.yaml",
        "tests/build-dep/catalogs/wire.yaml",
    ] {
        let catalog = errcat_codegen::load(root.join(path)).unwrap();
        let locales = catalog.locales().unwrap();
        let document: Value =
            serde_json::from_str(&generate(std::slice::from_ref(&catalog), Format::Json).unwrap())
                .unwrap();
        // The default locale first (the parsed value sorts its keys; the text keeps them).
        let text = generate(std::slice::from_ref(&catalog), Format::Json).unwrap();
        let first = format!(
            "\"x-errcat-messages\": {{\n                  \"{}\":",
            locales.default_locale().tag()
        );
        assert_eq!(
            text.matches(&first).count(),
            text.matches("\"x-errcat-messages\"").count(),
            "{path}: the default first"
        );
        let mut seen = 0;
        for response in document["components"]["responses"]
            .as_object()
            .unwrap()
            .values()
        {
            let content = response["content"]
                .as_object()
                .unwrap()
                .values()
                .next()
                .unwrap();
            for (variant, example) in content["examples"].as_object().unwrap() {
                let code = catalog
                    .codes()
                    .iter()
                    .find(|code| code.variant() == variant)
                    .unwrap();
                let mut messages = serde_json::Map::new();
                messages.insert(locales.default_locale().tag().into(), json!(code.message()));
                for (locale, translation) in locales.declared().iter().zip(code.translations()) {
                    messages.insert(locale.tag().into(), json!(translation.message()));
                }
                assert_eq!(
                    example["x-errcat-messages"],
                    Value::Object(messages),
                    "{path}: {variant}"
                );
                match code.detail() {
                    Some(template) => assert_eq!(
                        example["x-errcat-details"][locales.default_locale().tag()],
                        template.text()
                    ),
                    None => assert!(example.get("x-errcat-details").is_none()),
                }
                seen += 1;
            }
        }
        assert!(seen > 0, "{path}: no examples");
    }
    let wire = errcat_codegen::load(root.join("tests/build-dep/catalogs/wire.yaml")).unwrap();
    let document: Value = serde_json::from_str(&generate(&[wire], Format::Json).unwrap()).unwrap();
    assert_eq!(
        document["components"]["responses"]["WireError409"]["content"]["application/problem+json"]
            ["examples"]["Conflict"]["x-errcat-details"],
        json!({
            "en": "Order {order} is held by {holder}",
            "de": "{holder} hält die Bestellung {order}",
            "de-AT": "Die Bestellung {order} hat {holder} reserviert",
        })
    );
    // A catalog in one language has no localized texts.
    let mode = errcat_codegen::load(root.join("catalog/mode.yaml")).unwrap();
    assert!(
        !generate(&[mode], Format::Json)
            .unwrap()
            .contains("x-errcat-messages")
    );
}

#[test]
fn each_example_carries_its_code_s_grpc_facts_and_retry_after_is_declared() {
    let catalog = parse(
        "rpc.yaml",
        r#"name: rpc
domain: rpc.example.com
codes:
  - { code: 1, message: Gone, status: 404 }
  - { code: 2, message: Busy, status: 429, retryable: true, retry_after: 30 }
  - { code: 3, message: Slow, status: 429, grpc: UNAVAILABLE, retryable: true }
  - { code: 4, message: Clash, status: 409, reason: DUPLICATE }
"#,
    )
    .unwrap();
    let document = json_document(&[catalog]);
    let responses = &document["components"]["responses"];
    let examples = |status: &str| &responses[status]["content"]["application/json"]["examples"];
    let gone = &examples("RpcError404")["Gone"];
    assert_eq!(gone["x-errcat-grpc-code"], "NOT_FOUND");
    assert_eq!(gone["x-errcat-reason"], "GONE");
    assert_eq!(gone["x-errcat-domain"], "rpc.example.com");
    assert_eq!(gone["x-errcat-retryable"], false);
    assert!(gone.get("x-errcat-retry-after").is_none());
    let busy = &examples("RpcError429")["Busy"];
    assert_eq!(busy["x-errcat-grpc-code"], "RESOURCE_EXHAUSTED");
    assert_eq!(busy["x-errcat-retryable"], true);
    assert_eq!(busy["x-errcat-retry-after"], 30);
    let slow = &examples("RpcError429")["Slow"];
    assert_eq!(slow["x-errcat-grpc-code"], "UNAVAILABLE");
    assert!(slow.get("x-errcat-retry-after").is_none());
    assert_eq!(
        examples("RpcError409")["Clash"]["x-errcat-reason"],
        "DUPLICATE"
    );
    // `Retry-After` is declared where a code of the status gives a delay, and nowhere else.
    let header = &responses["RpcError429"]["headers"]["Retry-After"];
    assert_eq!(header["schema"], json!({"type": "integer", "minimum": 0}));
    assert!(
        header["description"]
            .as_str()
            .unwrap()
            .contains("`2` (30 s)"),
        "{header}"
    );
    assert!(responses["RpcError404"].get("headers").is_none());
    assert!(responses["RpcError409"].get("headers").is_none());
}
