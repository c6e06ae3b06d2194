"""``POST /api/v1/feedback``: a reader says a mark is wrong.

Off unless the operator names a file in ``SLANT_FEEDBACK_DB``: then every
request answers 404 in the error envelope, and nothing is kept anywhere. On,
a report is size-limited (the body, and the sentence in it), rate-limited per
API key or client IP (counted in memory or in ``SLANT_REDIS_URL``, never
stored with the report), validated by :func:`slant.feedback.parse_feedback`
and kept in SQLite.
"""

from __future__ import annotations

import math
import time
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from slant.feedback import FeedbackError, FeedbackStore, parse_feedback
from slant.web.api import json_body
from slant.web.errors import ApiError, error_response
from slant.web.ratelimit import client_identity

MAX_FEEDBACK_BYTES = 8192
# API keys are checked app-wide, before the rate limit (web/app.py).
bp = Blueprint("feedback", __name__, url_prefix="/api/v1")


def init_feedback(app: Flask) -> None:
    """Open (and migrate) the feedback file when one is configured; register the endpoint."""
    path = app.config.get("FEEDBACK_DB")
    if path:
        store = FeedbackStore(path)
        store.migrate()
        app.extensions["slant.feedback"] = (store, _limiter(app))
    app.register_blueprint(bp)


def _limiter(app: Flask) -> Any:
    from limits import parse_many, storage
    from limits.strategies import MovingWindowRateLimiter

    backend = storage.storage_from_string(app.config.get("REDIS_URL") or "memory://")
    return MovingWindowRateLimiter(backend), parse_many(app.config["FEEDBACK_RATE_LIMIT"])


@bp.post("/feedback")
def feedback() -> Response:
    """Keep one report; 201 with its id."""
    configured = current_app.extensions.get("slant.feedback")
    if configured is None:
        raise ApiError(
            404,
            "not_found",
            "This server does not collect feedback: its operator has not set SLANT_FEEDBACK_DB.",
        )
    store, (limiter, limits) = configured
    if (request.content_length or 0) > MAX_FEEDBACK_BYTES:
        raise ApiError(
            413,
            "payload_too_large",
            f"A feedback report is at most {MAX_FEEDBACK_BYTES:,} bytes: the marked sentence and its url.",
        )
    who = client_identity()
    for limit in limits:
        if not limiter.hit(limit, "feedback", who):
            reset = limiter.get_window_stats(limit, "feedback", who).reset_time
            response = error_response(
                429,
                "rate_limited",
                f"Too many reports: this server takes {limit} from each reader.",
                {"limit": str(limit)},
            )
            response.headers["Retry-After"] = str(max(1, math.ceil(reset - time.time())))
            return response
    try:
        record = parse_feedback(json_body())
    except FeedbackError as error:
        raise ApiError(
            422, "validation_error", f"Invalid feedback: {error}.", error.fields
        ) from error
    identifier = store.add(record)
    response = jsonify({"id": identifier, "stored": True})
    response.status_code = 201
    return response
