//! Fuzzing the catalog loader and the Rust emitter, on stable Rust.
//!
//! Every case is an input built from a seeded generator: arbitrary bytes, catalogs
//! synthesized from awkward names and texts, and structure-aware mutations (lines deleted,
//! duplicated, re-indented; keys, values and types replaced; blocks duplicated; bytes
//! corrupted) of the valid and invalid catalogs in this repository. Each case must satisfy
//! the properties checked by `support::check`, within a time and memory bound.
//!
//! The suite runs 100,000 cases. A longer run, and the reproduction of one case:
//!
//! ```text
//! ERRCAT_FUZZ_CASES=5000000 cargo test -p errcat-codegen --release --test fuzz
//! ERRCAT_FUZZ_SEED=7 ERRCAT_FUZZ_CASE=1234 cargo test -p errcat-codegen --test fuzz
//! ```
//!
//! Case `i` of seed `s` is the same input on every machine, whatever the thread count.

mod common;
mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use support::Outcome;

const DEFAULT_CASES: u64 = 100_000;
const DEFAULT_SEED: u64 = 0x00e4_4ca7_f022;

/// Generous for inputs of a few kilobytes, which take milliseconds; a hang takes far longer.
const MAX_TIME: Duration = Duration::from_secs(5);
const MAX_HEAP_BYTES: usize = 256 * 1024 * 1024;
/// How long a case may run before the watchdog calls it a hang.
const HANG: Duration = Duration::from_secs(60);

#[test]
fn loader_and_emitter_hold_their_properties_on_generated_input() {
    let seed = env_number("ERRCAT_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let corpus = Corpus::load();
    if let Some(case) = env_number("ERRCAT_FUZZ_CASE") {
        let input = generate(seed, case, &corpus);
        eprintln!("{}", String::from_utf8_lossy(&input));
        if let Err(problem) = check_case(&mut support::Checker::default(), &input) {
            panic!("case {case}: {problem}");
        }
        return;
    }
    let cases = env_number("ERRCAT_FUZZ_CASES").unwrap_or(DEFAULT_CASES);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4)) as u64;
    let failure: Mutex<Option<(u64, String)>> = Mutex::new(None);
    let accepted = Mutex::new(0u64);
    let running: Vec<Mutex<Option<(u64, Instant)>>> =
        (0..workers).map(|_| Mutex::new(None)).collect();
    let finished = AtomicU64::new(0);
    std::thread::scope(|scope| {
        scope.spawn(|| watchdog(seed, &running, &finished, workers));
        for worker in 0..workers {
            let (corpus, failure, accepted) = (&corpus, &failure, &accepted);
            let (running, finished) = (&running[worker as usize], &finished);
            scope.spawn(move || {
                let mut checker = support::Checker::default();
                let mut mine = 0;
                for case in (worker..cases).step_by(workers as usize) {
                    if failure.lock().unwrap().is_some() {
                        break;
                    }
                    let input = generate(seed, case, corpus);
                    *running.lock().unwrap() = Some((case, Instant::now()));
                    let result = check_case(&mut checker, &input);
                    *running.lock().unwrap() = None;
                    match result {
                        Ok(true) => mine += 1,
                        Ok(false) => {}
                        Err(problem) => {
                            let mut first = failure.lock().unwrap();
                            if first.as_ref().is_none_or(|(other, _)| case < *other) {
                                *first = Some((case, problem));
                            }
                        }
                    }
                }
                *accepted.lock().unwrap() += mine;
                finished.fetch_add(1, Ordering::SeqCst);
            });
        }
    });
    if let Some((case, problem)) = failure.into_inner().unwrap() {
        let input = generate(seed, case, &corpus);
        let saved = save_failure(seed, case, &input);
        panic!(
            "case {case} failed: {problem}\ninput saved to {}\nreproduce with: ERRCAT_FUZZ_SEED={seed} ERRCAT_FUZZ_CASE={case} cargo test -p errcat-codegen --test fuzz",
            saved.display()
        );
    }
    let accepted = accepted.into_inner().unwrap();
    eprintln!("{cases} cases, {accepted} accepted, seed {seed}");
    // A generator that only produced rejections would leave the emitter untested.
    assert!(
        accepted * 20 > cases,
        "only {accepted} of {cases} cases were accepted"
    );
}

