//! Rendering tests: structure and extracted text, never stored PDF bytes.

use crate::fonts::{FaceId, fonts};
use crate::{Options, Paper, Rendered, render};
use lopdf::{Document as Pdf, Object};

const DEMO: &str = include_str!("../examples/demo.txt");

fn render_markup(src: &str, opts: &Options) -> Rendered {
    let doc = toolkit_markup::parse(src).unwrap_or_else(|e| panic!("markup: {e}"));
    render(&doc, opts).unwrap_or_else(|e| panic!("render: {e}"))
}

/// The text of every page as lines, top to bottom, decoded from the content
/// streams through each font's ToUnicode map.
///
/// Pieces whose baselines are within 2.5 pt share a line (badge labels sit a
/// little higher than the text around them); a space is inserted where two
/// pieces are apart, as a reader would see it.
fn page_lines(bytes: &[u8]) -> Vec<Vec<String>> {
    let pdf = Pdf::load_mem(bytes).expect("the PDF parses");
    let mut pages = Vec::new();
    for (_, page_id) in pdf.get_pages() {
        let fonts_by_res = pdf.get_page_fonts(page_id).expect("page fonts");
        // (baseline, start x, end x, text)
        let mut spans: Vec<(f32, f32, f32, String)> = Vec::new();
        let (mut encoding, mut face, mut size) = (None, FaceId::Regular, 0.0);
        let (mut x, mut y) = (0.0, 0.0);
        let content = pdf.get_and_decode_page_content(page_id).expect("content");
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().expect("font name");
                    let dict = fonts_by_res[name];
                    encoding = Some(dict.get_font_encoding(&pdf).expect("encoding"));
                    let base = dict
                        .get(b"BaseFont")
                        .and_then(Object::as_name)
                        .expect("base font");
                    face = FaceId::ALL
                        .into_iter()
                        .find(|f| f.pdf_name().as_bytes() == base)
                        .expect("a known font");
                    size = op.operands[1].as_float().expect("size");
                }
                "Tm" => {
                    x = op.operands[4].as_float().expect("x");
                    y = op.operands[5].as_float().expect("y");
                }
                "Tj" | "TJ" => {
                    let enc = encoding.as_ref().expect("a font is set");
                    let mut text = String::new();
                    let mut strings = Vec::new();
                    for operand in &op.operands {
                        match operand {
                            Object::String(b, _) => strings.push(b.clone()),
                            Object::Array(items) => strings.extend(
                                items
                                    .iter()
                                    .filter_map(|o| o.as_str().ok().map(<[u8]>::to_vec)),
                            ),
                            _ => {}
                        }
                    }
                    for s in strings {
                        text.push_str(&Pdf::decode_text(enc, &s).expect("decodes"));
                    }
                    let width: f32 = text.chars().map(|c| fonts().width(face, c, size)).sum();
                    spans.push((y, x, x + width, text));
                }
                _ => {}
            }
        }
        // Top-down, then left to right within a line.
        spans.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut line_y = f32::NAN;
        for span in &mut spans {
            if line_y.is_nan() || (line_y - span.0).abs() >= 2.5 {
                line_y = span.0;
            }
            span.0 = line_y;
        }
        spans.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.total_cmp(&b.1)));
        let mut lines: Vec<(f32, f32, String)> = Vec::new();
        for (y, x, end, text) in spans {
            match lines.last_mut() {
                Some((ly, lend, line)) if *ly == y => {
                    let boundary_space = line.ends_with(' ') || text.starts_with(' ');
                    if x - *lend > 1.0 && !boundary_space {
                        line.push(' ');
                    }
                    line.push_str(&text);
                    *lend = end;
                }
                _ => lines.push((y, end, text)),
            }
        }
        pages.push(
            lines
                .into_iter()
                .map(|(_, _, l)| l.trim().to_owned())
                .collect(),
        );
    }
    pages
}

fn body_lines(page: &[String]) -> &[String] {
    // The last line is the footer: the title and the page number.
    &page[..page.len().saturating_sub(1)]
}

