"""What a saved page says about itself: canonical URL, title, site, author, date.

A page saved from a mirror, an aggregator or a reader's disk still names its
own address (``<link rel=canonical>``, ``og:url``): that, not where the file
was found, is what the satire analyzer should judge, and what a report shows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class PageMeta:
    """The page's own metadata; any field may be missing (``None``)."""

    url: str | None = None
    title: str | None = None
    site_name: str | None = None
    author: str | None = None
    date: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


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
