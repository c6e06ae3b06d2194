"""The app factory: every app builds its own plugin manager and analyzers."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from flask import Flask, Response, current_app, jsonify, request

from slant import __version__
from slant.api import bp as api_blueprint
from slant.config import load_config
from slant.engine import Engine
from slant.errors import register_error_handlers


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
    logging.basicConfig(
        level=settings["LOG_LEVEL"].upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    app = Flask(__name__)
    app.config.update(settings)
    app.config["MAX_CONTENT_LENGTH"] = settings["MAX_BODY_BYTES"]
    app.json.sort_keys = False
    app.extensions["slant"] = Engine(
        settings, plugins=plugins, load_entrypoints=load_entrypoints, env=env
    )
    app.register_blueprint(api_blueprint)
    register_error_handlers(app)
    app.after_request(_cors_headers)
    app.add_url_rule("/", "index", _index)
    return app


def _index() -> Response:
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


def _cors_headers(response: Response) -> Response:
    """CORS only for origins the operator listed; the extension needs none."""
    origin = request.headers.get("Origin")
    if origin and origin in current_app.config.get("CORS_ORIGINS", ()):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Max-Age"] = "600"
        response.vary.add("Origin")
    return response
