//! `errcat import openapi`: catalogs imported from specs written for these tests in the shapes
//! of the published Mode (Swagger 2.0), Astrada (OpenAPI 3.0, problem+json) and awork
//! (OpenAPI 3.0, closed and nullable) ones, and from specs with 3.1 type lists, `$ref`
//! chains and `allOf`.
//!
//! Each imported catalog passes the loader as written, matches its golden file
//! (`codegen/tests/golden/import/`, rewritten with `ERRCAT_BLESS=1`), and every example of
//! its spec's error responses validates against the envelope schema `errcat openapi` exports
//! from it, checked by the `jsonschema` crate.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::{assert_no_drift, check_snapshot, workspace};
use errcat_codegen::Catalog;
use errcat_codegen::import::{self, Import, ImportError, Options};
use errcat_codegen::model::{Binding, CodeIn, CodeRepr, CodeValue, FieldType, Scalar};
use errcat_codegen::openapi::{self, Format};
use serde_json::{Value, json};

fn fixture(name: &str) -> PathBuf {
    workspace().join("codegen/tests/fixtures/import").join(name)
}

fn spec_text(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// The import of a fixture, its golden file compared.
fn imported(name: &str) -> Import {
    let import = import::openapi(&spec_text(name), &Options::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let stem = name.split('.').next().unwrap();
    let golden = workspace()
        .join("codegen/tests/golden/import")
        .join(format!("{stem}.yaml"));
    assert_no_drift(
        check_snapshot(&golden, &import.catalog)
            .into_iter()
            .collect(),
    );
    import
}

/// The catalog as the loader (`errcat check`) reads it; it generates Rust too.
fn loaded(import: &Import) -> Catalog {
    let catalog = errcat_codegen::parse("imported.yaml", &import.catalog)
        .unwrap_or_else(|e| panic!("{e}\n{}", import.catalog));
    errcat_codegen::rust::generate(&catalog, &Default::default())
        .unwrap_or_else(|e| panic!("{e}\n{}", import.catalog));
    catalog
}

fn dropped(import: &Import, needle: &str) -> bool {
    import.dropped.iter().any(|line| line.contains(needle))
}

fn assert_dropped(import: &Import, needles: &[&str]) {
    for needle in needles {
        assert!(
            dropped(import, needle),
            "no dropped line says {needle:?}:\n{}",
            import.dropped.join("\n")
        );
    }
}

fn codes(catalog: &Catalog) -> Vec<(String, u16, &str)> {
    catalog
        .codes()
        .iter()
        .map(|c| (c.value().to_string(), c.status(), c.message()))
        .collect()
}

fn field<'a>(catalog: &'a Catalog, name: &str) -> &'a errcat_codegen::model::Field {
    catalog
        .envelope()
        .fields()
        .iter()
        .find(|f| f.wire_name() == name)
        .unwrap_or_else(|| panic!("no envelope field `{name}`"))
}

/// The spec as JSON, whichever it is written in.
fn spec_json(name: &str) -> Value {
    let text = spec_text(name);
    if name.ends_with(".json") {
        serde_json::from_str(&text).unwrap()
    } else {
        serde_yaml::from_str(&text).unwrap()
    }
}

/// Follows a local `$ref`, as many times as it takes.
fn follow<'a>(spec: &'a Value, mut value: &'a Value) -> &'a Value {
    while let Some(reference) = value.get("$ref").and_then(Value::as_str) {
        value = spec
            .pointer(reference.strip_prefix('#').unwrap())
            .unwrap_or_else(|| panic!("{reference} points at nothing"));
    }
    value
}

/// Every example of every error response of the spec, with where it is: OpenAPI 3's
/// `example` and `examples.*.value` of each media type, Swagger 2's `examples.*`.
fn examples(spec: &Value) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
                continue;
            };
            for (status, response) in responses {
                if status.starts_with(['1', '2', '3']) {
                    continue;
                }
                let response = follow(spec, response);
                let at = format!("{method} {path} {status}");
                if let Some(examples) = response.get("examples").and_then(Value::as_object) {
                    for (media, example) in examples {
                        found.push((format!("{at} {media}"), example.clone()));
                    }
                }
                for (media, content) in response
                    .get("content")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    if let Some(example) = content.get("example") {
                        found.push((format!("{at} {media}"), example.clone()));
                    }
                    for (name, example) in content
                        .get("examples")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                    {
                        let example = follow(spec, example);
                        found.push((format!("{at} {media} {name}"), example["value"].clone()));
                    }
                }
            }
        }
    }
    found
}

