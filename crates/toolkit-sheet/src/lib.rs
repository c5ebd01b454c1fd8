//! Prep sheets and cohort reports: models built from check reports, rendered through templates into markup.
//!
//! A [`Sheet`] is everything a prep sheet says, as data: the candidate, the score,
//! and every question of the profile in priority order with the material for its
//! status. A handlebars template turns it into markup text (see `toolkit-markup`),
//! which both the PDF renderer and the Markdown output read. The default templates
//! are embedded; a user's template replaces them. The crate does no I/O.
//!
//! The default sheet is one sheet of paper, printed on both sides. Page 1 stands
//! alone: the score, the gaps with the first thing to study for each, the three
//! stories to prepare (a box to write in for each behavioural question, started
//! with the resume's own line), misspellings, and questions to ask the
//! interviewer. Page 2 holds the answers: the key points of every other question
//! and an opener built from the resume's evidence. [`Sheet::full`] keeps the long
//! form with study plans.
//!
//! Two optional parts are filled in by the caller:
//!
//! - [`Sheet::with_progress`] adds a "since your last session" block: the earlier
//!   date and score, the topics that improved and slipped, and the misspellings
//!   fixed (for a returning client, from `batch --compare`);
//! - [`Sheet::with_brand`] names the coach's organisation on the sheet.
//!
//! ```
//! # use toolkit_sheet::{Progress, Sheet};
//! # fn demo(sheet: Sheet) -> Sheet {
//! sheet.with_progress(Progress {
//!     previous_date: "2026-10-01".into(),
//!     previous_score: 54,
//!     improved: vec!["Version control".into()],
//!     slipped: vec![],
//!     misspellings_fixed: vec!["Postgress".into()],
//!     other_checker: false,
//! })
//! # }
//! ```

mod cohort;
mod guard;
mod opener;
mod parts;
mod progress;

pub use cohort::{Cohort, CohortEntry, CohortTopic, DEFAULT_COHORT_TEMPLATE, GRID_MAX};
pub use guard::MAX_TEMPLATE_BYTES;
pub use progress::{CheckerChange, ClientChange, CohortProgress, TopicProgress};

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

/// How many misspellings page 1 lists; the rest are counted.
const MAX_MISSPELLINGS: usize = 6;

/// How many questions to ask the interviewer page 1 lists.
const MAX_ASK: usize = 3;

/// The longest resume line quoted on the sheet, in characters: a longer one is
/// cut at a word and ends with an ellipsis.
const MAX_QUOTE: usize = 150;

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
    /// The long form (study plans and every detail) rather than one sheet of paper.
    pub full: bool,
    /// Missing topics other than the stories, each with the first thing to study.
    pub gaps: Vec<Gap>,
    /// The behavioural questions, each a story to write out (a subset of `questions`).
    pub stories: Vec<Question>,
    /// The other questions, for the answers page (a subset of `questions`).
    pub answers: Vec<Question>,
    /// Misspellings beyond the ones listed.
    pub misspellings_more: usize,
    /// Questions for the candidate to ask the interviewer.
    pub ask: Vec<String>,
    /// Since the last session, when the caller knows it.
    pub progress: Option<ProgressView>,
    /// The coach's organisation, when the sheet is branded.
    pub brand: Option<BrandInfo>,
}

/// A gap and the first thing to study for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub title: String,
    pub first_step: String,
}

/// What changed since the client's last session, as the caller found it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// The date of the earlier session, `YYYY-MM-DD`.
    pub previous_date: String,
    pub previous_score: u32,
    /// Titles of topics whose status rose.
    pub improved: Vec<String>,
    /// Titles of topics whose status fell.
    pub slipped: Vec<String>,
    /// Misspellings of the earlier resume that are gone.
    pub misspellings_fixed: Vec<String>,
    /// The earlier report was written by another release of the checker (or does not
    /// say which), so a change may be the checker's rather than the resume's.
    pub other_checker: bool,
}

/// [`Progress`] as the template sees it: the score change worked out, and each
/// list cut to its first [`MAX_PROGRESS`] entries so the block stays a few lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressView {
    pub previous_date: String,
    pub previous_score: u32,
    /// The score change with its sign: `+12`, `-3` or `0`.
    pub change: String,
    pub improved: Vec<String>,
    pub improved_more: usize,
    pub slipped: Vec<String>,
    pub slipped_more: usize,
    pub misspellings_fixed: Vec<String>,
    pub misspellings_fixed_more: usize,
    pub other_checker: bool,
}

/// How many topics or misspellings each list of the progress block names.
pub const MAX_PROGRESS: usize = 3;

