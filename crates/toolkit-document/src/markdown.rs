//! Markdown resumes: CommonMark with tables, ATX/Setext/bold-line headings, nested
//! lists, links, block quotes, pandoc-style definition lists, YAML front matter and
//! raw HTML.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use crate::html::{self, Block, Piece};
use crate::text::LineStarts;
use crate::{Document, Format, RawLine, Role, assemble, single_spaced};

pub(crate) fn read(text: &str) -> Document {
    assemble(Format::Markdown, raw_lines(text))
}

/// The state of the block being collected into lines.
struct Collector {
    lines: LineStarts,
    out: Vec<RawLine>,
    /// Text of the current output line and the source line it started on.
    buf: String,
    buf_line: u32,
    role: Role,
    /// Within a paragraph: whether any text sat outside bold/italic markup.
    plain_text_seen: bool,
    emphasis_depth: u32,
    list_depth: u8,
    in_table_cell: bool,
    /// A table cell has started and holds no text yet: the ` | ` before it is
    /// written with its first text, so empty cells add nothing. (A header far wider
    /// than its rows pads every row with empty cells: 2 MB of `|Go|` rows under a
    /// 1,000-column header would otherwise read as a gigabyte of separators.)
    cell_pending: bool,
    skip_depth: u32,
    /// The next output line carries on the sentence of the last one (after a soft break).
    continues: bool,
    /// Where the bold text that opens a paragraph's line ends in `buf`, before any
    /// plain text: it may be a run-in heading ("**Experience** From 2013 I was ...").
    /// Set only in a body paragraph, and taken by the next flush.
    bold_lead: Option<usize>,
    /// A bold span closed inside the emphasis still open.
    strong_closed: bool,
    /// The HTML of the HTML block being read, and where each of its pieces starts in
    /// it and in the source.
    html: Option<(String, Vec<(usize, usize)>)>,
    /// Inside YAML front matter.
    in_metadata: bool,
    /// How many lines were out when the current paragraph started.
    paragraph_from: usize,
}

impl Collector {
    fn new(source: &str) -> Self {
        Collector {
            lines: LineStarts::new(source),
            out: Vec::new(),
            buf: String::new(),
            buf_line: 0,
            role: Role::Body,
            plain_text_seen: false,
            emphasis_depth: 0,
            list_depth: 0,
            in_table_cell: false,
            cell_pending: false,
            skip_depth: 0,
            continues: false,
            bold_lead: None,
            strong_closed: false,
            html: None,
            in_metadata: false,
            paragraph_from: 0,
        }
    }

    fn push_text(&mut self, text: &str, offset: usize) {
        if self.skip_depth > 0 {
            return;
        }
        if self.buf.is_empty() {
            self.buf_line = self.lines.line_of(offset);
        }
        // A drawn mark before a bold heading ("🧰**Skills**") leaves it a heading.
        if self.emphasis_depth == 0 && !text.chars().all(|c| c.is_whitespace() || drawn(c)) {
            self.plain_text_seen = true;
        }
        if self.cell_pending && !text.trim().is_empty() {
            self.cell_pending = false;
            if !self.buf.trim().is_empty() {
                self.buf.push_str(" | ");
            }
        }
        self.buf.push_str(text);
    }

    /// Ends the current output line.
    fn flush(&mut self) {
        let lead = self.bold_lead.take();
        // Blocks end one after another ("</li></ul>"): most flushes find nothing.
        if self.buf.is_empty() && lead.is_none() {
            return;
        }
        let mut text = single_spaced(&self.buf);
        if let Some(lead) = lead
            && let Some(head) = self.buf.get(..lead)
            && let Some((heading, rest)) = crate::sections::run_in_heading(&text, head)
        {
            // A paragraph that opens with a bold section name and goes on in regular
            // text holds a run-in heading: the heading is a line of its own.
            let rest = rest.to_string();
            self.out.push(
                RawLine::new(self.buf_line, single_spaced(heading), Role::MaybeHeading)
                    .continuing(self.continues),
            );
            self.continues = false;
            text = rest;
        }
        self.buf.clear();
        if text.is_empty() {
            return;
        }
        let role = match self.role {
            // A paragraph that is bold from end to end ("**Summary**") may be a heading,
            // and so may a line that opens with a drawn mark ("▸ Projects", "★ Skills").
            Role::Body
                if self.list_depth == 0
                    && (!self.plain_text_seen || (!self.continues && decorated(&text))) =>
            {
                Role::MaybeHeading
            }
            role => role,
        };
        self.out
            .push(RawLine::new(self.buf_line, text, role).continuing(self.continues));
        self.continues = false;
    }

