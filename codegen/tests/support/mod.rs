//! What every hardening test checks about one input: errcat neither panics nor runs away, it
//! rejects with located diagnostics, and what it accepts generates Rust.

#![allow(dead_code)] // Each test binary uses its own part of this module.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use errcat_codegen::openapi::{self, Format};
use errcat_codegen::{Catalog, Diagnostics, docs, rust};

/// The label inputs are parsed under; every diagnostic must name it.
pub const LABEL: &str = "input.yaml";

/// Diagnostics that are about the whole file, and so rightly have no line.
const FILE_LEVEL: &[&str] = &[
    "the catalog is larger than",
    "the catalog holds more than",
    "more problems, not shown",
    "the catalog is empty",
];

/// How one input fared.
pub enum Outcome {
    /// `rust` is `None` when an identical catalog was emitted before: generation is a pure
    /// function of the catalog, so it is not repeated.
    Accepted {
        catalog: Box<Catalog>,
        rust: Option<String>,
    },
    Rejected(Diagnostics),
}

/// What running one input cost.
pub struct Cost {
    pub time: Duration,
    /// The most heap memory live at once, in bytes, beyond what was live before.
    pub peak_bytes: usize,
}

/// Checks inputs, remembering which catalogs it has emitted.
#[derive(Default)]
pub struct Checker {
    emitted: HashSet<u64>,
}

impl Checker {
    /// Loads `bytes` as a catalog file and, when accepted, generates its Rust, checking every
    /// property that holds for any input. `Err` describes the first property broken.
    pub fn check(&mut self, bytes: &[u8]) -> Result<(Outcome, Cost), String> {
        let start = Instant::now();
        let (result, peak_bytes) = measure_heap(|| {
            catch_unwind(AssertUnwindSafe(|| self.run(bytes))).map_err(|payload| {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                format!("panicked: {message}")
            })
        });
        let outcome = result??;
        let cost = Cost {
            time: start.elapsed(),
            peak_bytes,
        };
        Ok((outcome, cost))
    }

    fn run(&mut self, bytes: &[u8]) -> Result<Outcome, String> {
        match errcat_codegen::Loader::new().parse_bytes(LABEL, bytes) {
            Ok(catalog) => {
                let mut hasher = DefaultHasher::new();
                format!("{catalog:?}").hash(&mut hasher);
                let hash = hasher.finish();
                let rust = if self.emitted.insert(hash) {
                    let rust = emit(&catalog, &rust::Options::default())?;
                    exports(&catalog)?;
                    // The web options' emitters too, for one catalog in eight: they add to
                    // the same file, and would double the cost of every case.
                    if hash % 8 == 0 {
                        let mut options = rust::Options::default();
                        (options.http, options.axum, options.utoipa) = (true, true, true);
                        match rust::generate(&catalog, &options) {
                            Err(errcat_codegen::Error::AxumWithoutStatus { .. }) => {}
                            _ => {
                                emit(&catalog, &options)?;
                            }
                        }
                    }
                    Some(rust)
                } else {
                    None
                };
                Ok(Outcome::Accepted {
                    catalog: Box::new(catalog),
                    rust,
                })
            }
            Err(diagnostics) => {
                check_diagnostics(LABEL, bytes, &diagnostics)?;
                Ok(Outcome::Rejected(diagnostics))
            }
        }
    }
}

/// The Rust for `catalog`, which must start with the `@generated` header.
fn emit(catalog: &Catalog, options: &rust::Options) -> Result<String, String> {
    let rust = rust::generate(catalog, options)
        .map_err(|error| format!("accepted, but the emitter failed: {error}"))?;
    if !rust.starts_with(rust::HEADER) {
        return Err("generated Rust does not start with the @generated header".into());
    }
    Ok(rust)
}

/// The OpenAPI document of `catalog` in JSON and in YAML, which must read as the same
/// document, and its Markdown page.
pub fn exports(catalog: &Catalog) -> Result<(String, String), String> {
    let catalogs = std::slice::from_ref(catalog);
    let generate = |format| {
        openapi::generate(catalogs, format)
            .map_err(|error| format!("accepted, but the OpenAPI emitter failed: {error}"))
    };
    let (json, yaml) = (generate(Format::Json)?, generate(Format::Yaml)?);
    let from_json: serde_json::Value = serde_json::from_str(&json)
        .map_err(|error| format!("OpenAPI JSON does not parse: {error}"))?;
    let from_yaml: serde_json::Value = serde_yaml::from_str(&yaml)
        .map_err(|error| format!("OpenAPI YAML does not parse: {error}"))?;
    if from_json != from_yaml {
        return Err("the OpenAPI YAML reads as another document than the JSON".into());
    }
    if from_json["openapi"] != "3.1.0" || !from_json["components"]["schemas"].is_object() {
        return Err("the OpenAPI document has no `openapi: 3.1.0` or no schemas".into());
    }
    docs::generate(catalog);
    Ok((json, yaml))
}

