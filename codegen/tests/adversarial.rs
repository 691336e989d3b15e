//! Hostile catalogs: every one is rejected with located diagnostics (or file-level ones where
//! the problem is the whole file), in bounded time and memory.
//!
//! The rejected fixtures are `tests/fixtures/bad/<case>.yaml` (checked by tests/diagnostics.rs)
//! and `tests/fixtures/whole-file/<case>.yaml`, each with what errcat reports for it in
//! `<case>.stderr` (`ERRCAT_BLESS=1` rewrites them). Inputs too large to keep as files (alias
//! bombs, deep nesting, files past the size limit, catalogs at the count limits) are built
//! here.

mod common;
mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use errcat_codegen::{Error, Limits};
use support::{Checker, Cost, Outcome};

/// Far above what any of these takes in a debug build; a hang takes far longer.
const MAX_TIME: Duration = Duration::from_secs(30);
const MAX_HEAP_BYTES: usize = 512 * 1024 * 1024;
/// The same for catalogs at the size limits (100,000 codes, 20 MB), which a debug build
/// takes its time over; a release build loads them in a few seconds.
const MAX_TIME_LARGEST: Duration = Duration::from_secs(120);
const MAX_HEAP_BYTES_LARGEST: usize = 4 * 1024 * 1024 * 1024;

/// Problems with the file as a whole (it is empty, its aliases expand too far) have no
/// position; every other problem does. `tests/fixtures/bad`, whose every problem has one, is
/// checked by tests/diagnostics.rs.
#[test]
fn whole_file_problems_are_reported_for_the_file() {
    let mut drift = Vec::new();
    for case in common::yaml_files(Path::new("tests/fixtures/whole-file")) {
        let diagnostics = match errcat_codegen::load(&case) {
            Err(Error::Invalid(diagnostics)) => diagnostics,
            Ok(_) => panic!("{} was accepted", case.display()),
            Err(other) => panic!("{}: {other}", case.display()),
        };
        let bytes = std::fs::read(&case).unwrap();
        let label = case.display().to_string();
        if let Err(problem) = support::check_diagnostics(&label, &bytes, &diagnostics) {
            panic!("{label}: {problem}");
        }
        assert!(
            diagnostics.iter().any(|d| d.line == 0),
            "{label}: every problem has a position; move it to tests/fixtures/bad"
        );
        drift.extend(common::check_snapshot(
            &case.with_extension("stderr"),
            &format!("{diagnostics}\n"),
        ));
    }
    common::assert_no_drift(drift);
}

/// Runs `input` and returns its diagnostics, checking that it was rejected in bounded time
/// and memory.
fn rejected(input: &[u8]) -> errcat_codegen::Diagnostics {
    match bounded(input) {
        Outcome::Rejected(diagnostics) => diagnostics,
        Outcome::Accepted { .. } => panic!("accepted"),
    }
}

fn bounded(input: &[u8]) -> Outcome {
    bounded_by(input, MAX_TIME, MAX_HEAP_BYTES)
}

/// [`bounded`], for a catalog at the size limits.
fn bounded_largest(input: &[u8]) -> Outcome {
    bounded_by(input, MAX_TIME_LARGEST, MAX_HEAP_BYTES_LARGEST)
}

fn bounded_by(input: &[u8], max_time: Duration, max_heap_bytes: usize) -> Outcome {
    let (outcome, Cost { time, peak_bytes }) = Checker::default()
        .check(input)
        .unwrap_or_else(|problem| panic!("{problem}"));
    assert!(time < max_time, "took {time:?}");
    assert!(peak_bytes < max_heap_bytes, "used {} MiB", peak_bytes >> 20);
    outcome
}

fn first_message(diagnostics: &errcat_codegen::Diagnostics) -> &str {
    &diagnostics[0].message
}

/// A valid catalog whose codes are `codes` (YAML list entries) and envelope has `fields`.
fn catalog(extra: &str, codes: &str) -> String {
    format!(
        "name: big\ntitle: Big\nversion: '1'\ncode_type: integer\n{extra}envelope:\n  name: BigError\n  media_type: application/json\n  fields:\n    - {{ name: code, type: integer, from: code, required: true }}\ncodes:\n{codes}"
    )
}

