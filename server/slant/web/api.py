"""The ``/api/v1`` blueprint: analyze, analyzers, health, openapi.json."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from marshmallow import ValidationError
from slant import __version__
from slant.contract import AnalyzeRequestSchema
from slant.engine import Engine, TooMuchWork, UnknownAnalyzer
from slant.engine.listing import list_analyzers
from slant.naming import server_setting_env
from slant.web.errors import ApiError, body_too_large
from slant.web.openapi import openapi_document
from slant.web.request_state import remember_analysis

API_VERSION = "v1"
bp = Blueprint("api", __name__, url_prefix="/api/v1")
_REQUEST_SCHEMA = AnalyzeRequestSchema()


def current_engine() -> Engine:
    """The engine of the app serving this request."""
    return current_app.extensions["slant"]


@bp.post("/analyze")
def analyze() -> Response:
    """Analyze one text with all enabled analyzers, or the ones named."""
    payload = json_body()
    if not isinstance(payload, dict):
        raise ApiError(
            422,
            "validation_error",
            'The body must be a JSON object such as {"text": "..."}.',
            {"_schema": [f"expected an object, got {type(payload).__name__}"]},
        )
    try:
        data = _REQUEST_SCHEMA.load(payload)
    except ValidationError as error:
        fields = ", ".join(sorted(error.messages)) if isinstance(error.messages, dict) else "body"
        raise ApiError(
            422, "validation_error", f"Invalid request fields: {fields}.", error.messages
        ) from error
    try:
        analysis = current_engine().analyze(
            data["text"],
            url=data["url"],
            title=data["title"],
            analyzers=data["analyzers"],
            page=data["page"],
        )
    except UnknownAnalyzer as error:
        raise ApiError(
            422,
            "unknown_analyzer",
            str(error),
            {"unknown": error.unknown, "available": error.available},
        ) from error
    except TooMuchWork as error:
        raise ApiError(
            413, "payload_too_large", str(error), {"limit": error.limit, "max": error.maximum}
        ) from error
    remember_analysis(analysis.notes)
    response = jsonify(analysis.response)
    limit = current_app.config["MAX_RESPONSE_BYTES"]
    if (response.content_length or 0) > limit:
        setting = server_setting_env("MAX_RESPONSE_BYTES")
        raise ApiError(
            413,
            "payload_too_large",
            f"The analysis of this text would be {response.content_length:,} bytes, over this "
            f"server's limit of {limit:,} ({setting}). Send a shorter text, or "
            "name fewer analyzers.",
            {"limit": setting, "max": limit},
        )
    return response


@bp.get("/analyzers")
def analyzers() -> Response:
    """The enabled analyzers."""
    return jsonify(list_analyzers(current_engine().analyzers))


@bp.get("/health")
def health() -> Response:
    """Liveness and the API version; ``degraded``, with details, when plugins are in trouble.

    Still 200 when degraded: the server answers, some analyzers may not.
    Details name the plugins or analyzers that failed to load and the
    analyzers whose last runs in the answering worker all failed, never an
    error message.
    """
    engine = current_engine()
    failed = sorted({failure.name for failure in engine.failures})
    failing = engine.failing()
    body: dict[str, Any] = {
        "status": "degraded" if failed or failing else "ok",
        "slant_version": __version__,
        "api": API_VERSION,
    }
    if failed or failing:
        body["details"] = {"plugins_failed": failed, "analyzers_failing": failing}
    return jsonify(body)


@bp.get("/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3 document of this API."""
    return jsonify(openapi_document(tuple(current_engine().analyzers)))


def json_body() -> Any:
    """The request's JSON body; 415, 400 in the envelope when it is not JSON."""
    if request.mimetype != "application/json":
        raise ApiError(
            415,
            "unsupported_media_type",
            f"Send the body as JSON with `Content-Type: application/json` (got {request.mimetype or 'none'!r}).",
        )
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is None and request.environ.get("wsgi.input_terminated"):
        # A chunked body: werkzeug would cut it at the limit without a word.
        raw = request.environ["wsgi.input"].read(limit + 1)
        if len(raw) > limit:
            raise body_too_large(limit)
    else:
        raw = request.get_data(cache=False)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(
            400, "bad_json", f"The body is not valid UTF-8 (byte {error.start})."
        ) from error
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as error:
        raise ApiError(400, "bad_json", f"The body is not valid JSON: {error}.") from error


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in JSON")
