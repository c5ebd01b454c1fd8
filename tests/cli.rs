//! End-to-end tests of the `toolkit` binary: stdout, stderr and exit code together.

use std::io::Write;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one run of the binary printed and returned.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample(name: &str) -> String {
    format!("samples/{name}")
}

fn toolkit_with(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_toolkit"));
    cmd.args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("toolkit runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

impl Run {
    /// The run failed the way every error must: exit 2, nothing on stdout, and one
    /// line on stderr that starts with `prefix` (usually `error: FILE: reason`).
    #[track_caller]
    fn assert_one_error(&self, prefix: &str) {
        assert_eq!(self.code, 2, "{}", self.stderr);
        assert_eq!(self.stdout, "");
        assert_eq!(self.stderr.lines().count(), 1, "{}", self.stderr);
        assert!(
            self.stderr.starts_with(prefix),
            "want {prefix:?}, got {}",
            self.stderr
        );
    }
}

fn toolkit(args: &[&str]) -> Run {
    toolkit_with(args, None, &[])
}

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

const TOPIC_IDS: [&str; 13] = [
    "web-services",
    "databases",
    "version-control",
    "problem-solving",
    "languages",
    "security",
    "microservices",
    "apis",
    "debugging-tools",
    "learning",
    "cloud",
    "agile",
    "collaboration",
];

#[test]
fn check_prints_a_human_report() {
    let run = toolkit(&["check", &sample("omar-haddad.md")]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    insta::assert_snapshot!("check_human_omar", run.stdout);
}

#[test]
fn check_markdown_report() {
    let run = toolkit(&["check", "--format", "markdown", &sample("jiri-dvorak.txt")]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    insta::assert_snapshot!("check_markdown_jiri", run.stdout);
}

#[test]
fn check_json_follows_the_contract() {
    let run = toolkit(&[
        "check",
        "--format",
        "json",
        &sample("lin-weiting.md"),
        &sample("kwame-asante.json"),
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 2);
    let first = &lines[0];
    assert_eq!(first["schema_version"], 1);
    assert_eq!(first["file"], "samples/lin-weiting.md");
    assert_eq!(first["candidate"]["name"], "林瑋婷 (Lin Wei-Ting)");
    assert_eq!(first["profile"]["id"], "junior-backend-developer");
    assert_eq!(first["profile"]["title"], "Junior Backend Developer");
    let ids: Vec<&str> = first["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, TOPIC_IDS);
    // The score is the weighted share of topics covered: demonstrated counts fully,
    // listed half; the ten article topics weigh 1, the three context topics 0.5.
    let (mut earned, mut total) = (0.0_f64, 0.0_f64);
    for t in first["topics"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        let weight = if ["cloud", "agile", "collaboration"].contains(&id) {
            0.5
        } else {
            1.0
        };
        total += weight;
        earned += weight
            * match t["status"].as_str().unwrap() {
                "demonstrated" => 1.0,
                "listed" => 0.5,
                _ => 0.0,
            };
    }
    assert_eq!(
        first["score"].as_u64().unwrap(),
        (100.0 * earned / total).round() as u64
    );
    // Evidence quotes the resume line it names.
    let source = std::fs::read_to_string(root().join("samples/lin-weiting.md")).unwrap();
    let source_lines: Vec<&str> = source.lines().collect();
    for topic in first["topics"].as_array().unwrap() {
        for e in topic["evidence"].as_array().unwrap() {
            let line = e["line"].as_u64().unwrap() as usize;
            let text = e["text"].as_str().unwrap();
            let words: Vec<&str> = text.split_whitespace().take(2).collect();
            assert!(
                words
                    .iter()
                    .all(|w| source_lines[line - 1].contains(w.trim_matches('*'))),
                "line {line} is not {text:?}"
            );
        }
    }
    let misspelled: Vec<(&str, &str)> = first["misspellings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["found"].as_str().unwrap(),
                m["canonical"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(misspelled, [("Postgress", "PostgreSQL")]);
    assert_eq!(lines[1]["format"], "jsonresume");
}

#[test]
fn check_json_is_byte_identical_across_runs() {
    let args = [
        "check",
        "--format",
        "json",
        "samples/omar-haddad.md",
        "samples/valentina-rocha.json",
        "samples/tobias-lindgren.txt",
    ];
    let a = toolkit(&args);
    let b = toolkit(&args);
    assert_eq!(a.code, 0);
    assert_eq!(a.stdout, b.stdout);
}

/// Checks every resume of a labelled folder (resumes + labels.json in the corpus
/// format) and returns the cells that were wrong, as `file: topic: want X, got Y`.
fn labelled_errors(dir: &str) -> Vec<String> {
    let labels: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(root().join(dir).join("labels.json")).unwrap(),
    )
    .unwrap();
    let files: Vec<String> = labels
        .iter()
        .map(|l| format!("{dir}/{}", l["file"].as_str().unwrap()))
        .collect();
    let mut args = vec!["check", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let run = toolkit(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut wrong = Vec::new();
    for (label, got) in labels.iter().zip(json_lines(&run.stdout)) {
        for t in got["topics"].as_array().unwrap() {
            let id = t["id"].as_str().unwrap();
            let want = label["topics"][id].as_str().unwrap();
            if t["status"] != want {
                wrong.push(format!(
                    "{}: {id}: want {want}, got {}",
                    label["file"].as_str().unwrap(),
                    t["status"].as_str().unwrap()
                ));
            }
        }
    }
    wrong
}

/// The labelled sets are regression tests for the checker: the cells it gets
/// wrong are exactly the known misses below (samples 3-class 1.000, holdout
/// 0.995), so a new miss fails and so does a fixed one, until this list follows.
#[test]
fn labelled_samples_are_checked_correctly() {
    let known: [(&str, &[&str]); 2] = [
        ("samples", &[]),
        (
            "tests/holdout",
            &["callum-reid.json: problem-solving: want missing, got demonstrated"],
        ),
    ];
    for (dir, misses) in known {
        let mut got = labelled_errors(dir);
        let mut want: Vec<String> = misses.iter().map(|m| m.to_string()).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{dir}: the wrong cells changed");
    }
}

#[test]
fn stdin_is_read_as_markdown() {
    let md = b"# Ada Byte\n\n## Experience\n\n- Built REST endpoints in Go backed by PostgreSQL\n";
    let run = toolkit_with(&["check", "--format", "json", "-"], Some(md), &[]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let line = &json_lines(&run.stdout)[0];
    assert_eq!(line["file"], "<stdin>");
    assert_eq!(line["candidate"]["name"], "Ada Byte");
    assert_eq!(line["topics"][0]["status"], "demonstrated");
}

#[test]
fn fail_under_exits_one_below_the_threshold() {
    let weak = sample("deshawn-carter.txt");
    let run = toolkit(&["check", "--format", "json", "--fail-under", "90", &weak]);
    assert_eq!((run.code, run.stderr.as_str()), (1, ""));
    assert_eq!(
        json_lines(&run.stdout).len(),
        1,
        "the report is still printed"
    );
    let run = toolkit(&["check", "--format", "json", "--fail-under", "0", &weak]);
    assert_eq!(run.code, 0);
    let run = toolkit(&["check", "--fail-under", "101", &weak]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("101"), "{}", run.stderr);
}

/// Writes `bytes` to a file called `name` in a fresh temporary folder.
fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let shown = path.to_str().unwrap().to_string();
    (dir, shown)
}

#[test]
fn unreadable_inputs_get_one_line_and_exit_two() {
    let mut junk = vec![0u8; 64];
    junk.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.md", Vec::new(), "the file is empty"),
        ("blank.txt", b" \n\t\n".to_vec(), "the file is empty"),
        (
            "binary.md",
            junk,
            "the file looks binary, not text (a NUL byte at offset 0)",
        ),
        (
            "latin1.txt",
            b"Jos\xe9 Garc\xeda\nPython\n".to_vec(),
            "invalid UTF-8 on line 1: save the file as UTF-8",
        ),
        (
            "photo.png",
            b"not a resume".to_vec(),
            "unsupported file type; supported: .md, .markdown, .txt, .json, .docx, .pdf",
        ),
        (
            "broken.json",
            b"{\"basics\": ".to_vec(),
            "invalid JSON: EOF while parsing a value at line 1 column 11",
        ),
        (
            "list.json",
            b"[1, 2]".to_vec(),
            "not a JSON Resume: the top level is not an object",
        ),
    ];
    for (name, bytes, reason) in cases {
        let (_dir, path) = temp_file(name, &bytes);
        toolkit(&["check", &path]).assert_one_error(&format!("error: {path}: {reason}\n"));
    }
    let run = toolkit(&["check", "no/such/resume.md"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "error: no/such/resume.md: no such file\n")
    );
    let run = toolkit(&["check", "samples"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "error: samples: is a directory\n")
    );
}

#[test]
fn oversized_input_is_refused_before_reading() {
    let (_dir, path) = temp_file("big.md", &vec![b'a'; 2 * 1024 * 1024 + 10]);
    let run = toolkit(&["check", "--max-size", "2", &path]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!("error: {path}: the file is 2097162 bytes, over the limit of 2097152 bytes\n")
    );
    // A limit too large to count in bytes is no limit, not an overflow.
    let sample = sample("omar-haddad.md");
    let run = toolkit(&["check", "--max-size", "17592186044416", &sample]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(run.stdout.starts_with("Omar Haddad"), "{}", run.stdout);
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let (_dir, bad) = temp_file("empty.md", b"");
    let run = toolkit(&["check", "--format", "json", &bad, &sample("omar-haddad.md")]);
    assert_eq!(run.code, 2);
    assert_eq!(json_lines(&run.stdout).len(), 1);
    assert_eq!(run.stderr.lines().count(), 1);
}

#[test]
fn unknown_profile_suggests_and_lists() {
    let run = toolkit(&[
        "check",
        "--profile",
        "junior-backend-dev",
        &sample("omar-haddad.md"),
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: unknown profile `junior-backend-dev`: did you mean `junior-backend-developer`?\n\
         hint: built-in profiles: `junior-backend-developer`; or pass a profile TOML file\n"
    );
}

#[test]
fn custom_profile_files_are_validated_and_used() {
    let (_dir, broken) = temp_file("broken.toml", b"id = \"x\"\ntitle = \"X\"\nflavour = 1\n");
    let run = toolkit(&["check", "--profile", &broken, &sample("omar-haddad.md")]);
    run.assert_one_error(&format!("error: {broken}: unknown field `flavour`"));

    let profile = br#"id = "sql-analyst"
title = "SQL Analyst"
[[topic]]
id = "sql"
title = "SQL"
kind = "technical"
question = "How do you write a join?"
why = "Joins are the job."
terms = [{ name = "SQL", exact_case = true }, { name = "PostgreSQL" }]
"#;
    let (_dir2, good) = temp_file("analyst.toml", profile);
    let run = toolkit(&[
        "check",
        "--format",
        "json",
        "--profile",
        &good,
        &sample("omar-haddad.md"),
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let line = &json_lines(&run.stdout)[0];
    assert_eq!(line["profile"]["id"], "sql-analyst");
    assert_eq!(line["topics"].as_array().unwrap().len(), 1);
}

#[test]
fn profiles_lists_the_builtins() {
    let run = toolkit(&["profiles"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(
        run.stdout,
        "junior-backend-developer\tJunior Backend Developer\t13 topics\n"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let file = sample("omar-haddad.md");
    let plain = toolkit(&["check", &file]);
    assert!(!plain.stdout.contains('\x1b'));
    let forced = toolkit(&["check", "--color", "always", &file]);
    assert!(forced.stdout.contains("\x1b[32m✓ demonstrated"));
    let no_color = toolkit_with(
        &["check", "--color", "auto", &file],
        None,
        &[("NO_COLOR", "1")],
    );
    assert!(!no_color.stdout.contains('\x1b'));
}

#[test]
fn usage_errors_exit_two_and_help_exits_zero() {
    let run = toolkit(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("RESUME"), "{}", run.stderr);
    let run = toolkit(&["--help"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("check"));
}

/// Every file below `dir`, relative and sorted.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A cohort folder with good, broken, hidden, nested and same-named resumes.
fn cohort_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("clients");
    let copy = |from: &str, to: &str| {
        let dest = root.join(to);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(root_path(from), dest).unwrap();
    };
    copy("samples/omar-haddad.md", "north/resume.md");
    copy("samples/lin-weiting.md", "south/resume.md");
    copy("samples/jiri-dvorak.txt", "south/2025/jiri.txt");
    copy("samples/kwame-asante.json", "kwame.json");
    copy("samples/deshawn-carter.txt", ".drafts/old.txt");
    let write = |to: &str, bytes: &[u8]| std::fs::write(root.join(to), bytes).unwrap();
    write("empty.md", b"");
    write(
        "broken.docx",
        b"PK\x03\x04 this is not really a zip archive",
    );
    write("cut.json", br#"{"basics": {"name": "Cut Off"#);
    write("notes.png", b"\x89PNG not a resume");
    dir
}

fn root_path(rel: &str) -> PathBuf {
    root().join(rel)
}

fn read_csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text
        .strip_prefix('\u{feff}')
        .expect("summary.csv starts with a byte-order mark");
    text.lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn batch_writes_every_output_and_reports_bad_files() {
    let dir = cohort_tree();
    let clients = dir.path().join("clients");
    let out = clients.join("out"); // inside the input: must be skipped on a rerun
    let args = [
        "batch",
        "--date",
        "2026-11-25",
        "--out",
        out.to_str().unwrap(),
        clients.to_str().unwrap(),
    ];
    let run = toolkit(&args);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let shown = |rel: &str| clients.join(rel).display().to_string();
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 3, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("error: {}: the file is empty", shown("empty.md")))
    );
    assert!(
        run.stderr.ends_with(&format!(
            "4 done, 3 failed: see {}\n",
            out.join("summary.csv").display()
        )),
        "{}",
        run.stderr
    );

    let rows = read_csv_rows(&out.join("summary.csv"));
    let header = &rows[0];
    assert_eq!(header[..4], ["file", "candidate", "status", "score"]);
    assert_eq!(header[4..17], TOPIC_IDS);
    assert_eq!(header[17..], ["misspellings", "error"]);
    let summary: Vec<(String, String, String)> = rows[1..]
        .iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone()))
        .collect();
    let expect =
        |rel: &str, name: &str, status: &str| (shown(rel), name.to_string(), status.to_string());
    assert_eq!(
        summary,
        [
            expect("broken.docx", "", "error"),
            expect("cut.json", "", "error"),
            expect("empty.md", "", "error"),
            expect("kwame.json", "Kwame Asante", "ok"),
            expect("north/resume.md", "Omar Haddad", "ok"),
            expect("south/2025/jiri.txt", "Jiří Dvořák", "ok"),
            expect("south/resume.md", "林瑋婷 (Lin Wei-Ting)", "ok"),
        ]
    );
    let omar = &rows[5];
    assert_eq!(omar[9], "listed"); // security
    assert_eq!(omar[18], "");
    assert!(rows[2][18].starts_with("invalid JSON"), "{:?}", rows[2]);

    let files = tree(&out);
    assert_eq!(
        files,
        [
            "clients__kwame.json.check.json",
            "clients__kwame.json.prep.pdf",
            "clients__north__resume.md.check.json",
            "clients__north__resume.md.prep.pdf",
            "clients__south__2025__jiri.txt.check.json",
            "clients__south__2025__jiri.txt.prep.pdf",
            "clients__south__resume.md.check.json",
            "clients__south__resume.md.prep.pdf",
            "cohort.md",
            "cohort.pdf",
            "summary.csv",
        ]
    );
    for f in files.iter().filter(|f| f.ends_with(".check.json")) {
        let line: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join(f)).unwrap()).unwrap();
        assert_eq!(line["schema_version"], 1);
    }
    for f in files.iter().filter(|f| f.ends_with(".pdf")) {
        assert!(
            std::fs::read(out.join(f)).unwrap().starts_with(b"%PDF-"),
            "{f}"
        );
    }
    let cohort = std::fs::read_to_string(out.join("cohort.md")).unwrap();
    assert!(cohort.contains("**Clients:** 4"), "{cohort}");
    assert!(cohort.contains("**Unreadable files:** 3"), "{cohort}");

    // A rerun overwrites cleanly, skips its own output folder, and gives the same summary.
    let before = std::fs::read(out.join("summary.csv")).unwrap();
    let again = toolkit(&args);
    assert_eq!(again.code, 2);
    assert_eq!(std::fs::read(out.join("summary.csv")).unwrap(), before);
    assert_eq!(tree(&out), files, "no temporary or extra files are left");
}

#[test]
fn batch_without_pdfs_and_with_missing_inputs() {
    let dir = cohort_tree();
    let out = dir.path().join("out");
    let good = dir.path().join("clients/kwame.json");
    let run = toolkit(&[
        "batch",
        "--no-pdf",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
        good.to_str().unwrap(),
        "no/such/folder",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: no/such/folder: no such file\n");
    assert_eq!(
        tree(&out),
        ["cohort.md", "kwame.json.check.json", "summary.csv"]
    );
    let ok = toolkit(&[
        "batch",
        "--no-pdf",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!((ok.code, ok.stderr.as_str()), (0, ""));
}

#[test]
fn sharded_batches_merge_into_the_unsharded_summary() {
    let dir = cohort_tree();
    let clients = dir.path().join("clients");
    // A resume without a name is listed in the cohort grid the same way either way.
    std::fs::write(
        clients.join("noname.md"),
        "## Experience\n\n- Built REST APIs in Go\n",
    )
    .unwrap();
    let whole = dir.path().join("whole");
    let date = ["--date", "2026-11-25"];
    let run = toolkit(
        &[
            &["batch", "--no-pdf", "-q", "--out", whole.to_str().unwrap()],
            &date[..],
            &[clients.to_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(run.code, 2);
    for k in ["1/3", "2/3", "3/3"] {
        let shard_dir = dir.path().join(format!("shard{}", &k[..1]));
        let run = toolkit(
            &[
                &[
                    "batch",
                    "--no-pdf",
                    "-q",
                    "--shard",
                    k,
                    "--out",
                    shard_dir.to_str().unwrap(),
                ],
                &date[..],
                &[clients.to_str().unwrap()],
            ]
            .concat(),
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            shard_dir
                .join(format!("shard-{}-of-3.csv", &k[..1]))
                .exists()
        );
    }
    let merged = dir.path().join("merged");
    let shard_dirs: Vec<String> = (1..=3)
        .map(|k| dir.path().join(format!("shard{k}")).display().to_string())
        .collect();
    let mut args = vec![
        "merge",
        "--no-pdf",
        "--date",
        "2026-11-25",
        "--out",
        merged.to_str().unwrap(),
    ];
    args.extend(shard_dirs.iter().map(String::as_str));
    let run = toolkit(&args);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        std::fs::read(merged.join("summary.csv")).unwrap(),
        std::fs::read(whole.join("summary.csv")).unwrap()
    );
    assert_eq!(
        std::fs::read(merged.join("cohort.md")).unwrap(),
        std::fs::read(whole.join("cohort.md")).unwrap()
    );

    let mut partial = vec!["merge", "--out", merged.to_str().unwrap()];
    partial.extend(shard_dirs[..2].iter().map(String::as_str));
    let run = toolkit(&partial);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("error: incomplete shards: missing 3 of 3\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn prep_writes_a_pdf_atomically_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sheet.pdf");
    let run = toolkit(&[
        "prep",
        "--date",
        "2026-11-25",
        "-o",
        pdf.to_str().unwrap(),
        &sample("omar-haddad.md"),
    ]);
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "")
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let again = toolkit(&[
        "prep",
        "--date",
        "2026-11-25",
        "-o",
        pdf.to_str().unwrap(),
        &sample("omar-haddad.md"),
    ]);
    assert_eq!(again.code, 0);
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        bytes,
        "the same input gives the same PDF"
    );

    let md = toolkit(&[
        "prep",
        "--format",
        "markdown",
        "--date",
        "2026-11-25",
        "-o",
        "-",
        &sample("omar-haddad.md"),
    ]);
    assert_eq!((md.code, md.stderr.as_str()), (0, ""));
    insta::assert_snapshot!("prep_markdown_omar", md.stdout);

    // An unreadable resume leaves nothing at OUT, and what was there is kept.
    let (_d, empty) = temp_file("empty.md", b"");
    let run = toolkit(&["prep", "-o", pdf.to_str().unwrap(), &empty]);
    assert_eq!(
        (run.code, run.stderr.clone()),
        (2, format!("error: {empty}: the file is empty\n"))
    );
    assert_eq!(std::fs::read(&pdf).unwrap(), bytes);
    let fresh = dir.path().join("new.pdf");
    let run = toolkit(&["prep", "-o", fresh.to_str().unwrap(), &empty]);
    assert_eq!(run.code, 2);
    assert!(!fresh.exists());
    assert_eq!(
        tree(dir.path()),
        ["sheet.pdf"],
        "no temporary files are left"
    );
}

/// `toolkit prep` of the Omar Haddad sample with extra arguments.
fn prep_omar(extra: &[&str], out: &str) -> Run {
    let resume = sample("omar-haddad.md");
    let mut args = vec!["prep"];
    args.extend(extra);
    args.extend(["-o", out, resume.as_str()]);
    toolkit(&args)
}

#[test]
fn prep_templates_are_validated() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.pdf");
    let out = out.to_str().unwrap();
    let (_a, broken) = temp_file("broken.hbs", b"{{#each questions}}\n# {{candidate}}\n");
    let run = prep_omar(&["--template", &broken], out);
    run.assert_one_error(&format!("error: {broken}: template syntax: "));

    let (_b, typo) = temp_file("typo.hbs", b"% title: {{candiate}}\n");
    let run = prep_omar(&["--template", &typo], out);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("candiate"), "{}", run.stderr);
    assert!(!Path::new(out).exists());

    let (_c, custom) = temp_file(
        "custom.hbs",
        b"% title: Notes for {{candidate}}\n\n# {{candidate}}\n\n{{#each questions}}\n- {{{badge}}} {{question}}\n{{/each}}\n",
    );
    let run = prep_omar(&["--format", "markdown", "--template", &custom], "-");
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(
        run.stdout
            .starts_with("# Omar Haddad\n\n- **MISSING** How do you stay updated"),
        "{}",
        run.stdout
    );

    let run = prep_omar(&["--date", "2026-02-30"], out);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "error: invalid date `2026-02-30`: expected YYYY-MM-DD\n")
    );

    // The resume is read while the template compiles, but a broken template or date
    // is still the error reported when the resume is missing too.
    let missing = dir.path().join("no-such-resume.md");
    let missing = missing.to_str().unwrap();
    let run = toolkit(&["prep", "--template", &broken, "-o", out, missing]);
    run.assert_one_error(&format!("error: {broken}: template syntax: "));
    let run = toolkit(&["prep", "--date", "2026-02-30", "-o", out, missing]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "error: invalid date `2026-02-30`: expected YYYY-MM-DD\n")
    );
    let run = toolkit(&["prep", "-o", out, missing]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such-resume.md"), "{}", run.stderr);
    assert!(!Path::new(out).exists());
}

/// A minimal PDF with correct cross-reference offsets, from object bodies.
fn pdf_from_objects(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A one-page PDF that paints an image and has no text: a scan.
fn image_only_pdf() -> Vec<u8> {
    let content = b"q 612 0 0 792 0 0 cm /Im1 Do Q".to_vec();
    pdf_from_objects(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        [b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n".to_vec(), vec![0x80, 0x20, 0x20, 0x80], b"\nendstream".to_vec()].concat(),
        [format!("<< /Length {} >>\nstream\n", content.len()).into_bytes(), content, b"\nendstream".to_vec()].concat(),
    ])
}

/// A zip archive with one entry inflating to `size` bytes of XML-ish filler.
fn zip_bomb(size: u64) -> Vec<u8> {
    use std::io::Read;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(size >= u32::MAX as u64);
    w.start_file("[Content_Types].xml", opts).unwrap();
    w.write_all(b"<Types/>").unwrap();
    w.start_file("word/document.xml", opts).unwrap();
    std::io::copy(&mut std::io::repeat(b' ').take(size), &mut w).unwrap();
    w.finish().unwrap().into_inner()
}

/// A real DOCX cut in half.
fn truncated_docx() -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    w.start_file("word/document.xml", opts).unwrap();
    let body = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>".to_string()
        + &"<w:p><w:r><w:t>Built REST APIs in Go.</w:t></w:r></w:p>".repeat(200)
        + "</w:body></w:document>";
    w.write_all(body.as_bytes()).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    bytes[..bytes.len() / 2].to_vec()
}

/// Deterministic noise.
fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

/// Every kind of bad input, under the name it arrives with, and the reason expected.
fn bad_inputs() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let mut cases: Vec<(&'static str, Vec<u8>, &'static str)> = Vec::new();
    for (ext, seed) in [("md", 1), ("txt", 2), ("json", 3), ("docx", 4), ("pdf", 5)] {
        let empty: &'static str = Box::leak(format!("empty.{ext}").into_boxed_str());
        let noise: &'static str = Box::leak(format!("noise.{ext}").into_boxed_str());
        cases.push((empty, Vec::new(), "the file is empty"));
        cases.push((noise, random_bytes(4096, seed), ""));
    }
    cases.push((
        "nul.txt",
        b"Jane Doe\n\0\0\0 Python\n".to_vec(),
        "the file looks binary, not text (a NUL byte at offset 9)",
    ));
    cases.push((
        "latin1.md",
        b"# Jos\xe9\n\nPython\n".to_vec(),
        "invalid UTF-8 on line 1: save the file as UTF-8",
    ));
    cases.push((
        "one-line.md",
        "word ".repeat(210_000).into_bytes(),
        "line 1 is 1050000 characters long, over the limit of 20000: this is not resume text",
    ));
    cases.push(("truncated.docx", truncated_docx(), "unreadable DOCX"));
    cases.push(("bomb.docx", zip_bomb(2 << 30), "inflates to more than"));
    cases.push((
        "scan.pdf",
        image_only_pdf(),
        "no text layer: export the resume as a text-based PDF or DOCX",
    ));
    cases.push(("broken-xref.pdf", b"%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 9 0 R >>\nstartxref\n9\n%%EOF\n".to_vec(), "unreadable PDF"));
    cases.push((
        "encrypted.pdf",
        std::fs::read(root_path(
            "crates/toolkit-document/tests/fixtures/encrypted-user-password.pdf",
        ))
        .unwrap(),
        "the PDF is encrypted: export an unprotected copy",
    ));
    cases.push((
        "old-word.doc",
        [
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
            &[0; 512],
        ]
        .concat(),
        "legacy Word .doc is not supported: save it as .docx or PDF",
    ));
    cases
}

#[test]
fn bad_input_matrix_in_check_prep_and_batch() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    let cases = bad_inputs();
    for (name, bytes, _) in &cases {
        std::fs::write(inputs.join(name), bytes).unwrap();
    }
    // 50 MB, sparse: refused on its size before it is read.
    let huge = inputs.join("huge.pdf");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(50 << 20)
        .unwrap();

    let sheet = dir.path().join("sheet.pdf");
    let mut names: Vec<&str> = cases.iter().map(|c| c.0).collect();
    names.push("huge.pdf");
    for name in &names {
        let path = inputs.join(name).display().to_string();
        let want = cases.iter().find(|c| c.0 == *name).map_or(
            "the file is 52428800 bytes, over the limit of 20971520 bytes",
            |c| c.2,
        );
        for args in [
            vec!["check", path.as_str()],
            vec!["prep", "-o", sheet.to_str().unwrap(), path.as_str()],
        ] {
            let run = toolkit(&args);
            run.assert_one_error(&format!("error: {path}: "));
            assert!(
                run.stderr.contains(want),
                "{args:?}: want {want:?} in {}",
                run.stderr
            );
        }
        assert!(!sheet.exists(), "no sheet is written for {name}");
    }

    let out = dir.path().join("out");
    let run = toolkit(&[
        "batch",
        "--quiet",
        "--no-pdf",
        "--out",
        out.to_str().unwrap(),
        inputs.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), names.len(), "{}", run.stderr);
    let rows = read_csv_rows(&out.join("summary.csv"));
    assert_eq!(rows.len(), 1 + names.len());
    assert!(rows[1..].iter().all(|r| r[2] == "error"), "{rows:?}");
    assert_eq!(tree(&out), ["cohort.md", "summary.csv"]);
}

const ARTICLE_QUESTIONS: [&str; 10] = [
    "Can you explain the difference between REST and SOAP?",
    "What is your experience with databases, and can you explain normalization?",
    "How do you handle version control in your projects?",
    "Can you describe a challenging bug you encountered and how you resolved it?",
    "What programming languages are you most comfortable with, and why?",
    "How do you ensure the security of your applications?",
    "What is your understanding of microservices architecture?",
    "Can you explain what an API is and how it works?",
    "What tools do you use for debugging your code?",
    "How do you stay updated with the latest trends in backend development?",
];

/// poppler, when installed (CI installs it), reads the same text: fonts embedded,
/// Unicode names intact.
#[test]
fn pdftotext_reads_the_sheet() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        // CI installs poppler: there, a missing pdftotext is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext is not installed but CI is set"
        );
        eprintln!("pdftotext is not installed; skipping the poppler cross-check");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sheet.pdf");
    let run = toolkit(&[
        "prep",
        "--paper",
        "letter",
        "-o",
        pdf.to_str().unwrap(),
        "samples/lukasz-kowalczyk.md",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Interview prep: Łukasz Kowalczyk"), "{text}");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for q in ARTICLE_QUESTIONS {
        assert!(flat.contains(q), "pdftotext lost {q:?}");
    }
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.contains("612 x 792") && info.contains("(letter)"),
        "{info}"
    );
}

#[test]
fn prep_markdown_snapshots() {
    for (name, resume) in [
        ("prep_markdown_lin", "samples/lin-weiting.md"),
        ("prep_markdown_deshawn", "samples/deshawn-carter.txt"),
        ("prep_markdown_kwame", "samples/kwame-asante.json"),
    ] {
        let run = toolkit(&[
            "prep",
            "--format",
            "markdown",
            "--date",
            "2026-11-25",
            "-o",
            "-",
            resume,
        ]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{resume}");
        insta::assert_snapshot!(name, run.stdout);
    }
}

/// Ctrl-C during a batch: finished outputs are complete, nothing half-written or
/// temporary is left, and the exit code says so.
#[cfg(unix)]
#[test]
fn interrupted_batch_leaves_only_complete_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let text = std::fs::read(root_path("samples/omar-haddad.md")).unwrap();
    for i in 0..400 {
        std::fs::write(input.join(format!("client{i:03}.md")), &text).unwrap();
    }
    let out = dir.path().join("out");
    // The workers hold once three resumes are finished, so the interrupt always
    // lands in the middle of the batch.
    let child = Command::new(env!("CARGO_BIN_EXE_toolkit"))
        .args([
            "batch",
            "--quiet",
            "--jobs",
            "2",
            "--out",
            out.to_str().unwrap(),
            input.to_str().unwrap(),
        ])
        .env("TOOLKIT_TEST_PAUSE_AFTER", "3")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let paused = (0..3000).any(|_| {
        let written = out.exists() && std::fs::read_dir(&out).unwrap().count() >= 6;
        if !written {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        written
    });
    assert!(paused, "the batch never wrote its first three resumes");
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(130), "{stderr}");
    assert!(stderr.starts_with("interrupted: "), "{stderr}");
    assert!(!out.join("summary.csv").exists());
    let written = tree(&out)
        .iter()
        .filter(|f| f.ends_with(".check.json"))
        .count();
    // Three finished before the pause; the other worker may finish the one it holds.
    assert!((3..=4).contains(&written), "{written} written");
    for f in tree(&out) {
        assert!(!f.starts_with(".toolkit-"), "temporary file left: {f}");
        let bytes = std::fs::read(out.join(&f)).unwrap();
        if f.ends_with(".pdf") {
            assert!(
                bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
                "{f} is incomplete"
            );
        }
        if f.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .unwrap_or_else(|e| panic!("{f}: {e}"));
        }
    }
}

/// Awkward but valid resumes are read sensibly, not just without a crash.
#[test]
fn awkward_samples_are_checked_sensibly() {
    let run = toolkit(&[
        "check",
        "--format",
        "json",
        "samples/edge/no-headings.md",
        "samples/edge/long-lines.txt",
        "samples/edge/sam-lee.md",
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let lines = json_lines(&run.stdout);
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l["candidate"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Farida Nasser", "Patrick O'Sullivan", "Sam Lee"]);
    let status = |l: &serde_json::Value, id: &str| {
        l["topics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // No headings at all: the job bullets still demonstrate, the summary only lists.
    assert_eq!(status(&lines[0], "web-services"), "demonstrated");
    assert_eq!(status(&lines[0], "problem-solving"), "demonstrated");
    // "EXPERIENCE: ..." paragraphs open sections.
    assert_eq!(status(&lines[1], "problem-solving"), "demonstrated");
    assert_eq!(status(&lines[1], "databases"), "demonstrated");
}

/// A file's content decides its reader when its name misleads: Word 2003 XML saved
/// as `.doc`, a PDF saved as `.md`.
#[test]
fn misnamed_files_are_read_by_their_content() {
    let word_xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body>
<w:p><w:r><w:t>Jane Roe</w:t></w:r></w:p>
<w:p><w:r><w:t>Experience</w:t></w:r></w:p>
<w:p><w:r><w:t>Built REST endpoints in Go backed by PostgreSQL.</w:t></w:r></w:p>
</w:body></w:wordDocument>"#;
    let (_a, doc) = temp_file("cv.doc", word_xml);
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.pdf");
    assert_eq!(
        toolkit(&[
            "prep",
            "-o",
            sheet.to_str().unwrap(),
            "samples/omar-haddad.md"
        ])
        .code,
        0
    );
    let pdf_as_md = dir.path().join("sheet.md");
    std::fs::rename(&sheet, &pdf_as_md).unwrap();

    let run = toolkit(&[
        "check",
        "--format",
        "json",
        &doc,
        pdf_as_md.to_str().unwrap(),
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let lines = json_lines(&run.stdout);
    assert_eq!(lines[0]["format"], "docx");
    assert_eq!(lines[0]["candidate"]["name"], "Jane Roe");
    assert_eq!(lines[0]["topics"][0]["status"], "demonstrated");
    assert_eq!(lines[1]["format"], "pdf");
    let pages: Vec<&serde_json::Value> = lines[1]["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["evidence"].as_array().unwrap())
        .map(|e| &e["page"])
        .collect();
    assert!(
        !pages.is_empty() && pages.iter().all(|p| p.as_u64().is_some()),
        "PDF evidence carries its page"
    );
}

#[test]
fn prep_never_replaces_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let cv = dir.path().join("cv.md");
    let original = std::fs::read(root().join(sample("omar-haddad.md"))).unwrap();
    std::fs::write(&cv, &original).unwrap();
    let cv = cv.to_str().unwrap();
    let run = toolkit(&["prep", "-o", cv, cv]);
    run.assert_one_error(&format!(
        "error: {cv}: the output is the resume itself; choose another -o"
    ));
    // Through a link to the resume, too.
    #[cfg(unix)]
    {
        let link = dir.path().join("sheet.pdf");
        std::os::unix::fs::symlink(cv, &link).unwrap();
        let link = link.to_str().unwrap();
        let run = toolkit(&["prep", "-o", link, cv]);
        run.assert_one_error(&format!("error: {link}: the output is the resume itself"));
    }
    assert_eq!(std::fs::read(cv).unwrap(), original);
}

#[cfg(unix)]
#[test]
fn prep_writes_through_links_and_into_pipes_and_devices() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.pdf");
    std::fs::write(&real, b"old").unwrap();
    let link = dir.path().join("link.pdf");
    std::os::unix::fs::symlink("real.pdf", &link).unwrap();
    let run = prep_omar(&["--date", "2026-11-25"], link.to_str().unwrap());
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert!(std::fs::read(&real).unwrap().starts_with(b"%PDF-"));

    // A FIFO is written into, not replaced by a regular file.
    let fifo = dir.path().join("pipe.pdf");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let run = prep_omar(&["--date", "2026-11-25"], fifo.to_str().unwrap());
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert!(reader.join().unwrap().starts_with(b"%PDF-"));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    // A link to a character device: the test's own node, where it may make one (as
    // root, in CI). Elsewhere this part is skipped: a test never names a system path.
    let node = dir.path().join("null");
    let made_node = Command::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made_node {
        let dev_link = dir.path().join("dev.pdf");
        std::os::unix::fs::symlink(&node, &dev_link).unwrap();
        let run = prep_omar(&["--date", "2026-11-25"], dev_link.to_str().unwrap());
        assert_eq!((run.code, run.stderr.as_str()), (0, ""));
        assert!(
            std::fs::symlink_metadata(&dev_link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            std::fs::metadata(&node)
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
    // No temporary file is left anywhere.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[cfg(unix)]
#[test]
fn batch_never_writes_through_a_link_onto_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let clients = dir.path().join("clients");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&clients).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let cv = clients.join("cv.md");
    let original = std::fs::read(root().join(sample("omar-haddad.md"))).unwrap();
    std::fs::write(&cv, &original).unwrap();
    std::os::unix::fs::symlink(&cv, out.join("cv.md.check.json")).unwrap();
    let run = toolkit(&[
        "batch",
        "--no-pdf",
        "--out",
        out.to_str().unwrap(),
        cv.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("it is one of the inputs"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&cv).unwrap(), original);
}

/// A resume line quoted in the Markdown report is text, never a link or HTML.
#[test]
fn markdown_report_shows_markup_in_a_line_as_text() {
    let (_dir, path) = temp_file(
        "cv.txt",
        b"Ada Byte\n\nEXPERIENCE\n- Built REST APIs in Go, see [docs](http://evil.example) <b>x</b>\n",
    );
    let run = toolkit(&["check", "--format", "markdown", &path]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let row = run.stdout.lines().find(|l| l.contains("(REST)")).unwrap();
    assert!(
        row.ends_with(r"Built REST APIs in Go, see \[docs\](http://evil.example) \<b\>x\</b\> |"),
        "{row}"
    );
}
