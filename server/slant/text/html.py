"""All the block text of an HTML page: the fallback when no article is found.

:mod:`slant.text.article` finds a page's article with trafilatura; a fragment
too small for it (a paragraph or two) is read here instead: keep the text of
block elements, drop scripts, navigation, asides, forms and footers, one
paragraph per block. (It was the whole extractor once: docs/extraction.md.)
"""

from __future__ import annotations

from html.parser import HTMLParser

_SKIP = {
    "script",
    "style",
    "noscript",
    "nav",
    "aside",
    "footer",
    "form",
    "header",
    "svg",
    "iframe",
    "template",
    "button",
}
_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
    "section",
    "article",
    "td",
    "figcaption",
    "br",
    "tr",
}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = [[]]
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCKS:
            self.blocks.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCKS:
            self.blocks.append([])

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.blocks[-1].append(data)


def extract_text(html: str) -> tuple[str, str | None]:
    """``(text, title)``: paragraphs separated by blank lines, whitespace folded."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    paragraphs = [" ".join("".join(block).split()) for block in parser.blocks]
    title = " ".join("".join(parser.title).split()) or None
    return "\n\n".join(p for p in paragraphs if p), title
