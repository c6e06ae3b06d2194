"""``make eval-pages`` reads every saved fixture page, and every page says what it is."""

from __future__ import annotations

from bench.page_sources import EXPECTED_SOURCES, matches, named, score_sources, vague
from bench.pages import EXPECTED, HELD_OUT, PAGES, read_verdicts


def test_every_fixture_page_is_labelled_with_what_it_is() -> None:
    assert set(EXPECTED) == {page.stem for page in PAGES.glob("*.html")}


def test_each_page_gets_a_genre_and_a_satire_verdict() -> None:
    verdicts = read_verdicts()
    assert [v.name for v in verdicts] == list(EXPECTED)
    assert {v.genre for v in verdicts} <= {"opinion_piece", "news_report"}
    assert {v.satire for v in verdicts} <= {"satire", "contains_satire", "not_satire"}
    assert all(0 <= v.genre_score <= 1 and 0 <= v.satire_score <= 1 for v in verdicts)


def test_reader_source_lists_are_for_labelled_pages() -> None:
    assert set(EXPECTED_SOURCES) <= set(EXPECTED)
    held_out = [name for name in EXPECTED if name.startswith(tuple(HELD_OUT))]
    assert all(name in EXPECTED_SOURCES for name in held_out)


def test_sources_match_leniently_by_a_content_word() -> None:
    union = named("the Transport Workers' Union", None, "their union")
    assert matches("the union", union)
    assert not matches("two freight forwarders", union)
    assert matches("Several", vague("Several customers"))
    assert not matches("Some parents", vague("Several customers"))


def test_a_role_found_in_place_of_the_name_still_finds_the_person() -> None:
    expected = [named("Alan Pierce", "its chief executive")]
    score = score_sources([("Its chief executive", "Alan Pierce"), ("the state", None)], expected)
    assert score.right == ["Its chief executive"]
    assert score.extra == ["the state"]
    assert score.missed == []
