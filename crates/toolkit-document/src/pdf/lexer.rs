//! Content streams split into operations: operands then an operator, in the
//! syntax of ISO 32000 (7.2 and 7.8.2).
//!
//! The operands of one operation live in buffers that are reused for the next,
//! so a page of thousands of operations allocates nothing once the buffers have
//! grown. Only what text extraction reads is kept: numbers, names, strings,
//! arrays of those, and the `/ActualText` of a marked-content dictionary. A
//! byte that no operand or operator can start ends the stream, as a syntax
//! error ends it for other readers, and what came before is kept.

/// Arrays and dictionaries nested deeper than this end the stream.
const MAX_DEPTH: usize = 32;
/// No operator takes more operands than this (the most, `scn`, takes a few dozen),
/// nor an array more items (a line of kerned text holds hundreds): a stream that
/// goes past either is no page's content, and ends there, so that a few kilobytes
/// of compressed zeros cannot fill memory with operands.
const MAX_OPERANDS: usize = 256;
const MAX_ITEMS: usize = 65_536;

/// A range of one of the lexer's buffers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn of(start: usize, end: usize) -> Span {
        // A content stream is at most `MAX_CONTENT_BYTES` (16 MiB), so its
        // strings and operands fit in 32 bits.
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    fn get<T>(self, buffer: &[T]) -> &[T] {
        &buffer[self.start as usize..self.end as usize]
    }
}

/// One operand of an operation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Operand {
    Number(f32),
    /// A name without its slash, `#xx` escapes decoded (in the byte buffer).
    Name(Span),
    /// A literal or hexadecimal string, decoded (in the byte buffer).
    String(Span),
    /// An array's items (in the item buffer); items that are arrays or
    /// dictionaries themselves are `Other`.
    Array(Span),
    /// A dictionary, with its `/ActualText` string if it has one.
    Dictionary(Option<Span>),
    Bool(bool),
    /// `null` or a reference.
    Other,
}

/// One operation: its operator and operands, borrowed from the lexer.
pub(super) struct Operation<'s> {
    pub(super) operator: &'s [u8],
    pub(super) operands: &'s [Operand],
    items: &'s [Operand],
    bytes: &'s [u8],
}

impl<'s> Operation<'s> {
    /// The operand at `i` as a finite number.
    pub(super) fn number(&self, i: usize) -> Option<f32> {
        match self.operands.get(i) {
            Some(Operand::Number(n)) if n.is_finite() => Some(*n),
            _ => None,
        }
    }

    /// Every operand that is a number, in order (others are skipped).
    pub(super) fn numbers(&self) -> impl Iterator<Item = f32> + '_ {
        self.operands.iter().filter_map(|o| match o {
            Operand::Number(n) => Some(*n),
            _ => None,
        })
    }

    pub(super) fn name(&self, i: usize) -> Option<&'s [u8]> {
        match self.operands.get(i) {
            Some(Operand::Name(span)) => Some(span.get(self.bytes)),
            _ => None,
        }
    }

    /// The bytes of an operand or array item that is a string.
    pub(super) fn string(&self, operand: &Operand) -> Option<&'s [u8]> {
        match operand {
            Operand::String(span) => Some(span.get(self.bytes)),
            _ => None,
        }
    }

    /// The items of the array at `i`.
    pub(super) fn array(&self, i: usize) -> Option<&'s [Operand]> {
        match self.operands.get(i) {
            Some(Operand::Array(span)) => Some(span.get(self.items)),
            _ => None,
        }
    }

    /// The `/ActualText` of the dictionary at `i`, undecoded.
    pub(super) fn actual_text(&self, i: usize) -> Option<&'s [u8]> {
        match self.operands.get(i) {
            Some(Operand::Dictionary(Some(span))) => Some(span.get(self.bytes)),
            _ => None,
        }
    }
}

