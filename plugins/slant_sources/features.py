"""What the tagger sees of each word: the word, its shape, its likely part of speech,
the word lists it is on, where it sits in its sentence, whether it is quoted, how
far the nearest reporting verb is, and the same of its two neighbours each side.

Part of speech is the word's most frequent tag in TextBlob's bundled lexicon (a
dictionary look-up, no tagging pass and no NLTK data); the tagger's own context
features do what a contextual tagger would. Training and the analyzer call the
same :func:`featurize`, so what the model learned is what it is given.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from functools import cache
from itertools import chain, compress
from operator import itemgetter, not_
from pathlib import Path
from typing import cast

import numpy as np

from slant_sources.cache import Kept
from slant_sources.lexicon import Lexicon, load_lexicon
from slant_sources.tokens import Word

QUOTE_MARKS = frozenset(['"', "“", "”", "''", "``", "«", "»", "„", "‘", "’", "'"])
_SENTENCE_ENDS = frozenset([".", "!", "?"])
_OFFSETS = (-2, -1, 1, 2)
_BUCKETS = ("0", "1", "2", "3", "4-6", "4-6", "4-6", *(["7-12"] * 6))
# About 1.7 KB a word: 20,000 words is about 34 MB (200,000 grew a worker by some 340 MB).
# Kept as two generations of at most this many (cache.py): the common words stay.
_CACHE_LIMIT = 12_000

# Per word: (lower, tag, own features, capitalised, the word lists it is on, is a cue word)
_Entry = tuple[str, str, list[str], bool, tuple[str, ...], bool]


def _bucket(distance: int) -> str:
    return _BUCKETS[distance] if distance < len(_BUCKETS) else "13+"


# The strings of the distance features, made once (distances run to 99: "none").
_POSITION = ["sp=" + _bucket(d) for d in range(100)]
_LEFT = ["l=" + _bucket(d) for d in range(100)]
_RIGHT = ["r=" + _bucket(d) for d in range(100)]
_INSIDE = {d: f"{d}inq" for d in _OFFSETS}
_PAD = {d: f"{d}pad" for d in _OFFSETS}


def shape(word: str) -> str:
    """``Xx`` for "Trump", ``X.`` for "U.S.", ``d`` for "2016": runs of a kind, first six letters."""
    out: list[str] = []
    for ch in word[:6]:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


@cache
def _tags() -> dict[str, str]:
    """TextBlob's ``en-lexicon.txt`` read as its ``Lexicon`` reads it (first two fields of
    each line), but without importing TextBlob or keeping its lazy lexicon loaded: about
    16 MB less per worker where nothing else loads that lexicon."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("textblob")
    path = Path(spec.origin).with_name("en") / "en-lexicon.txt"
    table: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith(";;;"):
                word, tag = line.split(" ")[:2]
                table[word] = sys.intern(tag)
    return table


def likely_tag(word: str) -> str:
    """The word's most frequent part of speech, or ``UNK`` and its shape for an unknown word."""
    tags = _tags()
    return tags.get(word) or tags.get(word.lower().replace("’", "'")) or "UNK" + shape(word)[:2]


@cache
def _word_lists() -> tuple[tuple[str, frozenset[str]], ...]:
    lex: Lexicon = load_lexicon()
    return (
        ("SV", lex.speech_verbs),
        ("TV", lex.that_verbs),
        ("TI", lex.titles),
        ("HO", lex.honorifics),
        ("VN", lex.vague_nouns),
        ("DN", lex.definite_nouns),
        ("VA", lex.vague_adverbs),
        ("ST", lex.stance_adjectives),
        ("QM", QUOTE_MARKS),
    )


@cache
def _cue_words() -> frozenset[str]:
    lex = load_lexicon()
    return lex.speech_verbs | lex.that_verbs | lex.by_agent_verbs | {"according"}


@cache
def _listed() -> dict[str, tuple[tuple[str, ...], bool]]:
    """Per word on a list: the names of the word lists it is on (in :func:`_word_lists`'
    order) and whether it is a cue word: one look-up for a new word, not ten."""
    names: dict[str, list[str]] = {}
    for name, words in _word_lists():
        for word in words:
            names.setdefault(word, []).append(name)
    cues = _cue_words()
    return {word: (tuple(names.get(word, ())), word in cues) for word in names.keys() | cues}


