//! Tests of the sheet and cohort models and their default templates.

use toolkit_document::{Format, Limits, read};
use toolkit_markup::{Badge, Block, Span, plain_text};
use toolkit_match::Matcher;
use toolkit_profile::{DEFAULT_PROFILE, Profile};

use super::*;

const RESUME: &str = "# Zoë Łukasiewicz\n\n## Summary\n\nTeam player. I would like to learn Kubernetes.\n\n## Skills\n\nDocker, AWS, Scrum\n\n## Experience\n\n- Built REST endpoints in Python with **Flask** for a clinic; stored visits in Postgress.\n- Found why reminders went out twice: a retry re-sent the job. Fixed it with an idempotency key.\n";

/// A Markdown resume checked against the built-in profile.
fn checked(resume: &str) -> (toolkit_match::Report, Profile) {
    let profile = Profile::builtin(DEFAULT_PROFILE).unwrap();
    let doc = read(resume.as_bytes(), Format::Markdown, &Limits::default()).unwrap();
    (Matcher::new(&profile).unwrap().check(&doc), profile)
}

fn sheet() -> (Sheet, Profile) {
    let (report, profile) = checked(RESUME);
    (Sheet::new(&report, &profile, "2026-11-25"), profile)
}

fn headings(doc: &toolkit_markup::Document, level: u8) -> Vec<(String, Option<Badge>)> {
    fn walk(blocks: &[Block], level: u8, out: &mut Vec<(String, Option<Badge>)>) {
        for b in blocks {
            match b {
                Block::Heading { level: l, spans } if *l == level => {
                    let badge = spans.iter().find_map(|s| match s {
                        Span::Badge(b) => Some(*b),
                        _ => None,
                    });
                    out.push((plain_text(spans), badge));
                }
                Block::Box(inner) | Block::Columns(inner) => walk(inner, level, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&doc.blocks, level, &mut out);
    out
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
    // Page 1: the three stories, in priority order; page 2: the other questions.
    let order: Vec<&Question> = sheet.stories.iter().chain(&sheet.answers).collect();
    assert_eq!(sheet.stories.len(), 3);
    for (q, (text, badge)) in order.iter().zip(&questions) {
        assert!(
            text.starts_with(&format!("{}. {} ", q.number, q.question)),
            "{text}"
        );
        assert_eq!(badge.map(|b| b.keyword()), Some(q.status));
    }
    let markdown = toolkit_markup::to_markdown(&doc);
    // Every key point of every question is on the sheet.
    for q in &sheet.questions {
        assert!((3..=5).contains(&q.key_points.len()), "{}", q.id);
        for p in &q.key_points {
            assert!(
                markdown.contains(&p.text),
                "{}: {:?} in {markdown}",
                q.id,
                p.text
            );
        }
    }
    // Gaps come with the first thing to study; a demonstrated topic with an opener
    // built from the resume's own line.
    assert!(!sheet.gaps.is_empty());
    for g in &sheet.gaps {
        let line = format!("- **{}:** {}", g.title, g.first_step);
        assert!(markdown.contains(&line), "{line} in {markdown}");
    }
    assert!(
        markdown.contains("*Open with:* At work, I found why reminders went out twice"),
        "{markdown}"
    );
    // The stories have lines to write on, labelled with their key points.
    assert!(
        markdown.contains("- **Situation:** the symptom and who it hurt …"),
        "{markdown}"
    );
    assert!(
        markdown.contains("What would my first month look like"),
        "{markdown}"
    );
    assert!(
        markdown.contains("line 13 \"Postgress\" → \"PostgreSQL\""),
        "{markdown}"
    );
    // The study plans are in the full form only.
    assert!(!markdown.contains("**What to study:**"));
    let full = toolkit_markup::to_markdown(
        &render(DEFAULT_SHEET_TEMPLATE, &sheet.clone().full()).unwrap(),
    );
    assert!(full.contains("**What to study:**") && full.contains("**Answer honestly:**"));
    assert_eq!(
        headings(&render(DEFAULT_SHEET_TEMPLATE, &sheet.full()).unwrap(), 3).len(),
        26
    );
}

#[test]
fn progress_and_brand_show_only_when_given() {
    let (sheet, _) = sheet();
    let plain = toolkit_markup::to_markdown(&render(DEFAULT_SHEET_TEMPLATE, &sheet).unwrap());
    assert!(!plain.contains("Since your last session") && !plain.contains("prepared by"));
    let sheet = sheet
        .with_progress(Progress {
            previous_date: "2026-10-01".into(),
            previous_score: 90,
            improved: vec!["Version control".into(), "APIs".into()],
            slipped: vec!["Cloud computing".into()],
            misspellings_fixed: vec!["Pyhton".into()],
            other_checker: false,
        })
        .with_brand(BrandInfo {
            name: "North Star *Careers*".into(),
            footer: "Confidential".into(),
        });
    let md = toolkit_markup::to_markdown(&render(DEFAULT_SHEET_TEMPLATE, &sheet).unwrap());
    let score = sheet.score;
    let change = i64::from(score) - 90;
    assert!(
        md.contains(&format!(
            "> **Since your last session (2026-10-01):** score 90 → {score} ({change}). Improved: Version control, APIs. Slipped: Cloud computing. Misspellings fixed: Pyhton."
        )),
        "{md}"
    );
    // The brand name is data: escaped like resume text.
    assert!(md.contains("prepared by North Star \\*Careers\\*"), "{md}");
}

#[test]
fn openers_differ_with_the_resume() {
    let opener = |resume: &str| {
        let (report, profile) = checked(resume);
        let sheet = Sheet::new(&report, &profile, "2026-11-25");
        let q = sheet
            .questions
            .iter()
            .find(|q| q.id == "databases")
            .unwrap();
        (q.status, q.opener.clone())
    };
    let a = opener(
        "# A\n\n## Experience\n\n- Designed a PostgreSQL schema for invoices and added a unique index.\n",
    );
    let b = opener("# B\n\n## Projects\n\n- Built a MongoDB store for a recipe app.\n");
    let c = opener("# C\n\n## Skills\n\nDatabases: MySQL, Redis\n");
    assert_eq!(a, ("demonstrated", "At work, I designed a PostgreSQL schema for invoices and added a unique index; I'll show how I normalized it.".to_string()));
    assert_eq!(b, ("demonstrated", "In a project, I built a MongoDB store for a recipe app; I'll show how I normalized it.".to_string()));
    assert_eq!(
        c,
        (
            "listed",
            "I list MySQL and Redis in my skills; my example: one schema I designed.".to_string()
        )
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

#[test]
fn a_profile_without_the_sheet_material_still_renders() {
    let profile = Profile::from_toml(
        "id = \"x\"\ntitle = \"X\"\n[[topic]]\nid = \"a\"\ntitle = \"A\"\nkind = \"behavioural\"\nquestion = \"Tell me a story?\"\nwhy = \"W\"\nstar = true\n[[topic]]\nid = \"b\"\ntitle = \"B\"\nkind = \"technical\"\nquestion = \"Explain B?\"\nwhy = \"W\"\n",
        "p.toml",
    )
    .unwrap();
    let doc = read(RESUME.as_bytes(), Format::Markdown, &Limits::default()).unwrap();
    let report = Matcher::new(&profile).unwrap().check(&doc);
    let sheet = Sheet::new(&report, &profile, "2026-11-25");
    let md = toolkit_markup::to_markdown(&render(DEFAULT_SHEET_TEMPLATE, &sheet).unwrap());
    assert!(md.contains("- **Situation** …"), "{md}");
    assert!(
        md.contains("Explain B?") && !md.contains("Ask them"),
        "{md}"
    );
}

#[test]
fn a_leading_comment_is_blanked_to_its_line_breaks() {
    assert_eq!(
        crate::blank_leading_comment("\n {{!-- two\nlines --}}\n# {{x}}"),
        "\n \n\n# {{x}}"
    );
    assert_eq!(
        crate::blank_leading_comment("# {{!-- not first --}}"),
        "# {{!-- not first --}}"
    );
    assert_eq!(crate::blank_leading_comment("{{!-- open"), "{{!-- open");
    // The built-in sheet reads the same with its documentation blanked.
    let (sheet, _) = sheet();
    let full = crate::Renderer::new(crate::DEFAULT_SHEET_TEMPLATE).unwrap();
    let mut hb = handlebars::Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(toolkit_markup::escape);
    hb.register_template_string("t", crate::DEFAULT_SHEET_TEMPLATE)
        .unwrap();
    let as_written = toolkit_markup::parse(&hb.render("t", &sheet).unwrap()).unwrap();
    assert_eq!(full.render(&sheet).unwrap(), as_written);
}

/// The built-in sheet is compiled in parts (compiling is quadratic in a template's
/// length) and reads exactly as the template compiled whole, at both levels of detail.
#[test]
fn a_template_in_parts_renders_as_the_whole() {
    let source = crate::blank_leading_comment(crate::DEFAULT_SHEET_TEMPLATE);
    assert!(crate::parts::parts(&source).len() >= 4);
    let split = crate::Renderer::new(crate::DEFAULT_SHEET_TEMPLATE).unwrap();
    let whole = crate::Renderer::whole(&source).unwrap();
    let (mut sheet, _) = sheet();
    for full in [false, true] {
        sheet.full = full;
        let text = split.render_markup(&sheet).unwrap();
        assert_eq!(text, whole.render_markup(&sheet).unwrap());
        assert!(text.contains("## The answers, gaps first"));
    }
    // A template the parts misread (`}}` and a block tag inside a string) is compiled
    // whole.
    let filler = "a line of the sheet\n".repeat(40);
    let tricky = format!(
        "{{{{#if candidate}}}}\n{{{{log \"}}}}{{{{/if\"}}}}\n{filler}{filler}{filler}\
         {{{{log \"}}}}{{{{#if candidate\"}}}}\n{{{{/if}}}}\n"
    );
    assert!(crate::parts::parts(&tricky).len() > 1);
    let text = crate::Renderer::new(&tricky)
        .unwrap()
        .render_markup(&sheet)
        .unwrap();
    assert!(text.contains(&filler));
    assert_eq!(
        text,
        crate::Renderer::whole(&tricky)
            .unwrap()
            .render_markup(&sheet)
            .unwrap()
    );
    // An error is reported as the whole template would report it.
    let broken = format!(
        "{}\n\n{{{{missing_field}}}}\n",
        crate::DEFAULT_SHEET_TEMPLATE
    );
    let err = crate::Renderer::new(&broken)
        .unwrap()
        .render_markup(&sheet)
        .unwrap_err()
        .to_string();
    let lines = crate::DEFAULT_SHEET_TEMPLATE.lines().count();
    assert!(err.contains(&format!("line {}, col 1", lines + 3)), "{err}");
}

/// An answer opens with the line that tells the most parts of its story, not the
/// first line that counts.
#[test]
fn the_opener_is_the_fullest_story() {
    let md = "# A\n\n## Experience\n\n\
              - The nightly matching job kept timing out, so I added indexes to the \
              settlement tables and it now finishes in 6 minutes.\n\
              - Balances drifted by one cent; I traced it to a currency conversion that used \
              floats and switched it to Decimal.\n";
    let (report, profile) = checked(md);
    let story = report
        .topics
        .iter()
        .find(|t| t.id == "problem-solving")
        .unwrap();
    assert_eq!(story.evidence.len(), 2, "{:?}", story.evidence);
    let sheet = Sheet::new(&report, &profile, "2026-11-25");
    let q = sheet
        .questions
        .iter()
        .find(|q| q.id == "problem-solving")
        .unwrap();
    assert_eq!(
        (q.opener.as_str(), q.cues.as_str()),
        (
            "On my resume: “Balances drifted by one cent; I traced it”; I'll say how I found the cause.",
            "symptom: drifted · cause: traced it to a currency… · change: switched"
        )
    );
}
