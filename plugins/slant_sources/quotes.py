"""Where the text quotes someone word for word, whatever quotation marks it uses.

Straight (" '), curly (“ ” ‘ ’), typewriter (`` '' and '' ''), guillemets (« » and
» «) and low-high („ “) marks are paired within a paragraph. A quotation nested in
another (‘…’ inside “…”) lies inside the outer one, so the regions returned are the
outermost ones, merged: enough to tell a verbatim quote from a paraphrase.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate

# Each style: a pattern for its marks and a function telling opening from closing.
_DOUBLE = re.compile(r"``|''|[\"“”„«»]")
_SINGLE = re.compile(r"[‘’']")
_LETTER = re.compile(r"[^\W_]")
_OPENERS = {"``": "''", "“": "”", "„": "“", "«": "»", "»": "«", "‘": "’"}
_SYMMETRIC = {'"', "''", "'"}
# The share of a text inside quotation marks at which it counts as quoted word for word.
WHOLLY_QUOTED = 0.97


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


class Quotations:
    """The quotations of a text, and how much of any span lies inside them.

    The letters of every quotation are counted once (on first use) into a prefix
    sum, so the share of a long span costs two bisections, not a pass over each
    quotation it holds: a long sentence with many cues and quotes stays linear.
    """

    def __init__(self, text: str, regions: list[tuple[int, int]]) -> None:
        self.text = text
        self.regions = regions
        self._starts = [start for start, _ in regions]
        self._ends = [end for _, end in regions]
        self._letters_before: list[int] = []

    def at(self, offset: int) -> tuple[int, int] | None:
        """The quotation that contains ``offset``, if any."""
        i = bisect_right(self._starts, offset) - 1
        return self.regions[i] if i >= 0 and offset < self._ends[i] else None

    def ending_before(self, offset: int) -> tuple[int, int] | None:
        """A quotation that ends at most three characters before ``offset``, across a comma."""
        i = bisect_right(self._ends, offset) - 1
        if i < 0 or offset - self._ends[i] > 3:
            return None
        if self.text[self._ends[i] : offset].replace(",", " ").strip():
            return None
        return self.regions[i]

    def share(self, start: int, end: int) -> float:
        """The share of the letters and digits of ``text[start:end]`` inside a quotation."""
        first = bisect_right(self._ends, start)  # the first quotation ending after start
        last = bisect_left(self._starts, end)  # one past the last starting before end
        if first >= last:
            return 0.0
        if not self._letters_before:
            counts = (count_letters(self.text, a, b) for a, b in self.regions)
            self._letters_before = [0, *accumulate(counts)]
        quoted = self._letters_before[last] - self._letters_before[first]
        if self._starts[first] < start:
            quoted -= count_letters(self.text, self._starts[first], start)
        if self._ends[last - 1] > end:
            quoted -= count_letters(self.text, end, self._ends[last - 1])
        if quoted <= 0:
            return 0.0
        return quoted / count_letters(self.text, start, end)

    def kind_of(self, parts: list[tuple[int, int]]) -> str:
        """direct, mixed or indirect, by the share of the content's parts inside quotation
        marks (what lies between parts, '"A," she told reporters. "B."', does not count)."""
        shares = [(self.share(a, b), count_letters(self.text, a, b)) for a, b in parts]
        total = sum(n for _, n in shares)
        share = sum(s * n for s, n in shares) / total if total else 0.0
        if share >= WHOLLY_QUOTED:
            return "direct"
        return "mixed" if share > 0 else "indirect"
