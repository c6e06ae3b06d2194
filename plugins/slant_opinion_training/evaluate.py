"""Score the shipped opinion model on the held-out ``dev_test_en`` sentences.

Run in the runtime environment (no scikit-learn): ``python -m slant_opinion_training.evaluate``.
Prints the cross-validated figures recorded in the model at training, then macro-F1,
per-class precision/recall/F1, expected calibration error and the analyzer's latency per
10 KB of text on one core; then the same sentences read inside
pseudo-articles of known opinion share, alone and with the article prior (``prior.py``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from slant.document import build_document
from slant_opinion.analyzer import OpinionAnalyzer
from slant_opinion.prior import PRIOR_STRENGTH, article_prior, reweight

from slant_opinion_training.dataset import DATA_DIR, read_split

WARM_RUNS = 5
#: Pseudo-articles: this many sentences each, this many per opinion share.
ARTICLE_SIZE = 45
ARTICLES_PER_SHARE = 200
ARTICLE_SHARES = (0.2, 0.4, 0.6, 0.8)
#: Latency articles are cut from the held-out sentences, this many each (about 7 KB).
ARTICLE_SENTENCES = 50
BYTES_PER_UNIT = 10_000


def class_scores(gold: Sequence[bool], predicted: Sequence[bool]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 of each class (``opinion`` = True, ``fact`` = False)."""
    scores = {}
    for name, positive in (("opinion", True), ("fact", False)):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == positive and p == positive)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if g != positive and p == positive)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == positive and p != positive)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[name] = {"precision": precision, "recall": recall, "f1": f1}
    return scores


def macro_f1(gold: Sequence[bool], predicted: Sequence[bool]) -> float:
    """Mean of the two classes' F1, the CheckThat! ranking metric."""
    per_class = class_scores(gold, predicted)
    return (per_class["opinion"]["f1"] + per_class["fact"]["f1"]) / 2


