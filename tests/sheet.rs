//! The prep sheet as it prints: one sheet of paper for every labelled resume on A4
//! and Letter, its text read back in reading order (the ten questions word for word,
//! every key point, the name, the openers built from the resume), its STAR boxes
//! measured, its type sizes, and the brand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use lopdf::{Document as Pdf, Object};
use toolkit_document::{Format, Limits};
use toolkit_match::Matcher;
use toolkit_profile::{DEFAULT_PROFILE, Profile};
use toolkit_sheet::Sheet;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Run {
    code: i32,
    stderr: String,
}

fn toolkit(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_toolkit"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .expect("toolkit runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A piece of text drawn on a page: baseline from the top, x range, size.
#[derive(Debug, Clone)]
struct Span {
    top: f32,
    x: f32,
    end: f32,
    size: f32,
    text: String,
}

/// What a page draws: text, stroked rectangles and lines (from the top, in points).
#[derive(Debug, Default)]
struct Page {
    width: f32,
    height: f32,
    spans: Vec<Span>,
    /// (x, top, w, h)
    frames: Vec<(f32, f32, f32, f32)>,
    /// (x1, y, x2) for horizontal lines
    rules: Vec<(f32, f32, f32)>,
}

fn number(o: &Object) -> f32 {
    o.as_float()
        .or_else(|_| o.as_i64().map(|i| i as f32))
        .expect("a number")
}

/// Glyph widths of a Type0 font (per 1000 units of text size).
fn widths(pdf: &Pdf, font: &lopdf::Dictionary) -> BTreeMap<u16, f32> {
    let mut out = BTreeMap::new();
    let Ok(desc) = font.get(b"DescendantFonts").and_then(Object::as_array) else {
        return out;
    };
    let cid = pdf.get_dictionary(desc[0].as_reference().unwrap()).unwrap();
    let w = cid.get(b"W").unwrap().as_array().unwrap();
    let mut i = 0;
    while i + 1 < w.len() {
        let first = number(&w[i]) as u16;
        for (k, v) in w[i + 1].as_array().unwrap().iter().enumerate() {
            out.insert(first + k as u16, number(v));
        }
        i += 2;
    }
    out
}

fn pages(bytes: &[u8]) -> Vec<Page> {
    let pdf = Pdf::load_mem(bytes).expect("the PDF parses");
    let mut out = Vec::new();
    for (_, id) in pdf.get_pages() {
        let page_dict = pdf.get_dictionary(id).unwrap();
        let media = page_dict.get(b"MediaBox").unwrap().as_array().unwrap();
        let (width, height) = (number(&media[2]), number(&media[3]));
        let fonts = pdf.get_page_fonts(id).unwrap();
        let mut page = Page {
            width,
            height,
            ..Page::default()
        };
        let content = pdf.get_and_decode_page_content(id).unwrap();
        let (mut font, mut size) = (None, 0.0);
        let (mut x, mut y) = (0.0, 0.0);
        let mut path: Vec<(f32, f32)> = Vec::new();
        let mut rect = None;
        for op in &content.operations {
            let n = |i: usize| number(&op.operands[i]);
            match op.operator.as_str() {
                "Tf" => {
                    font = Some(fonts[op.operands[0].as_name().unwrap()]);
                    size = n(1);
                }
                "Tm" => (x, y) = (n(4), n(5)),
                "Tj" => {
                    let dict = font.expect("a font is set");
                    let enc = dict.get_font_encoding(&pdf).unwrap();
                    let raw = op.operands[0].as_str().unwrap();
                    let text = Pdf::decode_text(&enc, raw).unwrap();
                    let w = widths(&pdf, dict);
                    let advance: f32 = raw
                        .chunks(2)
                        .map(|g| {
                            w.get(&u16::from_be_bytes([g[0], g[1]]))
                                .copied()
                                .unwrap_or(0.0)
                        })
                        .sum::<f32>()
                        * size
                        / 1000.0;
                    page.spans.push(Span {
                        top: height - y,
                        x,
                        end: x + advance,
                        size,
                        text,
                    });
                }
                "m" => path = vec![(n(0), n(1))],
                "l" => path.push((n(0), n(1))),
                "re" => rect = Some((n(0), n(1), n(2), n(3))),
                "S" => {
                    if let Some((rx, ry, rw, rh)) = rect.take() {
                        page.frames.push((rx, height - ry - rh, rw, rh));
                    } else if let [(x1, y1), (x2, y2)] = path[..]
                        && (y1 - y2).abs() < 0.01
                    {
                        page.rules.push((x1, height - y1, x2));
                    }
                    path.clear();
                }
                "f" => {
                    rect = None;
                    path.clear();
                }
                _ => {}
            }
        }
        out.push(page);
    }
    out
}

/// The page's lines in reading order: a line with text across the middle of the
/// page is full width; between full-width lines, the left column is read before
/// the right one.
fn reading_lines(page: &Page) -> Vec<String> {
    let mid = page.width / 2.0;
    let full_tops: Vec<f32> = page
        .spans
        .iter()
        .filter(|s| s.x < mid && s.end > mid)
        .map(|s| s.top)
        .collect();
    // (kind, spans): 0 full width, 1 left, 2 right.
    let mut groups: [Vec<Span>; 3] = Default::default();
    for s in &page.spans {
        let kind = if full_tops.iter().any(|t| (t - s.top).abs() < 3.0) {
            0
        } else if s.x < mid {
            1
        } else {
            2
        };
        groups[kind].push(s.clone());
    }
    // Lines of each kind: spans sorted top-down, grouped by baseline (badge labels
    // sit a little off it).
    let lines_of = |mut spans: Vec<Span>| {
        spans.sort_by(|a, b| a.top.total_cmp(&b.top));
        let mut lines: Vec<Vec<Span>> = Vec::new();
        for s in spans {
            match lines.last_mut() {
                Some(line) if (line[0].top - s.top).abs() < 3.0 => line.push(s),
                _ => lines.push(vec![s]),
            }
        }
        lines
    };
    let join = |mut spans: Vec<Span>| {
        spans.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut out = String::new();
        let mut end = f32::NEG_INFINITY;
        for s in spans {
            if !out.is_empty() && s.x - end > 1.0 && !out.ends_with(' ') && !s.text.starts_with(' ')
            {
                out.push(' ');
            }
            out.push_str(&s.text);
            end = s.end;
        }
        out.trim().to_string()
    };
    let [full, left, right] = groups.map(lines_of);
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    let mut out = Vec::new();
    for line in full {
        let barrier = line[0].top;
        while let Some(l) = left.next_if(|l| l[0].top < barrier) {
            out.push(join(l));
        }
        while let Some(r) = right.next_if(|r| r[0].top < barrier) {
            out.push(join(r));
        }
        out.push(join(line));
    }
    out.extend(left.map(&join));
    out.extend(right.map(join));
    out
}

/// All the sheet's text in reading order, one string with single spaces.
fn reading_text(pages: &[Page]) -> String {
    let text: Vec<String> = pages.iter().flat_map(reading_lines).collect();
    squash(&text.join(" "))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Every resume in the repository's labelled sets and awkward samples.
fn labelled_resumes() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["samples", "samples/edge", "tests/holdout"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                p.is_file() && name != "README.md" && name != "labels.json"
            })
            .collect();
        files.sort();
        out.extend(files);
    }
    assert!(out.len() >= 30, "{out:?}");
    out
}

