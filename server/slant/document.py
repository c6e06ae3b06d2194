"""The document every analyzer reads: the text, segmented once per request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from slant.text.language import detect_language
from slant.text.segment import segment


class Span(NamedTuple):
    """A half-open range of code points, ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class PageInfo:
    """What the page says about itself: where its outlet files it, and what kind of piece it is.

    Read from the page's own metadata by whoever had the page (the extension in the
    reader's browser, ``slant analyze page.html``), never from the text: an analyzer can
    weigh it as the outlet's label, apart from what the words say. Values are as the page
    wrote them (whitespace collapsed); every field may be empty.
    """

    #: Section names, e.g. ``("Opinion",)``, from ``article:section``, JSON-LD
    #: ``articleSection``, ``parsely-section`` and the like, in that order, without repeats.
    sections: tuple[str, ...] = ()
    #: schema.org types the page declares for its article (JSON-LD ``@type``, microdata
    #: ``itemtype``), e.g. ``("OpinionNewsArticle",)``; ``og:type`` comes as ``"og:article"``.
    types: tuple[str, ...] = ()
    #: Its tags: ``article:tag``, ``parsely-tags``, ``sailthru.tags``, JSON-LD ``keywords``.
    tags: tuple[str, ...] = ()
    #: The byline's label for the author, e.g. ``"Columnist"`` (JSON-LD ``jobTitle``).
    author_role: str | None = None

    def __bool__(self) -> bool:
        return bool(self.sections or self.types or self.tags or self.author_role)


@dataclass(frozen=True)
class Document:
    """One article, as the core hands it to each analyzer.

    ``sentences`` leave out boilerplate (share prompts, comment widgets,
    bylines); ``paragraphs`` cover the article's paragraphs, boilerplate ones
    included, so an analyzer can tell where a passage sits. All offsets count
    code points of ``text``. ``page`` is what the page declares about itself
    (empty for a pasted text).
    """

    text: str
    sentences: tuple[Span, ...]
    paragraphs: tuple[Span, ...]
    boilerplate: tuple[Span, ...] = ()
    url: str | None = None
    title: str | None = None
    language: str = "en"
    page: PageInfo = PageInfo()
    _results: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def quote(self, span: tuple[int, int]) -> str:
        """The text of ``span``."""
        return self.text[span[0] : span[1]]

    def sentence_texts(self) -> list[str]:
        """The text of every sentence, in order."""
        return [self.text[s.start : s.end] for s in self.sentences]

    def sentences_in(self, paragraph: Span) -> list[Span]:
        """The sentences that lie inside ``paragraph``."""
        return [s for s in self.sentences if paragraph.start <= s.start < paragraph.end]

    def result_of(self, analyzer_name: str) -> Mapping[str, Any] | None:
        """The wire result of an analyzer named in your ``depends_on``.

        Returns the result dict (``status``, ``summary``, ``annotations``) of
        an analyzer that already ran on this document, or ``None`` when it
        is not enabled. Reading one you did not declare raises ``KeyError``,
        because the core only orders declared dependencies before you.
        """
        if analyzer_name not in self._results:
            raise KeyError(f"{analyzer_name!r} has not run: declare it in depends_on")
        return self._results[analyzer_name]


def build_document(
    text: str,
    *,
    url: str | None = None,
    title: str | None = None,
    page: PageInfo | None = None,
) -> Document:
    """Segment ``text`` and detect its language: the work every analyzer shares."""
    segmentation = segment(text)
    return Document(
        text=text,
        sentences=tuple(Span(*s) for s in segmentation.sentences),
        paragraphs=tuple(Span(*p) for p in segmentation.paragraphs),
        boilerplate=tuple(Span(*b) for b in segmentation.boilerplate),
        url=url,
        title=title,
        language=detect_language(text),
        page=page or PageInfo(),
    )
