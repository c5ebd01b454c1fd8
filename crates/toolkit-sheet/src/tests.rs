//! Tests of the sheet and cohort models and their default templates.

use toolkit_document::{Format, Limits, read};
use toolkit_markup::{Badge, Block, Span, plain_text};
use toolkit_match::Matcher;
use toolkit_profile::{DEFAULT_PROFILE, Profile};

use super::*;

const RESUME: &str = "# Zoë Łukasiewicz\n\n## Summary\n\nTeam player. I would like to learn Kubernetes.\n\n## Skills\n\nDocker, AWS, Scrum\n\n## Experience\n\n- Built REST endpoints in Python with **Flask** for a clinic; stored visits in Postgress.\n- Found why reminders went out twice: a retry re-sent the job. Fixed it with an idempotency key.\n";

fn sheet() -> (Sheet, Profile) {
    let profile = Profile::builtin(DEFAULT_PROFILE).unwrap();
    let doc = read(RESUME.as_bytes(), Format::Markdown, &Limits::default()).unwrap();
    let report = Matcher::new(&profile).unwrap().check(&doc);
    (Sheet::new(&report, &profile, "2026-11-25"), profile)
}

fn headings(doc: &toolkit_markup::Document, level: u8) -> Vec<(String, Option<Badge>)> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level: l, spans } if *l == level => {
                let badge = spans.iter().find_map(|s| match s {
                    Span::Badge(b) => Some(*b),
                    _ => None,
                });
                Some((plain_text(spans), badge))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn questions_are_ordered_missing_listed_demonstrated() {
    let (sheet, profile) = sheet();
    assert_eq!(sheet.questions.len(), 13);
    let rank = |s: &str| {
        ["missing", "listed", "demonstrated"]
            .iter()
            .position(|x| *x == s)
            .unwrap()
    };
    let ranks: Vec<usize> = sheet.questions.iter().map(|q| rank(q.status)).collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted);
    // Within a tier, profile order.
    let order = |id: &str| profile.topics.iter().position(|t| t.id == id).unwrap();
    for pair in sheet.questions.windows(2) {
        if pair[0].status == pair[1].status {
            assert!(order(&pair[0].id) < order(&pair[1].id));
        }
    }
    let ms = sheet
        .questions
        .iter()
        .find(|q| q.id == "microservices")
        .unwrap();
    assert_eq!(ms.status, "listed");
    let cloud = sheet.questions.iter().find(|q| q.id == "cloud").unwrap();
    assert_eq!(cloud.status, "listed");
}

#[test]
fn default_template_renders_every_question_with_its_material() {
    let (sheet, _) = sheet();
    let doc = render(DEFAULT_SHEET_TEMPLATE, &sheet).unwrap();
    assert_eq!(doc.title, "Interview prep: Zoë Łukasiewicz");
    let questions = headings(&doc, 3);
    assert_eq!(questions.len(), 13);
    for (q, (text, badge)) in sheet.questions.iter().zip(&questions) {
        assert!(
            text.starts_with(&format!("{}. {} ", q.number, q.question)),
            "{text}"
        );
        assert_eq!(badge.map(|b| b.keyword()), Some(q.status));
    }
    let markdown = toolkit_markup::to_markdown(&doc);
    // Demonstrated: the resume's own line is quoted.
    assert!(markdown.contains("> \"Built REST endpoints in Python with Flask for a clinic; stored visits in Postgress.\" (line 13)"), "{markdown}");
    // Missing: study points and an honest answer.
    assert!(markdown.contains("**What to study:**"));
    assert!(markdown.contains("**Answer honestly:**"));
    // Behavioural questions carry the STAR scaffold.
    assert!(
        markdown.contains("| Situation: where, when | Task: the goal, why hard |"),
        "{markdown}"
    );
    // Misspellings to fix.
    assert!(
        markdown.contains("line 13 \"Postgress\" should be \"PostgreSQL\""),
        "{markdown}"
    );
}

#[test]
fn template_errors_are_reported() {
    let (sheet, _) = sheet();
    let err = render("{{#each questions}}", &sheet).unwrap_err();
    assert!(matches!(err, SheetError::Template(_)), "{err}");
    let err = render("{{candiate}}", &sheet).unwrap_err();
    assert!(err.to_string().contains("candiate"), "{err}");
    let err = render("% title: x\n\n**unclosed {{candidate}}", &sheet).unwrap_err();
    assert!(matches!(err, SheetError::Markup(_)), "{err}");
}

#[test]
fn resume_text_cannot_inject_markup() {
    let (mut sheet, _) = sheet();
    sheet.candidate = "**Bold** {missing} # not a heading".into();
    let doc = render("% title: {{candidate}}\n\n{{candidate}}\n", &sheet).unwrap();
    assert_eq!(doc.title, "**Bold** {missing} # not a heading");
    assert_eq!(
        doc.blocks,
        vec![Block::Paragraph(vec![Span::Text(
            "**Bold** {missing} # not a heading".into()
        )])]
    );
}

#[test]
fn cohort_ranks_gaps_and_builds_the_grid() {
    let profile = Profile::builtin(DEFAULT_PROFILE).unwrap();
    let n = profile.topics.len();
    let entry = |name: &str, score, missing: &[usize]| CohortEntry {
        name: name.into(),
        score,
        statuses: (0..n)
            .map(|i| {
                if missing.contains(&i) {
                    Status::Missing
                } else {
                    Status::Demonstrated
                }
            })
            .collect(),
    };
    let entries = [
        entry("Ana", 90, &[6]),
        entry("Bo", 40, &[6, 10]),
        entry("Cy", 55, &[10, 6, 0]),
    ];
    let cohort = Cohort::new(&profile, "2026-11-25", &entries, 1);
    assert_eq!(
        (cohort.clients, cohort.failed, cohort.median, cohort.average),
        (3, 1, 55, 62)
    );
    let top: Vec<(usize, usize)> = cohort
        .gaps
        .iter()
        .take(3)
        .map(|g| (g.number, g.missing))
        .collect();
    assert_eq!(top, [(7, 3), (11, 2), (1, 1)]);
    let bands: Vec<usize> = cohort.bands.iter().map(|b| b.count).collect();
    assert_eq!(bands, [0, 0, 2, 0, 1]);
    let doc = render(DEFAULT_COHORT_TEMPLATE, &cohort).unwrap();
    let grid = doc.blocks.iter().rev().find_map(|b| match b {
        Block::Table { header, rows } => Some((header.len(), rows.clone())),
        _ => None,
    });
    let (columns, rows) = grid.unwrap();
    assert_eq!(columns, 2 + n);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][2 + 6], vec![Span::Badge(Badge::Missing)]);
    assert_eq!(cohort.grid_omitted, 0);

    // A large cohort's grid stops at GRID_MAX rows and says where the rest are.
    let many: Vec<CohortEntry> = (0..GRID_MAX + 5)
        .map(|i| entry(&format!("C{i}"), 50, &[1]))
        .collect();
    let big = Cohort::new(&profile, "2026-11-25", &many, 0);
    assert_eq!(
        (big.grid.len(), big.grid_omitted, big.clients),
        (GRID_MAX, 5, GRID_MAX + 5)
    );
    let md = toolkit_markup::to_markdown(&render(DEFAULT_COHORT_TEMPLATE, &big).unwrap());
    assert!(
        md.contains(&format!(
            "The grid shows the first {GRID_MAX} clients; 5 more are in summary.csv."
        )),
        "{md}"
    );
}
