//! Compiles the mood patterns (`src/moods.rs`) into a DFA and stores its bytes, so a run
//! loads the automaton instead of building it: building it is most of what a run of one
//! resume spends on the language rules before it reads a line.
//!
//! A pattern with a window between two cues (`no\b[^.;]{0,40}\byet`) stays out: in a
//! search that may start anywhere, a DFA needs a state for every set of places such a
//! window could have opened, which is far too many. Those few are compiled at run time.
//!
//! Writes `OUT_DIR/moods.dfa` (the DFA in the target's byte order) and
//! `OUT_DIR/moods_in_dfa.rs` (which patterns the DFA holds, as indexes into the
//! flattened mood groups).

use std::path::PathBuf;

use regex_automata::MatchKind;
use regex_automata::dfa::{StartKind, dense};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::syntax;
use regex_syntax::hir::{Hir, HirKind};

#[path = "src/moods.rs"]
#[allow(dead_code)]
mod moods;

/// The longest counted repetition a pattern may hold and still go into the DFA.
const LONGEST_COUNT: u32 = 3;

/// Whether `hir` counts a repetition further than [`LONGEST_COUNT`].
fn has_window(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            rep.max.is_some_and(|max| max > LONGEST_COUNT) || has_window(&rep.sub)
        }
        HirKind::Capture(cap) => has_window(&cap.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(has_window),
        _ => false,
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src/moods.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let patterns: Vec<&str> = moods::MOOD_GROUPS
        .iter()
        .flat_map(|g| g.iter().copied())
        .collect();
    let in_dfa: Vec<usize> = (0..patterns.len())
        .filter(|&i| {
            let hir = regex_syntax::ParserBuilder::new()
                .unicode(false)
                .utf8(false)
                .build()
                .parse(patterns[i])
                .unwrap_or_else(|e| panic!("mood pattern {:?} is invalid: {e}", patterns[i]));
            !has_window(&hir)
        })
        .collect();
    let dfa = dense::Builder::new()
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .thompson(
            thompson::Config::new()
                .utf8(false)
                .which_captures(WhichCaptures::None),
        )
        .configure(
            dense::DFA::config()
                .match_kind(MatchKind::All)
                .start_kind(StartKind::Unanchored),
        )
        .build_many(&in_dfa.iter().map(|&i| patterns[i]).collect::<Vec<_>>())
        .expect("the mood patterns without windows compile into a DFA");
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big");
    let (bytes, pad) = if big_endian {
        dfa.to_bytes_big_endian()
    } else {
        dfa.to_bytes_little_endian()
    };
    std::fs::write(out_dir.join("moods.dfa"), &bytes[pad..]).expect("OUT_DIR is writable");
    let list: Vec<String> = in_dfa.iter().map(usize::to_string).collect();
    std::fs::write(
        out_dir.join("moods_in_dfa.rs"),
        format!("&[{}]\n", list.join(", ")),
    )
    .expect("OUT_DIR is writable");
}
