//! The behavioural detector's data: word classes, the models built on them, and their
//! learned weights.
//!
//! Behavioural topics (a challenging bug, teamwork, learning, debugging tools) are
//! judged by a small linear model per topic over the parts of a story found in a
//! sentence. `profiles/behaviour.toml` declares the word classes (symptom, clue,
//! change, people worked with, ...) and which classes and pairs of classes each model
//! reads; `profiles/behaviour.weights.tsv` holds the weights learned from the
//! labelled line corpus (`just train`), compiled in by the build script
//! ([`crate::weights`]). Both are embedded.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

/// `profiles/behaviour.toml`, as JSON (written by `build.rs`).
const BUILTIN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/behaviour.json"));

/// The classes a model predicts, in weight order.
pub const CLASSES: [&str; 3] = ["no", "listed", "yes"];

/// Word classes and models.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Behaviour {
    /// How much harder a long resume makes it for a line to count: a model's `listed`
    /// and `yes` lose this times the natural logarithm of the resume's number of lines
    /// outside its header against `no` (a resume of one line loses nothing, as a line is
    /// scored when the models are fitted). Every line of a resume is one more chance of
    /// a false alarm, and a resume is judged on its best line.
    #[serde(default)]
    pub length_penalty: f64,
    #[serde(rename = "class", default)]
    pub classes: BTreeMap<String, WordClass>,
    #[serde(rename = "model", default)]
    pub models: BTreeMap<String, ModelSpec>,
}

/// One part of a story, as the words that express it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordClass {
    /// What the part is called when evidence explains itself ("symptom", "clue");
    /// empty for a class that is weighed but never quoted.
    #[serde(default)]
    pub role: String,
    /// Lower-case words and phrases; a trailing `*` matches any letters that follow,
    /// `#` stands for a number.
    #[serde(default)]
    pub words: Vec<String>,
    /// Instead of words, a property of the sentence (one of [`SIGNALS`], or
    /// `section:KIND` for a sentence in a section of that kind).
    #[serde(default)]
    pub signal: Option<String>,
    /// Which of the class's words in a sentence is quoted for it.
    #[serde(default)]
    pub pick: Pick,
}

/// Which word of a class a sentence's evidence quotes, where it has several: where a
/// story is told in order, its part is found by its place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pick {
    /// The word nearest to another part of the story.
    #[default]
    Near,
    /// The first: the part a story opens with (what went wrong).
    First,
    /// One that starts a clause, as an act does ("; reordered the updates"), then the
    /// nearest.
    Clause,
    /// People: quoted before any other part, as their whole phrase ("the team lead"),
    /// which then no other part may quote; a word another part knows too is never them
    /// when it is written as a verb ("Mentored"), nor where the line names people
    /// otherwise.
    People,
}

/// The signals a class may stand for besides `section:KIND`: a word written in
/// capitals ("ITIL", "OSHA", "AZ-900": an exam's or a licence's name looks like
/// this), and a year.
pub const SIGNALS: &[&str] = &["acronym", "year"];

/// The section kind a `section:KIND` signal names, if it is one.
pub fn signal_section(signal: &str) -> Option<&str> {
    signal
        .strip_prefix("section:")
        .filter(|k| crate::SECTION_KINDS.contains(k))
}

/// What one topic's model reads.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    /// What evidence found by the model is called when no term of the topic names
    /// it ("bug story").
    pub label: String,
    pub classes: Vec<String>,
    /// The classes whose words are quoted as the evidence's cues, in the order a
    /// story is told (each must have a `role`).
    #[serde(default)]
    pub quote: Vec<String>,
    /// Classes quoted only when none of `quote` is in the sentence (each must have a
    /// `role`).
    #[serde(default)]
    pub quote_alone: Vec<String>,
    #[serde(default)]
    pub pairs: Vec<PairSpec>,
    #[serde(default)]
    pub triples: Vec<Vec<String>>,
    /// The stems of the sentence's words are features too (a vocabulary learned
    /// from the corpus, stored with the weights as `word:STEM`).
    #[serde(default)]
    pub words: bool,
    /// Pairs of neighbouring stems are word features too (`word:A_B`).
    #[serde(default)]
    pub bigrams: bool,
    /// A verdict with no story part to quote and no term of the topic is shown all
    /// the same, with the word that weighs most towards it (`word`) and the section
    /// when the model reads its kind (`section`) as its cues. Without it such a
    /// verdict is not shown: a topic whose self-descriptions and unnamed activities
    /// are common ("a genuine hunger to learn", a certificate's name) needs it; one
    /// whose stray words are (a stack line read as a fix) is better without. Needs
    /// `words`.
    #[serde(default)]
    pub quote_words: bool,
    /// A `listed` verdict (a self-description in a summary or a skills list) with a
    /// part of the topic to quote is shown without a term of the topic ("Easy to
    /// work with, and quick to share credit": `shared`, `with`). Without it only a
    /// term lists the topic.
    #[serde(default)]
    pub list_by_parts: bool,
    /// Files of the line corpus (their names without `.jsonl`) whose lines this model
    /// is not fitted on: training writers added for the other models, when this
    /// model's refit with them was judged on its own and not kept. Only `just train`
    /// reads it.
    #[serde(default)]
    pub not_fitted_on: Vec<String>,
}

