//! Multinomial logistic regression over `no`, `listed` and `yes`, fitted by full-batch
//! gradient descent: deterministic, with an L2 penalty and a dropout penalty on every
//! weight but the bias.
//!
//! A line whose section only lists (a summary or skills line) can at most be
//! `listed` whatever the model says, so its label is censored: `listed` there means
//! "listed or yes", and the likelihood counts both.

use crate::corpus::{Example, Label};

/// Fitted weights: one row of three per feature.
pub type Weights = Vec<[f64; 3]>;

#[derive(Debug, Clone)]
pub struct Settings {
    pub l2: f64,
    /// Strength of the dropout penalty (the quadratic approximation of dropping
    /// each feature with this probability while fitting): 0 for none.
    pub dropout: f64,
    pub iterations: usize,
    pub rate: f64,
}

fn softmax(z: [f64; 3]) -> [f64; 3] {
    let m = z[0].max(z[1]).max(z[2]);
    let e = [(z[0] - m).exp(), (z[1] - m).exp(), (z[2] - m).exp()];
    let s = e[0] + e[1] + e[2];
    [e[0] / s, e[1] / s, e[2] / s]
}

pub fn scores(w: &Weights, active: &[usize]) -> [f64; 3] {
    let mut z = [0.0; 3];
    for &j in active {
        for k in 0..3 {
            z[k] += w[j][k];
        }
    }
    z
}

/// Identical examples counted once: the same active features, label and cap.
struct Group {
    active: Vec<usize>,
    label: Label,
    capped: bool,
    count: f64,
}

fn groups(examples: &[&Example]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut index = std::collections::BTreeMap::new();
    for e in examples {
        let mut active = e.active.clone();
        active.sort_unstable();
        let key = (active.clone(), e.label.index(), e.capped);
        match index.get(&key) {
            Some(&i) => {
                let g: &mut Group = &mut out[i];
                g.count += 1.0;
            }
            None => {
                index.insert(key, out.len());
                out.push(Group {
                    active,
                    label: e.label,
                    capped: e.capped,
                    count: 1.0,
                });
            }
        }
    }
    out
}

/// Fits weights on the examples (binary features).
pub fn fit(examples: &[&Example], n_features: usize, s: &Settings) -> Weights {
    let groups = groups(examples);
    let mut w: Weights = vec![[0.0; 3]; n_features];
    let mut velocity: Weights = vec![[0.0; 3]; n_features];
    let n = examples.len().max(1) as f64;
    for _ in 0..s.iterations {
        let mut grad: Weights = vec![[0.0; 3]; n_features];
        let mut curve: Weights = vec![[0.0; 3]; n_features];
        for g in &groups {
            let mut z = [0.0; 3];
            for &j in &g.active {
                for k in 0..3 {
                    z[k] += w[j][k];
                }
            }
            let p = softmax(z);
            // d(-log L)/dz_k: p_k minus the share of the observed outcome.
            let mut target = [0.0; 3];
            if g.capped && g.label == Label::Listed {
                let both = p[1] + p[2];
                target[1] = p[1] / both;
                target[2] = p[2] / both;
            } else {
                target[g.label.index()] = 1.0;
            }
            for &j in &g.active {
                for k in 0..3 {
                    grad[j][k] += g.count * (p[k] - target[k]);
                    curve[j][k] += g.count * p[k] * (1.0 - p[k]);
                }
            }
        }
        let drop = s.dropout / (1.0 - s.dropout);
        for (j, (wj, gj)) in w.iter_mut().zip(&grad).enumerate() {
            for k in 0..3 {
                let penalty = if j == 0 {
                    0.0
                } else {
                    s.l2 * wj[k] + drop * curve[j][k] / n * wj[k]
                };
                let g = gj[k] / n + penalty;
                velocity[j][k] = 0.9 * velocity[j][k] - s.rate * g;
                wj[k] += velocity[j][k];
            }
        }
    }
    w
}

/// The class a capped or uncapped prediction ends in: 0 no, 1 listed, 2 yes.
pub fn predict(w: &Weights, e: &Example) -> usize {
    decide(scores(w, &e.active), e.capped)
}

/// The class for scores: the best one, at most `listed` when capped.
pub fn decide(z: [f64; 3], capped: bool) -> usize {
    let best = (0..3)
        .max_by(|&a, &b| z[a].total_cmp(&z[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    if capped { best.min(1) } else { best }
}