/// Validates every error example of the spec against the envelope schema exported from the
/// imported catalog, and against the response schema exported for its status (the codes of
/// that status, their own fields, required-ness and fixed values). A problem is allowed only
/// where an example has `null` in a member the import reported as "may be null"; returns how
/// many such problems there were.
fn assert_examples_validate(name: &str, import: &Import) -> usize {
    let catalog = loaded(import);
    let document: Value = serde_json::from_str(
        &openapi::generate(std::slice::from_ref(&catalog), Format::Json).unwrap(),
    )
    .unwrap();
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{}", catalog.envelope().name()),
        "components": document["components"],
    });
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let examples = examples(&spec_json(name));
    assert!(!examples.is_empty(), "{name} has no error examples");
    // The response schema of each status, `Error<status>`.
    let per_status = |status: &str| {
        let responses = document["components"]["responses"].as_object()?;
        let (_, response) = responses
            .iter()
            .find(|(key, _)| key.ends_with(&format!("Error{status}")))?;
        let media = response["content"].as_object()?.values().next()?;
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": media["schema"]["$ref"],
            "components": document["components"],
        });
        Some(jsonschema::draft202012::new(&schema).unwrap())
    };
    let mut nulls = 0;
    let mut by_status = 0;
    for (at, example) in &examples {
        let status = at.split(' ').nth(2).unwrap_or_default();
        let response = per_status(status);
        by_status += usize::from(response.is_some());
        let errors = validator
            .iter_errors(example)
            .chain(response.iter().flat_map(|v| v.iter_errors(example)))
            .map(|e| (e.instance_path().to_string(), e.to_string()))
            .collect::<Vec<_>>();
        for (path, error) in errors {
            let member = path.rsplit('/').next().unwrap_or_default();
            let value = example.pointer(&path);
            let reported = import
                .dropped
                .iter()
                .any(|line| line.contains(&format!("field `{member}`: may be null")));
            assert!(
                value == Some(&Value::Null) && reported,
                "{name}: the example of {at} does not validate against the exported `{}` at `{path}`: {error}\n{example}\n{}",
                catalog.envelope().name(),
                import.catalog
            );
            nulls += 1;
        }
    }
    assert!(
        by_status > 0,
        "{name}: no example has a response schema of its status"
    );
    nulls
}

#[test]
fn swagger_2_with_one_value_enums_per_response_gives_a_code_per_value() {
    let import = imported("mode.yaml");
    let catalog = loaded(&import);
    assert_eq!(catalog.name(), "mode");
    assert_eq!(catalog.title(), "Mode API");
    assert_eq!(catalog.repr(), CodeRepr::Str);
    assert_eq!(catalog.envelope().media_type(), "application/hal+json");
    assert_eq!(
        codes(&catalog),
        [
            ("bad_request".into(), 400, "Bad Request"),
            ("unauthorized".into(), 401, "Unauthorized"),
            ("forbidden".into(), 403, "Forbidden"),
            ("not_found".into(), 404, "Not Found"),
        ]
    );
    // Defined in the spec, sent by no operation.
    assert!(!import.catalog.contains("internal_server_error"));
    let id = field(&catalog, "id");
    assert_eq!((id.from(), id.required()), (Some(Binding::Code), true));
    let message = field(&catalog, "message");
    assert_eq!(
        (message.from(), message.required()),
        (Some(Binding::Message), true)
    );
    assert_eq!(
        catalog.statuses().get(&404).map(String::as_str),
        Some("Not Found")
    );
    assert!(
        import
            .catalog
            .contains("from: code, required: true }  # inferred: ")
    );
    assert_eq!(assert_examples_validate("mode.yaml", &import), 0);
}

