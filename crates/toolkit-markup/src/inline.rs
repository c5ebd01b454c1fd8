//! Inline content: bold, italic, badges, backslash escapes and whitespace.

use crate::{Badge, MarkupError, Span};

/// Maps byte offsets of joined text back to 1-based source lines: `(offset, line)`
/// pairs in increasing offset order, the first at offset 0.
pub(crate) type LineMap = [(usize, usize)];

fn line_at(map: &LineMap, offset: usize) -> usize {
    map.iter()
        .take_while(|(start, _)| *start <= offset)
        .last()
        .map_or(1, |&(_, line)| line)
}

/// Collects spans, collapsing whitespace runs across span boundaries.
struct Builder {
    spans: Vec<Span>,
    /// The kind of span being built and its text.
    current: Option<(Kind, String)>,
    /// Whether the last character emitted was whitespace (true at the start, so
    /// leading whitespace is dropped).
    last_ws: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Bold,
    Italic,
}

impl Builder {
    fn new() -> Self {
        Builder {
            spans: Vec::new(),
            current: None,
            last_ws: true,
        }
    }

    fn push(&mut self, kind: Kind, c: char) {
        let c = if c.is_ascii_whitespace() {
            if self.last_ws {
                return;
            }
            self.last_ws = true;
            ' '
        } else {
            self.last_ws = false;
            c
        };
        match &mut self.current {
            Some((k, s)) if *k == kind => s.push(c),
            _ => {
                self.flush();
                self.current = Some((kind, c.to_string()));
            }
        }
    }

    fn badge(&mut self, badge: Badge) {
        self.flush();
        self.spans.push(Span::Badge(badge));
        self.last_ws = false;
    }

    fn flush(&mut self) {
        if let Some((kind, s)) = self.current.take() {
            self.spans.push(match kind {
                Kind::Text => Span::Text(s),
                Kind::Bold => Span::Bold(s),
                Kind::Italic => Span::Italic(s),
            });
        }
    }

    fn finish(mut self) -> Vec<Span> {
        self.flush();
        // Whitespace is collapsed but may still trail the last span.
        if let Some(Span::Text(s) | Span::Bold(s) | Span::Italic(s)) = self.spans.last_mut() {
            if s.ends_with(' ') {
                s.pop();
            }
            if s.is_empty() {
                self.spans.pop();
            }
        }
        self.spans
    }
}

/// Parses inline markup. `map` gives the source line of each byte offset.
pub(crate) fn parse_spans(text: &str, map: &LineMap) -> Result<Vec<Span>, MarkupError> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Builder::new();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        match c {
            '\\' => {
                match chars.get(i + 1) {
                    Some(&(_, next)) => out.push(Kind::Text, next),
                    None => out.push(Kind::Text, '\\'),
                }
                i += 2;
            }
            '*' => {
                let bold = matches!(chars.get(i + 1), Some((_, '*')));
                let (kind, delim, open) = if bold {
                    (Kind::Bold, "**", 2)
                } else {
                    (Kind::Italic, "*", 1)
                };
                let Some(end) = find_closing(&chars, i + open, bold) else {
                    let escaped = if bold { "\\*\\*" } else { "\\*" };
                    return Err(MarkupError {
                        line: line_at(map, offset),
                        message: format!(
                            "unclosed `{delim}`: close it with another `{delim}`, \
                             or write `{escaped}` for literal asterisks"
                        ),
                    });
                };
                let mut j = i + open;
                while j < end {
                    let (_, c) = chars[j];
                    if c == '\\' && j + 1 < end {
                        j += 1;
                    }
                    out.push(kind, chars[j].1);
                    j += 1;
                }
                i = end + open;
            }
            '{' => {
                let word: String = chars[i + 1..]
                    .iter()
                    .map(|&(_, c)| c)
                    .take_while(|&c| c.is_ascii_lowercase())
                    .collect();
                let closed = matches!(chars.get(i + 1 + word.len()), Some((_, '}')));
                match Badge::from_keyword(&word) {
                    Some(badge) if closed => {
                        out.badge(badge);
                        i += word.len() + 2;
                    }
                    // Unknown `{word}` stays literal text.
                    _ => {
                        out.push(Kind::Text, '{');
                        i += 1;
                    }
                }
            }
            c => {
                out.push(Kind::Text, c);
                i += 1;
            }
        }
    }
    Ok(out.finish())
}

