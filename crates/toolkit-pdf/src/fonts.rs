//! The embedded faces, parsed once per process, and per-character fallback.

use std::sync::OnceLock;
use ttf_parser::Face as TtfFace;

/// One of the embedded faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FaceId {
    Regular,
    Bold,
    Italic,
    Cjk,
}

impl FaceId {
    pub(crate) const ALL: [FaceId; 4] =
        [FaceId::Regular, FaceId::Bold, FaceId::Italic, FaceId::Cjk];

    fn index(self) -> usize {
        self as usize
    }

    /// The PDF font name: a fixed subset tag keeps output deterministic.
    pub(crate) fn pdf_name(self) -> &'static str {
        match self {
            FaceId::Regular => "AAAAAA+NotoSans-Regular",
            FaceId::Bold => "AAAAAB+NotoSans-Bold",
            FaceId::Italic => "AAAAAC+NotoSans-Italic",
            FaceId::Cjk => "AAAAAD+DroidSansFallbackFull",
        }
    }

    pub(crate) fn bytes(self) -> &'static [u8] {
        match self {
            FaceId::Regular => include_bytes!("../fonts/NotoSans-Regular.ttf"),
            FaceId::Bold => include_bytes!("../fonts/NotoSans-Bold.ttf"),
            FaceId::Italic => include_bytes!("../fonts/NotoSans-Italic.ttf"),
            FaceId::Cjk => include_bytes!("../fonts/DroidSansFallbackFull.ttf"),
        }
    }
}

/// The text style a run asks for; the face that draws a character may differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Style {
    Regular,
    Bold,
    Italic,
}

impl Style {
    fn face(self) -> FaceId {
        match self {
            Style::Regular => FaceId::Regular,
            Style::Bold => FaceId::Bold,
            Style::Italic => FaceId::Italic,
        }
    }
}

/// A parsed face with its advance widths for the first 256 code points cached.
pub(crate) struct Face {
    pub(crate) ttf: TtfFace<'static>,
    units_per_em: f32,
    latin: [Option<u16>; 256],
}

impl Face {
    fn new(id: FaceId) -> Face {
        // The fonts are compiled in, so a parse failure is a build mistake.
        let ttf = TtfFace::parse(id.bytes(), 0).expect("embedded font parses");
        let mut latin = [None; 256];
        for (c, slot) in (0u8..=255).zip(latin.iter_mut()) {
            *slot = ttf
                .glyph_index(char::from(c))
                .and_then(|g| ttf.glyph_hor_advance(g));
        }
        Face {
            units_per_em: f32::from(ttf.units_per_em()),
            ttf,
            latin,
        }
    }

    fn has(&self, c: char) -> bool {
        match self.latin.get(c as usize) {
            Some(w) => w.is_some(),
            None => self.ttf.glyph_index(c).is_some(),
        }
    }

    /// The advance of `c` in em units (0 for a missing glyph).
    fn advance(&self, c: char) -> f32 {
        let units = match self.latin.get(c as usize) {
            Some(w) => w.unwrap_or(0),
            None => self
                .ttf
                .glyph_index(c)
                .and_then(|g| self.ttf.glyph_hor_advance(g))
                .unwrap_or(0),
        };
        f32::from(units) / self.units_per_em
    }
}

pub(crate) struct Fonts {
    faces: [Face; 4],
}

/// The faces, parsed on first use and shared by every render in the process.
pub(crate) fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        faces: FaceId::ALL.map(Face::new),
    })
}

impl Fonts {
    pub(crate) fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.index()]
    }

    /// The face that draws `c` in `style`, or `None` if no face has it.
    ///
    /// Latin, Greek and Cyrillic come from Noto Sans; CJK and whatever else
    /// Noto lacks from Droid Sans Fallback.
    pub(crate) fn face_for(&self, c: char, style: Style) -> Option<FaceId> {
        [style.face(), FaceId::Regular, FaceId::Cjk]
            .into_iter()
            .find(|&id| self.face(id).has(c))
    }

    /// The width of `c` drawn with `face` at `size` points.
    pub(crate) fn width(&self, face: FaceId, c: char, size: f32) -> f32 {
        self.face(face).advance(c) * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_routes_by_script() {
        let f = fonts();
        let check = |c: char, style: Style, expected: Option<FaceId>| {
            assert_eq!(f.face_for(c, style), expected, "{c:?} in {style:?}");
        };
        check('a', Style::Regular, Some(FaceId::Regular));
        check('Ł', Style::Bold, Some(FaceId::Bold));
        check('λ', Style::Italic, Some(FaceId::Italic));
        check('Д', Style::Regular, Some(FaceId::Regular));
        check('林', Style::Bold, Some(FaceId::Cjk));
        check('婷', Style::Regular, Some(FaceId::Cjk));
        check('🚀', Style::Regular, None);
        assert!(f.width(FaceId::Regular, 'M', 10.0) > f.width(FaceId::Regular, 'i', 10.0));
        assert!(f.width(FaceId::Cjk, '林', 10.0) > 9.0);
    }
}
