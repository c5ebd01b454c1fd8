//! DOCX and PDF readers on small files built in the tests, plus hostile input.

use std::io::{Cursor, Write};

use lopdf::{Dictionary, Document as Pdf, Object, Stream, dictionary};
use toolkit_document::{Document, Format, Limits, ReadError, SectionKind, Sniffed, read, sniff};
use zip::write::SimpleFileOptions;

// ---------------------------------------------------------------------------
// Builders

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn docx(body: &str, styles: &str) -> Vec<u8> {
    let document =
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    let styles = format!(r#"<?xml version="1.0"?><w:styles {W}>{styles}</w:styles>"#);
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ])
}

fn p(style: &str, text: &str) -> String {
    let ppr = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
    };
    format!(r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn style(id: &str, name: &str) -> String {
    format!(r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/></w:style>"#)
}

/// A one-page PDF drawing `content` with font `/F1` and extra resources.
fn pdf_with(content: &str, font: Dictionary, extra: Dictionary) -> Vec<u8> {
    pdf_with_cmap(content, font, extra, None)
}

/// The same, with a ToUnicode CMap for the font.
fn pdf_with_cmap(
    content: &str,
    mut font: Dictionary,
    extra: Dictionary,
    to_unicode: Option<Vec<u8>>,
) -> Vec<u8> {
    let mut doc = Pdf::with_version("1.5");
    let pages_id = doc.new_object_id();
    if let Some(cmap) = to_unicode {
        let cmap_id = doc.add_object(Stream::new(dictionary! {}, cmap));
        font.set("ToUnicode", cmap_id);
    }
    let font_id = doc.add_object(font);
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
    let mut resources = dictionary! { "Font" => dictionary! { "F1" => font_id } };
    resources.extend(&extra);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn helvetica() -> Dictionary {
    dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    }
}

/// Text lines drawn 14 points apart in 11-point Helvetica, with an optional
/// 16-point first line.
fn pdf_lines(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 11 Tf 14 TL 72 720 Td\n");
    for line in lines {
        content.push_str(&format!("({line}) Tj T*\n"));
    }
    content.push_str("ET");
    pdf_with(&content, helvetica(), dictionary! {})
}

/// A PDF whose font has a ToUnicode map sending the given codes to the given text.
fn pdf_with_to_unicode(content: &str, map: &[(u8, &str)]) -> Vec<u8> {
    let mut cmap = format!("{} beginbfchar\n", map.len());
    for (code, text) in map {
        let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
        cmap.push_str(&format!("<{code:02X}> <{hex}>\n"));
    }
    cmap.push_str("endbfchar\n");
    pdf_with_cmap(
        content,
        helvetica(),
        dictionary! {},
        Some(cmap.into_bytes()),
    )
}

fn lines(doc: &Document) -> Vec<(u32, Option<u32>, String)> {
    doc.lines()
        .map(|(_, l)| (l.number, l.page, l.text.clone()))
        .collect()
}

/// Each line's number and text, and whether it carries on the sentence before it.
fn sentences(doc: &Document) -> Vec<(u32, String, bool)> {
    doc.lines()
        .map(|(_, l)| (l.number, l.text.clone(), l.continues))
        .collect()
}

fn kinds(doc: &Document) -> Vec<SectionKind> {
    doc.sections.iter().map(|s| s.kind).collect()
}

// ---------------------------------------------------------------------------
// DOCX

#[test]
fn docx_headings_lists_tables_and_localized_style_ids() {
    let styles = [
        style("Titel", "Title"),
        style("berschrift1", "heading 1"),
        style("Aufzaehlung", "List Bullet"),
    ]
    .concat();
    let body = [
        p("Titel", "Jane Doe"),
        p("", "Backend developer · Berlin · jane@example.com"),
        p("berschrift1", "Skills"),
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Languages</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Python, Go</w:t></w:r></w:p></w:tc></w:tr>
           <w:tr><w:tc><w:p><w:r><w:t>Databases</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>PostgreSQL</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#
            .to_string(),
        p("berschrift1", "Experience"),
        p("Aufzaehlung", "Built a REST API"),
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>in Go</w:t></w:r></w:p>"#.to_string(),
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Projects</w:t></w:r></w:p>"#.to_string(),
        r#"<w:p><w:hyperlink><w:r><w:t>A link</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>and a tab</w:t><w:br/><w:t>then a break</w:t></w:r></w:p>"#.to_string(),
    ]
    .concat();
    let doc = read(&docx(&body, &styles), Format::Docx, &Limits::default()).unwrap();
    assert_eq!(doc.name.as_deref(), Some("Jane Doe"));
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Skills,
            SectionKind::Experience,
            SectionKind::Projects
        ]
    );
    let got: Vec<_> = doc
        .lines()
        .map(|(_, l)| (l.number, l.depth, l.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (1, 0, "Jane Doe"),
            (2, 0, "Backend developer · Berlin · jane@example.com"),
            (4, 0, "Languages | Python, Go"),
            (5, 0, "Databases | PostgreSQL"),
            (7, 1, "Built a REST API"),
            (8, 2, "in Go"),
            (10, 0, "A link and a tab"),
            (11, 0, "then a break"),
        ]
    );
}

#[test]
fn docx_header_rows_are_marked() {
    let cell = |text: &str| format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
    let row = |head: &str, cells: &[&str]| {
        let props = match head {
            "" => String::new(),
            val => format!("<w:trPr><w:tblHeader{val}/></w:trPr>"),
        };
        let cells: String = cells.iter().map(|c| cell(c)).collect();
        format!("<w:tr>{props}{cells}</w:tr>")
    };
    let body = [
        p("", "Jane Doe"),
        p("", "Certifications"),
        format!(
            "<w:tbl>{}{}{}</w:tbl>",
            row(" ", &["Year", "Course"]),
            row("", &["2023", "SQL basics"]),
            row(r#" w:val="false""#, &["2024", "Docker"])
        ),
    ]
    .concat();
    let doc = read(&docx(&body, ""), Format::Docx, &Limits::default()).unwrap();
    let rows: Vec<(&str, bool)> = doc
        .lines()
        .map(|(_, l)| (l.text.as_str(), l.table_head))
        .filter(|(text, _)| text.contains(" | "))
        .collect();
    assert_eq!(
        rows,
        [
            ("Year | Course", true),
            ("2023 | SQL basics", false),
            ("2024 | Docker", false)
        ]
    );
}

#[test]
fn docx_layout_table_keeps_paragraphs() {
    let cell = |paras: &[String]| format!("<w:tc>{}</w:tc>", paras.concat());
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&[p("", "Jane Doe"), p("", "Skills"), p("", "Rust and Go")]),
        cell(&[
            p("", "Experience"),
            p("", "Wrote services in Rust at Acme for two years.")
        ]),
    );
    let doc = read(&docx(&body, ""), Format::Docx, &Limits::default()).unwrap();
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Skills,
            SectionKind::Experience
        ]
    );
}

