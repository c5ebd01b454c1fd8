//! Word documents: DOCX (a zip of XML parts) and Word 2003 flat XML.
//!
//! Paragraphs become lines; heading, title and list styles are resolved through the
//! style names in `styles.xml` (style ids can be localized); tables become one line
//! per row with cells joined by ` | `, unless a cell holds several paragraphs (a
//! layout table), in which case every paragraph stays a line of its own.

use std::collections::HashMap;
use std::io::{BufRead, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::{Document, Format, Limits, RawLine, ReadError, Role, assemble, single_spaced, sniff};

/// Paragraphs up to this many characters may be headings.
const SHORT_LINE: usize = 60;

pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    if sniff::is_legacy_doc(bytes) {
        return Err(ReadError::LegacyDoc);
    }
    let mut furniture = Vec::new();
    let (document, styles) = if sniff::is_word_xml(bytes) {
        // Word 2003 XML keeps its styles inside the one document.
        let xml = decode_xml(bytes.to_vec());
        let styles = parse_styles(&xml)?;
        (xml, styles)
    } else {
        let mut archive = Archive::open(bytes, limits)?;
        let main = archive.main_part()?;
        let document = archive
            .read(&main)?
            .ok_or_else(|| ReadError::Docx(format!("the archive has no `{main}`")))?;
        let styles = match archive.read("word/styles.xml")? {
            Some(xml) => parse_styles(&xml)?,
            None => Styles::default(),
        };
        for part in archive.page_furniture() {
            if let Some(xml) = archive.read(&part)? {
                furniture.push(xml);
            }
        }
        (document, styles)
    };
    // Page headers and footers (a name and contact details, a keyword line) are read
    // as the header of the resume, a line repeated on several of them once: first,
    // when they open with the name; otherwise after the body's first line, which
    // may be the name ("Page 1 of 2" in a footer names no one).
    let mut page_lines = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for xml in &furniture {
        for line in parse_body(xml, &styles)? {
            if seen.insert(line.text.clone()) {
                page_lines.push(line);
            }
        }
    }
    let mut body = parse_body(&document, &styles)?.into_iter();
    let mut raw = Vec::new();
    let names = |l: &RawLine| crate::assemble::clean_name(&l.text).is_some();
    if !page_lines.first().is_some_and(names) {
        raw.extend(body.next());
    }
    raw.extend(page_lines);
    raw.extend(body);
    for (i, line) in raw.iter_mut().enumerate() {
        line.number = u32::try_from(i + 1).unwrap_or(u32::MAX);
    }
    Ok(assemble(Format::Docx, raw))
}

/// A zip archive read under the inflation and entry-count limits.
struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes that may still be inflated, over all entries read.
    budget: u64,
    limit: u64,
}

