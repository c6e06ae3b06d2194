"""Compare the distilled opinion model with its teacher and the undistilled recipe.

The selection report behind ``training.POOL_WEIGHT`` (model card): for the recipe without
the pool, the teacher (:mod:`teacher`) and one student per pool weight, macro-F1 / ECE under
the grouped 5-fold CV of :mod:`training` (the teacher refitted inside each fold on that
fold's labels, BABE MIXED sentences of held-out articles out of the pool) and under the
cross-split proxy (train on one CheckThat! split + BABE, score the other). ``--check``
prints the scores of a few plain-worded verdicts and reports instead. Needs the embed
environment and, once, the cached sentence embeddings::

    PYTHONPATH=plugins .venv-embed/bin/python -m slant_opinion_training.distill
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from slant_opinion_training import training
from slant_opinion_training.dataset import DATA_DIR, read_training
from slant_opinion_training.evaluate import expected_calibration_error, macro_f1
from slant_opinion_training.teacher import embed, fit_teacher, unlabelled_pool
from slant_opinion_training.vectors import VECTORS_PATH, load_vectors


def scores(gold: Sequence[bool], probabilities: np.ndarray) -> str:
    """Macro-F1 / ECE of ``probabilities`` at 0.5."""
    p = probabilities.tolist()
    return (
        f"{macro_f1(gold, [x >= 0.5 for x in p]):.3f} / {expected_calibration_error(gold, p):.3f}"
    )


class Experiment:
    """Everything each fit needs, computed once."""

    def __init__(self, data_dir: Path, vectors_path: Path, weights: Sequence[float]):
        self.examples = read_training(data_dir)
        unlabelled = unlabelled_pool(data_dir)
        self.labels = np.array([int(e.opinion) for e in self.examples])
        texts = [e.sentence for e in self.examples]
        pool_texts = [u.sentence for u in unlabelled]
        self.embeddings = embed(texts)
        vectors = training.WordVectors(*load_vectors(vectors_path, data_dir))
        self.raws = training.raw_features(texts)
        self.pooled = vectors.pooled(texts)
        self.pool = training.Pool(
            [u.group for u in unlabelled],
            embed(pool_texts),
            training.raw_features(pool_texts),
            vectors.pooled(pool_texts),
        )
        self.weights = list(weights)

    def fit_all(self, train: np.ndarray, held_out: frozenset[str]) -> dict[str, object]:
        """The shipped recipe, the teacher and one student per pool weight on ``train``."""
        y = self.labels[train]
        raws = [self.raws[i] for i in train]
        soft = self.pool.soft_targets(self.embeddings[train], y, held_out)
        models: dict[str, object] = {
            "shipped recipe": training.Fitted(raws, self.pooled[train], y),
            "teacher": fit_teacher(self.embeddings[train], y),
        }
        for weight in self.weights:
            models[f"student, pool weight {weight:g}"] = training.Fitted(
                raws, self.pooled[train], y, soft, weight
            )
        return models

    def predict(self, model: object, rows: np.ndarray) -> np.ndarray:
        """P(opinion) of the labelled sentences ``rows``."""
        if isinstance(model, LogisticRegression):
            return model.predict_proba(self.embeddings[rows])[:, 1]
        assert isinstance(model, training.Fitted)
        return model.predict([self.raws[i] for i in rows], self.pooled[rows])

    def cross_validate(self) -> None:
        """Grouped 5-fold CV as :func:`training.out_of_fold`, teacher inside each fold."""
        groups = [e.group for e in self.examples]
        folds = StratifiedGroupKFold(training.FOLDS, shuffle=True, random_state=training.SEED)
        out: dict[str, np.ndarray] = {}
        for k, (train, test) in enumerate(folds.split(self.raws, self.labels, groups)):
            held = frozenset(groups[i] for i in test)
            for name, model in self.fit_all(train, held).items():
                out.setdefault(name, np.zeros(len(self.examples)))[test] = self.predict(model, test)
            print(f"fold {k} done", flush=True)
        for name, probabilities in out.items():
            line = []
            for source in ("checkthat", "babe"):
                rows = [i for i, e in enumerate(self.examples) if e.source == source]
                gold = [self.examples[i].opinion for i in rows]
                line.append(f"{source} {scores(gold, probabilities[rows])}")
            print(f"CV  {name}: " + "; ".join(line), flush=True)

    def proxy(self) -> None:
        """Train on one CheckThat! split + BABE, score the other split."""
        for held_out in ("train_en", "dev_en"):
            test = np.array(
                [
                    i
                    for i, e in enumerate(self.examples)
                    if e.group.startswith(f"checkthat-{held_out}")
                ]
            )
            train = np.setdiff1d(np.arange(len(self.examples)), test)
            gold = [self.examples[i].opinion for i in test]
            models = self.fit_all(train, frozenset())
            for name, model in models.items():
                print(
                    f"proxy {held_out} held out, {name}: {scores(gold, self.predict(model, test))}"
                )


#: Plain-worded verdicts a columnist writes, and plain reports (a reader's check only).
READER_CHECK = (
    "It should send it back.",
    "It failed.",
    "It works.",
    "She owns the stage.",
    "They were wrong, and nobody paid a price for it.",
    "Cities that chase teams lose.",
    "In August 1998, Mr. Clinton ordered a cruise missile strike on a pharmaceutical plant"
    " in Khartoum.",
    "Mr. Obama authorised more than 500 drone strikes.",
)


def reader_check(experiment: Experiment, vectors_path: Path, data_dir: Path) -> None:
    """Scores of :data:`READER_CHECK` from models fitted on all the labelled data."""
    everything = np.arange(len(experiment.examples))
    models = experiment.fit_all(everything, frozenset())
    vectors = training.WordVectors(*load_vectors(vectors_path, data_dir))
    raws = training.raw_features(READER_CHECK)
    pooled = vectors.pooled(READER_CHECK)
    embedded = embed(READER_CHECK)
    for name, model in models.items():
        if isinstance(model, LogisticRegression):
            p = model.predict_proba(embedded)[:, 1]
        else:
            assert isinstance(model, training.Fitted)
            p = model.predict(raws, pooled)
        print(f"{name}: " + ", ".join(f"{x:.2f}" for x in p))


def main(argv: Sequence[str] | None = None) -> None:
    """Build the pool and cache every embedding (the slow part), then report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--vectors", type=Path, default=VECTORS_PATH)
    parser.add_argument("--check", action="store_true", help="only the reader's check")
    parser.add_argument("--weights", type=float, nargs="+", default=[0.03, 0.1, 0.3, 1.0])
    args = parser.parse_args(argv)
    experiment = Experiment(args.data, args.vectors, args.weights)
    if args.check:
        reader_check(experiment, args.vectors, args.data)
        return
    experiment.proxy()
    experiment.cross_validate()


if __name__ == "__main__":
    main()