/// A case that never returns cannot fail its time bound, so it is reported from here, with
/// what reproduces it, and the test process ends.
fn watchdog(
    seed: u64,
    running: &[Mutex<Option<(u64, Instant)>>],
    finished: &AtomicU64,
    workers: u64,
) {
    while finished.load(Ordering::SeqCst) < workers {
        std::thread::sleep(Duration::from_millis(100));
        for slot in running {
            if let Some((case, started)) = *slot.lock().unwrap()
                && started.elapsed() > HANG
            {
                eprintln!(
                    "case {case} has run for {:?}: it hangs\nreproduce with: ERRCAT_FUZZ_SEED={seed} ERRCAT_FUZZ_CASE={case} cargo test -p errcat-codegen --test fuzz",
                    started.elapsed()
                );
                std::process::exit(101);
            }
        }
    }
}

/// Runs one input; `Ok(true)` when it was accepted.
fn check_case(checker: &mut support::Checker, input: &[u8]) -> Result<bool, String> {
    let (outcome, cost) = checker.check(input)?;
    if cost.time > MAX_TIME {
        return Err(format!("took {:?}", cost.time));
    }
    if cost.peak_bytes > MAX_HEAP_BYTES {
        return Err(format!("used {} MiB of heap", cost.peak_bytes >> 20));
    }
    Ok(matches!(outcome, Outcome::Accepted { .. }))
}

/// A sample of accepted generated catalogs, compiled together as a crate under
/// `#![deny(warnings)]`: the emitter's output is valid Rust, and it also type-checks. Their
/// OpenAPI documents validate.
#[test]
fn a_sample_of_accepted_cases_compiles() {
    let corpus = Corpus::load();
    let mut modules = Vec::new();
    let mut documents = Vec::new();
    let mut seen = BTreeSet::new();
    let mut checker = support::Checker::default();
    let mut kinds = [0usize; 2];
    for case in 0.. {
        if kinds.iter().all(|&n| n >= 10) || case > 20_000 {
            break;
        }
        let input = generate(DEFAULT_SEED, case, &corpus);
        let kind = usize::from(!matches!(
            strategy(DEFAULT_SEED, case),
            Strategy::Synthesize
        ));
        if kinds[kind] >= 10 {
            continue;
        }
        if let Ok((
            Outcome::Accepted {
                rust: Some(rust),
                catalog,
            },
            _,
        )) = checker.check(&input)
            && seen.insert(rust.clone())
        {
            kinds[kind] += 1;
            modules.push((case, rust));
            documents.push((case, support::exports(&catalog).unwrap()));
        }
    }
    assert!(modules.len() >= 15, "too few accepted cases to compile");
    validate_openapi(&documents);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("errcat-fuzz-compile");
    let crate_dir = support::scratch_crate(&dir, &modules);
    let cargo = |command: &str, args: &[&str], rustdocflags: &str| {
        Command::new(env!("CARGO"))
            .arg(command)
            .arg("--manifest-path")
            .arg(crate_dir.join("Cargo.toml"))
            .args(args)
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env("RUSTDOCFLAGS", rustdocflags)
            .output()
            .expect("run cargo")
    };
    // Clippy's lints too, where clippy is installed (CI installs it).
    let has_clippy = Command::new(env!("CARGO"))
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|output| output.status.success());
    let check = if has_clippy {
        cargo("clippy", &["--quiet", "--", "-D", "warnings"], "")
    } else {
        cargo("check", &["--quiet"], "")
    };
    assert!(
        check.status.success(),
        "generated Rust does not compile:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Nor may it break the documentation.
    let doc = cargo("doc", &["--no-deps", "--quiet"], "-D warnings");
    assert!(
        doc.status.success(),
        "generated docs have warnings:\n{}",
        String::from_utf8_lossy(&doc.stderr)
    );
    // No catalog text may become a doctest.
    let doc = cargo("test", &["--doc", "--quiet"], "");
    let stdout = String::from_utf8_lossy(&doc.stdout);
    assert!(
        doc.status.success() && stdout.contains("running 0 tests"),
        "catalog text became doctests:\n{stdout}\n{}",
        String::from_utf8_lossy(&doc.stderr)
    );
}

