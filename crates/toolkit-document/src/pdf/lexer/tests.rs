use super::*;

/// An operand as a test reads it: strings and names as bytes, arrays expanded.
#[derive(Debug, Clone, PartialEq)]
enum Read {
    Number(f32),
    Name(Vec<u8>),
    String(Vec<u8>),
    Array(Vec<Read>),
    Dictionary(Option<Vec<u8>>),
    Bool(bool),
    Other,
}

fn read(op: &Operation<'_>, operand: &Operand) -> Read {
    match *operand {
        Operand::Number(n) => Read::Number(n),
        Operand::Name(span) => Read::Name(span.get(op.bytes).to_vec()),
        Operand::String(span) => Read::String(span.get(op.bytes).to_vec()),
        Operand::Array(span) => {
            Read::Array(span.get(op.items).iter().map(|o| read(op, o)).collect())
        }
        Operand::Dictionary(text) => Read::Dictionary(text.map(|s| s.get(op.bytes).to_vec())),
        Operand::Bool(b) => Read::Bool(b),
        Operand::Other => Read::Other,
    }
}

fn operations(stream: &[u8]) -> Vec<(String, Vec<Read>)> {
    let mut lexer = Lexer::new(stream);
    let mut out = Vec::new();
    while let Some(op) = lexer.next() {
        let operands = op.operands.iter().map(|o| read(&op, o)).collect();
        out.push((String::from_utf8_lossy(op.operator).into_owned(), operands));
    }
    out
}

fn s(text: &str) -> Read {
    Read::String(text.as_bytes().to_vec())
}

fn n(value: f32) -> Read {
    Read::Number(value)
}

#[test]
fn a_text_object_reads_operator_by_operator() {
    let ops = operations(b"BT /F1 12 Tf 72 720 Td (Hello) Tj [(A) -120.5 <0042>] TJ ET");
    assert_eq!(
        ops,
        vec![
            ("BT".into(), vec![]),
            ("Tf".into(), vec![Read::Name(b"F1".to_vec()), n(12.0)]),
            ("Td".into(), vec![n(72.0), n(720.0)]),
            ("Tj".into(), vec![s("Hello")]),
            (
                "TJ".into(),
                vec![Read::Array(vec![
                    s("A"),
                    n(-120.5),
                    Read::String(vec![0, 0x42])
                ])]
            ),
            ("ET".into(), vec![]),
        ]
    );
}

#[test]
fn literal_strings_decode_their_escapes() {
    let ops =
        operations(b"(a\\(b\\)c\\\\ \\101\\7\\0053 \\n\\t x\\\ny (nested (twice)) z\r\nend) Tj");
    assert_eq!(
        ops,
        vec![(
            "Tj".into(),
            vec![s("a(b)c\\ A\u{7}\u{5}3 \n\t xy (nested (twice)) z\nend")]
        )]
    );
    // An octal escape past 255 keeps its low byte, as the standard says.
    assert_eq!(
        operations(b"(\\777) Tj"),
        vec![("Tj".into(), vec![Read::String(vec![0xFF])])]
    );
}

#[test]
fn hex_strings_skip_white_space_and_pad_an_odd_digit() {
    assert_eq!(
        operations(b"<48 65\n6c6C 6> Tj"),
        vec![("Tj".into(), vec![Read::String(b"Hell`".to_vec())])]
    );
}

#[test]
fn names_decode_hash_escapes() {
    assert_eq!(
        operations(b"/A#20B#2fC /F Tf"),
        vec![(
            "Tf".into(),
            vec![Read::Name(b"A B/C".to_vec()), Read::Name(b"F".to_vec())]
        )]
    );
}

#[test]
fn numbers_in_every_written_form() {
    let ops = operations(b"1 -2 +3 .5 -.25 4. 0.00-4142502 d0");
    assert_eq!(
        ops,
        vec![(
            "d0".into(),
            vec![
                n(1.0),
                n(-2.0),
                n(3.0),
                n(0.5),
                n(-0.25),
                n(4.0),
                n(0.004_142_502)
            ]
        )]
    );
}

