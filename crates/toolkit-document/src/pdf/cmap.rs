//! ToUnicode CMaps: the `bfchar` and `bfrange` sections that map character codes
//! to text.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// A table keyed by character code. Codes are looked up for every glyph drawn, and
/// a multiplicative hash does for them what SipHash does at several times the cost
/// (a code is a small number; nothing is gained by resisting chosen collisions in a
/// table that holds one font's codes).
pub(super) type CodeMap<V> = HashMap<u32, V, BuildHasherDefault<CodeHasher>>;

/// Fibonacci hashing of a `u32` code.
#[derive(Default)]
pub(super) struct CodeHasher(u64);

impl Hasher for CodeHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u32(&mut self, code: u32) {
        self.0 = (self.0 ^ u64::from(code)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// The most UTF-16 units one code may map to. A glyph's text is a character, a
/// ligature ("ffi") or a short cluster; a longer mapping is not a glyph's text, and
/// the code is read as unmapped.
const MAX_MAPPED_UNITS: usize = 32;
/// The most codes a CMap may define, counting every expanded range entry (also
/// entries that overwrite earlier ones).
const MAX_ENTRIES: usize = 200_000;

/// Parses the `bfchar` and `bfrange` sections of a ToUnicode CMap.
///
/// Each mapped text is bounded by [`MAX_MAPPED_UNITS`] and the work by
/// [`MAX_ENTRIES`], so a small stream can neither map one code to a megabyte nor
/// expand ranges into gigabytes.
pub(super) fn parse_cmap(data: &[u8]) -> CodeMap<Rc<str>> {
    /// Tokens borrow the stream: a hexadecimal string is its digits, undecoded.
    enum Token<'a> {
        Hex(&'a [u8]),
        Open,
        Close,
        Word(&'a [u8]),
    }
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < data.len() && tokens.len() < 1_000_000 {
        match data[i] {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..].iter().position(|&b| b == b'>').map(|p| i + p);
                let end = end.unwrap_or(data.len());
                tokens.push(Token::Hex(&data[i + 1..end]));
                i = end;
            }
            b'[' => tokens.push(Token::Open),
            b']' => tokens.push(Token::Close),
            b if b.is_ascii_alphanumeric() || b == b'/' => {
                let start = i;
                while i < data.len()
                    && (data[i].is_ascii_alphanumeric() || data[i] == b'/' || data[i] == b'.')
                {
                    i += 1;
                }
                tokens.push(Token::Word(&data[start..i]));
                continue;
            }
            _ => {}
        }
        i += 1;
    }

    // Decoding reuses one buffer of bytes and one of UTF-16 units.
    let mut bytes = Vec::new();
    let mut units = Vec::new();
    let code = |raw: &[u8], bytes: &mut Vec<u8>| {
        hex_bytes(raw, bytes);
        bytes
            .iter()
            .take(4)
            .fold(0u32, |acc, &x| acc << 8 | u32::from(x))
    };
    // The text a code maps to, as UTF-16 units; `false` when it is too long to be
    // a glyph's text.
    let decode = |raw: &[u8], bytes: &mut Vec<u8>, units: &mut Vec<u16>| {
        hex_bytes(raw, bytes);
        units.clear();
        if bytes.len() > MAX_MAPPED_UNITS * 2 {
            return false;
        }
        units.extend(
            bytes
                .chunks(2)
                .map(|c| u16::from(c[0]) << 8 | u16::from(c.get(1).copied().unwrap_or(0))),
        );
        true
    };
    let unmapped: Rc<str> = Rc::from("\u{FFFD}");
    let text = |units: &[u16], mapped: bool| -> Rc<str> {
        if mapped {
            Rc::from(String::from_utf16_lossy(units))
        } else {
            unmapped.clone()
        }
    };
    let mut map = CodeMap::default();
    let mut entries = 0usize;
    let mut section: &[u8] = b"";
    let mut k = 0;
    while k < tokens.len() && entries < MAX_ENTRIES {
        match &tokens[k] {
            Token::Word(w) if *w == b"beginbfchar" || *w == b"beginbfrange" => {
                section = if *w == b"beginbfchar" {
                    b"char"
                } else {
                    b"range"
                };
                k += 1;
            }
            Token::Word(w) if w.starts_with(b"end") => {
                section = b"";
                k += 1;
            }
            Token::Hex(src) if section == b"char" => {
                if let Some(Token::Hex(dst)) = tokens.get(k + 1) {
                    let c = code(src, &mut bytes);
                    let mapped = decode(dst, &mut bytes, &mut units);
                    map.insert(c, text(&units, mapped));
                    entries += 1;
                }
                k += 2;
            }
            Token::Hex(lo) if section == b"range" => {
                let Some(Token::Hex(hi)) = tokens.get(k + 1) else {
                    break;
                };
                let (lo, hi) = (code(lo, &mut bytes), code(hi, &mut bytes));
                let budget = (MAX_ENTRIES - entries).saturating_sub(1) as u32;
                let hi = hi
                    .min(lo.saturating_add(65_535))
                    .min(lo.saturating_add(budget));
                match tokens.get(k + 2) {
                    Some(Token::Hex(dst)) if !is_empty_hex(dst) => {
                        // The last UTF-16 unit counts up through the range.
                        let mapped = decode(dst, &mut bytes, &mut units);
                        for c in lo..=hi {
                            map.insert(c, text(&units, mapped));
                            if mapped && let Some(last) = units.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        entries += hi.saturating_sub(lo) as usize + 1;
                        k += 3;
                    }
                    Some(Token::Open) => {
                        let mut j = k + 3;
                        let mut c = lo;
                        while let Some(Token::Hex(dst)) = tokens.get(j) {
                            if c <= hi {
                                let mapped = decode(dst, &mut bytes, &mut units);
                                map.insert(c, text(&units, mapped));
                                entries += 1;
                            }
                            c = c.saturating_add(1);
                            j += 1;
                        }
                        k = j + 1;
                    }
                    _ => k += 3,
                }
            }
            _ => k += 1,
        }
    }
    map
}

/// The bytes of a hexadecimal string's digits (other characters skipped, an odd
/// last digit followed by 0), into `out`.
fn hex_bytes(raw: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let mut high: Option<u8> = None;
    for d in raw.iter().filter_map(|&b| (b as char).to_digit(16)) {
        let d = d as u8;
        match high.take() {
            Some(h) => out.push(h << 4 | d),
            None => high = Some(d),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
}

/// A hexadecimal string with no digits.
fn is_empty_hex(raw: &[u8]) -> bool {
    !raw.iter().any(u8::is_ascii_hexdigit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_chars_and_ranges() {
        let cmap = b"/CIDInit /ProcSet findresource begin\n2 beginbfchar\n<0003> <0020>\n<0011> <FB01>\nendbfchar\n1 beginbfrange\n<0024> <0026> <0041>\nendbfrange\n1 beginbfrange\n<0030> <0031> [<00660069> <4E2D>]\nendbfrange\n";
        let map = parse_cmap(cmap);
        assert_eq!(map.get(&3).map(|s| &**s), Some(" "));
        assert_eq!(map.get(&0x11).map(|s| &**s), Some("\u{FB01}"));
        assert_eq!(map.get(&0x26).map(|s| &**s), Some("C"));
        assert_eq!(map.get(&0x30).map(|s| &**s), Some("fi"));
        assert_eq!(map.get(&0x31).map(|s| &**s), Some("中"));
    }

    #[test]
    fn mapped_strings_and_range_expansion_are_bounded() {
        // One code mapped to 100,000 characters reads as unmapped.
        let long = format!(
            "1 beginbfchar\n<41> <{}>\nendbfchar\n",
            "0041".repeat(100_000)
        );
        let map = parse_cmap(long.as_bytes());
        assert_eq!(map.get(&0x41).map(|s| &**s), Some("\u{FFFD}"));
        // A full two-byte range repeated a hundred times, with long targets: the
        // work stops at the entry budget and no text is longer than the bound.
        let dst = "0041".repeat(3_000);
        let ranges = format!("1 beginbfrange\n<0000> <FFFF> <{dst}>\nendbfrange\n").repeat(100);
        let map = parse_cmap(ranges.as_bytes());
        assert!(map.len() <= MAX_ENTRIES);
        assert!(map.values().all(|s| s.chars().count() <= MAX_MAPPED_UNITS));
        // Short targets within the bound are kept, counting up.
        let ok = b"1 beginbfrange\n<0000> <FFFF> <00410042>\nendbfrange\n";
        let map = parse_cmap(ok);
        assert_eq!(map.len(), 65_536);
        assert_eq!(map.get(&1).map(|s| &**s), Some("AC"));
    }
}
