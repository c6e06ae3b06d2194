"""The contract's JSON error envelope, for every error the server can return.

Every failure, ours or the client's, leaves as
``{"error": {"code", "message", "details"}}`` with the contract's status, so a
client never has to parse an HTML error page.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify
from gunicorn.http.errors import NoMoreData, ParseException
from slant.naming import server_setting_env
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

# Each error status with the contract's code for it (422 also has `unknown_analyzer`,
# 400 also `bad_request`). The statuses from 408 on that the app never raises are
# answered by slant's gunicorn worker before a request reaches it (web/worker.py).
ERROR_CODES = {
    400: "bad_json",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "payload_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    417: "expectation_failed",
    422: "validation_error",
    429: "rate_limited",
    431: "headers_too_large",
    501: "not_implemented",
}
_MESSAGES = {
    404: "No such path. The API lives under /api/v1/: analyze, analyzers, health, openapi.json.",
    405: "This path does not accept that method; see /api/v1/openapi.json.",
}


class ApiError(Exception):
    """An error with the contract's status and code, raised anywhere in a request."""

    def __init__(self, status: int, code: str, message: str, details: Any = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def error_response(status: int, code: str, message: str, details: Any = None) -> Response:
    response = jsonify({"error": {"code": code, "message": message, "details": details}})
    response.status_code = status
    return response


def body_too_large(limit: int) -> ApiError:
    """The 413 for a body over ``SLANT_MAX_BODY_BYTES``, wherever it is noticed.

    The app's error handler, the chunked-body reader and the gunicorn worker all
    answer it, and all with the same message and details.
    """
    setting = server_setting_env("MAX_BODY_BYTES")
    return ApiError(
        413,
        "payload_too_large",
        f"The request body is over the server's limit of {limit:,} bytes. "
        f"Send a shorter text, or ask the operator to raise {setting}.",
        {"limit": setting, "max": limit},
    )


def register_error_handlers(app: Flask) -> None:
    """Route every exception to the envelope; unexpected ones become a logged 500."""

    @app.errorhandler(ApiError)
    def _api_error(error: ApiError) -> Response:
        return error_response(error.status, error.code, error.message, error.details)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        status = error.code or 500
        if status == 413:
            too_large = body_too_large(app.config["MAX_CONTENT_LENGTH"])
            response = error_response(413, too_large.code, too_large.message, too_large.details)
        else:
            message = _MESSAGES.get(status, error.description or error.name)
            response = error_response(status, ERROR_CODES.get(status, "internal"), message)
        valid_methods = getattr(error, "valid_methods", None)
        if status == 405 and valid_methods:
            response.headers["Allow"] = ", ".join(valid_methods)
        return response

    @app.errorhandler(ParseException)
    @app.errorhandler(NoMoreData)
    def _bad_body(error: Exception) -> Response:
        # gunicorn raises these while the app reads a body: a malformed chunk, a short one.
        log.info("unreadable request body: %s", type(error).__name__)
        return error_response(
            400, "bad_request", "The request body is not valid HTTP/1.1 (a broken chunk?)."
        )

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("unhandled error")
        return error_response(500, "internal", "An internal error occurred; it has been logged.")
