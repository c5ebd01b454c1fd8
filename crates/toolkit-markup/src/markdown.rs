//! Writing documents as CommonMark with GitHub tables and task lists.

use crate::{Block, Document, Span};
use std::fmt::Write;

/// Writes `doc` as Markdown (CommonMark plus GFM tables and task lists).
///
/// The title becomes a `# title` line only when the document has no level-1
/// heading of its own; author and subject have no Markdown form and are left
/// out. Badges become bold labels such as `**MISSING**`, a page break becomes an
/// HTML comment, and text is escaped so that it reads back literally. The output
/// ends with one newline and depends only on `doc`.
pub fn to_markdown(doc: &Document) -> String {
    let mut parts: Vec<String> = Vec::new();
    let has_h1 = doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Heading { level: 1, .. }));
    if !has_h1 {
        parts.push(format!("# {}", escape_md(&doc.title, true)));
    }
    write_blocks(&doc.blocks, &mut parts);
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

fn write_blocks(blocks: &[Block], parts: &mut Vec<String>) {
    for block in blocks {
        parts.push(match block {
            Block::Heading { level, spans } => {
                format!("{} {}", "#".repeat((*level).into()), inline(spans, true))
            }
            Block::Paragraph(spans) => inline(spans, true),
            Block::List(items) => {
                let mut out = String::new();
                for item in items {
                    let box_ = if item.checkbox { "[ ] " } else { "" };
                    let _ = writeln!(out, "- {box_}{}", inline(&item.spans, !item.checkbox));
                }
                out.pop();
                out
            }
            Block::Quote(spans) => format!("> {}", inline(spans, true)),
            Block::Table { header, rows } => table(header, rows),
            Block::Rule => "---".to_owned(),
            Block::PageBreak => "<!-- page break -->".to_owned(),
            // Boxes and columns are layout: their content reads the same without them.
            Block::Box(inner) | Block::Columns(inner) => {
                write_blocks(inner, parts);
                continue;
            }
            // Lines to write on become the labels, each followed by an ellipsis to fill in.
            Block::Lines(labels) => labels
                .iter()
                .map(|label| match label.is_empty() {
                    true => "- …".to_owned(),
                    false => format!("- {} …", inline(label, false)),
                })
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
}

fn table(header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) -> String {
    let row = |cells: &[Vec<Span>]| {
        let cells: Vec<String> = cells.iter().map(|c| inline(c, false)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut lines = vec![row(header), format!("|{}", " --- |".repeat(header.len()))];
    lines.extend(rows.iter().map(|r| row(r)));
    lines.join("\n")
}

/// Writes inline spans; `line_start` says the text opens a line, where more
/// characters need escaping.
fn inline(spans: &[Span], line_start: bool) -> String {
    let mut out = String::new();
    for span in spans {
        let first = line_start && out.is_empty();
        match span {
            Span::Text(s) => out.push_str(&escape_md(s, first)),
            Span::Bold(s) => delimited(&mut out, s, "**"),
            Span::Italic(s) => delimited(&mut out, s, "*"),
            Span::Badge(b) => {
                let _ = write!(out, "**{}**", b.label());
            }
        }
    }
    out
}

/// Emphasis must not open or close on a space in CommonMark, so spaces are moved
/// outside the delimiters.
fn delimited(out: &mut String, text: &str, delim: &str) {
    let inner = text.trim_matches(' ');
    if inner.is_empty() {
        out.push_str(text);
        return;
    }
    if text.starts_with(' ') {
        out.push(' ');
    }
    out.push_str(delim);
    out.push_str(&escape_md(inner, false));
    out.push_str(delim);
    if text.ends_with(' ') {
        out.push(' ');
    }
}

/// Text as Markdown that shows it as written: punctuation that Markdown reads as
/// markup (emphasis, links, code, HTML, table cells) is backslash-escaped.
pub fn escape_markdown(text: &str) -> String {
    escape_md(text, false)
}

/// Backslash-escapes Markdown punctuation, plus what would open a block at the
/// start of a line (`#`, `-`, `+`, `=`, an ordered-list number).
fn escape_md(text: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in text.char_indices() {
        let block_start = line_start
            && (i == 0 && matches!(c, '#' | '-' | '+' | '=')
                || i == digits && digits > 0 && matches!(c, '.' | ')'));
        if block_start
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn check(markup: &str, expected: &str) {
        let doc = parse(markup).unwrap();
        assert_eq!(to_markdown(&doc), expected, "markup: {markup:?}");
    }

    #[test]
    fn blocks() {
        check("% title: Prep\n\nHello", "# Prep\n\nHello\n");
        check(
            "% title: Ignored\n\n# Own title\n\n## Two",
            "# Own title\n\n## Two\n",
        );
        check("", "# Untitled\n");
        check(
            "# T\n- a **b**\n- [ ] c\n- [ ] \n\n> quoted *x*\n\n---\n\n\\pagebreak",
            "# T\n\n- a **b**\n- [ ] c\n- [ ] \n\n> quoted *x*\n\n---\n\n<!-- page break -->\n",
        );
        check(
            "# T\n| Topic | Zoë |\n|---|---|\n| SQL | {missing} |\n| a \\| b | {demonstrated} |",
            "# T\n\n| Topic | Zoë |\n| --- | --- |\n| SQL | **MISSING** |\n| a \\| b | **DEMONSTRATED** |\n",
        );
        check(
            "# T\n{ok} {error} {listed}",
            "# T\n\n**OK** **ERROR** **LISTED**\n",
        );
    }

    #[test]
    fn boxes_columns_and_lines_keep_their_content() {
        check(
            "# T\n\\columns\n\\box\n### Q\n\\lines **S** scene | Task\n\\endbox\n\\lines 2\n\\endcolumns",
            "# T\n\n### Q\n\n- **S** scene …\n- Task …\n\n- …\n- …\n",
        );
    }

    #[test]
    fn escaping() {
        check(
            "# T\n\\# 1. \\*x\\* <b> a_b [l](u) \\\\ & `c` ~s~ !",
            "# T\n\n\\# 1. \\*x\\* \\<b\\> a\\_b \\[l\\](u) \\\\ \\& \\`c\\` \\~s\\~ \\!\n",
        );
        check("# T\n12. not a list", "# T\n\n12\\. not a list\n");
        check("# T\n\\- no\n\n+ no", "# T\n\n\\- no\n\n\\+ no\n");
        check("# T\na ** b ** c", "# T\n\na **b** c\n");
    }
}
