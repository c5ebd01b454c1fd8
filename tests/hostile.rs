//! Inputs that fight back: hostile, huge, odd or malformed resumes, folders, profiles
//! and templates. Every case is generated here (nothing large is committed) and
//! asserts the exit code, the one-line error naming the file where it is an error,
//! and growth bounds: no JSON output more than a small multiple of its input.
//! Wall-clock time is measured in benchmarks, never asserted.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// What one run of the binary printed and returned.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("stdout is UTF-8")
    }

    /// Exit 2, nothing on stdout, and one line on stderr starting with `prefix`.
    #[track_caller]
    fn assert_one_error(&self, prefix: &str) {
        assert_eq!(self.code, 2, "{}", self.stderr);
        assert_eq!(self.stdout(), "");
        assert_eq!(self.stderr.lines().count(), 1, "{}", self.stderr);
        assert!(
            self.stderr.starts_with(prefix),
            "want {prefix:?}, got {}",
            self.stderr
        );
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs toolkit in `dir` and kills it (failing the test) if it has not finished
/// within five minutes: a hang must fail the suite, not stall it. (The bound is
/// about hangs, not speed: a loaded CI machine runs these tests in parallel.)
fn toolkit_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_toolkit"));
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().expect("toolkit runs");
    let pid = child.id().to_string();
    // Output is collected while the child runs (a full pipe would block it).
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    let out = match rx.recv_timeout(Duration::from_secs(300)) {
        Ok(out) => out.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            panic!("toolkit {args:?} did not finish within five minutes");
        }
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn toolkit(args: &[&str]) -> Run {
    toolkit_in(&root(), args, &[])
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

fn json_of(run: &Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_slice(&run.stdout).expect("one JSON object")
}

/// Checks a resume as JSON and asserts it is read, with output at most `factor`
/// times the input.
#[track_caller]
fn check_bounded(path: &str, factor: usize) -> serde_json::Value {
    let run = toolkit(&["check", "--format", "json", path]);
    let input = std::fs::metadata(path).unwrap().len() as usize;
    assert!(
        run.stdout.len() <= factor * input.max(1000),
        "{path}: {} bytes of JSON for {input} bytes of input",
        run.stdout.len()
    );
    json_of(&run)
}

fn docx(document_xml: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(document_xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

fn docx_paragraphs(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    docx(&format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    ))
}

fn terms(report: &serde_json::Value) -> Vec<String> {
    report["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["evidence"].as_array().unwrap())
        .map(|e| e["term"].as_str().unwrap().to_string())
        .collect()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

// ---------------------------------------------------------------------------
// Readers

/// A 2 MB Markdown table with thousands of cells is read in linear time and its
/// JSON stays a small multiple of it.
#[test]
fn a_markdown_table_with_thousands_of_cells() {
    let dir = tempfile::tempdir().unwrap();
    let cols = 2000;
    let row = format!("|{}|\n", vec!["Python"; cols].join("|"));
    let mut md = format!(
        "# Jane Doe\n\n## Skills\n\n{row}|{}|\n",
        vec!["---"; cols].join("|")
    );
    while md.len() < 2_000_000 {
        md.push_str(&row);
    }
    let path = write(dir.path(), "table.md", &md);
    let report = check_bounded(&path, 4);
    assert_eq!(report["candidate"]["name"], "Jane Doe");
}

/// A table whose header is far wider than its rows: the reader no longer pads each
/// row into thousands of separators (see the Markdown reader's tests), but past
/// pulldown-cmark's cell limit the rows read as one paragraph of wrapped lines.
#[test]
fn a_markdown_table_with_a_header_far_wider_than_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut wide = format!(
        "# Jane Doe\n\n## Skills\n\n|{}|\n|{}|\n",
        vec!["a"; 1000].join("|"),
        vec!["-"; 1000].join("|")
    );
    while wide.len() < 2_000_000 {
        wide.push_str("|Go|\n");
    }
    let path = write(dir.path(), "wide.md", &wide);
    check_bounded(&path, 4);
}

/// Raw HTML in Markdown: 2 MB of table rows, of "&" that opens no reference, of
/// comment openers and of unclosed tags are each read, and the JSON stays a small
/// multiple of the input (their time is measured by `scripts/hostile-cases`, 6c).
#[test]
fn raw_html_in_markdown_of_2_mb() {
    let dir = tempfile::tempdir().unwrap();
    for (name, unit) in [
        ("rows.md", "<tr><td>Go</td><td>Rust &amp; C</td></tr>\n"),
        ("amp.md", "&amp&amp&amp&amp&amp&amp&amp&amp&amp&amp\n"),
        ("comments.md", "<!--<!--<!--<!--<!--<!--<!--<!--<!--<!--\n"),
        ("tags.md", "<td<td<td<td<td<td<td<td<td<td<td<td<td\n"),
    ] {
        let mut md = String::from("# Jane Doe\n\n## Skills\n\n<table>\n");
        while md.len() < 2_000_000 {
            md.push_str(unit);
        }
        let path = write(dir.path(), name, &md);
        let report = check_bounded(&path, 4);
        assert_eq!(report["candidate"]["name"], "Jane Doe", "{name}");
    }
}

/// A 2 KB DOCX whose one paragraph holds 100,000 or 200,000 words is refused as
/// not resume text, like a Markdown line of that length.
#[test]
fn a_tiny_docx_with_one_enormous_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    for words in [100_000, 200_000] {
        let text = vec!["Python"; words].join(" ");
        let bytes = docx_paragraphs(&["Jane Doe", &text]);
        assert!(bytes.len() < 4096, "{} bytes", bytes.len());
        let path = write(dir.path(), &format!("w{words}.docx"), bytes);
        let run = toolkit(&["check", &path]);
        run.assert_one_error(&format!(
            "error: {path}: line 2 is {} characters long, over the limit of 20000",
            words * 7 - 1
        ));
    }
}

/// Many paragraphs of tiny compressed text cannot add up to more than a Markdown
/// file may hold.
#[test]
fn a_docx_that_inflates_to_more_text_than_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let para = vec!["Python"; 2000].join(" ");
    let paras: Vec<&str> = std::iter::repeat_n(para.as_str(), 300).collect();
    let path = write(dir.path(), "many.docx", docx_paragraphs(&paras));
    let run = toolkit(&["check", "--max-size", "2", &path]);
    run.assert_one_error(&format!(
        "error: {path}: the text inflates to more than 2097152 bytes"
    ));
}

/// 20,000 and 100,000 identical highlights: each repeat maps to its own occurrence
/// (the reader indexes the source's strings in one pass), so every line is right.
#[test]
fn a_json_resume_with_thousands_of_identical_highlights() {
    let dir = tempfile::tempdir().unwrap();
    for n in [20_000, 100_000] {
        let highlights = vec!["\"Built a REST API in Python.\""; n].join(",\n");
        let json = format!(
            "{{\"basics\": {{\"name\": \"Jane Doe\"}},\n\"work\": [{{\"name\": \"Acme\", \"position\": \"Dev\",\n\"highlights\": [\n{highlights}]}}]}}\n"
        );
        let path = write(dir.path(), &format!("h{n}.json"), &json);
        let report = check_bounded(&path, 12);
        let web = &report["topics"][0];
        assert_eq!(web["status"], "demonstrated");
        let lines: Vec<u64> = web["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["line"].as_u64().unwrap())
            .collect();
        // Each highlight is on its own line from line 4; the first 20 are kept.
        assert_eq!(lines, (4..24).collect::<Vec<u64>>());
    }
}

/// A 700 KB summary string is one line of 700,000 characters: refused.
#[test]
fn a_json_resume_with_a_700_kb_summary() {
    let dir = tempfile::tempdir().unwrap();
    let summary = vec!["Python and Docker"; 41_000].join(" ");
    let json = format!("{{\"basics\": {{\"name\": \"Jane Doe\",\n\"summary\": \"{summary}\"}}}}");
    let path = write(dir.path(), "long.json", &json);
    let run = toolkit(&["check", &path]);
    run.assert_one_error(&format!(
        "error: {path}: line 2 is {} characters long, over the limit of 20000",
        summary.len()
    ));
}

/// Wrapped lines are joined into sentences; memory and JSON must not grow with the
/// square of a paragraph. These cases wait for the bounded matcher.
fn wrapped_paragraph(lines: usize, end: &str) -> String {
    let mut md = String::from("# Jane Doe\n\n## Experience\n\nBuilt a service");
    // Lines that start in lower case carry on the sentence in every text format.
    for i in 0..lines {
        md.push_str(&format!(
            "\nand service {i} with Python and PostgreSQL on Docker, then{end}"
        ));
    }
    md.push('\n');
    md
}

#[test]
fn a_markdown_paragraph_of_1000_wrapped_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "wrapped.md", wrapped_paragraph(1000, ""));
    check_bounded(&path, 20);
}

#[test]
fn a_text_paragraph_of_1000_wrapped_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = wrapped_paragraph(1000, "")
        .replace("# ", "")
        .replace("## ", "");
    let path = write(dir.path(), "wrapped.txt", text);
    check_bounded(&path, 20);
}

