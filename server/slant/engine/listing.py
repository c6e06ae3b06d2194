"""One listing of analyzers for every place that shows them.

``GET /api/v1/analyzers`` and ``slant plugins`` print the same records, as
datasette's ``get_plugins()`` feeds both its CLI and ``/-/plugins.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slant.engine.plugins import LoadFailure
from slant.engine.registry import RegisteredAnalyzer
from slant.naming import analyzer_setting_env, shown

# The distribution the built-in analyzers ship in.
BUILTIN_DISTRIBUTION = "slant"


def describe_analyzer(registered: RegisteredAnalyzer) -> dict[str, Any]:
    """One analyzer: the contract's fields, then where it came from and its settings."""
    analyzer = registered.analyzer
    origin = registered.origin
    return {
        "name": analyzer.name,
        "version": analyzer.version,
        "plugin": origin.distribution,
        "description": analyzer.description,
        "labels": list(analyzer.labels),
        "languages": list(analyzer.languages),
        "depends_on": list(getattr(analyzer, "depends_on", ())),
        "model_card": registered.model_card,
        "plugin_version": origin.version,
        "entry_point": f"{origin.name} = {origin.module}",
        "builtin": origin.distribution == BUILTIN_DISTRIBUTION,
        "settings": [
            {
                "name": s.name,
                "type": s.type.__name__,
                "default": s.default,
                "description": s.description,
                "env": analyzer_setting_env(analyzer.name, s.name),
                "value": shown(registered.settings.get(s.name), secret=s.secret),
            }
            for s in getattr(analyzer, "settings", ())
        ],
    }


def list_analyzers(
    analyzers: Mapping[str, RegisteredAnalyzer], *, include_builtin: bool = True
) -> list[dict[str, Any]]:
    """Every enabled analyzer, described; built-ins left out unless ``include_builtin``."""
    described = [describe_analyzer(registered) for registered in analyzers.values()]
    return [row for row in described if include_builtin or not row["builtin"]]


def list_failures(failures: list[LoadFailure]) -> list[dict[str, str]]:
    """Plugins and analyzers that could not be loaded, with why."""
    return [{"name": f.name, "error": f.error} for f in failures]
