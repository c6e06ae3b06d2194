"""A PDF shown as HTML by pdf2htmlEX, read back as the document it was.

pdf2htmlEX (press releases, reports, council papers put on the web) writes each
PDF page as a ``div.pf`` and each line of it as an absolutely placed ``div.t``:
no paragraphs, and every page repeats its letterhead and its "Page 1 of 2"
footer. An extractor reading that markup keeps one page's box of lines, running
headers and all (docs/extraction.md). :func:`pdf2htmlex_as_document` rebuilds
the page as plain paragraphs, without the lines that repeat on every page, so
the usual extraction reads it like any article.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape, unescape
from statistics import median

# A quick look before parsing: pdf2htmlEX's page containers.
_PAGE_DIV = re.compile(r"""<div\b[^>]*\bclass\s*=\s*["']?pf[\s"'>]""", re.IGNORECASE)
_PAGES = "//div[contains(concat(' ', normalize-space(@class), ' '), ' pf ')]"
_LINES = ".//div[contains(concat(' ', normalize-space(@class), ' '), ' t ')]"
# The style classes pdf2htmlEX gives a line: font (ff1), size (fs2). A paragraph keeps one.
_STYLE_CLASS = re.compile(r"^(?:ff|fs)[0-9a-f]+$")
_FONT_SIZE = re.compile(r"\.(fs[0-9a-f]+)\s*\{\s*font-size\s*:\s*([0-9.]+)px", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#(?:\s*(?:of|/)\s*#)?$")
# How far from a page's top and bottom a running head (letterhead, address) and foot reach.
_HEAD_LINES = 6
_FOOT_LINES = 4
# A line shorter than this share of the document's usual line, ending a sentence,
# ends its paragraph (the last line of a paragraph stops short of the margin).
_SHORT_LINE = 0.8
_SENTENCE_END = re.compile(r"""[.!?:;"”’)]$""")
# A line without letters ("-30-", "###", "* * *") is a paragraph of its own.
_LETTER = re.compile(r"[^\W\d_]")
# A PDF's title metadata is often its file's name ("Microsoft Word - release FINAL.docx").
_FILE_NAME_TITLE = re.compile(
    r"^\s*(?:microsoft\s+\w+\s+-\s+.*|.*\.(?:docx?|pdf|odt|rtf|pages|pptx?|indd))\s*$",
    re.IGNORECASE,
)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_BODY = re.compile(r"<body\b", re.IGNORECASE)
# A line of text and its style classes.
_Line = tuple[str, tuple[str, ...]]


def pdf2htmlex_as_document(html: str) -> str | None:
    """``html`` rebuilt as a page of ``<p>`` paragraphs if pdf2htmlEX made it, else ``None``.

    Lines that recur at the top or bottom of two or more PDF pages (letterhead,
    running headers and footers, "Page 1 of 2" with its numbers ignored) and lone
    page numbers are left out. A paragraph ends where the font changes or a line
    ending a sentence stops short. When the page's ``<title>`` is a file name, the first page's largest
    lettering becomes the title, so the headline is read as one.
    """
    if not _PAGE_DIV.search(html):
        return None
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(
            html.encode("utf-8", "replace"), parser=lxml_html.HTMLParser(encoding="utf-8")
        )
    except (etree.LxmlError, ValueError):
        return None
    pages = []
    for page in root.xpath(_PAGES):
        lines = []
        for line in page.xpath(_LINES):
            text = " ".join(line.text_content().split())
            if text:
                style = tuple(c for c in (line.get("class") or "").split() if _STYLE_CLASS.match(c))
                lines.append((text, style))
        if lines:
            pages.append(lines)
    if not pages:
        return None
    # A running head or foot is at a page's top or bottom, on more than one page.
    on_pages = Counter(key for lines in pages for key in {_key(t) for t, _ in _edges(lines)})

    def furniture(index: int, lines: list[_Line]) -> bool:
        key = _key(lines[index][0])
        at_edge = index < _HEAD_LINES or index >= len(lines) - _FOOT_LINES
        return bool(_PAGE_NUMBER.match(key)) or (at_edge and on_pages[key] > 1)

    pages = [[line for i, line in enumerate(lines) if not furniture(i, lines)] for lines in pages]
    body = [line for lines in pages for line in lines]
    if not body:
        return None
    paragraphs = _paragraphs(body)
    head = html[: m.start()] if (m := _BODY.search(html)) else ""
    headline = _headline(pages[0], body, _font_sizes(html))
    title = _TITLE.search(head)
    if headline and title and _FILE_NAME_TITLE.match(unescape(title.group(1))):
        head = head[: title.start()] + f"<title>{escape(headline)}</title>" + head[title.end() :]
    return (
        head
        + "<body><article>"
        + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        + "</article></body></html>"
    )


def _edges(lines: list[_Line]) -> list[_Line]:
    """A page's first and last lines, where its running head and foot are."""
    return lines[:_HEAD_LINES] + lines[max(_HEAD_LINES, len(lines) - _FOOT_LINES) :]


def _key(text: str) -> str:
    """A line as compared across pages: case and numbers aside ("Page 1 of 2", "Page 2 of 2")."""
    return re.sub(r"\d+", "#", text.casefold())


def _paragraphs(lines: list[_Line]) -> list[str]:
    """The lines joined into paragraphs: a new one at a change of font or after a short last line."""
    usual = median(len(text) for text, _ in lines)
    paragraphs: list[str] = []
    previous: _Line | None = None
    for text, style in lines:
        if (
            previous is None
            or previous[1] != style
            or not _LETTER.search(text)
            or not _LETTER.search(previous[0])
            or (_SENTENCE_END.search(previous[0]) and len(previous[0]) < _SHORT_LINE * usual)
        ):
            paragraphs.append(text)
        elif paragraphs[-1].endswith("-") and text[:1].islower():
            paragraphs[-1] += text  # a word broken at the line's end
        else:
            paragraphs[-1] += " " + text
        previous = (text, style)
    return paragraphs


def _font_sizes(html: str) -> dict[str, float]:
    """pdf2htmlEX's font-size classes (``.fs2{font-size:53.33px}``) in pixels."""
    return {name: float(size) for name, size in _FONT_SIZE.findall(html)}


def _headline(
    first_page: list[_Line],
    body: list[_Line],
    sizes: dict[str, float],
) -> str | None:
    """The first page's largest lettering (furniture left out), if larger than the text's."""

    def size(style: tuple[str, ...]) -> float:
        return max((sizes.get(c, 0.0) for c in style if c.startswith("fs")), default=0.0)

    candidates = first_page
    if not candidates or not sizes:
        return None
    text_size = Counter(size(style) for _, style in body).most_common(1)[0][0]
    largest = max(size(style) for _, style in candidates)
    if largest <= text_size:
        return None
    start = next(i for i, (_, style) in enumerate(candidates) if size(style) == largest)
    run = []
    for text, style in candidates[start:]:
        if size(style) != largest:
            break
        run.append(text)
    return " ".join(run)
