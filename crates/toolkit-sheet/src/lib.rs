//! Prep sheets and cohort reports: models built from check reports, rendered through templates into markup.
//!
//! A [`Sheet`] is everything a prep sheet says, as data: the candidate, the score,
//! and every question of the profile in priority order with the material for its
//! status. A handlebars template turns it into markup text (see `toolkit-markup`),
//! which both the PDF renderer and the Markdown output read. The default templates
//! are embedded; a user's template replaces them. The crate does no I/O.

mod cohort;
mod guard;

pub use cohort::{Cohort, CohortEntry, CohortTopic, DEFAULT_COHORT_TEMPLATE, GRID_MAX};
pub use guard::{MAX_DEPTH, MAX_EACH_DEPTH, MAX_EXPRESSIONS, MAX_OUTPUT_BYTES, MAX_TEMPLATE_BYTES};

use handlebars::Handlebars;
use serde::Serialize;
use thiserror::Error;
use toolkit_match::{IgnoredReason, Report, Status};
use toolkit_profile::{Profile, TopicKind};

/// The default prep-sheet template (handlebars producing markup).
pub const DEFAULT_SHEET_TEMPLATE: &str = include_str!("../../../templates/sheet.hbs");

/// How many evidence lines a question quotes.
const MAX_QUOTES: usize = 1;

/// How many study points a missing topic lists (the profile's first ones matter most).
const MAX_STUDY: usize = 3;

/// Why a sheet could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SheetError {
    #[error("template syntax: {0}")]
    Template(String),
    #[error("template rendering: {0}")]
    Render(String),
    #[error("the template produced invalid markup: {0}")]
    Markup(String),
}

/// Everything a prep sheet says, in the order it says it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sheet {
    pub candidate: String,
    pub profile: ProfileInfo,
    /// The preparation date, `YYYY-MM-DD`.
    pub date: String,
    pub score: u32,
    pub counts: Counts,
    /// Topic titles by status, for the summary.
    pub missing_titles: Vec<String>,
    pub listed_titles: Vec<String>,
    pub demonstrated_titles: Vec<String>,
    /// One sentence on where to start.
    pub advice: String,
    pub misspellings: Vec<SheetMisspelling>,
    /// Every question of the profile: missing first, then listed, then demonstrated.
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileInfo {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub missing: usize,
    pub listed: usize,
    pub demonstrated: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetMisspelling {
    pub found: String,
    pub canonical: String,
    pub line: u32,
}

/// One question on the sheet with the material for its status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// The position on the sheet, from 1.
    pub number: usize,
    pub id: String,
    pub title: String,
    /// The interview question, word for word.
    pub question: String,
    /// `missing`, `listed` or `demonstrated`.
    pub status: &'static str,
    /// The status as a markup badge, `{missing}`.
    pub badge: String,
    pub is_missing: bool,
    pub is_listed: bool,
    pub is_demonstrated: bool,
    pub behavioural: bool,
    pub why: String,
    /// Resume lines that show or name the topic, strongest first.
    pub evidence: Vec<Quote>,
    /// Mentions that did not count ("would like to learn Kubernetes").
    pub ignored: Vec<IgnoredNote>,
    pub study: Vec<String>,
    pub honest: String,
    pub practice: String,
    pub build: String,
    /// True when the sheet prints a STAR scaffold for this question.
    pub star: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub line: u32,
    pub page: Option<u32>,
    pub section: String,
    pub term: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoredNote {
    pub line: u32,
    pub term: String,
    /// "you said it is negated", in words for the sheet.
    pub reason: String,
}

fn titles(report: &Report, status: Status) -> Vec<String> {
    report
        .topics
        .iter()
        .filter(|t| t.status == status)
        .map(|t| t.title.clone())
        .collect()
}

impl Sheet {
    /// Builds the sheet for a checked resume. `date` is an input (not the clock) so
    /// the same resume gives the same sheet.
    pub fn new(report: &Report, profile: &Profile, date: &str) -> Sheet {
        let questions = report
            .by_priority()
            .into_iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let topic = profile.topic(&t.id)?;
                let strength = t.status;
                Some(Question {
                    number: i + 1,
                    id: t.id.clone(),
                    title: t.title.clone(),
                    question: topic.question.clone(),
                    status: t.status.as_str(),
                    badge: format!("{{{}}}", t.status.as_str()),
                    is_missing: t.status == Status::Missing,
                    is_listed: t.status == Status::Listed,
                    is_demonstrated: t.status == Status::Demonstrated,
                    behavioural: topic.kind == TopicKind::Behavioural,
                    why: topic.why.clone(),
                    evidence: t
                        .evidence
                        .iter()
                        .filter(|e| e.strength == strength)
                        .take(MAX_QUOTES)
                        .map(|e| Quote {
                            line: e.line,
                            page: e.page,
                            section: e.section.clone(),
                            term: e.term.clone(),
                            text: e.text.clone(),
                        })
                        .collect(),
                    ignored: t
                        .ignored
                        .iter()
                        .take(1)
                        .map(|i| IgnoredNote {
                            line: i.line,
                            term: i.term.clone(),
                            reason: match i.reason {
                                IgnoredReason::Negated => "you say you have not used it yet",
                                IgnoredReason::Aspiration => "you name it as something to learn",
                                IgnoredReason::FalseFriend => "it means something else there",
                            }
                            .to_string(),
                        })
                        .collect(),
                    study: topic.study.iter().take(MAX_STUDY).cloned().collect(),
                    honest: topic.honest.clone(),
                    practice: topic.practice.clone(),
                    build: topic.build.clone(),
                    star: topic.star,
                })
            })
            .collect();
        let counts = Counts {
            missing: report.count(Status::Missing),
            listed: report.count(Status::Listed),
            demonstrated: report.count(Status::Demonstrated),
            total: report.topics.len(),
        };
        Sheet {
            candidate: report
                .candidate
                .clone()
                .unwrap_or_else(|| "Candidate".to_string()),
            profile: ProfileInfo {
                id: profile.id.clone(),
                title: profile.title.clone(),
            },
            date: date.to_string(),
            score: report.score,
            advice: advice(counts),
            counts,
            missing_titles: titles(report, Status::Missing),
            listed_titles: titles(report, Status::Listed),
            demonstrated_titles: titles(report, Status::Demonstrated),
            misspellings: report
                .misspellings
                .iter()
                .map(|m| SheetMisspelling {
                    found: m.found.clone(),
                    canonical: m.canonical.clone(),
                    line: m.line,
                })
                .collect(),
            questions,
        }
    }
}

