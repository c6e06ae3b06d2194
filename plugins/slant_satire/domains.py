"""Known satire sites: the documented list in ``data/satire-domains.json``, plus config."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DOMAINS_PATH = Path(__file__).with_name("data") / "satire-domains.json"


@dataclass(frozen=True)
class SatireSite:
    """A site (or one section of it, ``path``) that publishes satire."""

    domain: str
    name: str
    path: str = ""
    source: str = ""

    def matches(self, host: str, path: str) -> bool:
        """True for the domain or any subdomain of it, under ``path`` when one is set."""
        on_domain = host == self.domain or host.endswith("." + self.domain)
        return on_domain and path.lower().startswith(self.path.lower())


def load_sites(path: Path = DOMAINS_PATH) -> list[SatireSite]:
    """The shipped list."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        SatireSite(s["domain"], s["name"], s.get("path", ""), s.get("source", ""))
        for s in data["sites"]
    ]


def parse_extra(setting: str | None) -> list[SatireSite]:
    """Sites from the ``extra_domains`` setting: comma-separated ``domain`` or ``domain/path``."""
    sites = []
    for item in (setting or "").split(","):
        item = item.strip().lower().removeprefix("https://").removeprefix("http://")
        if not item:
            continue
        domain, slash, path = item.partition("/")
        domain = domain.removeprefix("www.")
        sites.append(
            SatireSite(domain, domain + slash + path, slash + path if slash else "", "setting")
        )
    return sites


def match_site(url: str | None, sites: Iterable[SatireSite]) -> SatireSite | None:
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
