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
import os
import pickle
import selectors
import signal
import threading
import time
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from slant.document import Document
from slant.engine.registry import RegisteredAnalyzer
from slant.engine.results import InvalidResult, failed_result, ok_result
from slant.naming import server_setting_env

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


@dataclass(frozen=True)
class Limits:
    """What one request may cost: a deadline for all analyzers, annotations per analyzer."""

    deadline: float | None = None  # time.monotonic() by which every analyzer must be done
    max_annotations: int | None = None
    isolate: frozenset[str] = frozenset()  # analyzers run in a child process


def run_analyzers(
    document: Document,
    order: list[str],
    analyzers: Mapping[str, RegisteredAnalyzer],
    *,
    default_timeout: float,
    limits: Limits = Limits(),
) -> dict[str, dict[str, Any]]:
    """The wire result of each analyzer in ``order``, by name."""
    results: dict[str, dict[str, Any]] = {}
    for name in order:
        registered = analyzers[name]
        # Each analyzer sees only the results it declared, as copies: reading another
        # raises, and editing one cannot change the validated wire result.
        declared = getattr(registered.analyzer, "depends_on", ())
        view = replace(document, _results={d: _copy(results.get(d)) for d in declared})
        results[name] = run_one(registered, view, default_timeout=default_timeout, limits=limits)
    return results


def run_one(
    registered: RegisteredAnalyzer,
    document: Document,
    *,
    default_timeout: float,
    limits: Limits = Limits(),
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
    if limits.deadline is not None:
        remaining = limits.deadline - time.monotonic()
        if remaining <= 0:
            return failed_result(
                registered,
                "timeout",
                f"{analyzer.name} was not started: the request's time limit "
                f"({server_setting_env('REQUEST_DEADLINE')}) had passed",
                0.0,
            )
        timeout = min(timeout, remaining)
    if analyzer.name in limits.isolate:
        outcome, elapsed_ms = run_isolated(analyzer, document, timeout)
    else:
        stuck = registered.overdue.count()
        if stuck >= MAX_OVERDUE:
            return failed_result(
                registered,
                "timeout",
                f"{analyzer.name} is still running {stuck} earlier calls that took longer than "
                f"{timeout:g} s; it is not started again until one of them returns",
                0.0,
            )
        outcome, elapsed_ms, thread = _run_in_thread(analyzer, document, timeout)
        if thread is not None:
            registered.overdue.add(thread)
    if "timeout" in outcome:
        log.warning("analyzer %r timed out after %.1f s", analyzer.name, timeout)
        return failed_result(
            registered, "timeout", f"{analyzer.name} took longer than {timeout:g} s", elapsed_ms
        )
    if "error" in outcome:
        kind, where, message = outcome["error"]
        # Never the message in the log: exceptions often quote the text they choked on.
        log.error(
            "analyzer %r raised %s at %s", analyzer.name, kind, where, extra={"raised_at": where}
        )
        return failed_result(
            registered,
            "error",
            f"{analyzer.name} failed: {kind}: {scrub(message, document.text)}",
            elapsed_ms,
        )
    try:
        return ok_result(
            registered,
            outcome.get("value"),
            document.text,
            elapsed_ms,
            max_annotations=limits.max_annotations,
        )
    except InvalidResult as error:
        message = scrub(str(error), document.text)
        log.error("analyzer %r returned an invalid result: %s", analyzer.name, message)
        return failed_result(
            registered,
            "error",
            f"{analyzer.name} returned an invalid result: {message}",
            elapsed_ms,
        )


def _run_in_thread(
    analyzer: Any, document: Document, timeout: float
) -> tuple[dict[str, Any], float, threading.Thread | None]:
    """Call ``analyze`` in a daemon thread; the thread too when it is still running."""
    outcome: dict[str, Any] = {}

    def call() -> None:
        try:
            outcome["value"] = analyzer.analyze(document)
        except BaseException as error:  # contained: reported in the result
            outcome["error"] = describe_error(error)

    started = time.perf_counter()
    thread = threading.Thread(target=call, name=f"slant-{analyzer.name}", daemon=True)
    thread.start()
    thread.join(timeout)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if thread.is_alive():
        return {"timeout": True}, elapsed_ms, thread
    return outcome, elapsed_ms, None


def run_isolated(analyzer: Any, document: Document, timeout: float) -> tuple[dict[str, Any], float]:
    """Call ``analyze`` in a forked child process, which is killed at the timeout.

    The child shares the worker's loaded models (copy-on-write), sends its
    result back pickled over a pipe and exits: an analyzer that calls
    ``os._exit``, crashes the interpreter or leaks memory takes only its child
    with it. Costs a fork per call (a few milliseconds).
    """
    started = time.perf_counter()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(read_end)
            try:
                payload: dict[str, Any] = {"value": analyzer.analyze(document)}
            except BaseException as error:
                payload = {"error": describe_error(error)}
            try:
                data = pickle.dumps(payload)
            except Exception as error:
                data = pickle.dumps({"error": describe_error(error)})
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    timed_out = False
    with os.fdopen(read_end, "rb", buffering=0) as pipe, selectors.DefaultSelector() as selector:
        selector.register(pipe, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                timed_out = True
                break
            chunk = pipe.read(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, wait_status = os.waitpid(pid, 0)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if timed_out:
        return {"timeout": True}, elapsed_ms
    try:
        return pickle.loads(b"".join(chunks)), elapsed_ms
    except Exception:
        if os.WIFSIGNALED(wait_status):
            how = f"was killed by signal {os.WTERMSIG(wait_status)}"
        else:
            how = f"exited with status {os.waitstatus_to_exitcode(wait_status)}"
        return {"error": ("ProcessDied", "its child process", f"its process {how}")}, elapsed_ms


def describe_error(error: BaseException) -> tuple[str, str, str]:
    """``(type name, where it was raised, message)`` of an analyzer's exception."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}" if frames else "?"
    return type(error).__name__, where, str(error)


#: A message sharing this many characters in a row with the text is taken to quote it.
QUOTE_CHARS = 12


def scrub(message: str, text: str) -> str:
    """``message``, unless it quotes ``text``: error messages end up in logs and caches."""
    message = message[:300]
    for start in range(max(0, len(message) - QUOTE_CHARS + 1)):
        if message[start : start + QUOTE_CHARS] in text:
            return "(message withheld: it quotes the text)"
    return message


def _copy(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """A deep copy of a validated, JSON-safe result (a JSON round trip: faster than deepcopy)."""
    return None if result is None else json.loads(json.dumps(result))
