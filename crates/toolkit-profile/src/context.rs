//! What makes a line technical and which labelled lines are lists: word lists a profile
//! may declare in a `[context]` table, with built-in defaults (`profiles/context.toml`).

use std::sync::OnceLock;

use serde::Deserialize;

/// `profiles/context.toml`, as JSON (written by `build.rs`).
const BUILTIN: &str = include_str!(concat!(env!("OUT_DIR"), "/context.json"));

/// Context word lists (lower case).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// Words that make an ambiguous term read as technology ("a Python script").
    pub technical_words: Vec<String>,
    /// Words that may follow an ambiguous term after a hyphen ("Go-based").
    pub hyphen_suffixes: Vec<String>,
    /// Labels of a stack line under a job or project ("Stack: Go, Redis").
    pub stack_labels: Vec<String>,
    /// Labels of a keyword line ("Skills: Python, SQL"), whose terms are only listed.
    pub keyword_labels: Vec<String>,
    /// Words that may precede a keyword label ("Key skills:").
    #[serde(default)]
    pub keyword_qualifiers: Vec<String>,
    /// What a line says when an entry is empty ("None", "N/A"): under a heading that is
    /// evidence by itself (certifications), such a line is not.
    #[serde(default = "builtin_placeholders")]
    pub placeholders: Vec<String>,
}

fn builtin_placeholders() -> Vec<String> {
    Context::builtin().placeholders.clone()
}

impl Context {
    /// The built-in defaults (parsed once).
    pub fn builtin() -> &'static Context {
        static C: OnceLock<Context> = OnceLock::new();
        C.get_or_init(|| serde_json::from_str(BUILTIN).expect("built-in context is valid"))
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        let lists = [
            ("technical_words", &self.technical_words),
            ("hyphen_suffixes", &self.hyphen_suffixes),
            ("stack_labels", &self.stack_labels),
            ("keyword_labels", &self.keyword_labels),
            ("keyword_qualifiers", &self.keyword_qualifiers),
            ("placeholders", &self.placeholders),
        ];
        for (name, list) in lists {
            if let Some(bad) = list
                .iter()
                .find(|w| w.trim().is_empty() || w.trim() != *w || w.to_lowercase() != **w)
            {
                return Err(format!(
                    "context `{name}`: `{bad}` must be a non-empty lower-case word"
                ));
            }
        }
        Ok(())
    }
}
