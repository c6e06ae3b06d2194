"""Headline models on OnionOrNot and on real titles: ``python -m slant_satire_training.headline_frontier``.

Measures, in the folds ``make eval-satire`` uses (``data.grouped_folds``:
OnionOrNot headlines each their own group, realnews titles by outlet,
Golbeck titles by site), what a headline model trained on the other folds
scores on the held-out fold at its balance point (logit 0): OnionOrNot
accuracy, real newspaper titles called satire (Title Case and sentence case
apart), and the titles of unseen satire sites' stories found. It explains
why slant's headline figure sits below what TF-IDF is said to reach on
OnionOrNot (letter case, which the runtime drops on purpose) and maps the
trade-off between OnionOrNot accuracy and real titles called satire
(model card, "Headlines"). The last rows are the shipped headline model's
settings (char 1-4-grams, real titles 0.1) with a letter-case term of weight b
(+b for a Title-Case headline, -b otherwise) and the decision point set, per
fold, on the other folds' real titles: where at most 15 % of either letter
case are called satire. A report: the shipped model is fitted by ``training``.

Models: logistic regression (liblinear, C 10) on sublinear tf-idf word
1-2-grams and char_wb 2-5-grams of the runtime's tokens (lower case, digits
folded), optionally with the log-rank-weighted mean static word vector of
the headline (the headline-meaning model's input, times 2) and real titles
as extra negatives, together weighing ``real`` times OnionOrNot's real
headlines. The cased row reads the raw headline's char_wb n-grams instead.
"""

from __future__ import annotations

import argparse
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from slant_satire.features import tokens
from slant_satire.headline_meaning import headline_words
from slant_satire.headline_model import title_case

from slant_satire_training.data import FOLDS, grouped_folds, load_examples
from slant_satire_training.headline_training import load_vectors

#: (name, cased, meaning vector, real-title weight, char n-gram range)
VARIANTS = (
    ("cased char n-grams, OnionOrNot only (plain TF-IDF)", True, False, 0.0, (2, 5)),
    ("cased char n-grams + meaning, real titles 0.1", True, True, 0.1, (2, 5)),
    ("lower-case word + char n-grams, OnionOrNot only", False, False, 0.0, (2, 5)),
    ("lower-case word + char n-grams + meaning, OnionOrNot only", False, True, 0.0, (2, 5)),
    ("the same, real titles 0.05", False, True, 0.05, (2, 5)),
    ("the same, real titles 0.1", False, True, 0.1, (2, 5)),
    ("the same, real titles 0.2", False, True, 0.2, (2, 5)),
    ("the same, char 1-4-grams, real titles 0.1", False, True, 0.1, (1, 4)),
)
MEANING_SCALE = 2.0
CASE_WEIGHTS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
TITLE_CAP = 0.15


def _blocks(cased: bool, chars: tuple[int, int]) -> list[TfidfVectorizer]:
    char = TfidfVectorizer(
        analyzer="char_wb", ngram_range=chars, lowercase=False, sublinear_tf=True, min_df=2
    )
    if cased:
        return [char]
    word = TfidfVectorizer(
        ngram_range=(1, 2), token_pattern=r"\S+", lowercase=False, sublinear_tf=True
    )
    return [word, char]


def held_out_logits(
    rows: Sequence[tuple[str, bool, int, str]],
    vectors: Any,
    cased: bool,
    meaning: bool,
    real: float,
    chars: tuple[int, int],
) -> np.ndarray:
    """Each headline's logit from a model trained on the other folds."""
    raw = [r[0] for r in rows]
    text = raw if cased else [" ".join(tokens(t)) for t in raw]
    y = np.array([r[1] for r in rows])
    fold = np.array([r[2] for r in rows])
    kind = np.array([r[3] for r in rows])
    onion, titles = kind == "onionornot", kind == "realnews"
    logits = np.zeros(len(rows))
    for k in range(FOLDS):
        train = fold != k
        weight = np.where(onion, 1.0, 0.0)
        if real:
            share = real * (train & onion & ~y).sum() / (train & titles).sum()
            weight = np.where(titles, share, weight)
        fit = np.flatnonzero(train & (weight > 0))
        mats = []
        for block in _blocks(cased, chars):
            block.fit([text[i] for i in fit])
            mats.append(block.transform(text))
        if meaning:
            mats.append(sparse.csr_matrix(vectors * MEANING_SCALE))
        x = sparse.hstack(mats).tocsr()
        model = LogisticRegression(C=10.0, solver="liblinear", max_iter=5000)
        model.fit(x[fit], y[fit], sample_weight=weight[fit])
        logits[fold == k] = model.decision_function(x[fold == k])
    return logits


def main(argv: Sequence[str] | None = None) -> None:
    """Print one row per variant."""
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    warnings.simplefilter("ignore", FutureWarning)
    examples = load_examples()
    rows = [
        (e.headline, e.satire, f, e.set_name)
        for e, f in zip(examples, grouped_folds(examples), strict=True)
        if e.headline and e.set_name in ("onionornot", "realnews", "golbeck2018")
    ]
    words, table = load_vectors()
    index = {w: i for i, w in enumerate(words)}
    rank = np.log(np.arange(len(words)) + 2.0)
    vectors = np.zeros((len(rows), table.shape[1]))
    for n, row in enumerate(rows):
        ids = [index[w] for w in headline_words(row[0]) if w in index]
        if ids:
            vectors[n] = (rank[ids, None] * table[ids]).sum(0) / rank[ids].sum()
    y = np.array([r[1] for r in rows])
    kind = np.array([r[3] for r in rows])
    onion, titles, golbeck = kind == "onionornot", kind == "realnews", kind == "golbeck2018"
    case = np.array([title_case(r[0]) for r in rows])
    print(
        "| model | OnionOrNot | Onion found | r/NotTheOnion called satire | real titles called "
        "satire (Title Case / sentence case) | Golbeck satire titles found | fake titles |"
    )
    print("|---|---|---|---|---|---|---|")
    fold = np.array([r[2] for r in rows])

    def line(name: str, called: np.ndarray) -> None:
        print(
            f"| {name} | {(called[onion] == y[onion]).mean():.3f} | "
            f"{called[onion & y].mean():.3f} | {called[onion & ~y].mean():.3f} | "
            f"{called[titles].mean():.3f} ({called[titles & case].mean():.3f} / "
            f"{called[titles & ~case].mean():.3f}) | {called[golbeck & y].mean():.3f} | "
            f"{called[golbeck & ~y].mean():.3f} |",
            flush=True,
        )

    for name, cased, meaning, real, chars in VARIANTS:
        logits = held_out_logits(rows, vectors, cased, meaning, real, chars)
        line(name, logits > 0)
    for b in CASE_WEIGHTS:
        shifted = logits + np.where(case, b, -b)
        called = np.zeros(len(rows), dtype=bool)
        for k in range(FOLDS):
            other = titles & (fold != k)
            cut = max(_cut(shifted[other & case]), _cut(shifted[other & ~case]))
            called[fold == k] = shifted[fold == k] >= cut
        line(f"the last + letter case b = {b}, at most {TITLE_CAP:.0%} of real titles", called)


def _cut(scores: np.ndarray) -> float:
    """The lowest score that at most ``TITLE_CAP`` of ``scores`` reach."""
    ranked = np.sort(scores)[::-1]
    return float(ranked[int(TITLE_CAP * len(ranked))]) + 1e-4


if __name__ == "__main__":
    main()
