//! The JSON Schema of the catalog format (`codegen/errcat-catalog.schema.json`, printed by
//! `errcat schema`) agrees with the loader: every catalog the loader accepts validates, and
//! every bad fixture the loader refuses for an unknown key, a wrong type, an unknown value or
//! a missing key is refused by the schema too.
//!
//! The loader is the authority and the schema follows it. When a key is added to the format,
//! made optional or given a default (in `codegen/src/load` or `codegen/src/validate`), update
//! the schema in the same change: add the key with its `title`, `description` and `examples`,
//! or drop it from its `required` list. These tests fail until the two agree again.

mod common;

use std::path::{Path, PathBuf};

use common::{workspace, yaml_files, yaml_to_json as to_json};
use jsonschema::Validator;
use serde_json::{Map, Value as Json};
use serde_yaml::Value as Yaml;

/// The URL the schema names itself by, and that `errcat init` writes into new catalogs.
const SCHEMA_ID: &str =
    "https://github.com/errcat/errcat/raw/main/codegen/errcat-catalog.schema.json";

/// The first line of every bundled catalog: the schema, named relative to `catalog/`.
const MODELINE: &str = "# yaml-language-server: $schema=../codegen/errcat-catalog.schema.json";

fn schema_path() -> PathBuf {
    workspace().join("codegen/errcat-catalog.schema.json")
}

fn schema() -> Json {
    let text = std::fs::read_to_string(schema_path()).unwrap();
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn validator() -> Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

fn read_yaml(path: &Path) -> Json {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let yaml: Yaml =
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    to_json(&yaml)
}

/// The schema's complaints about `instance`, one line each.
fn complaints(validator: &Validator, instance: &Json) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|error| format!("at `{}`: {error}", error.instance_path()))
        .collect()
}

fn assert_valid(validator: &Validator, what: &str, instance: &Json) {
    let complaints = complaints(validator, instance);
    assert!(
        complaints.is_empty(),
        "{what} does not validate against the schema:\n  {}",
        complaints.join("\n  ")
    );
}

/// The catalogs the test suite knows to be valid: the bundled ones, the fuzzer's seeds, those
/// written from the README alone, what `errcat import openapi` writes, and the build-dependency crate's (which are also the golden
/// files' catalogs, among them `minimal.yaml`, only `name` and `codes`, and `acronyms.yaml`,
/// written names such as `TRSerializationFailure`).
fn accepted_catalogs() -> Vec<PathBuf> {
    let root = workspace();
    let mut files = yaml_files(&root.join("catalog"));
    files.extend(yaml_files(&root.join("codegen/tests/fixtures/seeds")));
    files.extend(yaml_files(
        &root.join("codegen/tests/fixtures/first-contact"),
    ));
    files.extend(yaml_files(&root.join("tests/build-dep/catalogs")));
    files
}

/// The `yaml` code blocks of a Markdown file that are whole catalogs (they have a `name:` and
/// a `codes:` at the top level).
fn complete_catalogs_in(markdown: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(markdown).unwrap();
    let mut blocks = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        match (&mut block, line.trim_start()) {
            (None, "```yaml") => block = Some(String::new()),
            (Some(_), "```") => blocks.extend(block.take()),
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
        .into_iter()
        .filter(|block| {
            let top = |key: &str| block.lines().any(|line| line.starts_with(key));
            top("name:") && top("codes:")
        })
        .collect()
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    jsonschema::draft202012::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("not a valid 2020-12 schema: {e}"));
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], SCHEMA_ID);
}

/// Calls `visit` with every object of `schema` and its JSON pointer (`""` for the root).
fn each_object(schema: &Json, pointer: &str, visit: &mut dyn FnMut(&str, &Map<String, Json>)) {
    let children: Vec<(String, &Json)> = match schema {
        Json::Object(object) => {
            visit(pointer, object);
            object
                .iter()
                .map(|(key, value)| (key.clone(), value))
                .collect()
        }
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| (index.to_string(), item))
            .collect(),
        _ => return,
    };
    for (key, child) in children {
        each_object(child, &format!("{pointer}/{key}"), visit);
    }
}