/// Two classes whose co-occurrence in a sentence is a feature.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairSpec {
    pub a: String,
    pub b: String,
    /// At most this many words apart.
    #[serde(default)]
    pub within: Option<u32>,
    /// `a` before `b`.
    #[serde(default)]
    pub ordered: bool,
}

impl PairSpec {
    /// The feature's name: `pair:a+b`, `pair:a+b/4`, `pair:a>b/4` (ordered).
    pub fn name(&self) -> String {
        let op = if self.ordered { '>' } else { '+' };
        match self.within {
            Some(w) => format!("pair:{}{op}{}/{w}", self.a, self.b),
            None => format!("pair:{}{op}{}", self.a, self.b),
        }
    }
}

/// A model's feature, in the order of [`ModelSpec::features`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feature {
    /// Always 1.
    Bias,
    /// A term of the topic counted on the line.
    Term,
    /// A self-description term of the topic (`listed_only`) on the line.
    TermListed,
    /// A word of the class in a clause that counts.
    Class(String),
    Pair(PairSpec),
    Triple(Vec<String>),
}

impl Feature {
    pub fn name(&self) -> String {
        match self {
            Feature::Bias => "bias".into(),
            Feature::Term => "term".into(),
            Feature::TermListed => "term-listed".into(),
            Feature::Class(c) => format!("class:{c}"),
            Feature::Pair(p) => p.name(),
            Feature::Triple(t) => format!("triple:{}", t.join("+")),
        }
    }
}

impl ModelSpec {
    /// Every feature of the model, in a fixed order.
    pub fn features(&self) -> Vec<Feature> {
        let mut out = vec![Feature::Bias, Feature::Term, Feature::TermListed];
        out.extend(self.classes.iter().cloned().map(Feature::Class));
        out.extend(self.pairs.iter().cloned().map(Feature::Pair));
        out.extend(self.triples.iter().cloned().map(Feature::Triple));
        out
    }
}

