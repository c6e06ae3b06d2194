"""The OpenAPI 3 document, generated from the marshmallow schemas the server validates with."""

from __future__ import annotations

from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from slant import __version__, contract
from slant.feedback.store import MAX_NAME, MAX_TEXT, MAX_URL
from slant.web.errors import ERROR_CODES

# When each error status is answered; the code comes from the one map in errors.py.
_WHEN = {
    400: "Body is not valid JSON or not UTF-8; `bad_request` when it is not valid HTTP",
    401: "An API key is required",
    403: "The API key is wrong",
    408: "The request did not arrive in time",
    413: "Body, sentences or response over a limit; `details.limit` names the setting",
    415: "Not `application/json`",
    422: "Breaks the schema, or names an unknown analyzer (`unknown_analyzer`)",
    429: "Over the rate limit; see `Retry-After`",
}
_ERRORS = {str(status): f"{when} (`{ERROR_CODES[status]}`)." for status, when in _WHEN.items()}


def _name(description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_NAME,
        "pattern": r"\S",
        "description": description,
    }


# Written by hand: the endpoint validates with slant.feedback.parse_feedback, not marshmallow,
# and some of its rules (start < end <= len(text); an http(s) address) are not schema rules.
FEEDBACK_REPORT: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["analyzer", "label", "text", "start", "end"],
    "properties": {
        "analyzer": _name("The analyzer whose mark is wrong."),
        "label": _name("The mark's label."),
        "correct_label": {**_name("The label the reader says is right."), "nullable": True},
        "analyzer_version": {**_name("The analyzer's version."), "nullable": True},
        "text": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_TEXT,
            "pattern": r"\S",
            "description": "The marked sentence (or short passage), nothing else of the page.",
        },
        "start": {"type": "integer", "minimum": 0, "description": "Mark start in `text`."},
        "end": {
            "type": "integer",
            "minimum": 1,
            "description": "Mark end; start < end <= len(text).",
        },
        "score": {"type": "number", "minimum": 0, "maximum": 1, "nullable": True},
        "url": {
            "type": "string",
            "maxLength": MAX_URL,
            "format": "uri",
            "pattern": "^\\s*[Hh][Tt][Tt][Pp][Ss]?://",
            "nullable": True,
            "description": "The page's http(s) address; its query and fragment are dropped.",
        },
    },
}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": "Error"}}}


def _ok(description: str, schema: Any) -> dict[str, Any]:
    return {
        "200": {"description": description, "content": {"application/json": {"schema": schema}}}
    }


@cache
def openapi_document(analyzers: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The document served at ``/api/v1/openapi.json``.

    :param analyzers: the server's enabled analyzers; when given, ``analyzers``
        in a request must name them (an enum), so every request the document
        allows is one the server accepts.
    """
    spec = APISpec(
        title="slant",
        version=__version__,
        openapi_version="3.0.3",
        info={
            "description": "Opinion vs fact, sources and satire in op-eds: the analyze-v1 contract."
        },
        plugins=[MarshmallowPlugin()],
    )
    # Nested schemas (AnalyzerResult, Annotation, ...) register themselves.
    for name in ("AnalyzeRequest", "AnalyzeResponse", "AnalyzerInfo", "Health", "Error"):
        spec.components.schema(name, schema=getattr(contract, f"{name}Schema"))
    auth_errors = {code: _error(_ERRORS[code]) for code in ("401", "403", "429")}
    spec.path(
        path="/api/v1/analyze",
        operations={
            "post": {
                "summary": "Analyze one text with all enabled analyzers, or the ones named.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "AnalyzeRequest"}},
                },
                "responses": {
                    **_ok("Every requested analyzer's result.", "AnalyzeResponse"),
                    **{code: _error(text) for code, text in _ERRORS.items()},
                },
            }
        },
    )
    spec.path(
        path="/api/v1/analyzers",
        operations={
            "get": {
                "summary": "The enabled analyzers.",
                "responses": {
                    **_ok("The analyzers.", {"type": "array", "items": "AnalyzerInfo"}),
                    **auth_errors,
                },
            }
        },
    )
    spec.components.schema("FeedbackReport", FEEDBACK_REPORT)
    spec.path(
        path="/api/v1/feedback",
        operations={
            "post": {
                "summary": "A reader says a mark is wrong; kept only where SLANT_FEEDBACK_DB is set.",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": "FeedbackReport"}},
                },
                "responses": {
                    "201": {
                        "description": "Kept.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["id", "stored"],
                                    "properties": {
                                        "id": {"type": "integer"},
                                        "stored": {"type": "boolean"},
                                    },
                                }
                            }
                        },
                    },
                    "404": _error("This server does not collect feedback (`not_found`)."),
                    **{code: _error(text) for code, text in _ERRORS.items()},
                },
            }
        },
    )
    spec.path(
        path="/api/v1/health",
        operations={
            "get": {"summary": "Liveness and API version.", "responses": _ok("Healthy.", "Health")}
        },
    )
    spec.path(
        path="/api/v1/openapi.json",
        operations={
            "get": {
                "summary": "This document.",
                "responses": _ok("The OpenAPI 3 document.", {"type": "object"}),
            }
        },
    )
    document = spec.to_dict()
    if analyzers is not None:
        request = document["components"]["schemas"]["AnalyzeRequest"]
        request["properties"]["analyzers"]["items"]["enum"] = list(analyzers)
    return document
