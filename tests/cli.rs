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
    let score = first["score"].as_u64().unwrap();
    assert!(score <= 100);
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

#[test]
fn labelled_samples_are_checked_correctly() {
    let labels: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(root().join("samples/labels.json")).unwrap())
            .unwrap();
    let files: Vec<String> = labels
        .iter()
        .map(|l| sample(l["file"].as_str().unwrap()))
        .collect();
    let mut args = vec!["check", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let run = toolkit(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (mut right, mut total) = (0, 0);
    let mut wrong = Vec::new();
    for (label, got) in labels.iter().zip(json_lines(&run.stdout)) {
        for t in got["topics"].as_array().unwrap() {
            let id = t["id"].as_str().unwrap();
            let want = &label["topics"][id];
            total += 1;
            if &t["status"] == want {
                right += 1;
            } else {
                wrong.push(format!(
                    "{}: {id}: want {want}, got {}",
                    label["file"], t["status"]
                ));
            }
        }
    }
    let accuracy = right as f64 / total as f64;
    assert!(
        accuracy >= 0.95,
        "3-class accuracy {accuracy:.3}:\n{}",
        wrong.join("\n")
    );
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
        let run = toolkit(&["check", &path]);
        assert_eq!(run.code, 2, "{name}");
        assert_eq!(run.stdout, "", "{name}");
        assert_eq!(run.stderr, format!("error: {path}: {reason}\n"), "{name}");
    }
    let run = toolkit(&["check", "no/such/resume.md"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (2, "error: no/such/resume.md: no such file\n")
    );
    let run = toolkit(&["check", "samples"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            2,
            "error: samples: unsupported file type; supported: .md, .markdown, .txt, .json, .docx, .pdf\n"
        )
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
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with(&format!("error: {broken}: unknown field `flavour`")),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1);

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
