//! JSON Resume (jsonresume.org, schema v1) documents.
//!
//! Evidence needs source line numbers, which `serde_json` does not keep, so each
//! string is located in the source text by its JSON-escaped form.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::text::LineStarts;
use crate::{Document, Format, Line, ReadError, Section, SectionKind};

/// Top-level keys of the JSON Resume schema; a document needs at least one of the
/// content keys to be read as a resume.
const CONTENT_KEYS: &[&str] = &[
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
];

pub(crate) fn read(source: &str) -> Result<Document, ReadError> {
    let value: Value = serde_json::from_str(source).map_err(|e| ReadError::Json(e.to_string()))?;
    let Value::Object(root) = value else {
        return Err(ReadError::NotJsonResume(
            "the top level is not an object".into(),
        ));
    };
    if is_fresh(&root) {
        return Ok(read_fresh(source, &root));
    }
    if !CONTENT_KEYS.iter().any(|k| root.contains_key(*k)) {
        return Err(ReadError::NotJsonResume(
            "none of `basics`, `work`, `education`, `skills` or `projects` is present".into(),
        ));
    }
    let mut b = Builder::new(source);
    let basics = root.get("basics").and_then(Value::as_object);
    let name = basics
        .and_then(|o| str_field(o, "name"))
        .map(str::to_string);

    b.section(None, SectionKind::Header);
    if let Some(basics) = basics {
        for key in ["name", "label", "email", "phone", "url"] {
            b.string(basics.get(key), 0);
        }
        if let Some(profiles) = basics.get("profiles").and_then(Value::as_array) {
            for p in profiles.iter().filter_map(Value::as_object) {
                b.string(p.get("url").or_else(|| p.get("username")), 0);
            }
        }
        b.section(Some("Summary"), SectionKind::Summary);
        b.paragraph(basics.get("summary"));
    }

    b.section(Some("Work"), SectionKind::Experience);
    for job in objects(&root, "work") {
        b.entry(job, &["position", "name"]);
        b.paragraph(job.get("summary").or_else(|| job.get("description")));
        b.list(job.get("highlights"));
    }
    b.section(Some("Projects"), SectionKind::Projects);
    for project in objects(&root, "projects") {
        b.entry(project, &["name", "entity"]);
        b.paragraph(project.get("description"));
        b.list(project.get("highlights"));
        b.keywords(project.get("keywords"), "Stack");
    }
    b.section(Some("Volunteer"), SectionKind::Activities);
    for v in objects(&root, "volunteer") {
        b.entry(v, &["position", "organization"]);
        b.paragraph(v.get("summary"));
        b.list(v.get("highlights"));
    }
    b.section(Some("Education"), SectionKind::Education);
    for e in objects(&root, "education") {
        b.entry(e, &["studyType", "area", "institution"]);
        b.list(e.get("courses"));
    }
    b.section(Some("Certificates"), SectionKind::Certifications);
    for c in objects(&root, "certificates") {
        b.entry(c, &["name", "issuer"]);
    }
    b.section(Some("Awards"), SectionKind::Activities);
    for a in objects(&root, "awards") {
        b.entry(a, &["title", "awarder"]);
        b.paragraph(a.get("summary"));
    }
    b.section(Some("Publications"), SectionKind::Activities);
    for p in objects(&root, "publications") {
        b.entry(p, &["name", "publisher"]);
        b.paragraph(p.get("summary"));
    }
    b.section(Some("Skills"), SectionKind::Skills);
    for s in objects(&root, "skills") {
        let label = str_field(s, "name").unwrap_or("Skills");
        b.keywords_labelled(s.get("name"), s.get("keywords"), label);
    }
    b.section(Some("Interests"), SectionKind::Interests);
    for i in objects(&root, "interests") {
        let label = str_field(i, "name").unwrap_or("Interests");
        b.keywords_labelled(i.get("name"), i.get("keywords"), label);
    }
    b.section(Some("Languages"), SectionKind::Languages);
    for l in objects(&root, "languages") {
        b.entry(l, &["language", "fluency"]);
    }
    // References are other people's words about the candidate: claims, not shown work.
    b.section(Some("References"), SectionKind::Summary);
    for r in objects(&root, "references") {
        b.paragraph(r.get("reference"));
    }

    let mut sections = b.sections;
    sections.retain(|s| !s.lines.is_empty());
    Ok(Document {
        format: Format::JsonResume,
        name,
        sections,
        hidden: Vec::new(),
    })
}

