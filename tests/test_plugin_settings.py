"""Plugin settings: declared by the analyzer, read from the environment or config, described."""

from __future__ import annotations

import pytest
from slant import Analyzer, AnalyzerResult, Setting, hookimpl
from slant.testing import plugin_of


class Configurable(Analyzer):
    name = "configurable"
    version = "1.0.0"
    description = "Reports the settings it was given."
    labels = ("x",)
    settings = (
        Setting("threshold", float, 0.5, "Score above which a sentence is marked."),
        Setting("strict", bool, False, "Mark borderline cases too."),
        Setting("max-marks", int, 10, "Marks at most this many sentences."),
        Setting("words", str, "perhaps,maybe", "Comma-separated words to look for."),
    )

    def analyze(self, document):
        return AnalyzerResult(
            {"headline": repr(self.config), "label": "x", "score": self.config["threshold"]}
        )


def described_settings(app) -> dict[str, dict]:
    listed = {a["name"]: a for a in app.test_client().get("/api/v1/analyzers").get_json()}
    return {s["name"]: s for s in listed["configurable"]["settings"]}


def test_defaults_apply_and_are_described(app_with_plugins):
    app = app_with_plugins(plugin_of(Configurable))
    settings = described_settings(app)
    assert settings["threshold"] == {
        "name": "threshold",
        "type": "float",
        "default": 0.5,
        "description": "Score above which a sentence is marked.",
        "env": "SLANT_PLUGIN_CONFIGURABLE_THRESHOLD",
        "value": 0.5,
    }
    assert settings["max-marks"]["env"] == "SLANT_PLUGIN_CONFIGURABLE_MAX_MARKS"
    assert {name: s["value"] for name, s in settings.items()} == {
        "threshold": 0.5,
        "strict": False,
        "max-marks": 10,
        "words": "perhaps,maybe",
    }


def test_environment_variables_are_converted_to_the_declared_type(app_with_plugins):
    app = app_with_plugins(
        plugin_of(Configurable),
        env={
            "SLANT_PLUGIN_CONFIGURABLE_THRESHOLD": "0.8",
            "SLANT_PLUGIN_CONFIGURABLE_STRICT": "yes",
            "SLANT_PLUGIN_CONFIGURABLE_MAX_MARKS": "3",
        },
    )
    engine = app.extensions["slant"]
    assert engine.analyzers["configurable"].analyzer.config == {
        "threshold": 0.8,
        "strict": True,
        "max-marks": 3,
        "words": "perhaps,maybe",
    }
    result = app.test_client().post(
        "/api/v1/analyze", json={"text": "A sentence.", "analyzers": ["configurable"]}
    )
    assert result.get_json()["results"]["configurable"]["summary"]["score"] == 0.8


def test_config_plugin_settings_apply_and_the_environment_wins(app_with_plugins):
    app = app_with_plugins(
        plugin_of(Configurable),
        config={"PLUGIN_SETTINGS": {"configurable": {"threshold": 0.6, "words": "arguably"}}},
        env={"SLANT_PLUGIN_CONFIGURABLE_THRESHOLD": "0.9"},
    )
    values = {name: s["value"] for name, s in described_settings(app).items()}
    assert values["threshold"] == 0.9
    assert values["words"] == "arguably"


def test_settings_from_the_toml_file(app_with_plugins, tmp_path):
    config_file = tmp_path / "slant.toml"
    config_file.write_text('[plugins.configurable]\nmax-marks = 7\nstrict = "on"\n')
    app = app_with_plugins(plugin_of(Configurable), env={"SLANT_CONFIG": str(config_file)})
    values = {name: s["value"] for name, s in described_settings(app).items()}
    assert values["max-marks"] == 7 and values["strict"] is True


def test_a_bad_value_disables_only_that_analyzer_and_says_why(app_with_plugins):
    class Other(Configurable):
        name = "other"
        settings = ()

    app = app_with_plugins(
        plugin_of(Configurable, Other), env={"SLANT_PLUGIN_CONFIGURABLE_THRESHOLD": "high"}
    )
    engine = app.extensions["slant"]
    assert list(engine.analyzers) == ["other"]
    (failure,) = engine.failures
    assert failure.name == "configurable"
    assert "SLANT_PLUGIN_CONFIGURABLE_THRESHOLD='high' is not a valid float" in failure.error


@pytest.mark.parametrize(
    "settings",
    [("threshold",), (Setting("items", list, []),)],
    ids=["not a Setting", "unsupported type"],
)
def test_malformed_setting_declarations_are_refused_at_load(app_with_plugins, settings):
    class Malformed(Configurable):
        pass

    Malformed.settings = settings
    engine = app_with_plugins(plugin_of(Malformed)).extensions["slant"]
    assert engine.analyzers == {}
    assert "settings must be slant.Setting" in engine.failures[0].error


def test_secret_settings_are_masked_in_the_analyzers_listing(app_with_plugins):
    from slant import Analyzer, Setting

    class NeedsKey(Analyzer):
        name = "needs-key"
        version = "1.0.0"
        labels = ("x",)
        settings = (Setting("api_key", str, None, "The lookup service's key.", secret=True),)

    class Plugin:
        @hookimpl
        def register_analyzers(self, register):
            register(NeedsKey())

    app = app_with_plugins(Plugin(), env={"SLANT_PLUGIN_NEEDS_KEY_API_KEY": "hunter2"})
    assert app.extensions["slant"].analyzers["needs-key"].settings["api_key"] == "hunter2"
    listed = app.test_client().get("/api/v1/analyzers").get_json()[0]["settings"][0]
    assert listed["value"] == "****"
    assert "hunter2" not in app.test_client().get("/api/v1/analyzers").get_data(as_text=True)
