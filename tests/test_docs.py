"""docs/plugins.md stays in step with the code: hooks, reference, and runnable examples."""

from __future__ import annotations

import dataclasses
import inspect
import re
import sys
import types
from pathlib import Path

import pytest
from slant import hookspecs, testing
from slant.analyzer import Analyzer, AnalyzerResult, Annotation, Setting
from slant.document import Document

PLUGINS_MD = Path(__file__).resolve().parents[1] / "docs" / "plugins.md"
DOC = PLUGINS_MD.read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", DOC, re.DOTALL)


def hookspec_functions() -> list[types.FunctionType]:
    return [
        function
        for _, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, "slant_spec")
    ]


def signature_as_written(function: types.FunctionType) -> str:
    """``name(arg: Type) -> Return`` from the source's own annotation strings."""
    parameters = ", ".join(
        f"{p.name}: {p.annotation}" for p in inspect.signature(function).parameters.values()
    )
    return f"{function.__name__}({parameters}) -> {inspect.signature(function).return_annotation}"


@pytest.mark.parametrize("hook", hookspec_functions(), ids=lambda f: f.__name__)
def test_every_hook_is_documented_with_its_signature_and_summary(hook):
    assert f"### `{signature_as_written(hook)}`" in DOC
    summary = inspect.getdoc(hook).split("\n\n")[0].replace("\n", " ")
    assert summary in DOC


def test_no_documented_hook_is_missing_from_the_hookspecs():
    documented = set(re.findall(r"^### `(\w+)\(", DOC[DOC.index("## Hook reference") :], re.M))
    documented -= {name for name in documented if name[0].isupper()}
    assert documented == {hook.__name__ for hook in hookspec_functions()}


def test_every_analyzer_attribute_and_method_is_documented():
    attributes = [name for name in vars(Analyzer) if not name.startswith("_")]
    for name in attributes:
        if callable(getattr(Analyzer, name)):
            assert f"**`{name}(" in DOC, name
        else:
            assert f"| `{name}` |" in DOC, name


def test_every_document_field_and_method_is_documented():
    for field in dataclasses.fields(Document):
        if not field.name.startswith("_"):
            assert f"| `{field.name}` |" in DOC, field.name
    for name, member in vars(Document).items():
        if callable(member) and not name.startswith("_"):
            assert f"**`{name}(" in DOC, name


@pytest.mark.parametrize("cls", [Setting, AnalyzerResult, Annotation], ids=lambda c: c.__name__)
def test_constructor_lines_name_every_field(cls):
    line = re.search(rf"^`{cls.__name__}\((.*?)\)`", DOC, re.M)
    assert line, f"no `{cls.__name__}(...)` line"
    assert [f.name for f in dataclasses.fields(cls)] == [
        part.split("=")[0].strip() for part in line.group(1).split(",")
    ]


@pytest.mark.parametrize("name", testing.__all__)
def test_every_testing_helper_is_documented_with_its_parameters(name):
    section = DOC[DOC.index("### `slant.testing`") : DOC.index("## Containment")]
    entry = re.search(rf"\*\*`{name}\((.*?)\)`\*\*", section)
    assert entry, name
    for parameter in inspect.signature(getattr(testing, name)).parameters.values():
        assert parameter.name in entry.group(1), (name, parameter.name)


def test_python_examples_compile():
    assert PYTHON_BLOCKS
    for block in PYTHON_BLOCKS:
        compile(block, str(PLUGINS_MD), "exec")


def test_the_tutorial_plugin_and_its_tests_run(monkeypatch):
    (plugin_source,) = [b for b in PYTHON_BLOCKS if "def register_analyzers" in b]
    plugin = types.ModuleType("slant_loaded_language")
    exec(compile(plugin_source, "slant_loaded_language", "exec"), plugin.__dict__)
    monkeypatch.setitem(sys.modules, "slant_loaded_language", plugin)
    tests = [b for b in PYTHON_BLOCKS if "def test_" in b]
    assert len(tests) == 2
    for source in tests:
        namespace: dict = {}
        exec(compile(source, str(PLUGINS_MD), "exec"), namespace)
        for name, function in namespace.items():
            if name.startswith("test_"):
                function()


def test_the_dependency_example_reads_opinion(monkeypatch):
    (source,) = [b for b in PYTHON_BLOCKS if "depends_on" in b]
    namespace: dict = {}
    exec(compile(source, str(PLUGINS_MD), "exec"), namespace)
    analyzer = namespace["OpinionatedSources"]()

    class Opinion(Analyzer):
        name, version, labels = "opinion", "1", ("opinion", "fact")

        def analyze(self, document):
            return AnalyzerResult(
                {"headline": "", "label": "opinion", "score": 0.5},
                [Annotation(s.start, s.end, "opinion", 0.9) for s in document.sentences],
            )

    plugin = types.SimpleNamespace(
        register_analyzers=hookspecs.hookimpl(
            lambda register: [register(Opinion()), register(analyzer)]
        )
    )
    app = testing.build_app(plugin)
    result = testing.analyze(app, "One view. Another view.", "opinionated-sources")
    assert result["summary"]["headline"] == "2 opinion sentences"
