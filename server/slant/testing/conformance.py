"""``slant plugins check NAME``: run an analyzer over tricky texts and report what breaks.

The analyzer runs through the real :class:`~slant.engine.Engine`, with the
same containment, time limit and result validation as the server, so what
this reports is what a client would get. Per text it reports contract
violations (offsets, ``quote``, types, undeclared labels: found by the core's
own validation in :mod:`slant.engine.results`, then checked again from the client's
side with :func:`slant.testing.check_result`), exceptions with where they were
raised, timeouts, and latency.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from slant.config import load_config
from slant.engine import Engine
from slant.engine.listing import describe_analyzer
from slant.testing import check_result
from slant.testing.corpus import CorpusText, corpus

# The outcomes of one text; all but "ok" and "skipped" fail the check.
OK, SKIPPED, VIOLATION, EXCEPTION, TIMEOUT = "ok", "skipped", "violation", "exception", "timeout"
NOT_RUN = "not-run"
# A hanging analyzer costs the whole time limit per text: give up on it after this many.
MAX_TIMEOUTS = 3


@dataclass
class TextOutcome:
    """What happened to one corpus text."""

    text: str
    why: str
    length: int
    outcome: str
    elapsed_ms: float
    annotations: int
    problems: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.outcome not in (OK, SKIPPED)


@dataclass
class AnalyzerReport:
    """The conformance run of one analyzer."""

    analyzer: str
    plugin: str
    timeout_s: float
    texts: list[TextOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(t.failed for t in self.texts)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "failed": self.failed}


class NotFound(LookupError):
    """No installed analyzer, entry point or distribution has that name."""


def build_engine(
    *,
    plugin_modules: Sequence[str] = (),
    timeout: float | None = None,
    load_entrypoints: bool = True,
) -> Engine:
    """An engine with every installed plugin (so dependencies are there) plus ``plugin_modules``.

    The operator's ``SLANT_*`` settings apply, except those that would leave
    analyzers out: the check is about the plugin, not this machine's selection.
    """
    overrides: dict[str, Any] = {"ANALYZERS": (), "DISABLE_ANALYZERS": ()}
    if timeout is not None:
        overrides["ANALYZER_TIMEOUT"] = timeout
    modules = [importlib.import_module(name) for name in plugin_modules]
    return Engine(load_config(overrides), plugins=modules, load_entrypoints=load_entrypoints)


def analyzers_named(engine: Engine, name: str) -> list[str]:
    """The analyzers ``name`` refers to: an analyzer, or every analyzer of an entry point or distribution.

    Raises :class:`NotFound`, with the load failure when ``name`` failed to load.
    """
    if name in engine.analyzers:
        return [name]
    wanted = name.lower().replace("_", "-")
    matches = [
        registered.name
        for registered in engine.analyzers.values()
        if wanted
        in (
            registered.origin.name.lower().replace("_", "-"),
            registered.origin.distribution.lower().replace("_", "-"),
        )
    ]
    if matches:
        return matches
    failed = [f"{f.name}: {f.error}" for f in engine.failures if f.name == name]
    if failed:
        raise NotFound(f"{name} did not load: {'; '.join(failed)}")
    available = ", ".join(engine.analyzers) or "none"
    raise NotFound(f"no analyzer, entry point or distribution named {name!r}; loaded: {available}")


def check_analyzer(
    engine: Engine, name: str, texts: Iterable[CorpusText] | None = None
) -> AnalyzerReport:
    """Run analyzer ``name`` over ``texts`` (the shipped corpus by default) and report each."""
    registered = engine.analyzers[name]
    info = describe_analyzer(registered)
    timeout = registered.analyzer.timeout or engine.timeout
    report = AnalyzerReport(name, registered.origin.distribution, timeout)
    if not info["description"]:
        report.warnings.append("no description: GET /api/v1/analyzers shows an empty line")
    for item in corpus() if texts is None else texts:
        if sum(t.outcome == TIMEOUT for t in report.texts) >= MAX_TIMEOUTS:
            reason = f"not run: stopped after {MAX_TIMEOUTS} timeouts"
            report.texts.append(
                TextOutcome(item.name, item.why, len(item.text), NOT_RUN, 0.0, 0, [reason])
            )
            continue
        outcome = _run_text(engine, name, info, item)
        if outcome.outcome == OK and outcome.elapsed_ms > 500 * timeout:
            report.warnings.append(
                f"{item.name}: {outcome.elapsed_ms:.0f} ms is over half the {timeout:g} s time limit"
            )
        report.texts.append(outcome)
    return report


def _run_text(engine: Engine, name: str, info: dict[str, Any], item: CorpusText) -> TextOutcome:
    with _CapturedErrors() as errors:
        response = engine.analyze(item.text, analyzers=[name]).response
    result = response["results"][name]
    outcome = TextOutcome(
        text=item.name,
        why=item.why,
        length=len(item.text),
        outcome=OK,
        elapsed_ms=result["elapsed_ms"],
        annotations=len(result["annotations"]),
    )
    status = result["status"]
    if status == "timeout":
        outcome.outcome = TIMEOUT
        outcome.problems.append(result["error"])
    elif status == "skipped":
        outcome.outcome = SKIPPED
        outcome.problems.append(result["error"])
    elif status == "error" and errors.raised:
        outcome.outcome = EXCEPTION
        outcome.problems.append(result["error"])
        outcome.problems += errors.raised
    elif status == "error":
        outcome.outcome = VIOLATION
        outcome.problems.append(result["error"])
    problems = check_result(item.text, response, info, expect_ok=False)
    if problems and outcome.outcome == OK:
        outcome.outcome = VIOLATION
    outcome.problems += problems
    return outcome


class _CapturedErrors(logging.Handler):
    """Collects where an analyzer raised from the runner's log, and keeps it off the console."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.raised: list[str] = []
        self._logger = logging.getLogger("slant.engine.runner")

    def emit(self, record: logging.LogRecord) -> None:
        # The runner logs where an analyzer raised, never the exception (it may quote the text).
        where = getattr(record, "raised_at", None)
        if where:
            self.raised.append(f"raised at {where}")

    def __enter__(self) -> _CapturedErrors:
        self._propagate = self._logger.propagate
        self._logger.addHandler(self)
        self._logger.propagate = False
        return self

    def __exit__(self, *exc: object) -> None:
        self._logger.removeHandler(self)
        self._logger.propagate = self._propagate
