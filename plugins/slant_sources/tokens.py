"""Words with their offsets and part-of-speech tags.

The analyzer needs to know where every word sits in the submitted text, so it
tokenizes itself (a regular expression that keeps offsets) and hands the words
to TextBlob's Pattern tagger, which tags a pre-tokenized list without any NLTK
data. The tagger is what tells a proper noun (``NNP``) or a verb from a noun,
so names are found by tagging, not by guessing from capital letters.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Maj|Adm|Prof|Rev|Jr|Sr|St|Hon|Atty|Supt|Cmdr|"
    "Corp|Inc|Co|Ltd|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec"
)

_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.N.
    rf"|(?:{_ABBREVIATIONS})\.(?=\s)"
    r"|[A-Z]\.(?=\s+[A-Z])"  # a middle initial: "Edwin G. Monroy"
    r"|[A-Z][a-z]{1,4}\.(?=,)"  # "of Ashton, Md., said": a state or title abbreviation
    r"|\d+(?:[.,:]\d+)*%?"
    r"|[^\W\d_]\w*(?:[-'’](?![sS]\b)[^\W_]+)*"  # words, hyphenated, O'Brien, don't
    r"|['’]s\b"  # possessive
    r"|''|``"  # quotation marks of typewriter-era news copy
    r"|[^\w\s]",
)


class Token(NamedTuple):
    """One word or mark: its text, offsets in the document and Penn tag.

    ``lower`` is the word in lower case with curly apostrophes made straight, the
    form every word list is matched against.
    """

    text: str
    start: int
    end: int
    tag: str
    lower: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Split ``text[start:end]`` into ``(word, start, end)`` triples with document offsets."""
    end = len(text) if end is None else end
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def tag_span(text: str, start: int, end: int) -> list[Token]:
    """Tokenize and tag one sentence of ``text``."""
    from textblob.en import parser

    words = tokenize(text, start, end)
    if not words:
        return []
    tagged = parser.find_tags([w for w, _, _ in words])
    return [
        Token(word, s, e, tag, word.lower().replace("’", "'"))
        for (word, s, e), (_, tag) in zip(words, tagged, strict=True)
    ]