#[test]
fn a_json_resume_summary_of_1500_lines() {
    let dir = tempfile::tempdir().unwrap();
    let summary = (0..1500)
        .map(|i| format!("built service {i} with Python and PostgreSQL on Docker, then"))
        .collect::<Vec<_>>()
        .join("\\n");
    let json = format!("{{\"basics\": {{\"name\": \"Jane Doe\", \"summary\": \"{summary}\"}}}}");
    let path = write(dir.path(), "wrapped.json", json);
    check_bounded(&path, 20);
}

#[test]
fn a_paragraph_of_8000_lines_ending_in_hyphenated_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "hyphens.md", wrapped_paragraph(8000, " Post-"));
    check_bounded(&path, 20);
}

#[test]
fn a_20_mb_markdown_file_of_ordinary_bullets() {
    let dir = tempfile::tempdir().unwrap();
    let mut md = String::from("# Jane Doe\n\n## Experience\n\n");
    let mut i = 0;
    while md.len() < 19 * 1024 * 1024 {
        md.push_str(&format!(
            "- Built service {i} with Python and PostgreSQL on Docker\n"
        ));
        i += 1;
    }
    let path = write(dir.path(), "big.md", md);
    check_bounded(&path, 3);
}

// ---------------------------------------------------------------------------
// Invisible characters