    /// A paragraph of one line in capitals, a colon at most after it ("SKILLS:"), is
    /// written as a heading is in a plain-text resume: it may be one.
    fn caps_heading_paragraph(&mut self) {
        if self.list_depth > 0 || self.out.len() != self.paragraph_from + 1 {
            return;
        }
        if let Some(line) = self.out.last_mut()
            && line.role == Role::Body
            && crate::text::is_caps_heading(line.text.trim_end_matches(':').trim_end())
        {
            line.role = Role::MaybeHeading;
        }
    }

    fn block_start(&mut self, role: Role) {
        self.flush();
        self.continues = false;
        self.role = role;
        self.plain_text_seen = false;
    }

    /// Reads the text of an HTML block: its block tags break lines (a heading tag
    /// opens a heading, `<li>` a list item) and its cells are separated as a
    /// Markdown table's are.
    fn html_block(&mut self, html: &str, starts: &[(usize, usize)]) {
        let source_offset = |at: usize| {
            let i = starts.partition_point(|&(s, _)| s <= at).saturating_sub(1);
            starts.get(i).map_or(0, |&(s, src)| src + (at - s))
        };
        let body = self.body_role();
        self.block_start(body);
        // Whether a cell has started in the current line: a row whose cells are all
        // header cells is the table's header row.
        let mut in_row = false;
        for piece in html::pieces(html) {
            match piece {
                Piece::Text(text, at) => {
                    // Each source line of the text is a line that carries on the
                    // sentence of the one before, as in a paragraph.
                    let mut offset = at;
                    for (k, line) in text.split('\n').enumerate() {
                        if k > 0 && !self.buf.trim().is_empty() {
                            self.break_line(true);
                        }
                        self.plain_text_seen = true;
                        if !line.trim().is_empty() {
                            self.push_text(line, source_offset(offset));
                        }
                        offset += line.len() + 1;
                    }
                }
                Piece::Cell { head } => {
                    self.cell_pending = true;
                    if head && !in_row {
                        self.role = Role::TableHead;
                    } else if !head && self.role == Role::TableHead {
                        self.role = body;
                    }
                    in_row = true;
                }
                Piece::Break(block) => {
                    self.cell_pending = false;
                    in_row = false;
                    let role = match block {
                        Block::Plain => body,
                        Block::Heading(level) => Role::Heading(level),
                        Block::Item => Role::ListItem(self.list_depth.saturating_add(1)),
                    };
                    self.block_start(role);
                }
            }
        }
        self.flush();
        self.cell_pending = false;
        self.role = body;
    }

    /// Reads YAML front matter a line at a time; the value of its `name` (or
    /// `author`) key is the document's title, which names the candidate.
    fn front_matter(&mut self, yaml: &str, offset: usize) {
        let mut at = offset;
        for line in yaml.split_inclusive('\n') {
            let text = line.trim_end();
            let name = ["name:", "author:"]
                .iter()
                .find_map(|key| text.strip_prefix(key))
                .map(|value| value.trim().trim_matches(['"', '\'']));
            self.role = match name {
                Some(_) => Role::Title,
                None => Role::Body,
            };
            self.push_text(name.unwrap_or(text), at);
            self.flush();
            at += line.len();
        }
        self.role = Role::Body;
    }