#[test]
fn comments_are_white_space() {
    assert_eq!(
        operations(b"% a comment\n1 0 0 1 5 6 cm % another\nq"),
        vec![
            (
                "cm".into(),
                vec![n(1.0), n(0.0), n(0.0), n(1.0), n(5.0), n(6.0)]
            ),
            ("q".into(), vec![]),
        ]
    );
}

#[test]
fn marked_content_keeps_only_its_actual_text() {
    let ops = operations(
        b"/Span <</Lang (en) /ActualText <FEFF00AD> /Nested << /A [1 2] >> >> BDC /P <</MCID 3>> BDC EMC",
    );
    assert_eq!(
        ops,
        vec![
            (
                "BDC".into(),
                vec![
                    Read::Name(b"Span".to_vec()),
                    Read::Dictionary(Some(vec![0xFE, 0xFF, 0x00, 0xAD]))
                ]
            ),
            (
                "BDC".into(),
                vec![Read::Name(b"P".to_vec()), Read::Dictionary(None)]
            ),
            ("EMC".into(), vec![]),
        ]
    );
}

#[test]
fn array_items_that_are_arrays_references_or_keywords_stay_out_of_the_way() {
    assert_eq!(
        operations(b"[(a) [(hidden) 1] 12 0 R true null 3] TJ"),
        vec![(
            "TJ".into(),
            vec![Read::Array(vec![
                s("a"),
                Read::Other,
                Read::Other,
                Read::Bool(true),
                Read::Other,
                n(3.0)
            ])]
        )]
    );
}

#[test]
fn inline_images_are_skipped_by_their_size() {
    // Unfiltered data of 2 x 2 gray bytes that happen to spell ` EI `.
    let stream = b"q BI /W 2 /H 2 /BPC 8 /CS /G ID  EI  EI Q (after) Tj";
    assert_eq!(
        operations(stream),
        vec![
            ("q".into(), vec![]),
            ("Q".into(), vec![]),
            ("Tj".into(), vec![s("after")])
        ]
    );
}

#[test]
fn filtered_inline_images_end_at_the_first_ei_between_white_space() {
    let stream = b"BI /W 9 /H 9 /F /AHx /CS /RGB ID 00ffEIxx 0a EI\n(after) Tj";
    assert_eq!(operations(stream), vec![("Tj".into(), vec![s("after")])]);
}

#[test]
fn a_syntax_error_ends_the_stream_and_keeps_what_came_before() {
    for stream in [
        &b"(kept) Tj ) (lost) Tj"[..],
        b"(kept) Tj (unterminated Tj",
        b"(kept) Tj <4G> Tj",
        b"(kept) Tj { (lost) Tj",
        b"(kept) Tj - (lost) Tj",
        b"(kept) Tj 99999999999999999999 Tf",
        b"(kept) Tj BI /W 1 /H 1 ID no end",
        b"(kept) Tj <</A 1",
        // A `#` that does not start an escape ends the name, and nothing can follow it.
        b"(kept) Tj /F#xy Tf",
    ] {
        assert_eq!(
            operations(stream),
            vec![("Tj".into(), vec![s("kept")])],
            "{}",
            String::from_utf8_lossy(stream)
        );
    }
}

#[test]
fn deep_nesting_ends_the_stream_without_recursing_far() {
    let mut stream = b"(kept) Tj ".to_vec();
    stream.extend(std::iter::repeat_n(b'[', 100_000));
    stream.extend(b" TJ");
    assert_eq!(operations(&stream), vec![("Tj".into(), vec![s("kept")])]);
    let mut stream = b"(kept) Tj /P ".to_vec();
    stream.extend(std::iter::repeat_n(b"<</A ".as_slice(), 10_000).flatten());
    stream.extend(b" BDC");
    assert_eq!(operations(&stream), vec![("Tj".into(), vec![s("kept")])]);
}

