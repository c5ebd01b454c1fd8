//! Compiles the mood patterns (`src/moods.rs`) into a DFA and stores its bytes, so a run
//! loads the automaton instead of building it: building it is most of what a run of one
//! resume spends on the language rules before it reads a line.
//!
//! A pattern with a window between two cues (`no\b[^.;]{0,40}\byet`) stays out: in a
//! search that may start anywhere, a DFA needs a state for every set of places such a
//! window could have opened, which is far too many. Those few are compiled at run time,
//! when a clause first holds the literals one of them needs.
//!
//! Writes `OUT_DIR/moods.dfa` (the DFA in the target's byte order),
//! `OUT_DIR/moods_in_dfa.rs` (which patterns the DFA holds, as indexes into the
//! flattened mood groups) and `OUT_DIR/moods_rest_needs.rs` (the literals each of the
//! others needs, in order). Likewise `OUT_DIR/negation_ahead.dfa` and
//! `OUT_DIR/aspiration_ahead.dfa` (those of the groups read ahead that the DFA holds,
//! backwards, to find where the leftmost starts) and `OUT_DIR/reported.dfa` (the
//! opening of a clause that reports what someone else did). Each is minimised: a
//! run checks every transition of a DFA it loads.
//!
//! It also finds the literals each phrase pattern of the built-in profiles needs a line
//! to hold (`src/prefilter.rs`), into `OUT_DIR/pattern_needs.rs`: parsing the patterns
//! cost a run a few hundred microseconds before it read a line.

use std::path::PathBuf;

use regex_automata::MatchKind;
use regex_automata::dfa::{StartKind, dense};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::syntax;
use regex_syntax::hir::{Hir, HirKind};

#[path = "src/moods.rs"]
#[allow(dead_code)]
mod moods;

#[path = "src/prefilter.rs"]
mod prefilter;

/// The built-in profiles, whose phrase patterns' literals are found here.
const PROFILES: &str = "../toolkit-profile/profiles";

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

/// A builder of minimised dense DFAs over bytes without captures (the mood patterns are
/// ASCII), searching forwards or, with `reverse`, backwards.
fn dfa_builder(reverse: bool, kind: MatchKind, start: StartKind) -> dense::Builder {
    let mut builder = dense::Builder::new();
    builder
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .thompson(
            thompson::Config::new()
                .utf8(false)
                .reverse(reverse)
                .which_captures(WhichCaptures::None),
        )
        .configure(
            dense::DFA::config()
                .match_kind(kind)
                .start_kind(start)
                .minimize(true),
        );
    builder
}

