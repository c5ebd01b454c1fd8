//! The cohort report: a coach's view of many checked resumes at once.

use serde::Serialize;
use toolkit_match::Status;
use toolkit_profile::Profile;

use crate::{BrandInfo, CohortProgress, ProfileInfo};

/// The most clients the topic-by-client grid shows: past a few pages a grid stops
/// being a glance, and `summary.csv` has every row. It also keeps the report's size,
/// and the memory to lay it out, flat however large the cohort.
pub const GRID_MAX: usize = 200;

/// The default cohort-report template (handlebars producing markup).
pub const DEFAULT_COHORT_TEMPLATE: &str = include_str!("../../../templates/cohort.hbs");

/// What the cohort report keeps of one checked resume: a few bytes, so a batch of
/// thousands stays small in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortEntry {
    pub name: String,
    pub score: u32,
    /// One status per profile topic, in profile order.
    pub statuses: Vec<Status>,
}

/// The cohort report model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    pub profile: ProfileInfo,
    pub date: String,
    /// Resumes checked.
    pub clients: usize,
    /// Inputs that could not be read.
    pub failed: usize,
    pub average: u32,
    pub median: u32,
    /// Score bands from low to high, with how many clients fall in each.
    pub bands: Vec<Band>,
    /// Topics ordered by how many clients miss them, most first.
    pub gaps: Vec<CohortTopic>,
    /// Topic numbers and titles, in profile order: the grid's legend.
    pub topics: Vec<TopicKey>,
    /// The topic-by-client grid, one row per client, in input order (the first
    /// [`GRID_MAX`] clients).
    pub grid: Vec<GridRow>,
    /// Clients in the grid, and clients left out of it (0 when it shows everyone).
    pub grid_shown: usize,
    pub grid_omitted: usize,
    /// Progress since an earlier run (`batch --compare`), when there is one.
    pub progress: Option<CohortProgress>,
    /// The coach's organisation, when the report is branded.
    pub brand: Option<BrandInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Band {
    pub label: String,
    pub count: usize,
    /// A bar of `█` characters proportional to the count.
    pub bar: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortTopic {
    pub number: usize,
    pub title: String,
    pub missing: usize,
    pub listed: usize,
    pub demonstrated: usize,
    /// Share of clients missing the topic, in whole percent.
    pub missing_percent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicKey {
    pub number: usize,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GridRow {
    pub name: String,
    pub score: u32,
    /// Markup badges, one per topic.
    pub cells: Vec<String>,
}

impl Cohort {
    pub fn new(profile: &Profile, date: &str, entries: &[CohortEntry], failed: usize) -> Cohort {
        let n = entries.len();
        let mut scores: Vec<u32> = entries.iter().map(|e| e.score).collect();
        scores.sort_unstable();
        let average = if n == 0 {
            0
        } else {
            (scores.iter().map(|&s| f64::from(s)).sum::<f64>() / n as f64).round() as u32
        };
        let median = match n {
            0 => 0,
            _ if n % 2 == 1 => scores[n / 2],
            _ => (scores[n / 2 - 1] + scores[n / 2]).div_ceil(2),
        };
        let band_of = |s: u32| (s / 20).min(4) as usize;
        let mut counts = [0usize; 5];
        for &s in &scores {
            counts[band_of(s)] += 1;
        }
        let widest = counts.iter().copied().max().unwrap_or(0).max(1);
        let bands = counts
            .iter()
            .enumerate()
            .map(|(i, &count)| Band {
                label: if i == 4 {
                    "80–100".to_string()
                } else {
                    format!("{}–{}", i * 20, i * 20 + 19)
                },
                count,
                bar: "█".repeat((count * 30).div_ceil(widest).min(30) * usize::from(count > 0)),
            })
            .collect();
        let mut gaps: Vec<CohortTopic> = profile
            .topics
            .iter()
            .enumerate()
            .map(|(ti, t)| {
                let with = |status: Status| {
                    entries
                        .iter()
                        .filter(|e| e.statuses.get(ti) == Some(&status))
                        .count()
                };
                let missing = with(Status::Missing);
                CohortTopic {
                    number: ti + 1,
                    title: t.title.clone(),
                    missing,
                    listed: with(Status::Listed),
                    demonstrated: with(Status::Demonstrated),
                    missing_percent: if n == 0 {
                        0
                    } else {
                        (100.0 * missing as f64 / n as f64).round() as u32
                    },
                }
            })
            .collect();
        // Most missed first; then most only-listed; then profile order.
        gaps.sort_by(|a, b| {
            b.missing
                .cmp(&a.missing)
                .then(b.listed.cmp(&a.listed))
                .then(a.number.cmp(&b.number))
        });
        Cohort {
            profile: ProfileInfo {
                id: profile.id.clone(),
                title: profile.title.clone(),
            },
            date: date.to_string(),
            clients: n,
            failed,
            average,
            median,
            bands,
            gaps,
            topics: profile
                .topics
                .iter()
                .enumerate()
                .map(|(i, t)| TopicKey {
                    number: i + 1,
                    title: t.title.clone(),
                })
                .collect(),
            grid_shown: n.min(GRID_MAX),
            grid_omitted: n.saturating_sub(GRID_MAX),
            grid: entries
                .iter()
                .take(GRID_MAX)
                .map(|e| GridRow {
                    name: e.name.clone(),
                    score: e.score,
                    cells: e
                        .statuses
                        .iter()
                        .map(|s| format!("{{{}}}", s.as_str()))
                        .collect(),
                })
                .collect(),
            progress: None,
            brand: None,
        }
    }

    /// The report with a progress section.
    pub fn with_progress(mut self, progress: CohortProgress) -> Cohort {
        self.progress = Some(progress);
        self
    }

    /// Names the coach's organisation on the report.
    pub fn with_brand(mut self, brand: BrandInfo) -> Cohort {
        self.brand = Some(brand);
        self
    }
}
