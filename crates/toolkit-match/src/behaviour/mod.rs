//! The behavioural detector: a small linear model per topic over the parts of a story
//! found in a sentence.
//!
//! The word classes of `behaviour.toml` (symptom, clue, change; people and what was
//! shared; study and its source; debugging techniques) are found with one index of
//! phrases ([`lexicon`]). A topic's model turns the classes present in the sentence's counted
//! clauses, pairs and triples of them, and the topic's own terms into binary features
//! and scores them with learned weights for `no`, `listed` and `yes`. The parts that
//! made a sentence count are quoted back as its cues.

pub(crate) mod cues;
pub(crate) mod lexicon;
mod marks;
pub(crate) mod signals;
pub(crate) mod words;

use toolkit_profile::weights::{self, WORD_ROW_WIDTH};
use toolkit_profile::{Behaviour, Feature, ModelSpec};

use self::lexicon::{CueHit, Lexicon};

/// What a model says of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    No,
    Listed,
    Yes,
}

impl Verdict {
    /// In the order of a row of weights: no, listed, yes.
    const ALL: [Verdict; 3] = [Verdict::No, Verdict::Listed, Verdict::Yes];

    /// Its column in a row of weights.
    fn column(self) -> usize {
        self as usize
    }

    /// The verdict whose score (of no, listed, yes) is highest; of equal scores, the
    /// first.
    pub(crate) fn of_scores(scores: &[f32; 3]) -> Verdict {
        let mut best = 0;
        for (i, score) in scores.iter().enumerate().skip(1) {
            if score.total_cmp(&scores[best]).is_gt() {
                best = i;
            }
        }
        Verdict::ALL[best]
    }
}

/// A feature compiled to class indices.
#[derive(Debug)]
enum Compiled {
    Bias,
    Term,
    TermListed,
    Class(u16),
    Pair {
        a: u16,
        b: u16,
        within: Option<u32>,
        ordered: bool,
    },
    Triple([u16; 3]),
}

/// A feature of a model with the classes it needs present (as bits) and its weights
/// (no, listed, yes; nothing when the model is not yet fitted), side by side: a
/// sentence's features that may be on are read one after another.
#[derive(Debug)]
struct Scored {
    needs: u128,
    feature: Compiled,
    weights: [f32; 3],
}

/// One topic's model, ready to score sentences.
#[derive(Debug)]
pub(crate) struct Model {
    features: Vec<Scored>,
    /// The features that may be on, as bits in blocks of 64 (a block for features 0
    /// to 63, the next for 64 to 127, ...): those that need no class, then by the
    /// lowest class a feature needs, `blocks` words for each of the 128 classes.
    /// Only the features of a sentence's classes are then looked at.
    need_none: Vec<u64>,
    by_lowest_class: Vec<u64>,
    /// The weights of `features` were fitted.
    fitted: bool,
    /// Where this model's weights sit in a word row; `None` when it reads no words.
    word_column: Option<usize>,
    /// The classes quoted as cues, in the order a story is told.
    roles: Vec<u16>,
    /// The classes quoted only when none of `roles` is.
    alone: Vec<u16>,
    /// A verdict without a part to quote is shown with its weightiest words.
    pub quote_words: bool,
    /// A listed verdict with a part to quote is shown without a term.
    pub list_by_parts: bool,
}

/// What is known about a sentence for one topic before its model scores it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TermSignal {
    /// A term of the topic counted on the line.
    pub term: bool,
    /// A self-description term of the topic on the line.
    pub listed: bool,
}

/// The word classes and every model of a profile.
#[derive(Debug)]
pub(crate) struct Detector {
    pub lexicon: Lexicon,
    /// Every model of the behaviour data, compiled with its weights (or why it could
    /// not be), by name.
    models: Vec<(String, Result<Model, String>)>,
    /// What `listed` and `yes` lose against `no` per unit of the log of a resume's length
    /// (`length_penalty` of the behaviour data).
    length_penalty: f32,
}

/// A part of a story, quoted from the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// "symptom", "clue", "change", "with", "shared", "activity", "source", "tool", ...
    pub role: String,
    pub text: String,
}

/// Word features are stored as `word:STEM` in the weights.
pub const WORD_PREFIX: &str = "word:";

impl Detector {
    /// The word classes and every model of `behaviour`, which depend on no profile.
    pub fn new(behaviour: &Behaviour) -> Result<Detector, String> {
        let lexicon = Lexicon::new(behaviour)?;
        let models = behaviour
            .models
            .iter()
            .map(|(name, spec)| (name.clone(), compile_model(&lexicon, name, spec)))
            .collect();
        Ok(Detector {
            lexicon,
            models,
            length_penalty: behaviour.length_penalty as f32,
        })
    }

