"""The register_analyzers hook: naming, duplicates, validation, enable/disable, load failures."""

from __future__ import annotations

import pytest
from slant import Analyzer, hookimpl

from plugins import misbehaving


class Named(Analyzer):
    version = "1.0.0"
    labels = ("x",)

    def __init__(self, name: str):
        self.name = name

    def analyze(self, document):  # pragma: no cover - not run here
        raise AssertionError


class TwoAnalyzers:
    @hookimpl
    def register_analyzers(self, register):
        register(Named("alpha"))
        register(Named("beta"))


class Duplicate:
    @hookimpl
    def register_analyzers(self, register):
        register(Named("alpha"))


class BadAnalyzers:
    @hookimpl
    def register_analyzers(self, register):
        register(Named("Not A Name"))
        register(object())
        nameless_labels = Named("no-labels")
        nameless_labels.labels = ()
        register(nameless_labels)


class RaisesInHook:
    @hookimpl
    def register_analyzers(self, register):
        raise ImportError("optional dependency missing")


class Typo:
    @hookimpl
    def register_analyser(self, register):  # British spelling: not a slant hook
        raise AssertionError


def analyzers_and_failures(app):
    engine = app.extensions["slant"]
    return set(engine.analyzers), {f"{f.name}: {f.error}" for f in engine.failures}


def test_hook_register_analyzers_collects_every_analyzer(app_with_plugins):
    names, failures = analyzers_and_failures(app_with_plugins(TwoAnalyzers()))
    assert names == {"alpha", "beta"} and not failures


def test_duplicate_names_keep_the_first(app_with_plugins):
    names, failures = analyzers_and_failures(app_with_plugins(TwoAnalyzers(), Duplicate()))
    assert names == {"alpha", "beta"}
    assert any("already taken" in error for error in failures)


def test_invalid_analyzers_are_skipped_with_a_reason(app_with_plugins):
    names, failures = analyzers_and_failures(app_with_plugins(BadAnalyzers(), TwoAnalyzers()))
    assert names == {"alpha", "beta"}
    messages = " | ".join(failures)
    assert "needs a name of lower-case letters" in messages
    assert "must declare its labels" in messages


def test_a_hook_that_raises_is_reported_and_others_load(app_with_plugins):
    names, failures = analyzers_and_failures(app_with_plugins(RaisesInHook(), TwoAnalyzers()))
    assert names == {"alpha", "beta"}
    assert any("ImportError: optional dependency missing" in e for e in failures)


def test_an_unknown_hook_is_refused_without_stopping_the_app(app_with_plugins):
    names, failures = analyzers_and_failures(app_with_plugins(Typo(), TwoAnalyzers()))
    assert names == {"alpha", "beta"}
    assert any("register_analyser" in e for e in failures)


def test_setup_failure_disables_only_that_analyzer(app_with_plugins):
    names, failures = analyzers_and_failures(app_with_plugins(misbehaving))
    assert "fails-setup" not in names and "sentences" in names
    assert "fails-setup: setup failed: OSError: weights.json not found" in failures


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"ANALYZERS": "alpha"}, {"alpha"}),
        ({"DISABLE_ANALYZERS": "alpha"}, {"beta"}),
        ({"ANALYZERS": ["alpha", "beta"], "DISABLE_ANALYZERS": ["beta"]}, {"alpha"}),
    ],
)
def test_analyzers_are_enabled_and_disabled_by_config(app_with_plugins, config, expected):
    app = app_with_plugins(TwoAnalyzers(), config=config)
    assert analyzers_and_failures(app)[0] == expected
    listed = {a["name"] for a in app.test_client().get("/api/v1/analyzers").get_json()}
    assert listed == expected


def test_a_disabled_analyzer_is_unknown_to_requests(app_with_plugins):
    api = app_with_plugins(TwoAnalyzers(), config={"DISABLE_ANALYZERS": "beta"}).test_client()
    response = api.post("/api/v1/analyze", json={"text": "Hi.", "analyzers": ["beta"]})
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "unknown_analyzer"


def test_enabling_a_missing_analyzer_is_reported(app_with_plugins):
    _, failures = analyzers_and_failures(
        app_with_plugins(TwoAnalyzers(), config={"ANALYZERS": "alpha,gamma"})
    )
    assert "gamma: enabled in ANALYZERS but no plugin registered it" in failures


def test_each_app_gets_its_own_analyzer_instances(app_with_plugins):
    first = app_with_plugins(TwoAnalyzers()).extensions["slant"].analyzers["alpha"].analyzer
    second = app_with_plugins(TwoAnalyzers()).extensions["slant"].analyzers["alpha"].analyzer
    assert first is not second


def test_trace_plugins_logs_each_plugins_hook_call(app_with_plugins, caplog):
    caplog.set_level("INFO", logger="slant.engine.plugins")
    app_with_plugins(TwoAnalyzers(), RaisesInHook(), config={"TRACE_PLUGINS": True})
    traced = [r.getMessage() for r in caplog.records if r.name == "slant.engine.plugins"]
    assert any("register_analyzers [plugin 'TwoAnalyzers']" in m for m in traced)
    assert any("registered ['alpha', 'beta']" in m for m in traced)
    assert any("raised ImportError: optional dependency missing" in m for m in traced)


def test_without_trace_plugins_no_hook_call_is_logged(app_with_plugins, caplog):
    caplog.set_level("DEBUG", logger="slant.engine.plugins")
    app_with_plugins(TwoAnalyzers())
    assert not [r for r in caplog.records if "register_analyzers [plugin" in r.getMessage()]
