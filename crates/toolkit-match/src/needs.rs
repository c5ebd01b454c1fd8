//! The literals a pattern's every match starts with and those it ends with: a text that
//! holds none of either list cannot match, which is cheaper to find out than searching
//! it (or than building the pattern's automata at all).

use memchr::memmem::Finder;
use regex_syntax::hir::Hir;

use crate::prefilter::literal_lists;

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
        let (first, then) = literal_lists(hir);
        Needs::from_lists(&first, &then)
    }

    /// Needs from lists that [`literal_lists`] made (perhaps when the crate was built).
    pub fn from_lists<L: AsRef<[u8]>>(first: &[L], then: &[L]) -> Needs {
        let finders = |list: &[L]| {
            list.iter()
                .map(|l| Finder::new(l.as_ref()).into_owned())
                .collect()
        };
        Needs {
            first: finders(first),
            then: finders(then),
        }
    }

    /// Whether `text` holds what the pattern needs (or the pattern needs nothing).
    pub fn met_by(&self, text: &[u8]) -> bool {
        let any = |list: &[Finder<'static>]| {
            list.is_empty() || list.iter().any(|f| f.find(text).is_some())
        };
        any(&self.first) && any(&self.then)
    }
}
