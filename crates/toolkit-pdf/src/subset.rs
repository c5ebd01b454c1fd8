//! Subsetting a face to the glyphs of some characters, and compressing the subset. The
//! build script uses this file too: it makes each Latin face's subset for its base
//! characters (what an English sheet draws) ahead of time, so a run does not.

/// Printable ASCII and typographic punctuation: every Latin face is subset to at least
/// this, so documents in English share one subset per face.
fn base_chars() -> impl Iterator<Item = char> {
    (' '..='~').chain(['’', '‘', '“', '”', '–', '—', '…', '·'])
}

/// The base characters `face` has a glyph for, in order: what its base subset holds.
pub(crate) fn base_set(face: &ttf_parser::Face<'_>) -> Vec<char> {
    let mut chars: Vec<char> = base_chars()
        .filter(|&c| face.glyph_index(c).is_some_and(|g| g.0 != 0))
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
}

/// The deflate level for font subsets: the fastest. A batch makes them once per
/// process, but `prep` makes them for its one sheet, and level 6 took 0.6 ms longer
/// there for a sheet 3% smaller (47.3 KB instead of 48.7).
pub(crate) const FONT_LEVEL: u32 = 1;

/// The TrueType subset of `font` holding `.notdef` and the glyphs of `chars`.
pub(crate) fn subset(font: &[u8], chars: &[char]) -> Result<Vec<u8>, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let ttf = ttf_parser::Face::parse(font, 0).map_err(|e| e.to_string())?;
    let mut old: Vec<u16> = chars
        .iter()
        .map(|&c| ttf.glyph_index(c).map_or(0, |g| g.0))
        .collect();
    old.push(0);
    old.sort_unstable();
    old.dedup();
    let data = ReadScope::new(font)
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = data.table_provider(0).map_err(|e| e.to_string())?;
    allsorts::subset::subset(&provider, &old, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| e.to_string())
}

/// Deflates `data` with a zlib header, with `compress` (fresh, or reset).
pub(crate) fn deflate_with(compress: &mut flate2::Compress, data: &[u8]) -> Vec<u8> {
    use flate2::{FlushCompress, Status};
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    loop {
        let read = usize::try_from(compress.total_in()).unwrap_or(data.len());
        let input = data.get(read..).unwrap_or_default();
        match compress.compress_vec(input, &mut out, FlushCompress::Finish) {
            Ok(Status::StreamEnd) => return out,
            Ok(Status::Ok | Status::BufError) => out.reserve(out.capacity().max(64)),
            // Deflating into memory cannot fail.
            Err(_) => return Vec::new(),
        }
    }
}