def bootstrap_interval(
    gold: Sequence[bool], predicted: Sequence[bool], resamples: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """95% percentile interval of macro-F1 over sentences resampled with replacement."""
    generator = random.Random(seed)
    n = len(gold)
    scores = []
    for _ in range(resamples):
        picks = [generator.randrange(n) for _ in range(n)]
        scores.append(macro_f1([gold[i] for i in picks], [predicted[i] for i in picks]))
    scores.sort()
    return scores[int(0.025 * resamples)], scores[int(0.975 * resamples) - 1]


def expected_calibration_error(
    gold: Sequence[bool], probabilities: Sequence[float], bins: int = 10
) -> float:
    """Weighted gap between mean score and observed opinion rate over equal-width bins."""
    total = len(gold)
    error = 0.0
    for b in range(bins):
        members = [
            (g, p)
            for g, p in zip(gold, probabilities, strict=True)
            if min(int(p * bins), bins - 1) == b
        ]
        if members:
            rate = sum(g for g, _ in members) / len(members)
            mean = sum(p for _, p in members) / len(members)
            error += len(members) / total * abs(mean - rate)
    return error


def article_prior_report(
    gold: Sequence[bool],
    probabilities: Sequence[float],
    training: float,
    strengths: Sequence[float] = (PRIOR_STRENGTH,),
    seed: int = 0,
    shown: Callable[[float], float] = float,
) -> list[str]:
    """Macro-F1 and ECE of sentences read alone and inside pseudo-articles, per opinion share.

    Each pseudo-article draws ``ARTICLE_SIZE`` sentences without replacement, the given
    share of them opinion; its sentences are re-scored with the prior estimated from
    that article alone, at each prior ``strength``. ``shown`` maps a score to what a
    reader is shown (the model's temperature, applied last; it keeps each side of 0.5).
    """
    generator = random.Random(seed)
    opinions = [i for i, g in enumerate(gold) if g]
    facts = [i for i, g in enumerate(gold) if not g]
    lines = []
    for share in ARTICLE_SHARES:
        k = round(ARTICLE_SIZE * share)
        truth: list[bool] = []
        scored: dict[str, list[float]] = {"alone": [], **{f"m={m:g}": [] for m in strengths}}
        for _ in range(ARTICLES_PER_SHARE):
            picks = generator.sample(opinions, k) + generator.sample(facts, ARTICLE_SIZE - k)
            article = [probabilities[i] for i in picks]
            truth += [gold[i] for i in picks]
            scored["alone"] += [shown(p) for p in article]
            for m in strengths:
                prior = article_prior(article, training, m)
                scored[f"m={m:g}"] += [shown(reweight(p, prior, training)) for p in article]
        cells = "  ".join(
            f"{name} F1 {macro_f1(truth, [p >= 0.5 for p in values]):.3f} "
            f"ECE {expected_calibration_error(truth, values):.3f}"
            for name, values in scored.items()
        )
        lines.append(f"  {share:.0%} opinion: {cells}")
    return lines


def latency_ms_per_10kb(articles: Sequence[str]) -> dict[str, list[float]]:
    """CPU ms per 10 KB of ``analyze`` on each article: its first call, then a repeat.

    Each article gets a freshly set-up analyzer, so its first call pays for every word the
    start-up warm-up did not cover, as a request does on an article nobody sent before.
    Segmentation is the core's work, shared by all analyzers, so it happens outside the
    timed call. CPU time (``time.process_time``) is the fair figure on a busy shared machine.
    """
    cold, warm = [], []
    for text in articles:
        document = build_document(text)
        per_10kb = 1000 * BYTES_PER_UNIT / len(document.text.encode("utf-8"))
        analyzer = OpinionAnalyzer()
        analyzer.setup({})
        start = time.process_time()
        analyzer.analyze(document)
        cold.append((time.process_time() - start) * per_10kb)
        repeats = []
        for _ in range(WARM_RUNS):
            start = time.process_time()
            analyzer.analyze(document)
            repeats.append((time.process_time() - start) * per_10kb)
        warm.append(statistics.median(repeats))
    return {"cold": cold, "warm": warm}


def latency_articles(sentences: Sequence[str], seed_dir: Path) -> list[str]:
    """Articles of ``ARTICLE_SENTENCES`` held-out sentences each (disjoint, in five-sentence
    paragraphs), and the reference op-ed where ``../shared/data/seed`` has it."""
    articles = []
    for first in range(0, len(sentences) - ARTICLE_SENTENCES + 1, ARTICLE_SENTENCES):
        chunk = sentences[first : first + ARTICLE_SENTENCES]
        articles.append("\n\n".join(" ".join(chunk[i : i + 5]) for i in range(0, len(chunk), 5)))
    articles.extend(path.read_text(encoding="utf-8") for path in sorted(seed_dir.glob("*.txt")))
    return articles


def main(argv: Sequence[str] | None = None) -> None:
    """Print the held-out figures the model card reports."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="subjectivity data folder")
    parser.add_argument("--split", default="dev_test_en")
    args = parser.parse_args(argv)

    analyzer = OpinionAnalyzer()
    analyzer.setup({})
    examples = read_split(args.split, args.data)
    gold = [e.opinion for e in examples]
    raw = [analyzer.model.score(e.sentence).probability for e in examples]
    probabilities = [analyzer.model.calibrated(p) for p in raw]  # as a reader is shown them
    predicted = [p >= 0.5 for p in probabilities]

    for source, figures in analyzer.model.metadata.get("cross_validation", {}).items():
        print(
            f"training CV, {source:<9} (grouped by article, recorded at training): "
            + ", ".join(f"{name} {value}" for name, value in figures.items())
        )
    print(f"{args.split}: {len(examples)} sentences, {sum(gold) / len(gold):.0%} opinion")
    low, high = bootstrap_interval(gold, predicted)
    print(
        f"macro-F1             {macro_f1(gold, predicted):.3f}  (95% bootstrap {low:.3f}-{high:.3f})"
    )
    for name, scores in class_scores(gold, predicted).items():
        print(
            f"{name:<8} P {scores['precision']:.3f}  R {scores['recall']:.3f}"
            f"  F1 {scores['f1']:.3f}"
        )
    print(f"predicted opinion    {sum(predicted) / len(predicted):.0%}")
    print(f"ECE (10 bins)        {expected_calibration_error(gold, probabilities):.3f}")
    brier = sum((p - g) ** 2 for g, p in zip(gold, probabilities, strict=True)) / len(gold)
    print(f"Brier score          {brier:.3f}")
    timings = latency_ms_per_10kb(
        latency_articles([e.sentence for e in examples], args.data.parent / "seed")
    )
    for name, values in timings.items():
        print(
            f"latency {name:<5}        median {statistics.median(values):.2f}, max {max(values):.2f}"
            f" ms CPU per 10 KB over {len(values)} articles"
        )
    print("  (cold: an article's first call on a fresh analyzer; warm: repeats; one thread)")
    print(
        f"pseudo-articles of {ARTICLE_SIZE} {args.split} sentences, {ARTICLES_PER_SHARE} per "
        f"share: alone vs with the article prior (shipped strength m={PRIOR_STRENGTH})"
    )
    print(
        "\n".join(
            article_prior_report(
                gold, raw, analyzer.training_prior, shown=analyzer.model.calibrated
            )
        )
    )


if __name__ == "__main__":
    main()
