"""Train the satire style model: ``python -m slant_satire_training.training`` in .venv-train.

Reads ../shared/data/satire/ (bb2009, horne2017, onionornot), fits one
logistic regression on all three, calibrates it on out-of-fold scores and
writes ``data/style-model.json.gz``: learned numbers only, never the texts.
Fixed seeds and a fixed gzip mtime make a rerun byte-identical.

Needs scikit-learn and numpy (the ``train`` extra); the server does not.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from slant.document import build_document
from slant_opinion.analyzer import OpinionAnalyzer
from slant_satire.analyzer import opinion_level
from slant_satire.features import BODY, HEADLINE, document_features, split_headline, tokens
from slant_satire.model import MODEL_PATH, StyleModel, sigmoid
from slant_satire.voice import with_opinion

DATA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "satire"
SETS = ("bb2009", "horne2017", "onionornot")
SEED = 0
FOLDS = 5
# Regularisation and per-set sample weights, chosen by the within-set CV of
# evaluate.py. Weights even out how much each set pulls: onionornot rows are
# one short headline, horne2017 has only 90 articles.
C = 10.0
SET_WEIGHTS = {"bb2009": 1.0, "horne2017": 5.0, "onionornot": 3.0}
MIN_DF = 2
# A paragraph this short is judged by declarations only, never by style alone.
MIN_PARAGRAPH_WORDS = 20
# Style alone marks a passage in a serious piece only when at most this share
# of held-out real articles would get a passage marked at the same threshold.
PASSAGE_FALSE_ALARM_RATE = 0.02
PASSAGE_THRESHOLD_FLOOR = 0.8
# Style alone calls a whole piece satire only while its mean P(opinion) is no
# higher than all but this share of the training satire articles reach.
OPINION_CEILING_MISS_RATE = 0.05
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Example:
    """One labelled article or headline."""

    set_name: str
    id: str
    satire: bool
    headline: str
    paragraphs: tuple[str, ...]


def load_examples(data_dir: Path = DATA_DIR, sets: Sequence[str] = SETS) -> list[Example]:
    """Every record of the named sets, split into headline and paragraphs."""
    examples = []
    for set_name in sets:
        with (data_dir / f"{set_name}-dev.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                headline, body = split_headline(record["text"])
                paragraphs = tuple(p.strip() for p in _PARAGRAPH_BREAK.split(body) if p.strip())
                examples.append(
                    Example(
                        set_name, record["id"], record["label"] == "satire", headline, paragraphs
                    )
                )
    return examples


def article_text(example: Example) -> str:
    """The example as one text: headline, blank line, paragraphs."""
    return "\n\n".join([example.headline, *example.paragraphs]).strip()


def fit(examples: Sequence[Example], *, calibrate: bool = False) -> StyleModel:
    """Fit the style model; calibrate it on out-of-fold scores when asked."""
    vectorizer = DictVectorizer()
    counts = vectorizer.fit_transform([_features(e) for e in examples]).tocsc()
    document_frequency = np.asarray((counts > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero(document_frequency >= MIN_DF)
    counts = counts[:, keep]
    names = [vectorizer.feature_names_[i] for i in keep]
    counts.data[:] = 1  # binary tf, as model.py scores
    tfidf = TfidfTransformer()
    matrix = tfidf.fit_transform(counts)
    labels = np.array([e.satire for e in examples], dtype=int)
    weights = np.array([SET_WEIGHTS[e.set_name] for e in examples])
    classifier = LogisticRegression(C=C, solver="liblinear", max_iter=5000, random_state=SEED)
    classifier.fit(matrix, labels, sample_weight=weights)
    vocabulary = {
        name: (round(float(idf), 4), round(float(w), 5))
        for name, idf, w in zip(names, tfidf.idf_, classifier.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    model = StyleModel(
        vocabulary=vocabulary,
        intercept=float(classifier.intercept_[0]),
        calibration={"document": (1.0, 0.0), "paragraph": (1.0, 0.0)},
        min_paragraph_words=MIN_PARAGRAPH_WORDS,
    )
    if calibrate:
        model = _calibrated(model, examples)
    return model


def _features(example: Example) -> dict[str, int]:
    return dict(document_features(example.headline, list(example.paragraphs)))


def within_set_folds(examples: Sequence[Example]) -> list[tuple[list[int], list[int]]]:
    """Article-level folds, stratified by label within each set.

    Fold k holds out the k-th fifth of every set at once, so each model is
    still one model for all three sets and no article is in its own training data.
    """
    fold_of = [0] * len(examples)
    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    for set_name in dict.fromkeys(e.set_name for e in examples):
        index = [i for i, e in enumerate(examples) if e.set_name == set_name]
        labels = [examples[i].satire for i in index]
        for k, (_, test) in enumerate(splitter.split(index, labels)):
            for j in test:
                fold_of[index[j]] = k
    return [
        (
            [i for i in range(len(examples)) if fold_of[i] != k],
            [i for i in range(len(examples)) if fold_of[i] == k],
        )
        for k in range(FOLDS)
    ]


@dataclass(frozen=True)
class HeldOut:
    """Out-of-fold scores: one document logit per example, paragraph logits per article."""

    document: list[float]
    paragraphs: list[list[float]]


def out_of_fold(
    examples: Sequence[Example],
    folds: Sequence[tuple[list[int], list[int]]],
    fitter: Callable[[Sequence[Example]], StyleModel] = fit,
) -> HeldOut:
    """Score every example with a model that never saw it."""
    document = [0.0] * len(examples)
    paragraphs: list[list[float]] = [[] for _ in examples]
    for train, test in folds:
        model = fitter([examples[i] for i in train])
        for i in test:
            document[i] = model.logit(_features(examples[i]))
            paragraphs[i] = [
                model.logit(_paragraph_features(p))
                for p in examples[i].paragraphs
                if _words(p) >= MIN_PARAGRAPH_WORDS
            ]
    return HeldOut(document, paragraphs)


def _paragraph_features(paragraph: str) -> dict[str, int]:
    return dict(document_features("", [paragraph]))


def _words(text: str) -> int:
    return sum(1 for t in tokens(text) if t[0].isalpha())


def _platt(logits: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    scaler = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
    scaler.fit(np.array(logits).reshape(-1, 1), np.array(labels, dtype=int))
    return round(float(scaler.coef_[0][0]), 5), round(float(scaler.intercept_[0]), 5)


def _calibrated(model: StyleModel, examples: Sequence[Example]) -> StyleModel:
    held = out_of_fold(examples, within_set_folds(examples))
    labels = [e.satire for e in examples]
    document = _platt(held.document, labels)
    paragraph_logits = [x for scores in held.paragraphs for x in scores]
    paragraph_labels = [
        e.satire for e, scores in zip(examples, held.paragraphs, strict=True) for _ in scores
    ]
    paragraph = _platt(paragraph_logits, paragraph_labels)
    threshold = passage_threshold(document, paragraph, held, labels)
    return StyleModel(
        vocabulary=model.vocabulary,
        intercept=model.intercept,
        calibration={"document": document, "paragraph": paragraph},
        paragraph_threshold=threshold,
        min_paragraph_words=MIN_PARAGRAPH_WORDS,
        opinion_ceiling=opinion_ceiling(examples),
        meta=model.meta,
    )


def opinion_ceiling(examples: Sequence[Example]) -> float | None:
    """Highest mean P(opinion) that known satire articles reach, but for a few outliers.

    Fitted on satire articles only (headlines have no body to judge), so it
    says what deadpan mock news looks like without ever seeing an op-ed.
    """
    levels = sorted(
        (
            level
            for e in examples
            if e.satire and e.paragraphs and (level := _opinion_of(e)) is not None
        ),
        reverse=True,
    )
    if not levels:
        return None
    allowed = int(OPINION_CEILING_MISS_RATE * len(levels))
    return round(levels[min(allowed, len(levels) - 1)], 4)


@cache
def _opinion_of(example: Example) -> float | None:
    return opinion_level(with_opinion(build_document(article_text(example)), opinion_analyzer()))


@cache
def opinion_analyzer() -> OpinionAnalyzer:
    """The opinion analyzer as installed, set up once (training and evaluation run it)."""
    analyzer = OpinionAnalyzer()
    analyzer.setup({})
    return analyzer


def passage_threshold(
    document: tuple[float, float],
    paragraph: tuple[float, float],
    held: HeldOut,
    labels: Sequence[bool],
) -> float:
    """Lowest passage probability that marks a passage in few held-out real articles.

    Counts real articles whose whole-text score stays below 0.5 but which
    would get a paragraph marked by style: those would be false
    ``contains_satire`` verdicts.
    """
    (da, db), (pa, pb) = document, paragraph
    worst = sorted(
        (
            max((sigmoid(pa * x + pb) for x in scores), default=0.0)
            for logit, scores, satire in zip(held.document, held.paragraphs, labels, strict=True)
            if not satire and sigmoid(da * logit + db) < 0.5 and scores
        ),
        reverse=True,
    )
    allowed = int(PASSAGE_FALSE_ALARM_RATE * len(worst))
    threshold = worst[allowed] + 1e-4 if len(worst) > allowed else 0.0
    return round(max(PASSAGE_THRESHOLD_FLOOR, threshold), 4)


def main(argv: Sequence[str] | None = None) -> None:
    """Train on all three sets and write the shipped weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the satire data folder")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the weights")
    args = parser.parse_args(argv)
    examples = load_examples(args.data)
    model = fit(examples, calibrate=True)
    meta = {
        "trained_on": {s: sum(e.set_name == s for e in examples) for s in SETS},
        "features": f"{HEADLINE} headline / {BODY} body word 1-2-grams, binary tf-idf, L2",
        "C": C,
        "set_weights": SET_WEIGHTS,
        "seed": SEED,
    }
    model = StyleModel(**{**model.__dict__, "meta": meta})
    model.save(args.out)
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, "
        f"{len(model.vocabulary)} features); calibration {dict(model.calibration)}, "
        f"passage threshold {model.paragraph_threshold}, opinion ceiling {model.opinion_ceiling}"
    )


if __name__ == "__main__":
    main()
