"""Running analyzers on a document: in dependency order, each contained.

Each call runs in its own daemon thread with a deadline, so an analyzer that
raises, hangs or returns garbage yields ``status: error|timeout`` in its own
result and the others still answer. Python cannot kill a thread: a hung
analyzer's thread lingers until it returns, but the request does not wait for
it and the process can still exit. So that repeated hangs cannot pile up
threads, an analyzer with ``MAX_OVERDUE`` calls still stuck is not started
again (``timeout`` at once) until one of them returns.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from slant.document import Document
from slant.engine.registry import RegisteredAnalyzer
from slant.engine.results import InvalidResult, failed_result, ok_result

log = logging.getLogger(__name__)

#: Calls of one analyzer that may still run past their deadline before it is not started again.
MAX_OVERDUE = 4


def execution_order(names: Iterable[str], analyzers: Mapping[str, RegisteredAnalyzer]) -> list[str]:
    """``names`` plus their enabled dependencies, each after what it depends on.

    A dependency cycle is broken where it is found: the analyzer that closes
    it runs without that dependency (``document.result_of`` gives ``None``).
    """
    order: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in order or name in visiting or name not in analyzers:
            return
        visiting.add(name)
        for dependency in getattr(analyzers[name].analyzer, "depends_on", ()):
            visit(dependency)
        visiting.discard(name)
        order.append(name)

    for name in names:
        visit(name)
    return order


def run_analyzers(
    document: Document,
    order: list[str],
    analyzers: Mapping[str, RegisteredAnalyzer],
    *,
    default_timeout: float,
) -> dict[str, dict[str, Any]]:
    """The wire result of each analyzer in ``order``, by name."""
    results: dict[str, dict[str, Any]] = {}
    for name in order:
        registered = analyzers[name]
        # Each analyzer sees only the results it declared, as copies: reading another
        # raises, and editing one cannot change the validated wire result.
        declared = getattr(registered.analyzer, "depends_on", ())
        view = replace(document, _results={d: _copy(results.get(d)) for d in declared})
        results[name] = run_one(registered, view, default_timeout=default_timeout)
    return results


def run_one(
    registered: RegisteredAnalyzer, document: Document, *, default_timeout: float
) -> dict[str, Any]:
    """One analyzer's wire result; never raises."""
    analyzer = registered.analyzer
    if document.language not in analyzer.languages:
        return failed_result(
            registered,
            "skipped",
            f"{analyzer.name} reads {', '.join(analyzer.languages)}; this text looks like {document.language!r}",
            0.0,
        )
    timeout = analyzer.timeout or default_timeout
    stuck = registered.overdue.count()
    if stuck >= MAX_OVERDUE:
        return failed_result(
            registered,
            "timeout",
            f"{analyzer.name} is still running {stuck} earlier calls that took longer than "
            f"{timeout:g} s; it is not started again until one of them returns",
            0.0,
        )
    outcome: dict[str, Any] = {}

    def call() -> None:
        try:
            outcome["value"] = analyzer.analyze(document)
        except BaseException as error:  # contained: reported in the result
            outcome["error"] = error

    started = time.perf_counter()
    thread = threading.Thread(target=call, name=f"slant-{analyzer.name}", daemon=True)
    thread.start()
    thread.join(timeout)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if thread.is_alive():
        registered.overdue.add(thread)
        log.warning("analyzer %r timed out after %.1f s", analyzer.name, timeout)
        return failed_result(
            registered, "timeout", f"{analyzer.name} took longer than {timeout:g} s", elapsed_ms
        )
    if "error" in outcome:
        error = outcome["error"]
        log.error("analyzer %r raised", analyzer.name, exc_info=error)
        return failed_result(
            registered,
            "error",
            f"{analyzer.name} failed: {type(error).__name__}: {error}",
            elapsed_ms,
        )
    try:
        return ok_result(registered, outcome.get("value"), document.text, elapsed_ms)
    except InvalidResult as error:
        log.error("analyzer %r returned an invalid result: %s", analyzer.name, error)
        return failed_result(
            registered, "error", f"{analyzer.name} returned an invalid result: {error}", elapsed_ms
        )


def _copy(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """A deep copy of a validated, JSON-safe result (a JSON round trip: faster than deepcopy)."""
    return None if result is None else json.loads(json.dumps(result))
