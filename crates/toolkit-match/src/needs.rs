//! The literals a pattern's every match starts with and those it ends with: a text that
//! holds none of either list cannot match, which is cheaper to find out than searching
//! it (or than building the pattern's automata at all).

use memchr::memmem::Finder;
use regex_syntax::hir::Hir;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// The literals every match of a pattern starts with, and those every match ends with,
/// each list kept when it is short and has no empty literal.
#[derive(Default)]
pub(crate) struct Needs {
    /// The list a text is tested against first: the one whose shortest literal is the
    /// longer (a longer literal is rarer), or the shorter list.
    first: Vec<Finder<'static>>,
    then: Vec<Finder<'static>>,
}

impl Needs {
    /// What the pattern parsed as `hir` needs.
    pub fn of(hir: &Hir) -> Needs {
        let literals = |kind: ExtractKind| {
            let seq = Extractor::new().kind(kind).limit_total(16).extract(hir);
            needed(seq.literals().unwrap_or(&[]).iter().map(|l| l.as_bytes()))
        };
        let (starts, ends) = (literals(ExtractKind::Prefix), literals(ExtractKind::Suffix));
        let rarity = |list: &[Finder<'static>]| {
            let shortest = list.iter().map(|f| f.needle().len()).min().unwrap_or(0);
            (shortest, std::cmp::Reverse(list.len()))
        };
        let (first, then) = if rarity(&ends) > rarity(&starts) {
            (ends, starts)
        } else {
            (starts, ends)
        };
        Needs { first, then }
    }

    /// Whether `text` holds what the pattern needs (or the pattern needs nothing).
    pub fn met_by(&self, text: &[u8]) -> bool {
        let any = |list: &[Finder<'static>]| {
            list.is_empty() || list.iter().any(|f| f.find(text).is_some())
        };
        any(&self.first) && any(&self.then)
    }
}

/// Finders for `literals`, one of which a text must hold, leaving out those that hold
/// another; none when one of them is empty (any text holds it).
fn needed<'a>(literals: impl Iterator<Item = &'a [u8]>) -> Vec<Finder<'static>> {
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
    kept.into_iter()
        .map(|l| Finder::new(l).into_owned())
        .collect()
}
