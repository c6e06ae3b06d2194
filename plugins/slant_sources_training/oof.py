"""Score the analyzer out of fold on PolNeAR's training articles, to compare rule changes.

``python -m slant_sources_training.oof --models DIR`` splits the 838 training
articles into three folds (article i in fold i mod 3), fits both CRFs for each fold
on the other two folds' articles (about 559; written to ``DIR`` and reused on the
next run, so a rule change costs one pass of the analyzer, not three fits) and
scores the whole analyzer, shipped rules and all, on the fold's articles. The
figures are pooled over the 838 held-out articles. The dev articles play no part.
``--bias B-VAG,I-VAG=0.5 B-NAM=-0.3`` puts these priors on labels' scores at decoding
in place of the shipped ``tagger.LABEL_BIAS`` (no refit; ``--bias`` alone: none).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from slant.document import build_document
from slant_sources import tagger
from slant_sources.analyzer import in_article
from slant_sources.attributions import find_attributions

from slant_sources_training import train
from slant_sources_training.polnear import DEFAULT_DATA, TRAIN, load
from slant_sources_training.thresholds import pooled

FOLDS = 3


def fold_models(articles: list[dict[str, Any]], k: int, folder: Path) -> tuple[bytes, bytes]:
    """Fold ``k``'s two CRFs (trained on the other folds' articles), fitted once and kept."""
    paths = [folder / f"fold{k}-{name}.crf" for name in tagger.MODELS]
    if not all(p.exists() for p in paths):
        models = train.fit([a for i, a in enumerate(articles) if i % FOLDS != k])
        for path, model in zip(paths, models, strict=True):
            path.write_bytes(model)
    return paths[0].read_bytes(), paths[1].read_bytes()


def figures(articles: list[dict[str, Any]], folder: Path) -> dict[str, float]:
    """Source P, R, F1, vague recall and content word F1, out of fold."""
    scored = []
    for k in range(FOLDS):
        tagger.use(*fold_models(articles, k, folder))
        for article in articles[k::FOLDS]:
            text = article["text"]
            scored.append((article, in_article(build_document(text), find_attributions(text))))
    tagger.reset()
    return pooled(scored)


def biases(specs: list[str]) -> dict[str, float]:
    """``["B-VAG,I-VAG=0.5", "B-NAM=-0.5"]`` as ``{label: bias}``."""
    out: dict[str, float] = {}
    for spec in specs:
        labels, value = spec.split("=")
        out.update(dict.fromkeys(labels.split(","), float(value)))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the out-of-fold figures; exit 2 when the data is not there."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--models", type=Path, required=True, help="where the fold CRFs are kept")
    parser.add_argument(
        "--bias", nargs="*", help="priors at decoding instead of the shipped: LABEL[,LABEL]=VALUE"
    )
    args = parser.parse_args(argv)
    path = args.data / "sources" / TRAIN
    if not path.exists():
        print(f"no PolNeAR training file at {path}", file=sys.stderr)
        return 2
    args.models.mkdir(parents=True, exist_ok=True)
    shipped = tagger.LABEL_BIAS
    if args.bias is not None:
        tagger.LABEL_BIAS = biases(args.bias)
    try:
        scores = figures(load(path), args.models)
    finally:
        tagger.LABEL_BIAS = shipped
    print("  ".join(f"{name} {value:.4f}" for name, value in scores.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
