//! The behaviour models' step of the rules: each model judges its topic on a
//! sentence's story parts, words and terms.
//!
//! A long sentence (a paragraph written as one sentence, a bullet that lists five
//! things done) is judged window by window as well: runs of its comma- or
//! semicolon-separated phrases of about a bullet's length, so a story told in the last
//! phrase is not drowned by everything before it. The strongest verdict counts.

use std::borrow::Cow;
use std::ops::Range;

use crate::behaviour::cues::CueBuffers;
use crate::behaviour::lexicon::{CueHit, Normalised};
use crate::behaviour::words::{Stem, StemCache, stems_into};
use crate::behaviour::{self, Cue, TermSignal, Verdict};
use crate::compile::{Compiled, ModelTopic};
use crate::line::{Found, Output};
use crate::rules::ClauseMood;
use crate::sentence::Sentence;
use crate::{Matcher, SentenceFeatures, Status};
use toolkit_profile::weights::{WORD_ROW_WIDTH, word_row_at};

/// A sentence with more words than this is also judged in windows.
const WHOLE_WORDS: usize = 40;
/// A window holds phrases up to about this many words.
const WINDOW_WORDS: usize = 30;

/// A counted term of a topic with a model: where it is, its name, and whether it is a
/// self-description.
pub(crate) struct TermHit<'m> {
    pub topic: usize,
    pub start: usize,
    pub end: usize,
    pub term: &'m str,
    pub listed_only: bool,
}

/// What the behaviour step needs to know of a sentence.
pub(crate) struct Judging<'a, 's> {
    pub sentence: &'a Sentence<'s>,
    pub masked: &'a str,
    pub mood_at: &'a dyn Fn(usize) -> ClauseMood,
    /// Every clause of the sentence is plain: `mood_at` is plain everywhere.
    pub all_plain: bool,
    pub terms: &'a [TermHit<'s>],
    /// Byte ranges of every profile term written in the sentence.
    pub named: &'a [(usize, usize)],
    /// What a mention here shows at most (`listed` in a summary or on a keyword line).
    pub base: Status,
    /// The line lists skills: it is in a skills section or on a keyword line.
    pub skills_list: bool,
    /// Report each model's features too (to fit the models).
    pub features: bool,
    /// What `listed` and `yes` lose against `no` in this resume.
    pub penalty: f32,
}

/// The buffers of the behaviour step, kept from one sentence to the next (and, with the
/// rules' other [`Buffers`](crate::line::Buffers), from one resume to the next) so that
/// they are allocated once, not once a sentence.
#[derive(Default, Debug)]
pub(crate) struct JudgeScratch {
    norm: Normalised,
    cue_hits: Vec<CueHit>,
    at_words: Vec<CueHit>,
    placed: Vec<CueHit>,
    stems: Vec<Stem>,
    /// The texts of `stems`, in the same order, when fitting the models.
    stem_texts: Vec<String>,
    stem_cache: StemCache,
    /// The indices of the rows of weights of `stems`, in the same order.
    rows: Vec<Option<u32>>,
    /// The stems that have a row of weights, in order of row and so of hash (see
    /// [`stems_by_row`]): the row index in the high 32 bits, the stem's index in `stems`
    /// in the low.
    by_row: Vec<u64>,
    stem_moods: Vec<ClauseMood>,
    hit_moods: Vec<ClauseMood>,
    windows: Vec<Range<usize>>,
    plain: Vec<View>,
    study: Vec<View>,
    /// The verdict and term signal of each topic a model judges ([`Compiled::judged`])
    /// in each window, topic by topic.
    verdicts: Vec<(Verdict, TermSignal)>,
    /// The topics whose scores are summed together in a view (by place in
    /// [`Compiled::judged`]), with their column there.
    summed: Vec<(usize, usize)>,
    cue_buffers: CueBuffers,
}