/// Runs `openapi-spec-validator` (which CI installs) over the OpenAPI documents of the
/// sample, in JSON and YAML; without it, says so and checks nothing more, except under CI
/// (`CI` set), where a missing validator fails the test rather than skip the property.
fn validate_openapi(documents: &[(u64, (String, String))]) {
    let available = Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .output()
        .is_ok_and(|output| output.status.success());
    assert!(
        available || std::env::var_os("CI").is_none(),
        "openapi-spec-validator is not installed, and CI must validate the sample's documents"
    );
    if !available {
        eprintln!(
            "openapi-spec-validator is not installed: the sample's OpenAPI documents are not validated"
        );
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("errcat-fuzz-openapi");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for (case, (json, yaml)) in documents {
        for (extension, text) in [("json", json), ("yaml", yaml)] {
            let path = dir.join(format!("case{case}.{extension}"));
            std::fs::write(&path, text).unwrap();
            paths.push(path);
        }
    }
    let output = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .args(&paths)
        .output()
        .expect("run openapi-spec-validator");
    assert!(
        output.status.success(),
        "OpenAPI documents of accepted cases do not validate:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn env_number(name: &str) -> Option<u64> {
    let text = std::env::var(name).ok()?;
    Some(
        text.parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not `{text}`")),
    )
}

fn save_failure(seed: u64, case: u64, input: &[u8]) -> PathBuf {
    let path =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-failure-{seed}-{case}.yaml"));
    std::fs::write(&path, input).expect("save the failing input");
    path
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, case: u64) -> Self {
        let mut rng = Rng(seed ^ case.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// The inputs mutations start from.
struct Corpus {
    /// Small valid catalogs, picked most often: they are fast to check and, mutated a
    /// little, often still valid, which exercises the emitter.
    valid: Vec<Vec<u8>>,
    /// The rejected catalogs of `tests/fixtures/bad` (those of `whole-file` take a walk of
    /// the expansion limit or many lookups, too slow to repeat).
    invalid: Vec<Vec<u8>>,
    /// The bundled catalogs: real-sized and realistic.
    bundled: Vec<Vec<u8>>,
}

impl Corpus {
    fn load() -> Self {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut valid = yaml_files(&here.join("tests/fixtures/seeds"));
        valid.extend(yaml_files(&here.join("../tests/build-dep/catalogs")));
        let invalid = yaml_files(&here.join("tests/fixtures/bad"));
        let bundled = yaml_files(&here.join("../catalog"));
        let corpus = Corpus {
            valid,
            invalid,
            bundled,
        };
        assert!(
            [&corpus.valid, &corpus.invalid, &corpus.bundled]
                .iter()
                .all(|pool| !pool.is_empty()),
            "fuzz corpus not found"
        );
        corpus
    }
}

fn yaml_files(dir: &Path) -> Vec<Vec<u8>> {
    common::yaml_files(dir)
        .iter()
        .map(|path| std::fs::read(path).unwrap())
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strategy {
    Bytes,
    Synthesize,
    MutateValid,
    MutateInvalid,
    MutateBundled,
}

fn strategy(seed: u64, case: u64) -> Strategy {
    match Rng::new(seed, case).below(100) {
        0..10 => Strategy::Bytes,
        10..35 => Strategy::Synthesize,
        35..85 => Strategy::MutateValid,
        85..97 => Strategy::MutateInvalid,
        _ => Strategy::MutateBundled,
    }
}

/// Case `case` of `seed`.
fn generate(seed: u64, case: u64, corpus: &Corpus) -> Vec<u8> {
    let strategy = strategy(seed, case);
    let mut rng = Rng::new(seed, case);
    rng.next();
    let pool = match strategy {
        Strategy::Bytes => return arbitrary_bytes(&mut rng),
        Strategy::Synthesize => return synthesize(&mut rng),
        Strategy::MutateValid => &corpus.valid,
        Strategy::MutateInvalid => &corpus.invalid,
        Strategy::MutateBundled => &corpus.bundled,
    };
    let mut input = pool[rng.below(pool.len())].clone();
    for _ in 0..=rng.below(4) {
        input = mutate(&mut rng, input, corpus);
    }
    input
}

/// YAML's punctuation, whitespace, a BOM and bytes that are not UTF-8, mixed with letters.
fn arbitrary_bytes(rng: &mut Rng) -> Vec<u8> {
    const ALPHABET: &[&[u8]] = &[
        b":",
        b"-",
        b" ",
        b"  ",
        b"\n",
        b"\t",
        b"[",
        b"]",
        b"{",
        b"}",
        b",",
        b"&a",
        b"*a",
        b"!",
        b"|",
        b">",
        b"'",
        b"\"",
        b"#",
        b"%",
        b"?",
        b"\\",
        b"---",
        b"...",
        b"a",
        b"code",
        b"name",
        b"1",
        b"-9",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\xc3",
        b"\0",
        b"\r",
        b"\xe2\x80\xa8",
    ];
    let length = rng.below(64);
    let mut bytes = Vec::new();
    for _ in 0..length {
        if rng.percent(20) {
            bytes.push(rng.next() as u8);
        } else {
            bytes.extend_from_slice(rng.pick(ALPHABET));
        }
    }
    bytes
}

/// Type and variant names that are keywords, or name things of the prelude, std, serde or
/// the generated code itself.
const PASCAL: &[&str] = &[
    "Self",
    "Option",
    "None",
    "Some",
    "Ok",
    "Err",
    "Result",
    "String",
    "Vec",
    "Box",
    "Cow",
    "Default",
    "Debug",
    "Clone",
    "Copy",
    "Fn",
    "Type",
    "Crate",
    "Super",
    "Async",
    "Dyn",
    "Known",
    "Unknown",
    "Visitor",
    "Formatter",
    "Serializer",
    "Error",
    "Code",
    "All",
    "A",
    "NotFound",
];

/// Field and param names that are keywords, std names, or names the generated code uses.
const SNAKE: &[&str] = &[
    "type",
    "self",
    "crate",
    "super",
    "async",
    "await",
    "dyn",
    "gen",
    "try",
    "union",
    "macro_rules",
    "static",
    "main",
    "body",
    "f",
    "code",
    "message",
    "status",
    "detail",
    "serializer",
    "deserializer",
    "option",
    "none",
    "ok",
    "result",
    "string",
    "_x",
    "x_",
    "a__b",
    "r",
];

/// String codes: keywords, prelude names, and slugs that collide after case conversion.
const SLUGS: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "None",
    "ok",
    "Ok",
    "not-found",
    "not_found",
    "NotFound",
    "notFound",
    "a-b-c",
    "x",
    "option",
    "result",
    "string",
    "all",
];

/// Names no conversion makes into an identifier.
const INVALID: &[&str] = &["r#type", "2fa", "é", "NOT FOUND", "", " ", "a b", "-", "_"];

/// Mostly a name from `valid`, sometimes one that cannot be an identifier.
fn name(rng: &mut Rng, valid: &[&'static str]) -> String {
    quote(if rng.percent(5) {
        rng.pick(INVALID)
    } else {
        rng.pick(valid)
    })
}

/// Texts with quotes, escapes, comment markers, braces, line breaks and non-ASCII text.
const TEXTS: &[&str] = &[
    "plain",
    "it's \"quoted\"",
    "back\\slash \\n not a newline",
    "*/ closes a comment /*",
    "{} {{}} {0} {:?}",
    "line one\nline two",
    "trailing newline\n",
    "carriage\rreturn",
    "tab\there",
    "😀 emoji and 漢字 and Ελληνικά",
    "\u{202e}right-to-left override",
    "zero\u{200b}width",
    "nul \0 byte",
    "\u{7f} and \u{1b}[31m",
    "```rust\nfn main() {}\n```",
    "    indented four",
    "# heading",
    "/// doc",
    "//! inner doc",
    "#[attr]",
    "'",
    "\"",
    "",
    " ",
    "~",
    "null",
    "- item",
    "key: value",
    "[link](https://example.com)",
    "- [ref]: https://example.com",
    "-     over-indented item",
    ">     quoted code",
    "~~~\nlet tilde = 1;\n~~~",
    "```should_panic\npanic!()\n```",
    "```\nunclosed fence",
    "$ dollar % percent @ at ` backtick",
];

const INTEGERS: &[i128] = &[
    0,
    1,
    -1,
    99,
    404,
    u32::MAX as i128,
    u32::MAX as i128 + 1,
    i64::MAX as i128,
    i64::MIN as i128,
    i64::MAX as i128 + 1,
    i64::MIN as i128 - 1,
    u64::MAX as i128,
];

/// A YAML double-quoted scalar holding exactly `text`.
fn quote(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() || c == '\u{feff}' => {
                quoted.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A catalog written from scratch, with awkward names and texts in every position, so that
/// many are accepted and reach the emitter.
fn synthesize(rng: &mut Rng) -> Vec<u8> {
    let integer = rng.percent(50);
    let text = |rng: &mut Rng| quote(rng.pick(TEXTS));
    let mut yaml = format!(
        "name: {}\ntitle: {}\nversion: {}\ncode_type: {}\n",
        rng.pick(&["api", "r#type", "self", "option", "x"]),
        text(rng),
        text(rng),
        if integer { "integer" } else { "string" },
    );
    if rng.percent(30) {
        yaml.push_str(&format!("type_name: {}\n", name(rng, PASCAL)));
    }
    if rng.percent(40) {
        yaml.push_str(&format!("docs_url: {}\n", text(rng)));
    }
    let envelope = rng.pick(PASCAL);
    let media_type = if rng.percent(5) {
        text(rng)
    } else {
        quote(rng.pick(&[
            "application/json",
            "application/problem+json",
            "application/vnd.api+json; charset=utf-8",
        ]))
    };
    if integer && rng.percent(10) {
        yaml.push_str("code_in: status\n");
    }
    yaml.push_str(&format!(
        "envelope:\n  name: {}\n  media_type: {media_type}\n  description: {}\n",
        quote(envelope),
        text(rng)
    ));
    if rng.percent(30) {
        yaml.push_str("  closed: true\n");
    }
    yaml.push_str("  fields:\n");
    let code_type = if integer { "integer" } else { "string" };
    let mut fields = vec![format!(
        "    - {{ name: {}, type: {code_type}, from: code, required: true }}\n",
        name(rng, SNAKE)
    )];
    let bindings = [
        ("message", "string"),
        ("detail", "string"),
        ("status", "integer"),
        ("type_uri", "string"),
        ("link", "string"),
    ];
    for (binding, ty) in bindings {
        if rng.percent(50) {
            let constraint = match (ty, rng.below(4)) {
                ("string", 0) => ", min_length: 1",
                ("string", 1) => ", format: uri",
                _ => "",
            };
            fields.push(format!(
                "    - {{ name: {}, type: {ty}, from: {binding}, required: {}, nullable: {}{constraint} }}\n",
                name(rng, SNAKE),
                rng.percent(50),
                rng.percent(20)
            ));
        }
    }
    if rng.percent(30) {
        fields.push(format!(
            "    - {{ name: {}, type: array, items: {} }}\n",
            name(rng, SNAKE),
            quote(envelope)
        ));
    }
    if rng.percent(30) {
        fields.push(format!(
            "    - {{ name: {}, type: any }}\n",
            name(rng, SNAKE)
        ));
    }
    fields.iter().for_each(|field| yaml.push_str(field));
    yaml.push_str("codes:\n");
    for _ in 0..=rng.below(3) {
        let code = if integer {
            rng.pick(INTEGERS).to_string()
        } else {
            name(rng, SLUGS)
        };
        let status = if rng.percent(10) {
            rng.pick(&["99", "600", "-1", "[]", "[404, 404]"])
        } else {
            rng.pick(&["100", "200", "404", "599", "[200, 201]"])
        };
        yaml.push_str(&format!(
            "  - code: {code}\n    message: {}\n    status: {status}\n",
            text(rng)
        ));
        // Integer codes are named after their message unless they have a name.
        if rng.percent(if integer { 90 } else { 40 }) {
            yaml.push_str(&format!("    name: {}\n", name(rng, PASCAL)));
        }
        if rng.percent(30) {
            yaml.push_str(&format!("    description: {}\n", text(rng)));
        }
        if rng.percent(20) {
            yaml.push_str(&format!("    deprecated: {}\n", text(rng)));
        }
        if rng.percent(20) {
            yaml.push_str(&format!("    aliases: [{}]\n", name(rng, PASCAL)));
        }
        if rng.percent(20) {
            yaml.push_str(&format!(
                "    link: {}\n    type: {}\n",
                text(rng),
                text(rng)
            ));
        }
        if rng.percent(30) {
            let param = rng.pick(SNAKE);
            let literal = |rng: &mut Rng| rng.pick(TEXTS).replace('{', "{{").replace('}', "}}");
            let detail = format!("{} {{{param}}} {}", literal(rng), literal(rng));
            yaml.push_str(&format!(
                "    detail: {}\n    params: {{ {}: {} }}\n",
                quote(&detail),
                quote(param),
                rng.pick(&["string", "integer", "boolean"])
            ));
        }
        if rng.percent(15) {
            yaml.push_str("    kind: success\n");
        }
        if rng.percent(15) {
            yaml.push_str(&format!(
                "    fields: [{{ name: {}, type: string, required: {} }}]\n",
                name(rng, SNAKE),
                rng.percent(50)
            ));
        }
    }
    yaml.into_bytes()
}

/// Keys of the format, near misses, and YAML oddities in key position.
const KEYS: &[&str] = &[
    "name",
    "title",
    "description",
    "version",
    "docs_url",
    "default_link",
    "type_name",
    "code_type",
    "groups",
    "statuses",
    "envelope",
    "codes",
    "range",
    "prefix",
    "media_type",
    "fields",
    "schemas",
    "type",
    "items",
    "from",
    "required",
    "code",
    "message",
    "status",
    "kind",
    "detail",
    "params",
    "deprecated",
    "aliases",
    "link",
    "nullable",
    "min_length",
    "format",
    "closed",
    "code_in",
    "optional",
    "values",
    "mesage",
    "Status",
    "codes ",
    "<<",
    "? x",
    "\"code\"",
    "'name'",
    "1",
    "~",
    "",
    "&k code",
    "!!str name",
];

/// Scalars of every type and edge, and YAML constructs in value position.
const VALUES: &[&str] = &[
    "0",
    "-1",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "1e400",
    "0x1F",
    "0o17",
    ".inf",
    ".nan",
    "1_000",
    "+1",
    "1.5",
    "~",
    "null",
    "true",
    "yes",
    "''",
    "\"\"",
    "[]",
    "{}",
    "[a, b]",
    "{a: b}",
    "*a",
    "&a x",
    "!!str 5",
    "!!binary aGk=",
    "!custom x",
    "|\n  block",
    ">-\n  folded",
    "'it''s'",
    "\"q\\\"uote\"",
    "\"back\\\\slash\"",
    "\"*/\"",
    "\"{}\"",
    "\"{x}\"",
    "\"{{x}}\"",
    "\"line\\nbreak\"",
    "\"cr\\rx\"",
    "\"nul\\0x\"",
    "\"\\u202e bidi\"",
    "\"\\xff\"",
    "😀",
    "漢字",
    "type",
    "self",
    "Self",
    "crate",
    "Option",
    "None",
    "Ok",
    "Result",
    "String",
    "r#type",
    "_",
    "a-b",
    "A B",
    "2fa",
    "integer",
    "string",
    "any",
    "array",
    "number",
    "boolean",
    "code",
    "message",
    "detail",
    "link",
    "type_uri",
    "success",
    "error",
    "Problem",
    "TinyError",
    "[[[[[[[[",
    "{{{{{{",
    "'",
    "\"",
    "`",
    "#",
    "@",
    "%",
    "- x",
    ": x",
    "? x",
    "\t",
];

/// Whole lines to insert: entries, anchors and aliases, directives, document markers.
const SNIPPETS: &[&str] = &[
    "  - { code: 9, message: Nine, status: 400 }",
    "  - { code: x-9, message: Nine, status: 400 }",
    "  - { name: extra, type: string }",
    "  - { name: g, title: G, range: [5, 1] }",
    "anchor: &a { code: 1, message: A, status: 400 }",
    "  - *a",
    "  <<: *a",
    "---",
    "...",
    "%YAML 1.2",
    "? complex key",
    ": complex value",
    "# comment [[[[",
    "    params: { id: string, unused: integer }",
    "    detail: \"{id} {missing}\"",
    "    kind: maybe",
    "\u{feff}",
    "\t- tabbed",
    "  - code: 1\n    message: |\n      block\n    status: 200",
];

/// Applies one structure-aware change.
fn mutate(rng: &mut Rng, input: Vec<u8>, corpus: &Corpus) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = input.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let line = rng.below(lines.len());
    match rng.below(15) {
        0 => {
            lines.remove(line);
        }
        1 => lines.insert(line, lines[line].clone()),
        2 => {
            let other = rng.below(lines.len());
            lines.swap(line, other);
        }
        3 => {
            let text = &mut lines[line];
            match rng.below(3) {
                0 => text.splice(0..0, b"  ".iter().copied()).for_each(drop),
                1 => {
                    let spaces = text.iter().take_while(|&&b| b == b' ').count().min(2);
                    text.drain(..spaces);
                }
                _ => text.splice(0..0, [b'\t']).for_each(drop),
            }
        }
        4 => replace_after_colon(&mut lines[line], rng.pick(VALUES).as_bytes()),
        5 => replace_key(&mut lines[line], rng.pick(KEYS).as_bytes()),
        6 => {
            let indent = leading_spaces(&lines[line]);
            let mut snippet = vec![b' '; indent];
            snippet.extend_from_slice(rng.pick(SNIPPETS).trim_start().as_bytes());
            lines.insert(line, snippet);
        }
        7 => duplicate_block(&mut lines, line),
        8 => {
            let donor = &corpus.valid[rng.below(corpus.valid.len())];
            let donor: Vec<&[u8]> = donor.split(|&b| b == b'\n').collect();
            let start = rng.below(donor.len());
            let end = (start + 1 + rng.below(6)).min(donor.len());
            let taken: Vec<Vec<u8>> = donor[start..end].iter().map(|l| l.to_vec()).collect();
            lines.splice(line..line, taken);
        }
        9 => {
            let mut bytes = lines.join(&b'\n');
            bytes.truncate(rng.below(bytes.len() + 1));
            return bytes;
        }
        10 => {
            let mut bytes = lines.join(&b'\n');
            if !bytes.is_empty() {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
            return bytes;
        }
        11 => {
            const BYTES: &[&[u8]] = &[
                b"\xef\xbb\xbf",
                b"\t",
                b"\r",
                b"\r\n",
                b"\xe2\x80\xa8",
                b"\xc2\x85",
                b"\xff\xfe",
                b"\xc3",
                b"\0",
                b"\\",
                b"\"",
                b"'",
                b"#",
                b": ",
                b"- ",
                b"*a",
            ];
            let mut bytes = lines.join(&b'\n');
            let at = rng.below(bytes.len() + 1);
            bytes.splice(at..at, rng.pick(BYTES).iter().copied());
            return bytes;
        }
        12 => {
            let wrap = rng.pick(&[
                ("[", "]"),
                ("{k: ", "}"),
                ("\"", "\""),
                ("'", "'"),
                ("&w ", ""),
                ("!!str ", ""),
                ("|\n      ", ""),
            ]);
            if let Some(value) = value_of(&lines[line]) {
                let wrapped = [wrap.0.as_bytes(), &value, wrap.1.as_bytes()].concat();
                replace_after_colon(&mut lines[line], &wrapped);
            }
        }
        13 => {
            // Deep flow nesting in whatever context this line gives it.
            let depth = 1 + rng.below(300);
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(rng.below(depth + 1)));
            replace_after_colon(&mut lines[line], text.as_bytes());
        }
        _ => {
            // A small alias bomb under a new key; large ones all end at the same limit, after
            // a walk too slow to repeat here (tests/adversarial.rs checks them).
            let levels = rng.below(4);
            let mut bomb = String::from("bomb0: &b0 [x, x, x, x, x, x, x, x]\n");
            for level in 1..=levels {
                let prev = format!("*b{}", level - 1);
                bomb.push_str(&format!(
                    "bomb{level}: &b{level} [{}]\n",
                    [prev.as_str(); 8].join(", ")
                ));
            }
            lines.insert(line, bomb.into_bytes());
        }
    }
    lines.join(&b'\n')
}

fn leading_spaces(line: &[u8]) -> usize {
    line.iter().take_while(|&&b| b == b' ').count()
}

/// The value of a `key: value` line.
fn value_of(line: &[u8]) -> Option<Vec<u8>> {
    let colon = line.windows(2).position(|w| w == b": ")?;
    Some(line[colon + 2..].to_vec())
}

fn replace_after_colon(line: &mut Vec<u8>, value: &[u8]) {
    if let Some(colon) = line.windows(2).position(|w| w == b": ") {
        line.truncate(colon + 2);
        line.extend_from_slice(value);
    }
}

fn replace_key(line: &mut Vec<u8>, key: &[u8]) {
    let start = line
        .iter()
        .position(|&b| b != b' ' && b != b'-')
        .unwrap_or(0);
    if let Some(colon) = line[start..].iter().position(|&b| b == b':') {
        line.splice(start..start + colon, key.iter().copied());
    }
}

/// Repeats the list entry that holds `line`: the `- ` line and those indented under it.
fn duplicate_block(lines: &mut Vec<Vec<u8>>, line: usize) {
    let Some(start) = (0..=line)
        .rev()
        .find(|&i| lines[i][leading_spaces(&lines[i])..].starts_with(b"- "))
    else {
        return;
    };
    let indent = leading_spaces(&lines[start]);
    let end = (start + 1..lines.len())
        .find(|&i| leading_spaces(&lines[i]) <= indent && !lines[i].is_empty())
        .unwrap_or(lines.len());
    let block: Vec<Vec<u8>> = lines[start..end].to_vec();
    lines.splice(end..end, block);
}
