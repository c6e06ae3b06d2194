"""Each word's state scores under both CRFs, summed from the models' weights directly.

A word's features (:func:`~slant_sources.features.featurize`) come in parts: its own
(the word, shape, tag, word lists, capital), what the words two before and after
give it, what each next word and the pair they form give it, and where it sits
(sentence place, cue distances, quotation, which neighbours are quoted or missing).
Each part's weights are summed once and kept (per word, per pair of words, per
position pattern), so a word's scores are the sum of five short vectors, not of some
thirty feature weights looked up by name. The sum is CRFsuite's up to the order of
the additions (last-bit rounding: marginals within 1e-14 of CRFsuite's own).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from slant_sources.crfsuite import Model
from slant_sources.features import _entry, context, layout
from slant_sources.tokens import Word

Vector = tuple[float, ...]
Items = tuple[dict[str, float], ...]
# Kept per distinct word and per pair of neighbouring words (the features keep their own
# cache of the first): together about 2.5 KB a word with both models.
_WORD_LIMIT = 20_000
_PAIR_LIMIT = 40_000
_TERMS = 5


def _adder(terms: int, models: Sequence[Model]) -> Callable[..., Items]:
    """``add(a, b, ...)``: the element-wise sum of ``terms`` relative vectors, as one
    ``{label: score}`` per model (what CRFsuite is handed), written out as straight-line
    additions: some three times faster here than ``map(sum, zip(...))`` and a dict."""
    size = sum(len(m.labels) - 1 for m in models)
    names = [[f"v{t}_{k}" for k in range(size)] for t in range(terms)]
    lines = [f"def add({', '.join(f'v{t}' for t in range(terms))}):"]
    for t in range(terms):
        lines.append(f"    {', '.join(names[t])}, = v{t}")
    dicts, k = [], 0
    for model in models:
        entries = []
        for label in model.labels[1:]:
            entries.append(f"{label!r}: " + " + ".join(names[t][k] for t in range(terms)))
            k += 1
        dicts.append("{" + ", ".join(entries) + "}")
    lines.append(f"    return ({', '.join(dicts)},)")
    scope: dict[str, Callable[..., Items]] = {}
    exec("\n".join(lines), scope)  # written from the models' label names only
    return scope["add"]


class Scorer:
    """The state scores of a paragraph's words under several models at once.

    Scores are kept relative to each model's first label (``O``), which is then left out:
    adding the same amount to every label of a word changes neither the best tagging nor
    the marginals, and it saves a fifth of the additions and of what CRFsuite is handed.
    """

    def __init__(self, models: Sequence[Model]) -> None:
        size = sum(len(m.labels) for m in models)
        weights: dict[str, dict[int, float]] = {}
        base = 0
        for model in models:
            for attribute, features in model.state.items():
                into = weights.setdefault(attribute, {})
                for label, weight in features:
                    into[base + label] = weight
            base += len(model.labels)
        self.size = size
        self._weights = {a: tuple(sorted(f.items())) for a, f in weights.items()}
        self._zero: Vector = (0.0,) * (size - len(models))
        # Where each model's labels start in a full vector.
        self._firsts = [0]
        for model in models[:-1]:
            self._firsts.append(self._firsts[-1] + len(model.labels))
        self._add = _adder(_TERMS, models)
        # Per word: its own features' weights (with "cap"), what it gives the word two after
        # it ("-2" features) and the word two before it ("2"); the words next to it are pairs.
        self._words: dict[str, tuple[Vector, Vector, Vector]] = {}
        # Per pair of neighbouring words: what the second word has from itself and the first
        # (its own features, the first's "-1" features and the pair's "-1t|t", "-1w|w"), and
        # what the first has from the second ("1", "t|1t", "w|1w").
        self._pairs: dict[tuple[str, str], tuple[Vector, Vector]] = {}
        self._contexts: dict[tuple, Vector] = {}

    def vector(self, attributes: Sequence[str]) -> Vector:
        """The summed weights of ``attributes`` (each counted as often as it is given)."""
        total = [0.0] * self.size
        for attribute in attributes:
            for label, weight in self._weights.get(attribute, ()):
                total[label] += weight
        return tuple(total)

    def relative(self, vector: Vector) -> Vector:
        """``vector`` less each model's first label's score, that label left out."""
        out: list[float] = []
        ends = [*self._firsts[1:], len(vector)]
        for first, end in zip(self._firsts, ends, strict=True):
            out.extend(score - vector[first] for score in vector[first + 1 : end])
        return tuple(out)

    def _own(self, word: str) -> list[str]:
        entry = _entry(word)
        return [*entry[2], "cap"] if entry[3] else entry[2]

    def _word(self, word: str) -> tuple[Vector, Vector, Vector]:
        found = self._words.get(word)
        if found is None:
            entry = _entry(word)
            found = (
                self.relative(self.vector(self._own(word))),
                self.relative(self.vector(entry[4][-2])),
                self.relative(self.vector(entry[4][2])),
            )
            if len(self._words) > _WORD_LIMIT:
                self._words.clear()
            self._words[word] = found
        return found

    def _pair(self, first: str, second: str) -> tuple[Vector, Vector]:
        found = self._pairs.get((first, second))
        if found is None:
            a, b = _entry(first), _entry(second)
            tags, lowers = f"{a[1]}|{b[1]}", f"{a[0]}|{b[0]}"
            found = (
                self.relative(
                    self.vector([*self._own(second), *a[4][-1], "-1t|t=" + tags, "-1w|w=" + lowers])
                ),
                self.relative(self.vector([*b[4][1], "t|1t=" + tags, "w|1w=" + lowers])),
            )
            if len(self._pairs) > _PAIR_LIMIT:
                self._pairs.clear()
            self._pairs[first, second] = found
        return found

    def scores(self, words: list[Word], quoted: list[tuple[int, int]]) -> list[Items]:
        """Each word's scores, as one ``{label: score}`` per model."""
        at = layout(words, quoted)
        n = len(words)
        zero = self._zero
        parts = [self._word(w) for w, _, _ in words]
        pairs = [self._pair(words[i][0], words[i + 1][0]) for i in range(n - 1)]
        # Where each word sits: its place and cue distances (13 and beyond, or none, are one
        # bucket), whether it and its sentence quote, and each neighbour's quotation or absence.
        codes = [0, 0, *(1 + q for q in at.inside), 0, 0]
        keys = list(
            zip(
                [p if p < 13 else 13 for p in at.position],
                [d if d < 13 else 13 for d in at.left],
                [d if d < 13 else 13 for d in at.right],
                at.inside,
                at.quoting,
                codes[:n],
                codes[1 : n + 1],
                codes[3 : n + 3],
                codes[4 : n + 4],
                strict=True,
            )
        )
        contexts = list(map(self._contexts.get, keys))
        for i, found in enumerate(contexts):
            if found is None:
                found = self.relative(self.vector(context(at, i)))
                contexts[i] = self._contexts[keys[i]] = found
        return list(
            map(
                self._add,
                [parts[0][0], *(pair[0] for pair in pairs)] if n else [],
                [*(pair[1] for pair in pairs), zero],
                [zero, zero, *(p[1] for p in parts[:-2])],
                [*(p[2] for p in parts[2:]), zero, zero],
                contexts,
            )
        )
