//! A coach's second session, end to end: `toolkit diff`, `batch --compare` and
//! `--redact`, with stdout, stderr and exit code asserted together.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `toolkit` from the repository root with the pseudonym key's default
/// folder pointed into `home`, so no test touches the user's own key.
fn toolkit_in(home: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_toolkit"))
        .args(args)
        .current_dir(root())
        .env("XDG_DATA_HOME", home)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdin(Stdio::null())
        .output()
        .expect("toolkit runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = fs::read_to_string(path).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|h| h == name).unwrap()
}

/// A topic of a diff object: (id, before, after, added "term: text", removed).
type TopicDiff = (String, String, String, Vec<String>, Vec<String>);

/// The topics of a diff object whose status or evidence changed.
fn changed_topics(diff: &Value) -> Vec<TopicDiff> {
    let terms = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    e["term"].as_str().unwrap(),
                    e["text"].as_str().unwrap()
                )
            })
            .collect()
    };
    diff["topics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["before"] != t["after"]
                || !t["added"].as_array().unwrap().is_empty()
                || !t["removed"].as_array().unwrap().is_empty()
        })
        .map(|t| {
            (
                t["id"].as_str().unwrap().to_string(),
                t["before"].as_str().unwrap().to_string(),
                t["after"].as_str().unwrap().to_string(),
                terms(&t["added"]),
                terms(&t["removed"]),
            )
        })
        .collect()
}

