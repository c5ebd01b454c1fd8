//! The line-based block parser.

use crate::inline::{parse_spans, unescape};
use crate::{Block, Document, Item, MarkupError, Span};

/// What a (trimmed, non-blank) line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Meta,
    Heading(u8),
    Item,
    Quote,
    Row,
    Rule,
    PageBreak,
    /// `\box`, `\endbox`, `\columns`, `\endcolumns`.
    Open(Container),
    Close(Container),
    Lines,
    Text,
}

/// A block that holds other blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Box,
    Columns,
}

impl Container {
    fn name(self) -> &'static str {
        match self {
            Container::Box => "box",
            Container::Columns => "columns",
        }
    }
}

fn classify(line: &str) -> Kind {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes > 0 && matches!(line.as_bytes().get(hashes), None | Some(b' ' | b'\t')) {
        // Levels past 3 are reported by the heading parser.
        return Kind::Heading(hashes.min(u8::MAX as usize) as u8);
    }
    match line {
        r"\pagebreak" => return Kind::PageBreak,
        r"\box" => return Kind::Open(Container::Box),
        r"\endbox" => return Kind::Close(Container::Box),
        r"\columns" => return Kind::Open(Container::Columns),
        r"\endcolumns" => return Kind::Close(Container::Columns),
        _ => {}
    }
    if line == r"\lines" || line.starts_with(r"\lines ") || line.starts_with("\\lines\t") {
        return Kind::Lines;
    }
    if line.len() >= 3 && line.bytes().all(|b| b == b'-') {
        return Kind::Rule;
    }
    match line.as_bytes() {
        [b'%', ..] => Kind::Meta,
        [b'-'] | [b'-', b' ' | b'\t', ..] => Kind::Item,
        [b'>', ..] => Kind::Quote,
        [b'|', ..] => Kind::Row,
        _ => Kind::Text,
    }
}

/// Text joined from several source lines, remembering where each line starts.
struct Joined {
    text: String,
    map: Vec<(usize, usize)>,
}

impl Joined {
    fn new(text: &str, line: usize) -> Self {
        Joined {
            text: text.to_owned(),
            map: vec![(0, line)],
        }
    }

    fn push(&mut self, text: &str, line: usize) {
        self.text.push(' ');
        self.map.push((self.text.len(), line));
        self.text.push_str(text);
    }

    fn spans(&self) -> Result<Vec<Span>, MarkupError> {
        parse_spans(&self.text, &self.map)
    }
}

fn error(line: usize, message: impl Into<String>) -> MarkupError {
    MarkupError {
        line,
        message: message.into(),
    }
}

