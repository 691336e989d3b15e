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
//! ERRCAT_FUZZ_CASES=5000000 ERRCAT_FUZZ_SEED=7 cargo test -p errcat-codegen --release --test fuzz
//! ERRCAT_FUZZ_SEED=7 ERRCAT_FUZZ_CASE=1234 cargo test -p errcat-codegen --release --test fuzz
//! ```
//!
//! Case `i` of seed `s` is the same input on every machine, whatever the thread count. CI
//! runs a longer fuzz with a seed taken from the commit; each case it failed on, and each
//! exported string shape that once broke a YAML reader, is kept in `tests/fixtures/regressions`.
//!
//! With `ERRCAT_FUZZ_SAMPLE=DIR`, the OpenAPI documents of a sample of accepted cases (and of
//! the regressions and string shapes below) are written to `DIR` as `NAME.json` and
//! `NAME.yaml`, for the YAML readers of other languages to compare (`tests/yaml-parsers`).

mod common;
mod support;

use std::collections::{BTreeSet, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
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
    let cases = env_number("ERRCAT_FUZZ_CASES").unwrap_or(DEFAULT_CASES);
    let sample = Sample::from_env(cases);
    if let Some(case) = env_number("ERRCAT_FUZZ_CASE") {
        let input = generate(seed, case, &corpus);
        eprintln!("{}", String::from_utf8_lossy(&input));
        let mut checker = support::Checker::default();
        if let Err(problem) = check_case(&mut checker, &input) {
            panic!("case {case}: {problem}");
        }
        if let (Some(sample), Some((json, yaml))) = (&sample, &checker.exports) {
            sample.write(&format!("case{case}"), json, yaml);
        }
        return;
    }
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4)) as u64;
    let failure: Mutex<Option<(u64, String)>> = Mutex::new(None);
    let accepted = Mutex::new(0u64);
    let running: Vec<Mutex<Option<(u64, Instant)>>> =
        (0..workers).map(|_| Mutex::new(None)).collect();
    let finished = AtomicU64::new(0);
    std::thread::scope(|scope| {
        scope.spawn(|| watchdog(seed, &running, &finished, workers));
        for worker in 0..workers {
            let (corpus, failure, accepted, sample) = (&corpus, &failure, &accepted, &sample);
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
                        Ok(true) => {
                            mine += 1;
                            if let (Some(sample), Some((json, yaml))) = (sample, &checker.exports) {
                                sample.offer(case, json, yaml);
                            }
                        }
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
            "case {case} failed: {problem}\ninput saved to {}\nreproduce with: {}\nthe whole run: ERRCAT_FUZZ_CASES={cases} ERRCAT_FUZZ_SEED={seed} cargo test -p errcat-codegen --release --test fuzz",
            saved.display(),
            reproduce(seed, case),
        );
    }
    let accepted = accepted.into_inner().unwrap();
    eprintln!("{cases} cases, {accepted} accepted, seed {seed}");
    if let Some(sample) = &sample {
        eprintln!(
            "{} accepted cases written to {}",
            sample.written.load(Ordering::SeqCst).min(MAX_SAMPLE),
            sample.dir.display()
        );
    }
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
                    "case {case} has run for {:?}: it hangs\nreproduce with: {}",
                    started.elapsed(),
                    reproduce(seed, case),
                );
                std::process::exit(101);
            }
        }
    }
}

/// The command that runs case `case` of seed `seed` alone.
fn reproduce(seed: u64, case: u64) -> String {
    format!(
        "ERRCAT_FUZZ_SEED={seed} ERRCAT_FUZZ_CASE={case} cargo test -p errcat-codegen --release --test fuzz"
    )
}

/// The most accepted cases a run writes to `ERRCAT_FUZZ_SAMPLE`: enough to reach every
/// line shape a run produces, few enough for a YAML reader written in Python.
const MAX_SAMPLE: u64 = 2_000;

