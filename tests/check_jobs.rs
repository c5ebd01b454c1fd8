//! `toolkit check` over many files on several threads: the output is the same, byte
//! for byte, with any number of jobs, errors keep their place, exit codes do not
//! change, and a closed pipe is not an error.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run printed and returned.
#[derive(Debug, PartialEq, Eq)]
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The binary with these arguments, run from the repository root with no input.
fn command(args: &[String]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_toolkit"));
    cmd.args(args).current_dir(root()).stdin(Stdio::null());
    cmd
}

fn toolkit(args: &[String]) -> Run {
    let out = command(args).output().expect("toolkit runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Stdout and stderr written into one file, so the place of each error line among
/// the reports shows.
fn toolkit_interleaved(args: &[String], dir: &Path) -> String {
    let path = dir.join("interleaved.txt");
    let file = std::fs::File::create(&path).unwrap();
    let status = command(args)
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    std::fs::read_to_string(path).unwrap()
}

/// The files, `times` times over.
fn repeated(files: &[&str], times: usize) -> Vec<String> {
    files.repeat(times).into_iter().map(String::from).collect()
}

fn args(prefix: &[&str], files: &[String]) -> Vec<String> {
    prefix
        .iter()
        .map(|s| s.to_string())
        .chain(files.iter().cloned())
        .collect()
}

/// Every labelled resume three times over, with unreadable files in between: an
/// empty file, a binary one, a missing one, a folder and an unsupported type. The
/// bad ones come early and late, so several workers are ahead of them.
fn many_files(dir: &Path) -> (Vec<String>, Vec<String>) {
    let mut good = Vec::new();
    for folder in ["samples", "tests/holdout"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                ["md", "txt", "json"]
                    .iter()
                    .any(|e| p.extension().is_some_and(|x| x == *e))
                    && name != "labels.json"
                    && name != "README.md"
            })
            .collect();
        names.sort();
        good.extend(names.iter().map(|p| {
            p.strip_prefix(root())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        }));
    }
    assert!(good.len() >= 20, "{good:?}");
    std::fs::write(dir.join("empty.md"), b"").unwrap();
    std::fs::write(dir.join("binary.txt"), b"\0\x01\x02 not text").unwrap();
    std::fs::write(dir.join("photo.png"), b"not a resume").unwrap();
    let shown = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let bad = [
        shown("empty.md"),
        shown("binary.txt"),
        shown("missing.md"),
        dir.to_string_lossy().into_owned(),
        shown("photo.png"),
    ];
    let mut files = Vec::new();
    for round in 0..3 {
        for (i, f) in good.iter().enumerate() {
            files.push(f.clone());
            if i % 9 == round {
                files.push(bad[(i + round) % bad.len()].clone());
            }
        }
    }
    files.push(bad[0].clone());
    let errors = files.iter().filter(|f| bad.contains(f)).cloned().collect();
    (files, errors)
}

#[test]
fn every_format_is_byte_identical_with_one_job_and_four() {
    let dir = tempfile::tempdir().unwrap();
    let (files, errors) = many_files(dir.path());
    for format in ["human", "markdown", "json"] {
        let one = toolkit(&args(&["check", "--format", format, "--jobs", "1"], &files));
        let four = toolkit(&args(&["check", "--format", format, "--jobs", "4"], &files));
        let default = toolkit(&args(&["check", "--format", format], &files));
        assert_eq!(one.code, 2, "{format}: {}", one.stderr);
        assert!(one.stdout.len() > 20_000, "{format}");
        assert!(one == four, "{format}: --jobs 4 differs from --jobs 1");
        assert!(
            one == default,
            "{format}: the default differs from --jobs 1"
        );
        // One error line per bad file, in input order.
        let failed: Vec<&str> = one
            .stderr
            .lines()
            .map(|l| {
                let l = l.strip_prefix("error: ").expect("an error line");
                errors
                    .iter()
                    .find(|e| l.starts_with(&format!("{e}: ")))
                    .expect("a bad file")
                    .as_str()
            })
            .collect();
        assert_eq!(failed, errors, "{format}");
    }
}

