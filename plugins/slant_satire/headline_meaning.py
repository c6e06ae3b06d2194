"""What a headline is about, beyond its exact words: static word vectors, folded (a block
of the headline model, ``headline_model``).

A word model knows only the words it was trained on; a satire headline and a
real absurd one (r/NotTheOnion) often differ in what they describe. Each word
of a 20,000-word vocabulary was encoded alone by a sentence encoder
(all-MiniLM-L6-v2), and the headline regression reads the weighted mean of a
headline's word vectors beside its n-grams. That part is linear, so it folds
into one ``(weight, score)`` pair per word:
``logit = intercept + sum(weight * score) / sum(weight)`` over the known words.
The runtime needs neither the vectors nor the encoder, and words never seen in
training still carry what the encoder made of them. Vectors:
``slant_satire_training.headline_training``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from slant_satire.features import tokens


def headline_words(text: str) -> list[str]:
    """The word tokens of ``text`` as the style features see them (lower case)."""
    return [t for t in tokens(text) if t[0].isalpha()]


@dataclass(frozen=True)
class HeadlineMeaning:
    """Per-word ``(weight, score)`` pairs and an intercept: the meaning's part of a logit."""

    intercept: float
    words: Mapping[str, tuple[float, float]]

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