    /// Ends the output line at a line break of the source: the next line keeps the
    /// role (a list item or paragraph goes on) and is judged on its own for being a
    /// bold-line heading. With `continues` (a soft break) it carries on the same
    /// sentence; otherwise (a hard break, `<br>`) it is a deliberate new line.
    fn break_line(&mut self, continues: bool) {
        let role = self.role;
        let had_text = !self.buf.trim().is_empty();
        self.flush();
        self.role = role;
        self.plain_text_seen = false;
        self.continues = had_text && continues;
    }

    /// A line break in the source: a soft or hard break, or `<br>`. In a table cell,
    /// which is read as part of its row's line, it only parts the words on either
    /// side ("**Intern**<br>Acme", "sprints.<br>Found").
    fn line_break(&mut self, continues: bool) {
        if self.in_table_cell {
            self.buf.push(' ');
        } else {
            self.break_line(continues);
        }
    }

    fn body_role(&self) -> Role {
        if self.list_depth > 0 {
            Role::ListItem(self.list_depth)
        } else {
            Role::Body
        }
    }
}

/// Whether a line opens with a drawn mark ([`drawn`]).
fn decorated(text: &str) -> bool {
    text.chars().next().is_some_and(drawn)
}

/// A drawn mark: a symbol outside ASCII (an arrow, a square, a star, an emoji) rather
/// than a letter, a digit, a dash or Markdown's own punctuation.
fn drawn(c: char) -> bool {
    !c.is_ascii() && !c.is_alphanumeric() && !matches!(c, '—' | '–' | '\u{a0}')
}

fn raw_lines(source: &str) -> Vec<RawLine> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut c = Collector::new(source);
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => c.block_start(Role::Heading(level as u8)),
                Tag::Paragraph => {
                    let role = c.body_role();
                    c.block_start(role);
                    c.paragraph_from = c.out.len();
                }
                Tag::Item => {
                    let role = Role::ListItem(c.list_depth);
                    c.block_start(role)
                }
                Tag::List(_) => {
                    c.flush();
                    c.list_depth = c.list_depth.saturating_add(1);
                }
                Tag::DefinitionListDefinition => {
                    c.block_start(Role::ListItem(c.list_depth.saturating_add(1)))
                }
                Tag::DefinitionListTitle | Tag::BlockQuote(_) => c.block_start(Role::Body),
                Tag::TableRow => {
                    c.block_start(Role::Body);
                    c.plain_text_seen = true;
                }
                Tag::TableHead => {
                    c.block_start(Role::TableHead);
                    c.plain_text_seen = true;
                }
                Tag::TableCell => {
                    c.in_table_cell = true;
                    c.cell_pending = true;
                }
                Tag::CodeBlock(_) => c.block_start(Role::Body),
                Tag::Strong | Tag::Emphasis => c.emphasis_depth += 1,
                Tag::HtmlBlock if c.skip_depth == 0 => c.html = Some(Default::default()),
                // YAML front matter ("name: ...", "keywords: [Python, SQL]") is read
                // line by line, as the header's lines.
                Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                    c.block_start(Role::Body);
                    c.in_metadata = true;
                }
                Tag::HtmlBlock | Tag::Image { .. } | Tag::MetadataBlock(_) => c.skip_depth += 1,
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock => {
                    c.flush();
                    c.role = c.body_role();
                    if end == TagEnd::Paragraph {
                        c.caps_heading_paragraph();
                    }
                }
                TagEnd::List(_) => {
                    c.flush();
                    c.list_depth = c.list_depth.saturating_sub(1);
                    c.role = c.body_role();
                }
                TagEnd::TableCell => {
                    c.in_table_cell = false;
                    c.cell_pending = false;
                }
                TagEnd::Strong | TagEnd::Emphasis => {
                    c.emphasis_depth = c.emphasis_depth.saturating_sub(1);
                    // Bold inside italics ("***Tools —***") leads a line as well.
                    c.strong_closed |= matches!(end, TagEnd::Strong);
                    if c.emphasis_depth == 0
                        && std::mem::take(&mut c.strong_closed)
                        && !c.plain_text_seen
                        && c.role == Role::Body
                        && c.bold_lead.is_none()
                    {
                        c.bold_lead = Some(c.buf.len());
                    }
                }
                TagEnd::HtmlBlock if c.html.is_some() => {
                    if let Some((html, starts)) = c.html.take() {
                        c.html_block(&html, &starts);
                    }
                }
                TagEnd::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                    c.flush();
                    c.in_metadata = false;
                    c.role = c.body_role();
                }
                TagEnd::HtmlBlock | TagEnd::Image | TagEnd::MetadataBlock(_) => {
                    c.skip_depth = c.skip_depth.saturating_sub(1)
                }
                _ => {}
            },
            Event::Text(text) if c.in_metadata => c.front_matter(&text, range.start),
            Event::Text(text) | Event::Code(text) => {
                // Code blocks keep their own line structure.
                if text.contains('\n') {
                    let mut offset = range.start;
                    for piece in text.split_inclusive('\n') {
                        c.push_text(piece.trim_end_matches('\n'), offset);
                        offset += piece.len();
                        if piece.ends_with('\n') {
                            let role = c.role;
                            c.flush();
                            c.role = role;
                        }
                    }
                } else {
                    c.push_text(&text, range.start);
                }
            }
            Event::SoftBreak | Event::HardBreak => c.line_break(matches!(event, Event::SoftBreak)),
            Event::InlineMath(text) | Event::DisplayMath(text) => c.push_text(&text, range.start),
            Event::Html(text) => {
                if let Some((html, starts)) = &mut c.html {
                    starts.push((html.len(), range.start));
                    html.push_str(&text);
                }
            }
            // `<br>` in a paragraph or list item is a deliberate new line.
            Event::InlineHtml(tag) if is_line_break(&tag) => c.line_break(false),
            Event::FootnoteReference(_)
            | Event::InlineHtml(_)
            | Event::Rule
            | Event::TaskListMarker(_) => {}
        }
    }
    c.flush();
    c.out
}

