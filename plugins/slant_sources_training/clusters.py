"""Word clusters for the sources tagger: ``python -m slant_sources_training.clusters``.

The CRF learns little from a word it met a few times ("support for", "records show",
"have been debated"), so each word also gives two cluster ids shared by words of
like meaning, as Brown clusters do in NER taggers. The clusters are k-means over
the static all-MiniLM-L6-v2 word vectors the opinion model caches (Apache-2.0;
``slant_opinion_training/vectors.py``, 49,046 words): 1,024 fine clusters of the
unit-length vectors, then 128 coarse ones of the fine centroids (weighted by size),
so each fine cluster sits in one coarse one. Written as package data,
``slant_sources/data/word-clusters.json.gz``; the runtime only looks words up.
Needs the training environment (numpy, scikit-learn); never needed at run time.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans, MiniBatchKMeans

VECTORS = Path(__file__).resolve().parents[2] / ".cache" / "opinion-word-vectors.npz"
OUT = Path(__file__).resolve().parents[1] / "slant_sources" / "data" / "word-clusters.json.gz"
FINE, COARSE = 1024, 128


def clusters(words: list[str], vectors: np.ndarray) -> tuple[list[int], list[int]]:
    """Each word's fine cluster, and each fine cluster's coarse one."""
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    fine = MiniBatchKMeans(
        n_clusters=FINE, batch_size=4096, n_init=3, max_iter=200, random_state=0
    ).fit(unit)
    centres = fine.cluster_centers_ / np.linalg.norm(fine.cluster_centers_, axis=1, keepdims=True)
    sizes = np.maximum(np.bincount(fine.labels_, minlength=FINE), 1)
    coarse = KMeans(n_clusters=COARSE, n_init=5, random_state=0).fit(centres, sample_weight=sizes)
    return [int(k) for k in fine.labels_], [int(k) for k in coarse.labels_]


def main() -> int:
    """Cluster the cached vectors and write the table; exit 2 when the cache is missing."""
    if not VECTORS.exists():
        print(f"no word vectors at {VECTORS} (make train-opinion caches them)")
        return 2
    cached = np.load(VECTORS)
    words = [str(w) for w in cached["words"]]
    fine, coarse = clusters(words, cached["vectors"].astype(np.float32))
    table = {"coarse": coarse, "words": dict(zip(words, fine, strict=True))}
    OUT.write_bytes(gzip.compress(json.dumps(table, separators=(",", ":")).encode(), mtime=0))
    print(f"{len(words)} words, {FINE} and {COARSE} clusters: {OUT.stat().st_size / 1e3:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
