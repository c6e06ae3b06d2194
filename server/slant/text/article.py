"""The article in a web page: bytes or HTML in, the text a reader came for out.

Every path that takes HTML (``slant analyze page.html``, batches, fetched
URLs) goes through :func:`read_page`, so a page is read one way everywhere.
The article is found by trafilatura, the maintained reference extractor
(docs/extraction.md has the figures against the small pass it replaced),
retried for old table-and-font layouts before its lenient pass keeps their menus
(a PDF shown by pdf2htmlEX is first rebuilt as paragraphs, :mod:`slant.text.pdf_html`);
a few lines trafilatura keeps and a reader would not call the article
(photo credits, "Read more: …", the headline repeated) are dropped after it.
The page's own metadata (:mod:`slant.text.page_meta`) comes from the same parse.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from html import unescape
from typing import Any

from slant.text.html import extract_text
from slant.text.page_meta import PageMeta, declared_page_info, meta_from_document
from slant.text.pdf_html import pdf2htmlex_as_document


class PageError(ValueError):
    """An input with nothing to analyze: empty, binary, or not text in any encoding."""


@dataclass(frozen=True)
class Page:
    """What :func:`read_page` made of an input: the text to analyze and the page's metadata."""

    text: str
    meta: PageMeta = field(default_factory=PageMeta)
    is_html: bool = False


# Enough of a file to judge its kind and its declared encoding.
_SNIFF_BYTES = 8192
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Browsers read these labels as windows-1252 (the WHATWG Encoding Standard); so do we.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}
_CONTROL = set(range(0, 9)) | {11, 14, 15, *range(16, 27), *range(28, 32)}

# Comments and XML declarations some browsers write before the markup of a saved page
# (`<!--?xml version="1.0" encoding="UTF-8"?-->`, `<?xml … ?>`, `<!-- saved from url=… -->`).
_LEADING_JUNK = re.compile(r"\A(?:\s+|<!--.*?-->|<\?.*?\?>)+", re.DOTALL)
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|article|main|section|header|div|p|h[1-6]|span|table)[\s>/]",
    re.IGNORECASE,
)
_DOCUMENT = re.compile(r"<(?:html|body)[\s>]", re.IGNORECASE)
# The address a browser notes on a page it saves (`<!-- saved from url=(0061)https://… -->`,
# the number being the address's length), before or just after the doctype.
_SAVED_FROM = re.compile(
    r"\A(?:\s|<!doctype[^>]*>|<\?.*?\?>|<!--(?!\s*saved from url).*?-->)*"
    r"<!--\s*saved from url=\((\d+)\)(https?://[^\s>]+?)\s*-->",
    re.IGNORECASE | re.DOTALL,
)

