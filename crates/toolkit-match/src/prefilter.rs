//! The literals a pattern's every match starts with and those it ends with, as bytes:
//! what [`crate::needs::Needs`] searches a text for. Built at run time for a custom
//! profile's patterns, and when the crate is built for the built-in profiles' (the
//! build script includes this file), since parsing a pattern costs more than the rest
//! of starting it.

use regex_syntax::hir::Hir;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// Two lists of literals, each short and without an empty literal (else empty): a text
/// that holds none of the first, or none of the second, cannot match. The first is the
/// one whose shortest literal is the longer (a longer literal is rarer), or the shorter.
pub(crate) fn literal_lists(hir: &Hir) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let literals = |kind: ExtractKind| {
        let seq = Extractor::new().kind(kind).limit_total(16).extract(hir);
        needed(seq.literals().unwrap_or(&[]).iter().map(|l| l.as_bytes()))
    };
    let (starts, ends) = (literals(ExtractKind::Prefix), literals(ExtractKind::Suffix));
    let rarity = |list: &[Vec<u8>]| {
        let shortest = list.iter().map(Vec::len).min().unwrap_or(0);
        (shortest, std::cmp::Reverse(list.len()))
    };
    if rarity(&ends) > rarity(&starts) {
        (ends, starts)
    } else {
        (starts, ends)
    }
}

/// `literals`, one of which a text must hold, leaving out those that hold another;
/// none when one of them is empty (any text holds it).
fn needed<'a>(literals: impl Iterator<Item = &'a [u8]>) -> Vec<Vec<u8>> {
    let mut literals: Vec<&[u8]> = literals.collect();
    if literals.iter().any(|l| l.is_empty()) {
        return Vec::new();
    }
    literals.sort_by_key(|l| (l.len(), *l));
    let mut kept: Vec<&[u8]> = Vec::new();
    for literal in literals {
        if !kept
            .iter()
            .any(|k| literal.windows(k.len()).any(|w| w == *k))
        {
            kept.push(literal);
        }
    }
    kept.into_iter().map(<[u8]>::to_vec).collect()
}