/// Every rejection says where, unless it is about the whole file, and renders.
pub fn check_diagnostics(
    file: &str,
    bytes: &[u8],
    diagnostics: &Diagnostics,
) -> Result<(), String> {
    if diagnostics.is_empty() {
        return Err("rejected without a diagnostic".into());
    }
    // The end of the file is on the line after the last line break.
    let lines = line_breaks(bytes) + 1;
    for diagnostic in diagnostics.iter() {
        let heading = diagnostic.heading();
        if diagnostic.file != file || diagnostic.message.trim().is_empty() {
            return Err(format!("malformed diagnostic: {heading}"));
        }
        if diagnostic.line == 0 {
            if !FILE_LEVEL.iter().any(|m| diagnostic.message.contains(m)) {
                return Err(format!("diagnostic without a location: {heading}"));
            }
        } else if diagnostic.column == 0 || diagnostic.line > lines {
            return Err(format!(
                "diagnostic outside the file ({lines} lines): {heading}"
            ));
        }
    }
    // Rendering (caret, gutter) must cope with any position and text.
    let rendered = diagnostics.to_string();
    if !rendered.contains(&diagnostics[0].heading()) {
        return Err(format!("rendering lost the heading: {rendered}"));
    }
    Ok(())
}

/// Writes a crate that compiles each generated module (`(id, rust)`) under
/// `#![deny(warnings)]`, with the dependencies generated code needs, and returns its
/// directory. The workspace's lock file pins the same dependency versions.
pub fn scratch_crate(dir: &Path, modules: &[(u64, String)]) -> PathBuf {
    let crate_dir = dir.join("crate");
    let src = crate_dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        "[package]\nname = \"errcat-generated-check\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\n# Its own workspace, not a member of errcat's.\n[workspace]\n",
    )
    .unwrap();
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::copy(lock, crate_dir.join("Cargo.lock")).unwrap();
    let mut lib = String::from("#![deny(warnings)]\n");
    for (id, rust) in modules {
        std::fs::write(src.join(format!("m{id}.rs")), rust).unwrap();
        lib.push_str(&format!(
            "pub mod m{id} {{\n    include!(\"m{id}.rs\");\n}}\n"
        ));
    }
    std::fs::write(src.join("lib.rs"), lib).unwrap();
    crate_dir
}

/// How many line breaks YAML sees: `\n`, `\r\n`, a lone `\r`, NEL, LS and PS.
fn line_breaks(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut at = 0;
    while at < bytes.len() {
        let width = match &bytes[at..] {
            [b'\r', b'\n', ..] | [0xc2, 0x85, ..] => 2,
            [b'\n' | b'\r', ..] => 1,
            [0xe2, 0x80, 0xa8 | 0xa9, ..] => 3,
            _ => 0,
        };
        count += usize::from(width > 0);
        at += width.max(1);
    }
    count
}

/// Runs `f`, returning how much more heap memory this thread held at its peak.
pub fn measure_heap<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = HEAP.with(|heap| {
        heap.peak.set(heap.live.get());
        heap.live.get()
    });
    let result = f();
    let peak = HEAP.with(|heap| heap.peak.get());
    (result, usize::try_from(peak - before).unwrap_or(0))
}

/// This thread's live heap, and its peak since the last `measure_heap`.
struct Heap {
    live: Cell<isize>,
    peak: Cell<isize>,
}

thread_local! {
    // Per thread, so that tests running in parallel do not count each other's memory.
    static HEAP: Heap = const {
        Heap {
            live: Cell::new(0),
            peak: Cell::new(0),
        }
    };
}

/// The system allocator, counting the live heap of each thread.
pub struct Counting;

fn account(delta: isize) {
    // `try_with`: a thread's last frees may come after its thread-locals are gone.
    let _ = HEAP.try_with(|heap| {
        let live = heap.live.get() + delta;
        heap.live.set(live);
        if live > heap.peak.get() {
            heap.peak.set(live);
        }
    });
}

// SAFETY: every call is forwarded to `System` unchanged; only byte counts are recorded.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        account(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        account(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        account(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        account(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;