# Third-party embeds quote someone else's post, not the article (tweets, Instagram, TikTok).
_EMBEDS = (
    "//blockquote[contains(@class,'twitter-tweet') or contains(@class,'instagram-media')"
    " or contains(@class,'tiktok-embed') or contains(@class,'bluesky-embed')]"
)
# A "References" or "Sources" heading and the list right after it (alone or in the
# heading's wrapper, as MediaWiki has it): what the piece cites, not what it says.
_LOWER_TEXT = (
    "translate(normalize-space(.), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
)
_END_MATTER_HEADING = "*[self::h2 or self::h3 or self::h4][{}]".format(
    " or ".join(f"{_LOWER_TEXT} = '{name}'" for name in ("references", "sources", "bibliography"))
)
# A press release ends at its end mark ("-30-", "###"); its "About …" boilerplate and
# media contact follow it, a few paragraphs (more are the piece going on past a divider).
_END_MARK = " or ".join(f"normalize-space(.) = '{m}'" for m in ("-30-", "- 30 -", "###", "# # #"))
_END_MARKS = (f"//p[{_END_MARK}]", f"//div[not(*)][{_END_MARK}]")
_END_MATTER_PARAGRAPHS = 6
# A class attribute as words: "Article_dek__x1", "c-entry-summary" read " article dek  x1 ".
_CLASS_WORDS = (
    "concat(' ', translate(normalize-space(@class), '-_ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
    " '  abcdefghijklmnopqrstuvwxyz'), ' ')"
)
# Short boxes a page puts around its article: the standfirst, dek or summary an editor
# wrote over it, a promo, a kicker or eyebrow label over the headline, a fact box, a
# newsletter signup (a form taking an e-mail address). A phrase is class words in a row
# ("fact-box"). (A pull quote is not pruned here: on some sites it is the article's own
# words, said once; :func:`_pull_quotes`.)
_BOX_WORDS = (
    *("standfirst", "dek", "summary", "abstract", "subtitle", "strap", "promo"),
    *("kicker", "eyebrow", "factbox", "fact box"),
)
_SHORT_BOX = "string-length(normalize-space(.)) < 400"
_AROUND_ARTICLE = [
    # A cheap look at the class first (each word or phrase, joined by "-" or "_", but its
    # first letter, which may be a capital), then the words, then the length, the costliest.
    "//*[@class][{}][{}][{}]".format(
        " or ".join(
            f"contains(@class, '{w[1:].replace(' ', sep)}')"
            for w in _BOX_WORDS
            for sep in ("-", "_")[: 2 if " " in w else 1]
        ),
        " or ".join(f"contains({_CLASS_WORDS}, ' {w} ')" for w in _BOX_WORDS),
        _SHORT_BOX,
    ),
    # A subheadline: a heading right after the headline, over the byline, not the body's;
    # or a box of one short paragraph there, with the body after it (a wire's lead).
    f"//h1/following-sibling::*[1][self::h2 or self::h3][{_SHORT_BOX}]",
    f"//h1/following-sibling::*[1][self::div][count(*) = 1][p][{_SHORT_BOX}]"
    "[following-sibling::*[string-length(normalize-space(.)) > 400]]",
    # Short: ASP.NET wraps a whole page, article and all, in one <form>.
    f"//*[form[.//input[@type='email']]][{_SHORT_BOX}]",
    f"//form[.//input[@type='email']][{_SHORT_BOX}]",
]
# An academic blog's appendix (Quarto, Distill: "Reuse", "Citation", its BibTeX) and a
# BibTeX entry anywhere: how to cite the piece, not the piece.
_BIBTEX_KINDS = (
    "article book misc online inproceedings incollection report techreport phdthesis"
    " unpublished software dataset"
).split()
_APPENDIX = [
    f"//*[contains(@class, 'ppendix')][contains({_CLASS_WORDS}, ' appendix ')]",
    "//d-appendix",
    "//pre[{}]".format(
        " or ".join(f"starts-with(normalize-space(.), '@{k}{{')" for k in _BIBTEX_KINDS)
    ),
]
_PRUNED = [
    _EMBEDS,
    *_AROUND_ARTICLE,
    *_APPENDIX,
    *(
        f"{mark}[count(following-sibling::p) <= {_END_MATTER_PARAGRAPHS}]/following-sibling::*"
        for mark in _END_MARKS
    ),
    *_END_MARKS,
    f"//{_END_MATTER_HEADING}/following-sibling::*[1][self::ul or self::ol]",
    f"//*[{_END_MATTER_HEADING}]/following-sibling::*[1][self::ul or self::ol]",
    f"//{_END_MATTER_HEADING}",
]
# A class saying an item has no caption ("no_caption", "nocaption") marks no caption box,
# but trafilatura drops any block whose class holds "caption", item text and all.
_NO_CAPTION = re.compile(r"(?<=[\s\"'])no[-_]?caption(?=[\s\"'])", re.IGNORECASE)
# Below this many words the precise pass probably missed the article: try the lenient one.
_MIN_ARTICLE_WORDS = 40
# A page of this many <article> elements is one story told in parts (a live blog's updates)
# or a list of teasers: the precise pass keeps one part, the plain pass sees them all.
_MANY_ARTICLES = 3
_ARTICLE_TAG = re.compile(r"<article[\s>]", re.IGNORECASE)
# How pre-CSS pages (small papers, councils, clubs) hide an article from the precise pass:
# paragraphs broken by a blank line of `<br><br>` rather than `<p>`, and the page laid out
# in table cells, which the precise pass leaves out as tables.
_BLANK_LINE = re.compile(r"(?:<br\s*/?>(?:\s|&nbsp;|&#160;)*){2,}", re.IGNORECASE)
_TABLE_TAG = re.compile(r"<(/?)(?:table|thead|tbody|tfoot|tr|td|th)\b", re.IGNORECASE)
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# Lines this short are never an article paragraph when they match the patterns below.
_SHORT_LINE_WORDS = 25
_NOT_ARTICLE = re.compile(
    r"""^(?:
        (?:read|see)\ (?:more|also)\b.*|related(?:\ (?:stories|articles|coverage))?\b.*|more\ on\ this\ story\b.*
      | advertisement|adchoices|sponsored(?:\ content)?|skip\ to\ (?:main\ )?content
      | for\ immediate\ release:?|(?:news|press|media)\ release
      | go\ deeper\b.*|post\ (?:a\ )?comment|add\ a\ comment|start\ a\ conversation
      | join\ the\ (?:conversation|discussion)
      | [—–-]+\ ?with\ assistance\ (?:from|by)\b.*|to\ contact\ the\ (?:reporters?|editors?|authors?)\b.*
      | .*\b(?:1[5-9]|20)\d\d\b.*\b\d{2,4}\ ?pp\.(?:,?\ [$£€]\ ?\d+(?:\.\d\d)?)?\.?
      | .*\b\d{2,4}\ ?pp\.,?\ [$£€]\ ?\d+(?:\.\d\d)?\.?
      | (?:photo(?:graph)?s?|picture|image|illustration|video|credit|source)\ ?(?:by\b|:).*
      | .*\((?:photo|photograph|picture|image|credit)s?\b[^)]*\)\.?
      | .*\b(?:staff\ photo|file\ photo|getty\ images|via\ reuters|ap\ photo)\)?\.?
      | the\ views\ expressed\b.*\b(?:own|necessarily)\b.*
      | (?:story|article)\ continues\ (?:below|after)\b.*|republish\ this\ (?:story|article)
      | this\ (?:story|article)\ was\ (?:originally|first)\ published\b.*\brepublish\b.*
      | \((?:reporting|writing|additional\ reporting)\ by\b[^)]*\)
      | leave\ a\ (?:comment|reply)|(?:\d+\ )?comments?|loading\ comments\b.*
      | (?:topics?|tags?|filed\ under|related\ topics):\ .*
      | -\ (?:share\ (?:on|via)\ \w+|previous|next|close|full\ ?screen|thumbnails|\d+\ of\ \d+)
      | .*\bwe\ (?:may\ )?(?:earn|receive|get)\ (?:a\ )?(?:small\ )?(?:commission|affiliate\ (?:commission|fee))\b.*
      | (?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\ )?(?:january|february|march|april|may|june|july|august|september|october|november|december
        |jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\ \d{1,2},?\ \d{4}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def read_page(
    data: bytes | str,
    *,
    url: str | None = None,
    title: str | None = None,
    encoding: str | None = None,
    html: bool | None = None,
) -> Page:
    """The text to analyze in ``data`` (a page or plain text) and, for a page, its metadata.

    ``url`` and ``title`` are what the caller knows (a flag, a batch line); they win
    over what the page says. ``encoding`` is one a server declared; ``html`` says
    what ``data`` is when the caller knows (``None``: look). Raises
    :class:`PageError` for empty or binary input, or a page without text.
    """
    text = decode(data, encoding) if isinstance(data, bytes) else data.lstrip("\ufeff")
    if not text.strip():
        raise PageError("is empty")
    if html is False or (html is None and not looks_like_html(text)):
        return Page(text=text, meta=PageMeta(url=url, title=title))
    article, meta = extract_article(text)
    meta = replace(meta, url=url or meta.url, title=title or meta.title)
    if not article.strip():
        raise PageError("is a web page with no article text")
    return Page(text=article, meta=meta, is_html=True)


def decode(data: bytes, encoding: str | None = None) -> str:
    """``data`` as text: a BOM first, then UTF-8, then ``encoding`` or the one the page declares.

    Raises :class:`PageError` for empty or binary data (NUL bytes, control characters).
    """
    if not data.strip():
        raise PageError("is empty")
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(bom_encoding, errors="replace")
    head = data[:_SNIFF_BYTES]
    controls = sum(1 for byte in head if byte in _CONTROL)
    if b"\x00" in head or controls > len(head) // 100:
        raise PageError("looks like a binary file, not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(head)
    label = encoding or (
        (declared.group(1) or declared.group(2)).decode("ascii") if declared else None
    )
    if label:
        label = label.lower()
        if label not in _AS_CP1252:
            try:
                return data.decode(label, errors="replace")
            except LookupError:
                pass
    return data.decode("cp1252", errors="replace")


def looks_like_html(text: str) -> bool:
    """True for a saved web page or an HTML fragment, whatever comments or BOM lead it."""
    rest = _LEADING_JUNK.sub("", text.lstrip("\ufeff")[:_SNIFF_BYTES], count=1)
    return bool(_HTML_START.match(rest))


def extract_article(html: str) -> tuple[str, PageMeta]:
    """``(article text, page metadata)``: paragraphs separated by blank lines.

    The metadata includes what the page declares about itself (section, types, tags,
    byline role: :func:`~slant.text.page_meta.declared_page_info`).
    """
    if not _DOCUMENT.search(html[:_SNIFF_BYTES]):
        html = f"<html><body>{html}</body></html>"  # a fragment: trafilatura wants a document
    saved_from = _saved_from_url(html)
    html = pdf2htmlex_as_document(html) or html
    if any(hint in html for hint in ("o_caption", "o-caption", "ocaption")):
        html = _NO_CAPTION.sub("nocap", html)
    document = _trafilatura(html, precise=True)
    text = getattr(document, "text", None) or ""
    words = len(text.split())
    first_pass = document
    for rewrite in (_br_paragraphs, _tables_as_blocks):
        if words >= _MIN_ARTICLE_WORDS:
            break
        # Before the lenient pass, which keeps an old layout's menus with its story: the
        # precise pass again, shown the paragraphs and the cells the layout hides.
        retry = _trafilatura(rewrite(html), precise=True)
        retry_text = getattr(retry, "text", None) or ""
        if len(retry_text.split()) > words:
            document, text, words = retry, retry_text, len(retry_text.split())
    if words < _MIN_ARTICLE_WORDS or len(_ARTICLE_TAG.findall(html)) >= _MANY_ARTICLES:
        lenient = _trafilatura(html, precise=False)
        # Only when it finds much more: a couple more words are a menu, not missed article.
        if len((getattr(lenient, "text", None) or "").split()) > 2 * words:
            document, text = lenient, lenient.text
    meta = meta_from_document(document)
    if not text.strip():
        text, title = extract_text(html)  # a page too small for trafilatura: all its text
        meta = PageMeta(title=meta.title or title, url=meta.url)
    declared = declared_page_info(html)
    meta = replace(
        meta,
        url=meta.url or saved_from,
        sections=declared.sections,
        types=declared.types,
        tags=declared.tags,
        author_role=declared.author_role,
    )
    # Past the first pass, the page's layout misled it: a line that is a link's whole text
    # is its menu (sections, other stories), not the article.
    links = _link_texts(html) if document is not first_pass else frozenset()
    return _clean_lines(text, meta.title, links, _pull_quotes(html)), meta


def _saved_from_url(html: str) -> str | None:
    """The address in a saved page's "saved from url" comment: the last resort for its URL.

    A page saved without a canonical link or ``og:url`` names where it came from only there.
    """
    match = _SAVED_FROM.search(html[:_SNIFF_BYTES])
    if not match:
        return None
    length, url = int(match.group(1)), match.group(2)
    return url[:length] if 0 < length < len(url) else url


def _br_paragraphs(html: str) -> str:
    """``html`` with each blank line of ``<br>`` tags made a paragraph break."""
    return _BLANK_LINE.sub("<p>", html)


def _tables_as_blocks(html: str) -> str:
    """:func:`_br_paragraphs` of ``html`` with its table tags made ``<div>`` (a layout, not data)."""
    return _br_paragraphs(_TABLE_TAG.sub(r"<\1div", html))


def _link_texts(html: str) -> frozenset[str]:
    """The text of each link in ``html``, casefolded, spaces collapsed."""
    texts = (_as_line(m, tag=" ").casefold() for m in _LINK.findall(html))
    return frozenset(t for t in texts if t)


def _pull_quotes(html: str) -> frozenset[str]:
    """The text of each pull quote of ``html`` (an element whose class says so)."""
    return frozenset(_as_line(m.group(2)) for m in _PULL_QUOTE.finditer(html))


def _as_line(markup: str, tag: str = "") -> str:
    """``markup``'s text on one line: tags replaced by ``tag``, entities read, spaces
    collapsed."""
    return " ".join(unescape(_TAG.sub(tag, markup)).split())


def _trafilatura(html: str, *, precise: bool) -> Any:
    """trafilatura's document (text and metadata), or ``None`` when it finds no article.

    ``precise`` trades a little recall for leaving out more boilerplate; tables are
    left out (their cells are not sentences), and so are comments and embedded posts.
    """
    import trafilatura  # ~0.3 s to import: only for commands that read HTML

    return trafilatura.bare_extraction(
        html,
        favor_precision=precise,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        deduplicate=False,
        prune_xpath=_PRUNED,
    )


# Notices about the article, never the article, however long they run: a copyright notice
# ("© 2026 The Courier. All rights reserved.", "© Wire 2026. Republication … is expressly
# prohibited …"), a print-edition line ("A version of this article appears in print on …"),
# an invitation to write a letter to the editor.
_NOTICE = re.compile(
    r"""\ball\ rights\ reserved\b
      | ^(?:©|\(c\)|copyright\b).*\b(?:prohibited|without\ (?:the\ )?(?:its\ )?(?:prior\ )?
          (?:express\ )?(?:written\ )?(?:permission|consent)|may\ not\ be\ (?:re)?(?:published
          |produced|distributed|broadcast|written))\b
      | ^a\ version\ of\ this\ (?:article|story|column|essay|review|op-ed)\ (?:appears|appeared
          |was\ published)\ in\ print\b
      | ^(?=.*\bletters?\ to\ the\ editor\b)(?=.*\b(?:we(?:'|’|\ woul)d\ (?:like|love)\ to\ hear
          |we\ want\ to\ hear|here(?:'|’|\ i)s\ our\ e-?mail|(?:send|submit|write)\ (?:us\ )?
          (?:a\ |your\ )?letters?\b))""",
    re.IGNORECASE | re.VERBOSE,
)
_NOTICE_WORDS = 60
_PULL_QUOTE = re.compile(
    r"<(blockquote|aside|div|figure|p)\b[^>]*\bclass\s*=\s*[\"'][^\"']*pull[-_ ]?quote[^>]*>(.*?)</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
# A pull quote is dropped when it repeats this many words in a row of another paragraph.
_PULL_QUOTE_RUN = 6
# The heading of a rail of other stories ("More Must-Reads From …", "You Might Also Like"):
# it and the list after it go.
_RAIL_HEADING = re.compile(
    r"""^(?:more\ must[-\ ]reads\b.*|you\ (?:might|may)\ also\ like|(?:more\ )?related\ stories
      | recommended(?:\ for\ you|\ reading|\ stories)?|most\ (?:read|popular|viewed)(?:\ stories)?
      | (?:featured|recent)\ slide\ ?shows|(?:what\ to\ )?read\ next|up\ next|more\ stories
      | trending(?:\ now)?)$""",
    re.IGNORECASE | re.VERBOSE,
)
_LIST_ITEM = "- "
# A byline alone on its line ("By Martin Ekwueme", "By Ann Lee and Tom Bell"): who wrote
# it, not what it says. Capitalised words only, so "By the river, …" is kept.
_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|da|van|von|&))*$")


def _clean_lines(
    text: str,
    title: str | None,
    links: frozenset[str] = frozenset(),
    pull_quotes: frozenset[str] = frozenset(),
) -> str:
    headline = " ".join(title.split()).casefold() if title else None
    kept: list[str] = []
    in_rail = False
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        # A rail's list runs on from its heading.
        if in_rail and line.startswith(_LIST_ITEM):
            continue
        in_rail = False
        if (headline and line.casefold() == headline) or line.casefold() in links:
            continue
        words = len(line.split())
        if words <= _SHORT_LINE_WORDS and _RAIL_HEADING.match(line.removeprefix(_LIST_ITEM)):
            in_rail = True
            continue
        if words <= _SHORT_LINE_WORDS and (_NOT_ARTICLE.match(line) or _BYLINE.match(line)):
            continue
        if words <= _NOTICE_WORDS and _NOTICE.search(line):
            continue
        kept.append(line)
    if pull_quotes:
        kept = [line for n, line in enumerate(kept) if not _repeats(n, kept, pull_quotes)]
    return "\n\n".join(kept)


def _repeats(n: int, lines: list[str], pull_quotes: frozenset[str]) -> bool:
    """Whether ``lines[n]`` is a pull quote repeating words of another line."""
    if lines[n] not in pull_quotes:
        return False
    runs = _word_runs(lines[n])
    return any(runs & _word_runs(line) for i, line in enumerate(lines) if i != n)


def _word_runs(line: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", line.casefold())
    return {tuple(words[i : i + _PULL_QUOTE_RUN]) for i in range(len(words) - _PULL_QUOTE_RUN + 1)}