#[test]
fn problem_json_per_status_gives_a_code_per_status() {
    let import = imported("astrada.json");
    let catalog = loaded(&import);
    assert_eq!(catalog.envelope().media_type(), "application/problem+json");
    assert_ne!(catalog.repr(), CodeRepr::Str);
    assert_eq!(
        codes(&catalog),
        [
            ("400".into(), 400, "Bad Request"),
            ("401".into(), 401, "Unauthorized"),
            ("403".into(), 403, "Forbidden"),
            ("404".into(), 404, "Not Found"),
            ("409".into(), 409, "Conflict"),
            ("413".into(), 413, "Content Too Large"),
            ("422".into(), 422, "Unprocessable Entity"),
            ("500".into(), 500, "Internal Server Error"),
        ]
    );
    // The 409 response requires only `detail`.
    let title = field(&catalog, "title");
    assert_eq!(
        (title.from(), title.required()),
        (Some(Binding::Message), false)
    );
    let detail = field(&catalog, "detail");
    assert_eq!(
        (detail.from(), detail.required()),
        (Some(Binding::Detail), true)
    );
    assert_eq!(field(&catalog, "type").from(), Some(Binding::TypeUri));
    assert!(!field(&catalog, "currentValue").required());
    let errors = field(&catalog, "errors");
    let FieldType::Array(items) = errors.ty() else {
        panic!("{:?}", errors.ty())
    };
    let FieldType::Schema(item) = &**items else {
        panic!("{items:?}")
    };
    let item = &catalog.envelope().schemas()[item];
    assert!(item.fields().iter().all(|f| f.required()), "{item:?}");
    // No body has a code member: the status line carries it.
    assert_eq!(catalog.code_in(), CodeIn::Status);
    // `title` is required, but a 409 may leave it out, and its value is fixed per code.
    let index = |name: &str| {
        let fields = catalog.envelope().fields();
        fields.iter().position(|f| f.wire_name() == name).unwrap()
    };
    let by_status = |status: u16| {
        catalog
            .codes()
            .iter()
            .find(|c| c.status() == status)
            .unwrap()
    };
    assert!(!by_status(409).shape().required().contains(&index("title")));
    assert!(by_status(404).shape().required().contains(&index("title")));
    assert!(
        by_status(409)
            .shape()
            .values()
            .contains(&(index("title"), Scalar::String("Conflict".into())))
    );
    // The members only some statuses' bodies carry are those codes' own.
    let own = |status: u16| -> Vec<&str> {
        let fields = catalog.envelope().fields();
        by_status(status)
            .shape()
            .own()
            .iter()
            .map(|&i| fields[i].wire_name())
            .collect()
    };
    assert_eq!(own(409), ["currentValue", "requestedValue"]);
    assert_eq!(own(404), ["instance"]);
    assert_eq!(own(400), ["errors"]);
    assert!(own(500).is_empty());
    assert!(
        !dropped(&import, "`title`"),
        "{}",
        import.dropped.join("\n")
    );
    assert!(!dropped(&import, "`currentValue`"));
    // `type` is bound `from: type_uri`, which a code's own field cannot be.
    assert_dropped(
        &import,
        &["envelope field `type`: only the 404 responses carry it"],
    );
    assert_eq!(field(&catalog, "type").format(), Some("uri"));
    assert!(!dropped(&import, "`format: uri`"));
    assert!(import.catalog.contains("code_type: integer  # inferred: "));
    assert_eq!(assert_examples_validate("astrada.json", &import), 0);
}

#[test]
fn a_closed_nullable_error_schema_is_imported_and_what_it_says_reported() {
    let import = imported("awork.json");
    let catalog = loaded(&import);
    assert_eq!(catalog.envelope().name(), "ErrorResponse");
    assert_eq!(
        codes(&catalog)
            .iter()
            .map(|(code, status, _)| (code.as_str(), *status))
            .collect::<Vec<_>>(),
        [("400", 400), ("401", 401), ("404", 404), ("500", 500)]
    );
    // The spec does not enumerate the codes: the field stays unbound, and says why.
    let code = field(&catalog, "code");
    assert_eq!((code.from(), code.required()), (None, true));
    assert!(
        import
            .catalog
            .contains("# inferred: the spec lists no values of `code`"),
        "{}",
        import.catalog
    );
    assert_eq!(
        field(&catalog, "description").from(),
        Some(Binding::Message)
    );
    assert!(field(&catalog, "link").required());
    assert!(!field(&catalog, "traceId").required());
    assert!(
        catalog
            .envelope()
            .schemas()
            .contains_key("ValidationErrorResponse")
    );
    assert_eq!(
        catalog.statuses().get(&401).map(String::as_str),
        Some(
            "Unauthorized: When the requesting user is lacking the necessary permissions for the request"
        )
    );
    // The body has a `code` member, though the spec lists no values of it.
    assert_eq!(catalog.code_in(), CodeIn::Body);
    // Closed, nullable and `minLength` are all said in the catalog, not dropped.
    assert!(catalog.envelope().closed());
    let validation = &catalog.envelope().schemas()["ValidationErrorResponse"];
    assert!(validation.closed());
    assert!(validation.fields().iter().all(|f| f.nullable()));
    assert_eq!(code.min_length(), Some(1));
    for name in ["traceId", "details", "validationErrors"] {
        assert!(field(&catalog, name).nullable(), "{name}");
    }
    assert!(!field(&catalog, "link").nullable());
    for said in ["may be null", "additionalProperties", "minLength"] {
        assert!(
            !dropped(&import, said),
            "{said}:\n{}",
            import.dropped.join("\n")
        );
    }
    assert_eq!(assert_examples_validate("awork.json", &import), 0);
}