/// The folder of `ERRCAT_FUZZ_SAMPLE`, where accepted cases' OpenAPI documents are written.
/// A case is written when its YAML has a line of a shape (see [`line_shape`]) that no case
/// written before had, since the exported text that breaks a reader is in an unusual line,
/// or when it is one of every `every` cases, so that the sample is not only odd lines.
struct Sample {
    dir: PathBuf,
    every: u64,
    shapes: Mutex<HashSet<u64>>,
    written: AtomicU64,
}

impl Sample {
    fn from_env(cases: u64) -> Option<Self> {
        let dir = PathBuf::from(std::env::var_os("ERRCAT_FUZZ_SAMPLE")?);
        Some(Sample::new(dir, cases))
    }

    /// A sample of a run of `cases` cases, written to `dir`.
    fn new(dir: PathBuf, cases: u64) -> Self {
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|error| panic!("cannot create {}: {error}", dir.display()));
        Sample {
            dir,
            every: (cases / (MAX_SAMPLE / 4)).max(1),
            shapes: Mutex::new(HashSet::new()),
            written: AtomicU64::new(0),
        }
    }

    /// Writes the documents of accepted case `case` if it belongs to the sample.
    fn offer(&self, case: u64, json: &str, yaml: &str) {
        if self.written.load(Ordering::SeqCst) >= MAX_SAMPLE {
            return;
        }
        let mine: Vec<u64> = yaml.lines().map(line_shape).collect();
        let new_shape = {
            let mut shapes = self.shapes.lock().unwrap();
            let known = shapes.len();
            shapes.extend(mine);
            shapes.len() > known
        };
        if (new_shape || case % self.every == 0)
            && self.written.fetch_add(1, Ordering::SeqCst) < MAX_SAMPLE
        {
            self.write(&format!("case{case}"), json, yaml);
        }
    }

    fn write(&self, name: &str, json: &str, yaml: &str) {
        for (extension, text) in [("json", json), ("yaml", yaml)] {
            let path = self.dir.join(format!("{name}.{extension}"));
            std::fs::write(&path, text)
                .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
        }
    }
}