#[test]
fn json_lines_follow_the_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let (files, errors) = many_files(dir.path());
    let run = toolkit(&args(&["check", "--format", "json", "--jobs", "3"], &files));
    let shown: Vec<String> = String::from_utf8(run.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["file"].as_str().unwrap().to_string()
        })
        .collect();
    let want: Vec<String> = files
        .iter()
        .filter(|f| !errors.contains(f))
        .cloned()
        .collect();
    assert_eq!(shown, want);
}

#[test]
fn error_lines_keep_their_place_among_the_reports() {
    let dir = tempfile::tempdir().unwrap();
    let (files, _) = many_files(dir.path());
    let argv = |jobs: &str| args(&["check", "--format", "json", "--jobs", jobs], &files);
    let one = toolkit_interleaved(&argv("1"), dir.path());
    let four = toolkit_interleaved(&argv("4"), dir.path());
    assert_eq!(one, four);
    // Each line names its file, in the order the files were given.
    let named: Vec<&str> = one
        .lines()
        .map(|l| {
            files
                .iter()
                .find(|f| {
                    l.starts_with(&format!("error: {f}: "))
                        || l.contains(&format!("\"file\":{}", serde_json::json!(f)))
                })
                .unwrap_or_else(|| panic!("a line that names no input: {l}"))
                .as_str()
        })
        .collect();
    assert_eq!(named, files);
}

#[test]
fn exit_codes_do_not_depend_on_the_jobs() {
    let good = repeated(&["samples/omar-haddad.md", "samples/jiri-dvorak.txt"], 6);
    for jobs in ["1", "2", "4"] {
        let ok = toolkit(&args(&["check", "--jobs", jobs], &good));
        assert_eq!((ok.code, ok.stderr.as_str()), (0, ""), "--jobs {jobs}");
        let below = toolkit(&args(
            &["check", "--jobs", jobs, "--fail-under", "99"],
            &good,
        ));
        assert_eq!(below.code, 1, "--jobs {jobs}");
        let mut with_bad = good.clone();
        with_bad.insert(3, "no/such/resume.md".into());
        let bad = toolkit(&args(
            &["check", "--jobs", jobs, "--fail-under", "99"],
            &with_bad,
        ));
        assert_eq!(
            (bad.code, bad.stderr.as_str()),
            (2, "error: no/such/resume.md: no such file\n"),
            "--jobs {jobs}"
        );
    }
    let zero = toolkit(&args(&["check", "--jobs", "0"], &good));
    assert_eq!(zero.code, 2);
    assert!(zero.stderr.contains("--jobs"), "{}", zero.stderr);
}

#[test]
fn a_closed_pipe_ends_the_run_with_exit_zero() {
    // Far more output than a pipe holds, so the writer is still busy when the
    // reader goes away.
    let files = repeated(
        &["samples/omar-haddad.md", "samples/kwame-asante.json"],
        150,
    );
    for jobs in ["1", "2"] {
        let mut child = command(&args(&["check", "--jobs", jobs], &files))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 100];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The read end is closed here.
        let out = child.wait_with_output().unwrap();
        assert!(first.starts_with(b"Omar Haddad"));
        assert_eq!(
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).as_ref()
            ),
            (Some(0), ""),
            "--jobs {jobs}"
        );
    }
}

#[test]
fn pseudonyms_are_given_in_input_order_with_any_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let (files, _) = many_files(dir.path());
    let run = |jobs: &str| {
        let key = dir.path().join(format!("key-{jobs}.csv"));
        let key_arg = key.to_string_lossy().into_owned();
        let argv = ["check", "--redact", "--key", &key_arg, "--format", "json"];
        let run = toolkit(&args(&[&argv[..], &["--jobs", jobs]].concat(), &files));
        (run, std::fs::read(key).unwrap())
    };
    let (one, one_key) = run("1");
    let (four, four_key) = run("4");
    assert_eq!(one.code, 2, "{}", one.stderr);
    assert!(one.stdout.len() > 20_000);
    assert_eq!(one.code, four.code);
    assert!(one.stdout == four.stdout, "--jobs 4 differs from --jobs 1");
    // The same errors; the key file is named on its own line.
    assert_eq!(
        one.stderr.replace("key-1.csv", "KEY"),
        four.stderr.replace("key-4.csv", "KEY")
    );
    assert_eq!(one_key, four_key);
    let first = String::from_utf8(one.stdout).unwrap();
    assert!(
        first.starts_with(r#"{"schema_version":1,"file":"Client 01."#),
        "{}",
        &first[..80]
    );
}