#[test]
fn openapi_3_1_type_lists_consts_and_status_ranges() {
    let import = imported("openapi31.yaml");
    let catalog = loaded(&import);
    assert_eq!(catalog.name(), "shop_service");
    assert_eq!(
        codes(&catalog),
        [
            ("1000".into(), 404, "No order has this id."),
            ("1001".into(), 409, "The order is already shipped."),
            ("1002".into(), 409, "The order is cancelled."),
            ("5000".into(), 500, "Something broke on our side."),
        ]
    );
    assert_eq!(
        catalog.codes()[1].description(),
        Some("The order cannot change.")
    );
    assert!(
        import
            .catalog
            .contains("status: 500  # inferred: the spec's `5XX` response")
    );
    let hint = field(&catalog, "hint");
    assert_eq!((hint.ty(), hint.required()), (&FieldType::String, false));
    assert_eq!(field(&catalog, "retry_after").ty(), &FieldType::Integer);
    assert!(hint.nullable());
    assert!(field(&catalog, "retry_after").nullable());
    assert!(!field(&catalog, "tags").nullable());
    // A `oneOf` with `null`.
    let help = field(&catalog, "help");
    assert!(help.nullable());
    assert_eq!(
        (help.ty(), help.format()),
        (&FieldType::String, Some("uri-reference"))
    );
    assert_dropped(
        &import,
        &[
            "#/components/schemas/ShopError/properties/retry_after: `minimum: 0`",
            "#/components/schemas/ShopError/properties/tags/items: `maxLength: 20`",
        ],
    );
    // The 404 example sends `hint` and `retry_after` as null, which the schema admits.
    assert_eq!(assert_examples_validate("openapi31.yaml", &import), 0);
}

#[test]
fn ref_chains_are_followed_and_recursive_schemas_named() {
    let import = imported("ref_chain.json");
    let catalog = loaded(&import);
    assert_eq!(catalog.envelope().name(), "LedgerError");
    assert_eq!(field(&catalog, "cause").ty(), &FieldType::Envelope);
    assert_eq!(
        field(&catalog, "location").ty(),
        &FieldType::Schema("Location".into())
    );
    assert_eq!(
        catalog
            .codes()
            .iter()
            .map(|c| c.value().clone())
            .collect::<Vec<_>>(),
        ["invalid", "missing", "unbalanced"].map(|c| CodeValue::Str(c.into()))
    );
    // One schema serves both statuses, so each code is sent with both, 400 by default.
    for code in catalog.codes() {
        assert_eq!((code.status(), code.statuses()), (400, &[400, 422][..]));
    }
    assert!(!dropped(&import, "sent with statuses"));
    assert_eq!(assert_examples_validate("ref_chain.json", &import), 0);
}

#[test]
fn all_of_members_are_merged() {
    let import = imported("allof.yaml");
    let catalog = loaded(&import);
    assert_eq!(catalog.envelope().name(), "BaseError");
    assert_eq!(
        catalog.envelope().description(),
        Some("Every billing error.")
    );
    assert_eq!(
        codes(&catalog),
        [
            ("invoice-invalid".into(), 400, "Invalid invoice"),
            ("currency-unknown".into(), 400, "Invalid invoice"),
            ("card-declined".into(), 402, "Payment required"),
        ]
    );
    assert_eq!(field(&catalog, "code").from(), Some(Binding::Code));
    assert_eq!(
        field(&catalog, "code").description(),
        Some("The error code.")
    );
    let violations = field(&catalog, "violations");
    assert_eq!(
        violations.ty(),
        &FieldType::Array(Box::new(FieldType::Schema("Violation".into())))
    );
    assert_dropped(
        &import,
        &["envelope field `violations`: only the 400 responses carry it"],
    );
    assert_eq!(assert_examples_validate("allof.yaml", &import), 0);
}