/// The name and contact details in the page header, and a keyword line in the
/// footer, are the resume's header; a title that names the job leaves the name to
/// the first line, and a line repeated on two headers is read once.
#[test]
fn docx_page_headers_and_footers_open_the_resume() {
    let part =
        |tag: &str, body: &str| format!(r#"<?xml version="1.0"?><w:{tag} {W}>{body}</w:{tag}>"#);
    // A document whose body opens with `first`, with its page parts beside it.
    let with_pages = |first: String, pages: &[(&str, String)]| {
        let body = format!(
            "{first}{}{}",
            p("Heading1", "Experience"),
            p("", "Built a Java service.")
        );
        let document =
            format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
        let styles = format!(
            r#"<?xml version="1.0"?><w:styles {W}>{}{}</w:styles>"#,
            style("Title", "Title"),
            style("Heading1", "heading 1")
        );
        let mut entries: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", document.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
        ];
        entries.extend(pages.iter().map(|(name, xml)| (*name, xml.as_bytes())));
        read(&zip(&entries), Format::Docx, &Limits::default()).unwrap()
    };
    let header = part(
        "hdr",
        &format!("{}{}", p("", "JOMAR VILLANUEVA"), p("", "Manila")),
    );
    let doc = with_pages(
        p("Title", "Junior Backend Developer"),
        &[
            (
                "word/footer1.xml",
                part("ftr", &p("", "Keywords: Java, Docker")),
            ),
            ("word/header2.xml", part("hdr", &p("", "JOMAR VILLANUEVA"))),
            ("word/header1.xml", header),
        ],
    );
    assert_eq!(doc.name.as_deref(), Some("Jomar Villanueva"));
    assert_eq!(
        lines(&doc),
        [
            (1, None, "JOMAR VILLANUEVA".to_string()),
            (2, None, "Manila".to_string()),
            (3, None, "Keywords: Java, Docker".to_string()),
            (4, None, "Junior Backend Developer".to_string()),
            (6, None, "Built a Java service.".to_string()),
        ]
    );
    assert_eq!(kinds(&doc), [SectionKind::Header, SectionKind::Experience]);

    // A footer that names no one ("Page 1 of 2") leaves the name to the body's first
    // line and follows it.
    let doc = with_pages(
        p("", "Jane Doe"),
        &[("word/footer1.xml", part("ftr", &p("", "Page 1 of 2")))],
    );
    assert_eq!(doc.name.as_deref(), Some("Jane Doe"));
    assert_eq!(
        lines(&doc),
        [
            (1, None, "Jane Doe".to_string()),
            (2, None, "Page 1 of 2".to_string()),
            (4, None, "Built a Java service.".to_string()),
        ]
    );
}

#[test]
fn word_2003_xml_reads_like_docx_without_image_data() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">
<w:styles><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>
<w:body><wx:sect xmlns:wx="x">
<w:p><w:r><w:t>Jane Doe</w:t></w:r></w:p>
<w:p><w:r><w:pict><w:binData w:name="wordml://01.png">iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGXRFWHRTb2Z0d2FyZQBBZG9iZSBJbWFnZVJlYWR5ccllPAAAAyRpVFh0WE1MOmNvbS5hZG9iZS54bXAAAAAAADw</w:binData></w:pict></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Skills</w:t></w:r></w:p>
<w:p><w:pPr><w:listPr><w:ilvl w:val="0"/></w:listPr></w:pPr><w:r><w:t>PostgreSQL &amp; Redis</w:t></w:r></w:p>
</wx:sect></w:body></w:wordDocument>"#;
    assert_eq!(sniff(xml.as_bytes()), Some(Sniffed::WordXml));
    let doc = read(xml.as_bytes(), Format::Docx, &Limits::default()).unwrap();
    assert_eq!(
        lines(&doc),
        [
            (1, None, "Jane Doe".to_string()),
            (3, None, "PostgreSQL & Redis".to_string())
        ]
    );
    assert_eq!(doc.sections[1].lines[0].depth, 1);
}

#[test]
fn zip_bomb_is_refused_by_declared_size() {
    // 4 MiB of spaces deflate to a few kilobytes.
    let big = vec![b' '; 4 << 20];
    let bytes = zip(&[("word/document.xml", &big)]);
    assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
    let limits = Limits {
        max_inflated_bytes: 1 << 20,
        ..Limits::default()
    };
    assert_eq!(
        read(&bytes, Format::Docx, &limits),
        Err(ReadError::InflateLimit { limit: 1 << 20 })
    );
}

/// The zip crate stops at the declared size, and the reader counts what it
/// inflates, so a lying header cannot get past the limit either way.
#[test]
fn zip_bomb_is_refused_when_the_declared_size_lies() {
    let big = vec![b' '; 4 << 20];
    let mut bytes = zip(&[("word/document.xml", &big)]);
    // Claim 100 bytes in both the local and the central directory header.
    let patch = |bytes: &mut Vec<u8>, signature: &[u8], offset: usize| {
        let at = bytes
            .windows(4)
            .position(|w| w == signature)
            .expect("header present");
        bytes[at + offset..at + offset + 4].copy_from_slice(&100u32.to_le_bytes());
    };
    patch(&mut bytes, b"PK\x03\x04", 22);
    patch(&mut bytes, b"PK\x01\x02", 24);
    let limits = Limits {
        max_inflated_bytes: 1 << 20,
        ..Limits::default()
    };
    let result = read(&bytes, Format::Docx, &limits);
    assert!(
        matches!(&result, Err(ReadError::Docx(m)) if m.contains("declared")),
        "{result:?}"
    );
}

#[test]
fn too_many_archive_entries_are_refused() {
    let names: Vec<String> = (0..12).map(|i| format!("word/media/{i}.bin")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let limits = Limits {
        max_archive_entries: 10,
        ..Limits::default()
    };
    assert_eq!(
        read(&zip(&entries), Format::Docx, &limits),
        Err(ReadError::TooManyEntries {
            count: 12,
            limit: 10
        })
    );
}

#[test]
fn truncated_and_foreign_archives_are_refused() {
    let good = docx(&p("", "Jane Doe"), "");
    let truncated = &good[..good.len() / 2];
    assert!(matches!(
        read(truncated, Format::Docx, &Limits::default()),
        Err(ReadError::Docx(_))
    ));
    let odt = zip(&[("content.xml", b"<office:document/>")]);
    assert_eq!(sniff(&odt), Some(Sniffed::OtherZip));
    assert!(matches!(
        read(&odt, Format::Docx, &Limits::default()),
        Err(ReadError::Docx(m)) if m.contains("word/document.xml")
    ));
    let broken_xml = zip(&[("word/document.xml", b"<w:document><w:body><w:p></w:x>")]);
    assert!(matches!(
        read(&broken_xml, Format::Docx, &Limits::default()),
        Err(ReadError::Docx(_))
    ));
}

#[test]
fn legacy_doc_is_refused_with_a_reason() {
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend([0u8; 512]);
    assert_eq!(sniff(&ole), Some(Sniffed::LegacyDoc));
    for format in Format::ALL {
        assert_eq!(
            read(&ole, format, &Limits::default()),
            Err(ReadError::LegacyDoc)
        );
    }
    assert_eq!(
        ReadError::LegacyDoc.to_string(),
        "legacy Word .doc is not supported: save it as .docx or PDF"
    );
}

// ---------------------------------------------------------------------------
// PDF

#[test]
fn pdf_lines_pages_and_headings() {
    let content = "BT /F1 20 Tf 72 740 Td (Jane Doe) Tj ET\n\
                   BT /F1 11 Tf 72 720 Td (Berlin, jane@example.com) Tj ET\n\
                   BT /F1 14 Tf 72 690 Td (Skills) Tj ET\n\
                   BT /F1 11 Tf 72 672 Td (Python, PostgreSQL) Tj ET\n\
                   BT /F1 14 Tf 72 640 Td (Experience) Tj ET\n\
                   BT /F1 11 Tf 72 622 Td [(Built a ) -250 (REST API)] TJ ET\n\
                   BT /F1 11 Tf 72 604 Td (Southwestern University) Tj ET";
    let doc = read(
        &pdf_with(content, helvetica(), dictionary! {}),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(doc.name.as_deref(), Some("Jane Doe"));
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Skills,
            SectionKind::Experience
        ]
    );
    let got: Vec<_> = lines(&doc);
    assert_eq!(got[2], (4, Some(1), "Python, PostgreSQL".to_string()));
    assert_eq!(got[3], (6, Some(1), "Built a REST API".to_string()));
    // A body-size line that happens to name a school stays in Experience.
    assert_eq!(got[4], (7, Some(1), "Southwestern University".to_string()));
}

#[test]
fn pdf_of_a_text_resume_reads_its_boxed_headings() {
    let pdf = pdf_lines(&[
        "Jane Doe",
        "jane@example.com",
        "+------------------+",
        "| PROJECTS |",
        "+------------------+",
        "Built a Flask API for the food bank pantry.",
        "+------------------+",
        "| SKILLS |",
        "+------------------+",
        "| Redis | Kafka |",
    ]);
    let doc = read(&pdf, Format::Pdf, &Limits::default()).unwrap();
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Projects,
            SectionKind::Skills
        ]
    );
    let texts: Vec<String> = lines(&doc).into_iter().map(|(_, _, t)| t).collect();
    assert!(texts.contains(&"Built a Flask API for the food bank pantry.".to_string()));
    // A list set between bars keeps them: it is no box.
    assert!(
        texts.contains(&"| Redis | Kafka |".to_string()),
        "{texts:?}"
    );
}

