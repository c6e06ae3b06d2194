"""The analysis engine an app owns: its plugins, its analyzers, one analyze().

The HTTP API and ``slant analyze`` both call :meth:`Engine.analyze`, so the
terminal and the wire always show the same result. The engine knows nothing
of Flask: it returns an :class:`Analysis` (the response and what happened on
the way), and only a view turns that into request state.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from slant import __version__
from slant.document import PageInfo, build_document
from slant.engine.cache import CACHEABLE, ResponseCache
from slant.engine.plugins import LoadFailure, build_plugin_manager
from slant.engine.registry import RegisteredAnalyzer, collect_analyzers
from slant.engine.runner import Limits, execution_order, run_analyzers
from slant.naming import server_setting_env


class UnknownAnalyzer(LookupError):
    """A request named analyzers that are not registered or not enabled."""

    def __init__(self, unknown: Sequence[str], available: Sequence[str]):
        self.unknown = list(unknown)
        self.available = list(available)
        super().__init__(
            f"unknown analyzer(s): {', '.join(self.unknown)}; available: {', '.join(self.available) or 'none'}"
        )


class TooMuchWork(ValueError):
    """A text over one of the server's work limits; ``limit`` names the setting."""

    def __init__(self, message: str, limit: str, maximum: int):
        super().__init__(message)
        self.limit = limit
        self.maximum = maximum


#: The last outcomes kept per analyzer; this many errors or timeouts in a row is "failing".
FAILING_AFTER = 3


def sentence_bound(text: str) -> int:
    """An upper bound on the sentences Punkt can find, counted in microseconds.

    Punkt splits only after ``.``, ``?`` or ``!``, and paragraphs only at line
    breaks, so their count bounds the sentences without segmenting.
    """
    return text.count(".") + text.count("?") + text.count("!") + text.count("\n") + 1


@dataclass(frozen=True)
class AnalysisNotes:
    """What one analysis did, for logs and metrics: never the text itself.

    ``text_sha256`` is a 12-character prefix, enough to tell two requests with the
    same text apart from others without being able to read it.
    """

    text_length: int
    text_sha256: str
    cache: str  # "hit", "miss" or "off"
    statuses: dict[str, str] = field(default_factory=dict)
    elapsed_ms: dict[str, float] = field(default_factory=dict)

    def as_log_fields(self) -> dict[str, Any]:
        return {
            "text_length": self.text_length,
            "text_sha256": self.text_sha256,
            "cache": self.cache,
            "analyzers": self.statuses,
            "analyzer_ms": self.elapsed_ms,
        }


@dataclass(frozen=True)
class Analysis:
    """The ``POST /api/v1/analyze`` response for one text, and notes on how it was made."""

    response: dict[str, Any]
    notes: AnalysisNotes


