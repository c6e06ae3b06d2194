"""Logs as one JSON object per line, and one privacy-safe line per request.

A request's text is never logged: only its length and a short SHA-256 prefix,
enough to tell whether two requests carried the same text without being able
to read it. API keys and the Authorization header are never logged either.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, request
from slant.web.request_state import analysis_notes

REQUEST_LOGGER = "slant.request"
# Attributes every LogRecord has; anything else was passed with ``extra=`` and is logged.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """``{"time", "level", "logger", "message", ...extra fields}`` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str, fmt: str) -> None:
    """Send slant's logs (and gunicorn's errors) to stderr in the chosen format.

    Configures the root logger once per process; a later app with another
    level or format (tests build many) replaces the handler's settings.
    """
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, "slant", False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.slant = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    handler.setFormatter(
        JsonFormatter()
        if fmt == "json"
        else logging.Formatter("%(levelname)s %(name)s: %(message)s")
    )
    root.setLevel(level.upper())


def start_timer() -> None:
    g.slant_started = time.perf_counter()


def request_duration_ms() -> float:
    return round((time.perf_counter() - g.get("slant_started", time.perf_counter())) * 1000, 3)


def log_request(response: Response) -> Response:
    """One line per request: what happened, never what was sent."""
    notes = analysis_notes()
    facts = notes.as_log_fields() if notes is not None else {}
    logging.getLogger(REQUEST_LOGGER).info(
        "request",
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": request_duration_ms(),
            **facts,
        },
    )
    return response


def init_request_log(app: Flask) -> None:
    app.before_request(start_timer)
    app.after_request(log_request)