/// Reads the operations of one content stream in turn.
pub(super) struct Lexer<'a> {
    input: &'a [u8],
    pos: usize,
    operands: Vec<Operand>,
    items: Vec<Operand>,
    bytes: Vec<u8>,
    done: bool,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(input: &'a [u8]) -> Lexer<'a> {
        Lexer {
            input,
            pos: 0,
            operands: Vec::new(),
            items: Vec::new(),
            bytes: Vec::new(),
            done: false,
        }
    }

    /// The next operation, or `None` at the end of the stream or at a syntax error.
    /// Not an `Iterator`: an operation borrows the lexer's buffers until the next.
    #[allow(clippy::should_implement_trait)]
    pub(super) fn next(&mut self) -> Option<Operation<'_>> {
        if self.done {
            return None;
        }
        self.operands.clear();
        self.items.clear();
        self.bytes.clear();
        loop {
            self.skip_space();
            let Some(&c) = self.input.get(self.pos) else {
                self.done = true;
                return None;
            };
            let operand = if is_keyword_start(c) {
                let word = self.keyword();
                if let Some(operand) = constant(word) {
                    Some(operand)
                } else if word == b"BI" {
                    if !self.skip_inline_image() {
                        self.done = true;
                        return None;
                    }
                    self.operands.clear();
                    self.items.clear();
                    self.bytes.clear();
                    continue;
                } else {
                    return Some(Operation {
                        operator: word,
                        operands: &self.operands,
                        items: &self.items,
                        bytes: &self.bytes,
                    });
                }
            } else {
                self.value(0)
            };
            match operand {
                Some(operand) if self.operands.len() < MAX_OPERANDS => self.operands.push(operand),
                _ => {
                    self.done = true;
                    return None;
                }
            }
        }
    }

    /// A keyword: an operator, or `true`, `false` or `null`.
    fn keyword(&mut self) -> &'a [u8] {
        let start = self.pos;
        self.pos += self.input[start..]
            .iter()
            .take_while(|&&c| is_keyword(c))
            .count();
        &self.input[start..self.pos]
    }

    /// White space and comments.
    fn skip_space(&mut self) {
        while let Some(&c) = self.input.get(self.pos) {
            if is_whitespace(c) {
                self.pos += 1;
            } else if c == b'%' {
                self.pos += self.input[self.pos..]
                    .iter()
                    .take_while(|&&c| c != b'\r' && c != b'\n')
                    .count();
            } else {
                break;
            }
        }
    }

    /// One operand (not a keyword), or `None` at a syntax error.
    fn value(&mut self, depth: usize) -> Option<Operand> {
        let c = *self.input.get(self.pos)?;
        match c {
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number().map(Operand::Number),
            b'/' => Some(Operand::Name(self.name())),
            b'(' => self.literal_string().map(Operand::String),
            b'<' if self.input.get(self.pos + 1) == Some(&b'<') => self.dictionary(depth),
            b'<' => self.hex_string().map(Operand::String),
            b'[' => self.array(depth),
            _ => None,
        }
    }

    /// An integer or a real. Like other readers, a minus sign inside the
    /// fraction (`0.00-4142502`) is ignored.
    fn number(&mut self) -> Option<f32> {
        let input = self.input;
        let start = self.pos;
        let mut i = start;
        if matches!(input.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits = input[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += digits;
        if input.get(i) != Some(&b'.') {
            if digits == 0 {
                return None;
            }
            self.pos = i;
            let text = std::str::from_utf8(&input[start..i]).ok()?;
            // An integer too big for 64 bits is not a number a reader can use.
            return text.parse::<i64>().ok().map(|n| n as f32);
        }
        i += 1;
        let fraction = input[i..]
            .iter()
            .take_while(|&&c| c.is_ascii_digit() || c == b'-')
            .count();
        if digits == 0 && !input.get(i).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        i += fraction;
        self.pos = i;
        let text = &input[start..i];
        let value = if text[1..].contains(&b'-') {
            let cleaned: Vec<u8> = text[..1]
                .iter()
                .chain(text[1..].iter().filter(|&&c| c != b'-'))
                .copied()
                .collect();
            std::str::from_utf8(&cleaned).ok()?.parse::<f32>()
        } else {
            std::str::from_utf8(text).ok()?.parse::<f32>()
        };
        value.ok()
    }

    /// A name: `/` then regular characters, `#xx` standing for one byte.
    fn name(&mut self) -> Span {
        let start = self.bytes.len();
        self.pos += 1;
        while let Some(&c) = self.input.get(self.pos) {
            if !is_regular(c) {
                break;
            }
            if c == b'#'
                && let Some(byte) = self.hex_pair(self.pos + 1)
            {
                self.bytes.push(byte);
                self.pos += 3;
                continue;
            }
            if c == b'#' {
                break;
            }
            self.bytes.push(c);
            self.pos += 1;
        }
        Span::of(start, self.bytes.len())
    }

    fn hex_pair(&self, at: usize) -> Option<u8> {
        let hi = hex_value(*self.input.get(at)?)?;
        let lo = hex_value(*self.input.get(at + 1)?)?;
        Some(hi << 4 | lo)
    }

    /// A literal string with its escapes decoded; balanced parentheses inside it
    /// are part of it. An end of line in it reads as `\n`.
    fn literal_string(&mut self) -> Option<Span> {
        let input = self.input;
        let start = self.bytes.len();
        let mut i = self.pos + 1;
        let mut open = 0usize;
        loop {
            let c = *input.get(i)?;
            i += 1;
            match c {
                b'(' => {
                    open += 1;
                    self.bytes.push(c);
                }
                b')' if open == 0 => break,
                b')' => {
                    open -= 1;
                    self.bytes.push(c);
                }
                b'\r' => {
                    if input.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    self.bytes.push(b'\n');
                }
                b'\\' => {
                    let e = *input.get(i)?;
                    i += 1;
                    match e {
                        b'0'..=b'7' => {
                            let mut value = u16::from(e - b'0');
                            for _ in 0..2 {
                                match input.get(i) {
                                    Some(&d @ b'0'..=b'7') => {
                                        value = value * 8 + u16::from(d - b'0');
                                        i += 1;
                                    }
                                    _ => break,
                                }
                            }
                            // Overflow is ignored, as the standard says.
                            self.bytes.push(value as u8);
                        }
                        b'\r' => {
                            if input.get(i) == Some(&b'\n') {
                                i += 1;
                            }
                        }
                        b'\n' => {}
                        b'n' => self.bytes.push(b'\n'),
                        b'r' => self.bytes.push(b'\r'),
                        b't' => self.bytes.push(b'\t'),
                        b'b' => self.bytes.push(0x08),
                        b'f' => self.bytes.push(0x0C),
                        other => self.bytes.push(other),
                    }
                }
                other => self.bytes.push(other),
            }
        }
        self.pos = i;
        Some(Span::of(start, self.bytes.len()))
    }

    /// A hexadecimal string; white space inside it is ignored, and an odd last
    /// digit is followed by 0.
    fn hex_string(&mut self) -> Option<Span> {
        let start = self.bytes.len();
        let mut i = self.pos + 1;
        let mut high: Option<u8> = None;
        loop {
            let c = *self.input.get(i)?;
            i += 1;
            if c == b'>' {
                break;
            }
            if is_whitespace(c) {
                continue;
            }
            let v = hex_value(c)?;
            match high.take() {
                Some(h) => self.bytes.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            self.bytes.push(h << 4);
        }
        self.pos = i;
        Some(Span::of(start, self.bytes.len()))
    }

    /// An array; its items go to the item buffer, where nested arrays' items do
    /// not stay.
    fn array(&mut self, depth: usize) -> Option<Operand> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.pos += 1;
        let start = self.items.len();
        loop {
            self.skip_space();
            let c = *self.input.get(self.pos)?;
            if c == b']' {
                self.pos += 1;
                return Some(Operand::Array(Span::of(start, self.items.len())));
            }
            let item = self.item(depth)?;
            if self.items.len() >= MAX_ITEMS {
                return None;
            }
            self.items.push(item);
        }
    }

    /// One item of an array or value of a dictionary: any operand, `true`,
    /// `false`, `null` or a reference `n g R` (which replaces the two numbers
    /// before it).
    fn item(&mut self, depth: usize) -> Option<Operand> {
        let c = *self.input.get(self.pos)?;
        if is_keyword_start(c) {
            return constant(self.keyword());
        }
        let (items, bytes) = (self.items.len(), self.bytes.len());
        let operand = self.value(depth + 1)?;
        if let Operand::Array(_) | Operand::Dictionary(_) = operand {
            // Nothing reads inside a nested array or dictionary.
            self.items.truncate(items);
            self.bytes.truncate(bytes);
            return Some(Operand::Other);
        }
        if let Operand::Number(_) = operand {
            // `n g R`: a reference, when two integers are followed by `R`.
            let save = self.pos;
            self.skip_space();
            if self.input.get(self.pos).is_some_and(u8::is_ascii_digit) {
                let second = self.pos;
                let digits = self.input[second..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                self.pos += digits;
                self.skip_space();
                if self.input.get(self.pos) == Some(&b'R')
                    && !self.input.get(self.pos + 1).is_some_and(|&c| is_keyword(c))
                {
                    self.pos += 1;
                    return Some(Operand::Other);
                }
            }
            self.pos = save;
        }
        Some(operand)
    }

    /// A dictionary; only its `/ActualText` string is kept.
    fn dictionary(&mut self, depth: usize) -> Option<Operand> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.pos += 2;
        let mut actual = None;
        loop {
            self.skip_space();
            match self.input.get(self.pos)? {
                b'>' if self.input.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return Some(Operand::Dictionary(actual));
                }
                b'/' => {}
                _ => return None,
            }
            let key_start = self.bytes.len();
            let key = self.name();
            let is_actual = key.get(&self.bytes) == b"ActualText";
            self.bytes.truncate(key_start);
            self.skip_space();
            let value = self.item(depth)?;
            if is_actual && let Operand::String(span) = value {
                actual = Some(span);
            }
        }
    }

    /// Skips an inline image (`BI` ... `ID` data `EI`); `false` when it does not
    /// end. Unfiltered data is skipped by its size, when the dictionary gives it;
    /// otherwise the data ends at the first `EI` between white space.
    fn skip_inline_image(&mut self) -> bool {
        let mut entries: Vec<(Vec<u8>, Operand)> = Vec::new();
        loop {
            self.skip_space();
            let Some(&c) = self.input.get(self.pos) else {
                return false;
            };
            if c == b'/' {
                let start = self.bytes.len();
                let key = self.name();
                let key = key.get(&self.bytes).to_vec();
                self.bytes.truncate(start);
                self.skip_space();
                let Some(value) = self.item(0) else {
                    return false;
                };
                if entries.len() < 64 {
                    entries.push((key, value));
                }
                continue;
            }
            if self.input[self.pos..].starts_with(b"ID") {
                self.pos += 2;
                break;
            }
            return false;
        }
        // One white-space character (CR LF counts as one) separates `ID` from the data.
        match self.input.get(self.pos) {
            Some(b'\r') if self.input.get(self.pos + 1) == Some(&b'\n') => self.pos += 2,
            Some(&c) if is_whitespace(c) => self.pos += 1,
            _ => {}
        }
        let data = &self.input[self.pos..];
        if let Some(length) = inline_image_size(&entries, &self.bytes)
            && length <= data.len()
        {
            let after = &data[length..];
            let blanks = after.iter().take_while(|&&c| is_whitespace(c)).count();
            if after[blanks..].starts_with(b"EI")
                && after
                    .get(blanks + 2)
                    .is_none_or(|&c| is_whitespace(c) || is_delimiter(c))
            {
                self.pos += length + blanks + 2;
                return true;
            }
        }
        let end = data.windows(3).enumerate().find(|&(i, w)| {
            is_whitespace(w[0])
                && &w[1..] == b"EI"
                && data.get(i + 3).is_none_or(|&c| is_whitespace(c))
        });
        match end {
            Some((i, _)) => {
                self.pos += i + 3;
                true
            }
            None => false,
        }
    }
}