#[test]
fn alias_bombs_stop_at_the_expansion_limits() {
    let level = |i: usize, item: &str, width: usize| -> String {
        format!("a{i}: &a{i} [{}]\n", vec![item; width].join(", "))
    };
    // Billion laughs: ten levels of ten.
    let mut laughs = level(0, "lol", 10);
    (1..10).for_each(|i| laughs.push_str(&level(i, &format!("*a{}", i - 1), 10)));
    // The same with mappings.
    let mut maps = String::from("m0: &m0 {a: x, b: x, c: x, d: x}\n");
    for i in 1..12 {
        maps.push_str(&format!(
            "m{i}: &m{i} {{a: *m{p}, b: *m{p}, c: *m{p}, d: *m{p}}}\n",
            p = i - 1
        ));
    }
    // Few aliases of one large node.
    let wide = format!(
        "{}b: [{}]\n",
        level(0, "x", 50_000),
        vec!["*a0"; 100].join(", ")
    );
    // A long string repeated.
    let text = format!(
        "s: &s \"{}\"\nl: [{}]\n",
        "x".repeat(60_000),
        vec!["*s"; 1_200].join(", ")
    );
    // Merge keys.
    let mut merges = String::from("k0: &k0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n");
    for i in 1..12 {
        merges.push_str(&format!(
            "k{i}: &k{i} {{x: [*k{p}, *k{p}, *k{p}, *k{p}, *k{p}, *k{p}, *k{p}, *k{p}], <<: *k{p}}}\n",
            p = i - 1
        ));
    }
    for bomb in [laughs, maps, wide, text, merges] {
        let diagnostics = rejected(bomb.as_bytes());
        let message = first_message(&diagnostics);
        assert!(message.contains("once aliases are expanded"), "{message}");
    }
}

#[test]
fn deep_nesting_stops_at_the_depth_limit() {
    let flow = |open: &str| {
        format!(
            "name: deep\ntitle: {}\n",
            open.repeat(1_000_000 / open.len())
        )
    };
    for input in [flow("["), flow("{a: "), flow("[{"), flow("- [")] {
        assert!(input.len() <= Limits::DEFAULT.file_bytes);
        let diagnostics = rejected(input.as_bytes());
        assert_eq!(
            first_message(&diagnostics),
            "flow collections (`[`, `{`) nest deeper than 32 levels here"
        );
        assert_eq!(diagnostics[0].line, 2);
    }
    // Block nesting, as deep as indentation fits in the size limit.
    let mut block = String::new();
    let mut level = 0;
    while block.len() + level + 3 < Limits::DEFAULT.file_bytes {
        block.push_str(&format!("{}k:\n", " ".repeat(level)));
        level += 1;
    }
    let diagnostics = rejected(block.as_bytes());
    assert_eq!(
        first_message(&diagnostics),
        "the catalog nests deeper than 32 levels here"
    );
}

#[test]
fn brackets_in_text_are_not_nesting() {
    let brackets = "[{".repeat(20_000);
    let extra = format!("description: |\n  {brackets}\n# {brackets}\ndocs_url: \"{brackets}\"\n");
    let input = catalog(
        &extra,
        "  - { code: 1, name: Open, message: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[', status: 400 }\n",
    );
    match bounded(input.as_bytes()) {
        Outcome::Accepted { catalog, .. } => {
            assert_eq!(
                catalog.description(),
                Some(format!("{brackets}\n").as_str())
            );
        }
        Outcome::Rejected(diagnostics) => panic!("{diagnostics}"),
    }
}

