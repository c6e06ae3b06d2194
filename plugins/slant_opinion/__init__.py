"""slant's built-in opinion analyzer: is each sentence the author's opinion or a fact?"""

from collections.abc import Callable

from slant import Analyzer, hookimpl

from slant_opinion.analyzer import OpinionAnalyzer


@hookimpl
def register_analyzers(register: Callable[[Analyzer], None]) -> None:
    """Register the ``opinion`` analyzer; its model loads later, in ``setup``."""
    register(OpinionAnalyzer())