#[test]
fn diff_of_a_pdf_and_a_docx_finds_exactly_the_changes() {
    let home = tempfile::tempdir().unwrap();
    let run = toolkit_in(
        home.path(),
        &[
            "diff",
            "--format",
            "json",
            "tests/coach/v1.pdf",
            "tests/coach/v2.docx",
        ],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(run.stdout.lines().count(), 1);
    let diff: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(diff["schema_version"], 1);
    assert_eq!(
        diff["old"],
        json!({"file": "tests/coach/v1.pdf", "score": 48})
    );
    assert_eq!(
        diff["new"],
        json!({"file": "tests/coach/v2.docx", "score": 61})
    );
    assert_eq!(diff["topics"].as_array().unwrap().len(), 13);
    let skills_then = "Java, Spring Boot, Postgress, Git";
    let skills_now = "Java, Spring Boot, PostgreSQL, Git";
    let line = |term: &str, text: &str| vec![format!("{term}: {text}")];
    assert_eq!(
        changed_topics(&diff),
        [
            (
                "databases".into(),
                "demonstrated".into(),
                "demonstrated".into(),
                line("PostgreSQL", skills_now),
                line("PostgreSQL", skills_then)
            ),
            (
                "version-control".into(),
                "demonstrated".into(),
                "demonstrated".into(),
                line("Git", skills_now),
                line("Git", skills_then)
            ),
            (
                "languages".into(),
                "demonstrated".into(),
                "demonstrated".into(),
                line("Java", skills_now),
                line("Java", skills_then)
            ),
            (
                "microservices".into(),
                "missing".into(),
                "demonstrated".into(),
                line(
                    "Docker",
                    "Moved the label printing out of the monolith into its own microservice, packaged with Docker."
                ),
                vec![]
            ),
            (
                "cloud".into(),
                "missing".into(),
                "demonstrated".into(),
                line("AWS", "Deployed the services to AWS with Terraform."),
                vec![]
            ),
        ]
    );
    // Evidence objects are those of `check`: the new ones carry the DOCX's lines, the
    // removed ones the PDF's, with its page.
    let cloud = &diff["topics"][10];
    assert_eq!(
        cloud["added"][0],
        json!({"line": 10, "section": "Experience", "term": "AWS", "strength": "demonstrated",
               "text": "Deployed the services to AWS with Terraform."})
    );
    assert_eq!(diff["topics"][1]["removed"][0]["page"], 1);
    assert_eq!(
        diff["misspellings"],
        json!({"fixed": [{"found": "Postgress", "canonical": "PostgreSQL", "line": 4, "page": 1}], "new": []})
    );

    // The same in words and in Markdown.
    let human = toolkit_in(
        home.path(),
        &["diff", "tests/coach/v1.pdf", "tests/coach/v2.docx"],
    );
    assert_eq!(human.code, 0);
    assert!(human.stdout.starts_with(
        "Mara Lindqvist  tests/coach/v1.pdf → tests/coach/v2.docx\nJunior Backend Developer · score 48 → 61/100 (+13)\n"
    ), "{}", human.stdout);
    assert!(
        human
            .stdout
            .contains("  ↑ Cloud computing               missing → demonstrated\n")
    );
    assert!(human.stdout.contains("  fixed  Postgress → PostgreSQL\n"));
    let md = toolkit_in(
        home.path(),
        &[
            "diff",
            "--format",
            "markdown",
            "tests/coach/v1.pdf",
            "tests/coach/v2.docx",
        ],
    );
    assert_eq!(md.code, 0);
    assert!(
        md.stdout
            .contains("| Cloud computing | missing | demonstrated | line 10 (AWS): Deployed")
    );
    assert!(md.stdout.contains("- fixed: Postgress → PostgreSQL\n"));

    // A version compared with itself has no changes, whatever its format.
    let same = toolkit_in(
        home.path(),
        &[
            "diff",
            "--format",
            "json",
            "tests/coach/v1.pdf",
            "tests/coach/v1.pdf",
        ],
    );
    let same: Value = serde_json::from_str(&same.stdout).unwrap();
    assert!(changed_topics(&same).is_empty());
}

#[test]
fn diff_exit_codes_are_those_of_check() {
    let home = tempfile::tempdir().unwrap();
    let run = toolkit_in(
        home.path(),
        &["diff", "tests/coach/v1.pdf", "tests/coach/none.docx"],
    );
    assert_eq!((run.code, run.stdout.as_str()), (2, ""));
    assert_eq!(run.stderr, "error: tests/coach/none.docx: no such file\n");
    let run = toolkit_in(
        home.path(),
        &[
            "diff",
            "--fail-under",
            "65",
            "tests/coach/v1.pdf",
            "tests/coach/v2.docx",
        ],
    );
    assert_eq!(run.code, 1);
    let run = toolkit_in(
        home.path(),
        &[
            "diff",
            "--fail-under",
            "55",
            "tests/coach/v1.pdf",
            "tests/coach/v2.docx",
        ],
    );
    assert_eq!(run.code, 0);
}

/// A first session's folder and a changed second one, in a temporary folder:
/// Omar improves and renames his file, Kwame is unchanged, Jonah is gone, Lin is new,
/// and two resumes share a name that the earlier run had once.
fn two_sessions(dir: &Path) -> (PathBuf, PathBuf) {
    let (jan, mar) = (dir.join("jan"), dir.join("mar"));
    fs::create_dir_all(&jan).unwrap();
    fs::create_dir_all(mar.join("a")).unwrap();
    fs::create_dir_all(mar.join("b")).unwrap();
    let sample = |name: &str| fs::read_to_string(root().join("samples").join(name)).unwrap();
    fs::write(jan.join("omar.md"), sample("omar-haddad.md")).unwrap();
    fs::write(jan.join("kwame.json"), sample("kwame-asante.json")).unwrap();
    fs::write(jan.join("jonah.md"), sample("jonah-swift.md")).unwrap();
    fs::write(jan.join("tobias.txt"), sample("tobias-lindgren.txt")).unwrap();
    let omar = sample("omar-haddad.md")
        + "\n## Activities\n\n- Ran the daily stand-ups and sprint reviews of a student Scrum team.\n";
    fs::write(mar.join("omar-haddad-v2.md"), omar).unwrap();
    fs::write(mar.join("kwame.json"), sample("kwame-asante.json")).unwrap();
    fs::write(mar.join("lin.md"), sample("lin-weiting.md")).unwrap();
    fs::write(mar.join("a/tobias.txt"), sample("tobias-lindgren.txt")).unwrap();
    fs::write(mar.join("b/tobias.txt"), sample("tobias-lindgren.txt")).unwrap();
    (jan, mar)
}

/// The two sessions' folders under `dir`, the first run (`s1`) made, and where the
/// second goes (`s2`).
fn first_session(dir: &Path) -> (PathBuf, PathBuf, PathBuf, PathBuf) {
    let (jan, mar) = two_sessions(dir);
    let (s1, s2) = (dir.join("s1"), dir.join("s2"));
    let first = toolkit_in(dir, &["batch", "-q", "--no-pdf", "--out", s(&s1), s(&jan)]);
    assert_eq!((first.code, first.stderr.as_str()), (0, ""));
    (jan, mar, s1, s2)
}

/// `batch --no-pdf --compare EARLIER --out OUT FOLDER`, with the key's folder in `home`.
fn batch_compare(home: &Path, earlier: &Path, out: &Path, folder: &Path) -> Run {
    toolkit_in(
        home,
        &[
            "batch",
            "-q",
            "--no-pdf",
            "--compare",
            s(earlier),
            "--out",
            s(out),
            s(folder),
        ],
    )
}

#[test]
fn a_batch_run_twice_reports_each_clients_progress() {
    let dir = tempfile::tempdir().unwrap();
    let (jan, mar, s1, s2) = first_session(dir.path());
    let second = batch_compare(dir.path(), &s1, &s2, &mar);
    assert_eq!(
        (second.code, second.stdout.as_str(), second.stderr.as_str()),
        (0, "", "")
    );

    let rows = csv_rows(&s2.join("summary.csv"));
    let n = rows[0].len();
    assert_eq!(rows[0][n - 2..], ["previous_score", "change"]);
    let (file, prev, change) = (
        column(&rows, "file"),
        column(&rows, "previous_score"),
        column(&rows, "change"),
    );
    let by_file = |suffix: &str| rows.iter().find(|r| r[file].ends_with(suffix)).unwrap();
    // Renamed: matched by the candidate's name.
    assert_eq!(by_file("omar-haddad-v2.md")[prev], "76");
    let omar_now: i64 = by_file("omar-haddad-v2.md")[column(&rows, "score")]
        .parse()
        .unwrap();
    assert_eq!(
        by_file("omar-haddad-v2.md")[change],
        (omar_now - 76).to_string()
    );
    assert!(omar_now > 76);
    assert_eq!(
        (
            by_file("kwame.json")[prev].as_str(),
            by_file("kwame.json")[change].as_str()
        ),
        ("98", "0")
    );
    // New, and the same name twice: nothing guessed.
    for f in ["lin.md", "a/tobias.txt", "b/tobias.txt"] {
        assert_eq!(
            (by_file(f)[prev].as_str(), by_file(f)[change].as_str()),
            ("", ""),
            "{f}"
        );
    }

    let mut diffs: Vec<String> = fs::read_dir(&s2)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".diff.json"))
        .collect();
    diffs.sort();
    assert_eq!(
        diffs,
        [
            "mar__kwame.json.diff.json",
            "mar__omar-haddad-v2.md.diff.json"
        ]
    );
    let omar = read_json(&s2.join("mar__omar-haddad-v2.md.diff.json"));
    assert!(
        omar["old"]["file"]
            .as_str()
            .unwrap()
            .ends_with("jan/omar.md")
    );
    assert_eq!(omar["old"]["score"], 76);
    let agile = omar["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "agile")
        .unwrap();
    assert_eq!(
        (agile["before"].as_str(), agile["after"].as_str()),
        (Some("missing"), Some("demonstrated"))
    );
    assert_eq!(agile["removed"], json!([]));
    let kwame = read_json(&s2.join("mar__kwame.json.diff.json"));
    assert!(changed_topics(&kwame).is_empty());

    let cohort = fs::read_to_string(s2.join("cohort.md")).unwrap();
    assert!(
        cohort.contains("## Progress since the last session"),
        "{cohort}"
    );
    assert!(cohort.contains("**Returning clients:** 2 · **Average score:** 87 → "));
    assert!(
        cohort.contains("| 12 | Agile ways of working | 1 | 1 | 0 | 0 |"),
        "{cohort}"
    );
    assert!(cohort.contains(&format!(
        "| Omar Haddad | 76 | {omar_now} | +{} | Agile ways of working |",
        omar_now - 76
    )));
    assert!(!cohort.contains("### Who slipped"));
    assert!(cohort.contains("**New this time:** 林瑋婷 (Lin Wei-Ting)\n"));
    assert!(cohort.contains("**Not seen this time:** Jonah Swift\n"));
    assert!(
        cohort.contains("Tobias Lindgren (2 now, 1 then)"),
        "{cohort}"
    );
    // Both runs were checked by this build: nothing to say about the checker.
    assert!(!cohort.contains("Not the same checker"), "{cohort}");

    // A folder that is not an earlier batch's output is refused in one line.
    let bad = toolkit_in(
        dir.path(),
        &[
            "batch",
            "-q",
            "--compare",
            s(&jan),
            "--out",
            s(&dir.path().join("x")),
            s(&mar),
        ],
    );
    assert_eq!((bad.code, bad.stdout.as_str()), (2, ""));
    assert!(
        bad.stderr
            .starts_with(&format!("error: {}: no summary.csv\nhint: ", jan.display())),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_release_change_is_told_apart_from_the_clients_own() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mar, s1, s2) = first_session(dir.path());
    // Every report names its checker, as `--version` does.
    let kwame = s1.join("jan__kwame.json.check.json");
    let checker = read_json(&kwame)["checker"].clone();
    let build = checker["build"].as_str().unwrap().to_string();
    assert_eq!(
        checker,
        json!({"name": "toolkit", "version": env!("CARGO_PKG_VERSION"), "build": build})
    );
    assert!(build.len() == 16 && build.bytes().all(|b| b.is_ascii_hexdigit()));
    let version = toolkit_in(dir.path(), &["--version"]);
    assert_eq!(
        version.stdout,
        format!("toolkit {} (build {build})\n", env!("CARGO_PKG_VERSION"))
    );

    // One earlier report from another release, one from a release that did not say.
    let mut report = read_json(&kwame);
    report["checker"]["build"] = json!("00000000000000ff");
    fs::write(&kwame, report.to_string()).unwrap();
    let omar = s1.join("jan__omar.md.check.json");
    let mut report = read_json(&omar);
    report.as_object_mut().unwrap().remove("checker");
    fs::write(&omar, report.to_string()).unwrap();

    let second = batch_compare(dir.path(), &s1, &s2, &mar);
    assert_eq!(
        (second.code, second.stderr.as_str()),
        (
            0,
            "note: 2 of 2 returning clients were last checked by another release of toolkit \
             (or by one that does not say); some of their changes may be the checker's \
             (see the progress section of cohort.md)\n"
        )
    );
    let cohort = fs::read_to_string(s2.join("cohort.md")).unwrap();
    let this = format!("toolkit {} (build {build})", env!("CARGO_PKG_VERSION"));
    let other = format!(
        "toolkit {} (build 00000000000000ff)",
        env!("CARGO_PKG_VERSION")
    );
    assert!(
        cohort.contains(&format!(
            "**Not the same checker as last time.** This run was checked by {this}; last \
             time's reports by {other}; 1 of last time's reports do not say which release \
             wrote them."
        )),
        "{cohort}"
    );
    // The comparison itself is made as before.
    assert!(cohort.contains("**Returning clients:** 2 · "), "{cohort}");

    // An edited report's checker is shown as text, control characters visible, and short.
    let mut report = read_json(&kwame);
    report["checker"]["build"] = json!(format!("\u{1b}[31m{}", "f".repeat(5000)));
    fs::write(&kwame, report.to_string()).unwrap();
    let s3 = dir.path().join("s3");
    let third = batch_compare(dir.path(), &s1, &s3, &mar);
    assert_eq!(third.code, 0, "{}", third.stderr);
    let cohort = fs::read_to_string(s3.join("cohort.md")).unwrap();
    assert!(!cohort.contains('\u{1b}'), "{cohort}");
    assert!(
        cohort.contains(&format!("x1b\\[31m{}…)", "f".repeat(32))),
        "{cohort}"
    );
}

