//! Role profiles: the topics, interview questions and terms a resume is checked against.
//!
//! A profile is data (TOML). The built-in ones are embedded in the binary; a custom
//! one is loaded from text with [`Profile::from_toml`] and validated with errors that
//! name the problem and, where it helps, the valid choices.

mod behaviour;
mod bounds;
mod context;
mod spelling;
pub mod weights;

pub use spelling::is_spelling_of;

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;
use thiserror::Error;

pub use behaviour::{
    Behaviour, CLASSES, Feature, ModelSpec, PairSpec, Pick, WordClass, signal_section,
};
pub use bounds::MAX_PATTERN_BYTES;
pub use context::Context;

/// The built-in profiles: (id, the TOML file as JSON, written by `build.rs`).
const BUILTIN: &[(&str, &str)] = &[(
    "junior-backend-developer",
    include_str!(concat!(env!("OUT_DIR"), "/junior-backend-developer.json")),
)];

/// The id of the profile used when none is asked for.
pub const DEFAULT_PROFILE: &str = "junior-backend-developer";

/// A role profile: what a resume is checked against and what the prep sheet covers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Technology names that evidence no topic by themselves (frameworks, editors,
    /// test runners): they make a line technical and are checked for misspellings.
    #[serde(default)]
    pub technologies: Vec<Term>,
    #[serde(rename = "topic")]
    pub topics: Vec<Topic>,
    /// What makes a line technical and which labelled lines are lists; the built-in
    /// defaults (`profiles/context.toml`) when the profile declares none.
    #[serde(default)]
    pub context: Option<Context>,
    /// Questions for the candidate to ask the interviewer (page 1 of the sheet).
    #[serde(default)]
    pub ask: Vec<String>,
}

/// One interview topic of a profile.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub kind: TopicKind,
    #[serde(default = "default_weight")]
    pub weight: f64,
    /// The interview question, word for word.
    pub question: String,
    /// Why interviewers ask it.
    pub why: String,
    /// What to study when the topic is missing.
    #[serde(default)]
    pub study: Vec<String>,
    /// How to answer honestly without the experience.
    #[serde(default)]
    pub honest: String,
    /// How to turn a listed skill into a concrete example.
    #[serde(default)]
    pub practice: String,
    /// How to build the answer on the resume's own evidence.
    #[serde(default)]
    pub build: String,
    /// Behavioural questions get a STAR scaffold on the sheet.
    #[serde(default)]
    pub star: bool,
    #[serde(default)]
    pub terms: Vec<Term>,
    /// Phrases that look like a term but mean something else ("rest of the team").
    #[serde(default)]
    pub false_friends: Vec<String>,
    /// Phrase patterns (regular expressions over lower-cased text) that evidence the topic.
    #[serde(default)]
    pub patterns: Vec<Pattern>,
    /// Section kinds whose every line is evidence for the topic (e.g. certifications
    /// for learning), by their lower-case names.
    #[serde(default)]
    pub sections: Vec<String>,
    /// The behavioural model that judges the topic's sentences (`behaviour.toml`);
    /// its terms then become one of the model's features.
    #[serde(default)]
    pub model: Option<String>,
    /// Ongoing study ("currently learning Go") evidences this topic, while it stops
    /// counting for what is studied.
    #[serde(default)]
    pub ongoing_study: bool,
    /// The points a strong answer contains, whatever the resume shows.
    #[serde(default)]
    pub key_points: Vec<String>,
    /// The one thing to study first when the topic is missing: a short phrase.
    #[serde(default)]
    pub first_step: String,
    /// How an answer built on demonstrated evidence opens: a template where `{did}`
    /// is what the resume line says was done, in the first person, and `{term}` the
    /// evidence term (see [`OPENER_FIELDS`]).
    #[serde(default)]
    pub opener: String,
    /// The same for a topic the resume only lists.
    #[serde(default)]
    pub opener_listed: String,
}

/// The placeholders an `opener` template may use.
pub const OPENER_FIELDS: &[&str] = &["did", "term"];

/// The `{name}` placeholders of an opener template, in order; an error names an
/// unknown or unclosed one.
pub fn opener_placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            return Err(format!("an unclosed `{{` in `{template}`"));
        };
        let name = &after[..close];
        if !OPENER_FIELDS.contains(&name) {
            let hint = did_you_mean(name, OPENER_FIELDS.iter().copied())
                .map(|s| format!(": did you mean `{{{s}}}`?"))
                .unwrap_or_default();
            let valid: Vec<String> = OPENER_FIELDS.iter().map(|f| format!("`{{{f}}}`")).collect();
            return Err(format!(
                "unknown placeholder `{{{name}}}` (placeholders: {}){hint}",
                valid.join(", ")
            ));
        }
        out.push(name);
        rest = &after[close + 1..];
    }
    Ok(out)
}

