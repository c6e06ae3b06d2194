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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import compress
from operator import itemgetter, not_, or_
from pathlib import Path
from typing import cast

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


_entries: Kept[str, _Entry] = Kept(_CACHE_LIMIT)


def load() -> None:
    """Read the part-of-speech table and the word lists now, at setup, not on the first request."""
    _tags()
    _word_lists()
    _cue_words()


def _entry(word: str) -> _Entry:
    """A word's own features, computed once per distinct word and kept."""
    found = _entries.get(word)
    if found is not None:
        return found
    lower = word.lower().replace("’", "'")
    word_shape = shape(word)
    tag = likely_tag(word)
    flags = tuple(name for name, words in _word_lists() if lower in words)
    own = ["b", "w=" + lower, "s=" + word_shape, "x=" + lower[-3:], "t=" + tag, *flags]
    found = (lower, tag, own, word[:1].isupper(), flags, lower in _cue_words())
    _entries.put(word, found)
    return found


def as_neighbour(entry: _Entry, d: int) -> list[str]:
    """The features a word gives the word ``-d`` places away: its lower case, tag and lists."""
    return [f"{d}w={entry[0]}", f"{d}t={entry[1]}", *(f"{d}{g}" for g in entry[4])]


def sentence_starts(lowers: list[str], words: list[Word]) -> list[bool]:
    """Where a sentence starts: after . ! ? (or a quotation mark closing one) before a capital."""
    ends = list(map(_SENTENCE_ENDS.__contains__, lowers))
    starts = [True, *ends[:-1]] if words else []
    # Only quotation marks can start a sentence beyond that: look at those alone.
    for j in compress(range(len(words) - 1), map(QUOTE_MARKS.__contains__, lowers)):
        if j >= 1 and ends[j - 1] and words[j + 1][0][:1].isupper():
            starts[j + 1] = True
    return starts


@dataclass
class Layout:
    """Where each word of a paragraph sits: what its features say beyond the word itself."""

    entries: list[_Entry]
    lowers: list[str]
    tags: list[str]  # each word's likely part of speech
    starts: list[bool]  # where a sentence starts
    position: list[int]  # the word's place in its sentence
    left: list[int]  # how far back the nearest cue word is, in its sentence (99: none)
    right: list[int]  # how far ahead
    inside: list[bool]  # within a quotation
    quoting: list[bool]  # in a sentence that quotes


def layout(words: list[Word], quoted: list[tuple[int, int]]) -> Layout:
    """The positions :func:`featurize` writes as features, read once for a paragraph (the
    tagger sums the models' weights from them without writing the feature strings)."""
    n = len(words)
    texts = [w for w, _, _ in words]
    cached = list(map(_entries.fresh.get, texts))  # a function call only for new words
    if None in cached:
        for i in compress(range(n), map(not_, cached)):
            cached[i] = _entry(texts[i])
    entries = cast(list[_Entry], cached)
    lowers = list(map(itemgetter(0), entries))
    starts = sentence_starts(lowers, words)
    # Sentence by sentence (``bounds``: where each starts and ends), not word by word.
    bounds = [*compress(range(n), starts), n]
    sentence, position = [0] * n, [0] * n
    for k in range(len(bounds) - 1):
        first, end = bounds[k], bounds[k + 1]
        sentence[first:end] = [k] * (end - first)
        position[first:end] = range(end - first)
    # How far the nearest cue word is on either side, within the sentence: filled from
    # each cue word up to the next (or the sentence's end), and back to the one before.
    left, right = [99] * n, [99] * n
    cues = list(compress(range(n), map(itemgetter(5), entries)))
    for k, cue in enumerate(cues):
        sentence_start, sentence_end = bounds[sentence[cue]], bounds[sentence[cue] + 1]
        end = min(cues[k + 1] + 1 if k + 1 < len(cues) else n, sentence_end)
        left[cue + 1 : end] = range(1, end - cue)
        first = max(cues[k - 1] if k else 0, sentence_start)
        right[first:cue] = range(cue - first, 0, -1)
    # Within a quotation: a word's start strictly inside the last quotation that starts at
    # or before it (the quotations of the paragraph, each over the words it spans).
    inside = [False] * n
    if n:
        quote_starts = [a for a, _ in quoted]
        word_starts = [start for _, start, _ in words]
        first_quote = max(bisect_right(quote_starts, word_starts[0]) - 1, 0)
        for q in range(first_quote, bisect_right(quote_starts, word_starts[-1])):
            stop = quoted[q][1]
            if q + 1 < len(quoted):
                stop = min(stop, quote_starts[q + 1])
            a = bisect_right(word_starts, quoted[q][0])
            b = bisect_left(word_starts, stop)
            inside[a:b] = [True] * max(0, b - a)
    marked = map(or_, inside, map(QUOTE_MARKS.__contains__, lowers))
    quoting = set(compress(sentence, marked))
    tags = list(map(itemgetter(1), entries))
    quotes = list(map(quoting.__contains__, sentence))
    return Layout(entries, lowers, tags, starts, position, left, right, inside, quotes)


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
    lowers = [e[0] for e in entries]
    tag_pairs = [f"{entries[i - 1][1]}|{entries[i][1]}" for i in range(1, n)]
    word_pairs = [f"{lowers[i - 1]}|{lowers[i]}" for i in range(1, n)]
    features = []
    for i in range(n):
        entry = entries[i]
        f = [*entry[2], _POSITION[min(at.position[i], 99)], _LEFT[at.left[i]], _RIGHT[at.right[i]]]
        if at.inside[i]:
            f.append("inq")
        if at.quoting[i]:
            f.append("sq")
        if entry[3]:
            f.append("cap")
        for d in _OFFSETS:
            j = i + d
            if 0 <= j < n:
                f.extend(as_neighbour(entries[j], d))
                if at.inside[j]:
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
