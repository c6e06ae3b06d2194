"""What a saved page says about itself: canonical URL, title, site, author, date, and where
its outlet files it.

A page saved from a mirror, an aggregator or a reader's disk still names its
own address (``<link rel=canonical>``, ``og:url``): that, not where the file
was found, is what the satire analyzer should judge, and what a report shows.
Its section, schema.org type, tags and byline role (:func:`declared_page_info`)
are the outlet's own label for the piece ("Opinion", ``OpinionNewsArticle``),
which analyzers weigh apart from the text. The extension reads the same tags
from the live page (``extension/content/extract.js``, ``pageInfo``), by the same rules.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from slant.contract import PAGE_LIMITS, PAGE_VALUE_MAX_CHARS
from slant.document import PageInfo


@dataclass(frozen=True)
class PageMeta:
    """The page's own metadata; any field may be missing (``None``, or empty)."""

    url: str | None = None
    title: str | None = None
    site_name: str | None = None
    author: str | None = None
    date: str | None = None
    sections: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    author_role: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    def info(self) -> PageInfo:
        """What analyzers get of it as ``Document.page``."""
        return PageInfo(self.sections, self.types, self.tags, self.author_role)


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def meta_from_document(document: Any) -> PageMeta:
    """The metadata trafilatura read (it prefers rel=canonical, then og:url; og/JSON-LD titles)."""
    if document is None:
        return PageMeta()
    return PageMeta(
        url=_clean(getattr(document, "url", None)),
        title=_clean(getattr(document, "title", None)),
        site_name=_clean(getattr(document, "sitename", None)),
        author=_clean(getattr(document, "author", None)),
        date=_clean(getattr(document, "date", None)),
    )


# Where each field is read from, in order of precedence (the first source's values come first).
SECTION_META = ("article:section", "og:article:section", "parsely-section", "section")
TAG_META = ("article:tag", "og:article:tag", "parsely-tags", "sailthru.tags", "news_keywords")
#: The schema.org types of a page's own piece: articles, blog posts, reviews, reports. The
#: page's other objects (Person, Organization, BreadcrumbList, a Restaurant reviewed) are not.
ARTICLE_TYPE = re.compile(r"(?:Article|Posting|Review|Report)$")
#: A byline's word for a writer of opinion (``author_role`` keeps only the words matched,
#: not the byline's names): "Columnist", "Opinion writer", "Film critic".
BYLINE_ROLE = re.compile(
    r"\b(?:(?:contributing|guest|syndicated|associate|senior|staff|chief|opinion|film|theat(?:er|re)"
    r"|music|book|restaurant|food|art|dance|television|tv)\s+)?(?:columnist|critic|opinion writer"
    r"|op-ed (?:contributor|writer)|editorial board)\b",
    re.IGNORECASE,
)
_BYLINE_MAX_CHARS = 300
_COMMENT = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")


