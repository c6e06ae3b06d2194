"""Rate limits per API key, or per client IP when no key identifies the caller.

Counters live in memory (each gunicorn worker counts on its own, so N workers
allow up to N times the limit) or, with ``SLANT_REDIS_URL``, in Redis shared by
all workers; if Redis fails, flask-limiter counts in memory until it is back.
"""

from __future__ import annotations

import hashlib
import math
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, request
from slant.web.auth import accepted_key, is_public_request
from slant.web.errors import error_response

if TYPE_CHECKING:  # flask-limiter is imported only when a limit is configured
    from flask_limiter import Limiter, RateLimitExceeded


def client_identity() -> str:
    """``key:<hash prefix>`` for a request with an accepted API key, else ``ip:<address>``."""
    key = accepted_key()
    if key is not None:
        return "key:" + hashlib.sha256(key.encode()).hexdigest()[:16]
    return f"ip:{request.remote_addr}"


def _too_many(error: RateLimitExceeded) -> Response:
    response = error_response(
        429,
        "rate_limited",
        f"Too many requests: this server allows {error.description}. "
        "Wait for the time in Retry-After, then try again.",
        {"limit": error.description},
    )
    if "Retry-After" not in response.headers and error.limit is not None:
        response.headers["Retry-After"] = str(math.ceil(error.limit.limit.get_expiry()))
    return response


def init_rate_limits(app: Flask) -> Limiter | None:
    """Apply ``SLANT_RATE_LIMIT`` to the API; ``None`` when it is off."""
    limit = app.config["RATE_LIMIT"]
    if not limit:
        return None
    from flask_limiter import Limiter, RateLimitExceeded

    redis_url = app.config["REDIS_URL"]
    storage_options: dict[str, Any] = (
        {"socket_timeout": 0.25, "socket_connect_timeout": 0.25} if redis_url else {}
    )
    limiter = Limiter(
        client_identity,
        app=app,
        default_limits=[limit],
        default_limits_exempt_when=is_public_request,
        strategy="moving-window",  # exact: a sliding counter lets a burst at a window edge through
        storage_uri=redis_url or "memory://",
        storage_options=storage_options,
        in_memory_fallback_enabled=bool(redis_url),
        swallow_errors=True,
        headers_enabled=True,
        retry_after="delta-seconds",
        key_prefix="slant",
    )
    app.register_error_handler(RateLimitExceeded, _too_many)
    return limiter