fn default_weight() -> f64 {
    1.0
}

/// What sort of question a topic prepares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicKind {
    Technical,
    Behavioural,
    /// Context from the role description rather than one of its questions.
    Context,
}

/// A technology or phrase that evidences a topic.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The canonical spelling, reported in evidence and misspellings.
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Only the spellings written here count (`REST`, not `rest`).
    #[serde(default)]
    pub exact_case: bool,
    /// The word has everyday meanings ("Go", "Ruby", "Docker"): it counts only in a
    /// technical context.
    #[serde(default)]
    pub ambiguous: bool,
    /// A self-description ("team player"): never stronger than `listed`.
    #[serde(default)]
    pub listed_only: bool,
    /// Further topics the same mention evidences ("API gateway": microservices and apis).
    #[serde(default)]
    pub also: Vec<String>,
    /// Counts only as an item of a list that names at least two other terms of its
    /// topic ("C" and "R" among languages: "Python, C, Go").
    #[serde(default)]
    pub list_item: bool,
}

impl Term {
    /// The name followed by every alias.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A phrase pattern that evidences a topic.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pattern {
    /// A regular expression matched against lower-cased resume lines.
    pub regex: String,
    /// A short name shown as the evidence's term ("root cause").
    pub label: String,
    #[serde(default)]
    pub listed_only: bool,
}

/// Section kinds a topic's `sections` may name.
pub const SECTION_KINDS: &[&str] = &[
    "header",
    "summary",
    "skills",
    "experience",
    "projects",
    "education",
    "certifications",
    "activities",
    "interests",
    "languages",
    "other",
];

/// Why a profile could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProfileError {
    #[error("unknown profile `{name}`{}", fmt_suggestion(.suggestion))]
    Unknown {
        name: String,
        suggestion: Option<String>,
        available: Vec<String>,
    },
    #[error("{origin}: {message}")]
    Syntax { origin: String, message: String },
    #[error("{origin}: {message}")]
    Invalid { origin: String, message: String },
}

fn fmt_suggestion(s: &Option<String>) -> String {
    s.as_ref()
        .map(|s| format!(": did you mean `{s}`?"))
        .unwrap_or_default()
}

impl Profile {
    /// Loads a built-in profile by id, suggesting the closest id for a typo.
    pub fn builtin(name: &str) -> Result<Profile, ProfileError> {
        match BUILTIN.iter().find(|(id, _)| *id == name) {
            Some((id, json)) => {
                Profile::from_builtin_json(json, &format!("built-in profile `{id}`"))
            }
            None => Err(ProfileError::Unknown {
                name: name.to_string(),
                suggestion: did_you_mean(name, builtin_ids()),
                available: builtin_ids().map(str::to_string).collect(),
            }),
        }
    }

    /// Parses and validates a profile; `origin` names it in errors (a path, or
    /// "built-in profile ...").
    pub fn from_toml(src: &str, origin: &str) -> Result<Profile, ProfileError> {
        Profile::load(origin, true, || {
            toml::from_str(src).map_err(|e| e.message().to_string() + &location(src, e.span()))
        })
    }

    /// A built-in profile, from the JSON copy of its TOML file. It is not validated
    /// again on every run: `every_builtin_profile_is_valid` checks each one.
    fn from_builtin_json(json: &str, origin: &str) -> Result<Profile, ProfileError> {
        Profile::load(origin, false, || {
            serde_json::from_str(json).map_err(|e| e.to_string())
        })
    }

    /// Deserialises a profile with `parse` and, if asked, validates it. The built-in
    /// word classes and models, which validation and matching read, start parsing
    /// (once per process) on a second thread meanwhile; nothing waits for that thread
    /// but a reader of those data, through their `OnceLock`.
    fn load(
        origin: &str,
        validate: bool,
        parse: impl FnOnce() -> Result<Profile, String>,
    ) -> Result<Profile, ProfileError> {
        let profile = parse().map_err(|message| ProfileError::Syntax {
            origin: origin.to_string(),
            message,
        })?;
        if validate {
            profile
                .validate()
                .map_err(|message| ProfileError::Invalid {
                    origin: origin.to_string(),
                    message,
                })?;
        }
        Ok(profile)
    }

