"""Passages that say they are satire, and how much of the piece each one covers.

Two kinds. A *disclaimer* speaks for the whole piece ("this article is
satire", "X is a satirical website", "for entertainment purposes only"). A
*local* declaration introduces a satirical passage inside a serious piece
("what better end ... than a satirical thought", "to close on a satirical
note", "what follows is a parody"): it covers its own paragraph and what
follows, while the writer keeps the joke going. Patterns are self-referential
on purpose: an article *about* satire ("the court ruled the Onion piece was
satire") declares nothing. A page can also declare itself satire in its metadata
(schema.org ``SatiricalArticle``, :func:`page_declaration`): that speaks for the whole piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from slant import PageInfo

WHOLE = "whole"
LOCAL = "local"

_SATIRE_NOUN = (
    r"(?:satire|(?:an?\s+)?satirical|parody|a\s+parody|a\s+joke|humou?r|fiction|a\s+spoof)"
)
_SELF = r"(?:this|the\s+above|the\s+following)\s+(?:article|piece|post|story|column|blog\s+post|report|site|website|page)"
_REGISTER = r"(?:satirical|tongue[- ]in[- ]cheek|humorous|facetious|fanciful|absurd)"
_CLOSING = r"(?:thought|note|aside|take|twist|image|suggestion|flourish|coda|postscript|scenario)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        (
            WHOLE,
            rf"\b{_SELF}\s+(?:is|was)\s+(?:(?:a\s+)?work\s+of\s+|purely\s+|intended\s+as\s+)?{_SATIRE_NOUN}\b",
        ),
        (WHOLE, r"\bsatire\s+disclaimer\b"),
        (WHOLE, r"\bwe\s+are\s+an?\s+satirical\b"),
        (WHOLE, r"\bfor\s+(?:satirical|entertainment)\s+purposes\s+only\b"),
        (
            LOCAL,
            rf"\bwhat\s+better\s+(?:end|ending|close|way\s+to\s+(?:end|close))\b[^.?!]{{0,80}}?\bthan\s+(?:a|an|this|one)\s+{_REGISTER}\s+{_CLOSING}\b",
        ),
        (
            LOCAL,
            rf"\b(?:end|close|finish|conclude|sign\s+off)\s+(?:on|with)\s+(?:a|an|one)\s+(?:final\s+|last\s+)?{_REGISTER}\s+{_CLOSING}\b",
        ),
        (LOCAL, rf"\b(?:one|a)\s+(?:final|last|closing)\s+{_REGISTER}\s+{_CLOSING}\b"),
        (
            LOCAL,
            rf"\b(?:indulge|allow|permit)\s+(?:me|us)\s+(?:a|an|one)\s+{_REGISTER}\s+{_CLOSING}\b",
        ),
        (
            LOCAL,
            rf"\b(?:what\s+follows|the\s+following)\s+is\s+(?:(?:a\s+)?work\s+of\s+|pure\s+)?{_SATIRE_NOUN}\b",
        ),
    )
)


# Every pattern above needs one of these words: a cheap test that skips the rest.
_TRIGGER = re.compile(
    r"satir|parod|joke|humou?r|fiction|spoof|tongue|facetious|fanciful|absurd", re.IGNORECASE
)


@dataclass(frozen=True)
class Declaration:
    """A matched declaration: ``kind`` is ``"whole"`` or ``"local"``; offsets in the text."""

    kind: str
    start: int
    end: int
    text: str


def find_declarations(text: str, start: int = 0) -> list[Declaration]:
    """Every declaration in ``text``; offsets are shifted by ``start``."""
    if not _TRIGGER.search(text):
        return []
    found = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            phrase = " ".join(match.group().split())
            found.append(Declaration(kind, start + match.start(), start + match.end(), phrase))
    return sorted(found, key=lambda d: d.start)


#: schema.org's type for satire: a page that declares it has said it is satire, as a
#: disclaimer would.
SATIRE_TYPES = frozenset({"satiricalarticle"})


def page_declaration(page: PageInfo) -> str | None:
    """The type by which the page's own metadata declares the whole piece satire, or None."""
    return next((kind for kind in page.types if kind.casefold() in SATIRE_TYPES), None)
