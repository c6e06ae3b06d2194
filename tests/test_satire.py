"""The satire analyzer: contract, declarations, the site list, style, the reference op-ed."""

from __future__ import annotations

import time

import pytest
import slant_satire
from slant.document import build_document
from slant.testing import analyze, assert_contract, build_app
from slant_satire.declarations import LOCAL, WHOLE, find_declarations
from slant_satire.domains import load_sites, match_site, parse_extra
from slant_satire.model import MODEL_PATH, StyleModel

SERIOUS = """City council approves new budget for road repairs

The city council voted 7 to 2 on Tuesday to approve a budget of $4.2 million for road repairs \
over the next fiscal year, according to minutes published by the city clerk.

The plan allocates most of the money to resurfacing arterial roads in the northern districts, \
where inspectors rated the pavement as poor in a survey carried out last spring.

Council member Ana Ruiz, who voted against the budget, said the plan did not set aside enough \
money for bicycle lanes. The mayor's office said work would begin in April and last until October.
"""

CLOSING_JOKE = """
To close on a satirical note: perhaps the council should simply paint the potholes gold, declare \
them public art, and charge the tourists admission to fall into them.
"""

ONION_STYLE = """Area Man Heroically Finishes Entire Bag Of Chips Before Wife Gets Home

SPRINGFIELD—Calling it the proudest moment of his adult life, local man Gary Dunbar, 44, \
reportedly finished an entire family-size bag of sour cream and onion chips on Thursday \
moments before his wife returned from work. "I did it, I really did it," said a visibly \
emotional Dunbar, who sources confirmed had been training for this moment since noon, \
brushing crumbs from his sweatshirt as the garage door opened. At press time, Dunbar was \
reportedly telling his wife that he had no idea where the chips had gone, adding that the \
dog had been acting strange all day.
"""


@pytest.fixture(scope="module")
def app():
    return build_app(slant_satire)


def run(app, text: str, url: str | None = None, title: str | None = None) -> dict:
    result = analyze(app, text, "satire", url=url, title=title)
    assert_contract(text, result, app)
    return result


def test_result_follows_the_contract(app):
    for text, url in [(SERIOUS, None), (SERIOUS + CLOSING_JOKE, None), (SERIOUS, "theonion.com")]:
        summary = run(app, text, url)["summary"]
        assert summary["label"] in {"satire", "contains_satire", "not_satire"}
        assert 0.0 <= summary["score"] <= 1.0
        assert summary["headline"]
        assert {e["kind"] for e in summary["evidence"]} <= {"declaration", "domain", "style"}
        assert any(e["kind"] == "style" for e in summary["evidence"])


def test_serious_report_is_not_satire(app):
    result = run(app, SERIOUS)
    assert result["summary"]["label"] == "not_satire"
    assert result["summary"]["score"] < 0.5
    assert result["annotations"] == []


def test_local_declaration_marks_its_paragraph_only(app):
    text = SERIOUS + CLOSING_JOKE
    result = run(app, text)
    assert result["summary"]["label"] == "contains_satire"
    assert result["summary"]["score"] >= 0.5
    [marked] = result["annotations"]
    assert marked["quote"] == CLOSING_JOKE.strip()
    assert "satirical note" in marked["explanation"]
    assert result["summary"]["evidence"][0]["kind"] == "declaration"


def test_satirical_paragraph_in_a_serious_piece_is_found_by_style(app):
    satirical_paragraph = ONION_STYLE.split("\n\n", 1)[1].strip()
    text = SERIOUS + "\n" + satirical_paragraph + "\n"
    result = run(app, text)
    assert result["summary"]["label"] == "contains_satire"
    [marked] = result["annotations"]
    assert marked["quote"] == satirical_paragraph
    assert "style score" in marked["explanation"]
    assert any(e["text"].startswith("paragraph") for e in result["summary"]["evidence"])


OPINIONATED_PARAGRAPH = (
    "The council may well approve the bridge plan on Thursday, but it should not. According "
    "to the treasurer, the plan costs $9.1 million; critics say that is clearly far too much. "
    "“Nobody asked us,” said Tom Berg, who runs a bakery by the river. Perhaps the money would "
    "be better spent on the library. I, for one, would rather cross by ferry."
)


def test_lone_opinionated_paragraph_is_not_satire(app):
    """A lone paragraph is judged as a passage: pointed opinion is not satire on style alone."""
    result = run(app, OPINIONATED_PARAGRAPH)
    assert result["summary"]["label"] == "not_satire"
    assert result["annotations"] == []
    analyzer = slant_satire.SatireAnalyzer()
    analyzer.setup({})
    [paragraph] = analyzer._paragraphs(build_document(OPINIONATED_PARAGRAPH))
    whole = next(e for e in result["summary"]["evidence"] if e["text"] == "whole text")
    assert whole["score"] == round(
        paragraph.style, 3
    )  # the paragraph calibration, not the document's
    assert paragraph.style < analyzer.model.paragraph_threshold


def test_lone_paragraph_needs_the_passage_threshold():
    """A lone paragraph counts as satire exactly when it would be marked inside a serious piece."""
    analyzer = slant_satire.SatireAnalyzer()
    analyzer.setup({})
    for text in (ONION_STYLE.split("\n\n", 1)[1].strip(), OPINIONATED_PARAGRAPH):
        document = build_document(text)
        [paragraph] = analyzer._paragraphs(document)
        label = analyzer.analyze(document).summary["label"]
        assert (label == "satire") == (paragraph.style >= analyzer.model.paragraph_threshold)


