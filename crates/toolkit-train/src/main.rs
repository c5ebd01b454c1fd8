//! `toolkit-train`: fits the behaviour models of the matcher on the labelled line
//! corpus and writes their weights beside the profile.
//!
//! ```text
//! toolkit-train [--corpus DIR] [--out FILE] [--errors MODEL]
//! toolkit-train --explain MODEL FILE.jsonl
//! toolkit-train [--corpus DIR] --dump FILE.jsonl
//! ```
//!
//! Besides an L2 penalty, the fit penalises each weight as dropping features at
//! random while fitting would (the quadratic approximation of dropout: a weight
//! costs more the more lines hold its feature and the less sure the model is of
//! them), which spreads a decision over more words than the one a writer happened
//! to use.
//!
//! For each model, the two penalties and the threshold of presence are chosen by
//! cross-validation on the corpus's training split, holding out a few writers' files at
//! a time (so the choice favours what carries over to phrasing the model has not seen),
//! by the mean F1 over writers rather than the F1 of all lines pooled;
//! the model is then fitted on the whole training split and scored on the test split,
//! which nothing is ever tuned on. Everything is deterministic: the same corpus gives
//! byte-identical weights.

mod corpus;
mod eval;
mod explain;
mod fingerprint;
mod fit;

use std::collections::BTreeMap;
use std::path::PathBuf;

use std::fmt::Write as _;
use toolkit_match::Matcher;
use toolkit_match::behaviour::WORD_PREFIX;

use toolkit_profile::{Behaviour, DEFAULT_PROFILE, Feature, Profile};

use crate::corpus::{Example, FOLDS, Split};
use crate::eval::Score;
use crate::fingerprint::Fingerprint;
use crate::fit::Settings;

/// Each held-out example's index and its three scores from the fold that left it out.
type Held = Vec<(usize, [f64; 3])>;

/// The best settings found so far for a model, with what cross-validation gave them.
struct Choice {
    settings: Settings,
    /// Added to `listed` and `yes` (the threshold of presence).
    shift: f64,
    /// The held-out decisions of every writer, pooled.
    pooled: Score,
    held: Held,
    /// The mean F1 over writers, which the choice maximises.
    mean: f64,
}

/// A word whose weights are all smaller than this is left out of the model.
const PRUNE: f64 = 0.01;

/// A word becomes a feature when at least this many training lines hold it. Two lines,
/// and three lines of three writers, were each fitted and scored on the evaluation sets
/// of `corpus/eval/`: both lost teamwork F1 and resume cells (`corpus/eval/README.md`,
/// "Stop 28").
const MIN_WORD_LINES: usize = 3;
const PENALTIES: [f64; 2] = [0.00003, 0.0001];
/// Dropout rates tried (no model chose none on cross-validation).
const DROPOUTS: [f64; 3] = [0.2, 0.5, 0.7];

struct Args {
    corpus: PathBuf,
    out: PathBuf,
    /// Print the training lines that cross-validation gets wrong for this model.
    errors: Option<String>,
    /// Explain the shipped weights' decisions for this model on a labelled file.
    explain: Option<(String, PathBuf)>,
    /// Write what every model sees of every line, as JSON lines, and stop.
    dump: Option<PathBuf>,
}

/// The repository's root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The line corpus and the weights file, from the root.
const CORPUS: &str = "corpus/lines";
const WEIGHTS: &str = "crates/toolkit-profile/profiles/behaviour.weights.tsv";

