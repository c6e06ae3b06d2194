"""slant's built-in satire analyzer: whole-piece satire and satirical passages."""

from slant import hookimpl

from slant_satire.analyzer import SatireAnalyzer

__all__ = ["SatireAnalyzer", "register_analyzers"]


@hookimpl
def register_analyzers(register) -> None:  # noqa: ANN001 - pluggy passes the core's callable
    """Register the satire analyzer."""
    register(SatireAnalyzer())
