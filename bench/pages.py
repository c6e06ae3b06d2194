"""``make eval-pages``: every analyzer's verdict on slant's own saved pages, with what a reader expects.

The sets scored in ``make eval-*`` are sentences and article bodies; this is the
reader's view: a saved page (tests/fixtures/pages, written for slant, see its
README) read as ``slant analyze page.html`` reads it, and for each page the
genre, the satire verdict, the opinion share and the sources a reader would
see. :data:`EXPECTED` is what the page is, by how it was written (news report,
opinion column, first-person essay, satire), not what any model said; the
totals count where the verdict differs. Twenty pages are a check on judgement,
not a score: the held-out sets are in the model cards.

``python -m bench.pages [--sources]`` (``--sources`` lists each page's sources).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Any

from slant.cli.batch import engine_for
from slant.text.article import read_page

from bench.extraction import PAGES

# What each page is. An essay is first-person writing that is not news; it is
# counted as not news for the genre (an opinion piece in the contract's terms).
NEWS, COLUMN, ESSAY, SATIRE = "news report", "opinion column", "first-person essay", "satire"
EXPECTED = {
    "amp-wildfire-smoke": NEWS,
    "blog-garden-latin1": ESSAY,
    "blog-school-phones": ESSAY,
    "column-four-day-week": COLUMN,
    "column-heat-pumps-ogurl": COLUMN,
    "heldout-drupal-hosepipe": NEWS,
    "heldout-drupal-tram": NEWS,
    "heldout-medium-chess-club": ESSAY,
    "heldout-squarespace-bakery": NEWS,
    "heldout-substack-ai-marking": COLUMN,
    "heldout-wire-port-strike": NEWS,
    "interview-librarian": NEWS,
    "legacy-harbour-ferry-cp1252": NEWS,
    "news-bridge-brief": NEWS,
    "news-council-budget": NEWS,
    "news-election-recount": NEWS,
    "news-hospital-waits-xmlcomment": NEWS,
    "news-river-flood-bom": NEWS,
    "oped-blogger-transit": COLUMN,
    "satire-mayor-pothole": SATIRE,
}


@dataclass
class Verdict:
    """What the reader sees at a glance for one page."""

    name: str
    expected: str
    genre: str
    genre_score: float
    opinion_share: str
    satire: str
    satire_score: float
    sources: list[str]
    vague: int

    @property
    def genre_right(self) -> bool:
        wanted = "news_report" if self.expected == NEWS else "opinion_piece"
        return self.expected == SATIRE or self.genre == wanted

    @property
    def satire_right(self) -> bool:
        return (self.satire != "not_satire") == (self.expected == SATIRE)


def _summary(response: dict[str, Any], analyzer: str) -> dict[str, Any]:
    result = response["results"].get(analyzer, {})
    return result.get("summary") or {} if result.get("status") == "ok" else {}


def _source_names(response: dict[str, Any]) -> list[str]:
    result = response["results"].get("sources", {})
    names = []
    for annotation in result.get("annotations", []):
        data = annotation.get("data") or {}
        if annotation.get("label") != "vague":
            name, role = data.get("name") or annotation["quote"], data.get("role")
            names.append(f"{name} ({role})" if role else str(name))
    return list(dict.fromkeys(names))


def read_verdicts() -> list[Verdict]:
    """Every fixture page analyzed as the CLI analyzes a saved page."""
    engine = engine_for({})
    verdicts = []
    for name, expected in EXPECTED.items():
        page = read_page((PAGES / f"{name}.html").read_bytes())
        response = engine.analyze(page.text, url=page.meta.url, title=page.meta.title).response
        opinion, satire = _summary(response, "opinion"), _summary(response, "satire")
        sources = _summary(response, "sources")
        verdicts.append(
            Verdict(
                name=name,
                expected=expected,
                genre=opinion.get("genre", "?"),
                genre_score=float(opinion.get("genre_score", float("nan"))),
                opinion_share=opinion.get("headline", "?").split(" read")[0],
                satire=satire.get("label", "?"),
                satire_score=float(satire.get("score", float("nan"))),
                sources=_source_names(response),
                vague=int(sources.get("vague", 0)),
            )
        )
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", action="store_true", help="list each page's named sources")
    args = parser.parse_args(argv)
    verdicts = read_verdicts()
    print("| page | is | genre (P opinion) | opinion sentences | satire (score) | named | vague |")
    print("|---|---|---|---|---|---|---|")
    for v in verdicts:
        genre = f"{v.genre} {v.genre_score:.2f}" + ("" if v.genre_right else " ✗")
        satire = f"{v.satire} {v.satire_score:.2f}" + ("" if v.satire_right else " ✗")
        print(
            f"| {v.name} | {v.expected} | {genre} | {v.opinion_share} | {satire} "
            f"| {len(v.sources)} | {v.vague} |"
        )
        if args.sources and v.sources:
            print(f"|  | sources: {'; '.join(v.sources)} | | | | | |")
    judged = [v for v in verdicts if v.expected != SATIRE]
    print()
    print(f"genre right: {sum(v.genre_right for v in judged)} of {len(judged)}")
    for kind in (NEWS, COLUMN, ESSAY):
        group = [v for v in judged if v.expected == kind]
        print(f"  {kind}: {sum(v.genre_right for v in group)} of {len(group)}")
    print(f"satire right: {sum(v.satire_right for v in verdicts)} of {len(verdicts)}")
    false_alarms = [v.name for v in verdicts if v.expected != SATIRE and not v.satire_right]
    print(f"  called satire but not: {len(false_alarms)} {false_alarms or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