/// `Py\u{AD}thon`, `Post\u{200B}greSQL` and `Dock\u{200D}er` are read as the words
/// they show, in every format, and reported where they were.
#[test]
fn hidden_characters_inside_words_are_normalised_and_reported_in_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    let line =
        "Built a REST API in Py\u{AD}thon with Post\u{200B}gre\u{200B}SQL and Dock\u{200D}er";
    let md = write(
        dir.path(),
        "cv.md",
        format!("# Jane Doe\n\n## Experience\n\n- {line}\n"),
    );
    let txt = write(
        dir.path(),
        "cv.txt",
        format!("Jane Doe\n\nEXPERIENCE\n- {line}\n"),
    );
    let json = write(
        dir.path(),
        "cv.json",
        format!(
            "{{\"basics\": {{\"name\": \"Jane Doe\"}},\n\"work\": [{{\"name\": \"Acme\",\n\"highlights\": [\"{line}\"]}}]}}"
        ),
    );
    let word = write(
        dir.path(),
        "cv.docx",
        docx_paragraphs(&["Jane Doe", "Experience", line]),
    );
    for (path, at) in [(md, 5), (txt, 4), (json, 3), (word, 3)] {
        let report = json_of(&toolkit(&["check", "--format", "json", &path]));
        let found = terms(&report);
        for term in ["Python", "PostgreSQL", "Docker"] {
            assert!(
                found.iter().any(|t| t == term),
                "{path}: {term} in {found:?}"
            );
        }
        assert_eq!(
            report["hidden_characters"],
            serde_json::json!([
                {"line": at, "char": "U+00AD", "count": 1},
                {"line": at, "char": "U+200B", "count": 2},
                {"line": at, "char": "U+200D", "count": 1},
            ]),
            "{path}"
        );
        let text = serde_json::to_string(&report).unwrap();
        assert!(
            !text.contains('\u{200B}') && !text.contains('\u{AD}'),
            "{path}"
        );
    }
    let human = toolkit(&[
        "check",
        "--color",
        "never",
        &dir.path().join("cv.md").to_string_lossy(),
    ]);
    assert_eq!(human.code, 0, "{}", human.stderr);
    let out = human.stdout();
    assert!(
        out.contains("Hidden characters inside words (removed before checking)\n  line 5: U+00AD soft hyphen ×1\n  line 5: U+200B zero width space ×2\n"),
        "{out}"
    );
    // A clean resume reports an empty list.
    let clean = json_of(&toolkit(&[
        "check",
        "--format",
        "json",
        "samples/omar-haddad.md",
    ]));
    assert_eq!(clean["hidden_characters"], serde_json::json!([]));
}

// ---------------------------------------------------------------------------
// Terminal escapes

const ESCAPES: &str = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{9b}31m";

