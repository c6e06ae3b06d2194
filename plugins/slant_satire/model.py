"""The style model at run time: a linear model over binary tf-idf features, in pure Python.

Training (``slant_satire_training.training``) fits it with scikit-learn and writes the
learned numbers only; this module scores with them, so the server needs
neither scikit-learn nor numpy. The same scorer computes the out-of-fold
scores that calibrate the model, so training and serving cannot drift apart.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).with_name("data") / "style-model.json.gz"
# 3: the body read in windows, thresholds learned with the weights (format 2
# scored whole texts, format 1 used sublinear tf).
FORMAT = 3


def sigmoid(x: float) -> float:
    """Logistic function, safe for large magnitudes."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(frozen=True)
class StyleModel:
    """Feature -> (idf, weight), an intercept, Platt calibrations and the decision points.

    A feature counts once however often it occurs (binary tf): a word repeated
    down a long article should not outweigh the many words said once.

    ``calibration`` maps ``"document"`` (the mean logit of a text's windows)
    and ``"paragraph"`` (one paragraph) to
    ``(a, b)`` with P = sigmoid(a * logit + b), fitted on out-of-fold scores
    with the training mix of real and satire articles as the prior
    (``base_rate``). The thresholds are calibrated probabilities chosen on
    held-out outlets (``slant_satire_training``): ``text_threshold`` for a
    text without a url, ``page_threshold`` for a web page, and
    ``passage_threshold`` for one paragraph inside a serious piece.
    """

    vocabulary: Mapping[str, tuple[float, float]]
    intercept: float
    calibration: Mapping[str, tuple[float, float]]
    text_threshold: float = 0.5
    page_threshold: float = 0.5
    passage_threshold: float = 0.99
    base_rate: float = 0.05
    min_paragraph_words: int = 30
    min_body_words: int = 60
    meta: Mapping[str, Any] | None = None

    def logit(self, counts: Mapping[str, int]) -> float:
        """Decision value of binary-tf x idf features, L2-normalised."""
        dot = 0.0
        norm = 0.0
        vocabulary = self.vocabulary
        for feature in counts:
            entry = vocabulary.get(feature)
            if entry is None:
                continue
            idf = entry[0]
            dot += idf * entry[1]
            norm += idf * idf
        return self.intercept + (dot / math.sqrt(norm) if norm else 0.0)

    def leaning(self, windows: Sequence[Mapping[str, int]], n: int = 5) -> list[str]:
        """The ``n`` words or word pairs that pushed the windows' mean logit most toward
        satire, as a reader can check them (prefix dropped; quotation marks and folded digits,
        which the model also weighs, left out as unreadable): what "by its style" rested on."""
        shares: dict[str, float] = {}
        vocabulary = self.vocabulary
        for counts in windows:
            known = [(f, vocabulary[f]) for f in counts if f in vocabulary]
            norm = math.sqrt(sum(idf * idf for _, (idf, _) in known))
            for feature, (idf, weight) in known:
                shares[feature] = shares.get(feature, 0.0) + idf * weight / norm
        words = {f: f.split(":", 1)[1] for f in shares}
        ranked = sorted(
            (share, f)
            for f, share in shares.items()
            if share > 0 and all(w.isalpha() for w in words[f].split())
        )
        return [words[f] for _, f in reversed(ranked[-n:])]

    def windows_logit(self, windows: Sequence[Mapping[str, int]]) -> float:
        """The mean logit of a text's windows (``features.window_features``)."""
        return sum(self.logit(w) for w in windows) / len(windows)

    def probability(self, logit: float, kind: str) -> float:
        """Calibrated P(satire) for a ``"document"`` or ``"paragraph"`` logit (a headline alone
        is read by ``headline_model``)."""
        a, b = self.calibration[kind]
        return sigmoid(a * logit + b)

    def to_json(self) -> dict[str, Any]:
        """The shipped form: numbers only, never training text."""
        return {
            "format": FORMAT,
            "intercept": self.intercept,
            "calibration": {k: list(v) for k, v in self.calibration.items()},
            "text_threshold": self.text_threshold,
            "page_threshold": self.page_threshold,
            "passage_threshold": self.passage_threshold,
            "base_rate": self.base_rate,
            "min_paragraph_words": self.min_paragraph_words,
            "min_body_words": self.min_body_words,
            "meta": dict(self.meta or {}),
            "vocabulary": {k: list(v) for k, v in self.vocabulary.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StyleModel:
        """Inverse of :meth:`to_json`."""
        if data.get("format") != FORMAT:
            raise ValueError(f"style model format {data.get('format')}, expected {FORMAT}")
        return cls(
            vocabulary={k: (v[0], v[1]) for k, v in data["vocabulary"].items()},
            intercept=data["intercept"],
            calibration={k: (v[0], v[1]) for k, v in data["calibration"].items()},
            text_threshold=data["text_threshold"],
            page_threshold=data["page_threshold"],
            passage_threshold=data["passage_threshold"],
            base_rate=data["base_rate"],
            min_paragraph_words=data["min_paragraph_words"],
            min_body_words=data["min_body_words"],
            meta=data.get("meta", {}),
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        """Write the weights (:func:`write_model_file`)."""
        write_model_file(path, self.to_json())

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> StyleModel:
        """Read the shipped weights."""
        return cls.from_json(read_model_file(path))


def write_model_file(path: Path, data: Mapping[str, Any]) -> None:
    """Gzipped JSON with a fixed mtime and sorted keys, so retraining is byte-reproducible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    with path.open("wb") as handle, gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as gz:
        gz.write(raw)


def read_model_file(path: Path) -> Any:
    """The JSON a model file holds."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)