#[test]
fn pdf_word_hyphenated_at_a_line_end_is_joined() {
    let doc = read(
        &pdf_lines(&["Jane Doe", "Designed a Post-", "greSQL schema for orders"]),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        sentences(&doc),
        [
            (1, "Jane Doe".to_string(), false),
            (2, "Designed a PostgreSQL".to_string(), false),
            (3, "schema for orders".to_string(), true),
        ]
    );
}

#[test]
fn pdf_ligatures_soft_hyphens_and_icons() {
    // Code 1 is the "fi" ligature, 2 a soft hyphen, 3 a private-use icon.
    let content =
        "BT /F1 11 Tf 72 720 Td (\\003 Ef\\001cient submis\\002) Tj 0 -14 Td (sion of forms) Tj ET";
    let map = [(1, "\u{FB01}"), (2, "\u{AD}"), (3, "\u{F0E0}")];
    let doc = read(
        &pdf_with_to_unicode(content, &map),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        sentences(&doc),
        [
            (1, "Efficient submission".to_string(), false),
            (2, "of forms".to_string(), true),
        ]
    );
}

#[test]
fn pdf_of_private_use_glyphs_is_garbled() {
    let map: Vec<(u8, &str)> = (b'A'..=b'Z').map(|c| (c, "\u{E042}")).collect();
    let content = "BT /F1 11 Tf 72 720 Td (ABCDEFG HIJKLMN OPQRSTU) Tj ET";
    let result = read(
        &pdf_with_to_unicode(content, &map),
        Format::Pdf,
        &Limits::default(),
    );
    assert!(matches!(result, Err(ReadError::Garbled(_))), "{result:?}");
}

#[test]
fn image_only_pdf_has_no_text_layer() {
    let image = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 2,
            "Height" => 2,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    );
    let content = "q 500 0 0 700 50 50 cm /Im1 Do Q";
    let bytes = pdf_with(
        content,
        helvetica(),
        dictionary! { "XObject" => dictionary! { "Im1" => Object::Stream(image) } },
    );
    assert_eq!(
        read(&bytes, Format::Pdf, &Limits::default()),
        Err(ReadError::NoTextLayer)
    );
}

#[test]
fn encrypted_pdf_is_refused_unless_the_user_password_is_empty() {
    let locked = include_bytes!("fixtures/encrypted-user-password.pdf");
    assert_eq!(
        read(locked, Format::Pdf, &Limits::default()),
        Err(ReadError::Encrypted)
    );
    let open = include_bytes!("fixtures/encrypted-empty-user-password.pdf");
    let doc = read(open, Format::Pdf, &Limits::default()).unwrap();
    assert_eq!(doc.name.as_deref(), Some("Jane Doe"));
    assert!(
        lines(&doc)
            .iter()
            .any(|(_, _, t)| t == "Python, PostgreSQL, Docker")
    );
}

#[test]
fn pdf_with_broken_xref_is_recovered() {
    let mut bytes = pdf_lines(&["Jane Doe", "Skills", "Python and Go"]);
    // Point startxref at nonsense; lenient loading rebuilds the table by scanning.
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
    bytes.truncate(at);
    bytes.extend_from_slice(b"startxref\n99999\n%%EOF\n");
    let doc = read(&bytes, Format::Pdf, &Limits::default()).unwrap();
    assert_eq!(doc.name.as_deref(), Some("Jane Doe"));
}

#[test]
fn truncated_pdf_is_refused() {
    let bytes = pdf_lines(&["Jane Doe", "Skills", "Python and Go"]);
    let result = read(&bytes[..40], Format::Pdf, &Limits::default());
    assert!(
        matches!(result, Err(ReadError::Pdf(_) | ReadError::NoTextLayer)),
        "{result:?}"
    );
    assert!(matches!(
        read(b"not a pdf at all", Format::Pdf, &Limits::default()),
        Err(ReadError::Pdf(m)) if m.contains("%PDF")
    ));
}

// ---------------------------------------------------------------------------
// Hostile input for every reader

#[test]
fn empty_and_random_input_never_panics() {
    // A fixed xorshift stream: the same "random" bytes on every run.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut random = Vec::with_capacity(64 * 1024);
    while random.len() < 64 * 1024 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        random.extend_from_slice(&state.to_le_bytes());
    }
    for format in Format::ALL {
        assert_eq!(
            read(b"", format, &Limits::default()),
            Err(ReadError::Empty),
            "{format:?}"
        );
        assert!(
            read(&random, format, &Limits::default()).is_err(),
            "{format:?}"
        );
        // Valid magic numbers followed by junk.
        for magic in [
            &b"%PDF-1.7\n"[..],
            b"PK\x03\x04",
            b"<?xml?><w:wordDocument>",
        ] {
            let mut bytes = magic.to_vec();
            bytes.extend_from_slice(&random[..4096]);
            let _ = read(&bytes, format, &Limits::default());
        }
    }
}

// ---------------------------------------------------------------------------
// PDF: sentences as they were written, whatever drew them

/// Each line's text, list depth and whether it carries on the sentence before it.
fn items(doc: &Document) -> Vec<(&str, u8, bool)> {
    doc.lines()
        .map(|(_, l)| (l.text.as_str(), l.depth, l.continues))
        .collect()
}

#[test]
fn pdf_sentence_an_item_leaves_open_goes_on_in_lower_case_after_the_list() {
    // A hard-wrapped line of an item that became a paragraph of its own: set at the
    // left margin, after the list's spacing. After an item that ends its sentence,
    // a line in lower case starts a paragraph.
    let content = "BT /F1 11 Tf 72 700 Td (Jane Doe) Tj ET\n\
         BT /F1 11 Tf 72 680 Td (\\001) Tj 18 0 Td (Services run on AWS EKS. I use kubectl) Tj ET\n\
         BT /F1 11 Tf 72 658 Td (logs / describe, but I have not written Helm charts.) Tj ET\n\
         BT /F1 11 Tf 72 636 Td (\\001) Tj 18 0 Td (Ran the sprint demos.) Tj ET\n\
         BT /F1 11 Tf 72 614 Td (npm workspaces keep the two services in one repository) Tj ET";
    let doc = read(
        &pdf_with_to_unicode(content, &[(1, "\u{2022}")]),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        items(&doc),
        [
            ("Jane Doe", 0, false),
            ("Services run on AWS EKS. I use kubectl", 1, false),
            (
                "logs / describe, but I have not written Helm charts.",
                1,
                true
            ),
            ("Ran the sprint demos.", 1, false),
            (
                "npm workspaces keep the two services in one repository",
                0,
                false
            ),
        ]
    );
}

#[test]
fn pdf_bullets_drawn_as_shapes_start_list_items() {
    // Chromium and wkhtmltopdf draw list bullets as paths: a small filled square
    // and a disc made of curves, left of each item's text.
    let content = "BT /F1 16 Tf 72 740 Td (Jane Doe) Tj ET\n\
        BT /F1 11 Tf 72 710 Td (Experience) Tj ET\n\
        72 688 3 3 re f\n\
        BT /F1 11 Tf 82 686 Td (Built a REST API in Go for the billing team and wrote) Tj ET\n\
        BT /F1 11 Tf 82 672 Td (tests for every endpoint) Tj ET\n\
        72 660 m 72 662 73 663 74.5 663 c 76 663 77 662 77 660 c \
        77 658 76 657 74.5 657 c 73 657 72 658 72 660 c f\n\
        BT /F1 11 Tf 82 658 Td (Reviewed pull requests every week) Tj ET\n\
        0 0 500 0.5 re f";
    let doc = read(
        &pdf_with(content, helvetica(), dictionary! {}),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        items(&doc),
        [
            ("Jane Doe", 0, false),
            (
                "Built a REST API in Go for the billing team and wrote",
                1,
                false
            ),
            ("tests for every endpoint", 1, true),
            ("Reviewed pull requests every week", 1, false),
        ]
    );
    assert_eq!(kinds(&doc), [SectionKind::Header, SectionKind::Experience]);
}

