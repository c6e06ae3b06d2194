"""A headline read alone: one logistic regression over its words, its letters, its meaning
and its letter case, scored in pure Python.

Blocks (each as scikit-learn's ``TfidfVectorizer`` builds it in training, sublinear tf x
idf, each block L2-normalised on its own), over the runtime's lower-cased tokens
(``features.tokens``) joined by spaces:

- word 1-2-grams;
- character 1-4-grams inside word boundaries (``char_wb``): "obamas" and "obama's", or
  "stumbling" and "stumbles", share most of them where word n-grams share none;
- the headline's meaning, the log-rank-weighted mean of its known words' static vectors
  (``headline_meaning``), folded into one ``(weight, score)`` pair per word.

The text is lower-cased: The Onion writes Title Case and r/NotTheOnion's posters mostly do
not, so case features learn the source (a cased model calls 62 % of real Title-Case
newspaper titles satire). Letter case enters once, as a single ±1 term (``title_case``)
whose weight is held small and whose decision point is set on real newspaper titles so
that neither Title-Case nor sentence-case ones are called satire more than the training
code's cap (model card, "Headlines"). Training: ``slant_satire_training.training``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from slant_satire.features import tokens
from slant_satire.headline_meaning import HeadlineMeaning
from slant_satire.model import read_model_file, sigmoid, write_model_file

HEADLINE_MODEL_PATH = Path(__file__).with_name("data") / "headline-model.json.gz"
CHAR_NGRAMS = (1, 4)
# A word counts for the letter-case pattern from this many letters ("of", "the" and "and"
# are lower case in most Title-Case styles).
CASE_WORD_LETTERS = 4


def headline_text(headline: str) -> str:
    """The headline as the n-gram blocks read it: the runtime's tokens joined by spaces."""
    return " ".join(tokens(headline))


def word_ngrams(text: str) -> Counter[str]:
    """Word unigrams and bigrams of ``headline_text`` output."""
    words = text.split()
    counts = Counter(words)
    counts.update(f"{a} {b}" for a, b in pairwise(words))
    return counts


def char_ngrams(text: str, low: int = CHAR_NGRAMS[0], high: int = CHAR_NGRAMS[1]) -> Counter[str]:
    """Character n-grams of each space-padded word, exactly as scikit-learn's ``char_wb``."""
    counts: Counter[str] = Counter()
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            counts[padded[offset : offset + n]] += 1
            while offset + n < len(padded):
                offset += 1
                counts[padded[offset : offset + n]] += 1
            if offset == 0:
                break
    return counts


def title_case(headline: str) -> bool:
    """Every word of ``CASE_WORD_LETTERS`` letters or more starts with a capital (none: False)."""
    long_words = [w for w in headline.split() if w[0].isalpha() and len(w) >= CASE_WORD_LETTERS]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


def _block(counts: Counter[str], table: Mapping[str, tuple[float, float]]) -> float:
    """Dot product of a sublinear-tf x idf block, L2-normalised, with its weights."""
    dot = norm = 0.0
    for gram, count in counts.items():
        entry = table.get(gram)
        if entry is None:
            continue
        value = (1.0 + math.log(count)) * entry[0]
        dot += value * entry[1]
        norm += value * value
    return dot / math.sqrt(norm) if norm else 0.0


@dataclass(frozen=True)
class HeadlineModel:
    """n-gram ``(idf, weight)`` tables, a folded meaning table, a letter-case weight and an
    intercept (the decision point folded in): P(satire) of a headline alone, read at 0.5."""

    intercept: float
    words: Mapping[str, tuple[float, float]]
    chars: Mapping[str, tuple[float, float]]
    meaning: HeadlineMeaning
    #: Added to the logit for a Title-Case headline, subtracted for any other.
    case_weight: float
    meta: Mapping[str, Any] | None = None

    def logit(self, headline: str) -> float:
        """The regression's decision value for ``headline``."""
        text = headline_text(headline)
        meaning = self.meaning.logit(headline)
        case = self.case_weight if title_case(headline) else -self.case_weight
        return (
            self.intercept
            + _block(word_ngrams(text), self.words)
            + _block(char_ngrams(text), self.chars)
            + (meaning or 0.0)
            + case
        )

    def probability(self, headline: str) -> float:
        """P(satire) of a headline alone."""
        return sigmoid(self.logit(headline))

    def leaning(self, headline: str, n: int = 5) -> list[str]:
        """The words or word pairs of ``headline`` with the largest weights toward satire."""
        grams = word_ngrams(headline_text(headline))
        ranked = sorted(
            (self.words[g][1], g)
            for g in grams
            if g in self.words and self.words[g][1] > 0 and all(w.isalpha() for w in g.split())
        )
        return [g for _, g in reversed(ranked[-n:])]

    def to_json(self) -> dict[str, Any]:
        """The shipped form: numbers only, never training text."""
        return {
            "intercept": self.intercept,
            "case_weight": self.case_weight,
            "words": _pairs(self.words.items()),
            "chars": _pairs(self.chars.items()),
            "meaning": _pairs(self.meaning.words.items()),
            "meta": dict(self.meta or {}),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HeadlineModel:
        """Inverse of :meth:`to_json`."""
        return cls(
            intercept=data["intercept"],
            words=_tuples(data["words"]),
            chars=_tuples(data["chars"]),
            meaning=HeadlineMeaning(0.0, _tuples(data["meaning"])),
            case_weight=data["case_weight"],
            meta=data.get("meta", {}),
        )

    def save(self, path: Path = HEADLINE_MODEL_PATH) -> None:
        """Write the weights (:func:`~slant_satire.model.write_model_file`)."""
        write_model_file(path, self.to_json())

    @classmethod
    def load(cls, path: Path = HEADLINE_MODEL_PATH) -> HeadlineModel:
        """Read the shipped weights."""
        return cls.from_json(read_model_file(path))


def _pairs(items: Iterable[tuple[str, tuple[float, float]]]) -> dict[str, list[float]]:
    return {k: [v[0], v[1]] for k, v in items}


def _tuples(data: Mapping[str, list[float]]) -> dict[str, tuple[float, float]]:
    return {k: (v[0], v[1]) for k, v in data.items()}