/// True for an inline `<br>`, `<br/>` or `<br />` tag.
fn is_line_break(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    name.eq_ignore_ascii_case("br")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SectionKind;

    #[test]
    fn headings_lists_and_line_numbers() {
        let src = "# Jane Doe\n\nBerlin · jane@example.com\n\n## Experience\n\n### Intern — Acme\n\n- Built a [REST](http://x) API\n  in **Go**\n  - Stack: Go, Redis\n\n**Skills**\n\nGo · Python\n\n| Area | Tools |\n|---|---|\n| Data | MySQL |\n";
        let doc = read(src);
        assert_eq!(doc.name.as_deref(), Some("Jane Doe"));
        let lines: Vec<_> = doc
            .lines()
            .map(|(s, l)| (s.kind, l.number, l.depth, l.text.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (SectionKind::Header, 1, 0, "Jane Doe"),
                (SectionKind::Header, 3, 0, "Berlin · jane@example.com"),
                (SectionKind::Experience, 7, 0, "Intern — Acme"),
                (SectionKind::Experience, 9, 1, "Built a REST API"),
                (SectionKind::Experience, 10, 1, "in Go"),
                (SectionKind::Experience, 11, 2, "Stack: Go, Redis"),
                (SectionKind::Skills, 15, 0, "Go · Python"),
                (SectionKind::Skills, 17, 0, "Area | Tools"),
                (SectionKind::Skills, 19, 0, "Data | MySQL"),
            ]
        );
    }

    #[test]
    fn a_paragraph_of_one_line_in_capitals_may_be_a_heading() {
        // Headings typed as plain paragraphs ("SKILLS:"); a capital line inside a
        // longer paragraph, and an unknown one, stay lines.
        let src = "# Hannah Whitlock\n\nLeeds · hannah@example.com\n\nEXPERIENCE:\n\n\
                   - Fixed duplicate SMS reminders.\n\nEDUCATION:\n\n- AZ-900, 2024\n\n\
                   SKILLS:\n\nC#, SQL Server, Git\n\nREFERENCES\nOn request.\n\nNOT YET\n";
        let lines: Vec<_> = read(src)
            .lines()
            .map(|(s, l)| (s.kind, l.text.clone()))
            .collect();
        assert_eq!(
            lines,
            [
                (SectionKind::Header, "Hannah Whitlock".to_string()),
                (
                    SectionKind::Header,
                    "Leeds · hannah@example.com".to_string()
                ),
                (
                    SectionKind::Experience,
                    "Fixed duplicate SMS reminders.".to_string()
                ),
                (SectionKind::Education, "AZ-900, 2024".to_string()),
                (SectionKind::Skills, "C#, SQL Server, Git".to_string()),
                (SectionKind::Skills, "REFERENCES".to_string()),
                (SectionKind::Skills, "On request.".to_string()),
                (SectionKind::Skills, "NOT YET".to_string()),
            ]
        );
    }

    #[test]
    fn raw_html_tables_and_line_breaks_are_read() {
        let src = "# Ann Lee\n\n## Skills\n\n<table>\n  <tr><th>Area</th><th>Tools</th></tr>\n  \
                   <tr><td>Backend</td><td>FastAPI, PostgreSQL</td></tr>\n</table>\n\n\
                   ## Experience\n\n- Ran the etch tools.<br>\n  Trained six technicians.\n";
        let lines: Vec<_> = read(src)
            .lines()
            .map(|(s, l)| (s.kind, l.number, l.continues, l.text.clone()))
            .collect();
        assert_eq!(
            lines,
            [
                (SectionKind::Header, 1, false, "Ann Lee".to_string()),
                (SectionKind::Skills, 6, false, "Area | Tools".to_string()),
                (
                    SectionKind::Skills,
                    7,
                    false,
                    "Backend | FastAPI, PostgreSQL".to_string()
                ),
                (
                    SectionKind::Experience,
                    12,
                    false,
                    "Ran the etch tools.".to_string()
                ),
                (
                    SectionKind::Experience,
                    13,
                    false,
                    "Trained six technicians.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_line_break_in_a_table_cell_parts_its_words() {
        let src = "## Experience\n\n| When | Role | What I did |\n|---|---|---|\n\
                   | 2023 | **Intern**<br>Acme | Two-week sprints.<br/>Found the leak. |\n";
        let texts: Vec<String> = read(src).lines().map(|(_, l)| l.text.clone()).collect();
        assert_eq!(
            texts,
            [
                "When | Role | What I did",
                "2023 | Intern Acme | Two-week sprints. Found the leak."
            ]
        );
    }

    /// Each line's text, and whether it is a table's header row.
    fn header_marks(src: &str) -> Vec<(String, bool)> {
        read(src)
            .lines()
            .map(|(_, l)| (l.text.clone(), l.table_head))
            .collect()
    }

    #[test]
    fn a_tables_header_row_is_marked() {
        let src = "## Certifications\n\n| Year | Course |\n|---|---|\n| 2023 | SQL basics |\n";
        assert_eq!(
            header_marks(src),
            [
                ("Year | Course".to_string(), true),
                ("2023 | SQL basics".to_string(), false)
            ]
        );
    }

    #[test]
    fn an_html_tables_header_row_is_marked() {
        let src = "## Certifications\n\n<table>\n<tr><th>Year</th><th>What</th></tr>\n\
                   <tr><th>2023</th><td>SQL basics</td></tr>\n<tr><td>2024</td><td>Docker</td></tr>\n\
                   </table>\n";
        assert_eq!(
            header_marks(src),
            [
                ("Year | What".to_string(), true),
                ("2023 | SQL basics".to_string(), false),
                ("2024 | Docker".to_string(), false)
            ]
        );
    }

    #[test]
    fn yaml_front_matter_is_read_into_the_header() {
        let doc = read(
            "---\ntitle: \"CV\"\nname: \"Émilie Tremblay\"\nkeywords: [Python, Git]\n---\n\n\
             # Émilie Tremblay\n\n## Skills\n\nSQL\n",
        );
        assert_eq!(doc.name.as_deref(), Some("Émilie Tremblay"));
        let lines = doc.outline();
        assert_eq!(
            lines,
            [
                (SectionKind::Header, 2, "title: \"CV\""),
                (SectionKind::Header, 3, "Émilie Tremblay"),
                (SectionKind::Header, 4, "keywords: [Python, Git]"),
                (SectionKind::Skills, 11, "SQL"),
            ]
        );
    }

    #[test]
    fn empty_table_cells_add_nothing() {
        let header = vec!["h"; 500].join("|");
        let rule = vec!["-"; 500].join("|");
        let src = format!("## Skills\n\n|{header}|\n|{rule}|\n|Go|\n| | Rust |\n");
        let texts: Vec<String> = read(&src)
            .lines()
            .skip(1)
            .map(|(_, l)| l.text.clone())
            .collect();
        assert_eq!(texts, ["Go", "Rust"]);
    }

    #[test]
    fn run_in_bold_headings_open_their_sections() {
        let doc = read(
            "# Ann Lee\n\n**Summary** I fixed aircraft for ten years.\n\n\
             **Experience** From 2013 I kept turboprops flying.\n\n\
             **Python** developer since 2022.\n\n**Education Officer** — Acme\n\n\
             ▸ Projects\n\n* Built a pantry tracker.\n\n🧰**Skills** — Python · Django\n",
        );
        let kinds: Vec<_> = doc.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Header,
                SectionKind::Summary,
                SectionKind::Experience,
                SectionKind::Projects,
                SectionKind::Skills
            ]
        );
        // A one-word heading may be set off by a dash, after a drawn mark.
        assert_eq!(doc.sections[4].lines[0].text, "Python · Django");
        let texts: Vec<&str> = doc.sections[2]
            .lines
            .iter()
            .map(|l| l.text.as_str())
            .collect();
        // A bold word that names no section, or a bold title before a dash, stays in
        // its line.
        assert_eq!(
            texts,
            [
                "From 2013 I kept turboprops flying.",
                "Python developer since 2022.",
                "Education Officer — Acme"
            ]
        );
        assert_eq!(doc.sections[2].lines[0].number, 5);
    }

    /// Each section's kind, heading and number of lines.
    fn outline(doc: &Document) -> Vec<(SectionKind, Option<&str>, usize)> {
        doc.sections
            .iter()
            .map(|s| (s.kind, s.heading.as_deref(), s.lines.len()))
            .collect()
    }

    #[test]
    fn a_full_stop_ends_a_run_in_heading() {
        let doc = read(
            "**Ann Lee** · Backend Developer\n\n**Profile.** Former tour guide.\n\n\
             **Experience.** From 2019 I ran the ticket desk; in 2023 I moved its bookings \
             into PostgreSQL.\n\n**Note.** Not a heading.\n",
        );
        assert_eq!(
            outline(&doc),
            [
                (SectionKind::Header, None, 1),
                (SectionKind::Summary, Some("Profile"), 1),
                (SectionKind::Experience, Some("Experience"), 2)
            ]
        );
        assert!(doc.sections[2].lines[0].text.starts_with("From 2019"));
        // A bold word that names no section stays in its line, full stop and all.
        assert_eq!(doc.sections[2].lines[1].text, "Note. Not a heading.");
    }

    #[test]
    fn a_dash_inside_the_bold_ends_a_run_in_heading() {
        let doc = read(
            "# Ann Lee\n\n***Experience —***\n\n* Built the flood viewer.\n\n\
             ***Tools —*** Python · SQL · Docker\n",
        );
        assert_eq!(
            outline(&doc),
            [
                (SectionKind::Header, None, 1),
                (SectionKind::Experience, Some("Experience"), 1),
                (SectionKind::Skills, Some("Tools"), 1)
            ]
        );
        assert_eq!(doc.sections[2].lines[0].text, "Python · SQL · Docker");
    }

    #[test]
    fn setext_and_bold_line_headings() {
        let doc =
            read("Ann Lee\n=======\n\nProfile\n-------\n\nHi.\n\n**Education**\nB.Sc., 2024\n");
        let kinds: Vec<_> = doc.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Header,
                SectionKind::Summary,
                SectionKind::Education
            ]
        );
        assert_eq!(doc.sections[2].lines[0].number, 10);
    }
}