#[track_caller]
fn assert_inert(out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    assert!(
        !text.contains(['\u{1b}', '\u{7}', '\u{9b}']),
        "a control character reached the output: {text:?}"
    );
}

/// Escape sequences in a resume (an OSC 52 clipboard write, a clear-screen) never
/// reach the terminal: they are shown as `\x1b` and the like.
#[test]
fn control_characters_in_a_resume_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let md = format!(
        "# Jane{ESCAPES} Doe\n\n## Experience\n\n- Built a REST API in Python {ESCAPES}\n- Pyhton{ESCAPES}\n"
    );
    let path = write(dir.path(), "cv.md", md);
    for args in [
        vec!["check", "--color", "never", path.as_str()],
        vec!["check", "--format", "markdown", path.as_str()],
        vec!["check", "--format", "json", path.as_str()],
        vec!["prep", "--format", "markdown", "-o", "-", path.as_str()],
    ] {
        let run = toolkit(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_inert(&run.stdout);
        assert!(run.stdout().contains("x1b"), "{args:?}: {}", run.stdout());
    }
    // In colour, only toolkit's own colour codes are escape sequences.
    let colour = toolkit(&["check", "--color", "always", &path]).stdout();
    for raw in ["\u{1b}]52", "\u{1b}[2J", "\u{7}", "\u{9b}"] {
        assert!(!colour.contains(raw), "{raw:?} in {colour:?}");
    }
    assert!(colour.contains("\\x1b]52;c;"), "{colour}");
}

/// A file name with a newline or an escape sequence stays one escaped line in
/// diagnostics and in the error row.
#[test]
fn odd_file_names_are_escaped_in_diagnostics_and_rows() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let bad = write(&input, "two\nlines\u{1b}[2J.md", "");
    let run = toolkit(&["check", &bad]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("two\\x0alines\\x1b[2J.md: the file is empty"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\u{1b}'));
    write(&input, "ok.md", "# Jane Doe\n\nPython\n");
    let out = dir.path().join("out");
    let run = toolkit(&[
        "batch",
        "--no-pdf",
        "--out",
        out.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 2, "{}", run.stderr);
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.contains("two\\x0alines\\x1b[2J.md"), "{csv}");
}

// ---------------------------------------------------------------------------
// FIFOs, devices and links

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

/// A named pipe, and a link to one, are refused at once in check and prep: only
/// regular files are read.
#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("p.md");
    mkfifo(&fifo);
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    for path in [&fifo, &link] {
        let path = path.to_str().unwrap();
        toolkit(&["check", path]).assert_one_error(&format!(
            "error: {path}: is a named pipe (FIFO), not a regular file"
        ));
        let out = dir.path().join("sheet.pdf");
        toolkit(&["prep", "-o", out.to_str().unwrap(), path]).assert_one_error(&format!(
            "error: {path}: is a named pipe (FIFO), not a regular file"
        ));
        assert!(!out.exists());
    }
}

fn summary_rows(out: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn row_of<'a>(rows: &'a [Vec<String>], file_end: &str) -> &'a [String] {
    rows.iter()
        .find(|r| r[0].ends_with(file_end))
        .unwrap_or_else(|| panic!("no row for {file_end}: {rows:?}"))
}

/// In a batch folder, a FIFO, a device node, links to them and a link out of the
/// input folders each get an error row with the reason; the rest are read.
#[cfg(unix)]
#[test]
fn batch_gives_pipes_devices_and_outside_links_an_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input,
        "ok.md",
        "# Jane Doe\n\nBuilt a REST API in Python\n",
    );
    write(&input, "sub/real.md", "# Ann Lee\n\nPython\n");
    write(&input, "sub/notes", "# Kim Park\n\nPython\n");
    let secret = write(
        dir.path(),
        "outside/secret.md",
        "# Not A Client\n\nPython\n",
    );
    mkfifo(&input.join("p.md"));
    mkfifo(&input.join("q"));
    std::os::unix::fs::symlink(input.join("q"), input.join("to-fifo.md")).unwrap();
    std::os::unix::fs::symlink(&secret, input.join("passwd.md")).unwrap();
    std::os::unix::fs::symlink("sub/notes", input.join("inside.md")).unwrap();
    let mut expected_failed = 3;
    if is_root() {
        // A character device like /dev/zero, made in the test's own folder.
        let zero = input.join("zero");
        let ok = Command::new("mknod")
            .args([zero.to_str().unwrap(), "c", "1", "5"])
            .status()
            .unwrap()
            .success();
        assert!(ok, "mknod");
        std::os::unix::fs::symlink("zero", input.join("z.md")).unwrap();
        expected_failed += 1;
    }
    let out = dir.path().join("out");
    let run = toolkit(&[
        "batch",
        "--no-pdf",
        "--out",
        out.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.ends_with(&format!(
            "3 done, {expected_failed} failed: see {}\n",
            out.join("summary.csv").display()
        )),
        "{}",
        run.stderr
    );
    let rows = summary_rows(&out);
    let error = |end: &str| row_of(&rows, end).last().unwrap().clone();
    assert_eq!(error("/p.md"), "is a named pipe (FIFO), not a regular file");
    assert_eq!(
        error("/to-fifo.md"),
        "is a named pipe (FIFO), not a regular file"
    );
    assert_eq!(
        error("/passwd.md"),
        "a link to a file outside the input folders: not followed"
    );
    assert_eq!(row_of(&rows, "/inside.md")[2], "ok");
    assert_eq!(row_of(&rows, "/ok.md")[2], "ok");
    if is_root() {
        assert_eq!(error("/z.md"), "is a device, not a regular file");
    }
    assert!(!rows.iter().any(|r| r[1] == "Not A Client"));
}