_NOT_LISTED: tuple[tuple[str, ...], bool] = ((), False)
_entries: Kept[str, _Entry] = Kept(_CACHE_LIMIT)


def load() -> None:
    """Read the part-of-speech table and the word lists now, at setup, not on the first request."""
    _tags()
    _listed()


def _entry(word: str) -> _Entry:
    """A word's own features, computed once per distinct word and kept."""
    found = _entries.get(word)
    if found is not None:
        return found
    lower = word.lower().replace("’", "'")
    word_shape = shape(word)
    tags = _tags()  # as likely_tag, the shape made once
    tag = tags.get(word) or tags.get(lower) or "UNK" + word_shape[:2]
    flags, cue = _listed().get(lower, _NOT_LISTED)
    own = ["b", "w=" + lower, "s=" + word_shape, "x=" + lower[-3:], "t=" + tag, *flags]
    found = (lower, tag, own, word[:1].isupper(), flags, cue)
    _entries.put(word, found)
    return found


def as_neighbour(entry: _Entry, d: int) -> list[str]:
    """The features a word gives the word ``-d`` places away: its lower case, tag and lists."""
    return [f"{d}w={entry[0]}", f"{d}t={entry[1]}", *(f"{d}{g}" for g in entry[4])]


@dataclass
class Layout:
    """Where each word of a paragraph sits: what its features say beyond the word itself
    (the last five as arrays: views of the whole text's, which the tagger reads at once)."""

    entries: list[_Entry]
    lowers: list[str]
    tags: list[str]  # each word's likely part of speech
    starts: list[bool]  # where a sentence starts
    position: np.ndarray  # the word's place in its sentence
    left: np.ndarray  # how far back the nearest cue word is, in its sentence (99: none)
    right: np.ndarray  # how far ahead
    inside: np.ndarray  # within a quotation (bool)
    quoting: np.ndarray  # in a sentence that quotes (bool)


def layout(words: list[Word], quoted: list[tuple[int, int]]) -> Layout:
    """The positions :func:`featurize` writes as features, for one paragraph."""
    return layouts([words], quoted)[0]


def layouts(paragraphs: list[list[Word]], quoted: list[tuple[int, int]]) -> list[Layout]:
    """Each paragraph's :class:`Layout`, read for all of a text's paragraphs at once (array
    operations over the text's words, not list operations a paragraph): a sentence starts
    after . ! ? (or a quotation mark closing one) before a capital, and at a paragraph's
    start; a cue word's distance runs within its sentence; a word is quoted when its start
    lies strictly inside the last quotation starting at or before it."""
    sizes = [len(words) for words in paragraphs]
    n = sum(sizes)
    if not n:
        none = np.zeros(0, dtype=np.intp)
        return [Layout([], [], [], [], none, none, none, none > 0, none > 0) for _ in paragraphs]
    texts = list(map(itemgetter(0), chain.from_iterable(paragraphs)))
    cached = list(map(_entries.fresh.get, texts))  # a function call only for new words
    if None in cached:
        for i in compress(range(n), map(not_, cached)):
            cached[i] = _entry(texts[i])
    entries = cast(list[_Entry], cached)
    lowers = list(map(itemgetter(0), entries))
    tags = list(map(itemgetter(1), entries))
    index = np.arange(n)
    counts = np.array(sizes, dtype=np.intp)
    firsts = np.cumsum(counts) - counts
    lasts = (firsts + counts - 1)[counts > 0]
    ends = np.fromiter(map(_SENTENCE_ENDS.__contains__, lowers), dtype=bool, count=n)
    marks = np.fromiter(map(QUOTE_MARKS.__contains__, lowers), dtype=bool, count=n)
    capital = np.fromiter(map(itemgetter(3), entries), dtype=bool, count=n)
    is_cue = np.fromiter(map(itemgetter(5), entries), dtype=bool, count=n)
    starts = np.zeros(n, dtype=bool)
    starts[1:] = ends[:-1]
    # A quotation mark after a sentence's end, before a capital, opens the next sentence
    # (neither word beyond the paragraph).
    inner = np.ones(n, dtype=bool)
    inner[firsts[counts > 0]] = False
    inner[lasts] = False
    after_mark = np.zeros(n, dtype=bool)
    after_mark[2:] = marks[1:-1] & inner[1:-1] & ends[:-2]
    starts |= after_mark & capital
    starts[firsts[counts > 0]] = True
    sentence = np.cumsum(starts) - 1
    sentence_starts_at = index[starts]
    sentence_start = sentence_starts_at[sentence]
    sentence_end = np.append(sentence_starts_at[1:], n)[sentence]
    position = index - sentence_start
    # The nearest cue word strictly before (after) each word, kept only within its sentence.
    cue_at = np.where(is_cue, index, -1)
    before = np.empty(n, dtype=np.intp)
    before[0] = -1
    before[1:] = np.maximum.accumulate(cue_at)[:-1]
    left = np.where(before >= sentence_start, index - before, 99)
    cue_at = np.where(is_cue, index, n)
    after = np.empty(n, dtype=np.intp)
    after[-1] = n
    after[:-1] = np.minimum.accumulate(cue_at[::-1])[::-1][1:]
    right = np.where(after < sentence_end, after - index, 99)
    word_starts = np.fromiter(map(itemgetter(1), chain.from_iterable(paragraphs)), np.intp, n)
    if quoted:
        bounds = np.array(quoted, dtype=np.intp)
        last = np.searchsorted(bounds[:, 0], word_starts, side="right") - 1
        opened, closed = bounds[np.maximum(last, 0)].T
        inside = (last >= 0) & (opened < word_starts) & (word_starts < closed)
    else:
        inside = np.zeros(n, dtype=bool)
    quotes_sentence = np.zeros(len(sentence_starts_at), dtype=bool)
    quotes_sentence[sentence[inside | marks]] = True
    quoting = quotes_sentence[sentence]
    starts_list = starts.tolist()
    found = []
    for first, size in zip(firsts.tolist(), sizes, strict=True):
        end = first + size
        found.append(
            Layout(
                entries[first:end],
                lowers[first:end],
                tags[first:end],
                starts_list[first:end],
                position[first:end],
                left[first:end],
                right[first:end],
                inside[first:end],
                quoting[first:end],
            )
        )
    return found


