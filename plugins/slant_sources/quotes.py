"""Where the text quotes someone word for word, whatever quotation marks it uses.

Straight (" '), curly (“ ” ‘ ’), typewriter (`` '' and '' ''), guillemets (« » and
» «) and low-high („ “) marks are paired within a paragraph. A quotation nested in
another (‘…’ inside “…”) lies inside the outer one, so the regions returned are the
outermost ones, merged: enough to tell a verbatim quote from a paraphrase.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

# Each style: a pattern for its marks and a function telling opening from closing.
_DOUBLE = re.compile(r"``|''|[\"“”„«»]")
_SINGLE = re.compile(r"[‘’']")
_LETTER = re.compile(r"[^\W_]")
_OPENERS = {"``": "''", "“": "”", "„": "“", "«": "»", "»": "«", "‘": "’"}
_SYMMETRIC = {'"', "''", "'"}


def _is_opening(text: str, start: int, end: int) -> bool:
    """A symmetric mark opens when it stands before a word and after a space or bracket."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _is_closing(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isspace() and (not after.isalnum())


def _pair(text: str, marks: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Pair opening and closing marks left to right, nested ones on a stack.

    Marks are paired within one paragraph, so an old-style quotation that runs over
    several paragraphs, or an unclosed one, is dropped.
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    for start, end, mark in marks:
        if (
            stack
            and mark == stack[-1][1]
            and (mark not in _SYMMETRIC or _is_closing(text, start, end))
        ):
            spans.append((stack.pop()[0], end))
        elif mark in _OPENERS and (mark != "»" or _is_opening(text, start, end)):
            stack.append((start, _OPENERS[mark]))
        elif mark in _SYMMETRIC and _is_opening(text, start, end):
            stack.append((start, mark))
        elif mark == "”" and not stack and _is_opening(text, start, end):
            stack.append((start, "”"))  # a closing mark typed as the opening one
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def quoted_regions(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The outermost quotations of ``text``, as sorted, non-overlapping spans."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        doubles = [(m.start(), m.end(), m.group()) for m in _DOUBLE.finditer(text, p_start, p_end)]
        in_paragraph = _pair(text, doubles)
        taken = _merge(in_paragraph)  # this paragraph's only: the cost stays linear
        singles = [
            (m.start(), m.end(), m.group())
            for m in _SINGLE.finditer(text, p_start, p_end)
            if not _inside(taken, m.start()) and not _is_apostrophe(text, m.start())
        ]
        spans.extend(in_paragraph)
        spans.extend(_pair(text, singles))
    return _merge(spans)


def _is_apostrophe(text: str, at: int) -> bool:
    """An apostrophe sits between letters (don't) or after a plural s (the voters')."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isalnum() and after.isalnum()) or (before == "s" and after.isspace())


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` lies in one of the sorted, non-overlapping ``spans``."""
    i = bisect_right(spans, (at, len(spans) and spans[-1][1] + 1)) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


# Spans longer than this are counted from a prefix sum over the whole text, so a
# huge sentence's many overlapping spans cost one pass, not one pass each.
_DIRECT_COUNT_LIMIT = 2000


def count_letters(text: str, start: int, end: int) -> int:
    """The number of letters and digits in ``text[start:end]``."""
    if end - start <= _DIRECT_COUNT_LIMIT:
        return len(_LETTER.findall(text, start, end))
    prefix = _letter_prefix(text)
    return prefix[end] - prefix[start]


@lru_cache(maxsize=2)
def _letter_prefix(text: str) -> list[int]:
    """``prefix[i]`` = letters and digits in ``text[:i]`` (``[^\\W_]`` is ``str.isalnum``)."""
    return [0, *accumulate(map(str.isalnum, text))]


def quoted_share(regions: list[tuple[int, int]], start: int, end: int, text: str) -> float:
    """The share of the letters and digits of ``text[start:end]`` that lie inside a quotation."""
    first = max(0, bisect_right(regions, (start, len(text) + 1)) - 1)
    quoted = 0
    for r_start, r_end in regions[first:]:
        if r_start >= end:
            break
        low, high = max(start, r_start), min(end, r_end)
        if low < high:
            quoted += count_letters(text, low, high)
    if not quoted:  # no quotation inside: skip counting a possibly huge span
        return 0.0
    return quoted / count_letters(text, start, end)