/// Every key of the format, at any depth, carries a title, a description and examples: they
/// are the editor's hover text.
#[test]
fn every_key_has_hover_text() {
    let mut missing = Vec::new();
    each_object(&schema(), "", &mut |pointer, object| {
        let Some(Json::Object(properties)) = object.get("properties") else {
            return;
        };
        // Properties that only narrow a key described elsewhere (in `allOf`, `if`) need none.
        if pointer.contains("/allOf/") || pointer.ends_with("/if") {
            return;
        }
        for (key, property) in properties {
            for word in ["title", "description", "examples"] {
                if property.get(word).is_none() {
                    missing.push(format!("#{pointer}/properties/{key}: no `{word}`"));
                }
            }
        }
    });
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The examples in the schema are themselves valid, so hover text never shows a wrong one.
#[test]
fn the_examples_of_the_schema_validate() {
    let schema = schema();
    let mut found = Vec::new();
    each_object(&schema, "", &mut |pointer, object| {
        for example in object
            .get("examples")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            found.push((pointer.to_owned(), example.clone()));
        }
    });
    // Each example is checked against the schema it sits in, the definitions beside it: the
    // root's keys move under `$defs/root`, where pointers into them can reach.
    let mut root = schema.as_object().unwrap().clone();
    let mut defs = root.remove("$defs").unwrap().as_object().unwrap().clone();
    root.remove("$id");
    defs.insert("root".to_owned(), Json::Object(root));
    for (pointer, example) in &found {
        let target = if pointer.starts_with("/$defs/") {
            pointer.clone()
        } else {
            format!("/$defs/root{pointer}")
        };
        let wrapper = serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$defs": defs,
            "$ref": format!("#{target}"),
        });
        let validator =
            jsonschema::draft202012::new(&wrapper).unwrap_or_else(|e| panic!("#{pointer}: {e}"));
        assert_valid(
            &validator,
            &format!("example {example} of #{pointer}"),
            example,
        );
    }
    assert!(found.len() > 60, "only {} examples", found.len());
}

#[test]
fn every_catalog_the_loader_accepts_validates() {
    let validator = validator();
    let files = accepted_catalogs();
    assert!(files.len() >= 16, "only {} catalogs", files.len());
    for named in [
        "minimal.yaml",
        "acronyms.yaml",
        "sql_states.yaml",
        "astrada.yaml",
    ] {
        assert!(
            files.iter().any(|path| path.ends_with(named)),
            "{named} is not among the accepted catalogs"
        );
    }
    for path in &files {
        errcat_codegen::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let what = format!("{}, accepted by the loader,", path.display());
        assert_valid(&validator, &what, &read_yaml(path));
    }
}

#[test]
fn the_complete_catalogs_of_the_readmes_validate() {
    let validator = validator();
    let mut found = 0;
    for markdown in ["catalog/README.md", "README.md"] {
        for (index, block) in complete_catalogs_in(&workspace().join(markdown))
            .iter()
            .enumerate()
        {
            let what = format!("{markdown}, complete catalog {}", index + 1);
            errcat_codegen::parse(&what, block).unwrap_or_else(|e| panic!("{what}: {e}"));
            let yaml: Yaml = serde_yaml::from_str(block).unwrap();
            assert_valid(&validator, &what, &to_json(&yaml));
            found += 1;
        }
    }
    assert!(found >= 1, "no complete catalog in the READMEs");
}

/// The loader's messages that say a key, a type or a value is wrong: what a schema can say.
const STRUCTURAL: [&str; 4] = [
    "error: unknown key `",
    "error: invalid type: ",
    "error: unknown value `",
    "error: missing key `",
];