impl JudgeScratch {
    /// Prepares a sentence for the models: its cue hits and signals, stems and their
    /// weight rows, the moods they stand in, and its windows as each way of counting
    /// sees them. True when a clause of ongoing study is in it (the windows are then
    /// prepared a second time, counting that clause).
    fn prepare(&mut self, c: &Compiled, j: &Judging<'_, '_>) -> bool {
        let JudgeScratch {
            norm,
            cue_hits,
            at_words,
            placed,
            stems: sentence_stems,
            stem_texts,
            stem_cache,
            rows,
            by_row,
            stem_moods,
            hit_moods,
            windows,
            plain,
            study,
            ..
        } = self;
        let lexicon = &c.detector.lexicon;
        norm.refill(j.masked);
        lexicon.find_into(norm, cue_hits);
        // Signals at words join the word hits; the section's count in every window.
        lexicon.signals.find_into(
            j.masked,
            norm,
            j.sentence.section.kind,
            j.named,
            at_words,
            placed,
        );
        if !at_words.is_empty() {
            cue_hits.append(at_words);
            cue_hits.sort_by_key(|h| (h.start, h.class, h.end));
        }
        stems_into(
            j.masked,
            norm,
            c.bigrams,
            j.features.then_some(stem_texts),
            sentence_stems,
            rows,
            stem_cache,
        );
        stems_by_row(rows, by_row);
        fill_windows(j.masked, window_words(j.masked), windows);
        // What counts differs between topics only in a clause of ongoing study
        // (which counts for a topic that takes it as evidence): the sentence is
        // prepared once for each way of counting, window by window.
        stem_moods.clear();
        hit_moods.clear();
        let studying = if j.all_plain {
            // Most sentences: nothing to look up word by word, and no study.
            stem_moods.resize(sentence_stems.len(), ClauseMood::Plain);
            hit_moods.resize(cue_hits.len(), ClauseMood::Plain);
            false
        } else {
            stem_moods.extend(sentence_stems.iter().map(|w| (j.mood_at)(w.start)));
            hit_moods.extend(cue_hits.iter().map(|h| (j.mood_at)(h.start)));
            stem_moods
                .iter()
                .chain(hit_moods.iter())
                .any(|m| *m == ClauseMood::Studying)
        };
        // A view is kept for the sentences after, with its buffers, when this one has
        // fewer windows: only the first `windows.len()` views are this sentence's.
        let fill = |views: &mut Vec<View>, counts_study: bool| {
            if views.len() < windows.len() {
                views.resize_with(windows.len(), View::default);
            }
            for (v, range) in views.iter_mut().zip(windows.iter()) {
                // The whole of a sentence of plain clauses (most windows) counts
                // everything in it, without asking of each hit and stem.
                let all = j.all_plain && *range == (0..j.masked.len());
                let counted = |at: usize, m: ClauseMood| {
                    all || range.contains(&at) && !m.excludes(counts_study)
                };
                v.range = range.clone();
                v.counts_study = counts_study;
                v.hits.clear();
                if all {
                    v.hits.extend_from_slice(cue_hits);
                } else {
                    v.hits.extend(
                        cue_hits
                            .iter()
                            .zip(hit_moods.iter())
                            .filter(|(h, m)| counted(h.start, **m))
                            .map(|(h, _)| *h),
                    );
                }
                // Signals placed nowhere in the text (`start` past its end) come last,
                // so the hits stay in order of place, as quoting them needs.
                v.hits.extend_from_slice(placed);
                v.classes = behaviour::classes_of(&v.hits);
                // Each distinct counted stem with a row of weights adds it once, in
                // order of hash (every stem of the sentence when all count).
                if all {
                    distinct_rows(by_row, |_| true, &mut v.word_rows);
                } else {
                    distinct_rows(
                        by_row,
                        |i| counted(sentence_stems[i].start, stem_moods[i]),
                        &mut v.word_rows,
                    );
                }
            }
        };
        fill(plain, false);
        if studying {
            fill(study, true);
        }
        studying
    }
}

