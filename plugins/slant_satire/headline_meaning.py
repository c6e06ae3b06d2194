"""What a headline is about, beyond its exact words: static word vectors, folded.

A word model knows only the words it was trained on; a satire headline and a
real absurd one (r/NotTheOnion) often differ in what they describe. Each word
of a 20,000-word vocabulary was encoded alone by a sentence encoder
(all-MiniLM-L6-v2), and a logistic regression learned satire from the
weighted mean of a headline's word vectors. That model is linear, so it folds
into one ``(weight, score)`` pair per word:
``logit = intercept + sum(weight * score) / sum(weight)`` over the known words.
The runtime needs neither the vectors nor the encoder, and words never seen in
training still carry what the encoder made of them. Training:
``slant_satire_training.headline_training``.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from slant_satire.features import tokens
from slant_satire.model import sigmoid

MEANING_PATH = Path(__file__).with_name("data") / "headline-meaning.json.gz"


def headline_words(text: str) -> list[str]:
    """The word tokens of ``text`` as the style features see them (lower case)."""
    return [t for t in tokens(text) if t[0].isalpha()]


@dataclass(frozen=True)
class HeadlineMeaning:
    """Per-word ``(weight, score)`` pairs and an intercept: P(satire) of a headline."""

    intercept: float
    words: dict[str, tuple[float, float]]

    @classmethod
    def load(cls, path: Path = MEANING_PATH) -> HeadlineMeaning:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            payload = json.load(handle)
        words = {word: (pair[0], pair[1]) for word, pair in payload["words"].items()}
        return cls(payload["intercept"], words)

    def logit(self, headline: str) -> float | None:
        """The regression's logit of the headline's meaning, or None when it has no known word."""
        total = weighted = 0.0
        for word in headline_words(headline):
            entry = self.words.get(word)
            if entry is not None:
                total += entry[0]
                weighted += entry[0] * entry[1]
        if not total:
            return None
        return self.intercept + weighted / total

    def probability(self, headline: str) -> float | None:
        """P(satire) from the headline's meaning alone, or None when it has no known word."""
        logit = self.logit(headline)
        return None if logit is None else sigmoid(logit)
