"""Helpers for testing a slant plugin: an isolated app, a request, the contract.

A plugin's tests should see its analyzer exactly as a client of the server
does, through the HTTP API and the core's validation, without depending on
whatever else happens to be installed. A complete test::

    import slant_hedging
    from slant.testing import analyze, assert_contract, build_app

    def test_hedges_are_marked():
        app = build_app(slant_hedging)
        text = "The plan may work. Perhaps not."
        result = analyze(app, text, "hedging")
        assert_contract(text, result, app)
        assert [a["quote"] for a in result["annotations"]] == ["may", "Perhaps"]

:func:`check_result` returns the contract violations as a list instead of
failing, for tools (``slant plugins check`` uses it) and for checking a
remote server's responses.
"""

from __future__ import annotations

import json
import types
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask

from slant.analyzer import Analyzer
from slant.contract import AnalyzerResultSchema, error_digest, is_int, valid_offsets, valid_score
from slant.hookspecs import hookimpl
from slant.web.app import create_app

__all__ = [
    "analyze",
    "analyze_response",
    "analyzer_info",
    "assert_contract",
    "build_app",
    "check_result",
    "plugin_of",
]

_RESULT_SCHEMA = AnalyzerResultSchema()


def build_app(
    *plugins: object,
    config: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
) -> Flask:
    """A slant app with only ``plugins`` registered: no installed plugins, no ``SLANT_*`` variables.

    :param plugins: plugin modules or objects with ``@slant.hookimpl`` functions,
        usually your package: ``build_app(slant_hedging)``.
    :param config: server settings, e.g. ``{"PLUGIN_SETTINGS": {"hedging": {"modals": False}}}``
        or ``{"ANALYZER_TIMEOUT": 1}``.
    :param env: environment to read settings from, e.g.
        ``{"SLANT_PLUGIN_HEDGING_MODALS": "false"}``; empty by default, so the
        developer's shell cannot change a test's outcome.

    Example::

        app = build_app(slant_hedging, env={"SLANT_PLUGIN_HEDGING_MODALS": "no"})
    """
    return create_app(
        {"TESTING": True, **(config or {})},
        plugins=plugins,
        load_entrypoints=False,
        env=dict(env or {}),
    )


def plugin_of(*analyzer_classes: type[Analyzer], name: str = "test_plugin") -> types.ModuleType:
    """A plugin that registers a fresh instance of each class, for :func:`build_app`.

    Handy when a test defines its analyzers inline::

        app = build_app(plugin_of(Shouting, Whispering))
    """
    module = types.ModuleType(name)

    @hookimpl
    def register_analyzers(register: Callable[[Analyzer], None]) -> None:
        for analyzer_class in analyzer_classes:
            register(analyzer_class())

    module.register_analyzers = register_analyzers  # type: ignore[attr-defined]
    return module


