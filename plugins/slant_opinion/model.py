"""The shipped opinion model: a logistic regression scored in pure Python, with attributions.

The weights come from :mod:`slant_opinion.training` as gzipped JSON. :meth:`OpinionModel.score`
computes exactly ``bias + sum(weight * value)`` over the features of
:func:`slant_opinion.features.vectorize` (a test holds it to that), but looks each word's
n-grams up once and keeps them, which makes it several times faster than building the
feature dict. Each feature's share of the logit is split over the tokens it came from, so
the words shown as cues are the ones that moved the score.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slant_opinion.features import (
    CHAR_NGRAM_SIZES,
    Token,
    featurize,
    tokenize,
    vectorize,
    word_kind,
)
from slant_opinion.lexicon import load_lexicon

MODEL_PATH = Path(__file__).with_name("model.json.gz")
#: Distinct words whose feature look-ups are kept between calls.
WORD_CACHE_SIZE = 200_000

# One known n-gram feature: (name, group, idf, weight).
_Entry = tuple[str, str, float, float]


@dataclass(frozen=True)
class Scored:
    """One sentence scored: P(opinion) and each token's share of the logit."""

    probability: float
    tokens: list[Token]
    contributions: list[float]


class OpinionModel:
    """Logistic regression over sentence features, with per-token attributions."""

    def __init__(self, payload: Mapping[str, Any], lexicon: Mapping[str, tuple[float, float]]):
        self.groups = frozenset(payload["groups"])
        self.idf: dict[str, float] = payload["idf"]
        self.weights: dict[str, float] = payload["weights"]
        self.bias: float = payload["bias"]
        self.metadata: dict[str, Any] = payload.get("metadata", {})
        self.lexicon = lexicon
        self._word_entries: dict[str, tuple[list[_Entry], list[tuple[str, float]]]] = {}

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> OpinionModel:
        """Read the gzipped JSON weights that ship with the package (no network)."""
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            payload = json.load(handle)
        return cls(payload, load_lexicon())

    def reference_logit(self, sentence: str) -> float:
        """The logit by the plain feature dict: what training fitted, and slow."""
        values = vectorize(featurize(tokenize(sentence), self.lexicon, self.groups), self.idf)
        return self.bias + sum(self.weights.get(n, 0.0) * v for n, v in values.items())

    def score(self, sentence: str) -> Scored:
        """P(opinion) of ``sentence`` and the logit share of each of its tokens."""
        tokens = tokenize(sentence)
        norms = [t.norm for t in tokens]
        groups = self.groups
        # Binary n-gram features: name -> (group, idf, weight, token indexes).
        present: dict[str, tuple[str, float, float, list[int]]] = {}
        # Count/sum features: name -> [raw value, token indexes].
        dense: dict[str, list] = {}
        for i, norm in enumerate(norms):
            entries, dense_parts = self._entries(norm)
            for name, group, idf, weight in entries:
                hit = present.get(name)
                if hit is None:
                    present[name] = (group, idf, weight, [i])
                else:
                    hit[3].append(i)
            if "b" in groups and i + 1 < len(norms):
                name = "b:" + norm + " " + norms[i + 1]
                idf = self.idf.get(name)
                if idf is not None:
                    hit = present.get(name)
                    if hit is None:
                        present[name] = ("b", idf, self.weights.get(name, 0.0), [i, i + 1])
                    else:
                        hit[3].extend((i, i + 1))
            for name, value in dense_parts:
                slot = dense.get(name)
                if slot is None:
                    dense[name] = [value, [i]]
                else:
                    slot[0] += value
                    slot[1].append(i)

        contributions = [0.0] * len(tokens)
        logit = self.bias
        squared: dict[str, float] = {}
        for group, idf, _, _ in present.values():
            squared[group] = squared.get(group, 0.0) + idf * idf
        norms_by_group = {group: math.sqrt(total) for group, total in squared.items()}
        for group, idf, weight, sources in present.values():
            share = weight * idf / norms_by_group[group]
            logit += share
            part = share / len(sources)
            for index in sources:
                contributions[index] += part
        for name, (raw_value, sources) in dense.items():
            share = self.weights.get(name, 0.0) * math.log1p(raw_value)
            logit += share
            part = share / len(sources)
            for index in sources:
                contributions[index] += part
        if "len" in groups:
            n_words = sum(1 for norm in norms if norm[0].isalnum())
            logit += self.weights.get("len:log", 0.0) * math.log1p(n_words)
        return Scored(_sigmoid(logit), tokens, contributions)

    def _entries(self, norm: str) -> tuple[list[_Entry], list[tuple[str, float]]]:
        """A word's known unigram and character n-gram features, and its count/sum features."""
        cached = self._word_entries.get(norm)
        if cached is not None:
            return cached
        names = []
        if "w" in self.groups:
            names.append("w:" + norm)
        if "c" in self.groups and norm[0].isalpha():
            padded = "<" + norm + ">"
            names.extend(
                "c:" + padded[s : s + n]
                for n in CHAR_NGRAM_SIZES
                for s in range(len(padded) - n + 1)
            )
        entries = [
            (name, name[0], self.idf[name], self.weights.get(name, 0.0))
            for name in names
            if name in self.idf
        ]
        dense_parts: list[tuple[str, float]] = []
        if "lex" in self.groups:
            entry = self.lexicon.get(norm)
            if entry is not None:
                polarity, subjectivity = entry
                dense_parts.append(("lex:subj", subjectivity))
                if polarity > 0:
                    dense_parts.append(("lex:pos", polarity))
                elif polarity < 0:
                    dense_parts.append(("lex:neg", -polarity))
        if "kind" in self.groups:
            kind = word_kind(Token(norm, 0, len(norm)))
            if kind is not None:
                dense_parts.append(("kind:" + kind, 1.0))
        if len(self._word_entries) >= WORD_CACHE_SIZE:
            self._word_entries.clear()
        self._word_entries[norm] = (entries, dense_parts)
        return entries, dense_parts


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
