"""A third-party plugin, installed from its own distribution, found through the entry point."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from slant.web.app import create_app

pytestmark = pytest.mark.slow

PYPROJECT = """
[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "slant-tiny-test-plugin"
version = "0.3.0"

[project.entry-points.slant]
tiny = "slant_tiny"
tiny_broken = "slant_tiny.broken"

[tool.setuptools]
packages = ["slant_tiny"]
"""

MODULE = """
from slant import Analyzer, AnalyzerResult, Annotation, hookimpl


class Exclaims(Analyzer):
    name = "exclaims"
    version = "0.3.0"
    description = "Marks sentences that end with an exclamation mark."
    labels = ("exclamation",)

    def analyze(self, document):
        marks = [
            Annotation(s.start, s.end, "exclamation", 1.0, "Ends with '!'.")
            for s in document.sentences
            if document.quote(s).endswith("!")
        ]
        return AnalyzerResult({"headline": f"{len(marks)} exclamations", "label": "loud" if marks else "calm", "score": 1.0 if marks else 0.0}, marks)


@hookimpl
def register_analyzers(register):
    register(Exclaims())
"""


@pytest.fixture(scope="module")
def installed_plugin(tmp_path_factory):
    root = tmp_path_factory.mktemp("slant-tiny")
    (root / "pyproject.toml").write_text(PYPROJECT)
    package = root / "slant_tiny"
    package.mkdir()
    (package / "__init__.py").write_text(MODULE)
    (package / "broken.py").write_text("import a_module_that_does_not_exist  # noqa\n")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--no-deps", "--no-build-isolation", str(root)], check=True)
    try:
        yield
    finally:
        subprocess.run([*pip, "uninstall", "-y", "slant-tiny-test-plugin"], check=True)


def test_installed_plugin_is_discovered_and_runs(installed_plugin):
    app = create_app({"TESTING": True, "LOAD_PLUGINS": "tiny,tiny_broken"}, env={})
    listed = {a["name"]: a for a in app.test_client().get("/api/v1/analyzers").get_json()}
    assert listed["exclaims"]["plugin"] == "slant-tiny-test-plugin"
    body = (
        app.test_client().post("/api/v1/analyze", json={"text": "Calm here. Loud here!"}).get_json()
    )
    result = body["results"]["exclaims"]
    assert result["status"] == "ok"
    assert [a["quote"] for a in result["annotations"]] == ["Loud here!"]


def test_a_plugin_that_fails_to_import_is_reported_not_fatal(installed_plugin, caplog):
    app = create_app({"TESTING": True, "LOAD_PLUGINS": "tiny,tiny_broken"}, env={})
    failures = {f.name: f.error for f in app.extensions["slant"].failures}
    assert "ModuleNotFoundError" in failures["tiny_broken"]
    assert "tiny_broken" in caplog.text and "failed to load" in caplog.text
    assert "exclaims" in app.extensions["slant"].analyzers


def test_slant_plugins_lists_it_with_its_distribution(installed_plugin):
    out = subprocess.run(
        [sys.executable, "-m", "slant", "plugins", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    listing = json.loads(out.stdout)
    tiny = next(row for row in listing["analyzers"] if row["name"] == "exclaims")
    assert tiny["plugin"] == "slant-tiny-test-plugin" and tiny["builtin"] is False
    assert tiny["entry_point"] == "tiny = slant_tiny"
    assert any(f["name"] == "tiny_broken" for f in listing["failed"])
    assert not {"opinion", "sources", "satire"} & {row["name"] for row in listing["analyzers"]}


def test_blocked_plugins_are_not_loaded(installed_plugin):
    app = create_app({"TESTING": True, "BLOCK_PLUGINS": "tiny,tiny_broken"}, env={})
    assert "exclaims" not in app.extensions["slant"].analyzers
    assert not any(f.name == "tiny_broken" for f in app.extensions["slant"].failures)
