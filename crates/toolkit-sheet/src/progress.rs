//! Progress between two sessions: what the cohort report says about returning
//! clients. The models are built by the caller, which matches the clients.

use serde::Serialize;

/// The cohort's progress since an earlier run (`batch --compare`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CohortProgress {
    /// Clients matched to an earlier report.
    pub returning: usize,
    pub improved_count: usize,
    pub slipped_count: usize,
    pub unchanged_count: usize,
    /// Average scores of the returning clients, then and now.
    pub average_before: u32,
    pub average_after: u32,
    /// Topics that changed for any returning client, the most gaps closed first.
    pub topics: Vec<TopicProgress>,
    /// Clients whose score rose, the largest rise first.
    pub improved: Vec<ClientChange>,
    pub improved_omitted: usize,
    /// Clients whose score fell, or who lost a topic, the largest fall first.
    pub slipped: Vec<ClientChange>,
    pub slipped_omitted: usize,
    /// Clients with no earlier report.
    pub new_clients: Vec<String>,
    /// Earlier clients with no resume this time.
    pub gone_clients: Vec<String>,
    /// Clients not compared because their name is not unique, in words.
    pub ambiguous: Vec<String>,
    /// Set when some returning client's earlier report was written by another
    /// checker, or does not say which: a change may be the checker's, not the client's.
    pub checker_change: Option<CheckerChange>,
}

/// The checkers behind a comparison, when they are not all this run's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckerChange {
    /// The checker of this run (`toolkit 0.1.0 (build …)`).
    pub now: String,
    /// The other checkers that wrote returning clients' earlier reports.
    pub earlier: Vec<String>,
    /// Returning clients whose earlier report does not say which checker wrote it.
    pub unrecorded: usize,
}

/// How one topic moved across the returning clients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicProgress {
    pub number: usize,
    pub title: String,
    /// Was missing, now listed or demonstrated.
    pub closed: usize,
    /// Was missing or listed, now demonstrated.
    pub now_demonstrated: usize,
    /// Was listed or demonstrated, now missing.
    pub reopened: usize,
    /// Missing then and now.
    pub still_missing: usize,
}

/// One returning client's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientChange {
    pub name: String,
    pub before: u32,
    pub after: u32,
    /// `+12`, `-3`, `0`.
    pub change: String,
    /// Topic titles whose status rose, comma-separated.
    pub gained: String,
    /// Topic titles whose status fell, comma-separated.
    pub lost: String,
}

#[cfg(test)]
mod tests {
    use toolkit_document::{Format, Limits, read};
    use toolkit_match::Matcher;
    use toolkit_profile::{DEFAULT_PROFILE, Profile};

    use crate::{DEFAULT_SHEET_TEMPLATE, Sheet, render_markup};

    fn sheet() -> Sheet {
        let profile = Profile::builtin(DEFAULT_PROFILE).unwrap();
        let text = "# Ana Lima\n\n## Experience\n\n- Deployed the REST API to AWS.\n";
        let doc = read(text.as_bytes(), Format::Markdown, &Limits::default()).unwrap();
        let report = Matcher::new(&profile).unwrap().check(&doc);
        Sheet::new(&report, &profile, "2026-11-25")
    }

    #[test]
    fn a_returning_clients_sheet_says_what_improved() {
        let first = render_markup(DEFAULT_SHEET_TEMPLATE, &sheet()).unwrap();
        assert!(!first.contains("last session"));
        let returning = sheet().with_progress(crate::Progress {
            previous_date: String::new(),
            previous_score: 12,
            improved: vec!["Cloud computing (now demonstrated)".into()],
            slipped: vec![],
            misspellings_fixed: vec!["Postgress → PostgreSQL".into()],
            other_checker: false,
        });
        let text = render_markup(DEFAULT_SHEET_TEMPLATE, &returning).unwrap();
        let score = returning.score;
        let change = i64::from(score) - 12;
        assert!(
            text.contains(&format!(
                "**Since your last session:** score 12 → {score} (+{change}). Improved: Cloud computing (now demonstrated). Misspellings fixed: Postgress → PostgreSQL."
            )),
            "{text}"
        );
        assert!(!text.contains("another release"), "{text}");
        // Checked last time by another release: the sheet says so after the changes.
        let mut other = returning.clone();
        if let Some(p) = &mut other.progress {
            p.other_checker = true;
        }
        let text = render_markup(DEFAULT_SHEET_TEMPLATE, &other).unwrap();
        assert!(
            text.contains(
                "Misspellings fixed: Postgress → PostgreSQL. Last time's report came from another \
                 release of toolkit, which may have judged the same lines differently.\n"
            ),
            "{text}"
        );
    }
}
