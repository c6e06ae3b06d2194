"""``/docs/analyzers/<name>/model-card.md``: each analyzer's model card, from its package.

The extension links each result to its analyzer's model card; serving the card
from the server the reader already trusts keeps that link working offline.
A card is package data of the plugin that registered the analyzer (its
``model_card_file``), read with :mod:`importlib.resources`, so it is there in
an installed wheel just as in a checkout, for built-in and third-party plugins alike.
"""

from __future__ import annotations

import sys
from importlib.resources import files

from flask import Blueprint, Response, current_app
from slant.analyzer import Analyzer
from slant.web.errors import ApiError

bp = Blueprint("docs", __name__, url_prefix="/docs")


@bp.get("/analyzers/<name>/model-card.md")
def model_card(name: str) -> Response:
    """An analyzer's model card as plain text, or a 404 in the error envelope."""
    registered = current_app.extensions["slant"].analyzers.get(name)
    text = read_model_card(registered.analyzer) if registered is not None else None
    if text is None:
        raise ApiError(404, "not_found", f"No model card for an analyzer named {name!r} here.")
    return Response(text, content_type="text/plain; charset=utf-8")


def read_model_card(analyzer: Analyzer) -> str | None:
    """The text of ``analyzer.model_card_file`` in the analyzer's package, or ``None``."""
    filename = getattr(analyzer, "model_card_file", None)
    module = sys.modules.get(type(analyzer).__module__)
    package = getattr(module, "__package__", None)
    if not filename or not package:
        return None
    resource = files(package).joinpath(filename)
    return resource.read_text(encoding="utf-8") if resource.is_file() else None