    /// What a model's `listed` and `yes` lose against `no` in a resume of `lines` lines
    /// outside its header: nothing for one line, more the longer the resume.
    pub fn penalty(&self, lines: usize) -> f32 {
        self.length_penalty * (lines.max(1) as f32).ln()
    }

    /// The named model, compiled with the weights stored for it.
    pub fn model(&self, name: &str) -> Result<&Model, String> {
        match self.models.iter().find(|(n, _)| n == name) {
            Some((_, model)) => model.as_ref().map_err(String::clone),
            None => Err(format!("unknown behaviour model `{name}`")),
        }
    }
}

/// Compiles the model `spec`, called `name`, over the classes of `lexicon`.
fn compile_model(lexicon: &Lexicon, name: &str, spec: &ModelSpec) -> Result<Model, String> {
    let class = |c: &str| {
        lexicon
            .class(c)
            .ok_or_else(|| format!("model `{name}`: unknown class `{c}`"))
    };
    let mut features = Vec::new();
    for f in spec.features() {
        features.push(match &f {
            Feature::Bias => Compiled::Bias,
            Feature::Term => Compiled::Term,
            Feature::TermListed => Compiled::TermListed,
            Feature::Class(c) => Compiled::Class(class(c)?),
            Feature::Pair(p) => Compiled::Pair {
                a: class(&p.a)?,
                b: class(&p.b)?,
                within: p.within,
                ordered: p.ordered,
            },
            Feature::Triple(t) => Compiled::Triple([class(&t[0])?, class(&t[1])?, class(&t[2])?]),
        });
    }
    let column = weights::model_column(name);
    let weights: Vec<[f32; 3]> = match column {
        Some(col) => spec
            .features()
            .iter()
            .map(|f| weights::named(col, &f.name()).unwrap_or([0.0; 3]))
            .collect(),
        None => Vec::new(),
    };
    let word_column = column.filter(|_| spec.words).map(|c| c * 3);
    let roles: Vec<u16> = spec
        .quote
        .iter()
        .map(|c| class(c))
        .collect::<Result<_, _>>()?;
    let alone: Vec<u16> = spec
        .quote_alone
        .iter()
        .map(|c| class(c))
        .collect::<Result<_, _>>()?;
    let bit = |c: u16| 1u128 << (c & 127);
    let needs = features
        .iter()
        .map(|f| match *f {
            Compiled::Bias | Compiled::Term | Compiled::TermListed => 0,
            Compiled::Class(c) => bit(c),
            Compiled::Pair { a, b, .. } => bit(a) | bit(b),
            Compiled::Triple([a, b, c]) => bit(a) | bit(b) | bit(c),
        })
        .collect::<Vec<u128>>();
    let fitted = !weights.is_empty();
    let blocks = features.len().div_ceil(64);
    let mut need_none = vec![0u64; blocks];
    let mut by_lowest_class = vec![0u64; 128 * blocks];
    for (i, &n) in needs.iter().enumerate() {
        let bits = if n == 0 {
            &mut need_none[..]
        } else {
            let lowest = n.trailing_zeros() as usize;
            &mut by_lowest_class[lowest * blocks..(lowest + 1) * blocks]
        };
        bits[i / 64] |= 1 << (i % 64);
    }
    let features = features
        .into_iter()
        .zip(&needs)
        .enumerate()
        .map(|(i, (feature, &needs))| Scored {
            needs,
            feature,
            weights: weights.get(i).copied().unwrap_or([0.0; 3]),
        })
        .collect();
    Ok(Model {
        features,
        need_none,
        by_lowest_class,
        fitted,
        word_column,
        roles,
        alone,
        quote_words: spec.quote_words,
        list_by_parts: spec.list_by_parts,
    })
}

impl Model {
    /// The indices of the model's features that are on for a sentence: its counted
    /// cue hits (in order of position) and term signal.
    pub fn active(&self, hits: &[CueHit], terms: TermSignal) -> Vec<u32> {
        let mut on: Vec<u32> = Vec::with_capacity(16);
        self.each_active(hits, classes_of(hits), terms, |i, _| on.push(i as u32));
        on
    }