/// The index of the closing `*` (or the first `*` of a closing `**`), skipping escapes.
fn find_closing(chars: &[(usize, char)], from: usize, bold: bool) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        match chars[j].1 {
            '\\' => j += 2,
            '*' if !bold => return Some(j),
            '*' if matches!(chars.get(j + 1), Some((_, '*'))) => return Some(j),
            _ => j += 1,
        }
    }
    None
}

/// Removes backslash escapes and collapses whitespace, leaving other markup literal.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = Builder::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let c = if c == '\\' {
            chars.next().unwrap_or('\\')
        } else {
            c
        };
        out.push(Kind::Text, c);
    }
    crate::plain_text(&out.finish())
}

/// Escapes `text` so that it parses back as literal text.
///
/// The result is one line: runs of ASCII whitespace (newlines included) become one
/// space and the ends are trimmed, which is what parsing does to any text anyway.
/// It can be placed anywhere text goes: a paragraph, a heading, a list item, a
/// quote, a table cell or a metadata value.
///
/// ```
/// let line = "*Led* a team of {3} | 100% remote";
/// let doc = toolkit_markup::parse(&toolkit_markup::escape(line)).unwrap();
/// assert_eq!(
///     doc.blocks,
///     [toolkit_markup::Block::Paragraph(vec![toolkit_markup::Span::Text(line.into())])]
/// );
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (n, word) in text.split_ascii_whitespace().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        for (i, c) in word.chars().enumerate() {
            let at_start = n == 0 && i == 0;
            if matches!(c, '\\' | '*' | '{' | '|')
                || at_start && matches!(c, '#' | '-' | '>' | '%' | '[' | ':')
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Span {
        Span::Text(s.into())
    }

    fn check(input: &str, expected: &[Span]) {
        let got = parse_spans(input, &[(0, 1)]).unwrap();
        assert_eq!(got, expected, "input: {input:?}");
    }

    fn check_err(input: &str, expected: &str) {
        let err = parse_spans(input, &[(0, 1), (5, 2)]).unwrap_err();
        assert_eq!(err.to_string(), expected, "input: {input:?}");
    }

    #[test]
    fn spans() {
        check("plain text", &[t("plain text")]);
        check("  lots   of \t space  ", &[t("lots of space")]);
        check(
            "a **bold** move",
            &[t("a "), Span::Bold("bold".into()), t(" move")],
        );
        check("*lean*", &[Span::Italic("lean".into())]);
        check(
            "a ** spaced ** b",
            &[t("a "), Span::Bold("spaced ".into()), t("b")],
        );
        check(
            "**x***y*",
            &[Span::Bold("x".into()), Span::Italic("y".into())],
        );
        check("****", &[]);
        check(
            "SQL {missing} and {ok}",
            &[
                t("SQL "),
                Span::Badge(Badge::Missing),
                t(" and "),
                Span::Badge(Badge::Ok),
            ],
        );
        check("{unknown} {OK} {ok", &[t("{unknown} {OK} {ok")]);
        check("{}", &[t("{}")]);
        check(r"\*not\* \{ok} a\\b \| \#", &[t(r"*not* {ok} a\b | #")]);
        check(r"**a\*\*b**", &[Span::Bold("a**b".into())]);
        check(r"trailing \", &[t(r"trailing \")]);
        check("Zoë Łukasiewicz, 林瑋婷", &[t("Zoë Łukasiewicz, 林瑋婷")]);
        check("{demonstrated}", &[Span::Badge(Badge::Demonstrated)]);
    }

    #[test]
    fn errors() {
        check_err(
            "one **two",
            "line 1: unclosed `**`: close it with another `**`, or write `\\*\\*` for literal asterisks",
        );
        check_err(
            "line one *x",
            "line 2: unclosed `*`: close it with another `*`, or write `\\*` for literal asterisks",
        );
    }

    #[test]
    fn unescapes() {
        assert_eq!(unescape(r"a \*b\*  **c** \\ {ok}"), r"a *b* **c** \ {ok}");
    }

    #[test]
    fn escapes() {
        let cases = [
            ("plain", "plain"),
            ("# not a heading", r"\# not a heading"),
            ("- no", r"\- no"),
            ("> no", r"\> no"),
            ("% no", r"\% no"),
            ("[ ] no", r"\[ ] no"),
            ("a - b # c > d", "a - b # c > d"),
            (r"*a* {ok} | \", r"\*a\* \{ok} \| \\"),
            ("  two\n lines  ", "two lines"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "input: {input:?}");
        }
    }
}
