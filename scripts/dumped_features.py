"""What the probes share: the lines `toolkit-train --dump` writes, read as `just train` reads them.

Imported by `scripts/nonlinear-probe` and `scripts/sign-probe`: a model's training lines as a
matrix of the named features and the stems held by three training lines or more (the vocabulary
of `just train`), and presence F1 at the threshold that gives the best mean over writers, as
`just train` chooses its threshold.
"""
import collections, json

import numpy as np
from scipy.sparse import csr_matrix


def read(path):
    """Every row of a dump file."""
    with open(path) as f:
        return [json.loads(line) for line in f]


def training_matrix(rows, model, dtype=np.float64):
    """The training lines of `model`: `(rows, x, index)`, `index` naming each column
    (`f:FEATURE` or `w:STEM`)."""
    rs = [r for r in rows if r["model"] == model and r["split"] == "train"]
    held_by = collections.Counter(w for r in rs for w in set(r["words"]))
    index = {}
    for r in rs:
        for f in r["features"]:
            index.setdefault("f:" + f, len(index))
    for w in sorted(held_by):
        if held_by[w] >= 3:
            index.setdefault("w:" + w, len(index))
    cols, ptr = [], [0]
    for r in rs:
        on = {index["f:" + f] for f in r["features"]}
        on |= {index["w:" + w] for w in r["words"] if "w:" + w in index}
        cols += sorted(on)
        ptr.append(len(cols))
    x = csr_matrix((np.ones(len(cols), dtype), cols, ptr), shape=(len(rs), len(index)))
    return rs, x, index


def f1(pred, truth):
    tp = int((pred & truth).sum())
    return 2 * tp / max(1, 2 * tp + int((pred & ~truth).sum()) + int((~pred & truth).sum()))


def best_threshold(presence, truth, writers):
    """`(mean F1 over writers with ten positive lines or more, pooled F1, threshold)` at
    the threshold with the best mean."""
    best = None
    for t in np.arange(0.15, 0.86, 0.05):
        pred = presence > t
        per = [f1(pred[writers == w], truth[writers == w])
               for w in np.unique(writers) if truth[writers == w].sum() >= 10]
        mean = float(np.mean(per))
        if best is None or mean > best[0]:
            best = (mean, f1(pred, truth), t)
    return best
