//! `--explain MODEL FILE`: why the shipped weights decide each line of a labelled
//! file as they do. For each line it prints the label, the decision, the margin of
//! presence and the features that weigh most, with their weights: the first thing to
//! read when a line is misjudged.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use toolkit_match::Matcher;
use toolkit_match::behaviour::WORD_PREFIX;
use toolkit_profile::{Behaviour, Feature};

use crate::corpus;
use crate::fit;

/// How many features are shown for a line.
const SHOWN: usize = 8;

/// The stored weights of one model, by feature name.
fn stored(tsv: &str, model: &str) -> BTreeMap<String, [f64; 3]> {
    tsv.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            if cols.next()? != model {
                return None;
            }
            let name = cols.next()?.to_string();
            let mut row = [0.0; 3];
            for v in &mut row {
                *v = cols.next()?.parse().ok()?;
            }
            Some((name, row))
        })
        .collect()
}

/// Explains every line of `file` for `model` with the weights in `weights`.
pub fn run(matcher: &Matcher, model: &str, file: &Path, weights: &Path) -> Result<(), String> {
    let behaviour = Behaviour::builtin();
    let spec = behaviour
        .models
        .get(model)
        .ok_or_else(|| format!("unknown model `{model}`"))?;
    let tsv =
        std::fs::read_to_string(weights).map_err(|e| format!("{}: {e}", weights.display()))?;
    let rows = stored(&tsv, model);
    let names: Vec<String> = spec.features().iter().map(Feature::name).collect();
    let lines = corpus::read(&[file.to_path_buf()])?;
    let examples = corpus::examples(matcher, &lines);
    let Some((_, topic, examples)) = examples.iter().find(|(m, _, _)| m == model) else {
        return Err(format!("no line was judged by model `{model}`"));
    };
    let mut out = String::new();
    for e in examples {
        let line = &lines[e.line];
        let mut parts: Vec<(String, [f64; 3])> = e
            .active
            .iter()
            .map(|&i| names[i].clone())
            .chain(e.words.iter().map(|w| format!("{WORD_PREFIX}{w}")))
            .filter_map(|name| rows.get(&name).map(|row| (name, *row)))
            .collect();
        // Each distinct word counts once, as in the matcher.
        parts.sort_by(|a, b| a.0.cmp(&b.0));
        parts.dedup_by(|a, b| a.0 == b.0);
        let mut z = [0.0; 3];
        for (_, row) in &parts {
            for k in 0..3 {
                z[k] += row[k];
            }
        }
        let got = fit::decide(z, e.capped);
        let want = line.label(topic).map_or(0, |l| l.index());
        let mark = if (want != 0) == (got != 0) { ' ' } else { '!' };
        let margin = z[1].max(z[2]) - z[0];
        let _ = writeln!(
            out,
            "{mark} {} want {want} got {got} margin {margin:+.2} [{}] {}",
            line.id, line.section, line.text
        );
        parts.sort_by(|a, b| {
            let weight = |r: &[f64; 3]| (r[1].max(r[2]) - r[0]).abs();
            weight(&b.1).total_cmp(&weight(&a.1)).then(a.0.cmp(&b.0))
        });
        for (name, row) in parts.iter().take(SHOWN) {
            let _ = writeln!(out, "      {:+.2}  {name}", row[1].max(row[2]) - row[0]);
        }
    }
    print!("{out}");
    Ok(())
}
