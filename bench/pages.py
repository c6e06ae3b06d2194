"""``make eval-pages``: every analyzer's verdict on slant's own saved pages, with what a reader expects.

The sets scored in ``make eval-*`` are sentences and article bodies; this is the
reader's view: a saved page (tests/fixtures/pages, written for slant, see its
README) read as ``slant analyze page.html`` reads it, and for each page the
genre, the satire verdict, the opinion share and the sources a reader would
see. :data:`EXPECTED` is what the page is, by how it was written (news report,
opinion column, review, first-person essay, satire), not what any model said;
the totals count where the verdict differs. For the pages with a reader's list
of sources (:data:`bench.page_sources.EXPECTED_SOURCES`, written by hand the same
way), each page gets the sources' precision and recall under a lenient name
match, and the totals add them up over the pages tuned on and each held-out set
(``heldout2-*`` to ``heldout7-*``) apart. Ninety pages are a check on
judgement, not a score: the held-out sets are in the model cards.

``python -m bench.pages [--sources]`` (``--sources`` lists each page's sources
and what was missed or extra).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Any

from slant.cli.batch import engine_for
from slant.text.article import read_page

from bench.extraction import PAGES
from bench.page_sources import EXPECTED_SOURCES, SourceScore, score_sources

# What each page is. An essay is first-person writing that is not news, and a review
# judges a thing; both are counted as not news (an opinion piece in the contract's terms).
NEWS, COLUMN, REVIEW, ESSAY, SATIRE = (
    "news report",
    "opinion column",
    "review",
    "first-person essay",
    "satire",
)
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
    # The second held-out set: written after the analyzers, looked at once.
    "heldout2-wordpress-boil-water": NEWS,
    "heldout2-newscms-airline-routes": NEWS,
    "heldout2-asp-quarry-latin1": NEWS,
    "heldout2-ghost-night-buses": COLUMN,
    "heldout2-hugo-stadium": COLUMN,
    "heldout2-review-saltmarsh": REVIEW,
    "heldout2-jekyll-swimming": ESSAY,
    "heldout2-wire-tuesday": SATIRE,
    "heldout2-nextjs-billionaire": SATIRE,
    "heldout2-amp-dishwasher": SATIRE,
    # The third held-out set: written after the analyzers, looked at once.
    "heldout3-tv-recycling-fire": NEWS,
    "heldout3-university-bees": NEWS,
    "heldout3-pubradio-route-40": NEWS,
    "heldout3-liveblog-storm": NEWS,
    "heldout3-print-sailing-club": NEWS,
    "heldout3-beehiiv-parking": COLUMN,
    "heldout3-brightspot-dam": COLUMN,
    "heldout3-blox-library-paywall": COLUMN,
    "heldout3-longread-orchard": ESSAY,
    "heldout3-wix-average-family": SATIRE,
    "heldout3-webflow-car-park": SATIRE,
    "heldout3-joomla-pedestrians": SATIRE,
    # The fourth held-out set: written after the analyzers, looked at once.
    "heldout4-newspack-ambulance": NEWS,
    "heldout4-trade-cold-storage": NEWS,
    "heldout4-portal-rail-bridge": NEWS,
    "heldout4-mediawiki-lifeboat": NEWS,
    "heldout4-sciencemag-brown-lakes": NEWS,
    "heldout4-sports-column": COLUMN,
    "heldout4-gannett-editorial": COLUMN,
    "heldout4-letters-bypass": COLUMN,
    "heldout4-review-salt-clerk": REVIEW,
    "heldout4-bear-lift-log": ESSAY,
    "heldout4-nuxt-forecasts": SATIRE,
    "heldout4-gatsby-leaf-blower": SATIRE,
    # The fifth held-out set: written after the analyzers, looked at once.
    "heldout5-wpvip-water-meters": NEWS,
    "heldout5-agency-wheat-quota": NEWS,
    "heldout5-sno-library-hours": NEWS,
    "heldout5-explainer-bottle-deposit": NEWS,
    "heldout5-svelte-live-update": NEWS,
    "heldout5-mailchimp-allotments": COLUMN,
    "heldout5-thinktank-fuel-duty": COLUMN,
    "heldout5-linkedin-redundant": ESSAY,
    "heldout5-astro-fathers-shed": ESSAY,
    "heldout5-review-ereader": REVIEW,
    "heldout5-kinja-running": SATIRE,
    "heldout5-localwire-crosswalk": SATIRE,
    # The sixth held-out set: written after the analyzers, looked at once.
    "heldout6-finwire-frozen-unit": NEWS,
    "heldout6-brevity-ballpark": NEWS,
    "heldout6-daily-bus-routes": NEWS,
    "heldout6-broadcaster-car-counter": NEWS,
    "heldout6-pdf-urgent-care": NEWS,
    "heldout6-editorial-relief-road": COLUMN,
    "heldout6-quarto-census-review": REVIEW,
    "heldout6-discourse-cargo-bike": REVIEW,
    "heldout6-weebly-island-cafes": ESSAY,
    "heldout6-notion-driving": ESSAY,
    "heldout6-tumblr-book-club": SATIRE,
    "heldout6-eleventy-consolidation": SATIRE,
    # The seventh held-out set: written after the analyzers, looked at once; ordinary
    # news and opinion pages, not weighted towards known failures.
    "heldout7-arc-diesel-subsidy": NEWS,
    "heldout7-polopoly-train-order": NEWS,
    "heldout7-wagtail-club-treasurer": NEWS,
    "heldout7-sitecore-walks-glucose": NEWS,
    "heldout7-escenic-tarn-flood": NEWS,
    "heldout7-umbraco-port-analysis": NEWS,
    "heldout7-methode-library-hours": COLUMN,
    "heldout7-craft-parking-permits": COLUMN,
    "heldout7-remix-rural-buses": COLUMN,
    "heldout7-typo3-lantern-keeper": REVIEW,
    "heldout7-writeas-bike-repairs": ESSAY,
    "heldout7-djangocms-airport": SATIRE,
}
# The held-out sets by name prefix, each written after the analyzers and totalled apart.
HELD_OUT = {
    "heldout2-": "second held-out set",
    "heldout3-": "third held-out set",
    "heldout4-": "fourth held-out set",
    "heldout5-": "fifth held-out set",
    "heldout6-": "sixth held-out set",
    "heldout7-": "seventh held-out set",
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
    vague_sources: list[str]
    found: list[tuple[str, str | None]]

    @property
    def vague(self) -> int:
        return len(self.vague_sources)

    @property
    def source_score(self) -> SourceScore | None:
        """Against the reader's list of sources, for pages that have one."""
        if self.name not in EXPECTED_SOURCES:
            return None
        return score_sources(self.found, EXPECTED_SOURCES[self.name])

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


