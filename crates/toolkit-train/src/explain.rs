//! `--explain MODEL FILE`: why the shipped weights (the ones compiled into the
//! matcher) decide each line of a labelled file as they do. For each line it prints
//! the label, the decision, the margin of presence and the features that weigh most,
//! with their weights: the first thing to read when a line is misjudged.

use std::fmt::Write as _;
use std::path::Path;

use toolkit_match::Matcher;
use toolkit_match::behaviour::WORD_PREFIX;
use toolkit_profile::{Behaviour, Feature, weights};

use crate::corpus;
use crate::fit;

/// How many features are shown for a line.
const SHOWN: usize = 8;

/// Explains every line of `file` for `model`.
pub fn run(matcher: &Matcher, model: &str, file: &Path) -> Result<(), String> {
    let behaviour = Behaviour::builtin();
    let spec = behaviour
        .models
        .get(model)
        .ok_or_else(|| format!("unknown model `{model}`"))?;
    let column =
        weights::model_column(model).ok_or_else(|| format!("model `{model}` has no weights"))?;
    let names: Vec<String> = spec.features().iter().map(Feature::name).collect();
    let lines = corpus::read(&[file.to_path_buf()])?;
    let examples = corpus::examples(matcher, &lines);
    let Some((_, topic, examples)) = examples.iter().find(|(m, _, _)| m == model) else {
        return Err(format!("no line was judged by model `{model}`"));
    };
    let widen = |w: [f32; 3]| w.map(f64::from);
    let mut out = String::new();
    for e in examples {
        let line = &lines[e.line];
        let mut parts: Vec<(String, [f64; 3])> = e
            .active
            .iter()
            .filter_map(|&i| {
                let w = weights::named(column, &names[i])?;
                Some((names[i].clone(), widen(w)))
            })
            .collect();
        // Each distinct word counts once, as in the matcher.
        let mut words: Vec<&String> = e.words.iter().collect();
        words.sort();
        words.dedup();
        parts.extend(words.into_iter().filter_map(|w| {
            let row = weights::word_row(weights::fnv1a(w.as_bytes()))?;
            let w3: [f32; 3] = row.get(column * 3..column * 3 + 3)?.try_into().ok()?;
            Some((format!("{WORD_PREFIX}{w}"), widen(w3)))
        }));
        let z = parts.iter().fold([0.0; 3], |mut z, (_, row)| {
            for k in 0..3 {
                z[k] += row[k];
            }
            z
        });
        let got = fit::decide(z, e.capped);
        let want = line.label(topic).map_or(0, |l| l.index());
        let mark = if (want != 0) == (got != 0) { ' ' } else { '!' };
        let margin = z[1].max(z[2]) - z[0];
        let _ = writeln!(
            out,
            "{mark} {} want {want} got {got} margin {margin:+.2} [{}] {}",
            visible(&line.id),
            visible(&line.section),
            visible(&line.text)
        );
        parts.sort_by(|a, b| {
            let weight = |r: &[f64; 3]| (r[1].max(r[2]) - r[0]).abs();
            weight(&b.1).total_cmp(&weight(&a.1)).then(a.0.cmp(&b.0))
        });
        for (name, row) in parts.iter().take(SHOWN) {
            let _ = writeln!(
                out,
                "      {:+.2}  {}",
                row[1].max(row[2]) - row[0],
                visible(name)
            );
        }
    }
    print!("{out}");
    Ok(())
}

/// A labelled file's text for a terminal: control characters (an escape sequence
/// that would drive it) are written as `\u{1b}`.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(
            super::visible("Fixed \u{1b}[2Jbugs\tfast"),
            "Fixed \\u{1b}[2Jbugs\\u{9}fast"
        );
    }
}