def declared_page_info(html: str) -> PageInfo:
    """The section, types, tags and byline role ``html`` declares for itself.

    Read from ``<meta>`` tags (``article:section``, ``og:type``, ``parsely-*``,
    ``sailthru.tags``, ``article:tag``; the legacy ``parsely-page`` JSON), the JSON-LD
    objects at the top level or in ``@graph`` whose type is an article's, top-level
    microdata items, and the first byline. Lists keep the first :data:`PAGE_LIMITS` values
    of at most :data:`PAGE_VALUE_MAX_CHARS` characters, so what is read is always a
    valid request.
    """
    from lxml import etree  # trafilatura's own parser, already loaded with it
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(
            html.encode("utf-8", "replace"), parser=lxml_html.HTMLParser(encoding="utf-8")
        )
    except (etree.LxmlError, ValueError):  # an empty document, or nothing lxml can read
        return PageInfo()
    sections: list[str] = []
    types: list[str] = []
    tags: list[str] = []
    roles: list[str] = []
    metas = _metas(root)
    for name in SECTION_META:
        sections += metas.get(name, [])
    for parsely in metas.get("parsely-page", []):
        page = _json(parsely)
        if isinstance(page, dict):
            sections += _strings(page.get("section"))
            tags += _strings(page.get("tags"))
    for item in _json_ld_articles(root):
        types += _types(item.get("@type"))
        sections += _strings(item.get("articleSection"))
        tags += _keywords(item.get("keywords"))
        authors = item.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict):
                roles += _strings(author.get("jobTitle"))
    for element in root.xpath("//*[@itemscope and @itemtype and not(ancestor::*[@itemscope])]"):
        types += [t for t in _types(element.get("itemtype", "").split()) if ARTICLE_TYPE.search(t)]
    for element in root.xpath("//*[@itemprop='articleSection']"):
        sections += _strings(element.get("content") or element.text_content())
    for element in root.xpath("//*[@itemprop='jobTitle']")[:1]:
        roles += _strings(element.get("content") or element.text_content())
    for og_type in metas.get("og:type", [])[:1]:
        types.append(f"og:{og_type}")
    for name in TAG_META:
        for value in metas.get(name, []):
            tags += value.split(",") if name != "article:tag" else [value]
    byline = root.xpath("//*[contains(translate(@class, 'BYLINE', 'byline'), 'byline')]")[:1]
    if byline:
        text = " ".join(byline[0].text_content().split())
        match = BYLINE_ROLE.search(text) if len(text) <= _BYLINE_MAX_CHARS else None
        if match:
            roles.append(match.group(0))
    return PageInfo(
        sections=_first(sections, PAGE_LIMITS["sections"]),
        types=_first(types, PAGE_LIMITS["types"]),
        tags=_first(tags, PAGE_LIMITS["tags"]),
        author_role=next(iter(_first(roles, 1)), None),
    )


def _metas(root: Any) -> dict[str, list[str]]:
    """Every ``<meta>``'s content by its property or name (lower-cased)."""
    found: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        value = meta.get("content")
        if key and value is not None:
            found.setdefault(key, []).append(value)
    return found


def _json(text: str) -> Any:
    try:
        return json.loads(_COMMENT.sub("", text.strip()))
    except ValueError:
        return None


def _json_ld_articles(root: Any) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects that describe the page's piece (top level, ``@graph``, or a
    ``WebPage``'s ``mainEntity``); broken JSON is skipped, as browsers skip it."""
    for script in root.iter("script"):
        if script.get("type", "").strip().lower() != "application/ld+json":
            continue
        data = _json(script.text or "")
        nodes = data if isinstance(data, list) else [data]
        queue = [n for n in nodes if isinstance(n, dict)]
        while queue:
            node = queue.pop(0)
            graph, main = node.get("@graph"), node.get("mainEntity")
            queue += [n for n in graph if isinstance(n, dict)] if isinstance(graph, list) else []
            queue += [main] if isinstance(main, dict) else []
            if any(ARTICLE_TYPE.search(t) for t in _types(node.get("@type"))):
                yield node


def _types(value: Any) -> list[str]:
    """schema.org type names: ``"https://schema.org/OpinionNewsArticle"`` is ``OpinionNewsArticle``."""
    return [re.split(r"[/#:]", t.rstrip("/"))[-1] for t in _strings(value)]


def _strings(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v for v in map(_clean, values) if v]


def _keywords(value: Any) -> list[str]:
    return [k for v in _strings(value) for k in v.split(",")]


def _first(values: list[str], limit: int) -> tuple[str, ...]:
    """The first ``limit`` distinct values (case-insensitively), cleaned, none over-long."""
    kept: dict[str, str] = {}
    for value in map(_clean, values):
        if value and len(value) <= PAGE_VALUE_MAX_CHARS and value.casefold() not in kept:
            kept[value.casefold()] = value
    return tuple(kept.values())[:limit]
