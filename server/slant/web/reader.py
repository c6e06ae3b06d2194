"""The reader's page at ``/``: paste a text or open a saved page, see it marked.

The page draws with the extension's own scripts: ``reader_assets/content`` and
``reader_assets/vendor`` in this package are links to ``extension/content`` and
``extension/vendor`` in the repository (the wheel holds copies made at build
time), so the web page and the extension run one drawing code. Browsers get
the page; other clients asking for ``/`` keep getting the JSON index. The page
loads nothing from anywhere else (its Content-Security-Policy says so) and
keeps nothing: the text goes to ``/api/v1/analyze`` like any client's.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, Response, request, send_from_directory
from slant.web.errors import ApiError

ASSETS = Path(__file__).parent / "reader_assets"


def _loaded_by_page() -> frozenset[str]:
    """The files ``index.html`` loads from ``/reader/``: they and no others are served."""
    page_html = (ASSETS / "index.html").read_text(encoding="utf-8")
    return frozenset(re.findall(r'(?:src|href)="/reader/([^"]+)"', page_html))


SERVED = _loaded_by_page()
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
bp = Blueprint("reader", __name__)


def wants_page() -> bool:
    """A browser navigating to ``/`` (it prefers HTML to JSON)."""
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"


def page() -> Response:
    """The page itself, with the headers that keep it self-contained."""
    response = send_from_directory(ASSETS, "index.html", mimetype="text/html")
    return _locked(response)


@bp.get("/reader/<path:name>")
def asset(name: str) -> Response:
    """One of the page's scripts or its style sheet."""
    if name not in SERVED:
        raise ApiError(404, "not_found", f"No reader asset {name!r}.")
    mimetype = "text/css" if name.endswith(".css") else "text/javascript"
    return _locked(send_from_directory(ASSETS, name, mimetype=mimetype))


def _locked(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.vary.add("Accept")
    return response
