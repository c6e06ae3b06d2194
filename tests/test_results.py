"""Result validation: the fast annotation check agrees with the marshmallow schema."""

from __future__ import annotations

import pytest
from slant.analyzer import Analyzer, AnalyzerResult
from slant.contract import AnnotationSchema
from slant.engine.plugins import PluginOrigin
from slant.engine.registry import RegisteredAnalyzer
from slant.engine.results import InvalidResult, ok_result

TEXT = "One sentence. Another one."
GOOD = {"start": 0, "end": 13, "label": "x", "score": 0.5, "explanation": "why", "data": {"k": [1]}}


class Declares(Analyzer):
    name = "declares"
    version = "1.0.0"
    labels = ("x",)


REGISTERED = RegisteredAnalyzer(Declares(), PluginOrigin("p", "p", None, "p"), {})
SUMMARY = {"headline": "h", "label": "x", "score": 0.5}


@pytest.mark.parametrize(
    "change",
    [
        {},
        {"score": None},
        {"score": 0},
        {"score": 1},
        {"score": 1.5},
        {"score": -0.1},
        {"score": "0.5"},
        {"score": True},
        {"start": True},
        {"start": 1.0},
        {"end": "13"},
        {"explanation": 5},
        {"data": ["not", "an", "object"]},
        {"data": {1: "non-string key"}},
        {"label": 3},
    ],
)
def test_fast_annotation_check_agrees_with_the_schema(change):
    annotation = {**GOOD, **change}
    schema_errors = AnnotationSchema().validate({**annotation, "quote": TEXT[0:13]})
    try:
        ok_result(REGISTERED, AnalyzerResult(SUMMARY, [annotation]), TEXT, 1.0)
        accepted = True
    except InvalidResult:
        accepted = False
    assert accepted == (not schema_errors), (change, schema_errors)


def test_quote_is_always_filled_in_by_the_core():
    result = ok_result(
        REGISTERED, AnalyzerResult(SUMMARY, [{**GOOD, "start": 14, "end": 26}]), TEXT, 1.0
    )
    assert result["annotations"][0]["quote"] == "Another one."


def test_a_summary_without_headline_is_refused():
    with pytest.raises(InvalidResult, match=r"summary\.headline"):
        ok_result(REGISTERED, AnalyzerResult({"label": "x", "score": 0.1}, []), TEXT, 1.0)