    /// The topic ids, in profile order.
    pub fn topic_ids(&self) -> Vec<&str> {
        self.topics.iter().map(|t| t.id.as_str()).collect()
    }

    /// The topic with the given id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The profile's context lists, or the built-in defaults.
    pub fn context(&self) -> &Context {
        self.context.as_ref().unwrap_or_else(|| Context::builtin())
    }

    fn validate(&self) -> Result<(), String> {
        check_id(&self.id, "profile id")?;
        if let Some(context) = &self.context {
            context.validate()?;
        }
        if self.title.trim().is_empty() {
            return Err("the profile has an empty `title`".into());
        }
        if self.topics.is_empty() {
            return Err("the profile has no `[[topic]]`".into());
        }
        if self.ask.iter().any(|q| q.trim().is_empty()) {
            return Err("an empty entry in `ask`".into());
        }
        bounds::check(self)?;
        let mut ids = HashSet::new();
        for t in &self.topics {
            check_id(&t.id, "topic id")?;
            if !ids.insert(t.id.as_str()) {
                return Err(format!("duplicate topic id `{}`", t.id));
            }
        }
        // Which topic claims each spelling, to catch a term listed under two topics.
        let mut claimed: BTreeMap<String, &str> = BTreeMap::new();
        for t in &self.topics {
            let at = |what: &str| format!("topic `{}`: {what}", t.id);
            if t.question.trim().is_empty() {
                return Err(at("empty `question`"));
            }
            if !(t.weight > 0.0 && t.weight <= 100.0) {
                return Err(at("`weight` must be greater than 0 and at most 100"));
            }
            if let Some(model) = &t.model
                && !Behaviour::builtin().models.contains_key(model)
            {
                return Err(at(&format!(
                    "unknown `model = \"{model}\"`{}; expected one of {}",
                    fmt_suggestion(&did_you_mean(model, Behaviour::builtin().model_names())),
                    Behaviour::builtin()
                        .model_names()
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            if t.key_points.iter().any(|p| p.trim().is_empty()) {
                return Err(at("an empty entry in `key_points`"));
            }
            for (key, template) in [("opener", &t.opener), ("opener_listed", &t.opener_listed)] {
                if template.is_empty() {
                    continue;
                }
                let fields =
                    opener_placeholders(template).map_err(|e| at(&format!("`{key}`: {e}")))?;
                if !fields.contains(&"did") {
                    return Err(at(&format!(
                        "`{key}` must contain `{{did}}`, where the resume's own words go"
                    )));
                }
            }
            for section in &t.sections {
                if !SECTION_KINDS.contains(&section.as_str()) {
                    return Err(at(&format!(
                        "unknown section kind `{section}`{}; expected one of {}",
                        fmt_suggestion(&did_you_mean(section, SECTION_KINDS.iter().copied())),
                        SECTION_KINDS.join(", ")
                    )));
                }
            }
            for term in &t.terms {
                for also in &term.also {
                    if !ids.contains(also.as_str()) || also == &t.id {
                        return Err(at(&format!(
                            "term `{}` names `also = \"{also}\"`, which is not another topic{}",
                            term.name,
                            fmt_suggestion(&did_you_mean(also, ids.iter().copied()))
                        )));
                    }
                }
                check_aliases(term).map_err(|e| at(&e))?;
                let mut own = HashSet::new();
                for spelling in term.spellings() {
                    let key = spelling.trim().to_lowercase();
                    if key.is_empty() {
                        return Err(at(&format!("term `{}` has an empty spelling", term.name)));
                    }
                    if !own.insert(key.clone()) && !term.exact_case {
                        continue;
                    }
                    if let Some(other) = claimed.insert(key, &t.id)
                        && other != t.id
                    {
                        return Err(format!(
                            "term `{spelling}` is claimed by topics `{other}` and `{}`; keep it in one and use `also` if both are meant",
                            t.id
                        ));
                    }
                }
            }
            // Patterns are parsed and bounded by `bounds::check`; the matcher compiles
            // each once, within a size limit.
        }
        for term in &self.technologies {
            check_aliases(term)?;
            for spelling in term.spellings() {
                let key = spelling.trim().to_lowercase();
                if let Some(topic) = claimed.get(&key) {
                    return Err(format!(
                        "technology `{spelling}` is also a term of topic `{topic}`; keep it in one place"
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Refuses an alias that names a different product: evidence would be named after
/// the wrong product, and a misspelling of one reported as a misspelling of the other.
/// Aliases of self-descriptions and of concepts written in lower case ("logging",
/// "log analysis") may be synonyms; a product name (with a capital or a digit) may
/// only be spelled another way.
fn check_aliases(term: &Term) -> Result<(), String> {
    if term.listed_only {
        return Ok(());
    }
    let looks_like_product = |s: &str| s.chars().any(|c| c.is_uppercase() || c.is_ascii_digit());
    for alias in &term.aliases {
        let product = looks_like_product(alias) || looks_like_product(&term.name);
        if product && !is_spelling_of(alias, &term.name) {
            return Err(format!(
                "alias `{alias}` of term `{}` looks like a different product; give it a term of its own",
                term.name
            ));
        }
    }
    Ok(())
}

fn check_id(id: &str, what: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{what} `{id}` must be lower-case letters, digits and hyphens"
        ))
    }
}

/// " at line L, column C" for a TOML error span.
fn location(src: &str, span: Option<std::ops::Range<usize>>) -> String {
    let Some(span) = span else {
        return String::new();
    };
    let before = &src[..span.start.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!(" at line {line}, column {column}")
}

/// The ids of the built-in profiles.
pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(id, _)| *id)
}

/// The built-in profiles, parsed.
pub fn builtins() -> Vec<Profile> {
    builtin_ids()
        .map(|id| Profile::builtin(id).expect("built-in profiles are valid"))
        .collect()
}

/// The closest candidate to `input` when it is close enough to be a typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUESTIONS: [&str; 10] = [
        "Can you explain the difference between REST and SOAP?",
        "What is your experience with databases, and can you explain normalization?",
        "How do you handle version control in your projects?",
        "Can you describe a challenging bug you encountered and how you resolved it?",
        "What programming languages are you most comfortable with, and why?",
        "How do you ensure the security of your applications?",
        "What is your understanding of microservices architecture?",
        "Can you explain what an API is and how it works?",
        "What tools do you use for debugging your code?",
        "How do you stay updated with the latest trends in backend development?",
    ];

    #[test]
    fn every_builtin_profile_is_valid() {
        for id in builtin_ids() {
            let profile = Profile::builtin(id).unwrap();
            assert_eq!(profile.validate(), Ok(()), "built-in profile `{id}`");
        }
    }

    #[test]
    fn default_profile_has_the_contract_topics_and_article_questions() {
        let p = Profile::builtin(DEFAULT_PROFILE).unwrap();
        let ids: Vec<_> = p.topics.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "web-services",
                "databases",
                "version-control",
                "problem-solving",
                "languages",
                "security",
                "microservices",
                "apis",
                "debugging-tools",
                "learning",
                "cloud",
                "agile",
                "collaboration"
            ]
        );
        for (topic, question) in p.topics.iter().zip(QUESTIONS) {
            assert_eq!(topic.question, question);
        }
        for t in &p.topics {
            assert!((3..=5).contains(&t.study.len()), "{}: study points", t.id);
            assert!(
                !t.why.is_empty()
                    && !t.honest.is_empty()
                    && !t.build.is_empty()
                    && !t.practice.is_empty(),
                "{}",
                t.id
            );
        }
    }

    #[test]
    fn spellings_and_different_products() {
        for (alias, name) in [
            ("Postgres", "PostgreSQL"),
            ("psql", "PostgreSQL"),
            ("k8s", "Kubernetes"),
            ("Amazon Web Services", "AWS"),
            ("JSON Web Tokens", "JWT"),
            ("GitHub Actions", "GitHub"),
            ("Kubernets", "Kubernetes"),
            ("MSSQL", "Microsoft SQL Server"),
            ("OIDC", "OpenID Connect"),
        ] {
            assert!(is_spelling_of(alias, name), "{alias} / {name}");
        }
        for (alias, name) in [
            ("Kibana", "Datadog"),
            ("New Relic", "Datadog"),
            ("JUnit", "pytest"),
            ("Angular", "Vue.js"),
            ("Lambda", "AWS"),
            ("ECS", "AWS"),
            ("Insomnia", "Postman"),
            // One letter that is not in the other name (no numeronym to read).
            ("X", "Go"),
            ("Go", "X"),
        ] {
            assert!(!is_spelling_of(alias, name), "{alias} / {name}");
        }
    }

    #[test]
    fn unknown_profile_suggests_the_closest() {
        let err = Profile::builtin("junior-backend-dev").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown profile `junior-backend-dev`: did you mean `junior-backend-developer`?"
        );
        let err = Profile::builtin("zzz").unwrap_err();
        assert_eq!(err.to_string(), "unknown profile `zzz`");
    }

    fn load(src: &str) -> Result<Profile, ProfileError> {
        Profile::from_toml(src, "p.toml")
    }

    const TOPIC: &str =
        "id = \"a\"\ntitle = \"A\"\nkind = \"technical\"\nquestion = \"Q?\"\nwhy = \"W\"\n";

    #[test]
    fn validation_errors_are_specific() {
        let cases = [
            (
                "id = \"x\"\ntitle = \"X\"\ncolour = 1\n[[topic]]\n",
                "p.toml: unknown field `colour`",
            ),
            (
                "id = \"x\"\ntitle = \"X\"\n[[topic]]\n",
                "p.toml: missing field `id`",
            ),
        ];
        for (src, want) in cases {
            let got = load(src).unwrap_err().to_string();
            assert!(got.starts_with(want), "{got}");
        }
        let dup = format!("id = \"x\"\ntitle = \"X\"\n[[topic]]\n{TOPIC}[[topic]]\n{TOPIC}");
        assert_eq!(
            load(&dup).unwrap_err().to_string(),
            "p.toml: duplicate topic id `a`"
        );

        let two = format!(
            "id = \"x\"\ntitle = \"X\"\n[[topic]]\n{TOPIC}terms = [{{ name = \"Go\" }}]\n[[topic]]\n{}terms = [{{ name = \"go\" }}]\n",
            TOPIC.replace("\"a\"", "\"b\"")
        );
        assert!(
            load(&two)
                .unwrap_err()
                .to_string()
                .contains("term `go` is claimed by topics `a` and `b`")
        );

        let bad_re = format!(
            "id = \"x\"\ntitle = \"X\"\n[[topic]]\n{TOPIC}patterns = [{{ label = \"l\", regex = \"(\" }}]\n"
        );
        assert!(
            load(&bad_re)
                .unwrap_err()
                .to_string()
                .contains("pattern `l` is not a valid regular expression")
        );

        let wrong_product = format!(
            "id = \"x\"\ntitle = \"X\"\n[[topic]]\n{TOPIC}terms = [{{ name = \"Datadog\", aliases = [\"DataDog\", \"Kibana\"] }}]\n"
        );
        assert_eq!(
            load(&wrong_product).unwrap_err().to_string(),
            "p.toml: topic `a`: alias `Kibana` of term `Datadog` looks like a different product; give it a term of its own"
        );

        let bad_section = format!(
            "id = \"x\"\ntitle = \"X\"\n[[topic]]\n{TOPIC}sections = [\"certification\"]\n"
        );
        assert!(
            load(&bad_section)
                .unwrap_err()
                .to_string()
                .contains("did you mean `certifications`?")
        );
    }

    #[test]
    fn default_profile_has_the_sheet_material() {
        let p = Profile::builtin(DEFAULT_PROFILE).unwrap();
        assert_eq!(p.ask.len(), 3);
        for t in &p.topics {
            assert!(
                (3..=5).contains(&t.key_points.len()),
                "{}: key points",
                t.id
            );
            assert!(
                !t.first_step.is_empty() && t.first_step.len() <= 72,
                "{}: first_step is a short phrase",
                t.id
            );
            assert!(t.opener.starts_with("{did}"), "{}", t.id);
            assert!(t.opener_listed.starts_with("{did}"), "{}", t.id);
        }
    }

    #[test]
    fn opener_templates_are_checked() {
        let with = |line: &str| {
            load(&format!(
                "id = \"x\"\ntitle = \"X\"\n[[topic]]\n{TOPIC}{line}\n"
            ))
        };
        assert!(with("opener = \"{did}, with {term}.\"").is_ok());
        assert_eq!(
            with("opener = \"{did} and {trem}\"")
                .unwrap_err()
                .to_string(),
            "p.toml: topic `a`: `opener`: unknown placeholder `{trem}` (placeholders: `{did}`, `{term}`): did you mean `{term}`?"
        );
        assert_eq!(
            with("opener_listed = \"I used {term}\"")
                .unwrap_err()
                .to_string(),
            "p.toml: topic `a`: `opener_listed` must contain `{did}`, where the resume's own words go"
        );
        assert!(
            with("opener = \"{did\"")
                .unwrap_err()
                .to_string()
                .contains("an unclosed `{`")
        );
        assert_eq!(
            with("key_points = [\"a\", \" \"]").unwrap_err().to_string(),
            "p.toml: topic `a`: an empty entry in `key_points`"
        );
    }
}