def test_disclaimer_makes_the_whole_piece_satire(app):
    text = SERIOUS + "\nThis article is satire. Any resemblance to real councils is coincidental.\n"
    result = run(app, text)
    assert result["summary"]["label"] == "satire"
    document = build_document(text)
    article_paragraphs = [p for p in document.paragraphs if p not in document.boilerplate]
    assert len(result["annotations"]) == len(article_paragraphs)
    assert all("declares itself satire" in a["explanation"] for a in result["annotations"])


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("This article is satire and should not be taken seriously.", WHOLE),
        ("Disclaimer: this website is a work of fiction.", WHOLE),
        ("We are a satirical publication.", WHOLE),
        ("And what better end for this saga than a satirical thought: the end.", LOCAL),
        ("Let me end on a tongue-in-cheek note.", LOCAL),
        ("What follows is a parody of the speech.", LOCAL),
    ],
)
def test_declarations_are_found(sentence, kind):
    [declaration] = find_declarations(sentence)
    assert declaration.kind == kind
    assert sentence[declaration.start : declaration.end] == declaration.text


@pytest.mark.parametrize(
    "sentence",
    [
        "This is not satire.",
        "The court ruled that the Onion piece was satire protected by the First Amendment.",
        "The Beaverton is a satirical news site based in Toronto.",
        "Critics called the speech a joke.",
    ],
)
def test_talk_about_satire_is_no_declaration(sentence):
    assert find_declarations(sentence) == []


def test_every_listed_site_names_its_source():
    sites = load_sites()
    assert len(sites) >= 20
    for site in sites:
        assert site.domain and site.name
        assert site.source.startswith("https://"), site
    names = {s.name for s in sites}
    for expected in ("The Onion", "The Babylon Bee", "The Beaverton", "Der Postillon"):
        assert expected in names


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.theonion.com/area-man-1819571", "The Onion"),
        ("http://politics.theonion.com/x", "The Onion"),
        ("babylonbee.com/news/x", "The Babylon Bee"),
        ("https://www.newyorker.com/humor/borowitz-report/trump-x", "The Borowitz Report"),
        ("https://www.newyorker.com/news/daily-comment/x", None),
        ("https://nottheonion.example.org/x", None),
        ("https://theonion.com.evil.example/x", None),
        ("not a url", None),
        (None, None),
    ],
)
def test_urls_match_listed_sites(url, name):
    site = match_site(url, load_sites())
    if name is None:
        assert site is None
    else:
        assert site is not None and site.name.startswith(name)


def test_known_site_makes_the_piece_satire(app):
    result = run(app, SERIOUS, url="https://www.thebeaverton.com/2024/01/x/")
    assert result["summary"]["label"] == "satire"
    assert result["summary"]["score"] >= 0.9
    assert result["summary"]["evidence"][0]["kind"] == "domain"
    assert all("The Beaverton" in a["explanation"] for a in result["annotations"])


def test_extra_domains_setting_extends_the_list():
    assert [s.domain for s in parse_extra(" example.com, www.satire.test/humor ,")] == [
        "example.com",
        "satire.test",
    ]
    app = build_app(slant_satire, env={"SLANT_PLUGIN_SATIRE_EXTRA_DOMAINS": "satire.test/humor"})
    assert run(app, SERIOUS, url="https://satire.test/humor/x")["summary"]["label"] == "satire"
    assert run(app, SERIOUS, url="https://satire.test/news/x")["summary"]["label"] == "not_satire"


def test_satirical_style_alone_is_recognised(app):
    result = run(app, ONION_STYLE)
    assert result["summary"]["label"] == "satire"
    style = next(e for e in result["summary"]["evidence"] if e["text"] == "whole text")
    assert style["score"] >= 0.5


def test_reference_oped_contains_satire_in_its_closing_paragraph(app, reference_oped):
    result = run(app, reference_oped)
    assert result["summary"]["label"] == "contains_satire"
    [marked] = result["annotations"]
    assert marked["quote"].startswith("And\nwhat better end for this alliance")
    assert marked["quote"].endswith("desperation and\ndelusion.")
    assert "satirical thought" in marked["explanation"]


def test_shipped_model_is_small_and_holds_no_text():
    assert MODEL_PATH.stat().st_size <= 10_000_000
    model = StyleModel.load()
    longest = max(len(feature) for feature in model.vocabulary)
    assert longest < 80  # word pairs, never sentences


def test_latency_per_10_kb(reference_oped):
    analyzer = slant_satire.SatireAnalyzer()
    analyzer.setup({})
    document = build_document(reference_oped)
    analyzer.analyze(document)
    runs = 20
    start = time.perf_counter()
    for _ in range(runs):
        analyzer.analyze(document)
    per_10_kb = (time.perf_counter() - start) / runs * 10_000 / len(reference_oped)
    # The target is 5 ms per 10 KB on one idle core; leave room for a busy CI machine.
    assert per_10_kb < 0.015, f"{per_10_kb * 1000:.1f} ms per 10 KB"
