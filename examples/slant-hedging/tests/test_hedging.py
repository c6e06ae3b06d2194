"""The hedging analyzer through an isolated slant app, as slant.testing runs a plugin."""

from __future__ import annotations

import pytest
import slant_hedging
from slant.testing import analyze, analyzer_info, assert_contract, build_app

OPED = (
    "The new bridge will clearly transform the city. Of course, critics say it costs too much. "
    "Perhaps they are right: the budget appears to have doubled, and the mayor reportedly "
    "knew. In May the council voted anyway. It is not clearly a scandal, but it may become one."
)


@pytest.fixture(scope="module")
def app():
    return build_app(slant_hedging)


def quotes(result: dict) -> list[tuple[str, str]]:
    return [(a["label"], a["quote"]) for a in result["annotations"]]


def test_hedges_and_boosters_are_marked_and_the_contract_holds(app):
    result = analyze(app, OPED, "hedging")
    assert_contract(OPED, result, app)
    assert quotes(result) == [
        ("booster", "clearly"),
        ("booster", "Of course"),
        ("hedge", "Perhaps"),
        ("hedge", "appears to"),
        ("hedge", "reportedly"),
        ("hedge", "may"),
    ]
    summary = result["summary"]
    assert (summary["hedges"], summary["boosters"], summary["label"]) == (4, 2, "hedged")
    assert summary["score"] == pytest.approx(4 / 6, abs=0.001)


def test_the_month_the_noun_might_and_negated_boosters_are_not_marked(app):
    text = (
        "In May it rained. Its military might is gone. He is not clearly wrong. It could not work."
    )
    assert quotes(analyze(app, text, "hedging")) == []


def test_an_assertive_piece(app):
    text = "This is clearly wrong. Obviously, everyone knows it. It is, without a doubt, a failure."
    summary = analyze(app, text, "hedging")["summary"]
    assert (summary["label"], summary["boosters"], summary["hedges"]) == ("assertive", 4, 0)


def test_too_few_markers_to_tell(app):
    summary = analyze(app, "The council met on Tuesday. It may vote.", "hedging")["summary"]
    assert summary["label"] == "too_few_markers" and summary["hedges"] == 1


def test_the_modals_setting_leaves_may_might_could_out(app):
    quiet = build_app(slant_hedging, env={"SLANT_PLUGIN_HEDGING_MODALS": "false"})
    assert analyzer_info(quiet, "hedging")["settings"][0]["value"] is False
    labels = quotes(analyze(quiet, OPED, "hedging"))
    assert ("hedge", "may") not in labels and ("hedge", "Perhaps") in labels


def test_min_markers_setting(app):
    strict = build_app(slant_hedging, config={"PLUGIN_SETTINGS": {"hedging": {"min_markers": 10}}})
    assert analyze(strict, OPED, "hedging")["summary"]["label"] == "too_few_markers"


def test_offsets_count_code_points_after_emoji(app):
    text = "👩‍👩‍👧 Zoë said the plan 🇺🇦 will perhaps fail."
    result = analyze(app, text, "hedging")
    assert_contract(text, result, app)
    (mark,) = result["annotations"]
    assert mark["start"] == text.index("perhaps") and mark["quote"] == "perhaps"


def test_boilerplate_outside_sentences_is_ignored(app):
    text = "The plan will perhaps fail.\n\nShare this article\n\nPost a Comment"
    assert quotes(analyze(app, text, "hedging")) == [("hedge", "perhaps")]
