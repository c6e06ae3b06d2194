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
from typing import Any, NamedTuple

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


@dataclass(frozen=True)
class Scored:
    """One sentence scored: P(opinion) and each token's share of the logit."""

    probability: float
    tokens: list[Token]
    contributions: list[float]


class _WordTerms(NamedTuple):
    """What one occurrence of a word adds: per n-gram group (``w`` words, ``c`` characters)
    the sum of weight x idf and of idf², and its count/sum features."""

    w_sum: float
    w_square: float
    c_sum: float
    c_square: float
    dense: tuple[tuple[str, float], ...]


class OpinionModel:
    """Logistic regression over sentence features, with per-token attributions."""

    def __init__(self, payload: Mapping[str, Any], lexicon: Mapping[str, tuple[float, float]]):
        self.groups = frozenset(payload["groups"])
        self.idf: dict[str, float] = payload["idf"]
        self.weights: dict[str, float] = payload["weights"]
        self.bias: float = payload["bias"]
        self.metadata: dict[str, Any] = payload.get("metadata", {})
        self.lexicon = lexicon
        self._words: dict[str, _WordTerms] = {}
        # Word and character n-grams without their group prefix: (weight x idf, idf²).
        self._ngram_terms: dict[str, dict[str, tuple[float, float]]] = {"w": {}, "c": {}}
        for name, idf in self.idf.items():
            if name[0] in self._ngram_terms:
                self._ngram_terms[name[0]][name[2:]] = (
                    self.weights.get(name, 0.0) * idf,
                    idf * idf,
                )

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> OpinionModel:
        """Read the gzipped JSON weights that ship with the package (no network)."""
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            payload = json.load(handle)
        model = cls(payload, load_lexicon())
        model.warm_up()
        return model

    def warm_up(self) -> None:
        """Look up every word the model or the lexicon knows now, at setup, not per request."""
        for word in [name[2:] for name in self.idf if name.startswith("w:")] + list(self.lexicon):
            self._terms(word)

    def reference_logit(self, sentence: str) -> float:
        """The logit by the plain feature dict: what training fitted, and slow."""
        values = vectorize(featurize(tokenize(sentence), self.lexicon, self.groups), self.idf)
        return self.bias + sum(self.weights.get(n, 0.0) * v for n, v in values.items())

    def score(self, sentence: str) -> Scored:
        """P(opinion) of ``sentence`` and the logit share of each of its tokens.

        Per n-gram group, the logit share is sum(weight x idf x count) / sqrt(sum(idf² x
        count)) (see :func:`~slant_opinion.features.vectorize`); both sums split over word
        occurrences, so each word's terms are looked up once and kept.
        """
        tokens = tokenize(sentence)
        norms = [t.norm for t in tokens]
        n_tokens = len(tokens)
        w_sums, c_sums, b_sums = [0.0] * n_tokens, [0.0] * n_tokens, [0.0] * n_tokens
        w_square = c_square = b_square = 0.0
        dense: dict[str, list] = {}
        bigrams = "b" in self.groups
        for i, norm in enumerate(norms):
            terms = self._terms(norm)
            w_sums[i] = terms.w_sum
            w_square += terms.w_square
            c_sums[i] = terms.c_sum
            c_square += terms.c_square
            if bigrams and i + 1 < n_tokens:
                name = "b:" + norm + " " + norms[i + 1]
                idf = self.idf.get(name)
                if idf is not None:
                    half = self.weights.get(name, 0.0) * idf / 2
                    b_sums[i] += half
                    b_sums[i + 1] += half
                    b_square += idf * idf
            for name, value in terms.dense:
                slot = dense.get(name)
                if slot is None:
                    dense[name] = [value, [i]]
                else:
                    slot[0] += value
                    slot[1].append(i)

        w_scale, c_scale, b_scale = (_inverse_root(x) for x in (w_square, c_square, b_square))
        contributions = [
            w * w_scale + c * c_scale + b * b_scale
            for w, c, b in zip(w_sums, c_sums, b_sums, strict=True)
        ]
        logit = self.bias
        for name, (raw_value, sources) in dense.items():
            share = self.weights.get(name, 0.0) * math.log1p(raw_value)
            part = share / len(sources)
            for index in sources:
                contributions[index] += part
        logit += sum(contributions)
        if "len" in self.groups:
            n_words = sum(1 for norm in norms if norm[0].isalnum())
            logit += self.weights.get("len:log", 0.0) * math.log1p(n_words)
        return Scored(_sigmoid(logit), tokens, contributions)

    def _terms(self, norm: str) -> _WordTerms:
        """One word's n-gram sums and count features, computed once and kept."""
        cached = self._words.get(norm)
        if cached is not None:
            return cached
        w_sum, w_square = self._ngram_terms["w"].get(norm, (0.0, 0.0))
        c_sum = c_square = 0.0
        if norm[0].isalpha():
            grams = self._ngram_terms["c"]
            padded = "<" + norm + ">"
            for n in CHAR_NGRAM_SIZES:
                for start in range(len(padded) - n + 1):
                    hit = grams.get(padded[start : start + n])
                    if hit is not None:
                        c_sum += hit[0]
                        c_square += hit[1]
        dense: list[tuple[str, float]] = []
        if "lex" in self.groups:
            entry = self.lexicon.get(norm)
            if entry is not None:
                polarity, subjectivity = entry
                dense.append(("lex:subj", subjectivity))
                if polarity > 0:
                    dense.append(("lex:pos", polarity))
                elif polarity < 0:
                    dense.append(("lex:neg", -polarity))
        if "kind" in self.groups:
            kind = word_kind(Token(norm, 0, len(norm)))
            if kind is not None:
                dense.append(("kind:" + kind, 1.0))
        if len(self._words) >= WORD_CACHE_SIZE:
            self._words.clear()
        terms = self._words[norm] = _WordTerms(w_sum, w_square, c_sum, c_square, tuple(dense))
        return terms


def _inverse_root(x: float) -> float:
    """1/sqrt(x), and 0 for a group with no known n-gram (its sums are 0 too)."""
    return 1.0 / math.sqrt(x) if x > 0 else 0.0


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