#[test]
fn every_fixture_refused_for_its_shape_is_refused_by_the_schema() {
    let validator = validator();
    let dir = workspace().join("codegen/tests/fixtures/bad");
    let mut selected = Vec::new();
    for path in yaml_files(&dir) {
        let stderr = std::fs::read_to_string(path.with_extension("stderr")).unwrap();
        let structural: Vec<&str> = stderr
            .lines()
            .filter(|line| STRUCTURAL.iter().any(|s| line.contains(s)))
            .collect();
        if structural.is_empty() {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let complaints = complaints(&validator, &read_yaml(&path));
        assert!(
            !complaints.is_empty(),
            "{name}: the loader refuses it ({}), the schema accepts it",
            structural.join("; ")
        );
        // A key or value the loader names is one the schema complains about, so the schema is
        // not refusing the file for some other reason.
        for line in &structural {
            let named = ["unknown key `", "unknown value `"]
                .iter()
                .find_map(|s| line.split_once(s))
                .and_then(|(_, rest)| rest.split('`').next());
            if let Some(named) = named {
                assert!(
                    complaints
                        .iter()
                        .any(|c| c.contains(&format!("\"{named}\""))
                            || c.contains(&format!("'{named}'"))),
                    "{name}: the loader says {line:?}, the schema says:\n  {}",
                    complaints.join("\n  ")
                );
            }
        }
        selected.push(name);
    }
    assert!(
        selected.len() >= 9,
        "only {} fixtures selected: {selected:?}",
        selected.len()
    );
}

/// The rules the schema spells out with patterns, enums and conditions, each broken once in
/// an otherwise valid catalog: both the loader and the schema refuse every one.
#[test]
fn what_the_schema_refuses_the_loader_refuses() {
    const BASE: &str = r#"name: shop
title: Shop API
version: "1.0.0"
code_type: integer
groups:
  - { name: orders, title: Orders, range: [1000, 1999] }
statuses:
  404: Not found.
envelope:
  name: ShopError
  media_type: application/json
  fields:
    - { name: code, type: integer, from: code, required: true }
    - { name: lines, type: array, items: Line }
  schemas:
    Line:
      - { name: sku, type: string, required: true }
locales:
  default: en
  declared: [de, de-AT]
  fallback: { de-AT: de }
codes:
  - code: 1000
    name: OrderNotFound
    message: Order not found
    status: 404
    kind: error
    detail: "Order {order_id} was not found"
    params: { order_id: integer }
    translations:
      de: { message: Bestellung nicht gefunden, detail: "Bestellung {order_id} nicht gefunden" }
  - { code: 1001, removed: Use 1000., message: Gone }
"#;
    let mutations = [
        ("name: shop", "name: Shop"),
        ("name: shop", "name: type"),
        ("name: shop", "name: shop__api"),
        ("code_type: integer", "code_type: int"),
        ("name: orders,", "name: Orders,"),
        ("range: [1000, 1999]", "prefix: \"o-\""),
        ("range: [1000, 1999]", "range: [1000]"),
        ("  404: Not found.", "  700: Not found."),
        ("name: ShopError", "name: shop_error"),
        ("application/json", "application json"),
        ("from: code,", "from: origin,"),
        ("type: array, items: Line", "type: array"),
        ("type: array, items: Line", "type: array, items: array"),
        ("type: string, required: true", "type: string, items: Line"),
        ("type: string, required: true", "type: str"),
        ("Line:", "line:"),
        ("code: 1000\n", "code: \"1000\"\n"),
        ("code: 1000\n", "code: 1.5\n"),
        ("name: OrderNotFound", "name: order_not_found"),
        ("name: OrderNotFound", "name: Order_Not_Found"),
        ("name: OrderNotFound", "name: ORDER"),
        ("code_type: integer\n", "type_name: _ShopCode\n"),
        ("code_type: integer\n", "type_name: ShopCode_\n"),
        ("name: ShopError", "name: SHOP"),
        ("status: 404\n", "status: 42\n"),
        ("kind: error", "kind: failure"),
        (
            "params: { order_id: integer }",
            "params: { order_id: float }",
        ),
        (
            "params: { order_id: integer }",
            "params: { OrderId: integer }",
        ),
        ("    detail: \"Order {order_id} was not found\"\n", ""),
        ("removed: Use 1000.", "removed: \" \""),
        ("message: Gone", "status: 410"),
        ("{ code: 1001,", "{ code: 9223372036854775808,"),
        ("default: en", "default: EN"),
        ("default: en", "default: en_US"),
        ("declared: [de, de-AT]", "declared: [de, de-at]"),
        ("fallback: { de-AT: de }", "fallback: { de-AT: de_DE }"),
        ("  default: en\n", ""),
        (
            "      de: { message: Bestellung",
            "      de-at: { message: Bestellung",
        ),
        ("{ message: Bestellung nicht gefunden,", "{ message: \" \","),
        ("detail: \"Bestellung", "text: \"Bestellung"),
    ];
    let validator = validator();
    errcat_codegen::parse("base.yaml", BASE).unwrap_or_else(|e| panic!("{e}"));
    assert_valid(
        &validator,
        "the base catalog",
        &to_json(&serde_yaml::from_str(BASE).unwrap()),
    );
    for (from, to) in mutations {
        assert!(BASE.contains(from), "{from:?} is not in the base catalog");
        let text = BASE.replacen(from, to, 1);
        let what = format!("`{from}` → `{to}`");
        assert!(
            errcat_codegen::parse("mutated.yaml", &text).is_err(),
            "{what}: the loader accepts it"
        );
        let yaml: Yaml = serde_yaml::from_str(&text).unwrap();
        assert!(
            !validator.is_valid(&to_json(&yaml)),
            "{what}: the schema accepts it"
        );
    }
}

#[test]
fn every_bundled_catalog_names_the_schema() {
    let catalogs = yaml_files(&workspace().join("catalog"));
    assert_eq!(catalogs.len(), 4);
    for path in catalogs {
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap_or_default();
        assert_eq!(first, MODELINE, "{}", path.display());
        let relative = first.split_once("$schema=").unwrap().1;
        let named = path.parent().unwrap().join(relative);
        assert_eq!(
            std::fs::canonicalize(named).unwrap(),
            std::fs::canonicalize(schema_path()).unwrap(),
            "{}",
            path.display()
        );
    }
}

/// `yaml` as the schema sees it.
fn json_of(yaml: &str) -> Json {
    to_json(&serde_yaml::from_str(yaml).unwrap())
}

/// Whether the loader and the schema both accept `text` (`Some(true)`), both refuse it
/// (`Some(false)`), or disagree (`None`).
fn agreement(validator: &Validator, text: &str) -> Option<bool> {
    let loader = errcat_codegen::parse("catalog.yaml", text).is_ok();
    let schema = validator.is_valid(&json_of(text));
    (loader == schema).then_some(loader)
}

/// Every key with a default may be left out, alone or all together, and the schema agrees:
/// nothing but `name` and `codes` is required.
#[test]
fn the_keys_with_defaults_need_not_be_written() {
    const FULL: &str = r#"name: shop
title: Shop API
version: "1.0.0"
code_type: integer
groups:
  - { name: orders, title: Orders, range: [1000, 1999] }
envelope:
  name: ShopError
  media_type: application/json
  fields:
    - { name: code, type: integer, from: code, required: true }
    - { name: message, type: string, from: message, required: true }
codes:
  - { code: 1000, message: Order not found, status: 404 }
"#;
    let omissions = [
        "title: Shop API\n",
        "version: \"1.0.0\"\n",
        "code_type: integer\n",
        ", title: Orders",
        "  name: ShopError\n",
        "  media_type: application/json\n",
        "  fields:\n    - { name: code, type: integer, from: code, required: true }\n    - { name: message, type: string, from: message, required: true }\n",
        "envelope:\n  name: ShopError\n  media_type: application/json\n  fields:\n    - { name: code, type: integer, from: code, required: true }\n    - { name: message, type: string, from: message, required: true }\n",
    ];
    // Left out one by one, the envelope's keys leave an empty `envelope:`, which is allowed.
    let (whole_envelope, keys) = omissions.split_last().unwrap();
    let validator = validator();
    assert_eq!(agreement(&validator, FULL), Some(true), "the full catalog");
    let mut all = FULL.to_owned();
    for omitted in omissions {
        assert!(FULL.contains(omitted), "{omitted:?} is not in the catalog");
        let text = FULL.replacen(omitted, "", 1);
        assert_eq!(
            agreement(&validator, &text),
            Some(true),
            "without {omitted:?}:\n{text}"
        );
    }
    for omitted in keys {
        all = all.replacen(omitted, "", 1);
    }
    assert_eq!(agreement(&validator, &all), Some(true), "{all}");
    assert!(!all.contains(whole_envelope));
    all = all.replacen("envelope:\n", "", 1);
    let minimal = "name: shop\ngroups:\n  - { name: orders, range: [1000, 1999] }\ncodes:\n  - { code: 1000, message: Order not found, status: 404 }\n";
    assert_eq!(all, minimal);
    assert_eq!(agreement(&validator, &all), Some(true), "{all}");
    // `name` and `codes` stay required.
    for required in [
        "name: shop\n",
        "codes:\n  - { code: 1000, message: Order not found, status: 404 }\n",
    ] {
        let text = all.replacen(required, "", 1);
        assert_eq!(
            agreement(&validator, &text),
            Some(false),
            "without {required:?}"
        );
    }
}

/// Without `code_type`, both read it from the codes: all numbers or all strings, with groups
/// of the matching kind.
#[test]
fn without_a_code_type_the_codes_decide() {
    let cases = [
        (
            "codes:\n  - { code: 1, message: A, status: 400 }\n  - { code: 2, message: B, status: 400 }\n",
            true,
        ),
        (
            "codes:\n  - { code: \"40001\", name: SerializationFailure, message: A, status: 409 }\n  - { code: \"23505\", name: UniqueViolation, message: B, status: 409 }\n",
            true,
        ),
        (
            "codes:\n  - { code: \"2F002\", message: A, status: 403 }\n  - { code: 40001, message: B, status: 409 }\n",
            false,
        ),
        (
            "codes:\n  - { code: 1, message: A, status: 400 }\n  - { code: \"2\", removed: Gone. }\n",
            false,
        ),
        (
            "groups:\n  - { name: class_40, prefix: \"40\" }\ncodes:\n  - { code: \"40001\", name: SerializationFailure, message: A, status: 409 }\n",
            true,
        ),
        (
            "groups:\n  - { name: class_40, prefix: \"40\" }\ncodes:\n  - { code: 40001, message: A, status: 409 }\n",
            false,
        ),
        (
            "groups:\n  - { name: low, range: [0, 9] }\ncodes:\n  - { code: \"1\", message: A, status: 400 }\n",
            false,
        ),
    ];
    let validator = validator();
    for (codes, accepted) in cases {
        let text = format!("name: shop\n{codes}");
        assert_eq!(agreement(&validator, &text), Some(accepted), "{text}");
    }
}

/// Written names are used as written when rustc and clippy accept them: the schema's pattern
/// and the loader agree on each name, as a variant, an alias, the envelope's name and a
/// schema's name.
#[test]
fn written_names_agree() {
    let accepted = [
        "OrderNotFound",
        "TRSerializationFailure",
        "SREModifyingSqlDataNotPermitted",
        "LEInvalidSpecification",
        "SQLStateCode",
        "HTTPError",
        "OK",
        "A",
        "X86_64",
        "V1_2_3",
        "Http2",
        "HTTP2",
        "_Private",
        "Trailing_",
    ];
    let refused = [
        "order_not_found",
        "orderNotFound",
        "Not_Found",
        "Not__Found",
        "V1__2",
        "JSON",
        "CWR",
        "_",
        "_lower",
        "2Fa",
        "Order-Not-Found",
        "Ordér",
    ];
    let validator = validator();
    let catalogs = |name: &str| {
        [
            format!(
                "name: shop\ncodes:\n  - {{ code: 1, message: Fine, status: 400, name: {name} }}\n"
            ),
            format!(
                "name: shop\ncodes:\n  - {{ code: 1, message: Fine, status: 400, aliases: [{name}] }}\n"
            ),
            format!(
                "name: shop\nenvelope:\n  name: {name}\ncodes:\n  - {{ code: 1, message: A, status: 400 }}\n"
            ),
            format!(
                "name: shop\nenvelope:\n  fields:\n    - {{ name: code, type: integer, from: code }}\n    - {{ name: extra, type: {name} }}\n  schemas:\n    {name}: [{{ name: ok, type: boolean }}]\ncodes:\n  - {{ code: 1, message: A, status: 400 }}\n"
            ),
        ]
    };
    for (names, expected) in [(&accepted[..], true), (&refused[..], false)] {
        for name in names {
            for text in catalogs(name) {
                assert_eq!(
                    agreement(&validator, &text),
                    Some(expected),
                    "{name}:\n{text}"
                );
            }
        }
    }
}

/// The keys of the wire model (`code_in`, `closed`, `nullable`, `min_length`, `format`, a
/// code's list of statuses, its `fields`, `optional` and `values`), each used in a catalog
/// both accept, written otherwise than its rules say (a wrong type, an unknown value, an
/// empty or repeated status, a key where it does not belong): both refuse every one.
#[test]
fn the_wire_model_agrees() {
    const BASE: &str = r#"name: wire
code_type: integer
code_in: status
envelope:
  name: WireProblem
  closed: true
  fields:
    - { name: status, type: integer, from: code }
    - { name: title, type: string, from: message, required: true, min_length: 1 }
    - { name: detail, type: string, from: detail, required: true, nullable: true }
    - { name: type, type: string, from: type_uri, format: uri-reference }
    - { name: trace, type: string }
    - { name: count, type: integer }
    - { name: hints, type: array, items: Hint, nullable: false }
  schemas:
    Hint:
      closed: false
      fields:
        - { name: text, type: string, required: true, nullable: true }
codes:
  - { code: 200, message: OK, status: [200, 201], kind: success }
  - code: 409
    message: Conflict
    status: 409
    optional: [title]
    values: { title: Conflict, count: 3 }
    fields:
      - { name: currentValue, type: string, required: true, min_length: 2, format: uri }
      - { name: retry, type: boolean }
  - { code: 410, removed: Use 409., message: Gone }
"#;
    let accepted = [
        ("code_in: status", "code_in: body"),
        ("code_in: status\n", ""),
        ("  closed: true\n", "  closed: false\n"),
        ("  closed: true\n", ""),
        ("      closed: false\n", "      closed: true\n"),
        ("      closed: false\n", ""),
        ("nullable: false }", "nullable: true }"),
        ("required: true, nullable: true", "required: true"),
        ("min_length: 1 }", "min_length: 0 }"),
        ("format: uri-reference", "format: uri"),
        ("min_length: 2, format: uri", "format: uri-reference"),
        ("status: [200, 201]", "status: [201, 200]"),
        ("status: [200, 201]", "status: [200]"),
        ("status: [200, 201]", "status: 200"),
        ("status: 409\n", "status: [409, 429]\n"),
        ("optional: [title]", "optional: []"),
        ("    optional: [title]\n", ""),
        (
            "values: { title: Conflict, count: 3 }",
            "values: { title: Conflict, count: -3, retry: true, trace: \"3\" }",
        ),
        ("values: { title: Conflict, count: 3 }", "values: {}"),
        (
            "{ name: retry, type: boolean }",
            "{ name: retry, type: array, items: Hint, nullable: true, description: Hints }",
        ),
        ("      - { name: retry, type: boolean }\n", ""),
    ];
    let refused = [
        ("code_in: status", "code_in: line"),
        ("code_in: status", "code_in: Status"),
        ("code_in: status", "code_in: [status]"),
        ("code_in: status\n", "code_in: status\nclosed: true\n"),
        ("  closed: true\n", "  closed: \"true\"\n"),
        ("  closed: true\n", "  closed: 1\n"),
        ("  closed: true\n", "  closed: ~\n"),
        ("      closed: false\n", "      closed: open\n"),
        ("nullable: false }", "nullable: no }"),
        ("nullable: false }", "nullable: \"false\" }"),
        (
            "{ name: trace, type: string }",
            "{ name: trace, type: string, closed: true }",
        ),
        ("min_length: 1 }", "min_length: -1 }"),
        ("min_length: 1 }", "min_length: 1.5 }"),
        ("min_length: 1 }", "min_length: one }"),
        (
            "{ name: count, type: integer }",
            "{ name: count, type: integer, min_length: 1 }",
        ),
        (
            "{ name: count, type: integer }",
            "{ name: count, type: integer, format: uri }",
        ),
        ("nullable: false }", "nullable: false, min_length: 1 }"),
        ("format: uri-reference", "format: url"),
        ("format: uri-reference", "format: uri-template"),
        ("format: uri-reference", "format: [uri]"),
        ("min_length: 2, format: uri", "min_length: 2, format: email"),
        ("status: [200, 201]", "status: []"),
        ("status: [200, 201]", "status: [200, 200]"),
        ("status: [200, 201]", "status: [200, 42]"),
        ("status: [200, 201]", "status: [200, \"201\"]"),
        ("status: [200, 201]", "status: [[200, 201]]"),
        ("status: [200, 201]", "status: \"200\""),
        ("status: [200, 201]", "status: { default: 200 }"),
        ("optional: [title]", "optional: title"),
        ("optional: [title]", "optional: [{ name: title }]"),
        ("optional: [title]", "optional: { title: true }"),
        ("values: { title: Conflict, count: 3 }", "values: [title]"),
        ("values: { title: Conflict, count: 3 }", "values: title"),
        ("title: Conflict, count: 3", "title: Conflict, count: 1.5"),
        ("title: Conflict, count: 3", "title: [Conflict], count: 3"),
        (
            "title: Conflict, count: 3",
            "title: { text: Conflict }, count: 3",
        ),
        ("title: Conflict, count: 3", "title: ~, count: 3"),
        (
            "title: Conflict, count: 3",
            "title: Conflict, count: 9223372036854775808",
        ),
        (
            "{ name: retry, type: boolean }",
            "{ name: retry, type: boolean, from: link }",
        ),
        (
            "{ name: retry, type: boolean }",
            "{ name: retry, type: boolean, nulable: true }",
        ),
        ("{ name: retry, type: boolean }", "{ name: retry }"),
        (
            "{ name: retry, type: boolean }",
            "{ name: retry, type: bool }",
        ),
        (
            "{ name: retry, type: boolean }",
            "{ name: retry, type: array }",
        ),
        (
            "    fields:\n      - { name: currentValue, type: string, required: true, min_length: 2, format: uri }\n      - { name: retry, type: boolean }\n",
            "    fields: { name: retry, type: boolean }\n",
        ),
        (
            "removed: Use 409., message: Gone",
            "removed: Use 409., status: [410]",
        ),
        (
            "removed: Use 409., message: Gone",
            "removed: Use 409., optional: [title]",
        ),
        (
            "removed: Use 409., message: Gone",
            "removed: Use 409., values: { title: Gone }",
        ),
        (
            "removed: Use 409., message: Gone",
            "removed: Use 409., fields: [{ name: why, type: string }]",
        ),
    ];
    let validator = validator();
    assert_eq!(agreement(&validator, BASE), Some(true), "the base catalog");
    for (cases, expected) in [(&accepted[..], true), (&refused[..], false)] {
        for (from, to) in cases {
            assert!(BASE.contains(from), "{from:?} is not in the base catalog");
            let text = BASE.replacen(from, to, 1);
            assert_eq!(
                agreement(&validator, &text),
                Some(expected),
                "`{from}` → `{to}`:\n{text}"
            );
        }
    }
}

/// `code_in: status` needs integer codes, however the catalog says which its codes are.
#[test]
fn the_code_in_the_status_line_is_an_integer() {
    let cases = [
        (
            "code_in: status\n",
            "- { code: 404, message: A, status: 404 }",
            true,
        ),
        (
            "code_type: integer\ncode_in: status\n",
            "- { code: 404, message: A, status: [404, 410] }",
            true,
        ),
        (
            "code_in: body\ncode_type: string\n",
            "- { code: not-found, message: A, status: 404 }",
            true,
        ),
        (
            "code_in: status\n",
            "- { code: not-found, message: A, status: 404 }",
            false,
        ),
        (
            "code_in: status\n",
            "- { code: \"404\", message: A, status: 404 }",
            false,
        ),
        (
            "code_type: string\ncode_in: status\n",
            "- { code: not-found, message: A, status: 404 }",
            false,
        ),
        (
            "code_in: status\ngroups:\n  - { name: client, prefix: \"4\" }\n",
            "- { code: 404, message: A, status: 404 }",
            false,
        ),
    ];
    let validator = validator();
    for (top, code, accepted) in cases {
        let text = format!("name: shop\n{top}codes:\n  {code}\n");
        assert_eq!(agreement(&validator, &text), Some(accepted), "{text}");
    }
}
