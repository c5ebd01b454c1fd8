//! The terminal report and the Markdown report of `toolkit check`.

//!
//! Resume text arrives with its control characters already made visible by the
//! reader; file names and profile text are passed through [`printable`] here, so
//! nothing in these reports can drive the terminal.

use std::fmt::Write;

use toolkit_document::{Hidden, printable};
use toolkit_match::{Evidence, IgnoredReason, Report, Status, TopicResult};

use crate::style::Style;

/// The longest evidence quote shown in the terminal report.
const QUOTE_CHARS: usize = 90;

pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

pub(crate) fn location(e: &Evidence) -> String {
    match e.page {
        Some(p) => format!("p.{p} line {}", e.line),
        None => format!("line {}", e.line),
    }
}

/// The parts of a story that made a line count: "symptom: kept timing out · change:
/// added an index".
fn cues(e: &Evidence) -> String {
    e.cues
        .iter()
        .map(|c| format!("{}: {}", c.role, shorten(&printable(&c.text), 40)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Why a topic with no evidence is missing, when a mention was set aside.
fn missing_note(t: &TopicResult) -> Option<String> {
    let i = t.ignored.first()?;
    let why = match i.reason {
        IgnoredReason::Negated => "negated",
        IgnoredReason::Aspiration => "only as a goal",
        IgnoredReason::FalseFriend => "not in this sense",
    };
    Some(format!(
        "\"{}\" on line {} is {why}",
        printable(&i.term),
        i.line
    ))
}

/// One hidden-characters entry: `line 12  U+200B zero width space ×3`.
fn hidden_entry(h: &Hidden) -> String {
    let place = match h.page {
        Some(p) => format!("p.{p} line {}", h.line),
        None => format!("line {}", h.line),
    };
    format!("{place}: {} {} ×{}", h.code(), h.name(), h.count)
}

/// The human report for one resume.
pub fn report(file: &str, r: &Report, hidden: &[Hidden], s: &Style) -> String {
    let mut out = String::new();
    let name = printable(r.candidate.as_deref().unwrap_or("(no name found)"));
    let _ = writeln!(out, "{}  {}", s.bold(&name), s.dim(&printable(file)));
    let _ = writeln!(
        out,
        "{} · score {} · {} demonstrated, {} listed, {} missing",
        printable(&r.profile_title),
        s.bold(&format!("{}/100", r.score)),
        r.count(Status::Demonstrated),
        r.count(Status::Listed),
        r.count(Status::Missing),
    );
    let width = r
        .topics
        .iter()
        .map(|t| t.title.chars().count())
        .max()
        .unwrap_or(10);
    let mut tier = None;
    for t in r.by_priority() {
        if tier != Some(t.status) {
            tier = Some(t.status);
            let heading = match t.status {
                Status::Missing => "Gaps: missing",
                Status::Listed => "Named but not shown: listed",
                Status::Demonstrated => "Strengths: demonstrated",
            };
            let _ = writeln!(out, "\n{}", s.bold(heading));
        }
        let badge = s.status(t.status);
        let title = format!("{:width$}", printable(&t.title));
        match (t.status, t.lead()) {
            (Status::Missing, _) => match missing_note(t) {
                Some(note) => {
                    let _ = writeln!(out, "  {badge} {title}  {}", s.dim(&format!("({note})")));
                }
                None => {
                    let _ = writeln!(out, "  {badge} {}", printable(&t.title));
                }
            },
            (_, Some(e)) => {
                let _ = writeln!(
                    out,
                    "  {badge} {title}  {} {}: \"{}\"",
                    s.dim(&location(e)),
                    printable(&e.term),
                    shorten(&printable(&e.text), QUOTE_CHARS)
                );
                if !e.cues.is_empty() {
                    let pad = " ".repeat(width + 17);
                    let _ = writeln!(out, "{pad}{}", s.dim(&cues(e)));
                }
            }
            (_, None) => {
                let _ = writeln!(out, "  {badge} {}", printable(&t.title));
            }
        }
    }
    if !r.misspellings.is_empty() {
        let _ = writeln!(out, "\n{}", s.bold("Misspellings to fix"));
        for m in &r.misspellings {
            let _ = writeln!(
                out,
                "  line {:<4} {} → {}",
                m.line,
                s.warn(&printable(&m.found)),
                printable(&m.canonical)
            );
        }
    }
    if !hidden.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            s.bold("Hidden characters inside words (removed before checking)")
        );
        for h in hidden {
            let _ = writeln!(out, "  {}", s.warn(&hidden_entry(h)));
        }
    }
    out
}

/// Escapes text for a Markdown table cell.
pub(crate) fn cell(text: &str) -> String {
    toolkit_markup::escape_markdown(&printable(text))
}

/// The Markdown report for one resume.
pub fn markdown(file: &str, r: &Report, hidden: &[Hidden]) -> String {
    let mut out = String::new();
    let name = r.candidate.as_deref().unwrap_or("Unnamed resume");
    let _ = writeln!(out, "# {}: {}\n", cell(name), cell(&r.profile_title));
    let _ = writeln!(
        out,
        "File `{}` · score **{}/100** · {} demonstrated, {} listed, {} missing\n",
        printable(file).replace('`', "'"),
        r.score,
        r.count(Status::Demonstrated),
        r.count(Status::Listed),
        r.count(Status::Missing),
    );
    let _ = writeln!(out, "| Topic | Status | Evidence |");
    let _ = writeln!(out, "|---|---|---|");
    for t in r.by_priority() {
        let evidence = match t.lead() {
            Some(e) if !e.cues.is_empty() => format!(
                "{} ({}): {} ({})",
                location(e),
                cell(&e.term),
                cell(&shorten(&e.text, 120)),
                cell(&cues(e))
            ),
            Some(e) => format!(
                "{} ({}): {}",
                location(e),
                cell(&e.term),
                cell(&shorten(&e.text, 120))
            ),
            None => missing_note(t).map(|n| cell(&n)).unwrap_or_default(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&t.title),
            t.status.as_str(),
            evidence
        );
    }
    if !r.misspellings.is_empty() {
        let _ = writeln!(out, "\n## Misspellings\n");
        for m in &r.misspellings {
            let _ = writeln!(
                out,
                "- line {}: {} → {}",
                m.line,
                cell(&m.found),
                cell(&m.canonical)
            );
        }
    }
    if !hidden.is_empty() {
        let _ = writeln!(out, "\n## Hidden characters inside words\n");
        for h in hidden {
            let _ = writeln!(out, "- {}", hidden_entry(h));
        }
    }
    out
}