fn format_of(path: &Path) -> Format {
    Format::from_extension(&path.extension().unwrap().to_string_lossy()).unwrap()
}

fn prep(resume: &Path, out: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["prep", "--date", "2026-11-25", "-o", out.to_str().unwrap()];
    args.extend(extra);
    args.push(resume.to_str().unwrap());
    let run = toolkit(&args);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, ""),
        "{}",
        resume.display()
    );
    std::fs::read(out).unwrap()
}

/// How far down the page its lowest text reaches, as a share of the room between
/// the margins (the footer excluded).
fn fill(page: &Page) -> f32 {
    let footer = page.height - 24.0;
    let (top, bottom) = (38.0, page.height - 50.0);
    let lowest = page
        .spans
        .iter()
        .filter(|s| s.top < footer - 4.0)
        .map(|s| s.top)
        .fold(top, f32::max);
    (lowest - top) / (bottom - top)
}

#[test]
fn every_labelled_resume_fits_one_sheet_and_reads_back_whole() {
    let profile = Profile::builtin(DEFAULT_PROFILE).unwrap();
    let matcher = Matcher::new(&profile).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.pdf");
    for resume in labelled_resumes() {
        let bytes = std::fs::read(&resume).unwrap();
        let doc = toolkit_document::read(&bytes, format_of(&resume), &Limits::default()).unwrap();
        let report = matcher.check(&doc);
        let sheet = Sheet::new(&report, &profile, "2026-11-25");
        for paper in ["a4", "letter"] {
            let pdf = prep(&resume, &out, &["--paper", paper]);
            let pages = pages(&pdf);
            let at = format!("{} on {paper}", resume.display());
            assert_eq!(
                pages.len(),
                2,
                "{at}: one sheet of paper, printed on both sides"
            );
            for (n, page) in pages.iter().enumerate() {
                assert!(
                    fill(page) >= 1.0 / 3.0,
                    "{at}: page {} is {:.0}% full",
                    n + 1,
                    fill(page) * 100.0
                );
            }
            let text = reading_text(&pages);
            assert!(
                text.contains(&squash(&format!("Interview prep: {}", sheet.candidate))),
                "{at}: the name"
            );
            for q in ARTICLE_QUESTIONS {
                assert!(
                    text.contains(q),
                    "{at}: {q:?} is not on the sheet word for word"
                );
            }
            for q in &sheet.questions {
                for p in &q.key_points {
                    let point = squash(&format!("{} {}", p.lead, p.text));
                    assert!(
                        text.contains(&point),
                        "{at}: key point {point:?} of {}",
                        q.id
                    );
                }
                if !q.opener.is_empty() {
                    let opener = squash(&format!("Open with: {}", q.opener));
                    assert!(text.contains(&opener), "{at}: {opener:?}\n{text}");
                }
            }
            // Page 1 stands alone: gaps, the stories, questions to ask.
            let page1 = squash(&reading_lines(&pages[0]).join(" "));
            for g in &sheet.gaps {
                assert!(
                    page1.contains(&squash(&format!("{}: {}", g.title, g.first_step))),
                    "{at}: gap {}",
                    g.title
                );
            }
            for s in &sheet.stories {
                assert!(page1.contains(&s.question), "{at}: story {}", s.id);
            }
            // Each page in priority order: missing, listed, demonstrated.
            let page2 = squash(&reading_lines(&pages[1]).join(" "));
            for (page, questions) in [(&page1, &sheet.stories), (&page2, &sheet.answers)] {
                let at_of: Vec<usize> = questions
                    .iter()
                    .map(|q| {
                        page.find(&format!("{}. {}", q.number, q.question))
                            .unwrap_or_else(|| panic!("{at}: {} in {page}", q.question))
                    })
                    .collect();
                assert!(
                    at_of.windows(2).all(|w| w[0] < w[1]),
                    "{at}: order {at_of:?}"
                );
            }
            for a in &sheet.ask {
                assert!(page1.contains(a.as_str()), "{at}: {a:?}");
            }
        }
    }
}