/// A folder that cannot be read is an error row, and the closing line and the
/// exit code say so. As root, `chmod 000` does not stop reading, but a path
/// beyond the system's length limit does: that case runs for everyone.
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_error_row_never_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "ok.md", "# Jane Doe\n\nPython\n");
    // 22 folders of 200-byte names: made with short names and renamed from the
    // deepest up, so that no path this test uses is itself too long.
    let long = "d".repeat(200);
    let mut short = input.clone();
    for _ in 0..22 {
        short.push("x");
    }
    write(&short, "cv.md", "# Deep Client\n\nPython\n");
    for _ in 0..22 {
        let parent = short.parent().unwrap().to_path_buf();
        std::fs::rename(&short, parent.join(&long)).unwrap();
        short = parent;
    }
    let mut failed = 1;
    if !is_root() {
        let locked = input.join("locked");
        write(&locked, "cv.md", "# Locked Client\n\nPython\n");
        Command::new("chmod")
            .args(["000", locked.to_str().unwrap()])
            .status()
            .unwrap();
        failed += 1;
    }
    let out = dir.path().join("out");
    let run = toolkit(&[
        "batch",
        "--no-pdf",
        "--out",
        out.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    if !is_root() {
        let _ = Command::new("chmod")
            .args(["755", input.join("locked").to_str().unwrap()])
            .status();
    }
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("1 done, {failed} failed")),
        "{}",
        run.stderr
    );
    let rows = summary_rows(&out);
    assert_eq!(rows.len(), 1 + failed);
    let errors: Vec<&str> = rows
        .iter()
        .filter(|r| r[2] == "error")
        .map(|r| r.last().unwrap().as_str())
        .collect();
    assert!(
        errors.contains(&"cannot read this folder: file name too long"),
        "{errors:?}"
    );
    if !is_root() {
        assert!(errors.contains(&"cannot read this folder: permission denied"));
    }
}

// ---------------------------------------------------------------------------
// Batch outputs

fn batch(out: &Path, inputs: &[&Path], env: &[(&str, &str)]) -> Run {
    let mut args = vec![
        "batch",
        "--quiet",
        "--no-pdf",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    toolkit_in(&root(), &args, env)
}

/// A shard's output folder has no `summary.csv`; run as an input, its reports are
/// still not resumes.
#[test]
fn a_shard_folder_is_not_read_as_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("clients");
    write(&folder, "a.md", "# Jane Doe\n\nPython\n");
    let shard = dir.path().join("shard");
    let run = toolkit_in(
        &root(),
        &[
            "batch",
            "--quiet",
            "--shard",
            "1/1",
            "--out",
            shard.to_str().unwrap(),
            folder.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!shard.join("summary.csv").exists());
    let out = dir.path().join("out");
    let run = batch(&out, &[&folder, &shard], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files: Vec<String> = summary_rows(&out)
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with("/a.md"), "{files:?}");
}

/// `batch --out DIR DIR`, run twice, never reads its own outputs as resumes.
#[test]
fn batch_into_its_own_input_folder_never_reads_its_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("clients");
    write(&folder, "a.md", "# Jane Doe\n\nPython\n");
    write(&folder, "b.json", "{\"basics\": {\"name\": \"Ann Lee\"}}");
    for _ in 0..2 {
        let run = toolkit_in(
            &root(),
            &[
                "batch",
                "--quiet",
                "--out",
                folder.to_str().unwrap(),
                folder.to_str().unwrap(),
            ],
            &[],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let rows = summary_rows(&folder);
        let files: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(files.len(), 2, "{files:?}");
        assert!(files[0].ends_with("/a.md") && files[1].ends_with("/b.json"));
    }
    assert!(folder.join("cohort.md").exists() && folder.join("cohort.pdf").exists());
}

/// Long Chinese names are cut by bytes, on a character boundary, so the outputs can
/// be written.
#[test]
fn long_chinese_names_fit_the_file_system() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("客户");
    let name = format!("{}.md", "张".repeat(80));
    write(
        &input.join("陈".repeat(70)),
        &name,
        "# Jane Doe\n\nPython\n",
    );
    let out = dir.path().join("out");
    let run = batch(&out, &[&input], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".check.json"))
        .collect();
    assert_eq!(written.len(), 1);
    assert!(written[0].len() <= 255 && written[0].ends_with("张.md.check.json"));
}

