"""Analyzers that misbehave in every way the core must contain."""

from __future__ import annotations

import threading

from slant import Analyzer, AnalyzerResult, Annotation, hookimpl

RELEASE = threading.Event()


class Sentences(Analyzer):
    """A well-behaved analyzer: marks every sentence, so tests can see it still answers."""

    name = "sentences"
    version = "1.0.0"
    description = "Marks every sentence."
    labels = ("sentence",)

    def analyze(self, document):
        marks = [
            Annotation(s.start, s.end, "sentence", 1.0, "A sentence.") for s in document.sentences
        ]
        return AnalyzerResult(
            {"headline": f"{len(marks)} sentences", "label": "ok", "score": 1.0}, marks
        )


class Raises(Analyzer):
    name = "raises"
    version = "1.0.0"
    labels = ("x",)

    def analyze(self, document):
        raise RuntimeError("model file is corrupt")


class Hangs(Analyzer):
    name = "hangs"
    version = "1.0.0"
    labels = ("x",)
    timeout = 0.2

    def analyze(self, document):
        RELEASE.wait(30)


class Garbage(Analyzer):
    name = "garbage"
    version = "1.0.0"
    labels = ("x",)

    def analyze(self, document):
        return {
            "summary": {"headline": "ok", "label": "x", "score": 0.5},
            "annotations": [{"start": 0, "end": len(document.text) + 5, "label": "x"}],
        }


class WrongLabel(Analyzer):
    name = "wrong-label"
    version = "1.0.0"
    labels = ("declared",)

    def analyze(self, document):
        return AnalyzerResult(
            {"headline": "", "label": "x", "score": 0.0}, [Annotation(0, 1, "undeclared")]
        )


class NotJson(Analyzer):
    name = "not-json"
    version = "1.0.0"
    labels = ("x",)

    def analyze(self, document):
        return AnalyzerResult(
            {"headline": "", "label": "x", "score": 0.0},
            [Annotation(0, 1, "x", data={"s": {1, 2}})],
        )


class ReturnsNone(Analyzer):
    name = "returns-none"
    version = "1.0.0"
    labels = ("x",)

    def analyze(self, document):
        return None


class FailsSetup(Analyzer):
    name = "fails-setup"
    version = "1.0.0"
    labels = ("x",)

    def setup(self, settings):
        raise OSError("weights.json not found")

    def analyze(self, document):  # pragma: no cover - never reached
        raise AssertionError


class GermanOnly(Analyzer):
    name = "german-only"
    version = "1.0.0"
    labels = ("x",)
    languages = ("de",)

    def analyze(self, document):  # pragma: no cover - skipped for English text
        raise AssertionError


@hookimpl
def register_analyzers(register):
    for analyzer in (
        Sentences,
        Raises,
        Hangs,
        Garbage,
        WrongLabel,
        NotJson,
        ReturnsNone,
        FailsSetup,
        GermanOnly,
    ):
        register(analyzer())