/// FRESH (the format of HackMyResume) marks itself in `meta.format`, and keeps jobs
/// under `employment.history` instead of `work`.
fn is_fresh(root: &Map<String, Value>) -> bool {
    let marked = root
        .get("meta")
        .and_then(|m| m.get("format"))
        .and_then(Value::as_str)
        .is_some_and(|f| f.to_ascii_uppercase().starts_with("FRESH"));
    marked || (root.contains_key("employment") && !root.contains_key("work"))
}

/// Reads a FRESH resume into the same sections as a JSON Resume.
fn read_fresh(source: &str, root: &Map<String, Value>) -> Document {
    let mut b = Builder::new(source);
    let name = str_field(root, "name").map(str::to_string);
    let info = root.get("info").and_then(Value::as_object);
    let contact = root.get("contact").and_then(Value::as_object);
    let nested = |key: &str, inner: &str| -> Vec<&Map<String, Value>> {
        root.get(key)
            .and_then(|v| v.get(inner))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .collect()
    };

    b.section(None, SectionKind::Header);
    b.string(root.get("name"), 0);
    if let Some(info) = info {
        b.string(info.get("label"), 0);
    }
    if let Some(contact) = contact {
        for key in ["email", "phone", "website"] {
            b.string(contact.get(key), 0);
        }
    }
    b.section(Some("Summary"), SectionKind::Summary);
    if let Some(info) = info {
        b.paragraph(info.get("brief"));
    }
    b.section(Some("Employment"), SectionKind::Experience);
    b.paragraph(root.get("employment").and_then(|e| e.get("summary")));
    for job in nested("employment", "history") {
        b.entry(job, &["position", "employer"]);
        b.paragraph(job.get("summary"));
        b.list(job.get("highlights"));
        b.keywords(job.get("keywords"), "Stack");
    }
    b.section(Some("Projects"), SectionKind::Projects);
    for p in objects(root, "projects").chain(objects(root, "samples")) {
        b.entry(p, &["title", "name"]);
        b.paragraph(p.get("summary").or_else(|| p.get("description")));
        b.list(p.get("highlights"));
        b.keywords(p.get("keywords"), "Stack");
    }
    b.section(Some("Service"), SectionKind::Activities);
    for v in nested("service", "history") {
        b.entry(v, &["position", "organization"]);
        b.paragraph(v.get("summary"));
        b.list(v.get("highlights"));
    }
    b.section(Some("Education"), SectionKind::Education);
    for e in nested("education", "history") {
        b.entry(e, &["title", "studyType", "area", "institution"]);
        b.paragraph(e.get("summary"));
        b.list(e.get("curriculum"));
        b.list(e.get("highlights"));
    }
    b.section(Some("Activities"), SectionKind::Activities);
    for w in objects(root, "writing") {
        b.entry(w, &["title", "flavor"]);
    }
    for s in objects(root, "speaking") {
        b.entry(s, &["title", "event"]);
        b.list(s.get("highlights"));
    }
    for r in objects(root, "recognition") {
        b.entry(r, &["title", "event", "from"]);
    }
    for a in nested("affiliation", "history") {
        b.entry(a, &["role", "organization"]);
    }
    for x in objects(root, "extracurricular") {
        b.entry(x, &["title", "activity"]);
        b.list(x.get("highlights"));
    }
    b.section(Some("Skills"), SectionKind::Skills);
    for set in nested("skills", "sets") {
        let words: Vec<Value> = set
            .get("skills")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|v| v.get("name").cloned().unwrap_or_else(|| v.clone()))
            .collect();
        let label = str_field(set, "name").unwrap_or("Skills");
        b.keywords_labelled(set.get("name"), Some(&Value::Array(words)), label);
    }
    for skill in nested("skills", "list") {
        b.string(skill.get("name"), 0);
    }
    b.section(Some("Interests"), SectionKind::Interests);
    for i in objects(root, "interests") {
        b.entry(i, &["name"]);
    }
    b.section(Some("Languages"), SectionKind::Languages);
    for l in objects(root, "languages") {
        b.entry(l, &["language", "level"]);
    }
    b.section(Some("Testimonials"), SectionKind::Summary);
    for t in objects(root, "testimonials") {
        b.paragraph(t.get("quote"));
    }
    let mut sections = b.sections;
    sections.retain(|s| !s.lines.is_empty());
    Document {
        format: Format::JsonResume,
        name,
        sections,
        hidden: Vec::new(),
    }
}

