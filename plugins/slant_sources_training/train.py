"""Train the sources tagger on PolNeAR's training articles: ``make train-sources``.

``python -m slant_sources_training.train`` fits both CRFs (sources and cues;
content) on all 840 training articles and writes them, xz-compressed, into
``plugins/slant_sources/data/``. ``--cv K`` instead sweeps the source-confidence
thresholds by K-fold cross-validation grouped by article (article i is in fold
i mod K; see ``thresholds.py``) and writes only its table. The dev articles are only
read by ``slant_sources_training.evaluate``.
"""

from __future__ import annotations

import argparse
import lzma
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pycrfsuite
from slant_sources import tagger
from slant_sources.features import featurize
from slant_sources.quotes import quoted_regions
from slant_sources.tokens import paragraphs, tokenize

from slant_sources_training import thresholds
from slant_sources_training.polnear import DEFAULT_DATA, TRAIN, gold_labels, load

MODEL_DIR = Path(__file__).resolve().parents[1] / "slant_sources" / "data"
# L1 and L2 weights and iterations, chosen on held-out training articles (see the model card):
# L1 0.2 halves the model against 0.05 at the same F1; L2 0.1 (was 0.01) gains 0.011
# precision out of fold for 0.004 recall; 300 iterations did not pay.
PARAMS = {"c1": 0.2, "c2": 0.1, "max_iterations": 150, "feature.possible_transitions": True}


def fit(articles: list[dict[str, Any]]) -> tuple[bytes, bytes]:
    """Both CRFs trained on ``articles``, as the bytes of their model files."""
    trainers = [pycrfsuite.Trainer(verbose=False) for _ in tagger.MODELS]
    for trainer in trainers:
        trainer.set_params(PARAMS)
    for article in articles:
        text = article["text"]
        spans = paragraphs(text)
        quoted = quoted_regions(text, spans)
        for start, end in spans:
            words = tokenize(text, start, end)
            if not words:
                continue
            features = featurize(words, quoted)
            for trainer, labels in zip(
                trainers, gold_labels(words, article["sources"]), strict=True
            ):
                trainer.append(features, labels)
    models = []
    with tempfile.TemporaryDirectory() as folder:
        for name, trainer in zip(tagger.MODELS, trainers, strict=True):
            path = Path(folder) / f"{name}.crf"
            trainer.train(str(path))
            models.append(path.read_bytes())
    return models[0], models[1]


def main(argv: list[str] | None = None) -> int:
    """Train and write the models, or cross-validate; exit 2 when the data is not there."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--cv", type=int, default=0, help="cross-validate with this many folds")
    args = parser.parse_args(argv)
    path = args.data / "sources" / TRAIN
    if not path.exists():
        print(f"no PolNeAR training file at {path}", file=sys.stderr)
        return 2
    articles = load(path)
    if args.cv:
        print(thresholds.cross_validate(articles, args.cv, fit))
        return 0
    started = time.time()
    for name, model in zip(tagger.MODELS, fit(articles), strict=True):
        packed = lzma.compress(model, preset=9 | lzma.PRESET_EXTREME)
        (MODEL_DIR / f"{name}.crf.xz").write_bytes(packed)
        print(f"{name}: {len(model) / 1e6:.1f} MB, {len(packed) / 1e6:.1f} MB compressed")
    print(f"trained on {len(articles)} articles in {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
