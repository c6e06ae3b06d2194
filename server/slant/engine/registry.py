"""Collecting analyzers from plugins: named, checked, configured and set up.

Following llm's ``register_*`` style, plugins hand analyzer objects to a
``register`` callback and the host owns naming, duplicates and validation.
Each plugin's hook is called on its own so every analyzer records the plugin
it came from and one plugin's failure stays its own.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from slant.analyzer import Analyzer, Setting
from slant.config import parse_bool
from slant.engine.plugins import LoadedPlugins, LoadFailure, PluginOrigin
from slant.naming import ANALYZER_NAME_RULE, analyzer_setting_env, is_analyzer_name

_SETTING_TYPES = (str, int, float, bool)
log = logging.getLogger(__name__)


class OverdueCalls:
    """The threads of an analyzer's calls that outran their deadline and still run.

    Python cannot kill a thread, so the runner keeps count: an analyzer that keeps
    hanging is not started again while too many of its calls are still stuck.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._threads: set[threading.Thread] = set()

    def add(self, thread: threading.Thread) -> None:
        with self._lock:
            self._threads.add(thread)

    def count(self) -> int:
        """How many are still running (finished ones are forgotten)."""
        with self._lock:
            self._threads = {t for t in self._threads if t.is_alive()}
            return len(self._threads)


@dataclass(frozen=True)
class RegisteredAnalyzer:
    """An analyzer ready to run, with the plugin it came from and its settings."""

    analyzer: Analyzer
    origin: PluginOrigin
    settings: Mapping[str, Any]
    overdue: OverdueCalls = field(default_factory=OverdueCalls, compare=False, repr=False)

    @property
    def name(self) -> str:
        return self.analyzer.name

    @property
    def model_card(self) -> str | None:
        """Where a reader finds the model card: the analyzer's URL, or the server's copy of its file."""
        declared = getattr(self.analyzer, "model_card", None)
        if declared:
            return declared
        if getattr(self.analyzer, "model_card_file", None):
            return model_card_path(self.analyzer.name)
        return None


def model_card_path(analyzer_name: str) -> str:
    """The server path that serves an analyzer's packaged model card."""
    return f"/docs/analyzers/{analyzer_name}/model-card.md"


def collect_analyzers(
    loaded: LoadedPlugins,
    *,
    enabled: Iterable[str] = (),
    disabled: Iterable[str] = (),
    plugin_settings: Mapping[str, Mapping[str, Any]] | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[dict[str, RegisteredAnalyzer], list[LoadFailure]]:
    """Every valid, enabled analyzer by name, and what failed on the way."""
    env = os.environ if env is None else env
    wanted, unwanted = set(enabled), set(disabled)
    analyzers: dict[str, RegisteredAnalyzer] = {}
    failures: list[LoadFailure] = []
    manager = loaded.manager
    trace = manager.trace.root.get("hook")
    for impl in manager.hook.register_analyzers.get_hookimpls():
        plugin_name = impl.plugin_name
        origin = loaded.origins.get(plugin_name) or PluginOrigin(
            plugin_name, plugin_name, None, plugin_name
        )
        offered: list[Any] = []
        # One plugin at a time (not one pluggy call for all), so each analyzer keeps the
        # plugin it came from and one plugin's exception stays its own; the calls go to
        # pluggy's hook tracer, which writes them when SLANT_TRACE_PLUGINS is on.
        trace(f"register_analyzers [plugin {plugin_name!r}]")
        try:
            impl.function(register=offered.append)
        except Exception as error:
            trace(f"register_analyzers [plugin {plugin_name!r}] raised {_describe(error)}")
            failures.append(_fail(plugin_name, f"register_analyzers raised {_describe(error)}"))
            continue
        trace(
            f"register_analyzers [plugin {plugin_name!r}] registered "
            f"{[getattr(a, 'name', a) for a in offered]}"
        )
        for analyzer in offered:
            problem = _problem_with(analyzer, analyzers)
            if problem:
                failures.append(_fail(plugin_name, problem))
                continue
            if (wanted and analyzer.name not in wanted) or analyzer.name in unwanted:
                continue
            try:
                settings = _resolve_settings(analyzer, plugin_settings or {}, env)
                analyzer.setup(settings)
            except Exception as error:
                failures.append(_fail(analyzer.name, f"setup failed: {_describe(error)}"))
                continue
            analyzers[analyzer.name] = RegisteredAnalyzer(analyzer, origin, settings)
    for name in wanted - analyzers.keys():
        if not any(f.name == name for f in failures):
            failures.append(_fail(name, "enabled in ANALYZERS but no plugin registered it"))
    return analyzers, failures


def _problem_with(analyzer: Any, taken: Mapping[str, RegisteredAnalyzer]) -> str | None:
    name = getattr(analyzer, "name", None)
    if not is_analyzer_name(name):
        return (
            f"analyzer {analyzer!r} needs a name of {ANALYZER_NAME_RULE} characters, got {name!r}"
        )
    if name in taken:
        return f"analyzer name {name!r} is already taken by plugin {taken[name].origin.name!r}"
    if not callable(getattr(analyzer, "analyze", None)):
        return f"analyzer {name!r} has no analyze(document) method"
    if not callable(getattr(analyzer, "setup", None)):
        return f"analyzer {name!r} has no setup(settings) method (subclass slant.Analyzer)"
    labels = getattr(analyzer, "labels", None)
    if not labels or isinstance(labels, str) or not all(isinstance(x, str) for x in labels):
        return f"analyzer {name!r} must declare its labels as a list of strings"
    if not isinstance(getattr(analyzer, "version", None), str):
        return f"analyzer {name!r} needs a version string"
    depends_on = getattr(analyzer, "depends_on", ())
    if isinstance(depends_on, str) or not all(isinstance(x, str) for x in depends_on):
        return f"analyzer {name!r} must declare depends_on as a list of analyzer names"
    for setting in getattr(analyzer, "settings", ()):
        if not isinstance(setting, Setting) or setting.type not in _SETTING_TYPES:
            return f"analyzer {name!r}: settings must be slant.Setting of type str, int, float or bool, got {setting!r}"
    return None


def _resolve_settings(
    analyzer: Analyzer, configured: Mapping[str, Mapping[str, Any]], env: Mapping[str, str]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    from_config = configured.get(analyzer.name, {})
    for setting in getattr(analyzer, "settings", ()):
        variable = analyzer_setting_env(analyzer.name, setting.name)
        if variable in env:
            values[setting.name] = _convert(setting, env[variable], variable)
        elif setting.name in from_config:
            values[setting.name] = _convert(setting, from_config[setting.name], setting.name)
        else:
            values[setting.name] = setting.default
    return values


def _convert(setting: Setting, value: Any, source: str) -> Any:
    try:
        return parse_bool(value) if setting.type is bool else setting.type(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{source}={value!r} is not a valid {setting.type.__name__}") from error


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _fail(name: str, message: str) -> LoadFailure:
    log.warning("analyzer %r skipped: %s", name, message)
    return LoadFailure(name, message)