#[test]
fn redacted_sessions_keep_their_pseudonyms_and_their_key_apart() {
    let dir = tempfile::tempdir().unwrap();
    let (jan, mar) = two_sessions(dir.path());
    let (r1, r2) = (dir.path().join("r1"), dir.path().join("r2"));
    let key = dir.path().join("coach/key.csv");
    let first = toolkit_in(
        dir.path(),
        &[
            "batch",
            "-q",
            "--no-pdf",
            "--redact",
            "--key",
            s(&key),
            "--out",
            s(&r1),
            s(&jan),
        ],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(
        first.stderr,
        format!(
            "pseudonym key: {} (4 new); keep it private, it maps pseudonyms back to names\n",
            key.display()
        )
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let second = toolkit_in(
        dir.path(),
        &[
            "batch",
            "-q",
            "--no-pdf",
            "--redact",
            "--key",
            s(&key),
            "--compare",
            s(&r1),
            "--out",
            s(&r2),
            s(&mar),
        ],
    );
    assert_eq!(second.code, 0, "{}", second.stderr);

    let keyed = csv_rows(&key);
    let pseudonym = |name: &str| keyed.iter().find(|r| r[2] == name).unwrap()[0].clone();
    let omar = pseudonym("Omar Haddad");
    // No name, e-mail or file name of a client in anything shared.
    for out in [&r1, &r2] {
        for entry in fs::read_dir(out).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&path).unwrap();
            for secret in [
                "Omar",
                "Haddad",
                "Kwame",
                "Jonah",
                "Tobias",
                "林瑋婷",
                "omar.md",
                "kwame.json",
                "@",
            ] {
                assert!(
                    !text.contains(secret) && !name.contains(secret),
                    "{secret} in {}",
                    path.display()
                );
            }
        }
    }
    // The returning client has the same pseudonym in both sessions, and is matched.
    let rows = csv_rows(&r2.join("summary.csv"));
    let row = rows.iter().find(|r| r[1] == omar).unwrap();
    assert_eq!(row[column(&rows, "previous_score")], "76");
    let stem = omar.replace(' ', "_");
    assert!(r1.join(format!("{stem}.md.check.json")).is_file());
    let diff = read_json(&r2.join(format!("{stem}.md.diff.json")));
    assert_eq!(diff["old"]["file"], format!("{omar}.md"));
    let cohort = fs::read_to_string(r2.join("cohort.md")).unwrap();
    assert!(cohort.contains(&format!("| {omar} | 76 |")), "{cohort}");
    assert!(cohort.contains(&format!(
        "**Not seen this time:** {}",
        pseudonym("Jonah Swift")
    )));

    // Redaction changes no status or score.
    let plain = dir.path().join("plain");
    assert_eq!(
        toolkit_in(
            dir.path(),
            &["batch", "-q", "--no-pdf", "--out", s(&plain), s(&mar)]
        )
        .code,
        0
    );
    let strip = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter().map(|r| r[2..17].to_vec()).collect()
    };
    assert_eq!(
        strip(csv_rows(&plain.join("summary.csv"))),
        strip(csv_rows(&r2.join("summary.csv")))[..]
    );

    // A key inside the shared folder, or a key without --redact, is refused.
    let inside = toolkit_in(
        dir.path(),
        &[
            "batch",
            "-q",
            "--redact",
            "--key",
            s(&r2.join("key.csv")),
            "--out",
            s(&r2),
            s(&mar),
        ],
    );
    assert_eq!(inside.code, 2);
    assert!(
        inside.stderr.contains("would be inside the output folder"),
        "{}",
        inside.stderr
    );
    let alone = toolkit_in(
        dir.path(),
        &["check", "--key", s(&key), "samples/omar-haddad.md"],
    );
    assert_eq!(alone.code, 2);
    assert!(alone.stderr.ends_with("--key is only used with --redact\n"));
    // A redacted earlier run needs its key to be compared with.
    let keyless = toolkit_in(
        dir.path(),
        &[
            "batch",
            "-q",
            "--no-pdf",
            "--compare",
            s(&r1),
            "--out",
            s(&dir.path().join("r3")),
            s(&mar),
        ],
    );
    assert_eq!(keyless.code, 2);
    assert!(
        keyless
            .stderr
            .contains("is a pseudonym that the key does not hold"),
        "{}",
        keyless.stderr
    );
}