/// One sentence on where to spend the preparation time.
fn advice(c: Counts) -> String {
    match (c.missing, c.listed) {
        (0, 0) => "Every topic is backed by your own experience: rehearse each story out loud until it takes two minutes.".into(),
        (0, _) => "Nothing is missing, but some topics are only named: turn each of them into one concrete example before the interview.".into(),
        (m, _) if m * 2 > c.total => "Most topics are gaps, which is normal for a career changer: study the first questions, build one small project that touches several of them, and answer honestly.".into(),
        _ => "Start with the gaps at the top of this sheet, then turn the listed skills into concrete examples, and finish by rehearsing your strongest stories.".into(),
    }
}

/// A compiled template: parse it once, render it for many models.
///
/// The template runs in strict mode (a misspelt field is an error), and every
/// `{{value}}` is escaped for markup, so resume text can never inject formatting.
/// A template is checked against bounds (size, nesting, recursive partials) before
/// handlebars sees it, and its output is bounded too, so a hostile template is a
/// quick error rather than a crash or a hang.
#[derive(Debug)]
pub struct Renderer {
    hb: Handlebars<'static>,
}

impl Renderer {
    pub fn new(template: &str) -> Result<Renderer, SheetError> {
        guard::check(template).map_err(SheetError::Template)?;
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(toolkit_markup::escape);
        hb.register_template_string("t", template)
            .map_err(|e| SheetError::Template(one_line(&e.to_string())))?;
        Ok(Renderer { hb })
    }

    /// The markup text for a model.
    pub fn render_markup<T: Serialize>(&self, model: &T) -> Result<String, SheetError> {
        let mut out = guard::Bounded::default();
        self.hb
            .render_to_write("t", model, &mut out)
            .map_err(|e| SheetError::Render(one_line(&e.to_string())))?;
        String::from_utf8(out.0).map_err(|_| SheetError::Render("the output is not UTF-8".into()))
    }

    /// The parsed markup document for a model.
    pub fn render<T: Serialize>(&self, model: &T) -> Result<toolkit_markup::Document, SheetError> {
        let text = self.render_markup(model)?;
        toolkit_markup::parse(&text).map_err(|e| SheetError::Markup(e.to_string()))
    }
}

/// Renders a model through a template into markup (compiling the template first).
pub fn render_markup<T: Serialize>(template: &str, model: &T) -> Result<String, SheetError> {
    Renderer::new(template)?.render_markup(model)
}

/// Renders a model through a template and parses the markup it produces.
pub fn render<T: Serialize>(
    template: &str,
    model: &T,
) -> Result<toolkit_markup::Document, SheetError> {
    Renderer::new(template)?.render(model)
}

/// Error messages from handlebars span lines; a diagnostic is one line.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