fn main() {
    println!("cargo:rerun-if-changed=src/moods.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    pattern_needs(&out_dir);
    let patterns: Vec<&str> = moods::MOOD_GROUPS
        .iter()
        .flat_map(|g| g.iter().copied())
        .collect();
    let parsed: Vec<Hir> = patterns.iter().map(|p| parse(p)).collect();
    let (in_dfa, rest): (Vec<usize>, Vec<usize>) =
        (0..patterns.len()).partition(|&i| !has_window(&parsed[i]));
    let dfa = dfa_builder(false, MatchKind::All, StartKind::Unanchored)
        .build_many(&in_dfa.iter().map(|&i| patterns[i]).collect::<Vec<_>>())
        .expect("the mood patterns without windows compile into a DFA");
    write_dfa(&out_dir.join("moods.dfa"), &dfa);
    // Where the first cue of a group read ahead starts: the group's patterns (those
    // without windows, as above) backwards, so that a search from a clause's end to
    // its start meets the leftmost start last.
    for (group, name) in [
        (moods::NEGATION_AHEAD, "negation_ahead.dfa"),
        (moods::ASPIRATION_AHEAD, "aspiration_ahead.dfa"),
    ] {
        let windowless: Vec<&str> = group
            .iter()
            .copied()
            .filter(|p| !has_window(&parse(p)))
            .collect();
        let dfa = dfa_builder(true, MatchKind::All, StartKind::Unanchored)
            .build_many(&windowless)
            .expect("the patterns read ahead compile into a reverse DFA");
        write_dfa(&out_dir.join(name), &dfa);
    }
    // The opening of a clause that reports what someone else did, searched from the
    // clause's start for where it ends.
    let dfa = dfa_builder(false, MatchKind::LeftmostFirst, StartKind::Anchored)
        .build(&moods::reported_opening())
        .expect("the reported opening compiles into a DFA");
    write_dfa(&out_dir.join("reported.dfa"), &dfa);
    let list: Vec<String> = in_dfa.iter().map(usize::to_string).collect();
    std::fs::write(
        out_dir.join("moods_in_dfa.rs"),
        format!("&[{}]\n", list.join(", ")),
    )
    .expect("OUT_DIR is writable");
    let mut needs = String::from("&[\n");
    for i in rest {
        needs.push_str(&needs_entry("", &parsed[i]));
    }
    needs.push_str("]\n");
    std::fs::write(out_dir.join("moods_rest_needs.rs"), needs).expect("OUT_DIR is writable");
}

/// A mood pattern parsed as the rules read it: ASCII classes, any byte.
fn parse(pattern: &str) -> Hir {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(pattern)
        .unwrap_or_else(|e| panic!("mood pattern {pattern:?} is invalid: {e}"))
}

/// Writes `dfa`'s bytes in the target's byte order to `path`.
fn write_dfa(path: &std::path::Path, dfa: &dense::DFA<Vec<u32>>) {
    let big_endian = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big");
    let (bytes, pad) = if big_endian {
        dfa.to_bytes_big_endian()
    } else {
        dfa.to_bytes_little_endian()
    };
    std::fs::write(path, &bytes[pad..]).expect("OUT_DIR is writable");
}

/// One entry of a list of needs as Rust source: `lead`, then the two lists of literals
/// that `hir` needs a text to hold (`prefilter::literal_lists`).
fn needs_entry(lead: &str, hir: &Hir) -> String {
    let (first, then) = prefilter::literal_lists(hir);
    format!(
        "    ({lead}{}, {}),\n",
        bytes_list(&first),
        bytes_list(&then)
    )
}

/// A list of literals as Rust source (`&[b"...", ...]`).
fn bytes_list(list: &[Vec<u8>]) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|l| format!("b\"{}\"", l.escape_ascii()))
        .collect();
    format!("&[{}]", items.join(", "))
}

/// Writes `OUT_DIR/pattern_needs.rs`: each phrase pattern of the built-in profiles that
/// parses without Unicode, with the literals a line must hold for it to match
/// (`src/phrase.rs` reads them instead of parsing the pattern on every run).
fn pattern_needs(out_dir: &std::path::Path) {
    println!("cargo:rerun-if-changed=src/prefilter.rs");
    println!("cargo:rerun-if-changed={PROFILES}");
    let mut files: Vec<PathBuf> = std::fs::read_dir(PROFILES)
        .expect("the built-in profiles are beside this crate")
        .map(|e| e.expect("the profiles folder is readable").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut sources: Vec<String> = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a built-in profile is readable");
        let value: toml::Value = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not valid TOML: {e}", path.display()));
        let topics = value.get("topic").and_then(toml::Value::as_array);
        for topic in topics.into_iter().flatten() {
            let patterns = topic.get("patterns").and_then(toml::Value::as_array);
            for p in patterns.into_iter().flatten() {
                if let Some(regex) = p.get("regex").and_then(toml::Value::as_str) {
                    sources.push(regex.to_string());
                }
            }
        }
    }
    sources.sort();
    sources.dedup();
    let mut out = String::from("&[\n");
    for source in sources {
        let parsed = regex_syntax::ParserBuilder::new()
            .unicode(false)
            .utf8(false)
            .build()
            .parse(&source);
        // A pattern that needs Unicode is parsed at run time, as a custom one is.
        if let Ok(hir) = parsed {
            out.push_str(&needs_entry(&format!("{source:?}, "), &hir));
        }
    }
    out.push_str("]\n");
    std::fs::write(out_dir.join("pattern_needs.rs"), out).expect("OUT_DIR is writable");
}