/// Parses markup text into a [`Document`].
///
/// Errors name the 1-based line and say how to fix it, since templates are
/// edited by hand.
pub fn parse(src: &str) -> Result<Document, MarkupError> {
    let lines: Vec<&str> = src.lines().collect();
    let mut doc = Document {
        title: "Untitled".to_owned(),
        author: None,
        subject: None,
        blocks: Vec::new(),
    };
    // Open boxes and columns: the container, the line it opened on, its blocks.
    let mut open: Vec<(Container, usize, Vec<Block>)> = Vec::new();
    let mut started = false;
    let mut i = 0;
    while i < lines.len() {
        let n = i + 1;
        let line = lines[i].trim_ascii();
        if line.is_empty() {
            i += 1;
            continue;
        }
        let kind = classify(line);
        i += 1;
        started |= kind != Kind::Meta;
        // Nothing nests inside a box, so a box can only be the innermost container.
        let in_box = open.last().is_some_and(|(c, _, _)| *c == Container::Box);
        let blocks = match open.last_mut() {
            Some((_, _, blocks)) => blocks,
            None => &mut doc.blocks,
        };
        match kind {
            Kind::Meta => {
                if started {
                    return Err(error(
                        n,
                        "metadata lines (`% key: value`) belong before the content; \
                         write `\\%` for a literal percent sign",
                    ));
                }
                metadata(&mut doc, line, n)?;
            }
            Kind::Heading(level) => {
                if level > 3 {
                    return Err(error(
                        n,
                        format!(
                            "headings go down to `###`, not `{}`",
                            "#".repeat(level.into())
                        ),
                    ));
                }
                let spans = parse_spans(&line[level.into()..], &[(0, n)])?;
                if spans.is_empty() {
                    return Err(error(n, "empty heading"));
                }
                blocks.push(Block::Heading { level, spans });
            }
            Kind::PageBreak => {
                if in_box {
                    return Err(error(n, r"a page break cannot sit inside a `\box`"));
                }
                blocks.push(Block::PageBreak);
            }
            Kind::Open(container) => {
                if let Some((outer, _, _)) = open.last()
                    && !(*outer == Container::Columns && container == Container::Box)
                {
                    return Err(error(
                        n,
                        format!(
                            r"a `\{}` cannot sit inside a `\{}`; only a box may sit inside columns",
                            container.name(),
                            outer.name()
                        ),
                    ));
                }
                open.push((container, n, Vec::new()));
            }
            Kind::Close(container) => match open.pop() {
                Some((c, _, inner)) if c == container => {
                    let parent = match open.last_mut() {
                        Some((_, _, blocks)) => blocks,
                        None => &mut doc.blocks,
                    };
                    parent.push(match container {
                        Container::Box => Block::Box(inner),
                        Container::Columns => Block::Columns(inner),
                    });
                }
                Some((c, start, _)) => {
                    return Err(error(
                        n,
                        format!(
                            r"`\end{}` closes nothing: the `\{}` opened on line {start} is still open",
                            container.name(),
                            c.name()
                        ),
                    ));
                }
                None => {
                    return Err(error(
                        n,
                        format!(r"`\end{0}` without a `\{0}` before it", container.name()),
                    ));
                }
            },
            Kind::Lines => blocks.push(ruled_lines(&line[r"\lines".len()..], n)?),
            Kind::Rule => blocks.push(Block::Rule),
            Kind::Text => {
                let mut text = Joined::new(line, n);
                while let Some(next) = lines.get(i).map(|l| l.trim_ascii()) {
                    if next.is_empty() || classify(next) != Kind::Text {
                        break;
                    }
                    i += 1;
                    text.push(next, i);
                }
                blocks.push(Block::Paragraph(text.spans()?));
            }
            Kind::Quote => {
                let mut text = Joined::new(&line[1..], n);
                while let Some(next) = lines.get(i).map(|l| l.trim_ascii()) {
                    if classify(next) != Kind::Quote {
                        break;
                    }
                    i += 1;
                    text.push(&next[1..], i);
                }
                blocks.push(Block::Quote(text.spans()?));
            }
            Kind::Item => {
                let mut items = Vec::new();
                let mut current = (Joined::new(&line[1..], n), n);
                while let Some(raw) = lines.get(i) {
                    let next = raw.trim_ascii();
                    if next.is_empty() {
                        break;
                    }
                    let next_kind = classify(next);
                    if next_kind == Kind::Item {
                        items.push(item(current)?);
                        i += 1;
                        current = (Joined::new(&next[1..], i), i);
                    } else if raw.starts_with([' ', '\t']) && next_kind == Kind::Text {
                        i += 1;
                        current.0.push(next, i);
                    } else {
                        break;
                    }
                }
                items.push(item(current)?);
                blocks.push(Block::List(items));
            }
            Kind::Row => {
                let mut rows = vec![(n, line)];
                while let Some(next) = lines.get(i).map(|l| l.trim_ascii()) {
                    if classify(next) != Kind::Row {
                        break;
                    }
                    i += 1;
                    rows.push((i, next));
                }
                blocks.push(table(&rows)?);
            }
        }
    }
    if let Some((c, start, _)) = open.pop() {
        return Err(error(
            start,
            format!(r"this `\{0}` is never closed: add `\end{0}`", c.name()),
        ));
    }
    Ok(doc)
}

fn metadata(doc: &mut Document, line: &str, n: usize) -> Result<(), MarkupError> {
    let rest = line[1..].trim_start_matches([' ', '\t']);
    let Some((key, value)) = rest.split_once(':') else {
        return Err(error(
            n,
            "a metadata line looks like `% title: value`; \
             write `\\%` for a literal percent sign",
        ));
    };
    let value = unescape(value);
    let slot = match key.trim_ascii() {
        "title" => {
            doc.title = value;
            return Ok(());
        }
        "author" => &mut doc.author,
        "subject" => &mut doc.subject,
        other => {
            return Err(error(
                n,
                format!("unknown metadata key `{other}`: expected `title`, `author` or `subject`"),
            ));
        }
    };
    *slot = Some(value);
    Ok(())
}

fn item((text, n): (Joined, usize)) -> Result<Item, MarkupError> {
    let trimmed = text.text.trim_start_matches([' ', '\t']);
    let (checkbox, body) = match trimmed.strip_prefix("[ ]") {
        Some(rest) if rest.is_empty() || rest.starts_with([' ', '\t']) => (true, rest),
        _ => (false, trimmed),
    };
    let shift = text.text.len() - body.len();
    let map: Vec<(usize, usize)> = text
        .map
        .iter()
        .map(|&(offset, line)| (offset.saturating_sub(shift), line))
        .collect();
    let spans = parse_spans(body, &map)?;
    if spans.is_empty() && !checkbox {
        return Err(error(n, "empty list item"));
    }
    Ok(Item { checkbox, spans })
}

