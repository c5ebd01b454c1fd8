//! The labelled line corpus: reading it and turning each line into the features the
//! matcher's models see.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toolkit_document::{Format, Limits};
use toolkit_match::Matcher;

/// One labelled resume line.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledLine {
    pub id: String,
    pub section: String,
    pub text: String,
    #[serde(rename = "problem-solving")]
    pub problem_solving: Label,
    pub collaboration: Label,
    pub learning: Label,
    #[serde(rename = "debugging-tools")]
    pub debugging_tools: Label,
    #[serde(default)]
    pub split: Split,
    /// The file the line came from: each file is one writer's.
    #[serde(skip)]
    pub writer: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    No,
    Listed,
    Yes,
}

impl Label {
    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    #[default]
    Train,
    Test,
}

impl LabelledLine {
    /// The label of a topic of the line corpus.
    pub fn label(&self, topic: &str) -> Option<Label> {
        Some(match topic {
            "problem-solving" => self.problem_solving,
            "collaboration" => self.collaboration,
            "learning" => self.learning,
            "debugging-tools" => self.debugging_tools,
            _ => return None,
        })
    }

    /// The line as a one-line resume, under the heading of its section (a `header` line
    /// right under the name), as `scripts/score-lines` places it.
    pub fn as_resume(&self) -> String {
        let heading = match self.section.as_str() {
            "projects" => Some("Projects"),
            "education" => Some("Education"),
            "activities" => Some("Activities"),
            "volunteering" => Some("Volunteering"),
            "summary" => Some("Summary"),
            "skills" => Some("Skills"),
            "certifications" => Some("Certifications"),
            "interests" => Some("Interests"),
            "other" => Some("Other"),
            "header" => None,
            _ => Some("Experience"),
        };
        let under = heading.map_or(String::new(), |h| format!("## {h}\n\n"));
        if matches!(self.section.as_str(), "summary" | "header") {
            format!("# Sam Example\n\n{under}{}\n", self.text)
        } else {
            format!("# Sam Example\n\n{under}- {}\n", self.text)
        }
    }
}

/// One training example: a line's features for one model, its label, and whether its
/// section caps it at `listed`.
#[derive(Debug, Clone)]
pub struct Example {
    /// Index of the line in the corpus.
    pub line: usize,
    /// The indices of the features that are on (model features, then words of the
    /// vocabulary once [`Example::with_words`] has run).
    pub active: Vec<usize>,
    /// The stems of the sentence's counted words.
    pub words: Vec<String>,
    pub label: Label,
    pub capped: bool,
    pub split: Split,
    /// Its writer (the file it came from).
    pub writer: usize,
}

/// Cross-validation holds out the writers of one fold at a time; writer `w` is in
/// fold `w % FOLDS`. Fewer folds than writers keep `just train` to minutes as the
/// corpus grows, and every line is still scored by a model that saw none of its
/// writer's lines.
pub const FOLDS: usize = 10;

/// The `.jsonl` files of a corpus folder, sorted.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    out.sort();
    if out.is_empty() {
        return Err(format!("{}: no .jsonl files", dir.display()));
    }
    Ok(out)
}

/// Reads every line of the corpus files.
pub fn read(files: &[PathBuf]) -> Result<Vec<LabelledLine>, String> {
    let mut out = Vec::new();
    for (writer, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut l: LabelledLine = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", f.display(), n + 1))?;
            l.writer = writer;
            out.push(l);
        }
    }
    Ok(out)
}

/// The examples of every model: (model name, topic id, examples).
pub fn examples(matcher: &Matcher, lines: &[LabelledLine]) -> Vec<(String, String, Vec<Example>)> {
    let mut by_model: Vec<(String, String, Vec<Example>)> = Vec::new();
    for (index, l) in lines.iter().enumerate() {
        let doc = toolkit_document::read(
            l.as_resume().as_bytes(),
            Format::Markdown,
            &Limits::default(),
        )
        .expect("a one-line resume reads");
        // The line itself is the last line of the resume (the first is the name).
        let last = doc.lines().map(|(_, line)| line.number).max();
        for f in matcher.sentence_features(&doc) {
            if Some(f.line) != last {
                continue;
            }
            let Some(label) = l.label(&f.topic) else {
                continue;
            };
            let slot = match by_model.iter().position(|(m, _, _)| *m == f.model) {
                Some(i) => i,
                None => {
                    by_model.push((f.model.clone(), f.topic.clone(), Vec::new()));
                    by_model.len() - 1
                }
            };
            by_model[slot].2.push(Example {
                line: index,
                active: f.active.iter().map(|&i| i as usize).collect(),
                words: f.words,
                label,
                capped: f.cap == toolkit_match::Status::Listed,
                split: l.split,
                writer: l.writer,
            });
        }
    }
    by_model.sort_by(|a, b| a.0.cmp(&b.0));
    by_model
}