/// The boxes on a page: for each frame, its height in millimetres and the ruled
/// lines inside it.
fn boxes(page: &Page) -> Vec<(f32, Vec<f32>)> {
    page.frames
        .iter()
        .filter(|f| f.2 > 200.0)
        .map(|&(x, top, w, h)| {
            let mut rows: Vec<f32> = page
                .rules
                .iter()
                .filter(|&&(x1, y, x2)| x1 >= x && x2 <= x + w + 0.5 && y > top && y < top + h)
                .map(|r| r.1)
                .collect();
            rows.sort_by(f32::total_cmp);
            (h * 25.4 / 72.0, rows)
        })
        .collect()
}

#[test]
fn star_boxes_have_room_to_write_and_never_split() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.pdf");
    for (resume, paper) in [
        ("samples/omar-haddad.md", "a4"),
        ("samples/omar-haddad.md", "letter"),
        ("samples/deshawn-carter.txt", "letter"),
        ("samples/lin-weiting.md", "a4"),
    ] {
        let pdf = prep(&root().join(resume), &out, &["--paper", paper]);
        let pages = pages(&pdf);
        let found = boxes(&pages[0]);
        let heights: Vec<String> = found.iter().map(|(h, _)| format!("{h:.1} mm")).collect();
        eprintln!("{resume} on {paper}: STAR boxes {}", heights.join(", "));
        assert_eq!(
            found.len(),
            3,
            "{resume} on {paper}: three story boxes on page 1"
        );
        assert!(boxes(&pages[1]).is_empty(), "{resume}: no box on page 2");
        for (height, rows) in &found {
            assert!(*height >= 35.0, "{resume}: a box of {height:.1} mm");
            assert!(rows.len() >= 4, "{resume}: {} ruled lines", rows.len());
            for pair in rows.windows(2) {
                let gap = (pair[1] - pair[0]) * 25.4 / 72.0;
                assert!(gap >= 6.3, "{resume}: lines {gap:.1} mm apart");
            }
        }
    }
}