def analyze_response(
    app: Flask,
    text: str,
    analyzers: list[str] | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    page: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """POST ``text`` to the app's ``/api/v1/analyze`` and return the whole response body.

    ``page`` is the request's ``page`` object (``{"sections": ["Opinion"]}``), which your
    analyzer reads as ``Document.page``. Fails the test (``AssertionError``) unless the
    server answers 200.

    Example::

        body = analyze_response(app, "One. Two.")
        assert body["results"]["hedging"]["status"] == "ok"
    """
    payload: dict[str, Any] = {"text": text, "url": url, "title": title}
    if analyzers is not None:
        payload["analyzers"] = analyzers
    if page is not None:
        payload["page"] = dict(page)
    response = app.test_client().post("/api/v1/analyze", json=payload)
    assert response.status_code == 200, (
        f"POST /api/v1/analyze answered {response.status_code}: {response.get_data(as_text=True)[:500]}"
    )
    return response.get_json()


def analyze(
    app: Flask,
    text: str,
    name: str,
    *,
    url: str | None = None,
    title: str | None = None,
    page: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The wire result of analyzer ``name`` on ``text``: ``status``, ``summary``, ``annotations``.

    Example::

        result = analyze(app, "It may rain.", "hedging")
        assert result["summary"]["hedges"] == 1
    """
    return analyze_response(app, text, [name], url=url, title=title, page=page)["results"][name]


def analyzer_info(app: Flask, name: str) -> dict[str, Any]:
    """Analyzer ``name`` as ``GET /api/v1/analyzers`` describes it (labels, settings, ...)."""
    listed = app.test_client().get("/api/v1/analyzers").get_json()
    for info in listed:
        if info["name"] == name:
            return info
    raise AssertionError(
        f"analyzer {name!r} is not enabled; enabled: {[i['name'] for i in listed]}"
    )


def check_result(
    text: str,
    response_or_result: Mapping[str, Any],
    analyzer: Mapping[str, Any] | Flask | Any,
    *,
    expect_ok: bool = True,
) -> list[str]:
    """Every way ``response_or_result`` breaks the analyze-v1 contract for ``text``; ``[]`` if none.

    :param response_or_result: a whole ``/api/v1/analyze`` response, or one analyzer's result
        from its ``results``.
    :param analyzer: what the analyzer declared: its ``GET /api/v1/analyzers`` entry, the
        :class:`slant.Analyzer` itself, or the app (with one analyzer enabled, or the
        result names it).
    :param expect_ok: report a ``status`` other than ``ok`` as a violation.

    Checks the result's types and fields (the same schema the server validates with),
    the ``summary`` fields ``headline``/``label``/``score``, offsets inside the text,
    ``quote == text[start:end]``, labels the analyzer declared, JSON-safe values, the
    analyzer's name and version, and that a failed result carries an ``error`` and
    nothing else. For a whole response it also checks ``text_length`` and ``sentences``.

    Example::

        problems = check_result(text, response.json(), {"name": "hedging", "labels": ["hedge"]})
        assert not problems, problems
    """
    problems: list[str] = []
    if isinstance(analyzer, Flask):
        analyzer = _info_from_app(analyzer, response_or_result)
    name, version, labels = _declared(analyzer)
    result: Any = response_or_result
    if "results" in response_or_result:
        problems += _response_problems(text, response_or_result)
        result = response_or_result["results"].get(name)
        if result is None:
            return [*problems, f"the response has no result for {name!r}"]
    if not isinstance(result, Mapping):
        return [*problems, f"the result is a {type(result).__name__}, not an object"]
    problems += _schema_problems(result)
    declared_ref = result.get("analyzer")
    ref: Mapping[str, Any] = declared_ref if isinstance(declared_ref, Mapping) else {}
    if ref.get("name") != name:
        problems.append(f"analyzer.name is {ref.get('name')!r}, expected {name!r}")
    if version is not None and ref.get("version") != version:
        problems.append(f"analyzer.version is {ref.get('version')!r}, expected {version!r}")
    status = result.get("status")
    if status != "ok":
        if expect_ok:
            problems.append(f"status is {status!r}: {result.get('error')}")
        if result.get("summary") is not None or result.get("annotations"):
            problems.append(f"status {status!r} must come with summary null and no annotations")
        if not isinstance(result.get("error"), str) or not result.get("error"):
            problems.append(f"status {status!r} must come with an error message")
        return problems
    problems += _annotation_problems(text, result.get("annotations"), labels)
    try:
        json.dumps(result, allow_nan=False)
    except (TypeError, ValueError) as error:
        problems.append(f"the result is not plain JSON: {error}")
    return problems


def assert_contract(
    text: str,
    response_or_result: Mapping[str, Any],
    analyzer: Mapping[str, Any] | Flask | Any,
    *,
    expect_ok: bool = True,
) -> None:
    """Fail the test with every contract violation :func:`check_result` finds.

    Example::

        result = analyze(app, text, "hedging")
        assert_contract(text, result, app)
    """
    problems = check_result(text, response_or_result, analyzer, expect_ok=expect_ok)
    assert not problems, "contract violations:\n  " + "\n  ".join(problems)


def _info_from_app(app: Flask, response_or_result: Mapping[str, Any]) -> dict[str, Any]:
    if "results" in response_or_result:
        names = list(response_or_result["results"])
    else:
        ref = response_or_result.get("analyzer")
        names = [ref.get("name")] if isinstance(ref, Mapping) else []
    if len(names) != 1:
        raise ValueError(f"name the analyzer to check: the response has results for {names}")
    return analyzer_info(app, names[0])


def _declared(analyzer: Mapping[str, Any] | Any) -> tuple[str, str | None, set[str]]:
    if isinstance(analyzer, Mapping):
        return analyzer["name"], analyzer.get("version"), set(analyzer.get("labels", ()))
    return analyzer.name, analyzer.version, set(analyzer.labels)


def _schema_problems(result: Mapping[str, Any]) -> list[str]:
    errors = _RESULT_SCHEMA.validate(result)
    return [f"schema: {error_digest(errors, limit=10)}"] if errors else []


def _annotation_problems(text: str, annotations: Any, labels: set[str]) -> list[str]:
    if not isinstance(annotations, list):
        return [f"annotations is a {type(annotations).__name__}, not a list"]
    problems: list[str] = []
    length = len(text)
    for index, item in enumerate(annotations):
        where = f"annotations[{index}]"
        if not isinstance(item, Mapping):
            problems.append(f"{where} is a {type(item).__name__}, not an object")
            continue
        start, end = item.get("start"), item.get("end")
        if not valid_offsets(start, end, length):
            problems.append(
                f"{where} offsets {start!r}..{end!r} are outside the text (0..{length})"
            )
        elif item.get("quote") != text[start:end]:
            problems.append(
                f"{where} quote {item.get('quote')!r} is not text[{start}:{end}] = {text[start:end]!r}"
            )
        if item.get("label") not in labels:
            problems.append(
                f"{where} label {item.get('label')!r} is not declared ({sorted(labels)})"
            )
        score = item.get("score")
        if not valid_score(score):
            problems.append(f"{where} score {score!r} is not null or a number in 0..1")
    return problems


def _response_problems(text: str, response: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    if response.get("text_length") != len(text):
        problems.append(f"text_length is {response.get('text_length')!r}, expected {len(text)}")
    previous_end = 0
    for index, span in enumerate(response.get("sentences") or []):
        start, end = span.get("start"), span.get("end")
        if not (is_int(start) and is_int(end) and previous_end <= start < end <= len(text)):
            problems.append(f"sentences[{index}] {start!r}..{end!r} is out of order or range")
            continue
        if text[start:end] != text[start:end].strip():
            problems.append(f"sentences[{index}] has leading or trailing whitespace")
        previous_end = end
    return problems
