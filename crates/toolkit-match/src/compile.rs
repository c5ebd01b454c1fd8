//! Compiling a profile for matching: the term index, false friends, phrase
//! patterns, the behaviour models and the misspelling index.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use toolkit_document::SectionKind;
use toolkit_profile::{Behaviour, Profile};

use crate::MatchError;
use crate::behaviour::{Detector, Model};
use crate::fuzzy::FuzzyIndex;
use crate::hash::Fnv;
use crate::literals::Literals;
use crate::phrase::PhrasePattern;
use crate::rules::{LineLabels, Rules};

/// One distinct term spelling (lower-cased) in the index.
#[derive(Debug)]
pub(crate) struct Needle {
    /// `None` for a profile technology that evidences no topic by itself.
    pub topic: Option<usize>,
    pub also: Vec<usize>,
    /// The term's name, shared by the needles of all its spellings.
    pub canonical: Arc<str>,
    /// For exact-case terms: the spellings that count, as written.
    pub exact: Option<Vec<String>>,
    pub ambiguous: bool,
    pub listed_only: bool,
    pub list_item: bool,
}

impl Needle {
    /// The topics a mention of this needle evidences.
    pub fn topics(&self) -> impl Iterator<Item = usize> + '_ {
        self.topic.into_iter().chain(self.also.iter().copied())
    }
}

#[derive(Debug)]
pub(crate) struct PatternInfo {
    pub topic: usize,
    pub label: String,
    pub listed_only: bool,
    pub pattern: PhrasePattern,
}

/// A topic judged by a behaviour model.
#[derive(Debug)]
pub(crate) struct ModelTopic {
    pub model: &'static Model,
    /// The model's name, reported as the evidence term when no topic term names it.
    pub name: String,
    pub label: String,
}

/// When a profile's phrase patterns are compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Patterns {
    /// With the rest of the profile, so that one that cannot be built is refused.
    Now,
    /// The first time a line could match each of them: for patterns known to compile.
    WhenNeeded,
}

/// Everything matching needs, compiled once per profile.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub needles: Vec<Needle>,
    pub terms: Literals,
    pub false_friends: Literals,
    /// The bytes some term or false friend starts with: a sentence is searched for them
    /// only where one of these is written.
    pub phrase_first_bytes: [bool; 256],
    /// Topic of each false-friend phrase.
    pub false_friend_topic: Vec<usize>,
    /// The phrase patterns, searched one by one: a profile has a handful, and a
    /// `RegexSet` of them would take three times as long to build as they do.
    pub pattern_info: Vec<PatternInfo>,
    /// For each topic, the section kinds whose every line is evidence.
    pub topic_sections: Vec<Vec<SectionKind>>,
    pub fuzzy: FuzzyIndex,
    pub rules: Rules,
    pub line_labels: LineLabels,
    /// For each topic: whether ongoing study ("currently learning Go") evidences it.
    pub ongoing_study: Vec<bool>,
    /// For each topic: its behaviour model, if it has one.
    pub models: Vec<Option<ModelTopic>>,
    /// The topics that have a behaviour model, in order: the topics judged in every
    /// sentence.
    pub judged: Vec<usize>,
    pub detector: &'static Detector,
    /// Some model reads pairs of neighbouring words.
    pub bigrams: bool,
}

/// The half of a compiled profile that reads words and phrases: the indexes of the
/// term spellings and false friends, the phrase patterns, the misspelling index and
/// the labels of keyword and stack lines.
struct Lexical {
    needles: Vec<Needle>,
    terms: Literals,
    false_friends: Literals,
    false_friend_topic: Vec<usize>,
    pattern_info: Vec<PatternInfo>,
    fuzzy: FuzzyIndex,
    line_labels: LineLabels,
}

/// The half that judges sentences: the behaviour models and the context rules.
struct Judges {
    models: Vec<Option<ModelTopic>>,
    detector: &'static Detector,
    bigrams: bool,
    rules: Rules,
}

/// The behaviour models' detector, which depends on no profile: built once a process,
/// by [`crate::warm_up`] or by whoever needs it first.
pub(crate) fn detector() -> Result<&'static Detector, MatchError> {
    static DETECTOR: OnceLock<Result<Detector, String>> = OnceLock::new();
    DETECTOR
        .get_or_init(|| Detector::new(Behaviour::builtin()))
        .as_ref()
        .map_err(|e| MatchError(e.clone()))
}

impl Compiled {
    /// Compiles `profile`. What depends on no profile (the detector, the mood patterns)
    /// is built once a process, on the thread [`crate::warm_up`] starts, while this
    /// builds the rest.
    pub fn new(profile: &Profile, patterns: Patterns) -> Result<Compiled, MatchError> {
        crate::warm_up();
        let lexical = Lexical::new(profile, patterns)?;
        let judges = Judges::new(profile)?;
        let phrase_first_bytes = std::array::from_fn(|b| {
            let b = b as u8;
            lexical.terms.may_start_with(b) || lexical.false_friends.may_start_with(b)
        });
        Ok(Compiled {
            needles: lexical.needles,
            phrase_first_bytes,
            terms: lexical.terms,
            false_friends: lexical.false_friends,
            false_friend_topic: lexical.false_friend_topic,
            pattern_info: lexical.pattern_info,
            line_labels: lexical.line_labels,
            topic_sections: profile
                .topics
                .iter()
                .map(|t| t.sections.iter().filter_map(|s| section_kind(s)).collect())
                .collect(),
            fuzzy: lexical.fuzzy,
            rules: judges.rules,
            ongoing_study: profile.topics.iter().map(|t| t.ongoing_study).collect(),
            judged: (0..judges.models.len())
                .filter(|&topic| judges.models[topic].is_some())
                .collect(),
            models: judges.models,
            detector: judges.detector,
            bigrams: judges.bigrams,
        })
    }