#[test]
fn check_diff_and_merge_redact_with_the_same_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.csv");
    let check = toolkit_in(
        dir.path(),
        &[
            "check",
            "--redact",
            "--key",
            s(&key),
            "--format",
            "json",
            "samples/omar-haddad.md",
        ],
    );
    assert_eq!(check.code, 0, "{}", check.stderr);
    let v: Value = serde_json::from_str(&check.stdout).unwrap();
    assert_eq!(
        (v["file"].as_str(), v["candidate"]["name"].as_str()),
        (Some("Client 01.md"), Some("Client 01"))
    );
    let diff = toolkit_in(
        dir.path(),
        &[
            "diff",
            "--redact",
            "--key",
            s(&key),
            "--format",
            "json",
            "samples/omar-haddad.md",
            "tests/coach/v2.docx",
        ],
    );
    let v: Value = serde_json::from_str(&diff.stdout).unwrap();
    assert_eq!(v["old"]["file"], "Client 01.md");
    assert_eq!(v["new"]["file"], "Client 02.docx");

    // Shards keep names; the merge that combines them redacts.
    let shards = dir.path().join("shards");
    for k in ["1/2", "2/2"] {
        let run = toolkit_in(
            dir.path(),
            &[
                "batch",
                "-q",
                "--no-pdf",
                "--shard",
                k,
                "--out",
                s(&shards),
                "samples/omar-haddad.md",
                "samples/lin-weiting.md",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let merged = dir.path().join("merged");
    let run = toolkit_in(
        dir.path(),
        &[
            "merge",
            "--no-pdf",
            "--redact",
            "--key",
            s(&key),
            "--out",
            s(&merged),
            s(&shards),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&merged.join("summary.csv"));
    assert_eq!(
        (rows[1][0].as_str(), rows[1][1].as_str()),
        ("Client 01.md", "Client 01")
    );
    assert_eq!(
        (rows[2][0].as_str(), rows[2][1].as_str()),
        ("Client 03.md", "Client 03")
    );
    let cohort = fs::read_to_string(merged.join("cohort.md")).unwrap();
    assert!(!cohort.contains("Omar") && cohort.contains("| Client 01 |"));
    let refused = toolkit_in(
        dir.path(),
        &[
            "batch",
            "--redact",
            "--shard",
            "1/2",
            "--out",
            s(&shards),
            "samples/omar-haddad.md",
        ],
    );
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("toolkit merge --redact"));
    // A refused run removes nothing of the run before it.
    assert!(shards.join("shard-1-of-2.csv").is_file());
}

/// A file name read back from an earlier summary reaches the terminal with its
/// control characters escaped, like every other text from a client's files.
#[test]
fn names_from_an_earlier_summary_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let (earlier, next) = (dir.path().join("e"), dir.path().join("n"));
    let args = |out: &Path| {
        vec![
            "batch".to_string(),
            "-q".into(),
            "--no-pdf".into(),
            "--out".into(),
            s(out).to_string(),
            "samples/omar-haddad.md".into(),
        ]
    };
    let first: Vec<String> = args(&earlier);
    let run = toolkit_in(
        dir.path(),
        &first.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = earlier.join("summary.csv");
    let text = fs::read_to_string(&summary).unwrap();
    fs::write(
        &summary,
        text.replacen("omar-haddad.md", "omar\u{1b}[2J.md", 1),
    )
    .unwrap();
    let mut second = args(&next);
    second.splice(1..1, ["--compare".to_string(), s(&earlier).to_string()]);
    let run = toolkit_in(
        dir.path(),
        &second.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    assert!(run.stderr.contains(r"omar\x1b[2J.md"), "{:?}", run.stderr);
}