/// Removes HTML tags and Markdown emphasis that some resume tools leave in fields.
/// Text without a `<`, a `*` or a `_`, most of it, holds neither and is kept as it is.
fn strip_markup(text: &str) -> Cow<'_, str> {
    if memchr::memchr3(b'<', b'*', b'_', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let is_tag = after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/');
        match (is_tag, after.find('>')) {
            (true, Some(end)) => rest = &after[end + 1..],
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out.replace("**", "").replace("__", ""))
}

fn objects<'a>(
    root: &'a Map<String, Value>,
    key: &str,
) -> impl Iterator<Item = &'a Map<String, Value>> {
    root.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

fn str_field<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    o.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The string literals of a JSON source, as written between their quotes, each with
/// where it occurs.
type Literals<'a> = HashMap<&'a str, Occurrences>;

/// Where a string literal occurs (the byte offsets of its opening quotes, in order),
/// and how many of them were used. Most literals occur once: the first offset is kept
/// apart, and only repeats take a vector.
#[derive(Debug)]
struct Occurrences {
    first: usize,
    repeats: Vec<usize>,
    used: usize,
}

impl Occurrences {
    /// The next occurrence not used yet; past the last one, the first stands in for
    /// the rest.
    fn next_unused(&mut self) -> usize {
        let offset = match self.used {
            0 => self.first,
            n => self.repeats.get(n - 1).copied().unwrap_or(self.first),
        };
        self.used += 1;
        offset
    }
}

/// The most string literals room is made for before they are counted in (a resume
/// has a few hundred).
const MAX_PRESIZED_LITERALS: usize = 1 << 14;

/// Every string literal of `source` (valid JSON), found in one pass.
fn literals(source: &str) -> Literals<'_> {
    let bytes = source.as_bytes();
    // Room for every literal at once (two quotes each, escaped quotes aside): a table
    // that grew instead would hash every literal again at each doubling. Up to a bound:
    // a file of many repeats of one string needs one entry, not room for all of them.
    let mut out: Literals<'_> = HashMap::with_capacity(
        (memchr::memchr_iter(b'"', bytes).count() / 2).min(MAX_PRESIZED_LITERALS),
    );
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        // The closing quote: the first quote not escaped (an escape is a backslash and
        // the byte after it), found by a search over the string's plain runs.
        loop {
            match memchr::memchr2(b'"', b'\\', bytes.get(i..).unwrap_or_default()) {
                Some(k) if bytes[i + k] == b'\\' => i += k + 2,
                Some(k) => {
                    i += k;
                    break;
                }
                None => {
                    i = bytes.len();
                    break;
                }
            }
        }
        let inside = &source[start + 1..i.min(bytes.len())];
        i = (i + 1).min(bytes.len());
        out.entry(inside)
            .and_modify(|found| found.repeats.push(start))
            .or_insert(Occurrences {
                first: start,
                repeats: Vec::new(),
                used: 0,
            });
    }
    out
}

/// A string as serde writes it in JSON, without the quotes. Only a quote, a
/// backslash and the control characters below U+0020 are escaped: most strings are
/// written as they are.
fn json_escaped(text: &str) -> Cow<'_, str> {
    // Every byte judged, with no early exit, so that the compiler compares them side
    // by side.
    let escaped = |b: u8| (b == b'"') | (b == b'\\') | (b < 0x20);
    if !text.bytes().fold(false, |any, b| any | escaped(b)) {
        return Cow::Borrowed(text);
    }
    let quoted = serde_json::to_string(text).unwrap_or_default();
    let inside = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("");
    Cow::Owned(inside.to_string())
}

