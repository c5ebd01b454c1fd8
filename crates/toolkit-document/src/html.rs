//! Raw HTML inside a Markdown resume (a skills `<table>`, a `<p>`, `<br>` in a list
//! item): its text, and where the HTML breaks it into lines and table cells.
//!
//! Only text is taken from it: tags, attributes, comments and the contents of
//! `<script>` and `<style>` are dropped, and character references are decoded. The
//! scan is one pass over the bytes, whatever the nesting.

/// What a stretch of HTML holds, in order.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text with its character references decoded, and the byte offset in the HTML
    /// where it starts. A line break in it is where the source line ends.
    Text(String, usize),
    /// A tag that starts or ends a block: what follows is a new line of this kind.
    Break(Block),
    /// A table cell starts: a header cell (`<th>`) or a data cell (`<td>`).
    Cell { head: bool },
}

/// The kind of line a block tag opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    Plain,
    Heading(u8),
    Item,
}

/// Tags after which the text is a new line.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figure",
    "footer",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Tags whose contents are no text of the resume.
const HIDDEN_TAGS: &[&str] = &["head", "script", "style", "template", "title"];

/// The pieces of `html`, in order.
pub(crate) fn pieces(html: &str) -> Vec<Piece> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    // Inside a hidden element: the name of its closing tag.
    let mut hidden: Option<&str> = None;
    let text = |out: &mut Vec<Piece>, from: usize, to: usize| {
        if from < to && !html[from..to].trim().is_empty() {
            out.push(Piece::Text(decode(&html[from..to]), from));
        }
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            if hidden.is_none() {
                text(&mut out, text_start, i);
            }
            i = html[i + 4..]
                .find("-->")
                .map_or(bytes.len(), |e| i + 4 + e + 3);
            text_start = i;
            continue;
        }
        if matches!(bytes.get(i + 1), Some(b'!' | b'?')) {
            // A declaration or processing instruction ("<!DOCTYPE html>").
            if hidden.is_none() {
                text(&mut out, text_start, i);
            }
            i = html[i..].find('>').map_or(bytes.len(), |e| i + e + 1);
            text_start = i;
            continue;
        }
        let closing = bytes.get(i + 1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // A "<" that opens no tag ("x < 3") is text.
            i += 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = html[name_start..]
            .find('>')
            .map_or(bytes.len(), |e| name_start + e + 1);
        if let Some(h) = hidden {
            if closing && name == h {
                hidden = None;
                text_start = end;
            }
            i = end;
            continue;
        }
        text(&mut out, text_start, i);
        text_start = end;
        i = end;
        if let Some(h) = HIDDEN_TAGS.iter().find(|h| **h == name) {
            if !closing {
                hidden = Some(*h);
            }
            continue;
        }
        let heading = name.len() == 2 && name.starts_with('h');
        if let (true, Some(level)) = (heading, name[1..].parse::<u8>().ok()) {
            out.push(Piece::Break(if closing {
                Block::Plain
            } else {
                Block::Heading(level.clamp(1, 6))
            }));
        } else if name == "li" && !closing {
            out.push(Piece::Break(Block::Item));
        } else if BLOCK_TAGS.contains(&name.as_str()) {
            out.push(Piece::Break(Block::Plain));
        } else if (name == "td" || name == "th") && !closing {
            out.push(Piece::Cell { head: name == "th" });
        }
    }
    if hidden.is_none() {
        text(&mut out, text_start, bytes.len());
    }
    out
}

/// `text` with its character references decoded (the reader collapses its
/// whitespace, as it does any line's).
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // A reference is short: only the next few bytes are looked at, so text full
        // of "&" costs no more than any other.
        let reference = rest.as_bytes()[1..]
            .iter()
            .take(11)
            .position(|&b| b == b';')
            .and_then(|e| Some((character(rest.get(1..=e)?)?, e + 2)));
        match reference {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference names (`amp`, `#39`, `#x2014`): XML's five and the
/// HTML names resumes use.
pub(crate) fn character(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace());
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "middot" => '·',
        "bull" => '•',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        let mut out = vec![String::new()];
        for p in pieces(html) {
            match p {
                Piece::Text(t, _) => out.last_mut().unwrap().push_str(t.trim()),
                Piece::Cell { .. } => {
                    if !out.last().unwrap().is_empty() {
                        out.last_mut().unwrap().push_str(" | ");
                    }
                }
                Piece::Break(_) => out.push(String::new()),
            }
        }
        out.retain(|l| !l.is_empty());
        out
    }

    #[test]
    fn tables_rows_and_cells() {
        let html = "<table>\n  <tr><th align=\"left\">Area</th><th>Tools</th></tr>\n  \
                    <tr><td>Backend</td><td>FastAPI, PostgreSQL &amp; Redis</td></tr>\n</table>";
        assert_eq!(
            lines(html),
            ["Area | Tools", "Backend | FastAPI, PostgreSQL & Redis"]
        );
    }

    #[test]
    fn comments_scripts_and_stray_brackets() {
        let html = "<!DOCTYPE html><div><!-- hidden <b>note</b> -->Uses x &lt; 3 and y < 4 &#8212; ok\
                    <script>alert('<p>x</p>')</script><style>p{}</style></div><p>Next &bogus; line";
        assert_eq!(
            lines(html),
            ["Uses x < 3 and y < 4 — ok", "Next &bogus; line"]
        );
    }

    #[test]
    fn headings_and_list_items() {
        let kinds: Vec<Piece> = pieces("<h2>Skills</h2><ul><li>Go</li></ul>")
            .into_iter()
            .filter(|p| !matches!(p, Piece::Text(..)))
            .collect();
        assert_eq!(
            kinds,
            [
                Piece::Break(Block::Heading(2)),
                Piece::Break(Block::Plain),
                Piece::Break(Block::Plain),
                Piece::Break(Block::Item),
                Piece::Break(Block::Plain),
                Piece::Break(Block::Plain),
            ]
        );
    }

    #[test]
    fn references_without_an_end_are_text() {
        let text = "&amp".repeat(5);
        assert_eq!(decode(&text), text);
        assert_eq!(decode("R&D &amp; QA &#0; &#x1F980;"), "R&D & QA &#0; 🦀");
    }

    #[test]
    fn unclosed_tags_and_comments_end_with_the_text() {
        assert_eq!(lines("<p>Go and Rust<!-- no end"), ["Go and Rust"]);
        assert_eq!(lines("<p>Go</p><td"), ["Go"]);
        assert!(lines("<script>never closed <p>x</p>").is_empty());
    }
}