impl JudgeScratch {
    /// The verdict of each topic a model judges ([`Compiled::judged`]) on each window
    /// of the prepared sentence, as its views (`studying`: the study views too) show
    /// the window, into `verdicts`.
    ///
    /// The models judging a view add the same word rows: they are added once for all
    /// of them, each row whole, every model's scores side by side (each
    /// column still gets its features first and then the rows in order of hash, as
    /// [`behaviour::Model::finish`] adds them). A topic whose model's column is taken
    /// already in that view (two topics judged by one model) is scored on its own.
    fn score(&mut self, c: &Compiled, j: &Judging<'_, '_>, studying: bool) {
        let JudgeScratch {
            windows,
            plain,
            study,
            verdicts,
            summed,
            ..
        } = self;
        let n = windows.len();
        verdicts.clear();
        verdicts.resize(c.judged.len() * n, (Verdict::No, TermSignal::default()));
        // The study views are this sentence's only when it has study.
        let study: &[View] = if studying { &study[..n] } else { &[] };
        for (views, counts_study) in [(&plain[..n], false), (study, true)] {
            for (w, v) in views.iter().enumerate() {
                // Only the columns of `summed` are read.
                let mut sums = [0.0; WORD_ROW_WIDTH];
                summed.clear();
                for (k, (topic, mt)) in c.judged_models().enumerate() {
                    if c.counts_study(topic, studying) != counts_study {
                        continue;
                    }
                    let signal = signal(j.terms, topic, &v.range);
                    let scores = mt
                        .model
                        .feature_scores(&v.hits, v.classes, signal, j.penalty);
                    let verdict = match (scores, mt.model.word_column()) {
                        (None, _) => Verdict::No,
                        (Some(scores), Some(col)) if summed.iter().all(|s| s.1 != col) => {
                            sums[col..col + 3].copy_from_slice(&scores);
                            summed.push((k, col));
                            Verdict::No
                        }
                        // A model that reads no words, or whose column is summed already.
                        (Some(scores), _) => mt.model.finish(scores, &v.word_rows),
                    };
                    verdicts[k * n + w] = (verdict, signal);
                }
                if !summed.is_empty() {
                    behaviour::add_word_rows(&mut sums, &v.word_rows);
                    for &(k, col) in summed.iter() {
                        verdicts[k * n + w].0 =
                            Verdict::of_scores(&[sums[col], sums[col + 1], sums[col + 2]]);
                    }
                }
            }
        }
    }
}

