//! The behaviour models' step of the rules: each model judges its topic on a
//! sentence's story parts, words and terms.
//!
//! A long sentence (a paragraph written as one sentence, a bullet that lists five
//! things done) is judged window by window as well: runs of its comma- or
//! semicolon-separated phrases of about a bullet's length, so a story told in the last
//! phrase is not drowned by everything before it. The strongest verdict counts.

use std::ops::Range;

use crate::behaviour::lexicon::{CueHit, Normalised};
use crate::behaviour::words::{Stem, stems};
use crate::behaviour::{TermSignal, Verdict};
use crate::compile::ModelTopic;
use crate::line::{Found, Output};
use crate::rules::ClauseMood;
use crate::sentence::Sentence;
use crate::{Matcher, SentenceFeatures, Status};

/// A sentence with more words than this is also judged in windows.
const WHOLE_WORDS: usize = 40;
/// A window holds phrases up to about this many words.
const WINDOW_WORDS: usize = 30;

/// A counted term of a topic with a model: where it is, its name, and whether it is a
/// self-description.
pub(crate) struct TermHit<'m> {
    pub topic: usize,
    pub start: usize,
    pub term: &'m str,
    pub listed_only: bool,
}

/// What the behaviour step needs to know of a sentence.
pub(crate) struct Judging<'a, 's> {
    pub sentence: &'a Sentence<'s>,
    pub masked: &'a str,
    pub mood_at: &'a dyn Fn(usize) -> ClauseMood,
    pub terms: &'a [TermHit<'a>],
    /// What a mention here shows at most (`listed` in a summary or on a keyword line).
    pub base: Status,
    /// Report each model's features too (to fit the models).
    pub features: bool,
}

impl Matcher {
    /// Evidence from the behaviour models for one sentence.
    pub(crate) fn judge<'m>(
        &'m self,
        j: &Judging<'m, '_>,
        emit: &mut dyn FnMut(Output),
    ) -> Vec<Found<'m>> {
        let c = &self.compiled;
        let mut out = Vec::new();
        if !c.models.iter().any(Option::is_some) {
            return out;
        }
        let cue_hits = c.detector.lexicon.find(&Normalised::new(j.masked));
        let mut sentence_stems = stems(j.masked, c.bigrams, j.features);
        let windows = windows(j.masked, j.masked.split_whitespace().count());
        // Each distinct stem counts once, with its row of weights (if it has one).
        sentence_stems.sort_by_key(|w| (w.hash, w.start));
        let rows: Vec<Option<&[f32]>> = sentence_stems
            .iter()
            .map(|w| toolkit_profile::weights::word_row(w.hash))
            .collect();
        for (topic, model) in c.models.iter().enumerate() {
            let Some(mt) = model else { continue };
            let counts = |at: usize| !(j.mood_at)(at).excludes(c.ongoing_study[topic]);
            let mut best: Option<(Verdict, Range<usize>, Vec<CueHit>, TermSignal)> = None;
            for (w, range) in windows.iter().enumerate() {
                let inside = |at: usize| range.contains(&at) && counts(at);
                let hits: Vec<CueHit> = cue_hits
                    .iter()
                    .filter(|h| inside(h.start))
                    .copied()
                    .collect();
                let signal = signal(j.terms, topic, range);
                let active = mt.model.active(&hits, signal);
                let word_rows = word_rows(mt, &sentence_stems, &rows, &inside);
                let verdict = mt.model.predict(&active, &word_rows);
                // The whole sentence (the first window) is what a model is fitted on.
                if j.features && w == 0 {
                    emit(Output::Features(self.features_of(
                        topic,
                        mt,
                        active,
                        &sentence_stems,
                        &inside,
                        j,
                    )));
                }
                if best.as_ref().is_none_or(|b| verdict > b.0) {
                    best = Some((verdict, range.clone(), hits, signal));
                }
            }
            let Some((verdict, range, hits, signal)) = best else {
                continue;
            };
            let strength = match verdict {
                Verdict::No => continue,
                Verdict::Listed => Status::Listed,
                Verdict::Yes => j.base,
            };
            let cues = mt.model.cues(&c.detector.lexicon, &hits, j.masked);
            // Listing a topic means naming it by one of its terms ("problem solver",
            // "Postman"), not by a generic self-description ("calm under pressure");
            // a story needs its parts.
            let named = signal.term || signal.listed;
            if !named && (strength == Status::Listed || cues.is_empty()) {
                continue;
            }
            let first_term = j
                .terms
                .iter()
                .find(|t| t.topic == topic && !t.listed_only && range.contains(&t.start));
            let (offset, term) = match first_term {
                Some(t) => (t.start, t.term),
                None => (
                    hits.iter()
                        .filter(|h| mt.model.quotes(h.class))
                        .map(|h| h.start)
                        .min()
                        .unwrap_or(range.start),
                    mt.label.as_str(),
                ),
            };
            out.push(Found {
                topic,
                strength,
                term,
                offset,
                cues,
            });
        }
        out
    }

    fn features_of(
        &self,
        topic: usize,
        mt: &ModelTopic,
        active: Vec<u32>,
        stems: &[Stem],
        inside: &dyn Fn(usize) -> bool,
        j: &Judging<'_, '_>,
    ) -> SentenceFeatures {
        let mut words: Vec<String> = stems
            .iter()
            .filter(|w| inside(w.start))
            .filter_map(|w| w.text.clone())
            .collect();
        words.sort_unstable();
        words.dedup();
        SentenceFeatures {
            topic: self.profile.topics[topic].id.clone(),
            model: mt.name.clone(),
            active,
            words,
            cap: j.base,
            line: j.sentence.parts[0].1.number,
        }
    }
}