def place(position: int, left: int, right: int) -> list[str]:
    """The features of a word's place in its sentence and its distances to the nearest cue
    words (99: none)."""
    return [_POSITION[min(position, 99)], _LEFT[left], _RIGHT[right]]


def quotation(inside: bool, quoting: bool, neighbours: tuple[int, int, int, int]) -> list[str]:
    """The features of a word's quotation: whether it and its sentence quote, and whether each
    neighbour (two before to two after) is beyond the paragraph (0), unquoted (1) or quoted (2)."""
    f = ["inq"] if inside else []
    if quoting:
        f.append("sq")
    for d, code in zip(_OFFSETS, neighbours, strict=True):
        if not code:
            f.append(_PAD[d])
        elif code == 2:
            f.append(_INSIDE[d])
    return f


def featurize(words: list[Word], quoted: list[tuple[int, int]]) -> list[list[str]]:
    """The features of one paragraph's words; ``quoted`` are the text's quotations, sorted."""
    at = layout(words, quoted)
    entries = at.entries
    n = len(words)
    position, left, right = at.position.tolist(), at.left.tolist(), at.right.tolist()
    inside, quoting = at.inside.tolist(), at.quoting.tolist()
    lowers = [e[0] for e in entries]
    tag_pairs = [f"{entries[i - 1][1]}|{entries[i][1]}" for i in range(1, n)]
    word_pairs = [f"{lowers[i - 1]}|{lowers[i]}" for i in range(1, n)]
    features = []
    for i in range(n):
        entry = entries[i]
        f = [*entry[2], _POSITION[min(position[i], 99)], _LEFT[left[i]], _RIGHT[right[i]]]
        if inside[i]:
            f.append("inq")
        if quoting[i]:
            f.append("sq")
        if entry[3]:
            f.append("cap")
        for d in _OFFSETS:
            j = i + d
            if 0 <= j < n:
                f.extend(as_neighbour(entries[j], d))
                if inside[j]:
                    f.append(_INSIDE[d])
            else:
                f.append(_PAD[d])
        if i > 0:
            f.append("-1t|t=" + tag_pairs[i - 1])
            f.append("-1w|w=" + word_pairs[i - 1])
        if i + 1 < n:
            f.append("t|1t=" + tag_pairs[i])
            f.append("w|1w=" + word_pairs[i])
        features.append(f)
    return features
