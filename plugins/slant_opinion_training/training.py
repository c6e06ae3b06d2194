"""Rebuild the shipped opinion model from ``../shared/data/subjectivity``.

Run in the training environment: ``python -m slant_opinion_training.training``. It fits a
logistic regression (scikit-learn lbfgs, deterministic; fixed fold seed)
on ``train_en`` + ``dev_en``, reports 5-fold cross-validated figures on them, and writes
the weights to ``model.json.gz``. ``dev_test_en`` is never read here: it is the report set
of :mod:`slant_opinion_training.evaluate`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from slant_opinion.features import NGRAM_GROUPS, RawFeatures, featurize, tokenize, vectorize
from slant_opinion.lexicon import load_lexicon
from slant_opinion.model import MODEL_PATH
from slant_opinion.prior import training_prior

from slant_opinion_training.dataset import DATA_DIR, Example, read_split
from slant_opinion_training.evaluate import (
    article_prior_report,
    expected_calibration_error,
    macro_f1,
)

GROUPS = ("w", "b", "c", "lex", "kind", "len")
C = 1.0
#: Weight of an opinion sentence relative to a fact sentence in the fit.
OPINION_WEIGHT = 1.2
MIN_DF = 2
FOLDS = 5
SEED = 0
TRAIN_SPLITS = ("train_en", "dev_en")


def raw_features(examples: Sequence[Example]) -> list[RawFeatures]:
    """Features of every sentence, as the runtime computes them."""
    lexicon = load_lexicon()
    groups = frozenset(GROUPS)
    return [featurize(tokenize(e.sentence), lexicon, groups) for e in examples]


def fit_idf(raws: Sequence[RawFeatures]) -> dict[str, float]:
    """Smoothed idf of the n-gram features seen in at least ``MIN_DF`` sentences."""
    document_frequency: dict[str, int] = {}
    for raw in raws:
        for name in raw:
            if name[1] == ":" and name[0] in NGRAM_GROUPS:
                document_frequency[name] = document_frequency.get(name, 0) + 1
    n = len(raws)
    return {
        name: round(math.log((1 + n) / (1 + df)) + 1, 6)
        for name, df in document_frequency.items()
        if df >= MIN_DF
    }


def fit(raws: Sequence[RawFeatures], labels: np.ndarray) -> dict:
    """Fit idf and the regression; return the payload the runtime loads."""
    idf = fit_idf(raws)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([vectorize(raw, idf) for raw in raws])
    regression = LogisticRegression(
        C=C, class_weight={0: 1.0, 1: OPINION_WEIGHT}, max_iter=5000
    ).fit(x, labels)
    weights = {
        name: round(float(w), 6)
        for name, w in zip(vectorizer.get_feature_names_out(), regression.coef_[0], strict=True)
    }
    return {
        "groups": list(GROUPS),
        "idf": {name: value for name, value in idf.items() if name in weights},
        "weights": weights,
        "bias": round(float(regression.intercept_[0]), 6),
    }


def score(payload: dict, raws: Sequence[RawFeatures]) -> list[float]:
    """P(opinion) from a payload, the way the runtime scores (pure Python sums)."""
    probabilities = []
    for raw in raws:
        values = vectorize(raw, payload["idf"])
        logit = payload["bias"] + sum(
            payload["weights"].get(name, 0.0) * value for name, value in values.items()
        )
        probabilities.append(1 / (1 + math.exp(-logit)))
    return probabilities


def out_of_fold(raws: Sequence[RawFeatures], labels: np.ndarray) -> np.ndarray:
    """P(opinion) of every sentence from the model of the folds it was not in."""
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    probabilities = np.zeros(len(raws))
    for train_index, test_index in folds.split(np.zeros(len(labels)), labels):
        payload = fit([raws[i] for i in train_index], labels[train_index])
        probabilities[test_index] = score(payload, [raws[i] for i in test_index])
    return probabilities


def cross_validate(probabilities: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    """Macro-F1 and ECE of out-of-fold scores (idf refitted inside each fold)."""
    gold = [bool(y) for y in labels]
    return {
        "macro_f1": round(macro_f1(gold, [p >= 0.5 for p in probabilities]), 4),
        "ece": round(expected_calibration_error(gold, probabilities.tolist()), 4),
    }


def main(argv: Sequence[str] | None = None) -> None:
    """Fit on train_en + dev_en, cross-validate, and write the shipped weights."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="subjectivity data folder")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)

    examples = [e for split in TRAIN_SPLITS for e in read_split(split, args.data)]
    labels = np.array([int(e.opinion) for e in examples])
    raws = raw_features(examples)
    probabilities = out_of_fold(raws, labels)
    cv = cross_validate(probabilities, labels)
    print(f"{FOLDS}-fold CV on {'+'.join(TRAIN_SPLITS)} ({len(examples)} sentences): {cv}")
    # The evidence PRIOR_STRENGTH was chosen on: out-of-fold scores in pseudo-articles.
    print("pseudo-articles of out-of-fold scores: alone vs with the article prior")
    training = training_prior(float(labels.mean()), OPINION_WEIGHT)
    gold = [bool(y) for y in labels]
    print(
        "\n".join(article_prior_report(gold, probabilities.tolist(), training, (5, 10, 20, 40, 80)))
    )

    payload = fit(raws, labels)
    payload["metadata"] = {
        "trained_on": list(TRAIN_SPLITS),
        "training_opinion_share": round(float(labels.mean()), 4),
        "cross_validation": cv,
        "config": {
            "C": C,
            "opinion_weight": OPINION_WEIGHT,
            "min_df": MIN_DF,
            "folds": FOLDS,
            "seed": SEED,
        },
        "textblob": version("textblob"),
        "scikit_learn": version("scikit-learn"),
        "licence": "CC BY-NC-SA 4.0 (inherited from the CheckThat! 2025 Task 1 data)",
    }
    with gzip.GzipFile(args.out, "wb", mtime=0) as handle:
        handle.write(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB, {len(payload['weights'])} weights)"
    )


if __name__ == "__main__":
    main()