#[test]
fn buffers_are_reused_from_one_operation_to_the_next() {
    let mut stream = Vec::new();
    for i in 0..1_000 {
        stream.extend(format!("[(line {i}) -250 (more)] TJ ").as_bytes());
    }
    let mut lexer = Lexer::new(&stream);
    let mut count = 0;
    while let Some(op) = lexer.next() {
        assert_eq!(op.operands.len(), 1);
        count += 1;
    }
    assert_eq!(count, 1_000);
    assert!(lexer.items.capacity() < 16 && lexer.bytes.capacity() < 64);
}

/// The lexer reads what lopdf's content parser reads, on streams built from every
/// kind of token in random order (a deterministic generator, so a failure repeats).
#[test]
fn agrees_with_lopdf_on_generated_streams() {
    let tokens: [&[u8]; 34] = [
        b"BT",
        b"ET",
        b"Tj",
        b"TJ",
        b"Tf",
        b"Td",
        b"cm",
        b"q",
        b"Q",
        b"'",
        b"\"",
        b"T*",
        b"re",
        b"f*",
        b"d0",
        b"12",
        b"-3.5",
        b".75",
        b"+4",
        b"0",
        b"/F1",
        b"/A#20B",
        b"(text)",
        b"(a\\(b\\)\\101)",
        b"(x (y) z)",
        b"<48656C6C6F>",
        b"<4 8 6>",
        b"[(a) -120 (b)]",
        b"[ ]",
        b"<< /ActualText (z) /K [1 2] >>",
        b"true",
        b"null",
        b"\n",
        b"%c\n",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..2_000 {
        let len = (next() % 40) as usize;
        let mut stream = Vec::new();
        for _ in 0..len {
            stream.extend_from_slice(tokens[(next() % tokens.len() as u64) as usize]);
            stream.push(b' ');
        }
        // lopdf does not skip a comment between operands; the lexer does (the
        // standard says a comment is white space), so those streams are left out.
        let text = String::from_utf8_lossy(&stream);
        if text.contains("%c") {
            continue;
        }
        let ours = operations(&stream);
        let theirs: Vec<(String, Vec<Read>)> = lopdf::content::Content::decode_iter(&stream)
            .map_while(Result::ok)
            .map(|op| (op.operator, op.operands.iter().map(from_lopdf).collect()))
            .collect();
        assert_eq!(ours, theirs, "{text}");
    }
}

fn from_lopdf(o: &lopdf::Object) -> Read {
    use lopdf::Object;
    match o {
        Object::Integer(i) => Read::Number(*i as f32),
        Object::Real(r) => Read::Number(*r),
        Object::Name(b) => Read::Name(b.clone()),
        Object::String(b, _) => Read::String(b.clone()),
        Object::Array(items) => Read::Array(
            items
                .iter()
                .map(|o| match o {
                    Object::Array(_) | Object::Dictionary(_) => Read::Other,
                    o => from_lopdf(o),
                })
                .collect(),
        ),
        Object::Dictionary(d) => Read::Dictionary(
            d.get(b"ActualText")
                .ok()
                .and_then(|t| t.as_str().ok())
                .map(<[u8]>::to_vec),
        ),
        Object::Boolean(b) => Read::Bool(*b),
        _ => Read::Other,
    }
}

#[test]
fn a_run_of_operands_or_items_past_any_operator_ends_the_stream() {
    let mut stream = b"(kept) Tj ".to_vec();
    stream.extend(b"0 ".repeat(MAX_OPERANDS + 1));
    stream.extend(b"m (lost) Tj");
    assert_eq!(operations(&stream), vec![("Tj".into(), vec![s("kept")])]);
    let mut stream = b"(kept) Tj [".to_vec();
    stream.extend(b"0 ".repeat(MAX_ITEMS + 1));
    stream.extend(b"] TJ (lost) Tj");
    assert_eq!(operations(&stream), vec![("Tj".into(), vec![s("kept")])]);
    // Up to the bounds, they are read.
    let mut stream = b"[".to_vec();
    stream.extend(b"(a) ".repeat(MAX_ITEMS));
    stream.extend(b"] TJ");
    let ops = operations(&stream);
    assert!(matches!(&ops[0].1[0], Read::Array(items) if items.len() == MAX_ITEMS));
}