/// The operand a keyword stands for, if it is one.
fn constant(word: &[u8]) -> Option<Operand> {
    match word {
        b"true" => Some(Operand::Bool(true)),
        b"false" => Some(Operand::Bool(false)),
        b"null" => Some(Operand::Other),
        _ => None,
    }
}

/// The size in bytes of an unfiltered inline image's data, from its dictionary.
fn inline_image_size(entries: &[(Vec<u8>, Operand)], bytes: &[u8]) -> Option<usize> {
    let get = |short: &[u8], long: &[u8]| {
        entries
            .iter()
            .find(|(k, _)| k == short || k == long)
            .map(|(_, v)| *v)
    };
    if get(b"F", b"Filter").is_some() {
        return None;
    }
    let size = |short: &[u8], long: &[u8]| match get(short, long) {
        Some(Operand::Number(n)) if n >= 0.0 && n.fract() == 0.0 && n < 1e9 => Some(n as usize),
        _ => None,
    };
    let mask = get(b"IM", b"ImageMask") == Some(Operand::Bool(true));
    let (width, height) = (size(b"W", b"Width")?, size(b"H", b"Height")?);
    let bits = match size(b"BPC", b"BitsPerComponent") {
        Some(b) => b,
        None if mask => 1,
        None => return None,
    };
    let colours = match get(b"CS", b"ColorSpace") {
        _ if mask => 1,
        Some(Operand::Name(span)) => match span.get(bytes) {
            b"DeviceGray" | b"G" | b"Gray" | b"Indexed" | b"I" => 1,
            b"DeviceRGB" | b"RGB" => 3,
            b"DeviceCMYK" | b"CMYK" | b"DeviceRGBA" | b"RGBA" => 4,
            _ => return None,
        },
        // An indexed colour space written as an array: one index a sample.
        Some(Operand::Other) => 1,
        _ => return None,
    };
    let row_bits = width.checked_mul(bits)?.checked_mul(colours)?;
    row_bits.div_ceil(8).checked_mul(height)
}

fn is_whitespace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | 0x0C)
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_whitespace(c) && !is_delimiter(c)
}

/// Operators are letters, digits (not first: `d0`, `d1`) and `*`, `'`, `"`.
fn is_keyword(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'*' | b'\'' | b'"')
}

fn is_keyword_start(c: u8) -> bool {
    is_keyword(c) && !c.is_ascii_digit()
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

#[cfg(test)]
mod tests;