fn first_few(list: Vec<String>) -> (Vec<String>, usize) {
    let more = list.len().saturating_sub(MAX_PROGRESS);
    (list.into_iter().take(MAX_PROGRESS).collect(), more)
}

/// The coach's organisation and footer line, as the template sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrandInfo {
    pub name: String,
    pub footer: String,
}

/// A key point, split into a short lead ("REST:") and the rest when it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyPoint {
    pub lead: String,
    pub text: String,
}

impl KeyPoint {
    fn new(point: &str) -> KeyPoint {
        match point.split_once(": ") {
            Some((lead, text)) if lead.split_whitespace().count() <= 3 && lead.len() <= 24 => {
                KeyPoint {
                    lead: format!("{lead}:"),
                    text: text.to_string(),
                }
            }
            _ => KeyPoint {
                lead: String::new(),
                text: point.to_string(),
            },
        }
    }
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
    /// What a strong answer contains.
    pub key_points: Vec<KeyPoint>,
    /// The first thing to study when the topic is missing.
    pub first_step: String,
    /// The first sentence of `honest`, for the one-sheet form.
    pub honest_short: String,
    /// The first sentence of an answer, built from the resume's strongest line
    /// (empty for a missing topic).
    pub opener: String,
    /// The parts of that line's story the checker found ("symptom: kept timing out ·
    /// change: added an index"), for a behavioural question; empty otherwise.
    pub cues: String,
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
                // The line an answer opens with, and whose cues the sheet shows.
                let lead = t.lead();
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
                            text: clip(&e.text, MAX_QUOTE),
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
                    key_points: topic.key_points.iter().map(|p| KeyPoint::new(p)).collect(),
                    first_step: topic.first_step.clone(),
                    honest_short: first_sentence(&topic.honest),
                    opener: lead
                        .map(|e| opener::opener(&topic.opener, &topic.opener_listed, &e.into()))
                        .unwrap_or_default(),
                    cues: lead.map(|e| cue_line(&e.cues)).unwrap_or_default(),
                })
            })
            .collect::<Vec<Question>>();
        let gaps = questions
            .iter()
            .filter(|q| q.is_missing && !q.star)
            .map(|q| Gap {
                title: q.title.clone(),
                first_step: q.first_step.clone(),
            })
            .collect();
        let (stories, answers): (Vec<Question>, Vec<Question>) =
            questions.iter().cloned().partition(|q| q.star);
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
                .take(MAX_MISSPELLINGS)
                .map(|m| SheetMisspelling {
                    found: m.found.clone(),
                    canonical: m.canonical.clone(),
                    line: m.line,
                })
                .collect(),
            misspellings_more: report.misspellings.len().saturating_sub(MAX_MISSPELLINGS),
            questions,
            full: false,
            gaps,
            stories,
            answers,
            ask: profile.ask.iter().take(MAX_ASK).cloned().collect(),
            progress: None,
            brand: None,
        }
    }

    /// The long form: every question with its study plan, on as many pages as it takes.
    pub fn full(mut self) -> Sheet {
        self.full = true;
        self
    }

    /// Adds what changed since the client's last session.
    pub fn with_progress(mut self, progress: Progress) -> Sheet {
        let change = i64::from(self.score) - i64::from(progress.previous_score);
        let (improved, improved_more) = first_few(progress.improved);
        let (slipped, slipped_more) = first_few(progress.slipped);
        let (misspellings_fixed, misspellings_fixed_more) = first_few(progress.misspellings_fixed);
        self.progress = Some(ProgressView {
            previous_date: progress.previous_date,
            previous_score: progress.previous_score,
            change: if change > 0 {
                format!("+{change}")
            } else {
                change.to_string()
            },
            improved,
            improved_more,
            slipped,
            slipped_more,
            misspellings_fixed,
            misspellings_fixed_more,
            other_checker: progress.other_checker,
        });
        self
    }

    /// Names the coach's organisation and footer line on the sheet.
    pub fn with_brand(mut self, brand: BrandInfo) -> Sheet {
        self.brand = Some(brand);
        self
    }
}