/// A page's content stream, the glyphs its codes stand for, and the items read from it
/// (text and list level).
type BulletCase<'a> = (&'a str, &'a [(u8, &'a str)], [(&'a str, u8); 3]);

#[test]
fn pdf_bullet_glyphs_start_list_items_and_leave_the_text() {
    let cases: [BulletCase; 2] = [
        // Word and LibreOffice draw U+F0B7 in the Symbol font, a tab stop before the text.
        (
            "BT /F1 11 Tf 72 700 Td (Jane Doe) Tj ET\n\
             BT /F1 11 Tf 72 680 Td (\\001) Tj 18 0 Td (Wrote SQL migrations for the ledger) Tj ET\n\
             BT /F1 11 Tf 72 666 Td (\\001) Tj 18 0 Td (Trained two new starters) Tj ET",
            &[(1, "\u{F0B7}")],
            [
                ("Jane Doe", 0),
                ("Wrote SQL migrations for the ledger", 1),
                ("Trained two new starters", 1),
            ],
        ),
        // LaTeX marks the second and third levels of a list with an en dash and an
        // asterisk.
        (
            "BT /F1 11 Tf 72 700 Td (Jane Doe) Tj ET\n\
             BT /F1 11 Tf 90 680 Td (\\001) Tj 12 0 Td (Notifications service) Tj ET\n\
             BT /F1 11 Tf 108 666 Td (\\002) Tj 12 0 Td (Traced duplicate pushes to a late ack) Tj ET",
            &[(1, "\u{2013}"), (2, "\u{2217}")],
            [
                ("Jane Doe", 0),
                ("Notifications service", 1),
                ("Traced duplicate pushes to a late ack", 2),
            ],
        ),
    ];
    for (content, glyphs, want) in cases {
        let doc = read(
            &pdf_with_to_unicode(content, glyphs),
            Format::Pdf,
            &Limits::default(),
        )
        .unwrap();
        let want: Vec<(&str, u8, bool)> = want
            .iter()
            .map(|&(text, level)| (text, level, false))
            .collect();
        assert_eq!(items(&doc), want);
    }
}

#[test]
fn pdf_wrapped_paragraph_lines_continue_their_sentence() {
    // The cue "I want to grow into" is on the line before the term it is about.
    let doc = read(
        &pdf_lines(&[
            "Jane Doe",
            "Summary",
            "Former barista retraining as a backend developer; I want to grow into",
            "Kubernetes and cloud work.",
            "Skills",
            "Python, Go",
            "Docker",
        ]),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        sentences(&doc),
        [
            (1, "Jane Doe".to_string(), false),
            (
                3,
                "Former barista retraining as a backend developer; I want to grow into".to_string(),
                false
            ),
            (4, "Kubernetes and cloud work.".to_string(), true),
            (6, "Python, Go".to_string(), false),
            (7, "Docker".to_string(), false),
        ]
    );
}

#[test]
fn pdf_compound_broken_at_its_hyphen_keeps_it() {
    let doc = read(
        &pdf_lines(&[
            "Jane Doe",
            "Designed role-",
            "based access checks and main-",
            "tained the audit log",
        ]),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        sentences(&doc),
        [
            (1, "Jane Doe".to_string(), false),
            (2, "Designed role-based".to_string(), false),
            (3, "access checks and maintained".to_string(), true),
            (4, "the audit log".to_string(), true),
        ]
    );
}

#[test]
fn pdf_sidebar_with_body_size_headings_keeps_its_columns() {
    // A left sidebar whose headings are capitals in the body size, its rows on the
    // same baselines as the main column's.
    let left = [
        "SKILLS",
        "Python, Go, PostgreSQL",
        "Docker, Kubernetes",
        "EDUCATION",
        "B.Sc. Computing, 2024",
        "Leeds Beckett University",
    ];
    let right = [
        "EXPERIENCE",
        "Backend intern, Acme Ltd, 2023",
        "Built REST endpoints in Go",
        "Wrote SQL migrations",
        "Reviewed pull requests weekly",
        "Fixed a memory leak in a worker",
        "Deployed to AWS with Terraform",
    ];
    let mut content = String::from("BT /F1 16 Tf 40 740 Td (Jane Doe) Tj ET\n");
    for (i, text) in left.iter().enumerate() {
        let y = 700 - 14 * i;
        content.push_str(&format!("BT /F1 10 Tf 40 {y} Td ({text}) Tj ET\n"));
    }
    for (i, text) in right.iter().enumerate() {
        let y = 700 - 14 * i;
        content.push_str(&format!("BT /F1 10 Tf 220 {y} Td ({text}) Tj ET\n"));
    }
    let doc = read(
        &pdf_with(&content, helvetica(), dictionary! {}),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    let got: Vec<(SectionKind, Vec<String>)> = doc
        .sections
        .iter()
        .map(|s| (s.kind, s.lines.iter().map(|l| l.text.clone()).collect()))
        .collect();
    let texts = |lines: &[&str]| lines.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            (SectionKind::Header, texts(&["Jane Doe"])),
            (SectionKind::Skills, texts(&left[1..3])),
            (SectionKind::Education, texts(&left[4..])),
            (SectionKind::Experience, texts(&right[1..])),
        ]
    );
}

// ---------------------------------------------------------------------------
// PDF: small files that ask for a lot

/// The length of the longest line and all the text of a document, in characters.
fn text_size(doc: &Document) -> (usize, usize) {
    let lengths: Vec<usize> = doc.lines().map(|(_, l)| l.text.chars().count()).collect();
    (
        lengths.iter().copied().max().unwrap_or(0),
        lengths.iter().sum(),
    )
}

#[test]
fn pdf_code_mapped_to_a_huge_string_is_not_text() {
    // ToUnicode maps "A" to 100,000 characters; the page draws it 200 times.
    let huge = "0041".repeat(100_000);
    let cmap = format!("1 beginbfchar\n<41> <{huge}>\nendbfchar\n");
    let content = format!(
        "BT /F1 11 Tf 72 700 Td (Jane Doe) Tj 0 -14 Td (Built REST services in Python and Go for a payments team) Tj 0 -14 Td ({}) Tj ET",
        "A".repeat(10)
    );
    let bytes = pdf_with_cmap(
        &content,
        helvetica(),
        dictionary! {},
        Some(cmap.into_bytes()),
    );
    let doc = read(&bytes, Format::Pdf, &Limits::default()).unwrap();
    let (longest, total) = text_size(&doc);
    // Before the bound, the ten glyphs alone made a million characters.
    assert!(longest <= 200 && total <= 1_000, "{longest} {total}");
    assert!(
        doc.lines()
            .any(|(_, l)| l.text == "Built REST services in Python and Go for a payments team")
    );
    // Drawn many times, the unmapped code makes the page undecodable, not huge.
    let content = format!(
        "BT /F1 11 Tf 72 700 Td (Jane Doe) Tj 0 -14 Td ({}) Tj ET",
        "A".repeat(2_000)
    );
    let cmap = format!("1 beginbfchar\n<41> <{huge}>\nendbfchar\n");
    let bytes = pdf_with_cmap(
        &content,
        helvetica(),
        dictionary! {},
        Some(cmap.into_bytes()),
    );
    let result = read(&bytes, Format::Pdf, &Limits::default());
    assert!(matches!(result, Err(ReadError::Garbled(_))), "{result:?}");
}

#[test]
fn pdf_text_drawn_over_itself_is_refused_as_too_long() {
    // 80,000 words on one baseline, each glyph advancing a thousandth of a point:
    // all of it on the page, none of it readable.
    let words = vec!["word"; 80_000].join(" ");
    let content =
        format!("BT /F1 10 Tf 72 700 Td (Jane Doe) Tj -5.499 Tc 2.719 Tw 0 -20 Td ({words}) Tj ET");
    let result = read(
        &pdf_with(&content, helvetica(), dictionary! {}),
        Format::Pdf,
        &Limits::default(),
    );
    assert!(
        matches!(
            result,
            Err(ReadError::LineTooLong { line: 2, length, limit: 20_000 }) if length > 20_000
        ),
        "{result:?}"
    );
}

#[test]
fn pdf_text_off_the_page_is_ignored() {
    // The same words at their normal width run a kilometre past the page's edge.
    let words = vec!["word"; 80_000].join(" ");
    let content =
        format!("BT /F1 10 Tf 72 700 Td (Jane Doe) Tj 0 -20 Td (Python developer {words}) Tj ET");
    let doc = read(
        &pdf_with(&content, helvetica(), dictionary! {}),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    let (longest, _) = text_size(&doc);
    assert!(longest <= 200, "{longest}");
    assert!(
        doc.lines()
            .any(|(_, l)| l.text.starts_with("Python developer word"))
    );
}

/// A one-page PDF written by hand, with the content stream's `/Length` as given.
fn pdf_with_length(content: &str, length: &str) -> Vec<u8> {
    raw_pdf(content, length, "")
}

/// A one-page PDF written by hand: Helvetica as `/F1`, more fonts as given (for
/// example `/F2 << ... >>`), and the content stream's `/Length` as given.
fn raw_pdf(content: &str, length: &str, fonts: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
             /Resources << /Font << /F1 5 0 R {fonts} >> >> >>"
        ),
        format!("<< /Length {length} >>\nstream\n{content}\nendstream"),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn pdf_with_an_impossible_stream_length_says_so() {
    let content = "BT /F1 11 Tf 72 700 Td (Jane Doe built REST services) Tj ET";
    // A length past the end of the file is repaired: the stream ends at `endstream`.
    let doc = read(
        &pdf_with_length(content, "99999999999"),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(doc.name.as_deref(), Some("Jane Doe built REST services"));
    // A length no file can have leaves the page without content: that is the
    // reason given, not a missing text layer.
    for length in ["-5", "18446744073709551621"] {
        let result = read(
            &pdf_with_length(content, length),
            Format::Pdf,
            &Limits::default(),
        );
        match result {
            Err(ReadError::Pdf(m)) => assert!(m.contains("page 1"), "{length}: {m}"),
            other => panic!("{length}: {other:?}"),
        }
    }
}

#[test]
fn docx_typed_bullets_start_list_items() {
    // Bullets typed into the text rather than numbering: "•" and a tab, and the
    // Symbol font's U+F0B7 as Word's `w:sym`.
    let body = format!(
        "{}{}{}{}",
        p("", "Jane Doe"),
        p("", "Experience"),
        p("", "•\tBuilt a REST API in Go"),
        r#"<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>Reviewed pull requests</w:t></w:r></w:p>"#,
    );
    let doc = read(&docx(&body, ""), Format::Docx, &Limits::default()).unwrap();
    assert_eq!(
        items(&doc),
        [
            ("Jane Doe", 0, false),
            ("Built a REST API in Go", 1, false),
            ("Reviewed pull requests", 1, false),
        ]
    );
    assert_eq!(kinds(&doc), [SectionKind::Header, SectionKind::Experience]);
}

#[test]
fn run_in_headings_open_their_section() {
    // A Markdown paragraph whose first line is a bold heading prints as one line:
    // "**Skills** PHP, Laravel". A bold school before a comma is no heading.
    let content = "BT /F1 16 Tf 72 740 Td (Jane Doe) Tj ET\n\
        BT /F2 11 Tf 72 700 Td (Skills) Tj /F1 11 Tf ( PHP, Laravel, Javscript) Tj ET\n\
        BT /F2 11 Tf 72 680 Td (University of Leeds,) Tj /F1 11 Tf ( BSc Computing) Tj ET";
    let bold = "/F2 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>";
    let bytes = raw_pdf(content, &content.len().to_string(), bold);
    let doc = read(&bytes, Format::Pdf, &Limits::default()).unwrap();
    let sections: Vec<(SectionKind, Vec<String>)> = doc
        .sections
        .iter()
        .map(|s| (s.kind, s.lines.iter().map(|l| l.text.clone()).collect()))
        .collect();
    assert_eq!(
        sections,
        [
            (SectionKind::Header, vec!["Jane Doe".to_string()]),
            (
                SectionKind::Skills,
                vec![
                    "PHP, Laravel, Javscript".to_string(),
                    "University of Leeds, BSc Computing".to_string()
                ]
            ),
        ]
    );

    // The same in a DOCX, bold through a character style as LibreOffice writes it.
    let bold = |text: &str| {
        format!(r#"<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>{text}</w:t></w:r>"#)
    };
    let plain = |text: &str| format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#);
    let body = format!(
        "{}<w:p>{}{}</w:p><w:p>{}{}</w:p>",
        p("", "Jane Doe"),
        bold("Skills"),
        plain(" PHP, Laravel, Javscript"),
        bold("Languages:"),
        plain(" Go, Rust"),
    );
    let styles = r#"<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong Emphasis"/><w:rPr><w:b/></w:rPr></w:style>"#;
    let doc = read(&docx(&body, styles), Format::Docx, &Limits::default()).unwrap();
    let sections: Vec<(SectionKind, Vec<String>)> = doc
        .sections
        .iter()
        .map(|s| (s.kind, s.lines.iter().map(|l| l.text.clone()).collect()))
        .collect();
    assert_eq!(
        sections,
        [
            (SectionKind::Header, vec!["Jane Doe".to_string()]),
            (
                SectionKind::Skills,
                vec![
                    "PHP, Laravel, Javscript".to_string(),
                    "Languages: Go, Rust".to_string()
                ]
            ),
        ]
    );
}

#[test]
fn pdf_columns_ten_points_apart_are_read_one_after_the_other() {
    // LaTeX's `twocolumn` leaves 10 points between columns of justified text:
    // less than the gap that ends a run of words, so rows used to run across.
    let left = [
        "Experience",
        "Backend intern at Acme Ltd in Leeds, 2023",
        "Built REST endpoints in Go for the billing",
        "team and wrote integration tests for them",
        "with a real PostgreSQL database in Docker.",
        "Found why nightly exports stalled: a lock",
        "held by a report query; split the query up.",
        "Reviewed pull requests from two new starters",
        "and paired with them on their first tickets.",
    ];
    let right = [
        "Education",
        "BSc Computing, Leeds Beckett University,",
        "2020 to 2023, with a dissertation on queues",
        "and back-pressure in streaming pipelines;",
        "the code and the benchmarks are public on",
        "GitHub, one tagged commit for each run of",
        "the experiments, with notes in the readme.",
        "Member of the university's programming club",
        "and a volunteer at two local Python meetups.",
    ];
    let mut content = String::from("BT /F1 16 Tf 40 760 Td (Jane Doe) Tj ET\n");
    for (i, (l, r)) in left.iter().zip(right).enumerate() {
        let y = 720 - 13 * i;
        // Each column is 250 points wide: the words are spread to fill it.
        for (x, text) in [(40, l), (300, &r)] {
            let words: Vec<&str> = text.split(' ').collect();
            let chars: usize = text.chars().filter(|c| *c != ' ').count();
            let spare = 250.0 - chars as f32 * 5.0;
            let space = spare / (words.len() - 1).max(1) as f32;
            let mut at = x as f32;
            for w in words {
                content.push_str(&format!("BT /F1 9 Tf {at:.2} {y} Td ({w}) Tj ET\n"));
                at += w.chars().count() as f32 * 5.0 + space;
            }
        }
    }
    let font = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "FirstChar" => 32,
        "Widths" => (32..=255).map(|_| Object::Integer(555)).collect::<Vec<_>>(),
    };
    let doc = read(
        &pdf_with(&content, font, dictionary! {}),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    let got: Vec<(SectionKind, usize)> = doc
        .sections
        .iter()
        .map(|s| (s.kind, s.lines.len()))
        .collect();
    assert_eq!(
        got,
        [
            (SectionKind::Header, 1),
            (SectionKind::Experience, left.len() - 1),
            (SectionKind::Education, right.len() - 1),
        ]
    );
    let education: Vec<&str> = doc.sections[2]
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(education[0], right[1]);
    assert_eq!(education[7], right[8]);
}

#[test]
fn pdf_short_second_column_is_read_after_the_first() {
    // A two-column page whose right column holds only a heading and two lines, at
    // the top, beside the name and contact lines of a long left column: the right
    // column is so short that it is hardly denser than the gutter.
    let mut left = vec![
        "Montreal, QC, jane@example.com, Junior".to_string(),
        "Backend Developer".to_string(),
        "Experience".to_string(),
    ];
    left.extend((1..=40).map(|i| format!("Built service number {i} in Go for the team.")));
    let right = [
        "Conferences",
        "Attended NodeNord 2023, a two-day commu-",
        "nity conference in Montreal.",
    ];
    let mut content = String::from("BT /F1 16 Tf 40 760 Td (Jane Doe) Tj ET\n");
    for (i, text) in left.iter().enumerate() {
        let y = 740 - 13 * i as i32;
        content.push_str(&format!("BT /F1 9 Tf 40 {y} Td ({text}) Tj ET\n"));
    }
    for (i, text) in right.iter().enumerate() {
        let y = 761 - 13 * i as i32;
        content.push_str(&format!("BT /F1 9 Tf 300 {y} Td ({text}) Tj ET\n"));
    }
    let doc = read(
        &pdf_with(&content, helvetica(), dictionary! {}),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    let got: Vec<(SectionKind, Vec<String>)> = doc
        .sections
        .iter()
        .map(|s| (s.kind, s.lines.iter().map(|l| l.text.clone()).collect()))
        .collect();
    let texts = |lines: &[&str]| lines.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            (
                SectionKind::Header,
                vec!["Jane Doe".to_string(), left[0].clone(), left[1].clone()]
            ),
            (SectionKind::Experience, left[3..].to_vec()),
            (
                SectionKind::Activities,
                texts(&[
                    "Attended NodeNord 2023, a two-day community",
                    "conference in Montreal."
                ])
            ),
        ]
    );
}

/// A PDF drawn in Helvetica, read with the default limits.
fn read_helvetica(content: &str) -> Document {
    read(
        &pdf_with(content, helvetica(), dictionary! {}),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap()
}

/// A PDF drawn in Helvetica (`/F1`) and Helvetica-Bold (`/F2`), read with the
/// default limits.
fn read_with_bold(content: &str) -> Document {
    let bold = "/F2 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>";
    read(
        &raw_pdf(content, &content.len().to_string(), bold),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap()
}

/// A page's content: each `(baseline, bold, text)` a line of 11-point Helvetica at
/// the left margin (bold is `/F2`, for [`read_with_bold`]). Brackets in the text are
/// escaped; a backslash is left as written (an octal code).
fn bold_page(lines: &[(f32, bool, &str)]) -> String {
    lines
        .iter()
        .map(|&(y, bold, text)| {
            let font = if bold { 2 } else { 1 };
            let text = text.replace('(', "\\(").replace(')', "\\)");
            format!("BT /F{font} 11 Tf 72 {y} Td ({text}) Tj ET")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A Helvetica PDF whose code 1 draws `mark`, read with the default limits.
fn read_marked(content: &str, mark: &str) -> Document {
    read(
        &pdf_with_to_unicode(content, &[(1, mark)]),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap()
}

/// Each line's list depth, whether it carries on the line before, and its text.
fn depths_and_continues(doc: &Document) -> Vec<(u8, bool, &str)> {
    doc.lines()
        .map(|(_, l)| (l.depth, l.continues, l.text.as_str()))
        .collect()
}

/// Section names and the lines under each, in order.
fn outline(doc: &Document) -> Vec<(SectionKind, Vec<String>)> {
    doc.sections
        .iter()
        .map(|s| (s.kind, s.lines.iter().map(|l| l.text.clone()).collect()))
        .collect()
}

#[test]
fn pdf_headings_a_point_above_the_body_are_headings() {
    // Typst sets level-two headings in 12-point bold over 11-point text; half a point
    // bigger stays body text.
    let content = "BT /F1 18 Tf 72 740 Td (Jane Doe) Tj ET\n\
                   BT /F1 12 Tf 72 710 Td (What I have built) Tj ET\n\
                   BT /F1 11 Tf 72 694 Td (Moved the quote maths to BigDecimal) Tj ET\n\
                   BT /F1 12 Tf 72 670 Td (Skills) Tj ET\n\
                   BT /F1 11 Tf 72 654 Td (Python, PostgreSQL) Tj ET\n\
                   BT /F1 12 Tf 72 630 Td (Education) Tj ET\n\
                   BT /F1 11 Tf 72 614 Td (BSc Computing) Tj ET\n\
                   BT /F1 11.5 Tf 72 590 Td (Kestrel Logistics) Tj ET";
    let doc = read_helvetica(content);
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Other,
            SectionKind::Skills,
            SectionKind::Education
        ]
    );
    assert_eq!(
        outline(&doc)[3].1,
        ["BSc Computing", "Kestrel Logistics"],
        "{doc:?}"
    );
}

#[test]
fn pdf_section_name_after_a_drawn_mark_is_a_heading_not_a_list() {
    // "▸ Projects" over an entry is a heading, and so is "▸ Experience" over an entry
    // whose title, in a bigger size, starts where the heading's text does; an item that
    // names a section inside a list, and one whose text goes on, stay items.
    let content = "BT /F1 11 Tf 72 740 Td (Jane Doe) Tj ET\n\
                   BT /F1 11 Tf 72 720 Td (\\001) Tj 10 0 Td (Projects) Tj ET\n\
                   BT /F1 11 Tf 72 704 Td (Larder, a pantry tracker) Tj ET\n\
                   BT /F1 11 Tf 72 690 Td (Built the stock API in Django) Tj ET\n\
                   BT /F1 11 Tf 72 670 Td (\\001) Tj 10 0 Td (Experience) Tj ET\n\
                   BT /F1 13 Tf 83 652 Td (Night shift supervisor, Kestrel) Tj ET\n\
                   BT /F1 11 Tf 72 634 Td (\\001) Tj 10 0 Td (Teamtally) Tj ET\n\
                   BT /F1 11 Tf 82 620 Td (counts the goals) Tj ET\n\
                   BT /F1 11 Tf 72 600 Td (Night porter, Hotel Ibis) Tj ET\n\
                   BT /F1 11 Tf 72 586 Td (\\001) Tj 10 0 Td (Python) Tj ET\n\
                   BT /F1 11 Tf 72 572 Td (\\001) Tj 10 0 Td (Education) Tj ET";
    let doc = read_marked(content, "\u{25B8}");
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Projects,
            SectionKind::Experience
        ],
        "{doc:?}"
    );
    let last = &outline(&doc)[2].1;
    assert_eq!(
        last[1..],
        [
            "Teamtally",
            "counts the goals",
            "Night porter, Hotel Ibis",
            "Python",
            "Education"
        ],
        "{doc:?}"
    );
}

#[test]
fn pdf_section_names_after_one_mark_over_entries_after_another_are_headings() {
    // "■ Experience" over "▸ Night porter, …": the entries' mark is not the heading's,
    // so the heading is no item of their list.
    let content = "BT /F1 11 Tf 72 740 Td (Jane Doe) Tj ET\n\
                   BT /F1 11 Tf 72 720 Td (\\001) Tj 10 0 Td (Experience) Tj ET\n\
                   BT /F1 11 Tf 72 704 Td (\\002) Tj 10 0 Td (Night porter, Hotel Ibis) Tj ET\n\
                   BT /F1 11 Tf 72 690 Td (Built the rota app in Django) Tj ET\n\
                   BT /F1 11 Tf 72 670 Td (\\001) Tj 10 0 Td (Education) Tj ET\n\
                   BT /F1 11 Tf 72 654 Td (\\002) Tj 10 0 Td (BSc Computing, 2024) Tj ET";
    let doc = read(
        &pdf_with_to_unicode(content, &[(1, "\u{25A0}"), (2, "\u{25B8}")]),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Experience,
            SectionKind::Education
        ],
        "{doc:?}"
    );
}

#[test]
fn pdf_line_over_a_rule_of_its_length_is_a_heading() {
    // A plain-text resume printed to PDF: Setext-style underlines mark its headings;
    // a longer rule that opens a box around the next heading is only a rule.
    let doc = read(
        &pdf_lines(&[
            "Jane Doe",
            "Employment",
            "----------",
            "Stepped through the premium maths in the IntelliJ debugger",
            "Hosting: a Raspberry Pi at home and AWS basics",
            "==================================================================",
            "SKILLS",
            "==================================================================",
            "Python, PostgreSQL",
        ]),
        Format::Pdf,
        &Limits::default(),
    )
    .unwrap();
    let got = outline(&doc);
    assert_eq!(got[1].0, SectionKind::Experience, "{doc:?}");
    assert_eq!(
        got[1].1[0],
        "Stepped through the premium maths in the IntelliJ debugger"
    );
    assert!(got[1].1.iter().any(|l| l.starts_with("Hosting")), "{doc:?}");
    assert!(!got.iter().flat_map(|s| &s.1).any(|l| l == "----------"));
}

#[test]
fn pdf_dated_bold_entry_with_items_ends_a_summary() {
    // Job headings in bold at the body size, longer than a heading, under a Summary
    // and over their bullets: the work is not part of the summary. A bold line with
    // no year, and a dated one with no items under it, stay in the summary.
    let content = "BT /F2 11 Tf 72 740 Td (Rosa Kim) Tj ET\n\
        BT /F2 11 Tf 72 710 Td (Summary) Tj ET\n\
        BT /F1 11 Tf 72 696 Td (Former support engineer, now a junior developer.) Tj ET\n\
        BT /F2 11 Tf 72 682 Td (Comfortable with REST and JSON) Tj ET\n\
        BT /F2 11 Tf 72 668 Td (Employee of the month at Fernhill, 2023) Tj ET\n\
        BT /F1 11 Tf 72 654 Td (Kept the support queue under a day.) Tj ET\n\
        BT /F2 11 Tf 72 630 Td (Junior Developer, Fernhill Scheduling Co., Portland, OR, 2024 to present) Tj ET\n\
        72 612 3 3 re f\n\
        BT /F1 11 Tf 82 610 Td (Went through the logs in Kibana and fixed the export loop) Tj ET\n\
        72 598 3 3 re f\n\
        BT /F1 11 Tf 82 596 Td (Added a composite index in MySQL 8) Tj ET";
    let doc = read_with_bold(content);
    let got = outline(&doc);
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Summary,
            SectionKind::Other
        ],
        "{doc:?}"
    );
    assert_eq!(got[1].1.len(), 4, "{doc:?}");
    assert_eq!(
        got[2].1,
        [
            "Went through the logs in Kibana and fixed the export loop",
            "Added a composite index in MySQL 8"
        ]
    );
}

#[test]
fn pdf_body_line_that_runs_into_a_heading_is_no_heading() {
    // On a two-column page without a clear gutter, a body line can share its run
    // of words with the next column's heading, which lends it the heading's size.
    let content = "BT /F1 18 Tf 72 740 Td (Zofia Nowak) Tj ET\n\
                   BT /F1 12 Tf 72 710 Td (Profile) Tj ET\n\
                   BT /F1 11 Tf 72 694 Td (Graduate who enjoys readable traces. Analyt) Tj ET\n\
                   BT /F1 11 Tf 72 680 Td (ical problem solver; happy when ) Tj /F1 12 Tf (Interests) Tj ET\n\
                   BT /F1 12 Tf 72 650 Td (Skills) Tj ET\n\
                   BT /F1 11 Tf 72 634 Td (Go, PostgreSQL) Tj ET\n\
                   BT /F1 12 Tf 72 610 Td (Education) Tj ET\n\
                   BT /F1 11 Tf 72 594 Td (BSc Computer Science) Tj ET";
    let doc = read_helvetica(content);
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Summary,
            SectionKind::Skills,
            SectionKind::Education
        ],
        "{doc:?}"
    );
    assert_eq!(outline(&doc)[1].1.len(), 2, "{doc:?}");
}