/// A name or file that a spreadsheet would evaluate is written as text, and merge
/// reads it back as it was.
#[test]
fn summary_cells_never_start_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(
        &input,
        "a.md",
        "=HYPERLINK(\"evil\")\n\nBuilt a REST API in Python\n",
    );
    write(&input, "b.md", "+Jane Doe\n\nPython\n");
    write(&input, "c.md", "@Ann Lee\n\nPython\n");
    write(&input, "d.md", "-Bob Stone\n\nPython\n");
    write(&input, "e.md", "");
    let out = dir.path().join("out");
    let run = toolkit_in(
        &input,
        &[
            "batch",
            "--quiet",
            "--no-pdf",
            "--out",
            out.to_str().unwrap(),
            "a.md",
            "b.md",
            "c.md",
            "d.md",
            "=cmd|calc.md",
            "e.md",
        ],
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let rows = summary_rows(&out);
    let cells: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            ("a.md", "'=HYPERLINK(\"evil\")"),
            ("b.md", "'+Jane Doe"),
            ("c.md", ""),
            ("d.md", "'-Bob Stone"),
            ("'=cmd|calc.md", ""),
            ("e.md", ""),
        ]
    );
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    // A sharded run merges back to the same text.
    let shards = dir.path().join("shards");
    for k in ["1/2", "2/2"] {
        let r = toolkit_in(
            &input,
            &[
                "batch",
                "--quiet",
                "--no-pdf",
                "--shard",
                k,
                "--out",
                shards.to_str().unwrap(),
                "a.md",
                "b.md",
                "c.md",
                "d.md",
                "=cmd|calc.md",
                "e.md",
            ],
            &[],
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
    }
    let merged = dir.path().join("merged");
    let r = toolkit(&[
        "merge",
        "--no-pdf",
        "--out",
        merged.to_str().unwrap(),
        shards.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(summary_rows(&merged), rows);
}

/// Two different file names that are not UTF-8 get two different `file` cells.
#[cfg(target_os = "linux")]
#[test]
fn non_utf8_file_names_stay_distinct() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    for bytes in [b"cv-\xff.md".as_slice(), b"cv-\xfe.md".as_slice()] {
        let name = std::ffi::OsStr::from_bytes(bytes);
        std::fs::write(input.join(name), "# Jane Doe\n\nPython\n").unwrap();
    }
    let out = dir.path().join("out");
    let run = batch(&out, &[&input], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files: Vec<String> = summary_rows(&out)
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(files.len(), 2);
    assert!(files[0].ends_with("/in/cv-\\xFE.md"), "{files:?}");
    assert!(files[1].ends_with("/in/cv-\\xFF.md"), "{files:?}");
}

/// A killed run's temporary files are cleaned by the next run: only toolkit's own
/// pattern, only in the output folder.
#[test]
fn leftover_temporary_files_are_cleaned_on_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    write(&input, "a.md", "# Jane Doe\n\nPython\n");
    let out = dir.path().join("out");
    write(&out, ".toolkit-AbC123.tmp", "half a PDF");
    write(&out, ".toolkit-notes.txt", "keep");
    write(&out, "mine.tmp", "keep");
    write(&input, ".toolkit-Zz9.tmp", "keep: not the output folder");
    let run = batch(&out, &[&input], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join(".toolkit-AbC123.tmp").exists());
    assert!(out.join(".toolkit-notes.txt").exists() && out.join("mine.tmp").exists());
    assert!(input.join(".toolkit-Zz9.tmp").exists());
}

/// After an interrupted rerun, no summary from the earlier run is left to be taken
/// for this one's.
#[cfg(unix)]
#[test]
fn an_interrupted_rerun_leaves_no_stale_summary() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    for i in 0..40 {
        write(
            &input,
            &format!("c{i:02}.md"),
            "# Jane Doe\n\nBuilt a REST API in Python\n",
        );
    }
    let out = dir.path().join("out");
    let run = toolkit(&[
        "batch",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("summary.csv").exists() && out.join("cohort.pdf").exists());
    let child = Command::new(env!("CARGO_BIN_EXE_toolkit"))
        .args([
            "batch",
            "--quiet",
            "--jobs",
            "1",
            "--no-pdf",
            "--out",
            out.to_str().unwrap(),
            input.to_str().unwrap(),
        ])
        .env("TOOLKIT_TEST_PAUSE_AFTER", "2")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The second resume's JSON is replaced (a new file) once the run is past its
    // start, with Ctrl-C handled; then the workers hold.
    use std::os::unix::fs::MetadataExt;
    let second = out.join("in__c01.md.check.json");
    let before = std::fs::metadata(&second).unwrap().ino();
    let replaced = (0..3000).any(|_| {
        let replaced = std::fs::metadata(&second).is_ok_and(|m| m.ino() != before);
        if !replaced {
            std::thread::sleep(Duration::from_millis(10));
        }
        replaced
    });
    assert!(
        replaced,
        "the rerun never replaced the second resume's report"
    );
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(130), "{stderr}");
    for stale in ["summary.csv", "cohort.md", "cohort.pdf"] {
        assert!(
            !out.join(stale).exists(),
            "{stale} of the earlier run is still there"
        );
    }
}

