"""The slant plugin API. These docstrings are the plugin author's reference.

A plugin is a module (or any object) with functions decorated with
``@slant.hookimpl`` and named after a hook below. It is found through the
``slant`` entry-point group of an installed distribution::

    [project.entry-points.slant]
    hedging = "slant_hedging"

slant's own analyzers (opinion, sources, satire) are plugins loaded exactly
this way, so everything they do, yours can do too.
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

from slant.analyzer import Analyzer

hookspec = pluggy.HookspecMarker("slant")
hookimpl = pluggy.HookimplMarker("slant")


@hookspec
def register_analyzers(register: Callable[[Analyzer], None]) -> None:
    """Register the analyzers this plugin provides.

    :param register: call it once per analyzer instance, ``register(MyAnalyzer())``.
        The core checks the analyzer (a non-empty lower-case ``name`` that no other
        plugin took, an ``analyze`` method, declared ``labels``); a bad one is
        skipped with a warning that names your plugin, and the server starts
        without it.

    The hook runs once for each app the server builds, so every app (and every
    test) gets its own analyzer instances. Keep the work here light: load
    models in :meth:`slant.analyzer.Analyzer.setup`, which the core calls next
    with the operator's settings.

    Example::

        from slant import Analyzer, AnalyzerResult, Annotation, hookimpl

        class Shouting(Analyzer):
            name = "shouting"
            version = "0.1.0"
            description = "Marks sentences written in capitals."
            labels = ("shouting",)

            def analyze(self, document):
                marks = [
                    Annotation(s.start, s.end, "shouting", 1.0, "All in capitals.")
                    for s in document.sentences
                    if document.quote(s).isupper()
                ]
                return AnalyzerResult(
                    summary={"headline": f"{len(marks)} shouted sentences",
                             "label": "shouting" if marks else "calm",
                             "score": len(marks) / max(1, len(document.sentences))},
                    annotations=marks,
                )

        @hookimpl
        def register_analyzers(register):
            register(Shouting())
    """