#[test]
fn demo_sheet_has_two_pages_in_reading_order() {
    let pdf = render_markup(DEMO, &Options::default());
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    assert_eq!(pdf.pages, 2);
    assert_eq!(pdf.warnings, Vec::<String>::new());
    let pages = page_lines(&pdf.bytes);
    assert_eq!(pages.len(), 2);
    let first = &pages[0];
    assert_eq!(first[0], "Interview prep: Zoë Łukasiewicz");
    assert_eq!(
        first[1],
        "Role: Junior backend developer · Prepared: 14 March 2025 · Resume score: 68 / 100"
    );
    assert!(
        first.contains(
            &"HTTP and REST design DEMONSTRATED The booking API, its error format".to_owned()
        ),
        "{first:#?}"
    );
    assert!(
        first.contains(&"1. Walk me through an API you designed DEMONSTRATED".to_owned()),
        "{first:#?}"
    );
    assert_eq!(
        first.last().map(String::as_str),
        Some("Interview prep: Zoë Łukasiewicz Page 1 of 2")
    );
    let all: Vec<&String> = pages.iter().flatten().collect();
    let position = |needle: &str| {
        all.iter()
            .position(|l| l.starts_with(needle))
            .unwrap_or_else(|| panic!("{needle:?} not found in {all:#?}"))
    };
    let order: Vec<usize> = (1..=13).map(|n| position(&format!("{n}. "))).collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "questions out of order: {order:?}"
    );
    assert!(position("On the day:") > order[12]);
    assert_eq!(
        pages[1].last().map(String::as_str),
        Some("Interview prep: Zoë Łukasiewicz Page 2 of 2")
    );
}

#[test]
fn output_is_deterministic_and_dated_by_the_caller() {
    let a = render_markup(DEMO, &Options::default());
    let b = render_markup(DEMO, &Options::default());
    assert!(a.bytes == b.bytes, "two renders differ");
    let dated = Options {
        paper: Paper::A4,
        timestamp: Some(1_741_910_400),
        ..Options::default()
    };
    let c = render_markup(DEMO, &dated);
    assert!(a.bytes != c.bytes);
    let pdf = Pdf::load_mem(&c.bytes).unwrap();
    let info_id = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = pdf.get_dictionary(info_id).unwrap();
    let text = |key: &[u8]| lopdf::decode_text_string(info.get(key).unwrap()).unwrap();
    assert_eq!(text(b"Title"), "Interview prep: Zoë Łukasiewicz");
    assert_eq!(text(b"Author"), "Career Lab");
    assert_eq!(
        text(b"Subject"),
        "Junior backend developer: interview prep sheet"
    );
    assert!(
        text(b"CreationDate").starts_with("D:20250314"),
        "{}",
        text(b"CreationDate")
    );
}

#[test]
fn paper_sizes() {
    for (paper, size) in [
        (Paper::A4, [595.28, 841.89]),
        (Paper::Letter, [612.0, 792.0]),
    ] {
        let pdf = render_markup(
            "Hello",
            &Options {
                paper,
                ..Options::default()
            },
        );
        let doc = Pdf::load_mem(&pdf.bytes).unwrap();
        let (_, page_id) = doc.get_pages().into_iter().next().unwrap();
        let media = doc
            .get_dictionary(page_id)
            .unwrap()
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        let w = media[2].as_float().unwrap();
        let h = media[3].as_float().unwrap();
        assert!(
            (w - size[0]).abs() < 0.1 && (h - size[1]).abs() < 0.1,
            "{paper:?}: {w} x {h}"
        );
        // No author or subject given: no empty fields written.
        let info_id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let info = doc.get_dictionary(info_id).unwrap();
        for key in [&b"Author"[..], b"Subject", b"Keywords", b"GTS_PDFXVersion"] {
            assert!(info.get(key).is_err(), "{}", String::from_utf8_lossy(key));
        }
    }
}