def _source_names(
    response: dict[str, Any],
) -> tuple[list[str], list[str], list[tuple[str, str | None]]]:
    """(named sources with their roles, vague ones, every (name, role) found) in text order.

    A source's name is what the annotation covers (a pronoun's is the person it
    refers to); a vague one has none, so its words are used.
    """
    result = response["results"].get("sources", {})
    named: list[str] = []
    vague: list[str] = []
    found: list[tuple[str, str | None]] = []
    for annotation in result.get("annotations", []):
        data = annotation.get("data") or {}
        name, role = str(data.get("name") or annotation["quote"]), data.get("role")
        (vague if annotation.get("label") == "vague_source" else named).append(
            f"{name} ({role})" if role else name
        )
        found.append((name, role))
    return list(dict.fromkeys(named)), list(dict.fromkeys(vague)), found


def read_verdicts() -> list[Verdict]:
    """Every fixture page analyzed as the CLI analyzes a saved page."""
    engine = engine_for({})
    verdicts = []
    for name, expected in EXPECTED.items():
        page = read_page((PAGES / f"{name}.html").read_bytes())
        response = engine.analyze(
            page.text, url=page.meta.url, title=page.meta.title, page=page.meta.info()
        ).response
        opinion, satire = _summary(response, "opinion"), _summary(response, "satire")
        named, vague, found = _source_names(response)
        verdicts.append(
            Verdict(
                name=name,
                expected=expected,
                genre=opinion.get("genre", "?"),
                genre_score=float(opinion.get("genre_score", float("nan"))),
                opinion_share=opinion.get("headline", "?").split(" read")[0],
                satire=satire.get("label", "?"),
                satire_score=float(satire.get("score", float("nan"))),
                sources=named,
                vague_sources=vague,
                found=found,
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
        if args.sources and (v.sources or v.vague_sources):
            print(
                f"|  | sources: {'; '.join(v.sources + [f'{s} (vague)' for s in v.vague_sources])} | | | | | |"
            )
        score = v.source_score
        if score is not None:
            line = f"sources P {len(score.right)}/{len(score.found)}, R {len(score.recalled)}/{len(score.expected)}"
            if args.sources and score.missed:
                line += f"; missed: {'; '.join(s.who for s in score.missed)}"
            if args.sources and score.extra:
                line += f"; extra: {'; '.join(score.extra)}"
            print(f"|  | {line} | | | | | |")
    judged = [v for v in verdicts if v.expected != SATIRE]
    print()
    print(f"genre right: {sum(v.genre_right for v in judged)} of {len(judged)}")
    for kind in (NEWS, COLUMN, REVIEW, ESSAY):
        group = [v for v in judged if v.expected == kind]
        print(f"  {kind}: {sum(v.genre_right for v in group)} of {len(group)}")
    print(f"satire right: {sum(v.satire_right for v in verdicts)} of {len(verdicts)}")
    false_alarms = [v.name for v in verdicts if v.expected != SATIRE and not v.satire_right]
    print(f"  called satire but not: {len(false_alarms)} {false_alarms or ''}")
    held_out = {
        label: [v for v in verdicts if v.name.startswith(prefix)]
        for prefix, label in HELD_OUT.items()
    }
    for label, group in held_out.items():
        print(
            f"{label} ({len(group)} pages): genre right "
            f"{sum(v.genre_right for v in group if v.expected != SATIRE)} of "
            f"{sum(v.expected != SATIRE for v in group)}, satire right "
            f"{sum(v.satire_right for v in group)} of {len(group)}"
        )
    before = [v for v in verdicts if not v.name.startswith(tuple(HELD_OUT))]
    for label, group in {"pages before": before, **held_out}.items():
        print(_sources_total(label, [s for v in group if (s := v.source_score)]))
    return 0


def _sources_total(label: str, scores: list[SourceScore]) -> str:
    """Precision and recall summed over the pages (micro-averaged)."""
    right, found = sum(len(s.right) for s in scores), sum(len(s.found) for s in scores)
    recalled = sum(len(s.recalled) for s in scores)
    expected = sum(len(s.expected) for s in scores)
    return (
        f"sources, {label} ({len(scores)} pages with a reader's list): "
        f"P {right}/{found} = {right / max(found, 1):.2f}, "
        f"R {recalled}/{expected} = {recalled / max(expected, 1):.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