/// What a line of exported YAML looks like to a reader, less its words (as a hash): its
/// indentation's parity, the kinds of the first character of its key, of the first three and
/// last two of its value (all of it after the indentation when it has no `key: `), and the
/// escapes it uses. Letters and digits are one kind, and so is every character past ASCII
/// other than the few that YAML treats as breaks or spaces.
fn line_shape(line: &str) -> u64 {
    let kind = |c: char| match c {
        c if c.is_ascii_alphanumeric() || c == '_' => 'a',
        '\u{85}' | '\u{a0}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{3000}' => c,
        c if !c.is_ascii() => 'u',
        c => c,
    };
    let content = line.trim_start_matches(' ');
    let (key, value) = content.split_once(": ").unwrap_or(("", content));
    let mut hasher = DefaultHasher::new();
    ((line.len() - content.len()) % 2).hash(&mut hasher);
    key.chars().next().map(kind).hash(&mut hasher);
    for c in value
        .chars()
        .take(3)
        .chain(['|'])
        .chain(value.chars().rev().take(2))
    {
        kind(c).hash(&mut hasher);
    }
    let mut escapes = 0u128;
    for after in value.split('\\').skip(1) {
        if let Some(c) = after.chars().next().filter(char::is_ascii) {
            escapes |= 1 << u32::from(c);
        }
    }
    escapes.hash(&mut hasher);
    hasher.finish()
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

/// The catalogs of `tests/fixtures/regressions`, each a case that once failed (a fuzz case,
/// or a string that a YAML reader read otherwise), are accepted and hold every property.
#[test]
fn regressions_hold_their_properties() {
    check_regressions(Sample::from_env(0).as_ref());
}

/// Checks each regression, writing its documents to `sample`.
fn check_regressions(sample: Option<&Sample>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions");
    let paths = common::yaml_files(&dir);
    assert!(!paths.is_empty(), "no regressions in {}", dir.display());
    for path in paths {
        let input = std::fs::read(&path).unwrap();
        let mut checker = support::Checker::default();
        match check_case(&mut checker, &input) {
            Ok(true) => {}
            Ok(false) => panic!("{}: rejected", path.display()),
            Err(problem) => panic!("{}: {problem}", path.display()),
        }
        if let (Some(sample), Some((json, yaml))) = (sample, &checker.exports) {
            let name = path.file_stem().unwrap().to_string_lossy();
            sample.write(&format!("regression-{name}"), json, yaml);
        }
    }
}

/// Pieces of text that YAML readers treat specially somewhere: blanks and line breaks of
/// every kind, indicators, document markers, comment signs, control characters, a byte
/// order mark, and words that are no strings to one reader or another.
const SHAPE_PIECES: &[&str] = &[
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{a0}",
    "\u{3000}",
    "#",
    "# ",
    " #",
    "-",
    "- ",
    "---",
    "...",
    ":",
    ": ",
    "?",
    "? ",
    "|",
    ">",
    "|-",
    "'",
    "\"",
    "\\",
    "%",
    "@",
    "`",
    "!",
    "&a",
    "*a",
    "{",
    "}",
    "[",
    "]",
    ",",
    "\0",
    "\u{7}",
    "\u{1b}",
    "\u{7f}",
    "\u{80}",
    "\u{9f}",
    "é",
    "😀",
    "\u{fffd}",
    "\u{fffe}",
    "word",
    "Word",
    "a",
    "yes",
    "no",
    "on",
    "null",
    "~",
    "1",
    "0x1",
    "1e3",
    "2001-01-01",
    "=",
    "<<",
    ".inf",
];

/// Strings made of [`SHAPE_PIECES`], in the descriptions, messages and deprecation notes of
/// catalogs: every exported document reads back as its JSON twin (as every accepted case
/// must), and with `ERRCAT_FUZZ_SAMPLE` they are written for the other readers.
#[test]
fn exported_yaml_reads_back_every_string_shape() {
    check_string_shapes(Sample::from_env(0).as_ref());
}

/// Checks catalogs of odd strings, writing their documents to `sample`.
fn check_string_shapes(sample: Option<&Sample>) {
    const CATALOGS: u64 = 300;
    const CODES: usize = 12;
    let mut rng = Rng::new(DEFAULT_SEED, u64::MAX);
    let mut accepted = 0;
    for catalog in 0..CATALOGS {
        let mut yaml = String::from(
            "name: shapes\ntitle: Shapes\nversion: \"1\"\ncode_type: string\nenvelope:\n  name: Problem\n  media_type: application/json\n  fields:\n    - { name: code, type: string, from: code, required: true }\n    - { name: message, type: string, from: message, required: true }\ncodes:\n",
        );
        for code in 0..CODES {
            let mut text = String::new();
            for _ in 0..=rng.below(8) {
                text.push_str(rng.pick(SHAPE_PIECES));
            }
            let one_line = !text.contains(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']);
            let message = if one_line && rng.percent(30) {
                &text
            } else {
                "Message"
            };
            yaml.push_str(&format!(
                "  - code: c{code}\n    message: {}\n    status: 400\n    description: {}\n",
                quote(message),
                quote(&text)
            ));
            if rng.percent(20) {
                yaml.push_str(&format!("    deprecated: {}\n", quote(&text)));
            }
        }
        let mut checker = support::Checker::default();
        match check_case(&mut checker, yaml.as_bytes()) {
            Ok(true) => accepted += 1,
            Ok(false) => {}
            Err(problem) => panic!("{problem}\n{yaml}"),
        }
        if let (Some(sample), Some((json, yaml))) = (sample, &checker.exports) {
            sample.write(&format!("shapes{catalog}"), json, yaml);
        }
    }
    assert!(
        accepted * 10 > CATALOGS * 9,
        "only {accepted} of {CATALOGS} catalogs were accepted"
    );
}

/// The exported documents in `generated/openapi`, the regressions, the string shapes and
/// the accepted cases among the suite's first fuzz cases, read by PyYAML and the npm `yaml`
/// package (`tests/yaml-parsers`), are the same documents as their JSON twins. Without those
/// readers installed (`npm ci` in `tests/yaml-parsers`), says so and checks nothing, except
/// under CI (`CI` set), where that fails.
#[test]
fn other_yaml_readers_read_every_document_as_its_json_twin() {
    let readers = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/yaml-parsers");
    let succeeds = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .current_dir(&readers)
            .output()
            .is_ok_and(|output| output.status.success())
    };
    let available =
        succeeds("python3", &["-c", "import yaml"]) && succeeds("node", &["-e", "import('yaml')"]);
    assert!(
        available || std::env::var_os("CI").is_none(),
        "PyYAML or the npm `yaml` package (npm ci in tests/yaml-parsers) is not installed, and CI must compare with them"
    );
    if !available {
        eprintln!(
            "PyYAML or the npm `yaml` package is not installed: the exported YAML is not read by them"
        );
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("errcat-yaml-readers");
    let _ = std::fs::remove_dir_all(&dir);
    let sample = Sample::new(dir.clone(), 2_000);
    check_regressions(Some(&sample));
    check_string_shapes(Some(&sample));
    let corpus = Corpus::load();
    let mut checker = support::Checker::default();
    for case in 0..2_000 {
        if let Ok(true) = check_case(&mut checker, &generate(DEFAULT_SEED, case, &corpus))
            && let Some((json, yaml)) = &checker.exports
        {
            sample.offer(case, json, yaml);
        }
    }
    let generated = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/openapi");
    for path in common::yaml_files(&generated) {
        let json = std::fs::read_to_string(path.with_extension("json")).unwrap();
        let yaml = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy();
        sample.write(&format!("generated-{name}"), &json, &yaml);
    }
    for (program, script) in [
        ("python3", "same_document.py"),
        ("node", "same-document.mjs"),
    ] {
        let output = Command::new(program)
            .arg(readers.join(script))
            .arg(&dir)
            .output()
            .unwrap_or_else(|error| panic!("run {program}: {error}"));
        assert!(
            output.status.success(),
            "{script}: exported YAML that does not read as its JSON twin:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
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
    // Accepted cases that declare locales, so that the localized items are compiled too.
    let mut localized = 0;
    for case in 0.. {
        if (kinds.iter().all(|&n| n >= 10) && localized >= 3) || case > 20_000 {
            break;
        }
        let input = generate(DEFAULT_SEED, case, &corpus);
        let kind = usize::from(!matches!(
            strategy(DEFAULT_SEED, case),
            Strategy::Synthesize
        ));
        if kinds[kind] >= 10 && (localized >= 3 || !input.windows(8).any(|w| w == b"locales:")) {
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
            localized += usize::from(catalog.locales().is_some());
            modules.push((case, rust));
            documents.push((case, support::exports(&catalog).unwrap()));
        }
    }
    assert!(modules.len() >= 15, "too few accepted cases to compile");
    assert!(
        localized >= 3,
        "too few accepted cases with locales to compile"
    );
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

/// Type and variant names that are keywords, name things of the prelude, std, serde or the
/// generated code itself, or keep capitals as written.
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
    // Written names kept as written: acronyms, two capitals, digits after `_`, and two whose
    // constructors collide.
    "TRFailure",
    "TrFailure",
    "OK",
    "X86_64",
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
            // And what a YAML reader refuses raw (U+FFFE, U+FFFF) or folds (the line and
            // paragraph separators, to a YAML 1.1 reader).
            c if c.is_control()
                || matches!(
                    c,
                    '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
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
    // What a code means over gRPC: a domain, and the catalog's defaults.
    if rng.percent(20) {
        yaml.push_str(&format!("domain: {}\n", text(rng)));
    }
    if rng.percent(15) {
        yaml.push_str(&format!("grpc: {}\n", rng.pick(GRPC_CODES)));
    }
    if rng.percent(15) {
        yaml.push_str(&format!("retryable: {}\n", rng.percent(70)));
        if rng.percent(50) {
            yaml.push_str(&format!("retry_after: {}\n", rng.pick(RETRY_AFTER)));
        }
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
    // Locales: mostly well-formed tags, sometimes a malformed or non-canonical one.
    let locales: Vec<&str> = if rng.percent(25) {
        (0..=rng.below(2))
            .map(|_| {
                if rng.percent(10) {
                    rng.pick(&["de_DE", "xx", "EN", "zh-cn", ""])
                } else {
                    rng.pick(&["de", "zh-CN", "de-AT", "zh-Hans-CN", "pt-BR", "sr-Latn"])
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    if !locales.is_empty() {
        yaml.push_str(&format!(
            "locales:\n  default: {}\n  declared: [{}]\n",
            rng.pick(&["en", "en-US", "fr"]),
            locales
                .iter()
                .map(|tag| quote(tag))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if rng.percent(50) {
            yaml.push_str(&format!(
                "  fallback: {{ {}: {} }}\n",
                quote(locales[0]),
                quote(rng.pick(&["en", "en-US", "fr", locales[locales.len() - 1]]))
            ));
        }
    }
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
        let mut detail_param = None;
        if rng.percent(30) {
            let param = rng.pick(SNAKE);
            detail_param = Some(param);
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
        // Translations into the declared locales (now and then into another one), each
        // template with the original's placeholder, or now and then another.
        let translated: Vec<&str> = locales
            .iter()
            .copied()
            .chain(rng.percent(5).then_some("ja"))
            .filter(|_| rng.percent(85))
            .collect();
        if !translated.is_empty() {
            yaml.push_str("    translations:\n");
            for tag in translated {
                yaml.push_str(&format!("      {}: {{ message: {}", quote(tag), text(rng)));
                if let Some(param) = detail_param.filter(|_| rng.percent(95)) {
                    let param = if rng.percent(10) {
                        rng.pick(SNAKE)
                    } else {
                        param
                    };
                    yaml.push_str(&format!(
                        ", detail: {}",
                        quote(&format!(
                            "{} {{{param}}}",
                            rng.pick(TEXTS).replace('{', "{{").replace('}', "}}")
                        ))
                    ));
                }
                yaml.push_str(" }\n");
            }
        }
        if rng.percent(15) {
            yaml.push_str(&format!("    grpc: {}\n", rng.pick(GRPC_CODES)));
        }
        if rng.percent(10) {
            yaml.push_str(&format!("    reason: {}\n", quote(rng.pick(REASONS))));
        }
        if rng.percent(15) {
            yaml.push_str(&format!("    retryable: {}\n", rng.percent(70)));
        }
        if rng.percent(10) {
            yaml.push_str(&format!("    retry_after: {}\n", rng.pick(RETRY_AFTER)));
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

/// gRPC code names, and names that are not quite one.
const GRPC_CODES: &[&str] = &[
    "OK",
    "NOT_FOUND",
    "UNAVAILABLE",
    "RESOURCE_EXHAUSTED",
    "ALREADY_EXISTS",
    "DATA_LOSS",
    "not_found",
    "NOT_FOUNDD",
    "\"\"",
    "42",
];

/// Reasons: well formed, colliding with a default, and malformed.
const REASONS: &[&str] = &[
    "NOT_FOUND",
    "A",
    "E2BIG",
    "not_found",
    "A__B",
    "_X",
    "",
    "ÄÖ",
];

/// Retry delays, with some the loader refuses.
const RETRY_AFTER: &[&str] = &["0", "1", "30", "4294967295", "4294967296", "-1", "x"];

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
    "locales",
    "default",
    "declared",
    "fallback",
    "translations",
    "domain",
    "grpc",
    "reason",
    "retryable",
    "retry_after",
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
    "zh-Hans-CN",
    "de_DE",
    "en-x-private",
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
    "locales: { default: en, declared: [de], fallback: { de: en } }",
    "locales: { default: en, declared: [de, de_DE, zh-cn] }",
    "    translations: { de: { message: Eins } }",
    "    translations: { de: { message: Eins, detail: \"{id} {other}\" } }",
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
