"""The report behind the model card's "a temperature on the final logit" (session 9): not shipped.

One scale T on the final logit, no intercept, so no score crosses 0.5 and no label alone
moves. T is fitted on the grouped-CV out-of-fold logits of :func:`training.out_of_fold`,
minimising log loss with CheckThat! and BABE weighted equally; its figures are nested
(each fold scaled by a T fitted on the other folds' out-of-fold logits; then two halves by
article). It prints the reliability table of each set, and reads the reference op-ed and
the explanation check's pages as the analyzer would with the shipped model's logits over
T (article prior included). Run in the embed environment (~7 min on one core)::

    PYTHONPATH=plugins .venv-embed/bin/python -m slant_opinion_training.temperature

``dev_test_en`` is never read here.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from slant.document import build_document
from slant_opinion.model import OpinionModel
from slant_opinion.prior import article_prior, reweight, training_prior

from slant_opinion_training import training
from slant_opinion_training.dataset import DATA_DIR, read_training
from slant_opinion_training.evaluate import expected_calibration_error
from slant_opinion_training.teacher import embed, unlabelled_pool
from slant_opinion_training.training import fit_temperature
from slant_opinion_training.vectors import VECTORS_PATH, load_vectors

SOURCES = ("checkthat", "babe")
HALF_SEEDS = (1, 2, 3)
PAGES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "opinion-pages"


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _figures(name: str, y: np.ndarray, p: np.ndarray, sources: np.ndarray) -> None:
    parts = []
    for source in SOURCES:
        m = sources == source
        loss = -np.mean(y[m] * np.log(p[m]) + (1 - y[m]) * np.log(1 - p[m]))
        ece = expected_calibration_error(y[m].astype(bool).tolist(), p[m].tolist())
        parts.append(f"{source} ECE {ece:.4f} log loss {loss:.4f}")
    print(f"{name}: " + " | ".join(parts))


def _reliability(y: np.ndarray, p: np.ndarray, sources: np.ndarray) -> None:
    for source in SOURCES:
        print(f"  {source}: bin, sentences, mean score, opinion rate, rate - mean")
        which = np.minimum((p * 10).astype(int), 9)
        for b in range(10):
            k = (sources == source) & (which == b)
            if k.any():
                gap = y[k].mean() - p[k].mean()
                print(
                    f"    {b / 10:.1f} {k.sum():5d} {p[k].mean():.3f} {y[k].mean():.3f} {gap:+.3f}"
                )


def read_as_page(text: str, model: OpinionModel, temperature: float, training: float) -> list[bool]:
    """Each sentence's label as the analyzer gives it (article prior included), the logits
    divided by ``temperature``."""
    document = build_document(text)
    alone = []
    for span in document.sentences:
        p = model.score(document.quote(span)).probability
        alone.append(float(_sigmoid(np.array(math.log(p / (1 - p)) / temperature))))
    prior = article_prior(alone, training)
    return [reweight(p, prior, training) >= 0.5 for p in alone]


def main(argv: Sequence[str] | None = None) -> None:
    """Fit T out of fold, print its nested figures, and read the pages at it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="subjectivity data folder")
    args = parser.parse_args(argv)

    examples = read_training(args.data)
    y = np.array([int(e.opinion) for e in examples])
    sources = np.array([e.source for e in examples])
    groups = [e.group for e in examples]
    sentences = [e.sentence for e in examples]
    vectors = training.WordVectors(*load_vectors(VECTORS_PATH, args.data))
    unlabelled = unlabelled_pool(args.data)
    texts = [u.sentence for u in unlabelled]
    pool = training.Pool(
        [u.group for u in unlabelled],
        embed(texts),
        training.raw_features(texts),
        vectors.pooled(texts),
    )
    p = training.out_of_fold(
        examples,
        training.raw_features(sentences),
        vectors.pooled(sentences),
        embed(sentences),
        pool,
    )
    z = np.log(p / (1 - p))

    temperature = fit_temperature(z, y, sources)
    print(f"T on all out-of-fold logits, sources weighted equally: {temperature:.4f}")
    for source in SOURCES:
        m = sources == source
        print(f"  T on {source} alone: {fit_temperature(z[m], y[m], sources[m]):.4f}")
    _figures("out of fold, no temperature", y, p, sources)
    nested = training.nested_temperature(examples, z)
    _figures("nested, T from the other four grouped folds", y, nested, sources)
    for seed in HALF_SEEDS:
        distinct = np.unique(groups)
        first = set(np.random.default_rng(seed).permutation(distinct)[: len(distinct) // 2])
        a = np.array([g in first for g in groups])
        halves = np.zeros(len(y))
        for fit_on, held in ((a, ~a), (~a, a)):
            halves[held] = _sigmoid(
                z[held] / fit_temperature(z[fit_on], y[fit_on], sources[fit_on])
            )
        _figures(f"nested, two halves by article (seed {seed})", y, halves, sources)
    print(f"labels alone unchanged out of fold: {bool(np.all((nested >= 0.5) == (p >= 0.5)))}")
    print("reliability, no temperature:")
    _reliability(y, p, sources)
    print("reliability, nested temperature:")
    _reliability(y, nested, sources)

    model = OpinionModel.load()
    prior = training_prior(
        model.metadata["training_opinion_share"], model.metadata["config"]["opinion_weight"]
    )
    pages = {path.stem: path.read_text(encoding="utf-8") for path in sorted(PAGES.glob("*.txt"))}
    seed_dir = args.data.parent / "seed"
    pages.update({path.stem: path.read_text("utf-8") for path in sorted(seed_dir.glob("*.txt"))})
    for name, text in pages.items():
        before = read_as_page(text, model, 1.0, prior)
        after = read_as_page(text, model, temperature, prior)
        moved = sum(b != a for b, a in zip(before, after, strict=True))
        print(
            f"{name}: opinion with the prior {sum(before)} -> {sum(after)} of {len(before)}"
            f" ({moved} labels moved)"
        )


if __name__ == "__main__":
    main()