impl Matcher {
    /// Evidence from the behaviour models for one sentence, added to `out`.
    pub(crate) fn judge<'s>(
        &'s self,
        j: &Judging<'_, 's>,
        emit: &mut dyn FnMut(Output),
        scratch: &mut JudgeScratch,
        out: &mut Vec<Found<'s>>,
    ) {
        let c = &self.compiled;
        if c.judged.is_empty() {
            return;
        }
        let studying = scratch.prepare(c, j);
        scratch.score(c, j, studying);
        let JudgeScratch {
            ref placed,
            stems: ref sentence_stems,
            ref stem_texts,
            ref rows,
            ref windows,
            ref plain,
            ref study,
            ref verdicts,
            ref mut cue_buffers,
            ..
        } = *scratch;
        // This sentence's views (the study views are filled only when it has study).
        let plain = &plain[..windows.len()];
        let study: &[View] = if studying {
            &study[..windows.len()]
        } else {
            &[]
        };
        for (k, (topic, mt)) in c.judged_models().enumerate() {
            let views = if c.counts_study(topic, studying) {
                study
            } else {
                plain
            };
            let mut best: Option<(Verdict, &View, TermSignal)> = None;
            let window_verdicts = &verdicts[k * windows.len()..][..windows.len()];
            for (w, (v, &(verdict, signal))) in views.iter().zip(window_verdicts).enumerate() {
                // The whole sentence (the first window) is what a model is fitted on.
                if j.features && w == 0 {
                    let active = mt.model.active(&v.hits, signal);
                    let counted = |at: usize| !(j.mood_at)(at).excludes(v.counts_study);
                    let words = sentence_stems
                        .iter()
                        .zip(stem_texts)
                        .filter(|(stem, _)| counted(stem.start))
                        .map(|(_, text)| text.clone())
                        .collect();
                    emit(Output::Features(
                        self.features_of(topic, mt, active, words, j),
                    ));
                }
                if best.as_ref().is_none_or(|b| verdict > b.0) {
                    best = Some((verdict, v, signal));
                }
            }
            let Some((mut verdict, v, signal)) = best else {
                continue;
            };
            // Where a line can only list, naming the topic is listing it: by a
            // self-description ("problem solver" in a summary), or by any of its terms
            // in a list of skills ("Sentry" under Skills). The model still decides
            // everywhere else, and whether a line in a list shows more.
            let names_it = signal.listed || (signal.term && j.skills_list);
            if verdict == Verdict::No && j.base == Status::Listed && names_it {
                verdict = Verdict::Listed;
            }
            let (range, hits) = (&v.range, &v.hits);
            let strength = match verdict {
                Verdict::No => continue,
                Verdict::Listed => Status::Listed,
                Verdict::Yes => j.base,
            };
            let quoted = mt.model.quoted(hits);
            // The words of a self-description the topic names ("problem solver") are
            // its name, not parts of a story: they are not quoted as "problem" and
            // "solver". A line that lists the topic by such a name is explained by the
            // name alone.
            let in_self_description = |h: &CueHit| {
                j.terms.iter().any(|t| {
                    t.topic == topic && t.listed_only && t.start <= h.start && h.end <= t.end
                })
            };
            let self_described = strength == Status::Listed && signal.listed;
            let mut cues = if self_described {
                Vec::new()
            } else {
                let parts: Cow<'_, [CueHit]> = if hits.iter().any(in_self_description) {
                    hits.iter()
                        .filter(|h| !in_self_description(h))
                        .copied()
                        .collect()
                } else {
                    Cow::Borrowed(hits)
                };
                behaviour::cues::cues(quoted, &c.detector.lexicon, &parts, j.masked, cue_buffers)
            };
            let named = signal.term || signal.listed;
            // Listing a topic means naming it by one of its terms ("problem solver",
            // "Postman"), not by a generic self-description ("calm under pressure"),
            // unless the model lists by parts and one is there to quote ("easy to
            // work with": `with`); showing it needs a term or a part of the story to
            // point to. Unless the model quotes words: then a line it counts on its
            // words or its place alone ("Growth mindset", "Food Handler's Card" under
            // Education) says why with the word that weighs most towards the verdict
            // and the section when its kind counted.
            let listed_unnamed = strength == Status::Listed && !mt.model.list_by_parts;
            if !named && !mt.model.quote_words && (listed_unnamed || cues.is_empty()) {
                continue;
            }
            let mut word_offset = None;
            if cues.is_empty() && !named {
                let counted =
                    |at: usize| range.contains(&at) && !(j.mood_at)(at).excludes(v.counts_study);
                if let Some(w) = weightiest_word(mt.model, verdict, sentence_stems, rows, &counted)
                {
                    word_offset = Some(w.start);
                    cues.push(Cue {
                        role: WORD_ROLE.to_string(),
                        text: j.masked[w.start..w.end].to_string(),
                    });
                }
                if placed.iter().any(|h| mt.model.reads_class(h.class)) {
                    cues.push(Cue {
                        role: SECTION_ROLE.to_string(),
                        text: j.sentence.section.display_name().to_string(),
                    });
                }
            }
            // The topic's first term here; a self-description only names a line it lists.
            let terms_here = || {
                j.terms
                    .iter()
                    .filter(|t| t.topic == topic && range.contains(&t.start))
            };
            let first_term = terms_here()
                .find(|t| !t.listed_only)
                .or_else(|| terms_here().find(|_| self_described));
            let (offset, term) = match first_term {
                Some(t) => (t.start, t.term),
                None => (
                    hits.iter()
                        .filter(|h| quoted.contains(&h.class))
                        .map(|h| h.start)
                        .min()
                        .or(word_offset)
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
    }

    fn features_of(
        &self,
        topic: usize,
        mt: &ModelTopic,
        active: Vec<u32>,
        mut words: Vec<String>,
        j: &Judging<'_, '_>,
    ) -> SentenceFeatures {
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

/// The role of a word quoted because its weight made the verdict.
const WORD_ROLE: &str = "word";
/// The role of the section quoted when the place of a line made the verdict.
const SECTION_ROLE: &str = "section";

/// The counted word (or pair of words) of the sentence that pushes `model` hardest
/// from `no` towards `verdict`, if any pushes it at all. `stems` and `rows` are in
/// the same order.
fn weightiest_word<'s>(
    model: &behaviour::Model,
    verdict: Verdict,
    stems: &'s [Stem],
    rows: &[Option<u32>],
    counted: &dyn Fn(usize) -> bool,
) -> Option<&'s Stem> {
    stems
        .iter()
        .zip(rows)
        .filter(|(w, _)| counted(w.start))
        .filter_map(|(w, row)| Some((model.word_push(word_row_at((*row)?), verdict), w)))
        .filter(|(push, _)| *push > 0.0)
        .max_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then(b.1.start.cmp(&a.1.start))
                .then(b.1.end.cmp(&a.1.end))
        })
        .map(|(_, w)| w)
}