#[test]
fn type_is_large_enough_to_read_when_printed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.pdf");
    for resume in ["samples/omar-haddad.md", "samples/lin-weiting.md"] {
        let pdf = prep(&root().join(resume), &out, &[]);
        for page in pages(&pdf) {
            for s in &page.spans {
                let footer = s.top > page.height - 30.0;
                // Status badges are short capitalised words in a pill.
                let badge = ["MISSING", "LISTED", "DEMONSTRATED"].contains(&s.text.as_str());
                let floor = if footer || badge { 7.0 } else { 9.0 };
                assert!(s.size >= floor, "{resume}: {:?} at {} pt", s.text, s.size);
                // Printable margins: nothing within 12 mm of an edge.
                assert!(
                    s.x >= 34.0
                        && s.end <= page.width - 34.0
                        && s.top >= 34.0
                        && s.top <= page.height - 20.0,
                    "{resume}: {:?} at {},{}",
                    s.text,
                    s.x,
                    s.top
                );
            }
        }
    }
}

#[test]
fn the_full_form_keeps_the_study_plans() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheet.pdf");
    let pdf = prep(
        &root().join("samples/deshawn-carter.txt"),
        &out,
        &["--detail", "full"],
    );
    let pages = pages(&pdf);
    assert!(pages.len() > 2);
    let text = reading_text(&pages);
    assert!(text.contains("Study plans and details") && text.contains("What to study:"));
    for (n, page) in pages.iter().enumerate() {
        assert!(
            fill(page) >= 1.0 / 3.0,
            "page {} is {:.0}% full",
            n + 1,
            fill(page) * 100.0
        );
    }
}

/// A small RGBA PNG.
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().unwrap();
    let data: Vec<u8> = (0..w * h)
        .flat_map(|i| [15, 118, 110, if i % 3 == 0 { 0 } else { 255 }])
        .collect();
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    out
}

/// The image XObjects of a PDF that are not soft masks.
fn images(bytes: &[u8]) -> usize {
    let pdf = Pdf::load_mem(bytes).unwrap();
    pdf.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(&b"Image"[..])
                && s.dict.get(b"ColorSpace").and_then(Object::as_name).ok()
                    != Some(&b"DeviceGray"[..])
        })
        .count()
}