impl Behaviour {
    /// The built-in word classes and models (parsed once). They are not validated again
    /// on every run: `builtin_data_is_valid_and_every_model_is_weighted` validates them.
    pub fn builtin() -> &'static Behaviour {
        static B: OnceLock<Behaviour> = OnceLock::new();
        B.get_or_init(|| {
            serde_json::from_str(BUILTIN_JSON).expect("built-in behaviour data parses")
        })
    }

    /// Parses and validates word classes and models.
    pub fn parse(toml_src: &str) -> Result<Behaviour, String> {
        let b: Behaviour = toml::from_str(toml_src).map_err(|e| e.message().to_string())?;
        b.validate()?;
        Ok(b)
    }

    fn validate(&self) -> Result<(), String> {
        if !(self.length_penalty.is_finite() && (0.0..=10.0).contains(&self.length_penalty)) {
            return Err(format!(
                "length_penalty must be a number from 0 to 10, not {}",
                self.length_penalty
            ));
        }
        for (name, class) in &self.classes {
            if let Some(signal) = &class.signal {
                if !class.words.is_empty() {
                    return Err(format!("class `{name}` has both words and a signal"));
                }
                let section = signal_section(signal).is_some();
                if !section && !SIGNALS.contains(&signal.as_str()) {
                    return Err(format!(
                        "class `{name}`: unknown signal `{signal}`; expected section:KIND or one of {}",
                        SIGNALS.join(", ")
                    ));
                }
                if section && !class.role.is_empty() {
                    return Err(format!(
                        "class `{name}`: a section has no words to quote; drop its `role`"
                    ));
                }
                continue;
            }
            if class.words.is_empty() {
                return Err(format!("class `{name}` has no words"));
            }
            for w in &class.words {
                let core = w.trim_end_matches('*');
                if core.trim().is_empty() || w.trim() != w || w.to_lowercase() != *w {
                    return Err(format!(
                        "class `{name}`: `{w}` must be a non-empty lower-case word or phrase"
                    ));
                }
            }
        }
        for (name, model) in &self.models {
            let known = |c: &String| self.classes.contains_key(c);
            let mut listed = BTreeSet::new();
            for c in &model.classes {
                if !known(c) {
                    return Err(format!("model `{name}` reads unknown class `{c}`"));
                }
                if !listed.insert(c) {
                    return Err(format!("model `{name}` reads class `{c}` twice"));
                }
            }
            let in_model = |c: &String| model.classes.contains(c);
            for q in model.quote.iter().chain(&model.quote_alone) {
                if !in_model(q) || self.classes[q].role.is_empty() {
                    return Err(format!(
                        "model `{name}` quotes `{q}`, which is not one of its classes with a role"
                    ));
                }
            }
            for (on, flag) in [
                (model.quote_words, "quote_words"),
                (model.bigrams, "bigrams"),
            ] {
                if on && !model.words {
                    return Err(format!(
                        "model `{name}`: `{flag}` needs `words = true` (it reads word features)"
                    ));
                }
            }
            let placed = |c: &String| {
                self.classes[c]
                    .signal
                    .as_deref()
                    .is_some_and(|s| signal_section(s).is_some())
            };
            for p in &model.pairs {
                if !in_model(&p.a) || !in_model(&p.b) {
                    return Err(format!(
                        "model `{name}`: pair `{}` names a class the model does not read",
                        p.name()
                    ));
                }
                if (placed(&p.a) || placed(&p.b)) && (p.within.is_some() || p.ordered) {
                    return Err(format!(
                        "model `{name}`: pair `{}` sets a distance or an order, which a section does not have",
                        p.name()
                    ));
                }
            }
            for t in &model.triples {
                if t.len() != 3 || !t.iter().all(in_model) {
                    return Err(format!(
                        "model `{name}`: triple {t:?} must name three classes the model reads"
                    ));
                }
            }
        }
        Ok(())
    }

    /// The names of the models, for validation and suggestions.
    pub fn model_names(&self) -> impl Iterator<Item = &str> {
        self.models.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored weights were fitted for exactly the features the models declare
    /// (after a change to `behaviour.toml`, `just train` refits them).
    #[test]
    fn builtin_data_is_valid_and_every_model_is_weighted() {
        let b = Behaviour::builtin();
        b.validate().unwrap();
        let mut weighted: Vec<&str> = crate::weights::models().to_vec();
        weighted.sort_unstable();
        assert_eq!(
            weighted,
            b.models.keys().map(String::as_str).collect::<Vec<_>>()
        );
        for (name, model) in &b.models {
            let column = crate::weights::model_column(name).unwrap();
            let want: BTreeSet<String> = model.features().iter().map(Feature::name).collect();
            let got: BTreeSet<String> = crate::weights::named_features(column)
                .map(str::to_string)
                .collect();
            assert_eq!(got, want, "model `{name}`: run `just train`");
        }
    }

    #[test]
    fn validation_names_the_problem() {
        let src =
            "[class.a]\nwords = [\"x\"]\n[model.m]\nlabel = \"m\"\nclasses = [\"a\", \"b\"]\n";
        assert_eq!(
            Behaviour::parse(src).unwrap_err(),
            "model `m` reads unknown class `b`"
        );
        for flag in ["quote_words", "bigrams"] {
            let src = format!(
                "[class.a]\nwords = [\"x\"]\n[model.m]\nlabel = \"m\"\nclasses = [\"a\"]\n\
                 {flag} = true\n"
            );
            assert!(
                Behaviour::parse(&src)
                    .unwrap_err()
                    .contains(&format!("`{flag}` needs `words = true`"))
            );
        }
        let src = "[class.a]\nwords = [\"X\"]\n";
        assert!(Behaviour::parse(src).unwrap_err().contains("lower-case"));
        for penalty in ["-0.1", "nan", "inf", "11.0"] {
            let src = format!("length_penalty = {penalty}\n");
            assert!(
                Behaviour::parse(&src)
                    .unwrap_err()
                    .starts_with("length_penalty must be a number from 0 to 10"),
                "{penalty}"
            );
        }
        assert_eq!(Behaviour::parse("").unwrap().length_penalty, 0.0);
        let src = "[class.a]\nsignal = \"colour\"\n";
        assert_eq!(
            Behaviour::parse(src).unwrap_err(),
            "class `a`: unknown signal `colour`; expected section:KIND or one of acronym, year"
        );
        let src = "[class.a]\nrole = \"where\"\nsignal = \"section:education\"\n";
        assert!(
            Behaviour::parse(src)
                .unwrap_err()
                .contains("drop its `role`")
        );
        let src = "[class.a]\nsignal = \"section:education\"\n[class.b]\nwords = [\"x\"]\n\
                   [model.m]\nlabel = \"m\"\nclasses = [\"a\", \"b\"]\n\
                   pairs = [{ a = \"a\", b = \"b\", within = 3 }]\n";
        assert!(
            Behaviour::parse(src)
                .unwrap_err()
                .contains("which a section does not have")
        );
    }
}
