"""Each word's state scores under both CRFs, summed from the models' weights directly.

A word's features (:func:`~slant_sources.features.featurize`) come in parts: its own
(the word, shape, tag, word lists, capital), what the words two before and after
give it, what each next word and the pair they form give it, and where it sits
(sentence place, cue distances, quotation, which neighbours are quoted or missing).
Each part's weights are summed once and kept (per word, per pair of tags, per pair
of neighbouring words, per position pattern), so a word's scores are the sum of
eight short vectors, not of some thirty feature weights looked up by name. The sum is
CRFsuite's up to the order of the additions (last-bit rounding: marginals within
1e-14 of CRFsuite's own); keep that order when changing this, so outputs stay
byte-identical.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from itertools import compress, pairwise
from operator import not_
from typing import Any, cast

from slant_sources.cache import Kept
from slant_sources.crfsuite import Model
from slant_sources.features import _OFFSETS, Layout, _entry, as_neighbour, context
from slant_sources.tokens import Word

Vector = tuple[float, ...]
Item = dict[str, float]
# A word's own vector, then what it gives the words two before, one before, one after, two after.
_Parts = tuple[Vector, Vector, Vector, Vector, Vector]
# Kept per distinct word (as the features keep theirs, in two generations, cache.py):
# about 1.6 KB a word.
_WORD_LIMIT = 12_000
# Kept per distinct pair of neighbouring words: about 0.4 KB a pair (half share their
# tag pair's vectors).
_BIGRAM_LIMIT = 30_000
_TERMS = 8


def _straight_line(
    terms: int,
    size: int,
    result: Callable[[list[str]], str],
    constants: dict[str, float] | None = None,
) -> Callable:
    """``add(a, b, ...)``: the element-wise sums of ``terms`` vectors of ``size``, written
    out as straight-line additions (some three times faster here than a loop) and returned
    as ``result`` spells them from the ``size`` sum expressions (it may add ``constants``
    by name)."""
    names = [[f"v{t}_{k}" for k in range(size)] for t in range(terms)]
    lines = [f"def add({', '.join(f'v{t}' for t in range(terms))}):"]
    for t in range(terms):
        lines.append(f"    {', '.join(names[t])}, = v{t}")
    sums = [" + ".join(names[t][k] for t in range(terms)) for k in range(size)]
    lines.append(f"    return {result(sums)}")
    scope: dict[str, Any] = dict(constants or {})
    exec("\n".join(lines), scope)  # written from integers and the models' label names only
    return scope["add"]


def _summer(terms: int, size: int) -> Callable[..., Vector]:
    """The sum of ``terms`` vectors as a tuple (a new word's weights are some 15 rows)."""
    return _straight_line(terms, size, lambda sums: f"({', '.join(sums)},)")


def _pair_adder(size: int) -> Callable[..., tuple[Vector, Vector]]:
    """``add(second, first, row)``: a new pair's two vectors, its tags' (what the pair gives
    its second word, then its first) each plus its half of the word pair's ``row``."""
    second = [f"s{k}" for k in range(size)]
    first = [f"f{k}" for k in range(size)]
    row = [f"r{k}" for k in range(2 * size)]
    sums = [
        f"({', '.join(f'{a} + {b}' for a, b in zip(half, row[o:], strict=False))},)"
        for half, o in ((second, 0), (first, size))
    ]
    code = (
        f"def add(second, first, row):\n"
        f"    {', '.join(second)}, = second\n"
        f"    {', '.join(first)}, = first\n"
        f"    {', '.join(row)}, = row\n"
        f"    return {sums[0]}, {sums[1]}"
    )
    scope: dict[str, Any] = {}
    exec(code, scope)  # written from integers only
    return scope["add"]


def _adder(
    terms: int, labels: Sequence[str], extra: Mapping[str, Sequence[float]]
) -> Callable[..., Item]:
    """The sum of ``terms`` relative vectors as one ``{label: score}`` of all models' labels
    (each model's decoder reads its own), with ``extra`` constants added to some labels after
    the sum, in order: the additions ``score[label] += bias`` would make, in the same call."""
    constants: dict[str, float] = {}

    def as_dict(sums: list[str]) -> str:
        spelt = []
        for name, x in zip(labels, sums, strict=True):
            for bias in extra.get(name, ()):
                constant = f"b{len(constants)}"
                constants[constant] = float(bias)
                x += f" + {constant}"
            spelt.append(f"{name!r}: {x}")
        return "{" + ", ".join(spelt) + "}"

    return _straight_line(terms, len(labels), as_dict, constants)


class Scorer:
    """The state scores of a paragraph's words under several models at once.

    Scores are kept relative to each model's first label (``O``), which is then left out:
    adding the same amount to every label of a word changes neither the best tagging nor
    the marginals, and it saves a fifth of the additions and of what CRFsuite is handed.
    Each attribute's weights are one row of a flat array (some 10 MB for both models;
    tuples per attribute took ten times that).
    """

    def __init__(self, models: Sequence[Model]) -> None:
        self.size = size = sum(len(m.labels) - 1 for m in models)
        # Rows: the word pairs the models weigh ("-1w|w" and "w|1w", two thirds of their
        # attributes), keyed by the pair, each a row of what the pair gives its second word
        # then its first; every other attribute keyed by itself.
        self._rows: dict[str, int] = {}
        self._word_pairs: dict[str, int] = {}
        places = []
        for model in models:
            where = []
            for attribute in model.attributes:
                if attribute.startswith(("-1w|w=", "w|1w=")):
                    pair = attribute.split("=", 1)[1]
                    row = self._word_pairs.setdefault(pair, len(self._word_pairs))
                    where.append((True, row, attribute[0] == "w"))
                else:
                    where.append((False, self._rows.setdefault(attribute, len(self._rows)), False))
            places.append(where)
        weights = array("d", bytes(8 * size * len(self._rows)))
        pair_weights = array("d", bytes(8 * 2 * size * len(self._word_pairs)))
        base = 0
        for model, where in zip(models, places, strict=True):
            starts = [
                (pair_weights, row * 2 * size + size * first) if paired else (weights, row * size)
                for paired, row, first in where
            ]
            dims = len(model.labels) - 1
            for index, label, weight in model.state():
                into, at = starts[index]
                at += base
                if label:
                    into[at + label - 1] += weight
                else:  # the first label's weight comes off every other label's
                    for k in range(at, at + dims):
                        into[k] -= weight
            base += dims
        self._weights = weights
        self._pair_weights = pair_weights
        self._zero: Vector = (0.0,) * size
        self._summers: dict[int, Callable[..., Vector]] = {}
        self._add2 = _summer(2, size)  # what a new word's or pair's vectors are made with
        self._add_pair = _pair_adder(size)
        # Per shape, tag, word lists and capital: those features' weights, own and as each
        # neighbour (a few thousand such combinations).
        self._shared: dict[tuple, tuple[Vector, ...]] = {}
        self._labels = [label for model in models for label in model.labels[1:]]
        if len(set(self._labels)) < len(self._labels):
            raise ValueError("the models share a label: one item cannot score both")
        # The adders, per set of constants added after the sums (see scores).
        self._adders: dict[tuple, Callable[..., Item]] = {}
        # Per word: its own features' weights (with "cap"), then what it gives the words two
        # before, one before, one after and two after it.
        self._words: Kept[str, _Parts] = Kept(_WORD_LIMIT)
        # Per pair of tags: what the pair gives its second word ("-1t|t") and its first ("t|1t").
        self._tag_pairs: dict[str, tuple[Vector, Vector]] = {}
        # Per pair of neighbouring words as written: the two vectors of their pair.
        self._bigrams: Kept[tuple[str, str], tuple[Vector, Vector]] = Kept(_BIGRAM_LIMIT)
        # Per place in the sentence and cue distances; per quotation of the word, its
        # sentence and its neighbours (or their absence): a few hundred of each at most.
        self._places: dict[tuple, Vector] = {}
        self._quotes: dict[tuple, Vector] = {}
        self._contexts: dict[tuple, Vector] = {}  # both together

    def vector(self, attributes: Sequence[str]) -> Vector:
        """The summed weights of ``attributes`` (each counted as often as it is given; word
        pairs are not among them, see :meth:`_pairs`)."""
        rows, weights, size = self._rows, self._weights, self.size
        found = [rows.get(attribute) for attribute in attributes]
        slices = [weights[row * size : (row + 1) * size] for row in found if row is not None]
        if not slices:
            return self._zero
        summer = self._summers.get(len(slices))
        if summer is None:
            summer = self._summers[len(slices)] = _summer(len(slices), size)
        return summer(*slices)

    def _plus(self, vector: Vector, attribute: str) -> Vector:
        """``vector`` with ``attribute``'s weights added (itself if the models have none)."""
        row = self._rows.get(attribute)
        if row is None:
            return vector
        return self._add2(vector, self._weights[row * self.size : (row + 1) * self.size])

    def _word(self, word: str) -> _Parts:
        found = self._words.get(word)
        if found is not None:
            return found
        entry = _entry(word)
        lower, tag, own, capital, lists = entry[0], entry[1], entry[2], entry[3], entry[4]
        # The parts shared by many words (shape, tag, word lists) are summed once.
        key = (own[2], tag, lists, capital)
        shared = self._shared.get(key)
        if shared is None:
            attributes = ["b", own[2], own[4], *lists, *(["cap"] if capital else [])]
            shared = self._shared[key] = (
                self.vector(attributes),
                *(self.vector(as_neighbour(entry, d)[1:]) for d in _OFFSETS),
            )
        plus = self._plus
        found = (
            plus(plus(shared[0], own[1]), own[3]),  # the word and its last three letters
            plus(shared[1], f"-2w={lower}"),
            plus(shared[2], f"-1w={lower}"),
            plus(shared[3], f"1w={lower}"),
            plus(shared[4], f"2w={lower}"),
        )
        self._words.put(word, found)
        return found

    def _pairs(self, texts: list[str], at: Layout) -> list[tuple[Vector, Vector]]:
        """What each pair of neighbouring words gives its second word and its first: the
        pair of their tags, and the pair of the words where the models weigh it (about
        half the pairs in news). Kept per pair of words as written (which fixes their tags
        and lower cases): most pairs of an article are common ones met before."""
        bigrams = self._bigrams
        keys = list(pairwise(texts))
        out = list(map(bigrams.fresh.get, keys))
        if None not in out:
            return cast(list[tuple[Vector, Vector]], out)
        tags, lowers = at.tags, at.lowers
        weights, size = self._pair_weights, 2 * self.size
        aged, tag_pairs, word_pairs = bigrams.aged, self._tag_pairs, self._word_pairs
        for i in compress(range(len(out)), map(not_, out)):  # the pairs not met lately
            key = keys[i]
            found = aged.get(key)
            if found is None:
                tag_pair = f"{tags[i]}|{tags[i + 1]}"
                found = tag_pairs.get(tag_pair)
                if found is None:
                    found = tag_pairs[tag_pair] = (
                        self.vector(["-1t|t=" + tag_pair]),
                        self.vector(["t|1t=" + tag_pair]),
                    )
                row = word_pairs.get(f"{lowers[i]}|{lowers[i + 1]}")
                if row is not None:
                    found = self._add_pair(*found, weights[row * size : (row + 1) * size])
            out[i] = found
            bigrams.put(key, found)
        return out  # type: ignore[return-value]

    def _context(self, at: Layout, n: int) -> list[Vector]:
        """Each word's place and cue distances (13 and beyond, or none, are one bucket), and
        whether it, its sentence and its neighbours quote (or the neighbours are missing)."""
        codes = [0, 0, *map((1).__add__, at.inside), 0, 0]
        # One flat key a word: its place and cue distances, then its quotation's.
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
        vectors = list(map(self._contexts.get, keys))
        if None not in vectors:
            return vectors  # type: ignore[return-value]
        for i, found in enumerate(vectors):
            if found is None:
                attributes = context(at, i)
                places, quotes = keys[i][:3], keys[i][3:]
                place = self._places.get(places)
                if place is None:
                    place = self._places[places] = self.vector(attributes[:3])
                quote = self._quotes.get(quotes)
                if quote is None:
                    quote = self._quotes[quotes] = self.vector(attributes[3:])
                vectors[i] = self._contexts[keys[i]] = self._add2(place, quote)
        return vectors  # type: ignore[return-value]

    def scores(
        self,
        words: list[Word],
        at: Layout,
        biases: Mapping[str, float] | None = None,
        more: Mapping[str, float] | None = None,
        where: Sequence[int] = (),
    ) -> list[Item]:
        """Each word's scores, as ``{label: score}`` of every model's labels but the first:
        ``biases`` are added to every word's, and ``more`` before them to the words at
        ``where`` (labels the models lack are left out of both)."""
        n = len(words)
        if not n:
            return []
        zero = self._zero
        texts = [w for w, _, _ in words]
        # A function call only for the words not met lately.
        cached = list(map(self._words.fresh.get, texts))
        if None in cached:
            for i in compress(range(n), map(not_, cached)):
                cached[i] = self._word(texts[i])
        parts = cast(list[_Parts], cached)
        pairs = self._pairs(texts, at)
        contexts = self._context(at, n)
        # The words' parts and the pairs' vectors, each kind as one tuple (n >= 1).
        own, before2, before1, after1, after2 = zip(*parts, strict=True)
        second, first = zip(*pairs, strict=True) if pairs else ((), ())
        terms = (
            own,
            (zero, zero, *before2[:-2]),
            (zero, *before1[:-1]),
            (*after1[1:], zero),
            (*after2[2:], zero, zero),
            contexts,
            (zero, *second),
            (*first, zero),
        )
        biases = biases or {}
        plain = {label: (biases[label],) for label in self._labels if label in biases}
        items = list(map(self._adder(plain), *terms))
        if more and where:
            marked = {
                label: ((more[label],) if label in more else ()) + plain.get(label, ())
                for label in self._labels
            }
            add = self._adder({label: added for label, added in marked.items() if added})
            for i in where:
                items[i] = add(*(term[i] for term in terms))
        return items

    def _adder(self, extra: Mapping[str, tuple[float, ...]]) -> Callable[..., Item]:
        key = tuple(sorted(extra.items()))
        add = self._adders.get(key)
        if add is None:
            add = self._adders[key] = _adder(_TERMS, self._labels, extra)
        return add