#[test]
fn names_in_many_scripts_extract_and_fonts_are_subset() {
    let src = "% title: Cohort\n\n# Cohort: Łukasiewicz, Ελένη, Дмитрий, 林瑋婷\n\n\
               - Zoë Łukasiewicz\n- Ελένη Παπαδοπούλου\n- Дмитрий Иванов\n- 林瑋婷 (**林瑋婷**)";
    let pdf = render_markup(src, &Options::default());
    assert_eq!(pdf.warnings, Vec::<String>::new());
    let lines = page_lines(&pdf.bytes).concat();
    for name in [
        "Zoë Łukasiewicz",
        "Ελένη Παπαδοπούλου",
        "Дмитрий Иванов",
        "林瑋婷 (林瑋婷)",
    ] {
        assert!(
            lines.contains(&name.to_owned()),
            "{name} missing from {lines:#?}"
        );
    }
    // Every font is embedded and far smaller than the face it came from.
    let doc = Pdf::load_mem(&pdf.bytes).unwrap();
    let mut embedded = Vec::new();
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && let Ok(name) = dict.get(b"FontName").and_then(Object::as_name)
        {
            let file = dict
                .get(b"FontFile2")
                .and_then(Object::as_reference)
                .unwrap();
            let stream = doc.get_object(file).unwrap().as_stream().unwrap();
            let len = stream
                .decompressed_content()
                .map_or(stream.content.len(), |c| c.len());
            embedded.push((String::from_utf8_lossy(name).into_owned(), len));
        }
    }
    embedded.sort();
    let names: Vec<&str> = embedded.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "AAAAAA+NotoSans-Regular",
            "AAAAAB+NotoSans-Bold",
            "AAAAAD+DroidSansFallbackFull"
        ]
    );
    assert!(
        embedded.iter().all(|(_, len)| *len < 60_000),
        "{embedded:?}"
    );
}

#[test]
fn missing_glyphs_are_drawn_as_question_marks_and_reported() {
    let pdf = render_markup("Ship it 🚀 today 🚀", &Options::default());
    assert_eq!(pdf.warnings, ["no glyph for U+1F680 '🚀': drawn as '?'"]);
    let lines = page_lines(&pdf.bytes).concat();
    assert!(
        lines.contains(&"Ship it ? today ?".to_owned()),
        "{lines:#?}"
    );
}

#[test]
fn headings_never_end_a_page() {
    // Shift the sections down line by line so that every heading lands at the
    // bottom of a page for some filler length.
    for filler in 0..24 {
        let mut src = String::from("% title: Keep\n\n");
        for i in 0..filler {
            src.push_str(&format!("Filler line {i}.\n\n"));
        }
        for s in 0..45 {
            src.push_str(&format!(
                "### Section {s}\n\nFirst line of section {s} is long enough to wrap onto a \
                 second line when it is set in ten point type across the page width.\n\n"
            ));
        }
        let pdf = render_markup(&src, &Options::default());
        let pages = page_lines(&pdf.bytes);
        assert!(pages.len() >= 3);
        for (n, page) in pages.iter().enumerate() {
            let body = body_lines(page);
            let last = body.last().unwrap();
            assert!(
                !last.starts_with("Section "),
                "filler {filler}: page {} ends with {last:?}",
                n + 1
            );
            if let Some(pos) = body.iter().position(|l| l.starts_with("Section ")) {
                assert!(
                    body.len() - pos >= 3,
                    "filler {filler}: heading with fewer than 2 lines after it on page {}",
                    n + 1
                );
            }
        }
    }
}

/// A cohort "topic × client" grid: a name column and fourteen badge columns.
fn cohort_grid(rows: usize) -> (String, Vec<&'static str>) {
    let clients = vec![
        "Zoë Ł.",
        "Ελένη Π.",
        "Дмитрий И.",
        "林瑋婷",
        "Aroha N.",
        "Bilal K.",
        "Chen W.",
        "Dana O.",
        "Emeka A.",
        "Fatima Z.",
        "Gustavo R.",
        "Hana S.",
        "Igor P.",
        "Jamal T.",
    ];
    let mut src = format!(
        "% title: Cohort grid\n\n# Cohort grid\n\n| Topic | {} |\n|{}\n",
        clients.join(" | "),
        "---|".repeat(15)
    );
    let badges = [
        "{missing}",
        "{listed}",
        "{demonstrated}",
        "{ok}",
        "{error}",
        "",
    ];
    for row in 0..rows {
        let cells: Vec<&str> = (0..14).map(|c| badges[(row * 7 + c * 3) % 6]).collect();
        src.push_str(&format!("| Topic number {row} | {} |\n", cells.join(" | ")));
    }
    (src, clients)
}

