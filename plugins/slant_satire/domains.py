"""Sites a page's ``url`` can be matched against: known satire sites and known news sites.

Both lists are documented data in ``data/`` (one entry per site, each with its
source), extended by settings. A satire site makes the page satire; a news
site lowers the prior, so that style alone needs much more to call its pages
satire. A satire section of a news site (the Borowitz Report at newyorker.com)
is on the satire list and wins.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DATA_DIR = Path(__file__).with_name("data")
SATIRE_SITES_PATH = DATA_DIR / "satire-domains.json"
NEWS_SITES_PATH = DATA_DIR / "news-domains.json"


@dataclass(frozen=True)
class Site:
    """A site (or one section of it, ``path``) from one of the lists."""

    domain: str
    name: str
    path: str = ""
    source: str = ""

    def matches(self, host: str, path: str) -> bool:
        """True for the domain or any subdomain of it, under ``path`` when one is set."""
        on_domain = host == self.domain or host.endswith("." + self.domain)
        return on_domain and path.lower().startswith(self.path.lower())


def load_sites(path: Path = SATIRE_SITES_PATH) -> list[Site]:
    """A shipped list: the satire sites unless another ``path`` is given."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        Site(s["domain"], s["name"], s.get("path", ""), s.get("source", "")) for s in data["sites"]
    ]


def parse_extra(setting: str | None) -> list[Site]:
    """Sites from an ``extra_*`` setting: comma-separated ``domain`` or ``domain/path``."""
    sites = []
    for item in (setting or "").split(","):
        item = item.strip().lower().removeprefix("https://").removeprefix("http://")
        if not item:
            continue
        domain, slash, path = item.partition("/")
        domain = domain.removeprefix("www.")
        sites.append(Site(domain, domain + slash + path, slash + path if slash else "", "setting"))
    return sites


def match_site(url: str | None, sites: Iterable[Site]) -> Site | None:
    """The site ``url`` belongs to, or None (also for a missing or malformed url)."""
    if not url:
        return None
    try:
        parts = urlsplit(url if "//" in url else "//" + url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host:
        return None
    return next((site for site in sites if site.matches(host, parts.path or "/")), None)
