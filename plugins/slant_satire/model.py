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
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).with_name("data") / "style-model.json.gz"
# 2: binary tf (format 1 was sublinear tf, scored differently).
FORMAT = 2


def sigmoid(x: float) -> float:
    """Logistic function, safe for large magnitudes."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(frozen=True)
class StyleModel:
    """Feature -> (idf, weight), an intercept, and Platt calibrations.

    A feature counts once however often it occurs (binary tf): a word repeated
    down a long article should not outweigh the many words said once.

    ``calibration`` maps ``"document"`` and ``"paragraph"`` to ``(a, b)`` with
    P = sigmoid(a * logit + b), fitted on out-of-fold scores. ``opinion_ceiling``
    is the highest mean P(opinion) (``voice.mean_opinion``) at which style alone
    may call a whole piece satire; None disables that check.
    """

    vocabulary: Mapping[str, tuple[float, float]]
    intercept: float
    calibration: Mapping[str, tuple[float, float]]
    paragraph_threshold: float = 0.9
    min_paragraph_words: int = 20
    opinion_ceiling: float | None = None
    meta: Mapping[str, Any] | None = None

    def logit(self, counts: Mapping[str, int]) -> float:
        """Decision value of binary-tf x idf features, L2-normalised."""
        return self.logit_and_known(counts)[0]

    def logit_and_known(self, counts: Mapping[str, int]) -> tuple[float, dict[str, int]]:
        """:meth:`logit`, and the counts of the features the model knows (all it read).

        The known counts of several paragraphs add up to the known counts of
        the whole text, which saves a second pass over unknown features.
        """
        dot = 0.0
        norm = 0.0
        known = {}
        vocabulary = self.vocabulary
        for feature, count in counts.items():
            entry = vocabulary.get(feature)
            if entry is None:
                continue
            known[feature] = count
            idf = entry[0]
            dot += idf * entry[1]
            norm += idf * idf
        return self.intercept + (dot / math.sqrt(norm) if norm else 0.0), known

    def probability(self, logit: float, kind: str) -> float:
        """Calibrated P(satire) for a ``"document"`` or ``"paragraph"`` logit."""
        a, b = self.calibration[kind]
        return sigmoid(a * logit + b)

    def to_json(self) -> dict[str, Any]:
        """The shipped form: numbers only, never training text."""
        return {
            "format": FORMAT,
            "intercept": self.intercept,
            "calibration": {k: list(v) for k, v in self.calibration.items()},
            "paragraph_threshold": self.paragraph_threshold,
            "min_paragraph_words": self.min_paragraph_words,
            "opinion_ceiling": self.opinion_ceiling,
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
            paragraph_threshold=data["paragraph_threshold"],
            min_paragraph_words=data["min_paragraph_words"],
            opinion_ceiling=data.get("opinion_ceiling"),
            meta=data.get("meta", {}),
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        """Write gzipped JSON with a fixed mtime, so retraining is byte-reproducible."""
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")).encode()
        with path.open("wb") as handle, gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as gz:
            gz.write(raw)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> StyleModel:
        """Read the shipped weights."""
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return cls.from_json(json.load(handle))
