"""The app factory: every app builds its own plugin manager and analyzers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import Flask, Response, current_app, jsonify, request
from flask.json.provider import DefaultJSONProvider
from slant import __version__
from slant.config import load_config
from slant.engine import Engine
from slant.engine.cache import build_cache
from slant.web.api import bp as api_blueprint
from slant.web.auth import require_api_key
from slant.web.docs_pages import bp as docs_blueprint
from slant.web.errors import register_error_handlers
from slant.web.feedback import init_feedback
from slant.web.metrics import Metrics, init_metrics
from slant.web.ratelimit import init_rate_limits
from slant.web.reader import bp as reader_blueprint
from slant.web.reader import page as reader_page
from slant.web.reader import wants_page
from slant.web.request_log import configure_logging, init_request_log
from slant.web.request_state import analysis_notes
from werkzeug.middleware.proxy_fix import ProxyFix


def create_app(
    config: Mapping[str, Any] | None = None,
    *,
    plugins: Iterable[object] = (),
    load_entrypoints: bool = True,
    env: Mapping[str, str] | None = None,
) -> Flask:
    """Build a slant server.

    :param config: settings that win over ``SLANT_*`` variables and the TOML
        file (see :mod:`slant.config`), e.g. ``{"ANALYZER_TIMEOUT": 1}``.
    :param plugins: extra plugin objects to register, as tests do.
    :param load_entrypoints: ``False`` loads no installed plugins, built-ins
        included, so a test sees exactly the ``plugins`` it passed.
    :param env: the environment to read ``SLANT_*`` from (default ``os.environ``).
    """
    settings = load_config(config, env=env)
    configure_logging(settings["LOG_LEVEL"], settings["LOG_FORMAT"])
    app = Flask(__name__)
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = settings["MAX_BODY_BYTES"]
    app.json = _UnsortedJSON(app)
    if settings["PROXY_HOPS"]:
        hops = settings["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    metrics = Metrics()
    app.extensions["slant"] = Engine(
        settings,
        cache=build_cache(settings, on_fallback=metrics.cache_fallbacks.inc),
        plugins=plugins,
        load_entrypoints=load_entrypoints,
        env=env,
    )
    # Hooks run in this order before a request and in reverse after it: the
    # timer starts first, and the log line is written last, with every header set.
    init_request_log(app)
    init_metrics(app, metrics)
    app.after_request(_response_headers)
    # The key is checked before the rate limit counts: 401/403 come before 429.
    app.before_request(require_api_key)
    init_rate_limits(app)
    app.register_blueprint(api_blueprint)
    app.register_blueprint(docs_blueprint)
    app.register_blueprint(reader_blueprint)
    init_feedback(app)
    register_error_handlers(app)
    app.add_url_rule("/", "index", _index)
    return app


def _index() -> Response:
    """Browsers get the reader's page; API clients the JSON index."""
    if wants_page():
        return reader_page()
    return jsonify(
        {
            "name": "slant",
            "slant_version": __version__,
            "api": "/api/v1",
            "endpoints": [
                "/api/v1/analyze",
                "/api/v1/analyzers",
                "/api/v1/health",
                "/api/v1/openapi.json",
            ],
        }
    )


def _response_headers(response: Response) -> Response:
    """``X-Slant-Cache`` on analyses; CORS only for origins the operator listed."""
    notes = analysis_notes()
    if notes is not None and notes.cache != "off":
        response.headers["X-Slant-Cache"] = notes.cache
    if response.status_code != 429:
        response.headers.pop("Retry-After", None)  # flask-limiter sets it on every response
    origin = request.headers.get("Origin")
    if origin and origin in current_app.config.get("CORS_ORIGINS", ()):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Max-Age"] = "600"
        response.headers["Access-Control-Expose-Headers"] = "X-Slant-Cache, Retry-After"
        response.vary.add("Origin")
    return response


class _UnsortedJSON(DefaultJSONProvider):
    """Keys in the order the contract lists them, not sorted."""

    sort_keys = False