/// The stems with a row of weights (`rows` holds each stem's row, if any), each as its
/// row index in the high 32 bits and its own index in the low, in order, into `out`
/// (cleared first). Rows are numbered in order of their stems' hashes
/// ([`word_row_index`](toolkit_profile::weights::word_row_index)), so this is the order
/// of hash the rows are added in; as plain numbers they sort faster than as tuples.
fn stems_by_row(rows: &[Option<u32>], out: &mut Vec<u64>) {
    out.clear();
    out.extend(
        rows.iter()
            .enumerate()
            .filter_map(|(i, row)| Some(u64::from((*row)?) << 32 | i as u64)),
    );
    out.sort_unstable();
}

/// The rows of the distinct stems of `by_row` (from [`stems_by_row`]) of which one
/// that `counted` takes (by its index) is there, each once, in order of hash, into
/// `out` (cleared first). One row is one stem: a row taken once is a stem taken once.
fn distinct_rows(by_row: &[u64], counted: impl Fn(usize) -> bool, out: &mut Vec<u32>) {
    out.clear();
    let mut last = None;
    for &key in by_row {
        let (row, i) = ((key >> 32) as u32, key as u32);
        if last != Some(row) && counted(i as usize) {
            out.push(row);
            last = Some(row);
        }
    }
}

