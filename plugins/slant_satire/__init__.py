"""slant's built-in satire analyzer: whole-piece satire and satirical passages."""

from collections.abc import Callable

from slant import Analyzer, hookimpl

from slant_satire.analyzer import SatireAnalyzer

__all__ = ["SatireAnalyzer", "register_analyzers"]


@hookimpl
def register_analyzers(register: Callable[[Analyzer], None]) -> None:
    """Register the satire analyzer."""
    register(SatireAnalyzer())
