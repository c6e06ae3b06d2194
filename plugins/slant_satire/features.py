"""Text to style features: the one definition shared by training and the runtime.

Words are lower-cased (Onion headlines are Title Case and r/NotTheOnion's are
not: casing would teach the model the source, not the joke) and digits fold
to ``0`` (years would teach it the era: bb2009's real articles are 1994
newswire). Features are word unigrams and bigrams plus a few punctuation
tokens that carry deadpan style (quotes, exclamations, dashes). Headline
features are kept apart from body features (prefix ``H:`` vs ``B:``): a
headline-only set (OnionOrNot) then trains the headline half of the model
without pulling on the body half that scores paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+(?:[.,]\d+)*|[!?\"—'$%()]")
_DIGITS = re.compile(r"\d")
# (str.translate with a mapping is slow on non-ASCII text; replace() is not.)
_FOLD = (("“", '"'), ("”", '"'), ("–", "—"), ("’", "'"))
# A first line this short is a headline, as in every training set.
HEADLINE_MAX_CHARS = 200
HEADLINE = "H:"
BODY = "B:"
# The body is read in windows of this many tokens, each scored alone and the
# logits averaged: a whole-text score then does not grow with length (real
# training articles are three times as long as satire; a model reading whole
# texts learned "long means real" and called short real news satire).
WINDOW_TOKENS = 250


def tokens(text: str) -> list[str]:
    """Lower-cased word and style-punctuation tokens, digits folded to 0."""
    for old, new in _FOLD:
        text = text.replace(old, new)
    return _TOKEN.findall(_DIGITS.sub("0", text.lower()))


def features(text: str, prefix: str) -> Counter[str]:
    """Counts of unigrams and bigrams (joined by a space) of :func:`tokens`."""
    return token_features(tokens(text), prefix)


def token_features(toks: list[str], prefix: str) -> Counter[str]:
    """:func:`features` of text already split by :func:`tokens`."""
    counts = Counter(prefix + t for t in toks)
    counts.update(f"{prefix}{a} {b}" for a, b in pairwise(toks))
    return counts


def split_headline(text: str) -> tuple[str, str]:
    """``(headline, body)``: the first line when it is short enough to be a headline."""
    first, _, rest = text.strip().partition("\n")
    if len(first.strip()) <= HEADLINE_MAX_CHARS:
        return first.strip(), rest
    return "", text


def window_features(
    headline: Counter[str], paragraphs: list[list[str]], size: int = WINDOW_TOKENS
) -> list[Counter[str]]:
    """The body in windows of ``size`` tokens, each with the headline's features.

    ``paragraphs`` are token lists (:func:`tokens`); bigrams never cross a
    paragraph. A last window shorter than half of ``size`` joins the one
    before it. A text without body tokens is one window: its headline.
    """
    windows: list[Counter[str]] = []
    current: Counter[str] = Counter()
    left = size
    for toks in paragraphs:
        while toks:
            piece, toks = toks[:left], toks[left:]
            current.update(token_features(piece, BODY))
            left -= len(piece)
            if left <= 0:
                windows.append(current)
                current, left = Counter(), size
    if current and (not windows or left < size / 2):
        windows.append(current)
    elif current:
        windows[-1].update(current)
    if not windows:
        windows.append(Counter())
    for window in windows:
        window.update(headline)
    return windows


def document_features(headline: str, paragraphs: list[str]) -> Counter[str]:
    """The whole piece: headline features plus the body features of every paragraph."""
    counts = features(headline, HEADLINE)
    for paragraph in paragraphs:
        counts.update(features(paragraph, BODY))
    return counts
