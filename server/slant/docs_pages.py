"""``/docs/<page>.md``: the server's own documentation, model cards included.

The extension links each analyzer to its model card; serving the cards from
the server the reader already trusts keeps that link working offline. Only
the Markdown pages of a source checkout's ``docs/`` are served, as plain text.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_from_directory

from slant.errors import ApiError

DOCS_DIR = Path(__file__).resolve().parents[2] / "docs"
bp = Blueprint("docs", __name__, url_prefix="/docs")


@bp.get("/<page>.md")
def page(page: str) -> Response:
    """One Markdown page of the docs, or a 404 in the error envelope."""
    if not (DOCS_DIR / f"{page}.md").is_file():
        raise ApiError(404, "not_found", f"No documentation page {page}.md on this server.")
    response = send_from_directory(DOCS_DIR, f"{page}.md", mimetype="text/plain")
    response.headers["Content-Type"] = "text/plain; charset=utf-8"
    return response
