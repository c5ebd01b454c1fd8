//! Precision, recall and F1 of presence (yes or listed), and 3-class accuracy.

use crate::corpus::{Example, Label};

#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub exact: usize,
    pub n: usize,
}

impl Score {
    pub fn add(&mut self, want: Label, got: usize) {
        let (pw, pg) = (want != Label::No, got != 0);
        self.tp += usize::from(pw && pg);
        self.fp += usize::from(pg && !pw);
        self.fn_ += usize::from(pw && !pg);
        self.exact += usize::from(want.index() == got);
        self.n += 1;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.exact, self.n)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Scores predictions for examples.
pub fn score<'a>(
    examples: impl IntoIterator<Item = &'a Example>,
    predict: impl Fn(&Example) -> usize,
) -> Score {
    let mut s = Score::default();
    for e in examples {
        s.add(e.label, predict(e));
    }
    s
}