    /// Calls `on` with the index of each feature that is on and its weights, in order.
    /// `present` are the classes of `hits` ([`classes_of`]).
    fn each_active(
        &self,
        hits: &[CueHit],
        present: u128,
        terms: TermSignal,
        mut on: impl FnMut(usize, &[f32; 3]),
    ) {
        let blocks = self.need_none.len();
        for block in 0..blocks {
            // The features of this block that need no class or whose lowest class
            // is present, in order.
            let mut maybe = self.need_none[block];
            // The classes in two halves, each read a bit at a time as a machine word.
            for (half, mut classes) in [present as u64, (present >> 64) as u64]
                .into_iter()
                .enumerate()
            {
                while classes != 0 {
                    let class = half * 64 + classes.trailing_zeros() as usize;
                    maybe |= self.by_lowest_class[class * blocks + block];
                    classes &= classes - 1;
                }
            }
            while maybe != 0 {
                let i = block * 64 + maybe.trailing_zeros() as usize;
                maybe &= maybe - 1;
                let Some(f) = self.features.get(i) else {
                    continue;
                };
                if present & f.needs != f.needs {
                    continue;
                }
                let yes = match f.feature {
                    Compiled::Bias | Compiled::Class(_) | Compiled::Triple(_) => true,
                    Compiled::Term => terms.term,
                    Compiled::TermListed => terms.listed,
                    Compiled::Pair {
                        a,
                        b,
                        within,
                        ordered,
                    } => pair(hits, a, b, within, ordered),
                };
                if yes {
                    on(i, &f.weights);
                }
            }
        }
    }

    /// The verdict on a sentence's counted cue hits (whose classes are `present`, see
    /// [`classes_of`]: the models judging one sentence share them), term signal and the
    /// rows of its distinct counted words (indices of word rows, in order of the stems'
    /// hashes), with `penalty` taken from `listed` and `yes` (see [`Detector::penalty`]):
    /// scored on the features [`Model::active`] names. (The behaviour step scores the
    /// models of a window together, in the same order: see [`add_word_rows`].)
    #[cfg(test)]
    pub fn verdict(
        &self,
        hits: &[CueHit],
        present: u128,
        terms: TermSignal,
        words: &[u32],
        penalty: f32,
    ) -> Verdict {
        match self.feature_scores(hits, present, terms, penalty) {
            Some(scores) => self.finish(scores, words),
            None => Verdict::No,
        }
    }

    /// The scores (no, listed, yes) a sentence has from the model's features alone
    /// (the features [`Model::active`] names, with `penalty` taken from `listed` and
    /// `yes`); `None` for a model not fitted, whose verdict is always `no`. Its words
    /// are added after, feature scores first and then word rows in order of hash: by
    /// [`Model::finish`], or for several models at once by [`add_word_rows`].
    pub fn feature_scores(
        &self,
        hits: &[CueHit],
        present: u128,
        terms: TermSignal,
        penalty: f32,
    ) -> Option<[f32; 3]> {
        if !self.fitted {
            return None;
        }
        let mut scores = [0.0, -penalty, -penalty];
        self.each_active(hits, present, terms, |_, w| add(&mut scores, w));
        Some(scores)
    }

    /// Where this model's scores sit among a word row's columns (three from there);
    /// `None` when it reads no words.
    pub fn word_column(&self) -> Option<usize> {
        self.word_column
    }

    /// How much a word's row moves the scores from `no` towards `verdict` (nothing
    /// for a model that reads no words).
    pub fn word_push(&self, row: &[f32], verdict: Verdict) -> f32 {
        self.word_column
            .map_or(0.0, |col| row[col + verdict.column()] - row[col])
    }

    /// True when one of the model's features reads `class`.
    pub fn reads_class(&self, class: u16) -> bool {
        self.features
            .iter()
            .any(|f| f.needs & (1u128 << (class & 127)) != 0)
    }

    /// Adds the word rows (indices of rows) to the feature scores and picks the verdict.
    pub fn finish(&self, mut scores: [f32; 3], words: &[u32]) -> Verdict {
        if let Some(col) = self.word_column {
            for &row in words {
                add(&mut scores, &weights::word_row_at(row)[col..col + 3]);
            }
        }
        Verdict::of_scores(&scores)
    }

    /// The classes quoted from these hits: the model's roles, or when none of them is
    /// there, the classes quoted only alone (a credential's name in capitals).
    pub fn quoted(&self, hits: &[CueHit]) -> &[u16] {
        if hits.iter().any(|h| self.roles.contains(&h.class)) {
            &self.roles
        } else {
            &self.alone
        }
    }
}

/// The classes of `hits`, as bits (there are fewer than 128 classes).
pub(crate) fn classes_of(hits: &[CueHit]) -> u128 {
    hits.iter().fold(0, |m, h| m | 1u128 << (h.class & 127))
}

/// Adds the word rows at `rows` (indices of rows), each whole, to `scores`, which has a
/// score for each column of a word row: the words of every model judging a window in
/// one pass, rather than one pass for each model. Each column is added to in the order
/// of `rows`, as [`Model::finish`] adds to one model's three.
pub(crate) fn add_word_rows(scores: &mut [f32; WORD_ROW_WIDTH], rows: &[u32]) {
    for &row in rows {
        for (s, w) in scores.iter_mut().zip(weights::word_row_at(row)) {
            *s += w;
        }
    }
}