#[test]
fn pdf_lower_case_line_carries_on_over_loose_spacing() {
    // LibreOffice sets a quotation at about 1.55 lines: a lower-case start still
    // carries the sentence on there, a capital does not.
    let content = "BT /F1 16 Tf 72 740 Td (Sofia Marchetti) Tj ET\n\
                   BT /F1 11 Tf 84 700 Td (Bootcamp graduate and former event planner. Creative problem-solver with an) Tj ET\n\
                   BT /F1 11 Tf 84 683 Td (agile mindset.) Tj ET\n\
                   BT /F1 11 Tf 84 666 Td (Happy to pair on anything.) Tj ET";
    let doc = read_helvetica(content);
    let got = sentences(&doc);
    assert_eq!(
        got.iter().map(|l| l.2).collect::<Vec<_>>(),
        [false, false, true, false],
        "{got:?}"
    );
}

#[test]
fn pdf_bold_line_among_bold_section_headings_is_a_heading() {
    // Headings set apart by weight alone: an unknown one ("Pinned") opens a section
    // of its own, as a `###` heading does in Markdown. A bold table header under a
    // heading and a bold entry with a date stay lines.
    let content = "BT /F2 11 Tf 72 740 Td (Kwame Mills) Tj ET\n\
        BT /F1 11 Tf 72 726 Td (kwame@example.dev) Tj ET\n\
        BT /F2 11 Tf 72 700 Td (Summary) Tj ET\n\
        BT /F1 11 Tf 72 686 Td (Junior developer who likes queues.) Tj ET\n\
        BT /F2 11 Tf 72 660 Td (Skills) Tj ET\n\
        BT /F2 11 Tf 72 646 Td (Area What I use) Tj ET\n\
        BT /F1 11 Tf 72 632 Td (Python, Go, PostgreSQL) Tj ET\n\
        BT /F2 11 Tf 72 606 Td (Pinned) Tj ET\n\
        BT /F1 11 Tf 72 592 Td (ticketsplit: an order service and a payment service over gRPC) Tj ET\n\
        BT /F2 11 Tf 72 566 Td (Experience) Tj ET\n\
        BT /F1 11 Tf 72 552 Td (Worked on the report workers.) Tj ET\n\
        BT /F2 11 Tf 72 538 Td (Intern at Brightwater 2023) Tj ET\n\
        BT /F1 11 Tf 72 524 Td (Found a leak with tracemalloc.) Tj ET\n\
        BT /F2 11 Tf 72 498 Td (Education) Tj ET\n\
        BT /F1 11 Tf 72 484 Td (BSc Computer Science) Tj ET";
    let doc = read_with_bold(content);
    let got = outline(&doc);
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Summary,
            SectionKind::Skills,
            SectionKind::Other,
            SectionKind::Experience,
            SectionKind::Education
        ],
        "{doc:?}"
    );
    assert_eq!(got[2].1, ["Area What I use", "Python, Go, PostgreSQL"]);
    assert_eq!(got[4].1.len(), 3, "{doc:?}");
}

