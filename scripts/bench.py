#!/usr/bin/env python3
"""Runs errcat's benchmark suite and writes the results to BENCHMARKS.md.

    scripts/bench.py [--runs N] [--baseline REV] [--skip SECTION ...] [--out FILE]

Sections, in order:
  generate  generation cost on synthetic catalogs (`cargo bench --bench generate`)
  runtime   generated code at run time against hand-written code (`cargo bench --bench runtime`)
  count     instruction counts of each generation stage under callgrind, which do not depend on
            the machine's load; with --baseline, also for the generator at REV
  builddep  clean and incremental builds of a crate using errcat-codegen from build.rs, against
            the same crate with the generated file checked in
  check     `cargo check` time of the generated code of large synthetic catalogs
  rustc     `cargo check` time of minimal crates showing what a path to an enum variant costs

Wall-clock figures are medians, and every ratio divides two medians taken in the same run.
"""

import argparse
import concurrent.futures
import datetime
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench"
SECTIONS = ["generate", "runtime", "count", "builddep", "check", "rustc"]
SIZES = [1_000, 10_000, 100_000]
# How long one `cargo check` of generated code may run before it is reported as too slow.
CHECK_LIMIT = 600
# The synthetic catalogs go past the CLI's default limits (10,000 codes, 1 MiB): these raise
# them enough for the largest (100,000 codes, 12 MB), as `codegen/benches/generate.rs` does.
LIMIT_FLAGS = ["--max-codes", "100000", "--max-file-size", "32MiB"]


def run(cmd, cwd=ROOT, env=None, capture=True):
    """Runs a command, failing loudly with its output when it fails."""
    full_env = dict(os.environ, **(env or {}))
    result = subprocess.run(
        cmd, cwd=cwd, env=full_env, text=True, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.PIPE if capture else None,
    )
    if result.returncode != 0:
        sys.exit(f"`{' '.join(map(str, cmd))}` failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout if capture else ""


def shown(cmd):
    return " ".join(str(part) for part in cmd)


def timed(cmd, cwd, env=None, limit=None, prepare=lambda: None, attempts=3):
    """Seconds `cmd` took after `prepare()`, or None when it ran past `limit` seconds (it is
    then stopped with every process it started). A failed run is retried: on this shared
    machine cargo's first probe of rustc now and then fails before building anything."""
    for attempt in range(attempts):
        prepare()
        try:
            return timed_once(cmd, cwd, env, limit)
        except subprocess.CalledProcessError as error:
            if attempt + 1 == attempts:
                sys.exit(f"`{shown(cmd)}` failed:\n{error.stderr}")
            print(f"   failed, retrying: {error.stderr.strip().splitlines()[:1]}", file=sys.stderr)
    return None


def timed_once(cmd, cwd, env, limit):
    start = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, env=dict(os.environ, **(env or {})),
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, cmd, stderr=stderr)
    return time.perf_counter() - start


# ---------------------------------------------------------------------------------------------
# Reading divan's table