// ---------------------------------------------------------------------------
// Templates

fn prep_with_template(template: &str) -> (Run, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "t.hbs", template);
    let out = dir.path().join("sheet.pdf");
    let run = toolkit(&[
        "prep",
        "--template",
        &path,
        "-o",
        out.to_str().unwrap(),
        "samples/omar-haddad.md",
    ]);
    assert!(!out.exists());
    (run, path)
}

/// A recursive partial, 8,000 nested blocks, 10,000 lines of fields or loops nested
/// through a chain of partials are a quick one-line error, not a stack overflow, a
/// minute of compiling or a render that never ends.
#[test]
fn hostile_templates_are_one_line_errors() {
    let cases = [
        (
            r#"{{#*inline "a"}}x{{> a}}{{/inline}}{{> a}}"#.to_string(),
            "template syntax: the partial `a` includes itself",
        ),
        (
            "{{#if candidate}}".repeat(8000) + &"{{/if}}".repeat(8000),
            "template syntax: the template nests blocks more than 32 deep",
        ),
        (
            "{{candidate}} {{score}}\n".repeat(10_000),
            "template syntax: the template has more than 2000 expressions",
        ),
        (
            "{{#each questions}}{{#each ../questions}}{{#each ../../questions}}{{#each ../../../questions}}{{#each ../../../../questions}}x{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}".to_string(),
            "template syntax: the template nests `{{#each}}` more than 4 deep",
        ),
        (
            (1..8)
                .map(|i| {
                    format!(
                        "{{{{#*inline \"p{i}\"}}}}{{{{#each @root.questions}}}}{{{{> p{}}}}}{{{{/each}}}}{{{{/inline}}}}",
                        i + 1
                    )
                })
                .collect::<String>()
                + "{{#*inline \"p8\"}}x{{/inline}}{{> p1}}",
            "template syntax: the template nests `{{#each}}` more than 4 deep through its partials",
        ),
        (
            "x".repeat(300 * 1024),
            "the file is over the limit of 262144 bytes",
        ),
    ];
    for (template, reason) in cases {
        let (run, path) = prep_with_template(&template);
        run.assert_one_error(&format!("error: {path}: {reason}"));
    }
}

/// One expression nested 50,000 deep in itself is refused by the parser; the error
/// quotes the template's line, but only the start of it.
#[test]
fn a_deeply_nested_expression_is_a_short_error() {
    let template = format!("{{{{x {}b{}}}}}", "(a ".repeat(50_000), ")".repeat(50_000));
    let (run, path) = prep_with_template(&template);
    run.assert_one_error(&format!("error: {path}: template syntax: "));
    assert!(run.stderr.len() < 2_000, "{} bytes", run.stderr.len());
}