impl<'a> Archive<'a> {
    fn open(bytes: &'a [u8], limits: &Limits) -> Result<Archive<'a>, ReadError> {
        if !bytes.starts_with(b"PK") {
            return Err(ReadError::Docx(
                "not a zip archive or Word XML document".to_string(),
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| ReadError::Docx(format!("corrupt zip archive ({e})")))?;
        if zip.len() > limits.max_archive_entries {
            return Err(ReadError::TooManyEntries {
                count: zip.len(),
                limit: limits.max_archive_entries,
            });
        }
        Ok(Archive {
            zip,
            budget: limits.max_inflated_bytes,
            limit: limits.max_inflated_bytes,
        })
    }

    /// The main document part, as named by the package relationships; usually
    /// `word/document.xml`.
    fn main_part(&mut self) -> Result<String, ReadError> {
        const DEFAULT: &str = "word/document.xml";
        if self.zip.index_for_name(DEFAULT).is_some() {
            return Ok(DEFAULT.to_string());
        }
        let Some(rels) = self.read("_rels/.rels")? else {
            return Err(ReadError::Docx(format!(
                "the archive has no `{DEFAULT}`: not a Word document"
            )));
        };
        let mut reader = Reader::from_str(&rels);
        loop {
            match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == "Relationship" =>
                {
                    let kind = attr(&e, "Type").unwrap_or_default();
                    if kind.ends_with("/officeDocument")
                        && let Some(target) = attr(&e, "Target")
                    {
                        return Ok(target.trim_start_matches('/').to_string());
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        Err(ReadError::Docx(format!(
            "the archive has no `{DEFAULT}`: not a Word document"
        )))
    }

    /// The page header parts, then the page footer parts, each in name order
    /// (`word/header1.xml`, `word/header2.xml`, ..., `word/footer1.xml`).
    fn page_furniture(&self) -> Vec<String> {
        let mut parts: Vec<String> = self
            .zip
            .file_names()
            .filter_map(Result::ok)
            .filter(|n| {
                (n.starts_with("word/header") || n.starts_with("word/footer"))
                    && n.ends_with(".xml")
                    && !n.contains("/_rels/")
            })
            .map(|n| n.to_string())
            .collect();
        let key = |n: &String| (n.starts_with("word/footer"), n.len());
        parts.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.cmp(b)));
        parts
    }

    /// Reads one entry as text, or `None` when the archive has no such entry.
    fn read(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let over = ReadError::InflateLimit { limit: self.limit };
        let entry = self
            .zip
            .by_index(index)
            .map_err(|e| ReadError::Docx(format!("cannot open `{name}` ({e})")))?;
        // The declared size can lie, so it is checked first and the real count of
        // inflated bytes is checked while reading.
        if entry.size() > self.budget {
            return Err(over);
        }
        // The declared size saves growing the buffer step by step. It can lie, so
        // what it reserves is bounded, and the real count is still checked below.
        let reserve = entry.size().min(self.budget).min(8 * 1024 * 1024);
        let mut data = Vec::with_capacity(usize::try_from(reserve).unwrap_or(0));
        entry
            .take(self.budget + 1)
            .read_to_end(&mut data)
            .map_err(|e| ReadError::Docx(format!("cannot inflate `{name}` ({e})")))?;
        if data.len() as u64 > self.budget {
            return Err(over);
        }
        self.budget -= data.len() as u64;
        Ok(Some(decode_xml(data)))
    }
}

/// XML parts are UTF-8, rarely UTF-16 with a byte-order mark.
fn decode_xml(mut bytes: Vec<u8>) -> String {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|c| from([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, u16::from_be_bytes)
    } else {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        // Valid UTF-8 (nearly every part) is taken as it is, without a copy.
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// The value of an attribute, matched by its local name (`w:val` and `val` alike).
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn xml_error(e: quick_xml::Error) -> ReadError {
    ReadError::Docx(format!("malformed XML ({e})"))
}

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    list_level: Option<u8>,
    /// Bold or not, when the style says (`w:b` in its run properties).
    bold: Option<bool>,
}

#[derive(Debug, Default)]
struct Styles(HashMap<String, Style>);

impl Styles {
    /// Walks a style and the styles it is based on, nearest first.
    fn chain(&self, id: &str) -> impl Iterator<Item = &Style> {
        let mut next = self.0.get(id);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let style = next?;
            steps += 1;
            next = match &style.based_on {
                Some(b) if steps < 16 => self.0.get(b),
                _ => None,
            };
            Some(style)
        })
    }

    /// True when a (character) style makes its text bold.
    fn bold(&self, id: &str) -> bool {
        self.chain(id).find_map(|s| s.bold).unwrap_or(false)
    }

    /// The role a paragraph style gives, from its (English, built-in) name.
    fn role(&self, id: &str) -> Option<Role> {
        for style in self.chain(id) {
            if let Some(role) = role_from_name(&style.name) {
                return Some(role);
            }
            if let Some(level) = style.outline_level {
                return Some(Role::Heading(level + 1));
            }
            if let Some(level) = style.list_level {
                return Some(Role::ListItem(level + 1));
            }
        }
        // A style without a name in styles.xml: try its id ("Heading1", "ListBullet").
        role_from_name(id)
    }
}

fn role_from_name(name: &str) -> Option<Role> {
    let key: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    if key == "title" {
        return Some(Role::Title);
    }
    if let Some(n) = key.strip_prefix("heading") {
        let level = n.parse::<u8>().ok()?;
        return Some(Role::Heading(level.clamp(1, 6)));
    }
    for prefix in ["listbullet", "listnumber"] {
        if let Some(n) = key.strip_prefix(prefix) {
            let depth = if n.is_empty() {
                1
            } else {
                n.parse::<u8>().ok()?
            };
            return Some(Role::ListItem(depth.clamp(1, 9)));
        }
    }
    None
}

fn parse_styles(xml: &str) -> Result<Styles, ReadError> {
    let mut styles = Styles::default();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, Style)> = None;
    // List properties count only inside the style's paragraph properties, bold
    // only inside its run properties.
    let mut in_ppr = false;
    let mut in_rpr = false;
    loop {
        let event = reader.read_event().map_err(xml_error)?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                match local.as_ref() {
                    // What no paragraph or run can use is passed over up to its end
                    // tag, which the reader then reads.
                    name if matches!(event, Event::Start(_)) && unused_by_text(name, e) => {
                        if let Some(at) = end_tag(reader.get_ref(), e.name().as_ref().as_bytes()) {
                            reader.stream().consume(at);
                        }
                        continue;
                    }
                    "style" => {
                        if let Some(id) = attr(e, "styleId") {
                            current = Some((id, Style::default()));
                        }
                    }
                    "pPr" if matches!(event, Event::Start(_)) => in_ppr = true,
                    "rPr" if matches!(event, Event::Start(_)) => in_rpr = true,
                    _ => {}
                }
                if let Some((_, style)) = &mut current {
                    match local.as_ref() {
                        "b" if in_rpr => style.bold = Some(is_on(e)),
                        "name" => style.name = attr(e, "val").unwrap_or_default(),
                        "basedOn" => style.based_on = attr(e, "val"),
                        "outlineLvl" => {
                            style.outline_level = attr(e, "val")
                                .and_then(|v| v.parse::<u8>().ok())
                                .filter(|&l| l < 9);
                        }
                        "ilvl" if in_ppr => {
                            style.list_level = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                        "numPr" | "listPr" if in_ppr && style.list_level.is_none() => {
                            style.list_level = Some(0);
                        }
                        _ => {}
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "style" => {
                    if let Some((id, style)) = current.take() {
                        styles.0.insert(id, style);
                    }
                }
                "pPr" => in_ppr = false,
                "rPr" => in_rpr = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

/// Elements of `styles.xml` whose content no paragraph or run can use: a table style
/// (table, row and cell properties: four fifths of a python-docx template's styles),
/// the latent styles (hundreds of empty entries in a Word template) and the document
/// defaults, which are no style.
fn unused_by_text(local: &str, e: &BytesStart<'_>) -> bool {
    match local {
        "style" => attr(e, "type").as_deref() == Some("table"),
        "latentStyles" | "docDefaults" => true,
        _ => false,
    }
}

/// Where the first end tag of an element named `name` starts in `xml` (`</w:style>`,
/// also with white space before its `>`).
fn end_tag(xml: &[u8], name: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&xml[from..], b"</") {
        let at = from + i;
        let rest = &xml[at + 2..];
        if let Some(after) = rest.strip_prefix(name)
            && after
                .iter()
                .find(|c| !c.is_ascii_whitespace())
                .is_some_and(|&c| c == b'>')
        {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// A toggle property such as `w:b`: on unless its value says off.
fn is_on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

/// One paragraph as read: its text lines (split at `w:br`) and what decides its role.
#[derive(Debug, Default)]
struct Para {
    lines: Vec<String>,
    style: Option<String>,
    list_level: Option<u8>,
    outline_level: Option<u8>,
    /// Where the bold words that start the paragraph end in its first line, once
    /// regular text follows them (a run-in heading).
    lead: Option<usize>,
    /// Bold letters, and regular letters, seen so far.
    bold_seen: bool,
    regular_seen: bool,
}

impl Para {
    fn current(&mut self) -> &mut String {
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.last_mut().expect("just pushed")
    }

    fn push_text(&mut self, text: &str) {
        self.current().push_str(text);
    }

    /// Adds the text of a run, noting where its leading bold words end.
    fn push_run(&mut self, text: &str, bold: bool) {
        let letters = text.chars().any(char::is_alphanumeric);
        if letters && !self.regular_seen {
            if bold {
                self.bold_seen = true;
            } else {
                if self.bold_seen && self.lines.len() <= 1 {
                    self.lead = Some(self.current().len());
                }
                self.regular_seen = true;
            }
        }
        self.push_text(text);
    }

    fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| single_spaced(l))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The text after a typed bullet character and the space or tab that follows it.
fn strip_typed_bullet(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let bullet = chars.next()?;
    let rest = chars.as_str();
    let bullet = matches!(
        bullet,
        '•' | '◦'
            | '▪'
            | '●'
            | '○'
            | '■'
            | '►'
            | '➢'
            | '‣'
            | '\u{F0B7}'
            | '\u{F0A7}'
            | '\u{F076}'
            | '\u{F0D8}'
    );
    (bullet && rest.starts_with(char::is_whitespace) && !rest.trim().is_empty())
        .then(|| rest.trim_start())
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<Vec<Para>>>,
    /// For each row, whether it is marked to repeat as the table's header
    /// (`w:tblHeader`).
    heads: Vec<bool>,
}

/// Emits lines with 1-based numbers counted over the extracted text.
struct Out {
    raw: Vec<RawLine>,
}

impl Out {
    fn push(&mut self, text: String, role: Role) {
        if text.is_empty() {
            return;
        }
        let number = self.raw.len() as u32 + 1;
        self.raw.push(RawLine::new(number, text, role));
    }

    fn para(&mut self, para: &Para, styles: &Styles) {
        let style_role = para.style.as_deref().and_then(|s| styles.role(s));
        let explicit = match (para.list_level, para.outline_level) {
            (Some(level), _) => Some(Role::ListItem(level.saturating_add(1).min(9))),
            (None, Some(level)) => Some(Role::Heading(level + 1)),
            (None, None) => None,
        };
        let lines: Vec<String> = para
            .lines
            .iter()
            .map(|l| single_spaced(l))
            .filter(|l| !l.is_empty())
            .collect();
        for (i, mut text) in lines.into_iter().enumerate() {
            // A paragraph that starts with a bold section name and goes on in
            // regular text ("**Skills** PHP, Laravel") holds a run-in heading.
            if i == 0
                && explicit.or(style_role).is_none()
                && let Some(lead) = para.lead
                && let Some(first) = para.lines.first()
                && let Some(head) = first.get(..lead).map(single_spaced)
                && let Some((heading, rest)) = crate::sections::run_in_heading(&text, &head)
            {
                let (heading, rest) = (heading.to_string(), rest.to_string());
                self.push(heading, Role::MaybeHeading);
                text = rest;
            }
            // A bullet typed into the text ("• ", or Symbol's U+F0B7 and a tab, as
            // pasted from another document) makes the paragraph a list item.
            if i == 0
                && let Some(rest) = strip_typed_bullet(&text)
            {
                let depth = match explicit.or(style_role) {
                    Some(Role::ListItem(d)) => d,
                    _ => 1,
                };
                self.push(rest.to_string(), Role::ListItem(depth));
                continue;
            }
            // A line in lower case carries on the sentence of the line before, as
            // text pasted with hard line ends does: after a line break in the
            // paragraph, or as a paragraph of its own after a list item or text.
            if explicit.or(style_role).is_none()
                && text.chars().next().is_some_and(char::is_lowercase)
                && let Some(before) = self.raw.last()
                && before.role.is_running_text()
            {
                let role = before.role.carried_on();
                self.push(text, role);
                if let Some(line) = self.raw.last_mut() {
                    line.continues = true;
                }
                continue;
            }
            let role = match explicit.or(style_role) {
                // Continuation lines of a list item stay in the item.
                Some(Role::ListItem(d)) => Role::ListItem(d),
                Some(role) if i == 0 => role,
                // Short lines may be headings whether or not they are bold: the
                // assembler promotes only those that read like a section name.
                _ if text.chars().count() <= SHORT_LINE => Role::MaybeHeading,
                _ => Role::Body,
            };
            self.push(text, role);
        }
    }

    fn table(&mut self, table: Table, styles: &Styles) {
        for (row, head) in table.rows.into_iter().zip(table.heads) {
            // A layout table puts whole blocks of paragraphs in its cells; those stay
            // paragraphs. A data table has one paragraph per cell and reads as a row.
            let layout = row.iter().any(|cell| {
                cell.iter().filter(|p| !p.text().is_empty()).count() > 1
                    || cell
                        .iter()
                        .any(|p| p.list_level.is_some() || p.lines.len() > 1)
            });
            if layout {
                for para in row.iter().flatten() {
                    self.para(para, styles);
                }
            } else {
                let cells: Vec<String> = row
                    .iter()
                    .map(|cell| {
                        cell.iter()
                            .map(Para::text)
                            .filter(|t| !t.is_empty())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .filter(|t| !t.is_empty())
                    .collect();
                let line = cells.join(" | ");
                let role = if cells.len() == 1 && line.chars().count() <= SHORT_LINE {
                    Role::MaybeHeading
                } else if head {
                    Role::TableHead
                } else {
                    Role::Body
                };
                self.push(line, role);
            }
        }
    }
}

/// Reads the paragraphs of `w:body` (or the whole document when there is no body).
fn parse_body(xml: &str, styles: &Styles) -> Result<Vec<RawLine>, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut out = Out { raw: Vec::new() };
    // Paragraphs nest (a text box inside a run of its anchor paragraph), and so do
    // tables; both are stacks.
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut in_rpr = false;
    let mut in_ppr = false;
    let mut in_text = false;
    // The current run is bold (directly or through its character style).
    let mut run_bold = false;
    // Depth inside elements whose content is not document text: base64 images,
    // deleted text, field instructions, fallback copies of text boxes.
    let mut skip = 0usize;

    loop {
        let event = reader.read_event().map_err(xml_error)?;
        match event {
            Event::Start(e) => {
                let local = e.local_name();
                let name = local.as_ref();
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                match name {
                    "binData" | "delText" | "instrText" | "Fallback" | "styles" | "fonts"
                    | "lists" | "docPr" | "DocumentProperties" => {
                        skip = 1;
                    }
                    "p" => paras.push(Para::default()),
                    "r" => run_bold = false,
                    "pPr" => in_ppr = true,
                    "rPr" => in_rpr = true,
                    "b" if in_rpr => run_bold = is_on(&e),
                    "rStyle" if in_rpr => {
                        run_bold |= attr(&e, "val").is_some_and(|id| styles.bold(&id));
                    }
                    "t" => in_text = true,
                    "tbl" => tables.push(Table::default()),
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.rows.push(Vec::new());
                            t.heads.push(false);
                        }
                    }
                    "tc" => {
                        if let Some(row) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                            row.push(Vec::new());
                        }
                    }
                    _ => properties(&e, &mut paras, in_ppr, in_rpr),
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                match e.local_name().as_ref() {
                    "tab" if !in_ppr => {
                        if let Some(p) = paras.last_mut() {
                            p.current().push('\t');
                        }
                    }
                    "br" | "cr" => {
                        if let Some(p) = paras.last_mut() {
                            p.lines.push(String::new());
                        }
                    }
                    // A symbol-font character (Word's `w:sym`, as a bullet typed
                    // from the Symbol font): its code is the private-use character.
                    "sym" => {
                        let c = attr(&e, "char")
                            .and_then(|h| u32::from_str_radix(&h, 16).ok())
                            .and_then(char::from_u32);
                        if let (Some(c), Some(p)) = (c, paras.last_mut()) {
                            p.push_text(c.encode_utf8(&mut [0; 4]));
                        }
                    }
                    "b" if in_rpr => run_bold = is_on(&e),
                    "rStyle" if in_rpr => {
                        run_bold |= attr(&e, "val").is_some_and(|id| styles.bold(&id));
                    }
                    "tblHeader" if is_on(&e) => {
                        if let Some(head) = tables.last_mut().and_then(|t| t.heads.last_mut()) {
                            *head = true;
                        }
                    }
                    "noBreakHyphen" => {
                        if let Some(p) = paras.last_mut() {
                            p.push_text("-");
                        }
                    }
                    _ => properties(&e, &mut paras, in_ppr, in_rpr),
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "p" => {
                        if let Some(para) = paras.pop() {
                            let cell = tables
                                .last_mut()
                                .and_then(|t| t.rows.last_mut())
                                .and_then(|r| r.last_mut());
                            match cell {
                                // Only paragraphs directly in a cell belong to it; a
                                // text box inside a cell paragraph is emitted as is.
                                Some(cell) if paras.is_empty() => cell.push(para),
                                _ => out.para(&para, styles),
                            }
                        }
                    }
                    "pPr" => in_ppr = false,
                    "rPr" => in_rpr = false,
                    "t" => in_text = false,
                    "tbl" => {
                        if let Some(table) = tables.pop() {
                            match tables.last_mut().and_then(|t| t.rows.last_mut()) {
                                // A nested table: its paragraphs join the outer cell.
                                Some(row) => {
                                    if let Some(cell) = row.last_mut() {
                                        cell.extend(table.rows.into_iter().flatten().flatten());
                                    }
                                }
                                None => out.table(table, styles),
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Some(p) = paras.last_mut() {
                    p.push_run(&t.xml10_content(), run_bold);
                }
            }
            Event::CData(t) if in_text && skip == 0 => {
                if let Some(p) = paras.last_mut() {
                    p.push_run(&t.into_inner(), run_bold);
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => crate::html::character(r.as_ref()),
                };
                if let (Some(c), Some(p)) = (c, paras.last_mut()) {
                    p.push_run(c.encode_utf8(&mut [0; 4]), run_bold);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A truncated document: keep what was complete.
    while let Some(table) = tables.pop() {
        out.table(table, styles);
    }
    carry_on_hard_wraps(&mut out.raw);
    Ok(out.raw)
}

/// Text pasted into Word with hard line ends fills a column of at most 120
/// characters. There, as in a plain-text resume, a line that fills the column goes on
/// in the next paragraph or line ("I have never used" / "Docker and deploy by copying
/// the files"; see [`crate::text::fills_column`]), whatever the case of its first
/// letter. A new list item, a heading and a label row never carry anything on. (A line
/// in lower case carries on the line before as it is read, in `Out::para`: that rule
/// holds for paragraphs, not for the rows of a data table.)
fn carry_on_hard_wraps(raw: &mut [RawLine]) {
    let width = raw
        .iter()
        .map(|l| l.text.chars().count())
        .max()
        .unwrap_or(0);
    if width > 120 {
        return;
    }
    for i in 1..raw.len() {
        let (before, rest) = raw.split_at_mut(i);
        let (prev, line) = (&before[i - 1], &mut rest[0]);
        if crate::text::fills_column(&prev.text, width)
            && !line.continues
            && prev.role.is_running_text()
            && matches!(line.role, Role::Body | Role::MaybeHeading)
            && !crate::text::is_caps_heading(&line.text)
            && !crate::text::labelled(&line.text)
            && crate::classify_heading(&line.text).is_none()
        {
            line.continues = true;
            line.role = prev.role.carried_on();
        }
    }
}

/// Paragraph properties: style, list level, outline level.
fn properties(e: &BytesStart<'_>, paras: &mut [Para], in_ppr: bool, in_rpr: bool) {
    let Some(para) = paras.last_mut() else {
        return;
    };
    match e.local_name().as_ref() {
        "pStyle" if in_ppr && !in_rpr => para.style = attr(e, "val"),
        "ilvl" if in_ppr => {
            para.list_level = attr(e, "val").and_then(|v| v.parse().ok()).or(Some(0));
        }
        // `w:numId w:val="0"` switches numbering off.
        "numId" if in_ppr => {
            if attr(e, "val").as_deref() == Some("0") {
                para.list_level = None;
            } else if para.list_level.is_none() {
                para.list_level = Some(0);
            }
        }
        "outlineLvl" if in_ppr => {
            para.outline_level = attr(e, "val")
                .and_then(|v| v.parse::<u8>().ok())
                .filter(|&l| l < 9);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_names_give_roles() {
        assert_eq!(role_from_name("heading 2"), Some(Role::Heading(2)));
        assert_eq!(role_from_name("Title"), Some(Role::Title));
        assert_eq!(role_from_name("List Bullet 2"), Some(Role::ListItem(2)));
        assert_eq!(role_from_name("List Number"), Some(Role::ListItem(1)));
        assert_eq!(role_from_name("Heading"), None);
        assert_eq!(role_from_name("Normal"), None);
    }

    #[test]
    fn table_styles_and_defaults_are_passed_over_and_the_styles_after_them_read() {
        let xml = r#"<w:styles xmlns:w="x">
<w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault></w:docDefaults>
<w:latentStyles w:count="2"><w:lsdException w:name="heading 1"/><w:lsdException w:name="Title"/></w:latentStyles>
<w:style w:type="table" w:styleId="Grid"><w:name w:val="heading 1"/><w:tblPr/>
<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style >
<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="table" w:styleId="Empty"/>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"#;
        let styles = parse_styles(xml).unwrap();
        assert_eq!(styles.role("H2"), Some(Role::Heading(2)));
        assert!(styles.bold("Strong"));
        // The table style's name would make it a heading, were it read.
        assert_eq!(styles.role("Grid"), None);
        assert!(!styles.bold("Grid"));
        // A table style that never ends is read on as before, and still not used.
        let open = r#"<w:styles xmlns:w="x"><w:style w:type="table" w:styleId="T"><w:name w:val="Title"/>"#;
        assert_eq!(parse_styles(open).unwrap().role("T"), None);
    }

    #[test]
    fn flat_xml_skips_images() {
        let xml = r#"<?xml version="1.0"?><w:wordDocument xmlns:w="x">
<w:styles><w:style w:styleId="H"><w:name w:val="heading 1"/></w:style></w:styles>
<w:body><w:p><w:pPr><w:pStyle w:val="H"/></w:pPr><w:r><w:t>Skills &amp; Tools</w:t></w:r></w:p>
<w:p><w:r><w:pict><w:binData w:name="a.png">iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB</w:binData></w:pict><w:t>Go</w:t><w:tab/><w:t>Rust</w:t></w:r></w:p>
</w:body></w:wordDocument>"#;
        let styles = parse_styles(xml).unwrap();
        let raw = parse_body(xml, &styles).unwrap();
        let got: Vec<_> = raw
            .iter()
            .map(|l| (l.number, l.text.as_str(), l.role))
            .collect();
        assert_eq!(
            got,
            [
                (1, "Skills & Tools", Role::Heading(1)),
                (2, "Go Rust", Role::MaybeHeading)
            ]
        );
    }
}