/// The labels of a `\lines` block: `A | B | C`, or a count of unlabelled lines.
fn ruled_lines(rest: &str, n: usize) -> Result<Block, MarkupError> {
    let rest = rest.trim_ascii();
    if let Ok(count) = rest.parse::<usize>() {
        if !(1..=40).contains(&count) {
            return Err(error(n, r"`\lines N` takes a count from 1 to 40"));
        }
        return Ok(Block::Lines(vec![Vec::new(); count]));
    }
    if rest.is_empty() {
        return Err(error(
            n,
            r"`\lines` needs labels (`\lines Situation | Task`) or a count (`\lines 4`)",
        ));
    }
    let labels = split_cells(rest)
        .iter()
        .map(|label| parse_spans(label, &[(0, n)]))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Block::Lines(labels))
}

/// Splits text at unescaped `|`.
fn split_cells(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, b) in line.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'|' => {
                out.push(&line[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&line[start..]);
    out
}

/// Splits a table row into cells at unescaped `|`.
fn cells(line: &str) -> Vec<&str> {
    // The row starts with `|`; a closing `|` is optional.
    let mut out = split_cells(&line[1..]);
    if out.last().is_some_and(|c| c.is_empty()) {
        out.pop();
    }
    out
}

fn is_separator(cells: &[&str]) -> bool {
    cells.iter().all(|c| {
        let c = c.trim_ascii();
        c.contains('-') && c.bytes().all(|b| matches!(b, b'-' | b':'))
    })
}

fn table(rows: &[(usize, &str)]) -> Result<Block, MarkupError> {
    let mut header = Vec::new();
    let mut body = Vec::new();
    for (index, &(n, line)) in rows.iter().enumerate() {
        let raw = cells(line);
        if is_separator(&raw) {
            if index == 1 {
                continue;
            }
            return Err(error(
                n,
                "a `|---|` separator row belongs right under the header row",
            ));
        }
        let row = raw
            .iter()
            .map(|cell| parse_spans(cell, &[(0, n)]))
            .collect::<Result<Vec<_>, _>>()?;
        if index == 0 {
            if row.is_empty() {
                return Err(error(n, "a table header needs at least one cell"));
            }
            header = row;
        } else if row.len() != header.len() {
            return Err(error(
                n,
                format!(
                    "this row has {} cells but the header has {}",
                    row.len(),
                    header.len()
                ),
            ));
        } else {
            body.push(row);
        }
    }
    Ok(Block::Table { header, rows: body })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Badge, escape};

    fn t(s: &str) -> Span {
        Span::Text(s.into())
    }

    fn check(input: &str, expected: &[Block]) {
        let doc = parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(doc.blocks, expected, "input: {input:?}");
    }

    fn check_err(input: &str, expected: &str) {
        let err = parse(input).unwrap_err();
        assert_eq!(err.to_string(), expected, "input: {input:?}");
    }

    #[test]
    fn metadata_lines() {
        let doc = parse("% title: Prep: Zoë\n%author:Lab \\*1\\*\n\n% subject: SQL\n\nHi").unwrap();
        assert_eq!(doc.title, "Prep: Zoë");
        assert_eq!(doc.author.as_deref(), Some("Lab *1*"));
        assert_eq!(doc.subject.as_deref(), Some("SQL"));
        assert_eq!(doc.blocks, [Block::Paragraph(vec![t("Hi")])]);
        assert_eq!(parse("").unwrap().title, "Untitled");
    }

    #[test]
    fn blocks() {
        check(
            "# One\n## Two *i*\n### Three {ok}",
            &[
                Block::Heading {
                    level: 1,
                    spans: vec![t("One")],
                },
                Block::Heading {
                    level: 2,
                    spans: vec![t("Two "), Span::Italic("i".into())],
                },
                Block::Heading {
                    level: 3,
                    spans: vec![t("Three "), Span::Badge(Badge::Ok)],
                },
            ],
        );
        check(
            "first line\n  second line\n\nnext",
            &[
                Block::Paragraph(vec![t("first line second line")]),
                Block::Paragraph(vec![t("next")]),
            ],
        );
        check(
            "#hashtag and -5 and 100%",
            &[Block::Paragraph(vec![t("#hashtag and -5 and 100%")])],
        );
        check(
            "- one\n  continued\n- [ ] box\n-\tthree\n- [ ]\n- [x] done",
            &[Block::List(vec![
                Item {
                    checkbox: false,
                    spans: vec![t("one continued")],
                },
                Item {
                    checkbox: true,
                    spans: vec![t("box")],
                },
                Item {
                    checkbox: false,
                    spans: vec![t("three")],
                },
                Item {
                    checkbox: true,
                    spans: vec![],
                },
                Item {
                    checkbox: false,
                    spans: vec![t("[x] done")],
                },
            ])],
        );
        check(
            "- item\nparagraph after",
            &[
                Block::List(vec![Item {
                    checkbox: false,
                    spans: vec![t("item")],
                }]),
                Block::Paragraph(vec![t("paragraph after")]),
            ],
        );
        check(
            "> Built a REST API\n>in Go\n\n>second",
            &[
                Block::Quote(vec![t("Built a REST API in Go")]),
                Block::Quote(vec![t("second")]),
            ],
        );
        check(
            "---\n\\pagebreak\n-----",
            &[Block::Rule, Block::PageBreak, Block::Rule],
        );
        check(
            "text\n---\nmore",
            &[
                Block::Paragraph(vec![t("text")]),
                Block::Rule,
                Block::Paragraph(vec![t("more")]),
            ],
        );
    }

    #[test]
    fn tables() {
        check(
            "| Topic | Zoë |\n|---|:-:|\n| SQL | {listed} |\n| a \\| b | **x** |\n| | empty",
            &[Block::Table {
                header: vec![vec![t("Topic")], vec![t("Zoë")]],
                rows: vec![
                    vec![vec![t("SQL")], vec![Span::Badge(Badge::Listed)]],
                    vec![vec![t("a | b")], vec![Span::Bold("x".into())]],
                    vec![vec![], vec![t("empty")]],
                ],
            }],
        );
        check(
            "| only header |",
            &[Block::Table {
                header: vec![vec![t("only header")]],
                rows: vec![],
            }],
        );
    }

    #[test]
    fn errors() {
        check_err(
            "# ok\n\n**open",
            "line 3: unclosed `**`: close it with another `**`, or write `\\*\\*` for literal asterisks",
        );
        check_err(
            "para\nline two *x",
            "line 2: unclosed `*`: close it with another `*`, or write `\\*` for literal asterisks",
        );
        check_err(
            "- a\n  b **c",
            "line 2: unclosed `**`: close it with another `**`, or write `\\*\\*` for literal asterisks",
        );
        check_err(
            "- [ ] **c",
            "line 1: unclosed `**`: close it with another `**`, or write `\\*\\*` for literal asterisks",
        );
        check_err("#### deep", "line 1: headings go down to `###`, not `####`");
        check_err("#", "line 1: empty heading");
        check_err("-", "line 1: empty list item");
        check_err(
            "text\n% title: late",
            "line 2: metadata lines (`% key: value`) belong before the content; write `\\%` for a literal percent sign",
        );
        check_err(
            "% colour: red",
            "line 1: unknown metadata key `colour`: expected `title`, `author` or `subject`",
        );
        check_err(
            "% 50 percent",
            "line 1: a metadata line looks like `% title: value`; write `\\%` for a literal percent sign",
        );
        check_err(
            "| a | b |\n| 1 |",
            "line 2: this row has 1 cells but the header has 2",
        );
        check_err(
            "| a |\n| 1 |\n|---|",
            "line 3: a `|---|` separator row belongs right under the header row",
        );
    }

    #[test]
    fn boxes_columns_and_lines() {
        check(
            "\\columns\n\\box\n### Q {missing}\n\\lines **S** the scene | Task \\| goal\n\\endbox\n\\lines 2\n\\endcolumns\nafter",
            &[
                Block::Columns(vec![
                    Block::Box(vec![
                        Block::Heading {
                            level: 3,
                            spans: vec![t("Q "), Span::Badge(Badge::Missing)],
                        },
                        Block::Lines(vec![
                            vec![Span::Bold("S".into()), t(" the scene")],
                            vec![t("Task | goal")],
                        ]),
                    ]),
                    Block::Lines(vec![vec![], vec![]]),
                ]),
                Block::Paragraph(vec![t("after")]),
            ],
        );
        // A paragraph ends at a directive line.
        check(
            "text\n\\box\nin\n\\endbox",
            &[
                Block::Paragraph(vec![t("text")]),
                Block::Box(vec![Block::Paragraph(vec![t("in")])]),
            ],
        );
        check_err(
            "\\box\n\\box",
            "line 2: a `\\box` cannot sit inside a `\\box`; only a box may sit inside columns",
        );
        check_err(
            "\\box\n\\columns",
            "line 2: a `\\columns` cannot sit inside a `\\box`; only a box may sit inside columns",
        );
        check_err(
            "x\n\\box\ny",
            "line 2: this `\\box` is never closed: add `\\endbox`",
        );
        check_err("\\endbox", "line 1: `\\endbox` without a `\\box` before it");
        check_err(
            "\\columns\n\\box\n\\endcolumns",
            "line 3: `\\endcolumns` closes nothing: the `\\box` opened on line 2 is still open",
        );
        check_err(
            "\\box\n\\pagebreak\n\\endbox",
            "line 2: a page break cannot sit inside a `\\box`",
        );
        check_err(
            "\\lines",
            "line 1: `\\lines` needs labels (`\\lines Situation | Task`) or a count (`\\lines 4`)",
        );
        check_err(
            "\\lines 0",
            "line 1: `\\lines N` takes a count from 1 to 40",
        );
        check_err(
            "\\box\n% title: x\n\\endbox",
            "line 2: metadata lines (`% key: value`) belong before the content; write `\\%` for a literal percent sign",
        );
    }

    /// A tiny deterministic generator (xorshift), so the property test needs no crates.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn string(&mut self) -> String {
            const PICKS: &[char] = &[
                '\\', '*', '{', '}', '|', '#', '-', '>', '%', '[', ']', ' ', ' ', '\t', '\n', '\r',
                'a', 'z', 'o', 'k', '0', ':', '_', '`', 'Ł', 'ë', 'Ε', 'Д', '林', '🚀', '\u{a0}',
            ];
            let len = (self.next() % 24) as usize;
            (0..len)
                .map(|_| match self.next() % 5 {
                    // Any Unicode scalar value, now and then.
                    0 => char::from_u32((self.next() % 0x11_0000) as u32).unwrap_or('?'),
                    _ => PICKS[(self.next() % PICKS.len() as u64) as usize],
                })
                .collect()
        }
    }

    #[test]
    fn escape_round_trips() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut inputs: Vec<String> = (0..500).map(|_| rng.string()).collect();
        inputs.extend(
            [
                "{ok}",
                "{missing}",
                "**",
                "*",
                "---",
                "\\pagebreak",
                "\\box",
                "\\endcolumns",
                "\\lines 3",
                "- [ ] x",
                "[ ] x",
                "| a |",
                "% t: x",
                ":-",
                "-",
            ]
            .map(String::from),
        );
        for s in inputs {
            let expected: Vec<&str> = s.split_ascii_whitespace().collect();
            let expected = expected.join(" ");
            let spans = if expected.is_empty() {
                vec![]
            } else {
                vec![t(&expected)]
            };
            let e = escape(&s);
            for (wrapped, block) in [
                (e.clone(), Block::Paragraph(spans.clone())),
                (format!("> {e}"), Block::Quote(spans.clone())),
                (
                    format!("- [ ] {e}"),
                    Block::List(vec![Item {
                        checkbox: true,
                        spans: spans.clone(),
                    }]),
                ),
                (
                    format!("- {e}"),
                    Block::List(vec![Item {
                        checkbox: false,
                        spans: spans.clone(),
                    }]),
                ),
                (
                    format!("| x | y |\n|---|---|\n| {e} | x |"),
                    Block::Table {
                        header: vec![vec![t("x")], vec![t("y")]],
                        rows: vec![vec![spans.clone(), vec![t("x")]]],
                    },
                ),
            ] {
                if expected.is_empty() {
                    // An empty paragraph is no block; an empty plain item is an error.
                    match &block {
                        Block::Paragraph(_) => assert_eq!(parse(&wrapped).unwrap().blocks, []),
                        Block::List(items) if !items[0].checkbox => {
                            assert!(parse(&wrapped).is_err())
                        }
                        _ => assert_eq!(parse(&wrapped).unwrap().blocks, [block]),
                    }
                    continue;
                }
                let doc =
                    parse(&wrapped).unwrap_or_else(|err| panic!("{s:?} as {wrapped:?}: {err}"));
                assert_eq!(doc.blocks, [block], "{s:?} escaped as {wrapped:?}");
            }
            if !expected.is_empty() {
                let doc = parse(&format!("% title: {e}\n# {e}")).unwrap();
                assert_eq!(doc.title, expected, "{s:?}");
                assert_eq!(doc.blocks, [Block::Heading { level: 1, spans }]);
            }
        }
    }
}
