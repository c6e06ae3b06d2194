"""``make eval-pages`` reads every saved fixture page, and every page says what it is."""

from __future__ import annotations

from bench.pages import EXPECTED, PAGES, read_verdicts


def test_every_fixture_page_is_labelled_with_what_it_is() -> None:
    assert set(EXPECTED) == {page.stem for page in PAGES.glob("*.html")}


def test_each_page_gets_a_genre_and_a_satire_verdict() -> None:
    verdicts = read_verdicts()
    assert [v.name for v in verdicts] == list(EXPECTED)
    assert {v.genre for v in verdicts} <= {"opinion_piece", "news_report"}
    assert {v.satire for v in verdicts} <= {"satire", "contains_satire", "not_satire"}
    assert all(0 <= v.genre_score <= 1 and 0 <= v.satire_score <= 1 for v in verdicts)
