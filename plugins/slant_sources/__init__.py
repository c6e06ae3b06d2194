"""slant's built-in sources analyzer: who is cited, as what, saying what."""

from __future__ import annotations

from collections.abc import Callable

from slant import Analyzer, hookimpl

from slant_sources.analyzer import SourcesAnalyzer

__all__ = ["SourcesAnalyzer", "register_analyzers"]


@hookimpl
def register_analyzers(register: Callable[[Analyzer], None]) -> None:
    """Register the sources analyzer with the core."""
    register(SourcesAnalyzer())
