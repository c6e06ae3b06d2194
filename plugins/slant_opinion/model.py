"""The shipped opinion model: a logistic regression scored in pure Python, with attributions.

The weights come from :mod:`slant_opinion_training.training` as gzipped JSON. :meth:`OpinionModel.score`
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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise, repeat
from pathlib import Path
from typing import Any, NamedTuple

from slant_opinion.features import (
    CHAR_NGRAM_SIZES,
    TOKEN,
    featurize,
    normalize,
    static_logit,
    tokenize,
    vectorize,
    voice_cues,
    word_kind,
)
from slant_opinion.lexicon import load_lexicon

MODEL_PATH = Path(__file__).with_name("model.json.gz")
#: Distinct words (and distinct spellings of them) whose feature look-ups are kept.
WORD_CACHE_SIZE = 200_000


@dataclass(frozen=True)
class Scored:
    """One sentence scored: P(opinion) and each token's share of the logit.

    Token spans are worked out only when asked for (the analyzer needs them for its few
    cues): the scorer itself never needs them.
    """

    probability: float
    sentence: str
    surfaces: list[str]
    norms: tuple[str, ...]
    contributions: list[float]

    def spans(self, indexes: Sequence[int]) -> list[tuple[int, int]]:
        """(start, end) in the sentence of the tokens at the ascending ``indexes``.

        Only whitespace and ``_`` separate tokens, so each surface first occurs, from the
        end of the previous token on, exactly where the tokenizer found it; the scan stops
        at the last index asked for.
        """
        find, surfaces = self.sentence.find, self.surfaces
        found, position, scanned = [], 0, 0
        for index in indexes:
            for surface in surfaces[scanned:index]:
                position = find(surface, position) + len(surface)
            start = find(surfaces[index], position)
            position = start + len(surfaces[index])
            found.append((start, position))
            scanned = index + 1
        return found


class _WordTerms(NamedTuple):
    """What one occurrence of a word adds: per n-gram group (``w`` words, ``c`` characters)
    the sum of weight x idf and of idf², its count/sum features, 1 if it counts as a
    word for the length feature, and its word-vector pooling weight and weight x score."""

    norm: str
    w_sum: float
    w_square: float
    c_sum: float
    c_square: float
    dense: tuple[tuple[str, float], ...]
    is_word: int
    static_weight: float
    static_sum: float


class OpinionModel:
    """Logistic regression over sentence features, with per-token attributions."""

    def __init__(self, payload: Mapping[str, Any], lexicon: Mapping[str, tuple[float, float]]):
        self.groups = frozenset(payload["groups"])
        self.idf: dict[str, float] = payload["idf"]
        self.weights: dict[str, float] = payload["weights"]
        self.bias: float = payload["bias"]
        self.temperature: float = payload.get("temperature", 1.0)
        self.metadata: dict[str, Any] = payload.get("metadata", {})
        self.genre: dict[str, Any] = payload.get("genre", {})
        self.static: dict[str, tuple[float, float]] = {
            word: (pair[0], pair[1]) for word, pair in payload.get("static", {}).items()
        }
        self.lexicon = lexicon
        self._by_norm: dict[str, _WordTerms] = {}
        self._by_surface: dict[str, _WordTerms] = {}
        # N-grams without their group prefix -> weight x idf and idf².
        self._word_terms: dict[str, tuple[float, float]] = {}
        self._char_weight: dict[str, float] = {}
        self._char_square: dict[str, float] = {}
        self._bigrams: dict[tuple[str, str], tuple[float, float]] = {}
        for name, idf in self.idf.items():
            weighted, square = self.weights.get(name, 0.0) * idf, idf * idf
            if name[0] == "w":
                self._word_terms[name[2:]] = (weighted, square)
            elif name[0] == "c":
                self._char_weight[name[2:]] = weighted
                self._char_square[name[2:]] = square
            elif name[0] == "b" and "b" in self.groups:
                first, second = name[2:].split(" ")
                self._bigrams[first, second] = (weighted, square)
        self._length_weight = self.weights.get("len:log", 0.0) if "len" in self.groups else 0.0
        self._voice = "voice" in self.groups

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> OpinionModel:
        """Read the gzipped JSON weights that ship with the package (no network)."""
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            payload = json.load(handle)
        model = cls(payload, load_lexicon())
        model.warm_up()
        return model

    def warm_up(self) -> None:
        """Look up, at setup rather than on a request, the words the model, its word-vector
        table and the lexicon know (57,000; 0.8 s).

        Another spelling of a known word ("Failed") costs a dictionary look-up on first use.
        Adding TextBlob's 94,000-word list and capitalised forms doubled the start-up time
        for 0.6 ms less on the reference op-ed's first request (3.6 against 3.0 ms).
        """
        for word in [*self._word_terms, *self.lexicon, *self.static]:
            self._terms(word)

    def reference_logit(self, sentence: str) -> float:
        """The logit by the plain feature dict: what training fitted, and slow."""
        tokens = tokenize(sentence)
        values = vectorize(featurize(tokens, self.lexicon, self.groups), self.idf)
        linear = sum(self.weights.get(n, 0.0) * v for n, v in values.items())
        return self.bias + linear + static_logit([t.norm for t in tokens], self.static)

    def calibrated(self, probability: float) -> float:
        """``probability`` as shown to a reader: its logit over the model's temperature (1.5.2).

        Applied last, after the article prior has read the unscaled scores and shifted
        them: a probability never crosses 0.5 on the way, so no label moves, and the
        prior, the genre and the cues read what they were fitted on. The temperature is
        fitted out of fold at training, the two training sets weighted equally.
        """
        if self.temperature == 1.0 or probability in (0.0, 1.0):
            return probability
        return _sigmoid(math.log(probability / (1.0 - probability)) / self.temperature)

    def score(self, sentence: str) -> Scored:
        """P(opinion) of ``sentence`` and the logit share of each of its tokens.

        Per n-gram group, the logit share is sum(weight x idf x count) / sqrt(sum(idf² x
        count)) (see :func:`~slant_opinion.features.vectorize`); both sums split over word
        occurrences, so each word's terms are looked up once and kept, and a sentence is
        scored with one dictionary look-up per token plus one per word pair.
        """
        surfaces = TOKEN.findall(sentence)
        if not surfaces:
            return Scored(_sigmoid(self.bias), sentence, surfaces, (), [])
        known = self._by_surface.get
        terms = [known(surface) or self._terms(surface) for surface in surfaces]
        (norms, w_sums, w_squares, c_sums, c_squares, denses, is_word, s_weights, s_sums) = zip(
            *terms, strict=True
        )
        w_scale = _inverse_root(sum(w_squares))
        c_scale = _inverse_root(sum(c_squares))
        s_scale = 1.0 / sum(s_weights) if any(s_weights) else 0.0
        contributions = [
            w * w_scale + c * c_scale + s * s_scale
            for w, c, s in zip(w_sums, c_sums, s_sums, strict=True)
        ]

        pair_get = self._bigrams.get
        pairs = [(i, hit) for i, hit in enumerate(map(pair_get, pairwise(norms))) if hit]
        if pairs:
            b_scale = _inverse_root(sum(hit[1] for _, hit in pairs))
            for i, (weighted, _) in pairs:
                half = weighted * b_scale / 2
                contributions[i] += half
                contributions[i + 1] += half

        dense: dict[str, list] = {}
        for i, features in enumerate(denses):
            for name, value in features:
                slot = dense.get(name)
                if slot is None:
                    dense[name] = [value, [i]]
                else:
                    slot[0] += value
                    slot[1].append(i)
        if self._voice:
            for name, indexes in voice_cues(norms):
                slot = dense.get("voice:" + name)
                if slot is None:
                    dense["voice:" + name] = [1.0, list(indexes)]
                else:
                    slot[0] += 1.0
                    slot[1].extend(indexes)
        for name, (raw_value, sources) in dense.items():
            part = self.weights.get(name, 0.0) * math.log1p(raw_value) / len(sources)
            for index in sources:
                contributions[index] += part

        logit = self.bias + sum(contributions) + self._length_weight * math.log1p(sum(is_word))
        return Scored(_sigmoid(logit), sentence, surfaces, norms, contributions)

    def _terms(self, surface: str) -> _WordTerms:
        """One spelling's n-gram sums and count features, computed once per word and kept."""
        norm = normalize(surface)
        terms = self._by_norm.get(norm)
        if terms is None:
            terms = self._by_norm[norm] = self._compute_terms(norm)
        if len(self._by_surface) >= WORD_CACHE_SIZE:
            self._by_surface.clear()
            self._by_norm.clear()
        self._by_surface[surface] = terms
        return terms

    def _compute_terms(self, norm: str) -> _WordTerms:
        w_sum, w_square = self._word_terms.get(norm, (0.0, 0.0))
        c_sum = c_square = 0.0
        if norm[0].isalpha():
            padded = "<" + norm + ">"
            grams = [
                padded[start : start + n]
                for n in CHAR_NGRAM_SIZES
                for start in range(len(padded) - n + 1)
            ]
            c_sum = sum(map(self._char_weight.get, grams, repeat(0.0)))
            c_square = sum(map(self._char_square.get, grams, repeat(0.0)))
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
            kind = word_kind(norm)
            if kind is not None:
                dense.append(("kind:" + kind, 1.0))
        is_word = int(norm[0].isalnum())
        s_weight, s_score = self.static.get(norm, (0.0, 0.0))
        return _WordTerms(
            norm,
            w_sum,
            w_square,
            c_sum,
            c_square,
            tuple(dense),
            is_word,
            s_weight,
            s_weight * s_score,
        )


def _inverse_root(x: float) -> float:
    """1/sqrt(x), and 0 for a group with no known n-gram (its sums are 0 too)."""
    return 1.0 / math.sqrt(x) if x > 0 else 0.0


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)