UNITS = {"ps": 1e-12, "ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def seconds(text):
    value, unit = text.split()
    return float(value) * UNITS[unit]


def divan_medians(output):
    """{"integer/parse/10000": median seconds, ...} from divan's tree-shaped table."""
    medians = {}
    path = []
    for line in output.splitlines():
        match = re.match(r"[│ ]*[├╰]─ ", line)
        if not match:
            continue
        depth = (match.end() - 3) // 3
        # Name and fastest, slowest, median, mean, samples, iterations.
        columns = line[match.end():].split("│")
        words = columns[0].split()
        path[depth:] = [words[0]]
        if len(words) >= 3 and len(columns) >= 3:
            medians["/".join(path)] = seconds(columns[2].strip())
    return medians


def human(value):
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if value >= scale:
            return f"{value / scale:.3g} {unit}"
    return f"{value / 1e-9:.3g} ns"


def verdict(ratio, target):
    return f"{ratio:.2f} (target ≤ {target}: {'met' if ratio <= target else 'missed'})"


def bench(package, target):
    cmd = ["cargo", "bench", "-q", "-p", package, "--bench", target]
    print(f"== {shown(cmd)}", file=sys.stderr)
    output = run(cmd)
    return cmd, output, divan_medians(output)


# ---------------------------------------------------------------------------------------------
# Sections

def machine():
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        found = re.search(r"MemTotal:\s*(\d+) kB", meminfo.read_text())
        memory = f"{int(found.group(1)) / 1024 / 1024:.1f} GiB" if found else memory
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores; memory: {memory}",
        f"- OS: {platform.system()} {platform.release()} ({platform.machine()})",
        f"- {run(['rustc', '-V']).strip()}; {run(['cargo', '-V']).strip()}",
        f"- load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def generate_section():
    cmd, _, medians = bench("errcat-codegen", "generate")
    lines = [
        "## Generation cost",
        "",
        f"`{shown(cmd)}` — synthetic catalogs (`codegen/benches/synthetic/`) of 1k, 10k and "
        "100k codes; `yaml_value` is `serde_yaml` alone parsing the same text into a `Value`, "
        "the floor each stage is held to. `parse` is load + validate (`errcat_codegen::Loader::parse`, "
        "limits raised for 100k codes), "
        "`rust`, `openapi` (JSON) and `docs` are the emitters, from the validated catalog. "
        "Medians of wall-clock time.",
        "",
        "| catalog | stage | 1k | 10k | 100k | 10k ÷ `yaml_value` 10k | 100k ÷ 10k |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in ("integer", "string"):
        floor = medians[f"{kind}/yaml_value/10000"]
        for stage in ("yaml_value", "parse", "rust", "openapi", "docs"):
            row = [medians[f"{kind}/{stage}/{size}"] for size in SIZES]
            to_floor = "—" if stage == "yaml_value" else verdict(row[1] / floor, 3)
            growth = verdict(row[2] / row[1], 11)
            lines.append(
                f"| {kind} | `{stage}` | {' | '.join(human(v) for v in row)} | {to_floor} | {growth} |"
            )
    return lines


def runtime_section():
    cmd, _, medians = bench("errcat", "runtime")
    comparisons = [
        ("`from_code`, integer codes (Guizhan)", "from_code_integer/generated",
         "from_code_integer/hand_written_match", "hand-written `match`", 1.05),
        ("`from_code`, string codes (awork)", "from_code_string/generated",
         "from_code_string/phf_map", "`phf` map", 1.0),
        ("`from_code`, string codes (awork)", "from_code_string/generated",
         "from_code_string/str_match", "`match` on `&str` (the former generated code)", None),
        ("serialize envelopes (awork)", "serialize_envelope/awork_generated",
         "serialize_envelope/awork_hand_written", "hand-written serde struct", 1.1),
        ("serialize envelopes (Guizhan)", "serialize_envelope/guizhan_generated",
         "serialize_envelope/guizhan_hand_written", "hand-written serde struct", 1.1),
    ]
    lines = [
        "## Generated code at run time",
        "",
        f"`{shown(cmd)}` — each lookup benchmark looks up every code of the bundled catalog "
        "plus unknown inputs (32 lookups per run); each serialization benchmark writes one body "
        "per code. Medians per run of the whole input set.",
        "",
        "| what | generated | against | baseline | generated ÷ baseline |",
        "|---|---|---|---|---|",
    ]
    for what, ours, theirs, against, target in comparisons:
        ratio = medians[ours] / medians[theirs]
        shown_ratio = verdict(ratio, target) if target else f"{ratio:.2f}"
        lines.append(
            f"| {what} | {human(medians[ours])} | {against} | {human(medians[theirs])} | {shown_ratio} |"
        )
    lines += [
        "",
        "`Display`, `message()` and the other per-code accessors allocate nothing: asserted by "
        "`tests/no_alloc.rs` with a counting global allocator, not benchmarked.",
    ]
    return lines


def synthetic(codes, kind):
    path = WORK / "catalogs" / f"{kind}-{codes}.yaml"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        text = run(["cargo", "run", "-q", "--release", "-p", "errcat-codegen", "--example",
                    "synthetic_catalog", "--", str(codes), kind])
        path.write_text(text)
    return path


def build_cli(tree, target_dir):
    run(["cargo", "build", "-q", "--release", "-p", "errcat-codegen", "--features", "cli"],
        cwd=tree, env={"CARGO_TARGET_DIR": str(target_dir)})
    return target_dir / "release" / "errcat"


def limit_flags(cli):
    """LIMIT_FLAGS, if `cli` takes them: a baseline from before they existed does not (and
    then refuses catalogs past its fixed limits)."""
    help_text = run([cli, "check", "--help"])
    return LIMIT_FLAGS if "--max-codes" in help_text else []


def generate_rust(catalog, out):
    """The generated Rust of `catalog`, by this tree's CLI (a release build: large catalogs)."""
    cli = build_cli(ROOT, ROOT / "target")
    run([cli, "rust", catalog, "-o", out] + limit_flags(cli))


def instructions(cli, stage, catalog):
    """Instructions of one stage: `check` (load + validate) counts the whole run, `rust` and
    `docs` only their emitter. Outputs go to files of their own, so runs beside each other
    never share one."""
    scratch = WORK / "callgrind" / f"{abs(hash((str(cli), stage, str(catalog))))}"
    scratch.mkdir(parents=True, exist_ok=True)
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={scratch / 'callgrind.out'}"]
    if stage in EMITTERS:
        cmd += [f"--toggle-collect=errcat_codegen::{stage}::generate"]
        cmd += [cli, stage, catalog, "-o", scratch / f"generated.{EMITTERS[stage]}"]
    else:
        cmd += [cli, "check", catalog]
    cmd += limit_flags(cli)
    result = subprocess.run(cmd, text=True, capture_output=True, stdin=subprocess.DEVNULL)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode != 0 or not found:
        sys.exit(f"callgrind failed:\n{result.stderr}")
    return int(found.group(1))


# The emitters whose instructions are counted, and the extension of what each writes.
EMITTERS = {"rust": "rs", "docs": "md"}
COUNTED_STAGES = ("check",) + tuple(EMITTERS)


def count_section(baseline, sizes):
    if not shutil.which("valgrind"):
        return ["## Instruction counts", "", "Skipped: valgrind is not installed."]
    clis = {"this tree": build_cli(ROOT, ROOT / "target")}
    baseline_tree = WORK / "baseline"
    if baseline:
        if baseline_tree.exists():
            run(["git", "worktree", "remove", "--force", baseline_tree])
        run(["git", "worktree", "add", "--detach", baseline_tree, baseline])
        clis[f"`{baseline}`"] = build_cli(baseline_tree, WORK / "baseline-target")
    names = list(clis)
    # The baseline is counted on integer catalogs only: its emitter takes long under callgrind.
    jobs = [
        (kind, stage, name, size)
        for kind in ("integer", "string")
        for stage in COUNTED_STAGES
        for name in names
        for size in sizes
        if name == names[0] or kind == "integer"
    ]
    catalogs = {(kind, size): synthetic(size, kind) for kind, _, _, size in jobs}
    # Counts do not depend on load, so the runs share the cores.
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        futures = {
            job: pool.submit(instructions, clis[job[2]], job[1], catalogs[(job[0], job[3])])
            for job in jobs
        }
        found = {job: future.result() for job, future in futures.items()}
    rows = []
    for kind in ("integer", "string"):
        for stage in COUNTED_STAGES:
            counts = {
                name: [found[(kind, stage, name, size)] for size in sizes]
                for name in names
                if (kind, stage, name, sizes[0]) in found
            }
            rows.append((kind, stage, counts))
    if baseline:
        run(["git", "worktree", "remove", "--force", baseline_tree])
    lines = [
        "## Instruction counts",
        "",
        "`valgrind --tool=callgrind` on the `errcat` CLI (release build): `check` counts the "
        "whole run (read, load, validate), `rust` and `docs` only their emitter "
        "(`errcat_codegen::rust::generate`, `errcat_codegen::docs::generate`, by "
        "`--toggle-collect`). Instruction counts repeat exactly on a loaded machine, so the "
        "ratio of the two sizes shows whether a stage grows faster than linearly.",
        "",
        f"| catalog | stage | generator | {sizes[0] / 1000:g}k | {sizes[1] / 1000:g}k | ratio |",
        "|---|---|---|---|---|---|",
    ]
    for kind, stage, counts in rows:
        for name, (small, large) in counts.items():
            lines.append(
                f"| {kind} | `{stage}` | {name} | {small:,} | {large:,} | {large / small:.2f} |"
            )
    if baseline:
        lines += ["", "| catalog | stage | size | this tree ÷ baseline |", "|---|---|---|---|"]
        for kind, stage, counts in rows:
            if len(counts) < 2:
                continue
            for index, size in enumerate(sizes):
                ratio = counts[names[0]][index] / counts[names[1]][index]
                lines.append(f"| {kind} | `{stage}` | {size / 1000:g}k | {ratio:.2f} |")
    return lines


def scratch_crate(path, with_build_dep):
    """A minimal user crate for the Guizhan catalog: generated by build.rs, or checked in."""
    if path.exists():
        shutil.rmtree(path)
    (path / "src").mkdir(parents=True)
    build_dep = ""
    if with_build_dep:
        build_dep = f'\n[build-dependencies]\nerrcat-codegen = {{ path = "{ROOT / "codegen"}" }}\n'
        (path / "catalog").mkdir()
        shutil.copy(ROOT / "catalog" / "guizhan.yaml", path / "catalog" / "guizhan.yaml")
        (path / "build.rs").write_text(
            'fn main() {\n    errcat_codegen::Builder::new()\n        .catalog("catalog/guizhan.yaml")\n'
            '        .compile()\n        .unwrap_or_else(|e| panic!("{e}"));\n}\n'
        )
        (path / "src" / "lib.rs").write_text(
            'pub mod guizhan {\n    include!(concat!(env!("OUT_DIR"), "/guizhan.rs"));\n}\n'
        )
    else:
        generate_rust(ROOT / "catalog" / "guizhan.yaml", path / "src" / "guizhan.rs")
        (path / "src" / "lib.rs").write_text("pub mod guizhan;\n")
    (path / "Cargo.toml").write_text(
        f'[package]\nname = "user"\nversion = "0.0.0"\nedition = "2024"\n\n[workspace]\n\n'
        f'[dependencies]\nserde = {{ version = "1", features = ["derive"] }}\nserde_json = "1"\n'
        f"{build_dep}"
    )
    # The workspace's lock file pins the versions the rest of the suite was built with.
    shutil.copy(ROOT / "Cargo.lock", path / "Cargo.lock")


def edit_one_line(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def builddep_section(runs):
    variants = {
        "build.rs + errcat-codegen": (True, Path("catalog/guizhan.yaml")),
        "generated file checked in": (False, Path("src/guizhan.rs")),
    }
    build = ["cargo", "build", "--offline", "-q"]
    results = {}
    for name, (with_build_dep, edited) in variants.items():
        crate = WORK / ("user-build-dep" if with_build_dep else "user-checked-in")
        target = WORK / (crate.name + "-target")
        scratch_crate(crate, with_build_dep)
        env = {"CARGO_TARGET_DIR": str(target)}
        clean, incremental = [], []
        for index in range(runs):
            print(f"== {name}: clean build {index + 1}/{runs}", file=sys.stderr)
            clean.append(
                timed(build, crate, env, prepare=lambda: shutil.rmtree(target, ignore_errors=True))
            )
        for index in range(runs):
            print(f"== {name}: incremental build {index + 1}/{runs}", file=sys.stderr)
            # The same one-line edit a user makes: a code's message, changed back and forth.
            old, new = ("Project not found", "Project not found.") if index % 2 == 0 else (
                "Project not found.", "Project not found")
            edit_one_line(crate / edited, old, new)
            incremental.append(timed(build, crate, env))
        results[name] = (statistics.median(clean), statistics.median(incremental))
    tree = ["cargo", "tree", "-p", "errcat-codegen", "-e", "normal", "--prefix", "none"]
    deps = sorted(set(run(tree).splitlines()))
    base = results["generated file checked in"]
    lines = [
        "## Cost to a build-dependency user",
        "",
        f"A minimal crate with the Guizhan catalog (`serde` and `serde_json` as dependencies), "
        f"built with `CARGO_TARGET_DIR=<own dir> {shown(build)}`: once generating its code from "
        "`build.rs` with `errcat-codegen` as a build dependency, once with the generated file "
        f"checked in. Clean build: target directory removed first. Incremental: after a one-line "
        f"edit of a message in the catalog (or in the checked-in file). Median of {runs} runs each.",
        "",
        "| crate | clean build | incremental build |",
        "|---|---|---|",
    ]
    for name, (clean, incremental) in results.items():
        lines.append(
            f"| {name} | {clean:.1f} s ({clean / base[0]:.2f}×) | "
            f"{incremental:.2f} s ({incremental / base[1]:.2f}×) |"
        )
    names = sorted({d.split(" ")[0] for d in deps})
    lines += [
        "",
        f"`{shown(tree)} | sort -u | wc -l`: **{len(deps)}** lines, {len(names)} crates "
        f"({', '.join(names)}); `sort -u` keeps a crate once per line `cargo tree` prints for it.",
    ]
    return lines


def check_section(runs):
    crate = WORK / "generated-check"
    target = WORK / "generated-check-target"
    # Not incremental: a check must redo the work, as after a change of the catalog.
    env = {"CARGO_TARGET_DIR": str(target), "CARGO_INCREMENTAL": "0"}
    check = ["cargo", "check", "--offline", "-q"]
    rows = []
    for kind in ("integer", "string"):
        medians = []
        for size in SIZES[1:]:
            if crate.exists():
                shutil.rmtree(crate)
            (crate / "src").mkdir(parents=True)
            (crate / "Cargo.toml").write_text(
                '[package]\nname = "generated"\nversion = "0.0.0"\nedition = "2024"\n\n'
                '[workspace]\n\n[dependencies]\nserde = { version = "1", features = ["derive"] }\n'
                'serde_json = "1"\n'
            )
            shutil.copy(ROOT / "Cargo.lock", crate / "Cargo.lock")
            generate_rust(synthetic(size, kind), crate / "src" / "synthetic.rs")
            lib = crate / "src" / "lib.rs"
            lib.write_text("pub mod synthetic;\n")
            run(check, cwd=crate, env=env)  # dependencies, once
            times = []
            for index in range(runs):
                print(f"== cargo check {kind} {size}: {index + 1}/{runs}", file=sys.stderr)
                lib.write_text(f"pub mod synthetic;\n// run {index}\n")
                times.append(timed(check, crate, env, limit=CHECK_LIMIT))
            finished = [t for t in times if t is not None]
            medians.append(statistics.median(finished) if len(finished) == len(times) else None)
        rows.append((kind, medians))
    lines = [
        "## Compile time of generated code",
        "",
        f"`{shown(check)}` of a crate holding only the generated code of a synthetic catalog "
        f"(dependencies already checked). Median of {runs} run(s).",
        "",
        "| catalog | 10k codes | 100k codes | 100k ÷ 10k |",
        "|---|---|---|---|",
    ]
    def shown_time(value):
        return f"> {CHECK_LIMIT} s (stopped)" if value is None else f"{value:.2f} s"

    for kind, (small, large) in rows:
        growth = "—" if None in (small, large) else f"{large / small:.1f}"
        lines.append(f"| {kind} | {shown_time(small)} | {shown_time(large)} | {growth} |")
    return lines


def rustc_section():
    """What rustc alone costs for a path to an enum variant: the minimal crates that show why
    the generated code's compile time grows faster than its size."""
    crate = WORK / "rustc-variant-paths"
    env = {"CARGO_TARGET_DIR": str(WORK / "rustc-variant-paths-target"), "CARGO_INCREMENTAL": "0"}
    check = ["cargo", "check", "--offline", "-q"]
    sizes = (10_000, 40_000)

    def source(size, case):
        variants = "".join(f"    V{i},\n" for i in range(size))
        text = f"#[derive(Clone, Copy)]\npub enum E {{\n{variants}}}\n"
        named = {
            "each variant once": [f"V{i}" for i in range(size)],
            "the first variant, every time": ["V0"] * size,
            "the last variant, every time": [f"V{size - 1}"] * size,
        }.get(case)
        if named is not None:
            paths = "".join(f"    E::{name},\n" for name in named)
            text += f"pub const ALL: &[E] = &[\n{paths}];\n"
        return text

    cases = ["the enum alone", "each variant once", "the first variant, every time",
             "the last variant, every time"]
    if crate.exists():
        shutil.rmtree(crate)
    (crate / "src").mkdir(parents=True)
    (crate / "Cargo.toml").write_text(
        '[package]\nname = "variant-paths"\nversion = "0.0.0"\nedition = "2024"\n\n[workspace]\n'
    )
    rows = []
    for case in cases:
        times = []
        for size in sizes:
            print(f"== rustc: {case}, {size} variants", file=sys.stderr)
            (crate / "src" / "lib.rs").write_text(source(size, case))
            times.append(timed(check, crate, env, limit=CHECK_LIMIT))
        rows.append((case, times))
    lines = [
        "## rustc and paths to enum variants",
        "",
        f"`{shown(check)}` of a crate holding an enum of fieldless variants `V0`…`Vn` and, but for "
        "the first row, one slice of as many paths `E::V…` to its variants — the shape of the "
        "generated `ALL`. Each path costs rustc time that grows with the position of the variant "
        "it names, so naming every variant once grows with the square of the variants; this is "
        "why the generated code names each variant once only (in `ALL`; `from_code` of a large "
        "catalog returns entries of `ALL`).",
        "",
        f"| paths to | {sizes[0] // 1000}k variants | {sizes[1] // 1000}k variants | "
        f"{sizes[1] // 1000}k ÷ {sizes[0] // 1000}k |",
        "|---|---|---|---|",
    ]
    for case, (small, large) in rows:
        growth = "—" if None in (small, large) else f"{large / small:.1f}"
        shown_small = "—" if small is None else f"{small:.2f} s"
        shown_large = "—" if large is None else f"{large:.2f} s"
        name = "none (the enum alone)" if case == cases[0] else case
        lines.append(f"| {name} | {shown_small} | {shown_large} | {growth} |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per build measurement")
    parser.add_argument("--check-runs", type=int, default=1,
                        help="runs per `cargo check` of generated code (minutes at 100k codes)")
    parser.add_argument("--count-sizes", default="10000,100000",
                        help="the two catalog sizes whose instructions are counted")
    parser.add_argument("--baseline", help="also count instructions of the generator at REV")
    parser.add_argument("--skip", nargs="*", default=[], choices=SECTIONS)
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    command = shown(["scripts/bench.py"] + sys.argv[1:])
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{command}` on "
        f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.",
        "",
        "## Machine",
        "",
    ] + machine()
    sections = {
        "generate": generate_section,
        "runtime": runtime_section,
        "count": lambda: count_section(args.baseline, [int(n) for n in args.count_sizes.split(",")]),
        "builddep": lambda: builddep_section(args.runs),
        "check": lambda: check_section(args.check_runs),
        "rustc": rustc_section,
    }
    for name in SECTIONS:
        if name not in args.skip:
            lines += [""] + sections[name]()
    lines += ["", f"Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}."]
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