#[test]
fn a_spec_without_error_responses_is_refused() {
    let error = import::openapi(&spec_text("no_errors.yaml"), &Options::default()).unwrap_err();
    assert!(
        matches!(error, ImportError::NoErrorResponses(_)),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .starts_with("the spec declares no error response (4xx, 5xx or `default`)"),
        "{error}"
    );
    let bodyless = r#"{"openapi": "3.0.0", "info": {"title": "T", "version": "1"},
        "paths": {"/x": {"get": {"responses": {"404": {"description": "Gone"}, "500": {"description": "Broken"}}}}}}"#;
    let error = import::openapi(bodyless, &Options::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the spec's error responses (404, 500) declare no object body, so there is no envelope to build a catalog around"
    );
}

#[test]
fn schemas_that_expand_exponentially_are_cut_off() {
    // Each level refers to the next one twice: 2^40 schemas once expanded.
    let mut schemas = String::new();
    for level in 0..40 {
        schemas.push_str(&format!(
            r##""L{level}": {{"type": "object", "properties": {{"a": {{"$ref": "#/components/schemas/L{next}"}}, "b": {{"$ref": "#/components/schemas/L{next}"}}}}}},"##,
            next = level + 1
        ));
    }
    let spec = format!(
        r##"{{"openapi": "3.0.0", "info": {{"title": "Bomb", "version": "1"}},
        "paths": {{"/x": {{"get": {{"responses": {{"400": {{"description": "Bad",
          "content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/L0"}}}}}}}}}}}}}}}},
        "components": {{"schemas": {{{schemas} "L40": {{"type": "string"}}}}}}}}"##
    );
    let start = std::time::Instant::now();
    let import = import::openapi(&spec, &Options::default()).unwrap();
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    assert_dropped(&import, &["the schemas past the first 200000"]);
    loaded(&import);
}

#[test]
fn what_is_not_a_spec_is_refused() {
    let refused = |text: &str| import::openapi(text, &Options::default()).unwrap_err();
    assert!(matches!(refused("{ nope"), ImportError::Unreadable(_)));
    assert!(matches!(refused("a: [b"), ImportError::Unreadable(_)));
    assert!(
        refused("title: x\n")
            .to_string()
            .contains("neither `openapi` nor `swagger`")
    );
    assert!(
        refused("openapi: 4.0.0\n")
            .to_string()
            .contains("version `4.0.0` is not supported")
    );
    let mut options = Options::default();
    options.name = Some("Shop-API".into());
    let error = import::openapi(&spec_text("allof.yaml"), &options).unwrap_err();
    assert_eq!(
        error.to_string(),
        "`Shop-API` is not a catalog name: use snake_case (lowercase ASCII letters, digits and `_`, starting with a letter), e.g. `shop_api`"
    );
    options.name = Some("invoices".into());
    let catalog = loaded(&import::openapi(&spec_text("allof.yaml"), &options).unwrap());
    assert_eq!(catalog.name(), "invoices");
}

