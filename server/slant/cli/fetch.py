"""``slant analyze https://…``: fetch one page, with a time limit and a size limit.

Only for the command line and its batches: the server never fetches what a
request names (that would make it an open proxy). Plain ``urllib``: one GET,
redirects followed, the body read up to the limit and then refused.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from slant import __version__

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5_000_000
_URL = re.compile(r"^https?://", re.IGNORECASE)
_TEXTUAL = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


class FetchError(RuntimeError):
    """The page could not be fetched: network, HTTP status, size, or content type."""


@dataclass(frozen=True)
class Fetched:
    """A fetched page: its bytes, where it ended up after redirects, and its declared charset."""

    body: bytes
    final_url: str
    charset: str | None


def is_url(source: str) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return bool(_URL.match(source))


def fetch(
    url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
) -> Fetched:
    """GET ``url``; raises :class:`FetchError` for anything but a textual page under ``max_bytes``."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"slant/{__version__} (command line)",
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            mime = content_type.split(";")[0].strip().lower()
            if mime and mime not in _TEXTUAL:
                raise FetchError(f"{url} is {mime}, not a web page")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(
                    f"{url} is {int(length):,} bytes, over the {max_bytes:,}-byte limit"
                )
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(f"{url} is over the {max_bytes:,}-byte limit")
            charset = _CHARSET.search(content_type)
            return Fetched(body, response.geturl(), charset.group(1) if charset else None)
    except urllib.error.HTTPError as error:
        error.close()
        raise FetchError(f"{url}: HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        raise FetchError(f"{url}: {error.reason}") from error
    except TimeoutError as error:
        raise FetchError(f"{url}: no answer within {timeout:g} s") from error
    except OSError as error:
        raise FetchError(f"{url}: {error}") from error