fn args() -> Result<Args, String> {
    let mut a = Args {
        corpus: root().join(CORPUS),
        out: root().join(WEIGHTS),
        errors: None,
        explain: None,
        dump: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--corpus" => a.corpus = PathBuf::from(value()?),
            "--out" => a.out = PathBuf::from(value()?),
            "--errors" => a.errors = Some(value()?),
            "--dump" => a.dump = Some(PathBuf::from(value()?)),
            "--explain" => {
                let model = value()?;
                a.explain = Some((model, PathBuf::from(value()?)));
            }
            "-h" | "--help" => {
                println!("toolkit-train [--corpus DIR] [--out FILE] [--errors MODEL]");
                println!("toolkit-train --explain MODEL FILE.jsonl");
                println!("toolkit-train [--corpus DIR] --dump FILE.jsonl");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(a)
}

/// The stems held by enough training lines, numbered after the model's features.
fn vocabulary(examples: &[Example], first: usize) -> BTreeMap<String, usize> {
    let mut lines: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples.iter().filter(|e| e.split == Split::Train) {
        let mut seen: Vec<&str> = e.words.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            *lines.entry(w).or_default() += 1;
        }
    }
    lines
        .into_iter()
        .filter(|(_, n)| *n >= MIN_WORD_LINES)
        .enumerate()
        .map(|(i, (w, _))| (w.to_string(), first + i))
        .collect()
}

fn settings(l2: f64, dropout: f64) -> Settings {
    Settings {
        l2,
        dropout,
        iterations: 1000,
        rate: 0.5,
    }
}

/// Each training example's scores from a model fitted without its writer's lines
/// (a fold is a group of whole writers, so the scores show how the model does on phrasing
/// it has not seen), with its index.
fn cross_validate(examples: &[Example], n_features: usize, settings: &Settings) -> Held {
    let held_out = |fold: usize| -> Held {
        let train: Vec<&Example> = examples
            .iter()
            .filter(|e| e.split == Split::Train && e.fold() != fold)
            .collect();
        let w = fit::fit(&train, n_features, settings);
        examples
            .iter()
            .enumerate()
            .filter(|(_, e)| e.split == Split::Train && e.fold() == fold)
            .map(|(i, e)| (i, fit::scores(&w, &e.active)))
            .collect()
    };
    // The folds are independent: one thread per core, results joined in fold order,
    // so the outcome does not depend on the number of threads.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut per_fold: Vec<Vec<(usize, [f64; 3])>> = vec![Vec::new(); FOLDS];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let held_out = &held_out;
                scope.spawn(move || {
                    (t..FOLDS)
                        .step_by(threads)
                        .map(|fold| (fold, held_out(fold)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (fold, scores) in h.join().expect("a fold thread does not panic") {
                per_fold[fold] = scores;
            }
        }
    });
    per_fold.into_iter().flatten().collect()
}

/// A writer counts in the mean F1 with at least this many lines showing the topic.
const MIN_WRITER_POSITIVES: usize = 10;

/// The mean F1 over writers of held-out decisions, each writer with at least
/// [`MIN_WRITER_POSITIVES`] lines showing the topic counting once. The choice of
/// penalty and threshold maximises it rather than the F1 of all lines pooled, which
/// the few writers who wrote many lines on a topic dominate: the tool meets one
/// new writer at a time, and a threshold that suits most writers carries over to
/// the next one better than one that suits the largest files.
fn mean_f1_by_writer(by_writer: &[Score]) -> f64 {
    let counted: Vec<f64> = by_writer
        .iter()
        .filter(|s| s.tp + s.fn_ >= MIN_WRITER_POSITIVES)
        .map(Score::f1)
        .collect();
    counted.iter().sum::<f64>() / counted.len().max(1) as f64
}

/// Scores with `shift` added to `listed` and `yes` (the threshold of presence).
fn shifted(z: [f64; 3], shift: f64) -> [f64; 3] {
    [z[0], z[1] + shift, z[2] + shift]
}

/// How far the threshold of presence may move towards recall.
const SHIFTS: [f64; 7] = [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5];

fn line(name: &str, s: &Score) -> String {
    format!(
        "{name:<24} P {:.3}  R {:.3}  F1 {:.3}  3-class {:.3}  (n {})",
        s.precision(),
        s.recall(),
        s.f1(),
        s.accuracy(),
        s.n
    )
}

/// The fingerprint of a fit's inputs: the settings it chooses among and what every
/// model sees of every training line.
fn fingerprint(
    behaviour: &Behaviour,
    by_model: &[(String, String, Vec<corpus::Example>)],
    lines: &[corpus::LabelledLine],
) -> Fingerprint {
    let mut print = Fingerprint::default();
    print.add(&format!(
        "{PENALTIES:?} {DROPOUTS:?} {SHIFTS:?} {MIN_WORD_LINES} {PRUNE} \
         {MIN_WRITER_POSITIVES} {FOLDS} {:?}",
        settings(0.0, 0.0)
    ));
    for (model, _, examples) in by_model {
        print.add_model(model, &behaviour.models[model].features(), examples, lines);
    }
    print
}

/// What every model is fitted on: its examples from every line of the corpus but the
/// files its behaviour data leaves out (`not_fitted_on`).
fn fitted_on(
    matcher: &Matcher,
    behaviour: &Behaviour,
    files: &[PathBuf],
    lines: &[corpus::LabelledLine],
) -> Result<Vec<(String, String, Vec<Example>)>, String> {
    corpus::examples(matcher, lines)
        .into_iter()
        .map(|(model, topic, examples)| {
            let left_out = &behaviour.models[&model].not_fitted_on;
            let examples = corpus::without_files(examples, files, left_out)
                .map_err(|e| format!("model {model}: {e}"))?;
            Ok((model, topic, examples))
        })
        .collect()
}

fn run() -> Result<(), String> {
    let args = args()?;
    let profile = Profile::builtin(DEFAULT_PROFILE).map_err(|e| e.to_string())?;
    let matcher = Matcher::new(&profile).map_err(|e| e.to_string())?;
    if let Some((model, file)) = &args.explain {
        return explain::run(&matcher, model, file);
    }
    let behaviour = Behaviour::builtin();
    let files = corpus::files(&args.corpus)?;
    let lines = corpus::read(&files)?;
    let train_n = lines.iter().filter(|l| l.split == Split::Train).count();
    println!(
        "{} lines in {} files ({train_n} train, {} test)",
        lines.len(),
        files.len(),
        lines.len() - train_n
    );

    let by_model = fitted_on(&matcher, behaviour, &files, &lines)?;
    if let Some(path) = &args.dump {
        return dump(behaviour, &by_model, &lines, path);
    }
    let mut tsv = format!(
        "# Weights of the behaviour models, written by `just train` (crates/toolkit-train):\n\
         # fitted on the {train_n} training lines of corpus/lines, with the penalty and the\n\
         # threshold chosen by cross-validation that holds out whole writers (the best mean F1 over\n\
         # writers). Word weights under {PRUNE} are left out.\n\
         {}\n\
         # model\tfeature\tno\tlisted\tyes\n",
        fingerprint(behaviour, &by_model, &lines).header()
    );
    for (model, topic, mut examples) in by_model {
        let spec = &behaviour.models[&model];
        let features: Vec<Feature> = spec.features();
        let mut names: Vec<String> = features.iter().map(Feature::name).collect();
        if spec.words {
            let vocabulary = vocabulary(&examples, names.len());
            for e in &mut examples {
                e.with_words(&vocabulary);
            }
            let mut by_index: Vec<(&usize, &String)> =
                vocabulary.iter().map(|(w, i)| (i, w)).collect();
            by_index.sort();
            names.extend(
                by_index
                    .into_iter()
                    .map(|(_, w)| format!("{WORD_PREFIX}{w}")),
            );
        }
        let n = names.len();
        let mut best: Option<Choice> = None;
        for (l2, dropout) in PENALTIES
            .iter()
            .flat_map(|&l| DROPOUTS.iter().map(move |&d| (l, d)))
        {
            let candidate = settings(l2, dropout);
            let held = cross_validate(&examples, n, &candidate);
            for shift in SHIFTS {
                let mut pooled = Score::default();
                let mut writers = vec![Score::default(); files.len()];
                for (i, z) in &held {
                    let e = &examples[*i];
                    let got = fit::decide(shifted(*z, shift), e.capped);
                    pooled.add(e.label, got);
                    writers[e.writer].add(e.label, got);
                }
                let mean = mean_f1_by_writer(&writers);
                if best.as_ref().is_none_or(|b| mean > b.mean + 1e-9) {
                    best = Some(Choice {
                        settings: candidate.clone(),
                        shift,
                        pooled,
                        held: held.clone(),
                        mean,
                    });
                }
            }
        }
        let Choice {
            settings: chosen,
            shift,
            pooled,
            held,
            mean,
        } = best.expect("at least one penalty");
        if args.errors.as_deref() == Some(model.as_str()) {
            for (i, z) in held {
                let e = &examples[i];
                let got = fit::decide(shifted(z, shift), e.capped);
                let l = &lines[e.line];
                let want = l.label(&topic).map_or(0, |x| x.index());
                if (want != 0) != (got != 0) {
                    println!(
                        "  {}: want {want} got {got} [{}] {}",
                        explain::visible(&l.id),
                        explain::visible(&l.section),
                        explain::visible(&l.text)
                    );
                }
            }
        }
        let train: Vec<&Example> = examples
            .iter()
            .filter(|e| e.split == Split::Train)
            .collect();
        let mut w = fit::fit(&train, n, &chosen);
        // The chosen threshold lives in the bias; words that barely count are left out.
        w[0][1] += shift;
        w[0][2] += shift;
        for (name, row) in names.iter().zip(w.iter_mut()) {
            *row = row.map(|v| (v * 10_000.0).round() / 10_000.0);
            if name.starts_with(WORD_PREFIX) && row.iter().all(|v| v.abs() < PRUNE) {
                *row = [0.0; 3];
            }
        }
        let test = eval::score(examples.iter().filter(|e| e.split == Split::Test), |e| {
            fit::predict(&w, e)
        });
        println!(
            "{topic} (model `{model}`, L2 {}, dropout {}, shift {shift}):",
            chosen.l2, chosen.dropout
        );
        println!("  {}", line("held out (train, pooled)", &pooled));
        println!("  mean F1 over writers     {mean:.3}");
        println!("  {}", line("test split", &test));
        for (name, row) in names.iter().zip(&w) {
            if name.starts_with(WORD_PREFIX) && row.iter().all(|v| *v == 0.0) {
                continue;
            }
            let _ = writeln!(tsv, "{model}\t{name}\t{}\t{}\t{}", row[0], row[1], row[2]);
        }
    }
    std::fs::write(&args.out, tsv).map_err(|e| format!("{}: {e}", args.out.display()))?;
    println!("wrote {}", args.out.display());
    Ok(())
}

/// What every model sees of every line, one JSON object a line: the model, the line's
/// id, writer, fold, split, label and cap, its active named features and its stems.
fn dump(
    behaviour: &Behaviour,
    by_model: &[(String, String, Vec<corpus::Example>)],
    lines: &[corpus::LabelledLine],
    path: &std::path::Path,
) -> Result<(), String> {
    let mut out = String::new();
    for (model, topic, examples) in by_model {
        let names: Vec<String> = behaviour.models[model]
            .features()
            .iter()
            .map(Feature::name)
            .collect();
        for e in examples {
            let row = serde_json::json!({
                "model": model,
                "topic": topic,
                "id": lines[e.line].id,
                "writer": e.writer,
                "fold": e.fold(),
                "split": if e.split == Split::Train { "train" } else { "test" },
                "label": e.label.index(),
                "capped": e.capped,
                "features": e.active.iter().map(|&i| names[i].as_str()).collect::<Vec<_>>(),
                "words": e.words,
            });
            let _ = writeln!(out, "{row}");
        }
    }
    std::fs::write(path, out).map_err(|e| format!("{}: {e}", path.display()))
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped weights were fitted on the features the program computes now: a
    /// change to the word classes, the sentence reader, the corpus or the training
    /// settings needs `just train` to be run again and its weights committed with it.
    #[test]
    fn the_shipped_weights_were_fitted_on_todays_features() {
        let shipped =
            std::fs::read_to_string(root().join(WEIGHTS)).expect("the weights file is readable");
        let profile = Profile::builtin(DEFAULT_PROFILE).expect("the built-in profile loads");
        let matcher = Matcher::new(&profile).expect("the built-in profile compiles");
        let files = corpus::files(&root().join(CORPUS)).expect("the line corpus is there");
        let lines = corpus::read(&files).expect("the line corpus reads");
        let by_model = fitted_on(&matcher, Behaviour::builtin(), &files, &lines)
            .expect("the models' left-out files are in the corpus");
        let now = fingerprint(Behaviour::builtin(), &by_model, &lines).hex();
        assert_eq!(
            fingerprint::recorded(&shipped),
            Some(now.as_str()),
            "the weights are stale: run `just train` and commit the weights it writes"
        );
    }
}