/// A template within the bounds whose output would still be enormous stops at the
/// output limit.
#[test]
fn a_template_that_multiplies_the_model_stops_at_the_output_limit() {
    let body = "{{why}}".repeat(500);
    let template = format!(
        "{{{{#each questions}}}}{{{{#each ../questions}}}}{{{{#each ../../questions}}}}{body}{{{{/each}}}}{{{{/each}}}}{{{{/each}}}}"
    );
    let (run, _) = prep_with_template(&template);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("the template produces more than 8 MB"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// Profiles

fn profile_with(change: impl Fn(&str) -> String) -> String {
    let base = std::fs::read_to_string(
        root().join("crates/toolkit-profile/profiles/junior-backend-developer.toml"),
    )
    .unwrap();
    change(&base)
}

fn with_technology(base: &str, entry: &str) -> String {
    base.replacen(
        "technologies = [\n",
        &format!("technologies = [\n  {entry},\n"),
        1,
    )
}

/// Blank names, oversized data and costly patterns fail validation with an error
/// naming the profile file; none of them reaches `check`.
#[test]
fn hostile_profiles_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let many: String = (0..6000)
        .map(|i| format!("  {{ name = \"Zq{i:06}\" }},\n"))
        .collect();
    let huge: String = (0..100_000)
        .map(|i| format!("  {{ name = \"Zq{i:06}\" }},\n"))
        .collect();
    let cases = [
        (
            profile_with(|b| with_technology(b, "{ name = \"\" }")),
            "technologies: a term is empty or blank",
        ),
        (
            profile_with(|b| with_technology(b, "{ name = \"   \" }")),
            "technologies: a term is empty or blank",
        ),
        (
            profile_with(|b| with_technology(b, "{ name = \"Foo\", aliases = [\" \"] }")),
            "technologies: term `Foo`: a term is empty or blank",
        ),
        (
            profile_with(|b| {
                b.replacen(
                    "patterns = [",
                    "patterns = [\n  { regex = \".{0,9999}x\", label = \"slow\" },",
                    1,
                )
            }),
            "topic `security`: pattern `slow` repeats something 9999 times, over the limit of 200",
        ),
        (
            profile_with(|b| {
                b.replacen(
                    "technologies = [\n",
                    &format!("technologies = [\n{many}"),
                    1,
                )
            }),
            "more than 5000 term names and aliases",
        ),
        (
            profile_with(|b| {
                b.replacen(
                    "technologies = [\n",
                    &format!("technologies = [\n{huge}"),
                    1,
                )
            }),
            "the file is over the limit of 1048576 bytes",
        ),
    ];
    for (i, (toml, reason)) in cases.iter().enumerate() {
        let path = write(dir.path(), &format!("p{i}.toml"), toml);
        for args in [
            vec![
                "check",
                "--profile",
                path.as_str(),
                "samples/lin-weiting.md",
            ],
            vec![
                "prep",
                "--profile",
                path.as_str(),
                "-o",
                "-",
                "--format",
                "markdown",
                "samples/lin-weiting.md",
            ],
        ] {
            let run = toolkit(&args);
            run.assert_one_error(&format!("error: {path}: {reason}"));
        }
    }
}

// ---------------------------------------------------------------------------
// merge

/// A stray shard file claiming 99,999,999,999 shards is reported in one line,
/// without listing (or allocating for) every missing shard.
#[test]
fn merge_validates_shard_numbers_against_what_is_present() {
    let dir = tempfile::tempdir().unwrap();
    let shards = dir.path().join("shards");
    write(&shards, "shard-1-of-99999999999.csv", "\u{feff}file\n");
    let out = dir.path().join("out");
    let run = toolkit(&[
        "merge",
        "--out",
        out.to_str().unwrap(),
        shards.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: incomplete shards: missing 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 99999999988 more of 99999999999\nhint: run every `batch --shard K/N` slice before merging\n"
    );
    write(&shards, "shard-2-of-3.csv", "\u{feff}file\n");
    let run = toolkit(&[
        "merge",
        "--out",
        out.to_str().unwrap(),
        shards.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("error: the shard files belong to different runs: shard-2-of-3.csv beside shards of 99999999999\n"),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------
// Output

/// Help written into a pipe that is closed early is not an error (the write error
/// path itself is tested in the library).
#[cfg(unix)]
#[test]
fn help_into_a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_toolkit"))
        .arg("--help")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
