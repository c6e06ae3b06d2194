"""API keys: who may call the API, and which endpoints anyone may read.

One place reads the ``Authorization: Bearer KEY`` header, for the key check
before each request and for the rate limit that counts per key.
"""

from __future__ import annotations

import hmac

from flask import current_app, request
from slant.web.errors import ApiError

# Endpoints anyone may read, key or not: they say nothing about the texts and
# cost nothing (health checks, the API's description, metrics, model cards).
PUBLIC_ENDPOINTS = frozenset(
    {"api.health", "api.openapi", "metrics", "index", "docs.model_card", "reader.asset"}
)


def is_public_request() -> bool:
    """A CORS preflight, or a request for a public endpoint."""
    return request.method == "OPTIONS" or request.endpoint in PUBLIC_ENDPOINTS


def presented_token() -> str | None:
    """The token of an ``Authorization: Bearer`` header, or ``None`` when there is none."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def accepted_key() -> str | None:
    """The configured key the request presented, or ``None`` (compared in constant time)."""
    token = presented_token()
    if token is None:
        return None
    sent = token.encode()
    for key in current_app.config.get("API_KEYS") or ():
        if hmac.compare_digest(sent, key.encode()):
            return key
    return None


def require_api_key() -> None:
    """Before an API request: 401 without a key, 403 with a wrong one, when keys are configured.

    Registered on the app before the rate limiter, so a request without a good
    key is refused as such, never counted or answered with a 429.
    """
    if (
        not current_app.config.get("API_KEYS")
        or request.url_rule is None  # no such path: a 404, key or not
        or not request.path.startswith("/api/")
        or is_public_request()
    ):
        return
    if presented_token() is None:
        raise ApiError(
            401, "unauthorized", "This server needs an API key: send `Authorization: Bearer KEY`."
        )
    if accepted_key() is None:
        raise ApiError(
            403, "forbidden", "The API key was not accepted; check it with the server's operator."
        )