#[test]
fn files_past_the_size_limit_are_not_read_whole() {
    let diagnostics = rejected(&vec![b'#'; 2 * Limits::DEFAULT.file_bytes]);
    assert_eq!(diagnostics[0].line, 0, "a file-level problem");
    assert!(first_message(&diagnostics).starts_with("the catalog is larger than 32 MiB"));

    // A sparse file of 64 MiB: reading it whole would show in the heap.
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("errcat-huge.yaml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(64 * 1024 * 1024).unwrap();
    let (result, peak) = support::measure_heap(|| errcat_codegen::load(&path));
    std::fs::remove_file(&path).unwrap();
    let Err(Error::Invalid(diagnostics)) = result else {
        panic!("a 64 MiB file was not rejected");
    };
    assert!(first_message(&diagnostics).starts_with("the catalog is larger than 32 MiB"));
    assert!(
        peak < 4 * Limits::DEFAULT.file_bytes,
        "read {} MiB",
        peak >> 20
    );

    // A file that never ends.
    #[cfg(unix)]
    {
        let (result, peak) = support::measure_heap(|| errcat_codegen::load("/dev/zero"));
        assert!(matches!(result, Err(Error::Invalid(_))));
        assert!(
            peak < 4 * Limits::DEFAULT.file_bytes,
            "read {} MiB",
            peak >> 20
        );
    }
}

#[test]
fn strings_past_the_length_limit_are_rejected_where_they_are() {
    let message = "m".repeat(Limits::DEFAULT.string_bytes + 1);
    let input = catalog(
        "",
        &format!("  - {{ code: 1, message: {message}, status: 400 }}\n"),
    );
    let diagnostics = rejected(input.as_bytes());
    assert_eq!((diagnostics[0].line, diagnostics[0].column), (11, 25));
    assert_eq!(
        first_message(&diagnostics),
        "this string is 65537 bytes long, more than the 64 KiB allowed"
    );
}

fn codes(count: usize) -> String {
    (0..count)
        .map(|i| format!("  - {{ code: {i}, message: Code {i}, status: 400 }}\n"))
        .collect()
}

#[test]
fn the_largest_catalog_allowed_is_generated() {
    match bounded_largest(catalog("", &codes(Limits::DEFAULT.codes)).as_bytes()) {
        Outcome::Accepted { catalog, rust } => {
            assert_eq!(catalog.codes().len(), Limits::DEFAULT.codes);
            assert!(rust.unwrap().contains("Code9999"));
        }
        Outcome::Rejected(diagnostics) => panic!("{diagnostics}"),
    }
}

/// 100,000 codes in 20 MB, written with only `name` and `codes`: honest size, which the
/// default limits take whole.
#[test]
fn a_catalog_of_100k_codes_in_20_mb_loads_with_the_defaults() {
    let mut input = String::from("name: large\ncodes:\n");
    for i in 0..100_000 {
        input += &format!(
            "  - code: {i}\n    message: Code {i} is not what was expected\n    status: 400\n    \
             description: Returned when the request names code {i}, which the server did not expect \
             here; retry with another code or read the documentation of the endpoint.\n"
        );
    }
    assert!(input.len() > 20_000_000, "{} bytes", input.len());
    match bounded_largest(input.as_bytes()) {
        Outcome::Accepted { catalog, rust } => {
            assert_eq!(catalog.codes().len(), 100_000);
            assert_eq!(catalog.envelope().name(), "LargeError");
            assert!(rust.unwrap().contains("Code99999IsNotWhatWasExpected"));
        }
        Outcome::Rejected(diagnostics) => panic!("{diagnostics}"),
    }
}

#[test]
fn counts_past_their_limits_are_rejected_where_they_pass_them() {
    let diagnostics =
        match bounded_largest(catalog("", &codes(Limits::DEFAULT.codes + 1)).as_bytes()) {
            Outcome::Rejected(diagnostics) => diagnostics,
            Outcome::Accepted { .. } => panic!("accepted"),
        };
    assert_eq!(
        first_message(&diagnostics),
        "the catalog has 100001 codes, more than the 100000 allowed"
    );
    assert_eq!(diagnostics[0].line, 11 + Limits::DEFAULT.codes);

    let groups: String = (0..=Limits::DEFAULT.groups)
        .map(|i| format!("  - {{ name: g{i}, title: G, range: [{i}, {i}] }}\n"))
        .collect();
    let diagnostics = rejected(catalog(&format!("groups:\n{groups}"), &codes(1)).as_bytes());
    assert_eq!(
        first_message(&diagnostics),
        "the catalog has 10001 groups, more than the 10000 allowed"
    );

    let aliases: Vec<String> = (0..=Limits::DEFAULT.aliases)
        .map(|i| format!("A{i}"))
        .collect();
    let input = catalog(
        "",
        &format!(
            "  - {{ code: 1, message: One, status: 400, aliases: [{}] }}\n",
            aliases.join(", ")
        ),
    );
    let diagnostics = rejected(input.as_bytes());
    assert_eq!(
        first_message(&diagnostics),
        "the catalog has 100001 aliases, more than the 100000 allowed"
    );

    let schemas: String = (0..=Limits::DEFAULT.schemas)
        .map(|i| format!("    S{i}: []\n"))
        .collect();
    let input =
        catalog("", &codes(1)).replace("codes:\n", &format!("  schemas:\n{schemas}codes:\n"));
    let diagnostics = rejected(input.as_bytes());
    assert_eq!(
        first_message(&diagnostics),
        "the catalog has 257 schemas, more than the 256 allowed"
    );
    assert!(diagnostics[0].line > 0);

    let fields: String = (0..Limits::DEFAULT.fields)
        .map(|i| format!("    - {{ name: f{i}, type: string }}\n"))
        .collect();
    let input = catalog("", &codes(1)).replace("codes:\n", &format!("{fields}codes:\n"));
    let diagnostics = rejected(input.as_bytes());
    assert_eq!(
        first_message(&diagnostics),
        "the catalog has 1001 fields in the envelope and its schemas, more than the 1000 allowed"
    );
}

/// Parses `input` within `limits`; its diagnostics, checked to be located (or about the whole
/// file).
fn rejected_within(input: &str, limits: &Limits) -> errcat_codegen::Diagnostics {
    match errcat_codegen::Loader::new()
        .limits(*limits)
        .parse_bytes(support::LABEL, input.as_bytes())
    {
        Ok(_) => panic!("accepted within {limits:?}"),
        Err(diagnostics) => {
            support::check_diagnostics(support::LABEL, input.as_bytes(), &diagnostics)
                .unwrap_or_else(|problem| panic!("{problem}"));
            diagnostics
        }
    }
}

#[test]
fn raised_limits_accept_catalogs_past_the_defaults() {
    // 100,001 codes and 33 MiB of comments: past the default count and file size.
    let count = Limits::DEFAULT.codes + 1;
    let comments = format!("# {}\n", "c".repeat(1021)).repeat(33 * 1024);
    let input = catalog("", &codes(count)) + &comments;
    assert!(input.len() > Limits::DEFAULT.file_bytes);
    let diagnostics = rejected(input.as_bytes());
    assert!(first_message(&diagnostics).starts_with("the catalog is larger than 32 MiB"));

    let mut raised = Limits::default().with_file_bytes(2 * Limits::DEFAULT.file_bytes);
    let diagnostics = rejected_within(&input, &raised);
    assert_eq!(
        first_message(&diagnostics),
        "the catalog has 100001 codes, more than the 100000 allowed"
    );
    raised.codes = count;
    let catalog = errcat_codegen::Loader::new()
        .limits(raised)
        .parse(support::LABEL, &input)
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    assert_eq!(catalog.codes().len(), count);

    // `load_with` reads past the default size too.
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("errcat-raised.yaml");
    std::fs::write(&path, &input).unwrap();
    let loaded = errcat_codegen::Loader::new().limits(raised).load(&path);
    let by_default = errcat_codegen::load(&path);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(loaded.unwrap().codes().len(), count);
    assert!(matches!(by_default, Err(Error::Invalid(_))));
}

#[test]
fn lowered_limits_reject_with_located_diagnostics_naming_them() {
    let lowered = |set: fn(&mut Limits)| {
        let mut limits = Limits::default();
        set(&mut limits);
        limits
    };
    let six = catalog("", &codes(6));

    let diagnostics = rejected_within(&six, &lowered(|l| l.codes = 5));
    assert_eq!(
        first_message(&diagnostics),
        "the catalog has 6 codes, more than the 5 allowed"
    );
    assert_eq!(diagnostics[0].line, 11 + 5, "the first code past the limit");

    let diagnostics = rejected_within(&six, &lowered(|l| l.file_bytes = 100));
    assert_eq!(
        first_message(&diagnostics),
        format!(
            "the catalog is larger than 100 bytes ({} bytes or more)",
            six.len()
        )
    );

    let diagnostics = rejected_within(&six, &lowered(|l| l.nodes = 40));
    assert_eq!(
        first_message(&diagnostics),
        "the catalog holds more than 40 YAML nodes once aliases are expanded"
    );
    assert!(diagnostics[0].line > 0);

    let diagnostics = rejected_within(&six, &lowered(|l| l.text_bytes = 200));
    assert_eq!(
        first_message(&diagnostics),
        "the catalog holds more than 200 bytes of text once aliases are expanded"
    );

    let diagnostics = rejected_within(&six, &lowered(|l| l.string_bytes = 10));
    assert_eq!(
        first_message(&diagnostics),
        "this string is 16 bytes long, more than the 10 bytes allowed"
    );
    assert_eq!(
        diagnostics[0].line, 7,
        "`application/json`, the first longer string"
    );

    let diagnostics = rejected_within(&six, &lowered(|l| l.depth = 3));
    assert_eq!(
        first_message(&diagnostics),
        "the catalog nests deeper than 3 levels here"
    );
    assert_eq!(diagnostics[0].line, 9, "the envelope's first field");

    let diagnostics = rejected_within(&six, &lowered(|l| l.fields = 0));
    assert_eq!(
        first_message(&diagnostics),
        "the catalog has 1 fields in the envelope and its schemas, more than the 0 allowed"
    );
    assert_eq!(diagnostics[0].line, 9, "the envelope's fields");

    let groups = "groups:\n  - { name: a, title: A, range: [0, 2] }\n  - { name: b, title: B, range: [3, 5] }\n";
    let diagnostics = rejected_within(&catalog(groups, &codes(6)), &lowered(|l| l.groups = 1));
    assert_eq!(
        first_message(&diagnostics),
        "the catalog has 2 groups, more than the 1 allowed"
    );
    assert_eq!(diagnostics[0].line, 7, "the second group");
}

#[test]
fn thousands_of_problems_are_reported_quickly() {
    let bad: String = (0..15_000)
        .map(|i| format!("  - {{ code: {i}, message: M, status: x{i} }}\n"))
        .collect();
    let diagnostics = rejected(catalog("", &bad).as_bytes());
    assert_eq!(
        diagnostics.len(),
        errcat_codegen::Diagnostics::MAX_PER_FILE + 1
    );
    assert_eq!(
        diagnostics.iter().last().unwrap().message,
        format!(
            "{} more problems, not shown",
            15_000 - errcat_codegen::Diagnostics::MAX_PER_FILE
        )
    );
    assert!(diagnostics.to_string().ends_with("\n15000 problems found"));

    // Unknown types with long names, each compared with every schema for a suggestion.
    let long = "Q".repeat(60);
    let schemas: String = (0..250).map(|i| format!("    {long}{i}: []\n")).collect();
    let fields: String = (0..900)
        .map(|i| format!("    - {{ name: f{i}, type: {long} }}\n"))
        .collect();
    let input = catalog("", &codes(1)).replace(
        "codes:\n",
        &format!("{fields}  schemas:\n{schemas}codes:\n"),
    );
    rejected(input.as_bytes());
}

/// Locales multiply the texts the model holds (one per code and locale): too many declared
/// locales, or too many for the codes, are refused once, at `locales.declared`, before any
/// translation is resolved.
#[test]
fn too_many_locales_are_refused_before_their_texts_are_resolved() {
    let tags: Vec<String> = (b'A'..=b'Z')
        .flat_map(|a| (b'A'..=b'Z').map(move |b| format!("en-{}{}", a as char, b as char)))
        .take(300)
        .collect();
    let text = format!(
        "name: many\nlocales:\n  default: en\n  declared: [{}]\ncodes:\n  - {{ code: 1, message: One, status: 400 }}\n",
        tags.join(", ")
    );
    let error = errcat_codegen::parse("many.yaml", &text)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("300 locales for 1 codes are more than errcat checks"),
        "{error}"
    );
    assert_eq!(error.matches("error:").count(), 1, "{error}");
    // 250 locales of 10,000 codes: 2,500,000 texts, past the bound.
    let mut text = format!(
        "name: wide\nlocales:\n  default: en\n  declared: [{}]\ncodes:\n",
        tags[..250].join(", ")
    );
    for code in 0..10_000 {
        text.push_str(&format!(
            "  - {{ code: {code}, message: C{code}, status: 400 }}\n"
        ));
    }
    let error = errcat_codegen::parse("wide.yaml", &text)
        .unwrap_err()
        .to_string();
    assert!(error.contains("250 locales for 10000 codes"), "{error}");
    assert_eq!(error.matches("error:").count(), 1, "{error}");
}