/// A model's examples without the lines of the files it is not fitted on (by name,
/// without `.jsonl`), its writers numbered again in file order, so that its folds are
/// those of a corpus without those files. Naming a file the corpus does not have is an
/// error.
pub fn without_files(
    examples: Vec<Example>,
    files: &[PathBuf],
    left_out: &[String],
) -> Result<Vec<Example>, String> {
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    if let Some(missing) = left_out.iter().find(|n| !names.contains(n)) {
        return Err(format!(
            "not_fitted_on: the line corpus has no file {missing}.jsonl"
        ));
    }
    // The new number of each writer, or none when its file is left out.
    let mut next = 0;
    let renumbered: Vec<Option<usize>> = names
        .iter()
        .map(|name| {
            (!left_out.contains(name)).then(|| {
                next += 1;
                next - 1
            })
        })
        .collect();
    Ok(examples
        .into_iter()
        .filter_map(|mut e| {
            e.writer = renumbered[e.writer]?;
            Some(e)
        })
        .collect())
}

impl Example {
    /// The fold it is held out in during cross-validation: a writer's lines are
    /// always held out together.
    pub fn fold(&self) -> usize {
        self.writer % FOLDS
    }

    /// Adds the vocabulary words of the sentence to its active features.
    pub fn with_words(&mut self, vocabulary: &std::collections::BTreeMap<String, usize>) {
        for w in &self.words {
            if let Some(&i) = vocabulary.get(w)
                && !self.active.contains(&i)
            {
                self.active.push(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(section: &str) -> LabelledLine {
        LabelledLine {
            id: "t-0001".into(),
            section: section.into(),
            text: "Renewed my first-aid certificate".into(),
            problem_solving: Label::No,
            collaboration: Label::No,
            learning: Label::Yes,
            debugging_tools: Label::No,
            split: Split::Train,
            writer: 0,
        }
    }

    /// A line is fitted where `scripts/score-lines` scores it: under its own section's
    /// heading, a header line under the name with none.
    #[test]
    fn a_line_stands_under_its_sections_heading() {
        let text = "Renewed my first-aid certificate";
        for (section, under) in [
            ("certifications", "## Certifications\n\n- "),
            ("interests", "## Interests\n\n- "),
            ("header", ""),
            ("summary", "## Summary\n\n"),
            ("experience", "## Experience\n\n- "),
        ] {
            assert_eq!(
                line(section).as_resume(),
                format!("# Sam Example\n\n{under}{text}\n"),
                "{section}"
            );
        }
    }

    /// A model not fitted on a file loses that file's lines, and the writers after it
    /// take the numbers they would have in a corpus without it (so the same folds).
    #[test]
    fn a_file_left_out_is_left_out_and_the_writers_after_it_close_up() {
        let files: Vec<PathBuf> = ["co.jsonl", "le.jsonl", "ps.jsonl"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let example = |line: usize, writer: usize| Example {
            line,
            active: Vec::new(),
            words: Vec::new(),
            label: Label::No,
            capped: false,
            split: Split::Train,
            writer,
        };
        let examples = vec![example(0, 0), example(1, 1), example(2, 2), example(3, 2)];
        let kept = without_files(examples.clone(), &files, &["le".to_string()]).unwrap();
        let got: Vec<(usize, usize)> = kept.iter().map(|e| (e.line, e.writer)).collect();
        assert_eq!(got, [(0, 0), (2, 1), (3, 1)]);
        let all = without_files(examples, &files, &[]).unwrap();
        assert_eq!(all.len(), 4);
        assert!(all.iter().zip(0..).all(|(e, i)| e.line == i));
        let err = without_files(Vec::new(), &files, &["dt".to_string()]).unwrap_err();
        assert_eq!(err, "not_fitted_on: the line corpus has no file dt.jsonl");
    }
}