struct Builder<'a> {
    source: &'a str,
    lines: LineStarts,
    /// The source's string literals, indexed on the first lookup; repeated strings
    /// map to successive occurrences.
    literals: Option<Literals<'a>>,
    /// Lines of strings written with other escapes than serde's, found by prefix.
    fallback: HashMap<String, u32>,
    sections: Vec<Section>,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Self {
        Builder {
            source,
            lines: LineStarts::new(source),
            literals: None,
            fallback: HashMap::new(),
            sections: Vec::new(),
        }
    }

    fn section(&mut self, heading: Option<&str>, kind: SectionKind) {
        self.sections.push(Section {
            heading: heading.map(str::to_string),
            kind,
            lines: Vec::new(),
        });
    }

    /// The 1-based source line where `text` (a JSON string value) appears.
    ///
    /// The source's string literals are indexed once, so locating every string costs
    /// one pass over the source. A string repeated in the document maps to its
    /// successive occurrences; past the last one, the first stands in for the rest.
    fn locate(&mut self, text: &str) -> u32 {
        let needle = json_escaped(text);
        let source = self.source;
        let line_of = |offset: usize| self.lines.line_of(offset);
        let literals = self.literals.get_or_insert_with(|| literals(source));
        if let Some(found) = literals.get_mut(needle.as_ref()) {
            let offset = found.next_unused();
            return line_of(offset);
        }
        // The source may escape differently (`\u00e9`); fall back to a prefix.
        if let Some(line) = self.fallback.get(needle.as_ref()) {
            return *line;
        }
        let prefix: String = text.chars().take(16).collect();
        let line = (!prefix.is_empty())
            .then(|| source.find(&prefix))
            .flatten()
            .map_or(1, line_of);
        self.fallback.insert(needle.into_owned(), line);
        line
    }

    fn push(&mut self, text: &str, number: u32, depth: u8) {
        self.push_line(text, number, depth, false);
    }

    fn push_line(&mut self, text: &str, number: u32, depth: u8, continues: bool) {
        let text = crate::single_spaced(&strip_markup(text));
        if text.is_empty() {
            return;
        }
        let section = self.sections.last_mut().expect("a section is open");
        section.lines.push(Line {
            number,
            page: None,
            text,
            depth,
            continues,
            table_head: false,
        });
    }

    fn string(&mut self, value: Option<&Value>, depth: u8) {
        if let Some(s) = value.and_then(Value::as_str) {
            let number = self.locate(s);
            // A multi-line string keeps its lines, numbered from where it starts.
            for (i, line) in s.lines().enumerate() {
                self.push_line(line, number + i as u32, depth, i > 0);
            }
        }
    }

    fn paragraph(&mut self, value: Option<&Value>) {
        self.string(value, 0);
    }

    fn list(&mut self, value: Option<&Value>) {
        for item in value.and_then(Value::as_array).into_iter().flatten() {
            self.string(Some(item), 1);
        }
    }

    /// One line naming an entry: its fields joined with " — ", on the first field's line.
    fn entry(&mut self, o: &Map<String, Value>, keys: &[&str]) {
        let parts: Vec<&str> = keys.iter().filter_map(|k| str_field(o, k)).collect();
        if let Some(first) = parts.first() {
            let number = self.locate(first);
            self.push(&parts.join(" — "), number, 0);
        }
    }

    fn keywords(&mut self, value: Option<&Value>, label: &str) {
        self.keywords_labelled(None, value, label);
    }

    /// One line "Label: a, b, c" for a keyword list, on the line of its label or first keyword.
    fn keywords_labelled(
        &mut self,
        label_value: Option<&Value>,
        value: Option<&Value>,
        label: &str,
    ) {
        let words: Vec<&str> = value
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let anchor = label_value
            .and_then(Value::as_str)
            .or(words.first().copied());
        let Some(anchor) = anchor else { return };
        let number = self.locate(anchor);
        if words.is_empty() {
            self.push(label, number, 0);
        } else {
            self.push(&format!("{label}: {}", words.join(", ")), number, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_are_indexed_in_one_pass_escapes_and_all() {
        let src = r#"{"a": "x \" y", "b": ["x \" y", "\\"]}"#;
        let found = literals(src);
        let offsets = |o: &Occurrences| [vec![o.first], o.repeats.clone()].concat();
        assert_eq!(offsets(&found[json_escaped("x \" y").as_ref()]), [6, 22]);
        assert_eq!(offsets(&found[r#"\\"#]), [32]);
        assert_eq!(offsets(&found["a"]), [1]);
        // Repeats are used in order, then the first stands in.
        let mut found = found;
        let repeated = found.get_mut(json_escaped("x \" y").as_ref()).unwrap();
        let used: Vec<usize> = (0..4).map(|_| repeated.next_unused()).collect();
        assert_eq!(used, [6, 22, 6, 6]);
        assert_eq!(found.len(), 4);
    }

    #[test]
    fn string_literals_end_at_the_first_quote_not_escaped() {
        // Each literal's offset and text, read a byte at a time.
        fn slow(src: &str) -> Vec<(usize, &str)> {
            let bytes = src.as_bytes();
            let mut found = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    let start = i;
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    found.push((start, &src[start + 1..i.min(bytes.len())]));
                }
                i += 1;
            }
            found.sort_unstable();
            found
        }
        for src in [
            r#"{"a": "plain", "b": "a \\", "c": "\\\"", "d": "\"\\\\\"é\u00e9"}"#,
            r#"["ends with a backslash \\", "", "\\\\", "x"]"#,
            r#"{"unterminated": "abc"#,
            r#"{"escape at the end": "abc\"#,
        ] {
            let mut fast: Vec<(usize, &str)> = literals(src)
                .into_iter()
                .flat_map(|(text, o)| {
                    std::iter::once(o.first)
                        .chain(o.repeats)
                        .map(move |at| (at, text))
                })
                .collect();
            fast.sort_unstable();
            assert_eq!(fast, slow(src), "{src}");
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        for c in (0..=0x7F_u8)
            .map(char::from)
            .chain(['é', '·', '\u{2028}', '😀'])
        {
            let text = format!("a{c}b");
            let quoted = serde_json::to_string(&text).unwrap();
            assert_eq!(format!("\"{}\"", json_escaped(&text)), quoted, "{c:?}");
        }
    }

    #[test]
    fn reads_sections_with_source_lines() {
        let src = r#"{
  "$schema": "https://example.com/schema.json",
  "basics": {"name": "Mei Tanaka", "summary": "Team player."},
  "work": [{"name": "Hotel", "position": "Agent",
            "highlights": ["Built a REST API in Python."]}],
  "skills": [{"name": "Programming", "keywords": ["Python", "Git"]}],
  "languages": [{"language": "Japanese"}]
}"#;
        let doc = read(src).unwrap();
        assert_eq!(doc.name.as_deref(), Some("Mei Tanaka"));
        let lines = doc.outline();
        assert_eq!(
            lines,
            [
                (SectionKind::Header, 3, "Mei Tanaka"),
                (SectionKind::Summary, 3, "Team player."),
                (SectionKind::Experience, 4, "Agent — Hotel"),
                (SectionKind::Experience, 5, "Built a REST API in Python."),
                (SectionKind::Skills, 6, "Programming: Python, Git"),
                (SectionKind::Languages, 7, "Japanese"),
            ]
        );
    }

    #[test]
    fn refuses_other_json() {
        assert!(matches!(read("[1, 2]"), Err(ReadError::NotJsonResume(_))));
        assert!(matches!(
            read(r#"{"a": 1}"#),
            Err(ReadError::NotJsonResume(_))
        ));
        assert!(matches!(read("{"), Err(ReadError::Json(_))));
    }

    #[test]
    fn reads_fresh_resumes() {
        let src = r#"{"name": "Johnny Trouble", "meta": {"format": "FRESH@0.6.0"},
  "info": {"brief": "A <em>troublesome</em> **summary**."},
  "employment": {"history": [{"position": "Engineer", "employer": "AB&C's <Tagged> Co",
     "highlights": ["Built a REST API in Go."]}]},
  "skills": {"sets": [{"name": "Web", "skills": ["Go", {"name": "Docker"}]}]}}"#;
        let doc = read(src).unwrap();
        assert_eq!(doc.name.as_deref(), Some("Johnny Trouble"));
        let lines: Vec<_> = doc
            .lines()
            .map(|(s, l)| (s.kind, l.text.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (SectionKind::Header, "Johnny Trouble"),
                (SectionKind::Summary, "A troublesome summary."),
                (SectionKind::Experience, "Engineer — AB&C's Co"),
                (SectionKind::Experience, "Built a REST API in Go."),
                (SectionKind::Skills, "Web: Go, Docker"),
            ]
        );
    }
}
