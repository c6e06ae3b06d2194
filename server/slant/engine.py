"""The analysis engine an app owns: its plugins, its analyzers, one analyze().

The HTTP API and ``slant analyze`` both call :meth:`Engine.analyze`, so the
terminal and the wire always show the same result.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from slant import __version__
from slant.document import build_document
from slant.plugins import LoadFailure, build_plugin_manager
from slant.registry import collect_analyzers
from slant.runner import execution_order, run_analyzers


class UnknownAnalyzer(LookupError):
    """A request named analyzers that are not registered or not enabled."""

    def __init__(self, unknown: Sequence[str], available: Sequence[str]):
        self.unknown = list(unknown)
        self.available = list(available)
        super().__init__(
            f"unknown analyzer(s): {', '.join(self.unknown)}; available: {', '.join(self.available) or 'none'}"
        )


class Engine:
    """Plugins loaded and analyzers set up once; then any number of analyses."""

    def __init__(
        self,
        config: Mapping[str, Any],
        *,
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

    def describe(self) -> list[dict[str, Any]]:
        """The enabled analyzers, as ``GET /api/v1/analyzers`` lists them."""
        return [registered.describe() for registered in self.analyzers.values()]

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
    ) -> dict[str, Any]:
        """The full ``POST /api/v1/analyze`` response for ``text``."""
        started = time.perf_counter()
        wanted = self.select(analyzers)
        document = build_document(text, url=url, title=title)
        order = execution_order(wanted, self.analyzers)
        results = run_analyzers(document, order, self.analyzers, default_timeout=self.timeout)
        return {
            "slant_version": __version__,
            "elapsed_ms": round((time.perf_counter() - started) * 1000, 3),
            "text_length": len(text),
            "language": document.language,
            "sentences": [{"start": s.start, "end": s.end} for s in document.sentences],
            "paragraphs": [{"start": p.start, "end": p.end} for p in document.paragraphs],
            "results": {name: results[name] for name in wanted},
        }