#[test]
fn wide_tables_repeat_their_header_after_a_page_break() {
    let (src, clients) = cohort_grid(70);
    let pdf = render_markup(&src, &Options::default());
    assert_eq!(pdf.pages, 2);
    let pages = page_lines(&pdf.bytes);
    // Client names wrap inside their narrow columns, so check the first line.
    let header_start = "Topic Zoë Ł. Ελένη Дмитрий 林瑋婷 Aroha Bilal K. Chen";
    for page in &pages {
        assert!(
            page.iter().any(|l| l.starts_with(header_start)),
            "header not repeated: {page:#?}"
        );
    }
    let rows: Vec<&String> = pages
        .iter()
        .flatten()
        .filter(|l| l.starts_with("Topic number"))
        .collect();
    assert_eq!(rows.len(), 70);
    assert_eq!(
        rows[0],
        "Topic number 0 MISSING OK MISSING OK MISSING OK MISSING OK MISSING OK MISSING OK MISSING OK"
    );
    assert_eq!(rows[2], "Topic number 2 DEMO DEMO DEMO DEMO DEMO DEMO DEMO");
    assert_eq!(clients.len(), 14);
}

#[test]
fn page_breaks_empty_and_untitled_documents() {
    let pdf = render_markup(
        "one\n\n\\pagebreak\n\\pagebreak\n\ntwo\n\n\\pagebreak",
        &Options::default(),
    );
    assert_eq!(pdf.pages, 2);
    let pages = page_lines(&pdf.bytes);
    assert_eq!(pages[0], ["Untitled", "one", "Untitled Page 1 of 2"]);
    assert_eq!(pages[1], ["two", "Untitled Page 2 of 2"]);
    let pdf = render_markup("", &Options::default());
    assert_eq!(pdf.pages, 1);
}

#[test]
fn long_urls_and_cjk_runs_stay_inside_the_margins() {
    let src = format!(
        "See https://example.com/{} and {}\n\n| a | {} |",
        "very-long-path-segment/".repeat(12),
        "林瑋婷是後端工程師".repeat(12),
        "x".repeat(200)
    );
    let doc = toolkit_markup::parse(&src).unwrap();
    let geo = crate::layout::Geometry::new(595.28, 841.89);
    let pages = crate::layout::layout(&doc, geo, &Default::default()).pages;
    let mut texts = 0;
    for item in pages.iter().flat_map(|p| &p.items) {
        if let crate::layout::Draw::Text {
            x,
            size,
            face,
            text,
            ..
        } = item
        {
            let end = x + text
                .chars()
                .map(|c| fonts().width(*face, c, *size))
                .sum::<f32>();
            assert!(
                *x >= 37.9 && end <= 595.28 - 37.9,
                "{text:?} spans {x}..{end}"
            );
            texts += 1;
        }
    }
    assert!(texts > 10);
}

/// poppler, when installed, must agree with the Rust extraction above.
#[test]
fn pdftotext_reads_names_in_order() {
    let Ok(out) = std::process::Command::new("pdftotext").arg("-v").output() else {
        // CI installs poppler: there, a missing pdftotext is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext is not installed but CI is set"
        );
        eprintln!("skipped: pdftotext is not installed");
        return;
    };
    let _ = out;
    let pdf = render_markup(
        "% title: Names\n\nŁukasiewicz, then Ελένη, then Дмитрий, then 林瑋婷.",
        &Options::default(),
    );
    let path = std::env::temp_dir().join(format!("toolkit-pdf-test-{}.pdf", std::process::id()));
    std::fs::write(&path, &pdf.bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout".as_ref(), path.as_os_str(), "-".as_ref()])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Łukasiewicz, then Ελένη, then Дмитрий, then 林瑋婷."),
        "{text}"
    );
}