#[test]
fn a_brand_shows_on_the_sheet_and_the_cohort_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("art")).unwrap();
    std::fs::write(dir.path().join("art/logo.png"), png(120, 40)).unwrap();
    let brand = dir.path().join("brand.toml");
    std::fs::write(
        &brand,
        "name = \"North Star Careers\"\nlogo = \"art/logo.png\"\naccent = \"#7c2d12\"\nfooter = \"Prepared for our clients only\"\n",
    )
    .unwrap();
    let out = dir.path().join("sheet.pdf");
    let pdf = prep(
        &root().join("samples/omar-haddad.md"),
        &out,
        &["--brand", brand.to_str().unwrap()],
    );
    assert_eq!(images(&pdf), 1, "the logo is embedded once");
    let sheet = pages(&pdf);
    assert_eq!(sheet.len(), 2);
    for page in &sheet {
        let lines = reading_lines(page);
        assert!(
            lines
                .iter()
                .any(|l| l == "North Star Careers · Prepared for our clients only"),
            "{lines:?}"
        );
    }
    assert!(reading_text(&sheet).contains("prepared by North Star Careers"));

    let reports = dir.path().join("reports");
    let run = toolkit(&[
        "batch",
        "--quiet",
        "--date",
        "2026-11-25",
        "--brand",
        brand.to_str().unwrap(),
        "--out",
        reports.to_str().unwrap(),
        "samples/omar-haddad.md",
        "samples/lin-weiting.md",
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let cohort = std::fs::read(reports.join("cohort.pdf")).unwrap();
    assert_eq!(images(&cohort), 1);
    assert!(reading_text(&pages(&cohort)).contains("North Star Careers"));
    assert_eq!(
        images(&std::fs::read(reports.join("omar-haddad.md.prep.pdf")).unwrap()),
        1
    );
}

#[test]
fn bad_brand_files_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("fake.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();
    std::fs::write(d.join("big.png"), png(5000, 2)).unwrap();
    let cases = [
        ("colour = \"#123456\"\n", "unknown field `colour`"),
        (
            "accent = \"teal\"\n",
            "`accent` must be a colour written `#rrggbb`",
        ),
        ("accent = \"#fafafa\"\n", "too pale to read on white paper"),
        (
            "logo = \"missing.png\"\n",
            "logo `missing.png`: cannot read it",
        ),
        (
            "logo = \"fake.png\"\n",
            "logo `fake.png`: the logo is not a valid PNG",
        ),
        (
            "logo = \"big.png\"\n",
            "logo `big.png`: the logo is 5000 × 2 pixels",
        ),
        ("footer = \"two\\nlines\"\n", "`footer` must be one line"),
        ("name = [1]\n", "invalid type"),
    ];
    let out = d.join("sheet.pdf");
    for (i, (body, reason)) in cases.iter().enumerate() {
        let brand = d.join(format!("brand{i}.toml"));
        std::fs::write(&brand, body).unwrap();
        for cmd in ["prep", "batch"] {
            let mut args = vec![cmd, "--brand", brand.to_str().unwrap()];
            let reports = d.join("reports");
            if cmd == "prep" {
                args.extend(["-o", out.to_str().unwrap()]);
            } else {
                args.extend(["--out", reports.to_str().unwrap()]);
            }
            args.push("samples/omar-haddad.md");
            let run = toolkit(&args);
            let want = format!("error: {}: ", brand.display());
            assert_eq!(run.code, 2, "{body}");
            assert!(
                run.stderr.starts_with(&want)
                    && run.stderr.contains(reason)
                    && run.stderr.lines().count() == 1,
                "{body}: {}",
                run.stderr
            );
            assert!(!out.exists() && !reports.join("summary.csv").exists());
        }
    }
}

/// The longest page 1 there can be: every topic missing, a long name in three
/// scripts, misspellings, and a progress block; and the longest page 2: every
/// topic demonstrated by long lines.
#[test]
fn the_longest_sheets_still_fit_one_sheet_of_paper() {
    let profile = Profile::builtin(DEFAULT_PROFILE).unwrap();
    let matcher = Matcher::new(&profile).unwrap();
    let renderer = toolkit_sheet::Renderer::new(toolkit_sheet::DEFAULT_SHEET_TEMPLATE).unwrap();
    let weak = "# 林瑋婷 Ελένη Παπαδοπούλου-Καραγιαννοπούλου (Maximilian Featherstonehaugh)\n\n\
                ## Summary\n\nCareer changer from hospitality; curious about Pyhton, Javascipt, Postgress, \
                Kubernets, Dockerr and Terrafrom.\n\n## Experience\n\n- Managed the front desk of a busy hotel.\n";
    let long = |topic: &str| {
        format!(
            "- Designed and documented the {topic} work for the insurance claims platform used by forty partner \
             firms across the region, with PostgreSQL, REST, Git, Docker, AWS, Scrum and code reviews in Java\n"
        )
    };
    let strong = format!(
        "# Maximilian-Alexander Featherstonehaugh\n\n## Experience\n\n### Backend Intern — Wolfeschlegel Holdings Company Lt, Springfield (2023 – present)\n\n{}",
        [
            "claims",
            "billing",
            "search",
            "export",
            "import",
            "audit",
            "reporting"
        ]
        .map(long)
        .concat()
    );
    for (name, resume, progress) in [("weak", weak.to_string(), true), ("strong", strong, true)] {
        let doc = toolkit_document::read(resume.as_bytes(), Format::Markdown, &Limits::default())
            .unwrap();
        let report = matcher.check(&doc);
        let mut sheet = Sheet::new(&report, &profile, "2026-11-25");
        if progress {
            sheet = sheet.with_progress(toolkit_sheet::Progress {
                previous_date: "2026-10-01".into(),
                previous_score: 12,
                improved: [
                    "Web services (REST and SOAP)",
                    "Databases and normalization",
                    "Teamwork and collaboration",
                    "Programming languages",
                    "Version control",
                ]
                .map(String::from)
                .to_vec(),
                slipped: [
                    "Agile ways of working",
                    "Application security",
                    "Cloud computing",
                    "APIs",
                ]
                .map(String::from)
                .to_vec(),
                misspellings_fixed: ["Gihtub", "Javscript", "Kubernets", "Dokcer"]
                    .map(String::from)
                    .to_vec(),
                other_checker: true,
            });
        }
        let markup = renderer.render(&sheet).unwrap();
        for paper in [toolkit_pdf::Paper::A4, toolkit_pdf::Paper::Letter] {
            let pdf = toolkit_pdf::render(
                &markup,
                &toolkit_pdf::Options {
                    paper,
                    ..Default::default()
                },
            )
            .unwrap();
            eprintln!("{name} on {paper:?}: {:?}", pdf.fill);
            assert_eq!(pdf.pages, 2, "{name} on {paper:?}: {:?}", pdf.fill);
            assert!(
                pdf.fill.iter().all(|f| *f >= 1.0 / 3.0),
                "{name}: {:?}",
                pdf.fill
            );
        }
    }
}