/// A topic's term signal within a window.
fn signal(terms: &[TermHit<'_>], topic: usize, range: &Range<usize>) -> TermSignal {
    let mut s = TermSignal::default();
    for t in terms
        .iter()
        .filter(|t| t.topic == topic && range.contains(&t.start))
    {
        if t.listed_only {
            s.listed = true;
        } else {
            s.term = true;
        }
    }
    s
}

/// The weight rows of the distinct counted stems inside a window (stems sorted by
/// hash, so repeats are neighbours).
fn word_rows<'w>(
    mt: &ModelTopic,
    stems: &[Stem],
    rows: &[Option<&'w [f32]>],
    inside: &dyn Fn(usize) -> bool,
) -> Vec<&'w [f32]> {
    if !mt.model.reads_words() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut last: Option<u64> = None;
    for (w, row) in stems.iter().zip(rows) {
        if !inside(w.start) || last == Some(w.hash) {
            continue;
        }
        last = Some(w.hash);
        if let Some(row) = row {
            out.push(*row);
        }
    }
    out
}

/// The whole sentence, then, for a long one, windows of consecutive phrases (split at
/// commas, semicolons, colons and dashes) of up to [`WINDOW_WORDS`] words, one starting
/// at each phrase.
fn windows(text: &str, words: usize) -> Vec<Range<usize>> {
    let mut out = vec![0..text.len()];
    if words <= WHOLE_WORDS {
        return out;
    }
    let mut phrases: Vec<(Range<usize>, usize)> = Vec::new();
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if matches!(ch, ',' | ';' | ':' | '.' | '\u{2014}' | '\u{2013}')
            && text[i + ch.len_utf8()..].starts_with(' ')
        {
            let end = i + ch.len_utf8();
            phrases.push((start..end, text[start..end].split_whitespace().count()));
            start = end;
        }
    }
    if start < text.len() {
        phrases.push((start..text.len(), text[start..].split_whitespace().count()));
    }
    for i in 0..phrases.len() {
        let mut count = 0;
        let mut end = i;
        while end < phrases.len() && (end == i || count + phrases[end].1 <= WINDOW_WORDS) {
            count += phrases[end].1;
            end += 1;
        }
        let window = phrases[i].0.start..phrases[end - 1].0.end;
        if out.last().is_some_and(|w| w.end == window.end) && i > 0 {
            // Starting later but ending in the same place adds nothing new.
            continue;
        }
        out.push(window);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentences_are_judged_whole() {
        assert_eq!(windows("Fixed it, then tested it.", 5), [0..25]);
    }

    #[test]
    fn long_sentences_are_judged_in_phrase_windows_too() {
        let text = format!(
            "{}, and tracked down a bug where bookings vanished by stepping through the service.",
            "I built an API, stored bookings in MySQL, added a login, wrote the docs".repeat(3)
        );
        let words = text.split_whitespace().count();
        let w = windows(&text, words);
        assert_eq!(w[0], 0..text.len());
        assert!(w.len() > 2);
        assert!(
            w.iter()
                .all(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
        );
        let last = w.last().unwrap();
        assert!(text[last.clone()].contains("tracked down a bug"));
        assert!(text[last.clone()].split_whitespace().count() <= WINDOW_WORDS + 15);
    }
}