class Engine:
    """Plugins loaded and analyzers set up once; then any number of analyses.

    :param cache: where identical requests are answered from (see
        :mod:`slant.engine.cache`); ``None`` analyzes every request afresh.
    """

    def __init__(
        self,
        config: Mapping[str, Any],
        *,
        cache: ResponseCache | None = None,
        plugins: Iterable[object] = (),
        load_entrypoints: bool = True,
        env: Mapping[str, str] | None = None,
    ):
        self.config = config
        self.plugins = build_plugin_manager(
            plugins=plugins,
            load_entrypoints=load_entrypoints,
            allow=config.get("LOAD_PLUGINS", ()),
            block=config.get("BLOCK_PLUGINS", ()),
            trace=config.get("TRACE_PLUGINS", False),
        )
        self.analyzers, failures = collect_analyzers(
            self.plugins,
            enabled=config.get("ANALYZERS", ()),
            disabled=config.get("DISABLE_ANALYZERS", ()),
            plugin_settings=config.get("PLUGIN_SETTINGS"),
            env=env,
        )
        self.failures: list[LoadFailure] = [*self.plugins.failures, *failures]
        self.timeout = float(config.get("ANALYZER_TIMEOUT", 5.0))
        self.deadline = float(config.get("REQUEST_DEADLINE", 10.0))
        self.max_sentences = int(config.get("MAX_SENTENCES", 5000))
        self.max_annotations = int(config.get("MAX_ANNOTATIONS", 20_000))
        self.isolate = frozenset(config.get("ISOLATE_ANALYZERS", ()))
        self.recent: dict[str, deque[str]] = {
            name: deque(maxlen=FAILING_AFTER) for name in self.analyzers
        }
        self.cache = cache
        self.fingerprint = _fingerprint(self.analyzers)

    def failing(self) -> dict[str, str]:
        """Analyzers whose last runs in this process all failed, with their last status."""
        return {
            name: outcomes[-1]
            for name, outcomes in self.recent.items()
            if len(outcomes) == FAILING_AFTER and all(o in ("error", "timeout") for o in outcomes)
        }

    def select(self, names: Sequence[str] | None) -> list[str]:
        """The analyzers a request asked for (all when ``None``); raises :class:`UnknownAnalyzer`."""
        if names is None:
            return list(self.analyzers)
        unknown = [name for name in names if name not in self.analyzers]
        if unknown:
            raise UnknownAnalyzer(unknown, list(self.analyzers))
        return list(dict.fromkeys(names))

    def analyze(
        self,
        text: str,
        *,
        url: str | None = None,
        title: str | None = None,
        analyzers: Sequence[str] | None = None,
        page: PageInfo | None = None,
    ) -> Analysis:
        """Analyze ``text`` with the named analyzers (all when ``None``), or answer from the cache.

        ``page`` is what the page declares about itself (``Document.page``).

        Only responses in which every analyzer answered (``ok`` or ``skipped``) are
        cached: an error or a timeout is worth trying again.
        """
        names = self.select(analyzers)
        text_sha256 = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        key = hashlib.sha256(
            json.dumps([self.fingerprint, text_sha256, url, title, names, _page_key(page)]).encode()
        ).hexdigest()
        cached = self.cache.get(key) if self.cache is not None else None
        if cached is not None:
            response, cache = json.loads(cached), "hit"
        else:
            response = self._run(text, url=url, title=title, page=page, names=names)
            cache = "off" if self.cache is None else "miss"
            statuses = {r["status"] for r in response["results"].values()}
            if self.cache is not None and statuses <= CACHEABLE:
                self.cache.set(key, json.dumps(response, ensure_ascii=False).encode())
        results = response["results"]
        notes = AnalysisNotes(
            text_length=len(text),
            text_sha256=text_sha256[:12],
            cache=cache,
            statuses={n: r["status"] for n, r in results.items()},
            elapsed_ms={n: r["elapsed_ms"] for n, r in results.items()},
        )
        return Analysis(response, notes)

    def _run(
        self,
        text: str,
        *,
        url: str | None,
        title: str | None,
        page: PageInfo | None,
        names: list[str],
    ) -> dict[str, Any]:
        started = time.perf_counter()
        # Segmenting costs about 70 microseconds a sentence: refuse a text far over the
        # limit before doing it, and one over the limit before any analyzer runs.
        if sentence_bound(text) > 2 * self.max_sentences:
            raise self._too_many_sentences(None)
        document = build_document(text, url=url, title=title, page=page)
        if len(document.sentences) > self.max_sentences:
            raise self._too_many_sentences(len(document.sentences))
        order = execution_order(names, self.analyzers)
        limits = Limits(
            deadline=time.monotonic() + self.deadline,
            max_annotations=self.max_annotations,
            isolate=self.isolate,
        )
        results = run_analyzers(
            document, order, self.analyzers, default_timeout=self.timeout, limits=limits
        )
        for name, result in results.items():
            self.recent[name].append(result["status"])
        return {
            "slant_version": __version__,
            "elapsed_ms": round((time.perf_counter() - started) * 1000, 3),
            "text_length": len(text),
            "language": document.language,
            "sentences": [{"start": s.start, "end": s.end} for s in document.sentences],
            "paragraphs": [{"start": p.start, "end": p.end} for p in document.paragraphs],
            "results": {name: results[name] for name in names},
        }

    def _too_many_sentences(self, found: int | None) -> TooMuchWork:
        counted = f"{found:,} sentences" if found else "far more sentences than that"
        setting = server_setting_env("MAX_SENTENCES")
        return TooMuchWork(
            f"This server analyzes texts of at most {self.max_sentences:,} sentences "
            f"({setting}); this one has {counted}. Send a shorter text.",
            setting,
            self.max_sentences,
        )


def _page_key(page: PageInfo | None) -> list[Any] | None:
    """The page's declarations as part of the cache key: the same text filed elsewhere differs."""
    if not page:
        return None
    return [list(page.sections), list(page.types), list(page.tags), page.author_role]


def _fingerprint(analyzers: Mapping[str, RegisteredAnalyzer]) -> str:
    """What, besides the request, decides a response: slant and every analyzer's build."""
    parts = [
        [
            name,
            registered.analyzer.version,
            registered.origin.distribution,
            registered.origin.version,
            sorted((k, repr(v)) for k, v in registered.settings.items()),
        ]
        for name, registered in sorted(analyzers.items())
    ]
    return hashlib.sha256(json.dumps([__version__, parts]).encode()).hexdigest()