    /// The topics a model judges ([`Compiled::judged`]), each with its model.
    pub fn judged_models(&self) -> impl Iterator<Item = (usize, &ModelTopic)> {
        self.judged.iter().map(|&topic| {
            let judged = self.models[topic].as_ref();
            (topic, judged.expect("a judged topic has a model"))
        })
    }

    /// Whether `topic` is judged on a sentence's views that count ongoing study:
    /// when the sentence has study (`studying`) and study evidences the topic.
    pub fn counts_study(&self, topic: usize, studying: bool) -> bool {
        studying && self.ongoing_study[topic]
    }
}

impl Lexical {
    fn new(profile: &Profile, patterns: Patterns) -> Result<Lexical, MatchError> {
        let topic_index: HashMap<&str, usize, Fnv> = profile
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let mut needles: Vec<Needle> = Vec::new();
        let mut by_key: HashMap<String, usize, Fnv> = HashMap::default();
        let topic_terms = profile
            .topics
            .iter()
            .enumerate()
            .flat_map(|(ti, t)| t.terms.iter().map(move |term| (Some(ti), term)));
        let technologies = profile.technologies.iter().map(|term| (None, term));
        let mut fuzzy_spellings: Vec<(&str, usize)> = Vec::new();
        for (topic, term) in topic_terms.chain(technologies) {
            let also: Vec<usize> = term
                .also
                .iter()
                .filter_map(|id| topic_index.get(id.as_str()).copied())
                .collect();
            let canonical: Arc<str> = Arc::from(term.name.as_str());
            for spelling in term.spellings() {
                let key = spelling.trim().to_ascii_lowercase();
                let idx = match by_key.get(key.as_str()) {
                    Some(&idx) => idx,
                    None => {
                        needles.push(Needle {
                            topic,
                            also: also.clone(),
                            canonical: Arc::clone(&canonical),
                            exact: term.exact_case.then(Vec::new),
                            ambiguous: term.ambiguous,
                            listed_only: term.listed_only,
                            list_item: term.list_item,
                        });
                        by_key.insert(key, needles.len() - 1);
                        needles.len() - 1
                    }
                };
                if let Some(exact) = &mut needles[idx].exact {
                    exact.push(spelling.trim().to_string());
                }
                // Misspellings are looked for among technology names, which are
                // written with capitals ("Postgres", "GitHub"), not among phrases
                // and self-descriptions ("analytical", "team player").
                if !term.listed_only && spelling.chars().any(char::is_uppercase) {
                    fuzzy_spellings.push((spelling, idx));
                }
            }
        }
        // Each needle's key, in the order of the needles (the index's ids).
        let mut keys: Vec<&str> = vec![""; needles.len()];
        for (key, &idx) in &by_key {
            keys[idx] = key;
        }
        let terms = Literals::new(keys.iter().map(|k| k.as_bytes()));

        let mut ff_keys = Vec::new();
        let mut false_friend_topic = Vec::new();
        for (ti, topic) in profile.topics.iter().enumerate() {
            for phrase in &topic.false_friends {
                ff_keys.push(phrase.to_ascii_lowercase());
                false_friend_topic.push(ti);
            }
        }
        let false_friends = Literals::new(ff_keys.iter().map(|k| k.as_bytes()));

        let mut pattern_info = Vec::new();
        for (ti, topic) in profile.topics.iter().enumerate() {
            for p in &topic.patterns {
                let pattern = if patterns == Patterns::WhenNeeded {
                    PhrasePattern::deferred(&p.regex)
                } else {
                    PhrasePattern::compiled(&p.regex).map_err(|why| {
                        MatchError(format!("topic `{}`: pattern `{}` {why}", topic.id, p.label))
                    })?
                };
                pattern_info.push(PatternInfo {
                    topic: ti,
                    label: p.label.clone(),
                    listed_only: p.listed_only,
                    pattern,
                });
            }
        }
        Ok(Lexical {
            needles,
            terms,
            false_friends,
            false_friend_topic,
            pattern_info,
            fuzzy: FuzzyIndex::new(fuzzy_spellings),
            line_labels: LineLabels::new(profile.context()),
        })
    }
}

impl Judges {
    fn new(profile: &Profile) -> Result<Judges, MatchError> {
        let behaviour = Behaviour::builtin();
        let detector = detector()?;
        let mut models = Vec::with_capacity(profile.topics.len());
        for t in &profile.topics {
            models.push(match &t.model {
                None => None,
                Some(name) => Some(ModelTopic {
                    model: detector
                        .model(name)
                        .map_err(|e| MatchError(format!("topic `{}`: {e}", t.id)))?,
                    name: name.clone(),
                    label: behaviour.models[name].label.clone(),
                }),
            });
        }
        let bigrams = profile
            .topics
            .iter()
            .filter_map(|t| t.model.as_ref())
            .any(|m| behaviour.models[m].bigrams);
        Ok(Judges {
            models,
            detector,
            bigrams,
            rules: Rules::new(profile.context()),
        })
    }
}

pub(crate) fn section_kind(name: &str) -> Option<SectionKind> {
    Some(match name {
        "header" => SectionKind::Header,
        "summary" => SectionKind::Summary,
        "skills" => SectionKind::Skills,
        "experience" => SectionKind::Experience,
        "projects" => SectionKind::Projects,
        "education" => SectionKind::Education,
        "certifications" => SectionKind::Certifications,
        "activities" => SectionKind::Activities,
        "interests" => SectionKind::Interests,
        "languages" => SectionKind::Languages,
        "other" => SectionKind::Other,
        _ => return None,
    })
}