#[test]
fn pdf_bold_capitals_among_capital_section_headings_are_a_heading() {
    // Headings in bold capitals of the body size (an HTML template's `h2` in
    // uppercase; a heading in bold lower case among them): a heading with a colon
    // and brackets opens a section of its own, and so does one with a bold
    // project name under it; a bold entry in capitals with a year
    // stays a line, and so does a bold title in capitals above the first heading.
    let content = bold_page(&[
        (760.0, true, "Tomasz Mills"),
        (746.0, false, "tomasz@example.dev"),
        (732.0, true, "BACKEND DEVELOPER, GO (OPEN TO RELOCATION)"),
        (718.0, false, "Gdansk, Poland"),
        (706.0, true, "SUMMARY"),
        (692.0, false, "Bus driver who writes Go on night breaks."),
        (666.0, true, "PROJECT: PRZYSTANEK (BUS-DELAY TRACKER)"),
        (
            652.0,
            false,
            "A heap profile from pprof showed buffers never released.",
        ),
        (626.0, true, "WHAT I'M BUILDING"),
        (612.0, true, "gearbox-watch"),
        (598.0, false, "A service that flags drifting gearboxes."),
        (572.0, true, "WORK HISTORY"),
        (558.0, true, "DRIVER AT CITY TRANSIT 2013"),
        (544.0, false, "Drove routes 112 and 158."),
        (518.0, true, "Skills"),
        (504.0, false, "Go, PostgreSQL"),
        (478.0, true, "EDUCATION"),
        (464.0, false, "Vehicle mechanics diploma"),
    ]);
    let doc = read_with_bold(&content);
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Summary,
            SectionKind::Projects,
            SectionKind::Other,
            SectionKind::Experience,
            SectionKind::Skills,
            SectionKind::Education
        ],
        "{doc:?}"
    );
    let got = outline(&doc);
    assert_eq!(got[0].1[2], "BACKEND DEVELOPER, GO (OPEN TO RELOCATION)");
    assert_eq!(
        got[2].1,
        ["A heap profile from pprof showed buffers never released."]
    );
    assert_eq!(got[3].1[0], "gearbox-watch");
    assert_eq!(got[4].1[0], "DRIVER AT CITY TRANSIT 2013");
}

