"""The docs stay in step with the code: docs/plugins.md's hooks, reference and runnable
examples, self-hosting's settings, and every relative link in the Markdown a reader follows."""

from __future__ import annotations

import dataclasses
import inspect
import json
import re
import sys
import types
from pathlib import Path

import pytest
from slant import hookspecs, testing
from slant.analyzer import Analyzer, AnalyzerResult, Annotation, Setting
from slant.config import SETTINGS
from slant.document import Document
from slant.naming import analyzer_setting_env

ROOT = Path(__file__).resolve().parents[1]
PLUGINS_MD = ROOT / "docs" / "plugins.md"
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


def test_every_setting_self_hosting_names_exists():
    """The reverse of test_hardening's check: no documented variable the server ignores."""
    import slant_opinion
    import slant_satire
    import slant_sources

    analyzers: list[Analyzer] = []
    for plugin in (slant_opinion, slant_satire, slant_sources):
        plugin.register_analyzers(analyzers.append)
    known = {spec.env for spec in SETTINGS} | {"SLANT_CONFIG"}
    known |= {analyzer_setting_env(a.name, s.name) for a in analyzers for s in a.settings}
    text = (ROOT / "docs" / "self-hosting.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(SLANT_[A-Z0-9_]+)", text)) - {"SLANT_PLUGIN_"}
    assert named - known == set()


def _anchors(markdown: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"^#+ (.*)$", markdown, re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


READER_MARKDOWN = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").glob("*.md")),
    *sorted(ROOT.glob("plugins/*/model-card.md")),
    *sorted(ROOT.glob("examples/*/README.md")),
    ROOT / "extension" / "PRIVACY.md",
    ROOT / "tests" / "fixtures" / "pages" / "README.md",
]


@pytest.mark.parametrize("page", READER_MARKDOWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page):
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    broken = []
    for link in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z][a-z0-9+.-]*:", link):
            continue
        path, _, fragment = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists() or (
            fragment
            and target.suffix == ".md"
            and fragment not in _anchors(target.read_text(encoding="utf-8"))
        ):
            broken.append(link)
    assert broken == []


def _analyze_examples(page: Path) -> list[tuple[dict, object]]:
    """Each ``curl ... /api/v1/analyze -d '...'`` of a doc: its body, and the JSON the doc
    prints after a ``$ curl`` command (``None`` for a bare command)."""
    examples = []
    for block in re.findall(r"```sh\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
        for command in re.split(r"^(?=\$? ?curl )", block, flags=re.M):
            body = re.search(r"-d '(.*?)'", command, re.S)
            if "/api/v1/analyze" not in command.split("\n")[0] or not body:
                continue
            shown = command[body.end() :].strip() if command.startswith("$") else ""
            examples.append((json.loads(body[1]), json.loads(shown) if shown else None))
    return examples


def _keys(value: object) -> object:
    """The shape of a JSON value: its object keys, recursively (first item of a list)."""
    if isinstance(value, dict):
        return {key: _keys(item) for key, item in value.items() if key != "data"}
    if isinstance(value, list):
        return [_keys(value[0])] if value and isinstance(value[0], dict) else []
    return None


@pytest.mark.parametrize("name", ["docs/api.md", "docs/quickstart.md", "README.md"])
def test_the_analyze_examples_answer_as_documented(name, builtin_app):
    """Every analyze curl body is valid; a printed error is the server's, field for field."""
    examples = _analyze_examples(ROOT / name)
    assert examples
    client = builtin_app.test_client()
    for body, shown in examples:
        response = client.post("/api/v1/analyze", json=body)
        if shown is not None:
            assert response.get_json() == shown
        else:
            assert response.status_code == 200, (body, response.get_json())
            if body.get("page", {}).get("sections") == ["Opinion"]:
                summary = response.get_json()["results"]["opinion"]["summary"]
                assert summary["genre_filed_as"] == "section 'Opinion'"


def test_the_documented_response_has_the_real_shape(builtin_app):
    """api.md's response example: the same fields as the real answer to its first example."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = json.loads(re.search(r"```json\n(\{\n  \"slant_version\".*?)```", text, re.S)[1])
    body, _ = _analyze_examples(ROOT / "docs" / "api.md")[0]
    real = builtin_app.test_client().post("/api/v1/analyze", json=body).get_json()
    assert _keys(documented) == _keys(real)
    for name, result in documented["results"].items():
        assert result["analyzer"]["version"] == real["results"][name]["analyzer"]["version"]
        # What a reader reads off the example is the server's; scores may drift in the last digits.
        assert result["summary"]["headline"] == real["results"][name]["summary"]["headline"]
        assert result["summary"]["label"] == real["results"][name]["summary"]["label"]
        assert [(a["quote"], a["label"], a["explanation"]) for a in result["annotations"]] == [
            (a["quote"], a["label"], a["explanation"]) for a in real["results"][name]["annotations"]
        ]


def test_the_documented_analyzers_entry_is_the_real_one(client):
    """api.md's GET /api/v1/analyzers example is opinion's entry, field for field."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    (documented,) = json.loads(
        re.search(r"```json\n(\[\{\"name\": \"opinion\".*?)```", text, re.S)[1]
    )
    real = {entry["name"]: entry for entry in client.get("/api/v1/analyzers").get_json()}
    assert documented == real["opinion"]
