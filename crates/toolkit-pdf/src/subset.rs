//! Subsetting a face to the glyphs of some characters, mapping the subset's glyphs back
//! to text, and compressing both. The build script uses this file too: it makes each
//! Latin face's subset and map for its base characters (what an English sheet draws)
//! ahead of time, so a run does not.

/// Printable ASCII, typographic punctuation and the arrow the sheet draws for a
/// misspelling's fix ("Postgress" → "PostgreSQL"): every Latin face is subset to at
/// least this, so documents in English share one subset per face.
fn base_chars() -> impl Iterator<Item = char> {
    (' '..='~').chain(['’', '‘', '“', '”', '–', '—', '…', '·', '→'])
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

/// Each glyph of `sub` (a subset) that draws one of `chars`, with the first of them it
/// draws, in glyph order: what the subset's text map says.
pub(crate) fn glyph_chars(sub: &ttf_parser::Face<'_>, chars: &[char]) -> Vec<(u16, char)> {
    let mut by_gid = std::collections::BTreeMap::new();
    for &c in chars {
        if let Some(g) = sub.glyph_index(c) {
            by_gid.entry(g.0).or_insert(c);
        }
    }
    by_gid.into_iter().collect()
}

/// The ToUnicode CMap that maps each glyph of `glyphs` (in glyph order) back to its
/// character, so that text copied from the PDF reads as written.
pub(crate) fn to_unicode(glyphs: &[(u16, char)]) -> String {
    use std::fmt::Write;
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in glyphs.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
        for (gid, c) in chunk {
            let _ = write!(cmap, "<{gid:04X}> <");
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(cmap, "{u:04X}");
            }
            cmap.push_str(">\n");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap
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