fn add(scores: &mut [f32; 3], row: &[f32]) {
    for (s, w) in scores.iter_mut().zip(row) {
        *s += w;
    }
}

/// Whether a hit of class `a` and a different hit of class `b` occur at most `within`
/// words apart (with `ordered`, `b` after `a`). One pass: hits come in order of
/// position, so the nearest `a` before each `b` (and, unordered, the nearest after it)
/// is all that needs checking.
fn pair(hits: &[CueHit], a: u16, b: u16, within: Option<u32>, ordered: bool) -> bool {
    let close = |x: &CueHit, y: &CueHit| within.is_none_or(|w| x.word.abs_diff(y.word) <= w);
    let mut last_a: Option<&CueHit> = None;
    let mut pending_b: Option<&CueHit> = None;
    for h in hits {
        if h.class == b {
            if last_a.is_some_and(|x| x.start != h.start && close(x, h)) {
                return true;
            }
            pending_b = Some(h);
        }
        if h.class == a {
            if !ordered && pending_b.is_some_and(|y| y.start != h.start && close(h, y)) {
                return true;
            }
            last_a = Some(h);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(class: u16, word: u32) -> CueHit {
        CueHit {
            class,
            start: word as usize * 10,
            end: word as usize * 10 + 3,
            word,
        }
    }

    #[test]
    fn word_rows_summed_for_all_models_at_once_are_each_models_own_sums() {
        let detector = Detector::new(toolkit_profile::Behaviour::builtin()).unwrap();
        let rows: Vec<u32> = [
            "mentor",
            "debug",
            "team",
            "log",
            "fix",
            "crash",
            "learn",
            "help",
            "kept_crash",
        ]
        .iter()
        .filter_map(|w| weights::word_row_index(weights::fnv1a(w.as_bytes())))
        .collect();
        assert!(rows.len() > 5);
        let hits = [hit(0, 1), hit(1, 3), hit(2, 4)];
        let present = classes_of(&hits);
        let terms = TermSignal {
            term: true,
            listed: false,
        };
        for n in 0..=rows.len() {
            let rows = &rows[..n];
            for penalty in [0.0, 0.37, 2.5] {
                let mut sums = [f32::NAN; WORD_ROW_WIDTH];
                let mut summed = Vec::new();
                for name in weights::models() {
                    let model = detector.model(name).unwrap();
                    let Some(col) = model.word_column() else {
                        continue;
                    };
                    let scores = model
                        .feature_scores(&hits, present, terms, penalty)
                        .unwrap();
                    sums[col..col + 3].copy_from_slice(&scores);
                    summed.push((model, col, scores));
                }
                assert!(!summed.is_empty());
                add_word_rows(&mut sums, rows);
                for (model, col, mut scores) in summed {
                    // One model's rows, one after another, as `finish` adds them.
                    for &row in rows {
                        add(&mut scores, &weights::word_row_at(row)[col..col + 3]);
                    }
                    let bits = |s: &[f32]| s.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&sums[col..col + 3]), bits(&scores), "{n} {penalty}");
                    assert_eq!(
                        Verdict::of_scores(&[sums[col], sums[col + 1], sums[col + 2]]),
                        model.verdict(&hits, present, terms, rows, penalty)
                    );
                }
            }
        }
    }

    #[test]
    fn the_first_of_the_highest_scores_wins() {
        let straightforward = |s: &[f32]| {
            let best = (0..3)
                .max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)))
                .unwrap();
            Verdict::ALL[best]
        };
        let values = [-1.5, -0.0, 0.0, 0.25, 2.0];
        for a in values {
            for b in values {
                for c in values {
                    let scores = [a, b, c];
                    assert_eq!(
                        Verdict::of_scores(&scores),
                        straightforward(&scores),
                        "{scores:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn pairs_respect_distance_and_order() {
        let hits = [hit(0, 1), hit(1, 5), hit(0, 9)];
        assert!(pair(&hits, 0, 1, None, true));
        assert!(pair(&hits, 0, 1, Some(4), true));
        assert!(!pair(&hits, 0, 1, Some(3), true));
        assert!(pair(&hits, 1, 0, Some(4), false));
        assert!(pair(&hits, 1, 0, Some(4), true));
        assert!(!pair(&hits, 1, 0, Some(3), false));
        assert!(!pair(&hits, 0, 2, None, false));
        // One hit never pairs with itself.
        assert!(!pair(&[hit(0, 1)], 0, 0, None, false));
        assert!(pair(&[hit(0, 1), hit(0, 2)], 0, 0, Some(1), false));
    }
}
