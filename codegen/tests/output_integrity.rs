//! Every file errcat writes is written whole or not at all, only when its content changes,
//! and with the same bytes on every run.
//!
//! The process tests run the `errcat` binary, so they need the `cli` feature (the suite runs
//! with `--all-features`). Separate processes also get separate `HashMap` seeds.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use errcat_codegen::{Builder, rust, write_if_changed};

/// An empty directory of its own for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("integrity-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn bundled_catalogs() -> Vec<PathBuf> {
    common::yaml_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog"))
}

fn generated(catalog: &Path) -> String {
    rust::generate(
        &errcat_codegen::load(catalog).unwrap(),
        &rust::Options::default(),
    )
    .unwrap()
}

/// Sets the modification time of `path` an hour back, and returns it.
fn backdate(path: &Path) -> SystemTime {
    let long_ago = SystemTime::now() - Duration::from_secs(3600);
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(long_ago).unwrap();
    long_ago
}

#[test]
fn racing_writers_leave_one_whole_file_and_no_temporary_files() {
    let dir = scratch("threads");
    let path = dir.join("out.rs");
    // Large enough that a torn write would show.
    let contents: Vec<Vec<u8>> = (0..6u8).map(|i| vec![b'a' + i; 512 * 1024]).collect();
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut reads = 0;
            while !done.load(Ordering::SeqCst) {
                if let Ok(bytes) = fs::read(&path) {
                    assert!(contents.contains(&bytes), "read a torn file");
                    reads += 1;
                }
            }
            reads
        });
        let writers: Vec<_> = (0..contents.len())
            .map(|i| {
                let (path, contents) = (&path, &contents);
                scope.spawn(move || {
                    for round in 0..40 {
                        write_if_changed(path, &contents[(i + round) % contents.len()]).unwrap();
                    }
                })
            })
            .collect();
        writers
            .into_iter()
            .for_each(|writer| writer.join().unwrap());
        done.store(true, Ordering::SeqCst);
        assert!(reader.join().unwrap() > 0);
    });
    assert!(contents.contains(&fs::read(&path).unwrap()));
    assert_eq!(names(&dir), ["out.rs"]);
}

#[test]
fn builders_racing_on_one_out_dir_agree() {
    let dir = scratch("builders");
    let catalogs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    std::thread::scope(|scope| {
        for _ in 0..4 {
            let (dir, catalogs) = (&dir, &catalogs);
            scope.spawn(move || {
                for _ in 0..3 {
                    Builder::new()
                        .catalog_dir(catalogs)
                        .out_dir(dir)
                        .cargo_directives(false)
                        .compile()
                        .unwrap();
                }
            });
        }
    });
    assert_eq!(
        names(&dir),
        ["astrada.rs", "awork.rs", "guizhan.rs", "mode.rs"]
    );
    for catalog in bundled_catalogs() {
        let name = catalog.file_stem().unwrap().to_string_lossy();
        assert_eq!(
            fs::read_to_string(dir.join(format!("{name}.rs"))).unwrap(),
            generated(&catalog)
        );
    }
}

#[test]
fn unchanged_output_keeps_its_modification_time() {
    let dir = scratch("mtime");
    let path = dir.join("out.rs");
    assert!(write_if_changed(&path, b"same").unwrap());
    let long_ago = backdate(&path);
    assert!(!write_if_changed(&path, b"same").unwrap());
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), long_ago);
    assert!(write_if_changed(&path, b"changed").unwrap());
    assert_ne!(fs::metadata(&path).unwrap().modified().unwrap(), long_ago);
}

#[cfg(feature = "cli")]
mod cli {
    use std::process::{Command, Output};

    use super::*;

    fn errcat(args: &[&std::ffi::OsStr]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_errcat"))
            .args(args)
            .output()
            .unwrap()
    }

    /// The same catalog gives the same bytes in ten processes, each with its own `HashMap`
    /// seed, and the Rust the same as the library gives in this one.
    #[test]
    fn output_is_identical_across_runs_and_hash_seeds() {
        let build_dep = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/build-dep/catalogs");
        let mut catalogs = bundled_catalogs();
        catalogs.extend(common::yaml_files(&build_dep));
        for catalog in &catalogs {
            let expected = generated(catalog);
            for _ in 0..10 {
                let output = errcat(&["rust".as_ref(), catalog.as_os_str()]);
                assert!(output.status.success());
                assert!(
                    output.stdout == expected.as_bytes(),
                    "{} differs between runs",
                    catalog.display()
                );
            }
        }
        // The other emitters: each run gives the bytes of the first.
        for catalog in bundled_catalogs() {
            for command in [
                &["openapi"][..],
                &["openapi", "--format", "yaml"],
                &["docs"],
                &["rust", "--http", "--axum", "--utoipa"],
            ] {
                let run = || {
                    let mut args: Vec<&std::ffi::OsStr> =
                        command.iter().map(|arg| arg.as_ref()).collect();
                    args.push(catalog.as_os_str());
                    let output = errcat(&args);
                    assert!(output.status.success(), "{command:?} {}", catalog.display());
                    output.stdout
                };
                let first = run();
                for _ in 1..10 {
                    assert!(
                        run() == first,
                        "{command:?} {} differs between runs",
                        catalog.display()
                    );
                }
            }
        }
    }

    /// Processes writing different catalogs to one `-o` file at once leave exactly one of them.
    #[test]
    fn racing_processes_leave_one_whole_file() {
        let dir = scratch("processes");
        let out = dir.join("out.rs");
        let catalogs = bundled_catalogs();
        let expected: Vec<String> = catalogs.iter().map(|c| generated(c)).collect();
        for _ in 0..3 {
            let children: Vec<_> = catalogs
                .iter()
                .chain(&catalogs)
                .map(|catalog| {
                    Command::new(env!("CARGO_BIN_EXE_errcat"))
                        .arg("rust")
                        .arg(catalog)
                        .arg("-o")
                        .arg(&out)
                        .spawn()
                        .unwrap()
                })
                .collect();
            for mut child in children {
                assert!(child.wait().unwrap().success());
            }
            let written = fs::read_to_string(&out).unwrap();
            assert!(expected.contains(&written), "a torn or foreign file");
            assert_eq!(names(&dir), ["out.rs"]);
        }
    }

    /// `-o` writes only when the content changes.
    #[test]
    fn cli_output_is_written_only_when_it_changes() {
        let dir = scratch("cli-mtime");
        let out = dir.join("guizhan.rs");
        let catalog = bundled_catalogs()
            .into_iter()
            .find(|c| c.ends_with("guizhan.yaml"))
            .unwrap();
        let run = || {
            errcat(&[
                "rust".as_ref(),
                catalog.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
            ])
        };
        assert!(run().status.success());
        let long_ago = backdate(&out);
        assert!(run().status.success());
        assert_eq!(fs::metadata(&out).unwrap().modified().unwrap(), long_ago);
        assert_eq!(fs::read_to_string(&out).unwrap(), generated(&catalog));
    }

    /// `-o /dev/stdout` into a pipe writes the file to the pipe, as `errcat rust` without `-o`.
    #[cfg(unix)]
    #[test]
    fn output_into_a_pipe_is_written_through() {
        let catalog = &bundled_catalogs()[0];
        let output = errcat(&[
            "rust".as_ref(),
            catalog.as_os_str(),
            "-o".as_ref(),
            "/dev/stdout".as_ref(),
        ]);
        assert!(output.status.success(), "{output:?}");
        assert!(output.stdout == generated(catalog).as_bytes());
    }
}