fn errcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .current_dir(workspace())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_command_writes_a_catalog_that_check_accepts() {
    let dir = std::env::temp_dir().join(format!("errcat-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("awork.yaml");
    let output = errcat(&[
        "import",
        "openapi",
        "codegen/tests/fixtures/import/awork.json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(output.stdout.is_empty());
    let stderr = text(&output.stderr);
    // awork's spec says nothing the catalog cannot.
    assert!(!stderr.contains("dropped:"), "{stderr}");
    assert!(
        stderr.ends_with(&format!(
            "{}: 4 code(s), 6 line(s) marked `# inferred:`, 0 construct(s) dropped\n",
            out.display()
        )),
        "{stderr}"
    );
    let golden =
        std::fs::read_to_string(workspace().join("codegen/tests/golden/import/awork.yaml"))
            .unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), golden);
    let check = errcat(&["check", out.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    std::fs::remove_dir_all(&dir).unwrap();

    let output = errcat(&[
        "import",
        "openapi",
        "codegen/tests/fixtures/import/mode.yaml",
        "--name",
        "mode_api",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("\nname: mode_api\n"));
}

#[test]
fn the_command_exits_2_without_error_responses() {
    let output = errcat(&[
        "import",
        "openapi",
        "codegen/tests/fixtures/import/no_errors.yaml",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        text(&output.stderr),
        "codegen/tests/fixtures/import/no_errors.yaml: error: the spec declares no error response (4xx, 5xx or `default`) in any operation, so there is nothing to build a catalog from\n"
    );
    let output = errcat(&[
        "import",
        "openapi",
        "codegen/tests/fixtures/import/nope.json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let output = errcat(&[
        "import",
        "openapi",
        "codegen/tests/fixtures/import/allof.yaml",
        "--name",
        "Billing",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(
        text(&output.stderr).contains("error: `Billing` is not a catalog name"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn the_command_has_help_with_examples() {
    let output = errcat(&["import", "openapi", "--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = text(&output.stdout);
    assert!(
        help.contains("errcat import openapi api/openapi.yaml -o catalog/shop.yaml"),
        "{help}"
    );
    assert!(help.contains("--name <NAME>"), "{help}");
}

/// Imports `spec`, which must give a catalog the loader accepts (the import checks its own
/// output, so an `Err` here is a bug of the import).
fn import_inline(spec: &str) -> (Import, Catalog) {
    let import = import::openapi(spec, &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let catalog = loaded(&import);
    (import, catalog)
}

#[test]
fn awkward_specs_still_give_catalogs_that_load() {
    // Media ranges, a schema named `Self`, an empty enum message, members without Rust
    // names, an object without properties.
    let (import, catalog) = import_inline(
        r##"{"openapi":"3.0.0","info":{"title":"Self","version":"1"},
        "paths":{"/x":{"get":{"responses":{
          "400":{"description":"","content":{"*/*":{"schema":{"type":"object","properties":{"a_b":{"type":"string"}}}}}},
          "404":{"description":"Gone","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Self"}}}}}}}},
        "components":{"schemas":{"Self":{"type":"object","properties":{
          "title":{"type":"string","enum":[""]},"meta":{"type":"object"},"1x":{"type":"string"},
          "a_b":{"type":"string"},"aB":{"type":"string"}}}}}}"##,
    );
    assert_eq!(catalog.name(), "imported");
    assert_eq!(catalog.envelope().media_type(), "application/json");
    assert_eq!(field(&catalog, "meta").ty(), &FieldType::Any);
    assert_eq!(catalog.codes()[1].message(), "Gone");
    assert_dropped(
        &import,
        &[
            "envelope field `1x`: no Rust field name can be made from it; left out",
            "envelope field `aB`: the same Rust name as field `a_b`; left out",
        ],
    );

    // Swagger 2.0 without `produces`, YAML integer status keys, a `default` response giving
    // the only code, an envelope named like a generated type.
    let (import, catalog) = import_inline(
        "swagger: '2.0'\ninfo: { title: Shop, version: '3' }\npaths:\n  /x:\n    get:\n      responses:\n        200: { description: OK }\n        default:\n          description: Anything else\n          schema: { $ref: '#/definitions/ShopCode' }\ndefinitions:\n  ShopCode:\n    type: object\n    properties:\n      code: { type: integer, enum: [7] }\n      grid: { type: array, items: { type: array, items: { type: integer } } }\n      note: { type: string, x-nullable: true }\n",
    );
    assert_eq!(catalog.envelope().name(), "ShopCodeBody");
    assert_eq!(catalog.envelope().media_type(), "application/json");
    assert_eq!(codes(&catalog), [("7".into(), 500, "Anything else")]);
    assert!(
        import
            .catalog
            .contains("status: 500  # inferred: the spec's `default` response")
    );
    assert!(
        import
            .catalog
            .contains("media_type: application/json  # inferred: ")
    );
    assert_eq!(
        field(&catalog, "grid").ty(),
        &FieldType::Array(Box::new(FieldType::Any))
    );
    assert_dropped(
        &import,
        &["envelope field `grid`: an array of arrays; its elements are typed `any`"],
    );
    // Swagger's `x-nullable`.
    assert!(field(&catalog, "note").nullable());

    // A status whose bodies give no value of the code field.
    let (import, catalog) = import_inline(
        "swagger: '2.0'\ninfo: { title: Mode API, version: '1' }\npaths:\n  /x:\n    get:\n      responses:\n        '404':\n          description: Not Found\n          schema: { type: object, properties: { id: { type: string, enum: [not_found] } } }\n        '500':\n          description: Broken\n          schema: { type: object, properties: { id: { type: string } } }\n",
    );
    assert_eq!(codes(&catalog), [("not_found".into(), 404, "Not Found")]);
    assert_eq!(
        catalog.statuses().get(&500).map(String::as_str),
        Some("Broken")
    );
    assert_dropped(
        &import,
        &[
            "some 500 responses give no values of `id`: the codes they send are unknown (add them by hand)",
        ],
    );

    // Two responses disagreeing on a member's type, and two codes whose derived names
    // collide.
    let (import, catalog) = import_inline(
        r##"{"openapi":"3.0.0","info":{"title":"Clash API","version":"1"},
        "paths":{"/x":{"get":{"responses":{
          "400":{"description":"Failed","content":{"application/json":{"schema":{"type":"object","properties":{"data":{"type":"string"}}}}}},
          "500":{"description":"Failed","content":{"application/json":{"schema":{"type":"object","properties":{"data":{"type":"array","items":{"type":"string"}}}}}}}}}}}}"##,
    );
    assert_eq!(catalog.name(), "clash");
    assert_eq!(field(&catalog, "data").ty(), &FieldType::Any);
    assert_dropped(
        &import,
        &[
            "field `data` of the envelope is a string in some responses and an array in the 500 ones; typed `any`",
        ],
    );
    assert_eq!(
        catalog
            .codes()
            .iter()
            .map(|c| c.variant())
            .collect::<Vec<_>>(),
        ["Failed", "Failed2"]
    );
}

#[test]
fn required_ness_that_differs_by_status_becomes_optional_per_code() {
    // `hint` is required with 404 and not with 409, whose two codes may leave it out; `path`
    // only 404 bodies carry, and there is a code per value, not per status, so it stays an
    // optional envelope field, reported.
    let (import, catalog) = import_inline(
        "openapi: 3.0.3\ninfo: { title: Shop, version: '1' }\npaths:\n  /x:\n    get:\n      responses:\n        '404':\n          description: Gone\n          content:\n            application/json:\n              schema:\n                type: object\n                required: [code, hint]\n                properties:\n                  code: { type: string, enum: [gone] }\n                  hint: { type: string }\n                  path: { type: string, format: uuid }\n                  kind: { type: string, enum: [missing] }\n                  1x: { type: string, enum: [one] }\n        '409':\n          description: Locked\n          content:\n            application/json:\n              schema:\n                type: object\n                required: [code]\n                properties:\n                  code: { type: string, enum: [locked, busy] }\n                  hint: { type: string }\n                  kind: { type: string, enum: [conflict, race] }\n",
    );
    assert_eq!(catalog.code_in(), CodeIn::Body);
    let fields = catalog.envelope().fields();
    let hint = fields.iter().position(|f| f.wire_name() == "hint").unwrap();
    let kind = fields.iter().position(|f| f.wire_name() == "kind").unwrap();
    let required: Vec<(String, bool)> = catalog
        .codes()
        .iter()
        .map(|c| (c.value().to_string(), c.shape().required().contains(&hint)))
        .collect();
    assert_eq!(
        required,
        [
            ("gone".into(), true),
            ("locked".into(), false),
            ("busy".into(), false)
        ]
    );
    assert!(
        import.catalog.contains("    optional: [hint]\n"),
        "{}",
        import.catalog
    );
    // `kind` has one value with `gone`, and two with the 409 codes: fixed for `gone` only,
    // and its values still reported.
    let values: Vec<usize> = catalog
        .codes()
        .iter()
        .map(|c| c.shape().values().len())
        .collect();
    assert_eq!(values, [1, 0, 0]);
    assert_eq!(
        catalog.codes()[0].shape().values(),
        [(kind, Scalar::String("missing".into()))]
    );
    assert_dropped(
        &import,
        &[
            "envelope field `path`: only the 404 responses carry it",
            "envelope field `kind`: its `enum`/`const` values",
            "envelope field `path`: `format: uuid` (a field's `format` is one of `uri`, `uri-reference`)",
            // Left out of the envelope, so fixed for no code either.
            "envelope field `1x`: no Rust field name can be made from it; left out",
        ],
    );
    assert!(!dropped(&import, "`hint`"), "{}", import.dropped.join("\n"));
}
