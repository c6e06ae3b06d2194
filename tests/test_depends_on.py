"""depends_on: an analyzer reads another's result; the core orders them and runs each once."""

from __future__ import annotations

import types

from slant import Analyzer, AnalyzerResult, Annotation, testing

TEXT = "The first sentence. The second one is longer. A third."


class Counting(Analyzer):
    """Counts its own calls so tests can see each analyzer runs once per request."""

    calls = 0
    labels = ("x",)
    version = "1.0.0"

    def analyze(self, document):
        type(self).calls += 1
        return self.result(document)


class Sentences(Counting):
    name = "sentences"

    def result(self, document):
        marks = [Annotation(s.start, s.end, "x", 0.5) for s in document.sentences]
        return AnalyzerResult({"headline": "", "label": "x", "score": 1.0}, marks)


class Longest(Counting):
    """Reads the sentences' result and marks the longest one."""

    name = "longest"
    depends_on = ("sentences",)

    def result(self, document):
        upstream = document.result_of("sentences")
        if upstream is None or upstream["status"] != "ok":
            return AnalyzerResult({"headline": "no input", "label": "none", "score": 0.0})
        spans = upstream["annotations"]
        best = max(spans, key=lambda a: a["end"] - a["start"])
        upstream["annotations"].append({"start": 0, "end": 10**6, "label": "tampered"})
        return AnalyzerResult(
            {"headline": best["quote"], "label": "x", "score": 1.0},
            [Annotation(best["start"], best["end"], "x")],
        )


class Sneaky(Counting):
    """Reads a result it did not declare."""

    name = "sneaky"

    def result(self, document):
        document.result_of("sentences")
        raise AssertionError("unreachable")


class ChickenA(Counting):
    name = "chicken-a"
    depends_on = ("chicken-b",)

    def result(self, document):
        other = document.result_of("chicken-b")
        return AnalyzerResult({"headline": repr(other is None), "label": "x", "score": 0.0})


class ChickenB(ChickenA):
    name = "chicken-b"
    depends_on = ("chicken-a",)

    def result(self, document):
        other = document.result_of("chicken-a")
        return AnalyzerResult({"headline": repr(other is None), "label": "x", "score": 0.0})


def plugin_of(*analyzers: type[Analyzer]) -> types.ModuleType:
    for analyzer in analyzers:
        analyzer.calls = 0
    return testing.plugin_of(*analyzers, name="dependency_plugin")


def analyze(app, **body) -> dict:
    response = app.test_client().post("/api/v1/analyze", json={"text": TEXT, **body})
    assert response.status_code == 200
    return response.get_json()["results"]


def test_a_dependency_runs_first_and_once_even_when_registered_after(app_with_plugins):
    app = app_with_plugins(plugin_of(Longest, Sentences))
    results = analyze(app)
    assert results["longest"]["status"] == "ok"
    assert results["longest"]["summary"]["headline"] == "The second one is longer."
    assert Sentences.calls == 1 and Longest.calls == 1


def test_a_dependency_not_requested_runs_but_is_not_returned(app_with_plugins):
    app = app_with_plugins(plugin_of(Sentences, Longest))
    results = analyze(app, analyzers=["longest"])
    assert list(results) == ["longest"]
    assert results["longest"]["status"] == "ok"
    assert Sentences.calls == 1


def test_a_dependent_cannot_alter_the_dependency_s_wire_result(app_with_plugins):
    app = app_with_plugins(plugin_of(Sentences, Longest))
    results = analyze(app)
    labels = {a["label"] for a in results["sentences"]["annotations"]}
    assert labels == {"x"}
    assert len(results["sentences"]["annotations"]) == 3


def test_a_disabled_dependency_reads_as_none(app_with_plugins):
    app = app_with_plugins(plugin_of(Sentences, Longest), config={"DISABLE_ANALYZERS": "sentences"})
    results = analyze(app)
    assert results["longest"]["summary"]["headline"] == "no input"
    assert Sentences.calls == 0


def test_reading_an_undeclared_result_is_an_error_in_that_analyzer_only(app_with_plugins):
    app = app_with_plugins(plugin_of(Sentences, Sneaky))
    results = analyze(app)
    assert results["sneaky"]["status"] == "error"
    assert "declare it in depends_on" in results["sneaky"]["error"]
    assert results["sentences"]["status"] == "ok"


def test_a_cycle_is_broken_and_both_still_answer(app_with_plugins):
    app = app_with_plugins(plugin_of(ChickenA, ChickenB))
    results = analyze(app)
    assert results["chicken-a"]["status"] == results["chicken-b"]["status"] == "ok"
    headlines = sorted(r["summary"]["headline"] for r in results.values())
    assert headlines == ["False", "True"]  # one saw the other's result, one got None
    assert ChickenA.calls == 1 and ChickenB.calls == 1


def test_depends_on_is_described_and_a_string_is_refused(app_with_plugins):
    class Misdeclared(Sentences):
        name = "misdeclared"
        depends_on = "sentences"

    app = app_with_plugins(plugin_of(Sentences, Longest, Misdeclared))
    listed = {a["name"]: a for a in app.test_client().get("/api/v1/analyzers").get_json()}
    assert listed["longest"]["depends_on"] == ["sentences"]
    assert "misdeclared" not in listed
    assert any("depends_on" in f.error for f in app.extensions["slant"].failures)