#[test]
fn pdf_heading_in_capitals_wrapped_onto_two_lines_counts_as_one() {
    // A narrow sidebar wraps a heading in bold capitals ("SKILLS — WHAT I CAN DO" over
    // "TODAY"): the two lines stand alone as one heading, so the capitals are the
    // headings' style, and an unknown heading in that style opens its own section.
    let content = bold_page(&[
        (760.0, true, "Siobhan Reid"),
        (746.0, false, "siobhan@example.dev"),
        (720.0, true, "SUMMARY"),
        (706.0, false, "Deckhand who writes Python."),
        (680.0, true, "SKILLS \\227 WHAT I CAN DO"),
        (667.0, true, "TODAY"),
        (653.0, false, "Python, PostgreSQL"),
        (627.0, true, "TIDE TABLES: WHAT THE PIER SEES"),
        (
            613.0,
            false,
            "Stored sailings as timestamptz in PostgreSQL.",
        ),
        (587.0, true, "EDUCATION"),
        (573.0, false, "Nautical college"),
    ]);
    let doc = read_with_bold(&content);
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Summary,
            SectionKind::Skills,
            SectionKind::Other,
            SectionKind::Education
        ],
        "{doc:?}"
    );
    let got = outline(&doc);
    assert_eq!(got[3].1, ["Stored sailings as timestamptz in PostgreSQL."]);
}