/// At most four cues of an evidence line (the first four, in the order of the roles its
/// model quotes), each clipped: "symptom: kept timing out · change: added an index".
fn cue_line(cues: &[toolkit_match::Cue]) -> String {
    cues.iter()
        .take(MAX_CUES)
        .map(|c| format!("{}: {}", c.role, clip(&c.text, MAX_CUE)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// How many cues a story box names, and how long each may be.
const MAX_CUES: usize = 4;
const MAX_CUE: usize = 28;

/// The text up to its first full stop followed by a space.
fn first_sentence(text: &str) -> String {
    match text.find(". ") {
        Some(i) => text[..=i].to_string(),
        None => text.to_string(),
    }
}

/// `text` cut to at most `max` characters at a word, with an ellipsis.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let cut = head.rfind(' ').filter(|&i| i > max / 2).unwrap_or(end);
    format!("{}…", head[..cut].trim_end_matches([',', ';', ':', ' ']))
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
    /// The template (its opening comment blanked), compiled as `parts` parts
    /// ([`parts`]) registered as `t`, `t1`, `t2`, ...; kept to be compiled whole when
    /// an error must name its line.
    source: String,
    parts: usize,
}

impl Renderer {
    pub fn new(template: &str) -> Result<Renderer, SheetError> {
        guard::check(template).map_err(SheetError::Template)?;
        let source = blank_leading_comment(template);
        let ranges = parts::parts(&source);
        let mut hb = new_registry();
        for (i, range) in ranges.iter().enumerate() {
            if hb
                .register_template_string(&part_name(i), &source[range.clone()])
                .is_err()
            {
                // Compiled whole: a template the parts misread still compiles, and an
                // error names the line of the whole template.
                return Renderer::whole(&source);
            }
        }
        Ok(Renderer {
            hb,
            parts: ranges.len(),
            source,
        })
    }

    /// `source` compiled as one template, `t`.
    fn whole(source: &str) -> Result<Renderer, SheetError> {
        let mut hb = new_registry();
        hb.register_template_string("t", source)
            .map_err(|e| SheetError::Template(one_line(&e.to_string())))?;
        Ok(Renderer {
            hb,
            source: String::new(),
            parts: 1,
        })
    }

    /// The markup text for a model.
    pub fn render_markup<T: Serialize>(&self, model: &T) -> Result<String, SheetError> {
        let mut out = guard::Bounded::default();
        // The model becomes handlebars' data once, not once a part.
        let context = handlebars::Context::wraps(model)
            .map_err(|e| SheetError::Render(one_line(&e.to_string())))?;
        for i in 0..self.parts {
            if let Err(e) = self
                .hb
                .render_with_context_to_write(&part_name(i), &context, &mut out)
            {
                if self.parts > 1 {
                    // Rendered whole, the error names the line of the whole template.
                    return Renderer::whole(&self.source)?.render_markup(model);
                }
                return Err(SheetError::Render(one_line(&e.to_string())));
            }
        }
        String::from_utf8(out.0).map_err(|_| SheetError::Render("the output is not UTF-8".into()))
    }

    /// The parsed markup document for a model.
    pub fn render<T: Serialize>(&self, model: &T) -> Result<toolkit_markup::Document, SheetError> {
        let text = self.render_markup(model)?;
        toolkit_markup::parse(&text).map_err(|e| SheetError::Markup(e.to_string()))
    }
}

/// The name a part of a template is registered by: `t` for the first (or the whole).
fn part_name(i: usize) -> String {
    if i == 0 {
        "t".to_string()
    } else {
        format!("t{i}")
    }
}

/// A registry for the templates: strict (a misspelt field is an error), escaping every
/// `{{value}}` for markup.
fn new_registry() -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(toolkit_markup::escape);
    hb
}

/// The template with the comment that opens it (a template file's documentation,
/// `{{!-- ... --}}`) replaced by as many line breaks as it spans. Handlebars parses a
/// comment character by character: the built-in template's is a fifth of its parse
/// time, which every `prep` pays. The sheet is the same (the markup reader skips blank
/// lines before the first block), and so are the line numbers of errors.
fn blank_leading_comment(template: &str) -> String {
    let indent = template.len() - template.trim_start().len();
    let Some(end) = template[indent..]
        .strip_prefix("{{!--")
        .and_then(|rest| rest.find("--}}"))
        .map(|at| indent + "{{!--".len() + at + "--}}".len())
    else {
        return template.to_string();
    };
    let mut out = template[..indent].to_string();
    out.push_str(&"\n".repeat(template[indent..end].matches('\n').count()));
    out.push_str(&template[end..]);
    out
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

/// Error messages from handlebars span lines; a diagnostic is one line. Each line of
/// the message (handlebars quotes the template's line, however long) keeps at most
/// [`MESSAGE_LINE_CHARS`] characters.
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(|line| match line.char_indices().nth(MESSAGE_LINE_CHARS) {
            Some((cut, _)) => format!("{} …", &line[..cut]),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The most characters of one line of a template error that a diagnostic shows.
const MESSAGE_LINE_CHARS: usize = 400;

#[cfg(test)]
mod tests;
