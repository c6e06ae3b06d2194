"""Each word's state scores under both CRFs, summed from the models' weights directly.

A word's features (:func:`~slant_sources.features.featurize`) come in parts: its own
(the word, shape, tag, word lists, capital), what the words two before and after
give it, what each next word and the pair they form give it, and where it sits
(sentence place, cue distances, quotation, which neighbours are quoted or missing).
Each part's weights are summed once and kept as a row of a table (per word, per pair
of tags, per position pattern; the word pairs' rows are the model's), so a text's
scores are eight gathers of rows and eight array additions for all its paragraphs at
once, not some thirty feature weights a word looked up by name. The sum is CRFsuite's
up to the order of the additions (last-bit rounding: marginals within 1e-14 of
CRFsuite's own); keep that order (the word's own part, what the words two and one
before and one and two after give it, its place and quotation, then its pairs with
the word before and after) so outputs stay byte-identical.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Mapping, Sequence
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import Any

import numpy as np

from slant_sources.cache import Rows
from slant_sources.crfsuite import Model
from slant_sources.features import _OFFSETS, Layout, _entry, as_neighbour, place, quotation
from slant_sources.tokens import Word

# Rows kept per distinct word (two generations, cache.py): five vectors each, 320 bytes.
_WORD_LIMIT = 12_000
# Cue distances and places in the sentence from 13 on are one bucket ("13+", as 99: none).
_FAR = 13
# Two empty places before each paragraph (and after the last): no word there gives or
# takes anything, so one array holds a text's paragraphs without their touching.
_GAP = 2
_EMPTY = [""] * _GAP
_NO_WORDS = [0] * _GAP
_first = itemgetter(0)
# A word's own word feature, then the ones it gives the words two before … two after it.
_WORD_FEATURES = ("w=", *(f"{d}w=" for d in _OFFSETS))


def _summer(terms: int, size: int) -> Callable[..., tuple[float, ...]]:
    """``add(a, b, ...)``: the element-wise sum of ``terms`` vectors of ``size``, written out
    as straight-line additions in the given order (some three times faster than a loop)."""
    names = [[f"v{t}_{k}" for k in range(size)] for t in range(terms)]
    lines = [f"def add({', '.join(f'v{t}' for t in range(terms))}):"]
    for t in range(terms):
        lines.append(f"    {', '.join(names[t])}, = v{t}")
    sums = [" + ".join(names[t][k] for t in range(terms)) for k in range(size)]
    lines.append(f"    return ({', '.join(sums)},)")
    scope: dict[str, Any] = {}
    exec("\n".join(lines), scope)  # written from integers only
    return scope["add"]


def _index(rows: list[int]) -> np.ndarray:
    """Rows to take from a table (``np.fromiter`` reads a list of ints some 3x faster)."""
    return np.fromiter(rows, dtype=np.intp, count=len(rows))


class _WordTable:
    """Per row: a word's five vectors (its own, and what it gives the words two before, one
    before, one after, two after it), the number of its tag, and of its lower case as the
    first and as the second of a word pair the models weigh (-1: none). Row 0: no word."""

    def __init__(self, rows: int, size: int) -> None:
        self.parts = [np.zeros((rows, size)) for _ in range(5)]
        self.tags = np.zeros(rows, dtype=np.intp)
        self.firsts = np.full(rows, -1, dtype=np.int64)
        self.seconds = np.full(rows, -1, dtype=np.int64)


class Scorer:
    """The state scores of paragraphs' words under several models at once.

    Scores are kept relative to each model's first label (``O``), which is then left out:
    adding the same amount to every label of a word changes neither the best tagging nor
    the marginals, and it saves a fifth of the additions (the first label's column is 0.0).
    Each attribute's weights are one row of a table (some 10 MB for both models), whose
    last row is zeros (an attribute the models lack).
    """

    def __init__(self, models: Sequence[Model]) -> None:
        self.size = size = sum(len(m.labels) - 1 for m in models)
        # Rows: the word pairs the models weigh ("-1w|w" and "w|1w", two thirds of their
        # attributes), keyed by the pair, each a row of what the pair gives its second word
        # then its first; every other attribute keyed by itself.
        # The word's own and its neighbours' word features ("w=", "-2w=" … "2w=") are kept
        # apart, by word (below).
        self._rows: dict[str, int] = {}
        word_rows: dict[str, int] = {}
        word_pairs: dict[str, int] = {}
        places = []
        for model in models:
            where = []
            for attribute in model.attributes:
                if attribute.startswith(("-1w|w=", "w|1w=")):
                    pair = attribute.split("=", 1)[1]
                    row = word_pairs.setdefault(pair, len(word_pairs))
                    where.append((True, row, attribute[0] == "w"))
                else:
                    rows = word_rows if attribute.startswith(_WORD_FEATURES) else self._rows
                    if attribute not in rows:
                        rows[attribute] = len(self._rows) + len(word_rows)
                    where.append((False, rows[attribute], False))
            places.append(where)
        weights = array("d", bytes(8 * size * (len(self._rows) + len(word_rows) + 1)))
        pair_weights = array("d", bytes(8 * 2 * size * (len(word_pairs) + 1)))
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
        self._weights = weights  # read as floats when a vector is summed in Python
        self._table = np.frombuffer(weights).reshape(-1, size)  # the same memory
        self._none = len(self._rows) + len(word_rows)  # the row of zeros
        self._pair_table = np.frombuffer(pair_weights).reshape(-1, 2 * size)
        # A pair "a|b" as the numbers of the lower cases it joins, first and second (one code
        # per place a "|" could split it: a "|" can be a word), sorted: a text's pairs are
        # looked up at once (np.searchsorted), not one by one in a dictionary of 100,000.
        firsts: dict[str, int] = {}
        seconds: dict[str, int] = {}
        split = [
            (firsts.setdefault(pair[:k], len(firsts)), pair[k + 1 :], row)
            for pair, row in word_pairs.items()
            for k in (k for k, ch in enumerate(pair) if ch == "|")
        ]
        self._codes_of_seconds = len({second for _, second, _ in split})
        codes = {
            first * self._codes_of_seconds + seconds.setdefault(second, len(seconds)): row
            for first, second, row in split
        }
        order = sorted(codes)
        self._pair_codes = np.array(order, dtype=np.int64)
        self._pair_rows = np.array([codes[code] for code in order], dtype=np.intp)
        # Per lower case the models know as a word: the rows of "w=" and of what it gives each
        # neighbour ("-2w=" … "2w="), then its codes as a pair's first and second word (-1:
        # none), as one row of a table: a new word is one look-up, not seven and four
        # strings. Row 0: a word the models do not know.
        del split, codes, order  # (some 10 MB: gone before the next table is built)
        self._known: dict[str, int] = {}
        for attribute in word_rows:
            self._known.setdefault(attribute.split("=", 1)[1], len(self._known) + 1)
        for lower in [*firsts, *seconds]:
            self._known.setdefault(lower, len(self._known) + 1)
        table = np.full((len(self._known) + 1, 7), -1, dtype=np.intp)
        table[:, :5] = self._none
        for attribute, row in word_rows.items():
            prefix, lower = attribute.split("=", 1)
            table[self._known[lower], _WORD_FEATURES.index(prefix + "=")] = row
        for column, numbers in ((5, firsts), (6, seconds)):
            for lower, number in numbers.items():
                table[self._known[lower], column] = number
        self._known_table = table
        self._zero = (0.0,) * size
        self._summers: dict[int, Callable[..., tuple[float, ...]]] = {}
        self._labels = [label for model in models for label in model.labels[1:]]
        # Each model's columns (its labels but the first), in the models' order.
        ends = np.cumsum([len(m.labels) - 1 for m in models]).tolist()
        self._blocks = list(zip([0, *ends[:-1]], ends, strict=True))
        # Per shape, tag, word lists and capital: those features' weights, own and as each
        # neighbour (a few thousand such combinations; row 0 unused).
        self._shared: dict[tuple, int] = {}
        self._shared_table = np.zeros((256, 5 * size))
        # Per word: its own features' weights (with "cap"), then what it gives the words two
        # before, one before, one after and two after it. Row 0: no word (zeros).
        self._words: Rows[str] = Rows(_WORD_LIMIT)
        self._word_table = _WordTable(2 * _WORD_LIMIT + 2, size)
        self._tags: dict[str, int] = {}
        # Per pair of tags (numbered from 1): the row of what the pair gives its second word
        # ("-1t|t"), then its first ("t|1t") in the table below (-1: not summed yet; row 0:
        # no pair, zeros).
        self._tag_pairs = np.full((64, 64), -1, dtype=np.intp)
        self._tag_pairs[0, :] = self._tag_pairs[:, 0] = 0
        self._tag_pair_table = np.zeros((256, 2 * size))
        self._tag_pair_count = 1
        # Per place in the sentence and cue distances, and per quotation of the word, its
        # sentence and its neighbours: filled as met.
        self._places = np.zeros(((_FAR + 1) ** 3, size))
        self._placed = np.zeros(len(self._places), dtype=bool)
        self._quotes = np.zeros((2 * 2 * 3**4, size))
        self._quoted = np.zeros(len(self._quotes), dtype=bool)
        # The tables are filled and rows handed out anew while scoring: one text at a time.
        self._lock = threading.Lock()

    def vector(self, attributes: Sequence[str]) -> tuple[float, ...]:
        """The summed weights of ``attributes`` (each counted as often as it is given; word
        pairs are not among them), added in the order given."""
        rows, weights, size = self._rows, self._weights, self.size
        found = [rows.get(attribute) for attribute in attributes]
        slices = [weights[row * size : (row + 1) * size] for row in found if row is not None]
        if not slices:
            return self._zero
        summer = self._summers.get(len(slices))
        if summer is None:
            summer = self._summers[len(slices)] = _summer(len(slices), size)
        return summer(*slices)

    def _shared_row(self, entry: tuple) -> int:
        """The row of a word's shape, tag, word lists and capital: their weights as its own
        features, then as each neighbour's."""
        own, tag, lists, capital = entry[2], entry[1], entry[4], entry[3]
        key = (own[2], tag, lists, capital)
        row = self._shared.get(key)
        if row is None:
            row = self._shared[key] = len(self._shared) + 1
            if row == len(self._shared_table):
                self._shared_table = np.concatenate(
                    [self._shared_table, np.zeros_like(self._shared_table)]
                )
            attributes = ["b", own[2], own[4], *lists, *(["cap"] if capital else [])]
            vectors = [self.vector(attributes)]
            vectors += [self.vector(as_neighbour(entry, d)[1:]) for d in _OFFSETS]
            self._shared_table[row] = [x for vector in vectors for x in vector]
        return row

    def _add_words(
        self, texts: list[str], table: _WordTable, row: Callable[[str], int | None]
    ) -> None:
        """Write the words ``row`` gives a row in ``table`` (each once; ``None``: it has one):
        their shared part's row plus the weights of the word itself, its last three letters,
        and the word as each neighbour."""
        rows, shared, suffixes, known, tags = [], [], [], [], []
        get, none, number = self._rows.get, self._none, self._known.get
        for text in dict.fromkeys(texts):
            at = row(text)
            if at is None:
                continue
            entry = _entry(text)
            rows.append(at)
            shared.append(self._shared_row(entry))
            suffixes.append(get(entry[2][3], none))
            known.append(number(entry[0], 0))
            tags.append(self._tag(entry[1]))
        if not rows:
            return
        size, weights = self.size, self._table
        parts = self._shared_table[shared]
        numbers = self._known_table[known]
        parts[:, :size] += weights[numbers[:, 0]]  # the word, then its last three letters
        parts[:, :size] += weights[suffixes]
        for k in range(1, 5):  # what it gives the words two before, … two after it
            parts[:, k * size : (k + 1) * size] += weights[numbers[:, k]]
        for k, into in enumerate(table.parts):
            into[rows] = parts[:, k * size : (k + 1) * size]
        table.tags[rows] = tags
        table.firsts[rows] = numbers[:, 5]
        table.seconds[rows] = numbers[:, 6]

    def _kept_row(self, text: str) -> int | None:
        """A row of the kept table for a word that has none there (``None`` if it has)."""
        return None if self._words.get(text) is not None else self._words.add(text)

    def _tag(self, tag: str) -> int:
        number = self._tags.get(tag)
        if number is None:
            number = self._tags[tag] = len(self._tags) + 1
            if number == len(self._tag_pairs):  # a larger square, what was summed kept
                grown = np.full((2 * number, 2 * number), -1, dtype=np.intp)
                grown[:number, :number] = self._tag_pairs
                grown[0, :] = grown[:, 0] = 0
                self._tag_pairs = grown
        return number

    def _pairs_of(self, at: np.ndarray, table: _WordTable) -> tuple[np.ndarray, np.ndarray]:
        """The rows of each pair of neighbouring places of ``at`` (word rows): in the table of
        tag pairs (the few new pairs summed and added), and in the models' word pairs."""
        tags = table.tags.take(at)
        before, after = tags[:-1], tags[1:]
        tag_rows = self._tag_pairs[before, after]
        if (tag_rows < 0).any():
            names = {number: tag for tag, number in self._tags.items()}
            new = tag_rows < 0
            for a, b in set(zip(before[new].tolist(), after[new].tolist(), strict=True)):
                row = self._tag_pair_count
                self._tag_pair_count += 1
                if row == len(self._tag_pair_table):
                    full = self._tag_pair_table
                    self._tag_pair_table = np.concatenate([full, np.zeros_like(full)])
                pair = f"{names[a]}|{names[b]}"
                second = self.vector(["-1t|t=" + pair])
                self._tag_pair_table[row] = [*second, *self.vector(["t|1t=" + pair])]
                self._tag_pairs[a, b] = row
            tag_rows = self._tag_pairs[before, after]
        firsts = table.firsts.take(at[:-1])
        seconds = table.seconds.take(at[1:])
        codes = firsts * self._codes_of_seconds + seconds
        found = np.minimum(np.searchsorted(self._pair_codes, codes), len(self._pair_codes) - 1)
        weighed = (firsts >= 0) & (seconds >= 0) & (self._pair_codes.take(found) == codes)
        none = len(self._pair_table) - 1
        return tag_rows, np.where(weighed, self._pair_rows.take(found), none)

    def _contexts(
        self, layouts: Sequence[Layout], starts: list[int], length: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Where the words sit in the text's array (each paragraph from its start), and each
        one's place and quotation vector: its place and cue distances (13 and beyond, or none,
        are one bucket), and whether it, its sentence and its neighbours quote (or the
        neighbours are missing)."""
        sizes = [len(at.position) for at in layouts]
        n = sum(sizes)
        shifts = np.array(starts) - np.cumsum([0, *sizes[:-1]])
        where = np.arange(n) + np.repeat(shifts, sizes)
        codes = np.zeros(length, dtype=np.intp)  # 0: no word; 1: a word outside quotation; 2: in
        quoted = np.concatenate([at.inside for at in layouts]).astype(np.intp)
        codes[where] = quoted + 1
        place_codes = np.minimum(np.concatenate([at.position for at in layouts]), _FAR)
        for distances in ([at.left for at in layouts], [at.right for at in layouts]):
            place_codes *= _FAR + 1
            place_codes += np.minimum(np.concatenate(distances), _FAR)
        quote_codes = quoted * 2 + np.concatenate([at.quoting for at in layouts])
        for shift in (-2, -1, 1, 2):
            quote_codes *= 3
            quote_codes += codes.take(where + shift)
        self._fill_places(place_codes)
        self._fill_quotes(quote_codes)
        contexts = self._places.take(place_codes, axis=0)
        contexts += self._quotes.take(quote_codes, axis=0)
        return where, contexts

    def _fill_places(self, codes: np.ndarray) -> None:
        for code in np.unique(codes[~self._placed[codes]]).tolist():
            position, rest = divmod(code, (_FAR + 1) ** 2)
            self._places[code] = self.vector(place(position, *divmod(rest, _FAR + 1)))
            self._placed[code] = True

    def _fill_quotes(self, codes: np.ndarray) -> None:
        for code in np.unique(codes[~self._quoted[codes]]).tolist():
            rest, neighbours = code, list[int]()
            for _ in _OFFSETS:  # the last neighbour's code is the lowest digit
                rest, neighbour = divmod(rest, 3)
                neighbours.insert(0, neighbour)
            inside, quoting = divmod(rest, 2)
            before2, before1, after1, after2 = neighbours
            attributes = quotation(bool(inside), bool(quoting), (before2, before1, after1, after2))
            self._quotes[code] = self.vector(attributes)
            self._quoted[code] = True

    def scores(
        self,
        paragraphs: Sequence[tuple[list[Word], Layout]],
        biases: Mapping[str, float] | None = None,
        more: Mapping[str, float] | None = None,
        where: Sequence[Sequence[int]] = (),
    ) -> list[list[np.ndarray]]:
        """Each paragraph's state scores under each model: a ``(words, labels)`` array per
        model, its labels in the model's order, the first one's column 0.0, every other one's
        ``0.0 +`` its score (as CRFsuite sums a state from its items). ``biases`` are added to
        every word's scores, and ``more`` before them to the words at ``where`` (one list of
        places a paragraph; labels the models lack are left out)."""
        where = where or [()] * len(paragraphs)
        # A batch of at most _WORD_LIMIT words: no row it reads is handed out anew before
        # it is read (the word table ages at most once while it is scored).
        batches: list[list[int]] = [[]]
        count = 0
        for k, (words, _) in enumerate(paragraphs):
            if count + len(words) > _WORD_LIMIT and batches[-1]:
                batches.append([])
                count = 0
            batches[-1].append(k)
            count += len(words)
        out = []
        with self._lock:
            for batch in batches:
                out += self._scores(
                    [paragraphs[k] for k in batch],
                    biases or {},
                    more or {},
                    [where[k] for k in batch],
                )
        return out

    def _scores(
        self,
        paragraphs: Sequence[tuple[list[Word], Layout]],
        biases: Mapping[str, float],
        more: Mapping[str, float],
        where: Sequence[Sequence[int]],
    ) -> list[list[np.ndarray]]:
        size = self.size
        # The text as one array: _GAP empty places, a paragraph's words, _GAP empty places, …
        words: list[int | None] = []
        texts: list[str] = []
        starts = []
        fresh = self._words.fresh.get
        for text_words, _ in paragraphs:
            starts.append(len(words) + _GAP)
            texts += _EMPTY
            texts += map(_first, text_words)
            words += _NO_WORDS
            words += map(fresh, map(_first, text_words))
        words += _NO_WORDS
        table = self._word_table
        if None in words:  # words not met lately: rows for them (some 5% of news words)
            missing = list(compress(range(len(words)), map(is_, words, repeat(None))))
            distinct = set(texts)
            if len(distinct) > self._words.limit:  # kept rows could be handed out anew
                number = dict(zip(distinct - {""}, range(1, len(distinct)), strict=True))
                table = _WordTable(len(distinct), size)
                self._add_words(list(number), table, number.get)
                words = [number.get(text, 0) for text in texts]
            else:  # at most one ageing: no row read here is handed out anew
                self._add_words([texts[i] for i in missing], table, self._kept_row)
                get = self._words.get
                for i in missing:
                    words[i] = get(texts[i])
        length = len(words)
        at = _index(words)  # type: ignore[arg-type]
        own, before2, before1, after1, after2 = table.parts
        # In this order (see the module's docstring): a word's own part, then what the words
        # two before, one before, one after and two after give it.
        total = own.take(at, axis=0)
        total[2:] += before2.take(at[:-2], axis=0)
        total[1:] += before1.take(at[:-1], axis=0)
        total[:-1] += after1.take(at[1:], axis=0)
        total[:-2] += after2.take(at[2:], axis=0)
        placed, contexts = self._contexts([at for _, at in paragraphs], starts, length)
        total[placed] += contexts
        tag_pairs, word_pairs = self._pairs_of(at, table)
        pairs = self._tag_pair_table.take(tag_pairs, axis=0)
        pairs += self._pair_table.take(word_pairs, axis=0)
        total[1:] += pairs[:, :size]
        total[:-1] += pairs[:, size:]
        columns = {label: k for k, label in enumerate(self._labels)}
        if more:
            marked = [start + i for start, said in zip(starts, where, strict=True) for i in said]
            for label, value in more.items():
                if label in columns:
                    total[marked, columns[label]] += value
        for label, value in biases.items():
            if label in columns:
                total[:, columns[label]] += value
        # Each model's states for the whole text (rows of a C-ordered array: a paragraph's rows
        # are one block of memory, which the decoder copies as it is).
        states = []
        for first, end in self._blocks:
            state = np.zeros((length, end - first + 1))
            state[:, 1:] += total[:, first:end]
            states.append(state)
        return [
            [state[start : start + len(text_words)] for state in states]
            for start, (text_words, _) in zip(starts, paragraphs, strict=True)
        ]