#[test]
fn docx_lower_case_line_carries_on_the_sentence_before() {
    // Text pasted into Word with hard line ends: the rest of a bullet's sentence
    // is a paragraph of its own, and its lines end in breaks.
    let styles = style("Aufzaehlung", "List Bullet");
    let body = [
        p("", "Jane Doe"),
        p("Aufzaehlung", "Grip-force fault: carriers failed the grip test"),
        r#"<w:p><w:r><w:t>at the top station on cold mornings.</w:t><w:br/><w:t>I kept the readings</w:t><w:br/><w:t>for two weeks.</w:t></w:r></w:p>"#.to_string(),
        p("Aufzaehlung", "in Go, on the lift's logger"),
    ]
    .concat();
    let doc = read(&docx(&body, &styles), Format::Docx, &Limits::default()).unwrap();
    let got = depths_and_continues(&doc);
    assert_eq!(
        got,
        [
            (0, false, "Jane Doe"),
            (1, false, "Grip-force fault: carriers failed the grip test"),
            (1, true, "at the top station on cold mornings."),
            (0, false, "I kept the readings"),
            (0, true, "for two weeks."),
            (1, false, "in Go, on the lift's logger"),
        ]
    );
}

#[test]
fn pdf_list_group_that_names_a_section_stays_a_list() {
    // "• Languages" over items nested under it is a group in a skills list, and a
    // long item that happens to hold a section word is an item.
    let content = "BT /F1 11 Tf 72 740 Td (Jane Doe) Tj ET\n\
                   BT /F1 11 Tf 72 720 Td (\\001) Tj 10 0 Td (Projects) Tj ET\n\
                   BT /F1 11 Tf 72 704 Td (Larder, a pantry tracker) Tj ET\n\
                   BT /F1 11 Tf 72 684 Td (\\001) Tj 10 0 Td (Languages) Tj ET\n\
                   BT /F1 11 Tf 92 670 Td (\\001) Tj 10 0 Td (Kotlin, Go, SQL) Tj ET\n\
                   BT /F1 11 Tf 72 650 Td (Bike shop parts API) Tj ET\n\
                   BT /F1 11 Tf 72 636 Td (\\001) Tj 10 0 Td (Docker Compose setup so my teammates) Tj ET";
    let doc = read_marked(content, "\u{2022}");
    assert_eq!(
        kinds(&doc),
        [SectionKind::Header, SectionKind::Projects],
        "{doc:?}"
    );
    assert_eq!(
        items(&doc)[2..],
        [
            ("Languages", 1, false),
            ("Kotlin, Go, SQL", 2, false),
            ("Bike shop parts API", 0, false),
            ("Docker Compose setup so my teammates", 1, false),
        ],
        "{doc:?}"
    );
}

#[test]
fn pdf_headings_after_a_mark_in_a_tier_of_own_names() {
    // Sections named in the writer's own words, two of six known, each drawn after
    // a mark that reads as a bullet: the size makes them headings.
    let mut content = String::from("BT /F1 18 Tf 72 760 Td (Connor Reilly) Tj ET\n");
    let sections = [
        "Hello",
        "What I've built",
        "Toolkit",
        "Where I've worked",
        "Now learning",
        "Elsewhere",
    ];
    for (i, name) in sections.iter().enumerate() {
        let y = 730 - i * 40;
        content.push_str(&format!(
            "BT /F1 13 Tf 72 {y} Td (\\001) Tj 10 0 Td ({name}) Tj ET\n\
             BT /F1 10.5 Tf 72 {} Td (Kept the keepers' daily care records in Django.) Tj ET\n",
            y - 18
        ));
    }
    let doc = read_marked(&content, "\u{25B8}");
    assert_eq!(
        kinds(&doc),
        [
            SectionKind::Header,
            SectionKind::Other,
            SectionKind::Other,
            SectionKind::Other,
            SectionKind::Experience,
            SectionKind::Certifications,
            SectionKind::Other
        ],
        "{doc:?}"
    );
}

#[test]
fn docx_hard_wrapped_line_goes_on_whatever_the_case_of_the_next() {
    // Pasted with hard line ends at about 75 columns: a line that fills the column
    // without ending a sentence goes on in the next paragraph; a heading and a new
    // list item do not.
    let styles = style("Aufzaehlung", "List Bullet");
    let body = [
        p("", "Nour Hamdy"),
        p(
            "Aufzaehlung",
            "Runs on a small office server in the restaurant; I have never used",
        ),
        p(
            "",
            "Docker and deploy by copying the files and restarting the process.",
        ),
        p(
            "Aufzaehlung",
            "Wrote the stock sync so a bottle sold at the table leaves the count at",
        ),
        p("", "Education"),
        p("", "BSc Hospitality Management, 2019"),
    ]
    .concat();
    let doc = read(&docx(&body, &styles), Format::Docx, &Limits::default()).unwrap();
    let got = depths_and_continues(&doc);
    assert_eq!(
        got[1..3],
        [
            (
                1,
                false,
                "Runs on a small office server in the restaurant; I have never used"
            ),
            (
                1,
                true,
                "Docker and deploy by copying the files and restarting the process."
            ),
        ]
    );
    assert_eq!(kinds(&doc), [SectionKind::Header, SectionKind::Education]);
}