/// A window of a sentence as one way of counting sees it: its counted cue hits and
/// the weight rows of its distinct counted stems.
#[derive(Default, Debug)]
struct View {
    range: Range<usize>,
    hits: Vec<CueHit>,
    /// The classes of `hits`, as bits.
    classes: u128,
    /// The indices of the word rows of its distinct counted stems, in order of hash.
    word_rows: Vec<u32>,
    counts_study: bool,
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

/// The whole sentence, then, for a long one, windows of consecutive phrases (split at
/// commas, semicolons, colons and dashes) of up to [`WINDOW_WORDS`] words, one starting
/// at each phrase.
#[cfg(test)]
fn windows(text: &str, words: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    fill_windows(text, words, &mut out);
    out
}

/// How many words `text` has as far as [`fill_windows`] asks, which is only whether
/// there are more than [`WHOLE_WORDS`]: `n` bytes hold at most `⌈n/2⌉` words (each but
/// the last has a byte of space after it), so a sentence of up to twice that many bytes,
/// as most are, is not read for them and is given that bound.
///
/// A longer one has at most one word more than it has bytes of whitespace or of
/// characters beyond ASCII (each space between words is one of those): counted with
/// one comparison a byte, they are most often too few for it to be long, and that
/// bound is given without reading it word by word.
fn window_words(text: &str) -> usize {
    if text.len() <= 2 * WHOLE_WORDS {
        return text.len().div_ceil(2);
    }
    // Counted in runs of up to 255 bytes, whose counts fit a byte: a loop the
    // compiler reads many bytes at a time in.
    let gaps: usize = text
        .as_bytes()
        .chunks(255)
        .map(|run| {
            let gaps: u8 = run
                .iter()
                .map(|&b| u8::from(b == b' ' || b.wrapping_sub(b'\t') < 5 || b >= 0x80))
                .sum();
            usize::from(gaps)
        })
        .sum();
    if gaps < WHOLE_WORDS {
        return gaps + 1;
    }
    text.split_whitespace().take(WHOLE_WORDS + 1).count()
}

/// [`windows`] into `out` (cleared first).
fn fill_windows(text: &str, words: usize, out: &mut Vec<Range<usize>>) {
    out.clear();
    out.push(0..text.len());
    if words <= WHOLE_WORDS {
        // A short line of several sentences ("Problem solver and quick learner.
        // Looking for a role where I can keep learning.") is judged sentence by
        // sentence too, as the models were fitted on sentences.
        let mut start = 0;
        for end in sentence_ends(text) {
            out.push(start..end);
            start = text.len() - text[end..].trim_start().len();
        }
        if start > 0 {
            out.push(start..text.len());
        }
        return;
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
}

/// Where the sentences of `text` end before its last one: after a full stop, a
/// question or an exclamation mark that a space and a capital letter follow, where
/// the word before it is no abbreviation ("B.S. Computer", "Dr. Okafor", "Acme
/// Inc. Berlin").
fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    // Just after each full stop, question or exclamation mark, and before the last byte.
    let after_marks = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .map(|mark| mark + 1)
        .take_while(move |&i| i < bytes.len().saturating_sub(1));
    after_marks.filter(move |&i| {
        if !(bytes[i] == b' '
            && text[i..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_uppercase()))
        {
            return false;
        }
        let word = text[..i - 1]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .trim_end_matches([')', '"', '\'', '\u{2019}', '\u{201d}']);
        word.chars().count() >= 3
            && !word.contains('.')
            && !ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
    })
}

/// Words written with a full stop that ends no sentence.
const ABBREVIATIONS: &[&str] = &[
    "approx", "corp", "dept", "est", "etc", "inc", "ltd", "mrs", "nos", "prof", "vol",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentences_are_not_counted_as_long() {
        for text in ["", "a", "a b c", &"a ".repeat(40), &"ab ".repeat(27)] {
            let words = text.split_whitespace().count();
            assert_eq!(
                window_words(text) > WHOLE_WORDS,
                words > WHOLE_WORDS,
                "{text:?}"
            );
        }
        let long = "a ".repeat(41);
        assert_eq!(window_words(&long), WHOLE_WORDS + 1);
        // Longer than twice the words, with spaces of every kind.
        for text in [
            "a\u{a0}".repeat(41),
            "ab\u{2003}".repeat(41),
            "abc\t".repeat(39),
            "abc\u{a0}".repeat(39),
            "abc ".repeat(40) + "abc",
            "é ".repeat(41),
            "é".repeat(60),
            // Runs of more than 255 bytes.
            "abcdefgh ".repeat(39),
            "abcdefgh ".repeat(45),
            "abcdefgh\u{a0}".repeat(45),
        ] {
            let words = text.split_whitespace().count();
            assert_eq!(
                window_words(&text) > WHOLE_WORDS,
                words > WHOLE_WORDS,
                "{text:?}"
            );
        }
    }

    #[test]
    fn rows_are_taken_in_order_of_hash_once_each() {
        use toolkit_profile::weights::{fnv1a, word_row_index};
        // Every counted stem with a row, sorted by hash and then each hash once.
        let straightforward =
            |stems: &[Stem], rows: &[Option<u32>], counted: &dyn Fn(usize) -> bool| {
                let mut pairs: Vec<(u64, u32)> = stems
                    .iter()
                    .zip(rows)
                    .enumerate()
                    .filter(|(i, _)| counted(*i))
                    .filter_map(|(_, (w, row))| Some((w.hash, (*row)?)))
                    .collect();
                pairs.sort_unstable_by_key(|&(hash, _)| hash);
                pairs.dedup_by_key(|&mut (hash, _)| hash);
                pairs.iter().map(|&(_, row)| row).collect::<Vec<u32>>()
            };
        // The stems of `words`, one a byte, and their rows.
        let stems_of = |words: &[&str]| -> (Vec<Stem>, Vec<Option<u32>>) {
            let stems: Vec<Stem> = words
                .iter()
                .enumerate()
                .map(|(i, w)| Stem {
                    hash: fnv1a(w.as_bytes()),
                    start: i,
                    end: i + 1,
                })
                .collect();
            let rows = stems.iter().map(|w| word_row_index(w.hash)).collect();
            (stems, rows)
        };
        let (real, real_rows) = stems_of(&[
            "mentor",
            "debug",
            "team",
            "log",
            "mentor",
            "zzzz-none",
            "fix",
            "debug",
        ]);
        assert!(real_rows.iter().flatten().count() > 4);
        assert!(real_rows.contains(&None));
        // Pairs of stems, and words the weights know written again and again.
        let (many, many_rows) = stems_of(&[
            "kept_crash",
            "team",
            "help",
            "learn",
            "crash",
            "team",
            "fix",
            "zzzz-none",
            "mentor",
            "help",
            "debug",
            "log",
            "crash",
        ]);
        assert!(many_rows.iter().flatten().count() > 10);
        let (mut by_row, mut out) = (Vec::new(), Vec::new());
        let every: &dyn Fn(usize) -> bool = &|_| true;
        let odd: &dyn Fn(usize) -> bool = &|i| i % 2 == 1;
        let even: &dyn Fn(usize) -> bool = &|i| i % 2 == 0;
        let late: &dyn Fn(usize) -> bool = &|i| i >= 3;
        for (stems, rows) in [
            (&real[..], &real_rows[..]),
            (&many[..], &many_rows[..]),
            (&[], &[]),
            (&real[..1], &real_rows[..1]),
        ] {
            stems_by_row(rows, &mut by_row);
            for counted in [every, odd, even, late] {
                distinct_rows(&by_row, counted, &mut out);
                assert_eq!(out, straightforward(stems, rows, counted), "{stems:?}");
            }
        }
    }

    #[test]
    fn short_sentences_are_judged_whole() {
        let all = windows("Fixed it, then tested it.", 5);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0], 0..25);
    }

    #[test]
    fn short_lines_of_several_sentences_are_judged_sentence_by_sentence_too() {
        let text = "Problem solver. Looking for a role where I can learn!  Ask me.";
        let w = windows(text, 12);
        let quoted: Vec<&str> = w.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            quoted,
            [
                text,
                "Problem solver.",
                "Looking for a role where I can learn!",
                "Ask me."
            ]
        );
        // Abbreviations and initials end no sentence.
        for text in [
            "B.S. Computer Engineering, Rouge River University",
            "Worked with Dr. Okafor on the rota",
            "Acme Inc. Berlin office, etc. Nothing else",
            "Shipped v2.0 on time. then more",
        ] {
            assert_eq!(windows(text, 8).len(), 1, "{text}");
        }
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
