"""Building an app's plugin manager: entry points loaded one by one, guarded.

Unlike a module-global manager, each app gets its own, so tests build apps
with exactly the plugins they want. A plugin that fails to import is logged
and reported, never fatal: one broken install must not keep the server down.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import entry_points

import pluggy

from slant import hookspecs

ENTRY_POINT_GROUP = "slant"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PluginOrigin:
    """Where a registered plugin came from, for ``slant plugins`` and the API."""

    name: str
    distribution: str
    version: str | None
    module: str


@dataclass(frozen=True)
class LoadFailure:
    """A plugin or analyzer that could not be loaded, and why."""

    name: str
    error: str


@dataclass
class LoadedPlugins:
    manager: pluggy.PluginManager
    origins: dict[str, PluginOrigin] = field(default_factory=dict)
    failures: list[LoadFailure] = field(default_factory=list)


def build_plugin_manager(
    *,
    plugins: Iterable[object] = (),
    load_entrypoints: bool = True,
    allow: Iterable[str] = (),
    block: Iterable[str] = (),
    trace: bool = False,
) -> LoadedPlugins:
    """A new plugin manager with the ``slant`` entry points and ``plugins`` registered.

    :param plugins: extra plugin objects (modules, instances) to register, as tests do.
    :param allow: when not empty, load only the entry points with these names.
    :param block: entry-point names never to load (``pm.set_blocked``).
    """
    manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    loaded = LoadedPlugins(manager)
    allowed, blocked = set(allow), set(block)
    for name in blocked:
        manager.set_blocked(name)
    if load_entrypoints:
        for entry_point in entry_points(group=ENTRY_POINT_GROUP):
            if (allowed and entry_point.name not in allowed) or entry_point.name in blocked:
                continue
            if manager.has_plugin(entry_point.name):
                continue
            try:
                module = entry_point.load()
                manager.register(module, name=entry_point.name)
            except Exception as error:  # a broken plugin must not stop the server
                message = f"{type(error).__name__}: {error}"
                log.warning(
                    "plugin %r (%s) failed to load: %s",
                    entry_point.name,
                    entry_point.value,
                    message,
                )
                loaded.failures.append(LoadFailure(entry_point.name, message))
                continue
            dist = entry_point.dist
            loaded.origins[entry_point.name] = PluginOrigin(
                name=entry_point.name,
                distribution=dist.name if dist else entry_point.name,
                version=dist.version if dist else None,
                module=entry_point.value,
            )
    for plugin in plugins:
        if manager.is_registered(plugin):
            # Already loaded through its entry point (`slant plugins check --plugin` on an
            # installed plugin, or an .egg-info in the current folder): once is enough.
            continue
        # Modules are named by their dotted name, other objects by their class.
        module = getattr(plugin, "__name__", None) or type(plugin).__name__
        name = module if not manager.has_plugin(module) else f"{module}-{id(plugin)}"
        if manager.register(plugin, name=name) is None:
            continue
        loaded.origins[name] = PluginOrigin(
            name=name, distribution=module, version=None, module=module
        )
    _drop_unknown_hooks(loaded)
    if trace:
        manager.trace.root.setwriter(log.info)
        manager.enable_tracing()
    return loaded


def _drop_unknown_hooks(loaded: LoadedPlugins) -> None:
    """Unregister plugins that implement hooks slant does not have (often a typo)."""
    while True:
        try:
            loaded.manager.check_pending()
            return
        except pluggy.PluginValidationError as error:
            name = loaded.manager.get_name(error.plugin) or repr(error.plugin)
            log.warning("plugin %r skipped: %s", name, error)
            loaded.manager.unregister(error.plugin)
            loaded.origins.pop(name, None)
            loaded.failures.append(LoadFailure(name, str(error)))
