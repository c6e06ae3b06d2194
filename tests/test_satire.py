"""The satire analyzer: contract, declarations, the site list, style, the reference op-ed."""

from __future__ import annotations

import copy
import dataclasses
import math
import time

import pytest
import slant_opinion
import slant_satire
from slant.document import build_document
from slant.testing import analyze, assert_contract, build_app
from slant_satire.analyzer import PAGE_STYLE_THRESHOLD, STYLE_LEAN, STYLE_THRESHOLD
from slant_satire.declarations import LOCAL, WHOLE, find_declarations
from slant_satire.domains import NEWS_SITES_PATH, load_sites, match_site, parse_extra
from slant_satire.headline_meaning import MEANING_PATH, HeadlineMeaning
from slant_satire.model import MODEL_PATH, StyleModel
from slant_satire.voice import mean_opinion, with_opinion

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


# A plain news report, dense with quoted speech (denser in the satire sets than
# in their real news).
QUOTED_NEWS = """Mayor Says Flood Barrier Will Be Ready "Before The Next Storm Season"

RIVERTON — Mayor Helen Ortiz said on Friday that the city's new flood barrier would be finished \
"well before the next storm season," pushing back against residents who told a packed town hall \
that they no longer believed the promise.

"We have heard that before," said Marcus Bell, who owns a hardware store on Water Street and \
whose basement flooded twice last year. "Every spring they tell us it is almost done."

Ortiz told reporters that the contractor had "turned a corner" and that she was "absolutely \
confident" in the schedule. Asked whether the city would penalize further delays, she said: \
"Nobody wants to talk about penalties. We want to talk about walls."

A spokesman for the contractor, Delta Civil Works, said the company was "fully committed to the \
people of Riverton" and declined to comment on the timetable.
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
    assert style["score"] >= STYLE_THRESHOLD


def test_every_listed_news_site_names_its_source():
    sites = load_sites(NEWS_SITES_PATH)
    assert len(sites) >= 50
    for site in sites:
        assert site.domain and site.name
        assert site.source.startswith("https://"), site
    assert not {s.domain for s in sites} & {s.domain for s in load_sites() if not s.path}


def test_a_web_page_needs_far_more_style_than_a_text_without_url():
    """The same satirical style: satire as a bare text, not as a page below the page threshold.

    The model, trained on few sources, scores real news from other outlets up
    to 0.85; a page not on a satire site is judged at ``page_style_threshold``
    (set here just above this text's score, whatever the model makes of it).
    """
    assert PAGE_STYLE_THRESHOLD > STYLE_THRESHOLD == STYLE_LEAN
    strict = build_app(slant_satire, env={"SLANT_PLUGIN_SATIRE_PAGE_STYLE_THRESHOLD": "0.9999"})
    bare = run(strict, ONION_STYLE)
    style = next(e for e in bare["summary"]["evidence"] if e["text"] == "whole text")
    assert STYLE_THRESHOLD <= style["score"] < 0.9999
    assert bare["summary"]["label"] == "satire"

    on_a_blog = run(strict, ONION_STYLE, url="https://someones-blog.example/2024/chips")
    assert on_a_blog["summary"]["label"] == "not_satire"
    assert on_a_blog["summary"]["score"] < 0.5 <= bare["summary"]["score"]
    assert "site not known for satire" in on_a_blog["summary"]["headline"]

    on_news_site = run(strict, ONION_STYLE, url="https://www.reuters.com/world/chips")
    summary = on_news_site["summary"]
    assert summary["label"] == "not_satire"
    assert on_news_site["annotations"] == []
    [news] = [e for e in summary["evidence"] if e["kind"] == "domain"]
    assert news["against"] is True and "Reuters" in news["text"]
    assert "news site" in summary["headline"]


#: A serious report with one oddly satirical paragraph.
REPORT_WITH_ODD_PARAGRAPH = SERIOUS + "\n" + ONION_STYLE.split("\n\n", 1)[1]


def test_on_a_news_site_style_alone_marks_no_passage(app):
    for url in (None, "https://someones-blog.example/x"):
        elsewhere = run(app, REPORT_WITH_ODD_PARAGRAPH, url=url)
        assert elsewhere["summary"]["label"] == "contains_satire"
    on_news_site = run(app, REPORT_WITH_ODD_PARAGRAPH, url="https://www.bbc.co.uk/news/x")
    assert on_news_site["summary"]["label"] == "not_satire"
    assert on_news_site["annotations"] == []


def test_a_news_report_full_of_quotes_is_not_satire(app):
    """Quoted speech, denser in the satire sets, no longer tips a plain report."""
    summary = run(app, QUOTED_NEWS)["summary"]
    assert summary["label"] == "not_satire"


def test_a_satire_section_of_a_news_site_is_satire(app):
    url = "https://www.newyorker.com/humor/borowitz-report/x"
    result = run(app, SERIOUS, url=url)
    assert result["summary"]["label"] == "satire"
    assert [e["text"] for e in result["summary"]["evidence"] if e["kind"] == "domain"] == [
        "newyorker.com/humor/borowitz-report: The Borowitz Report (The New Yorker)"
    ]


def test_a_news_site_page_that_declares_its_joke_still_contains_satire(app):
    result = run(app, SERIOUS + CLOSING_JOKE, url="https://www.theguardian.com/x")
    assert result["summary"]["label"] == "contains_satire"
    assert len(result["annotations"]) == 1


def test_extra_news_domains_setting_extends_the_news_list(app):
    url = "https://news.riverton.test/x"
    assert run(app, REPORT_WITH_ODD_PARAGRAPH, url=url)["summary"]["label"] == "contains_satire"
    newsroom = build_app(
        slant_satire, env={"SLANT_PLUGIN_SATIRE_EXTRA_NEWS_DOMAINS": "riverton.test"}
    )
    summary = run(newsroom, REPORT_WITH_ODD_PARAGRAPH, url=url)["summary"]
    assert summary["label"] == "not_satire"
    assert any("riverton.test" in e["text"] for e in summary["evidence"])


def test_thresholds_default_to_the_balance_point_and_the_page_prior():
    defaults = {s.name: s.default for s in slant_satire.SatireAnalyzer.settings}
    assert defaults["style_threshold"] == STYLE_THRESHOLD == 0.5
    assert defaults["page_style_threshold"] == PAGE_STYLE_THRESHOLD
    analyzer = slant_satire.SatireAnalyzer()
    analyzer.setup({})
    assert analyzer.style_threshold == STYLE_THRESHOLD
    assert analyzer.page_style_threshold == PAGE_STYLE_THRESHOLD


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
    """Satire's own work, reading the opinion result the core hands over (opinion's cost excluded)."""
    analyzer = slant_satire.SatireAnalyzer()
    analyzer.setup({})
    opinion = slant_opinion.OpinionAnalyzer()
    opinion.setup({})
    document = with_opinion(build_document(reference_oped), opinion)
    analyzer.analyze(document)
    runs = 10
    best = float("inf")
    for _ in range(5):  # best of five rounds: other jobs on a shared CI machine only slow it
        start = time.perf_counter()
        for _ in range(runs):
            analyzer.analyze(document)
        best = min(best, (time.perf_counter() - start) / runs)
    per_10_kb = best * 10_000 / len(reference_oped)
    # The target is 5 ms per 10 KB on one idle core; leave room for a busy CI machine.
    assert per_10_kb < 0.015, f"{per_10_kb * 1000:.1f} ms per 10 KB"


def _with_opinion_scores(text: str, score: float | None, status: str = "ok"):
    """``text`` as the core would hand it over, every sentence given opinion ``score``."""
    document = build_document(text)
    if score is None:
        return dataclasses.replace(document, _results={"opinion": None})
    annotations = [
        {"start": s.start, "end": s.end, "label": "opinion", "score": score}
        for s in document.sentences
    ]
    result = {"status": status, "summary": {}, "annotations": annotations}
    return dataclasses.replace(document, _results={"opinion": result})


@pytest.fixture
def analyzer_with_ceiling():
    """The analyzer at the benchmark threshold, an opinion ceiling of 0.4, no strong-style override."""
    analyzer = slant_satire.SatireAnalyzer()
    analyzer.setup({"style_threshold": 0.5})
    analyzer.model = dataclasses.replace(
        analyzer.model, opinion_ceiling=0.4, paragraph_threshold=0.999
    )
    return analyzer


def test_satire_reads_the_opinion_result():
    assert slant_satire.SatireAnalyzer.depends_on == ("opinion",)
    ceiling = StyleModel.load().opinion_ceiling
    assert ceiling is not None and 0.3 < ceiling < 0.7


def test_style_alone_calls_no_opinion_column_satire(analyzer_with_ceiling):
    """A piece more opinionated than known satire is a column, however satirical its style."""
    argued = analyzer_with_ceiling.analyze(_with_opinion_scores(ONION_STYLE, 0.9)).summary
    deadpan = analyzer_with_ceiling.analyze(_with_opinion_scores(ONION_STYLE, 0.1)).summary
    assert deadpan["label"] == "satire"
    assert argued["label"] == "not_satire"
    assert "own voice" in argued["headline"]
    assert argued["evidence"] == deadpan["evidence"]  # the same style evidence, overruled


def test_without_opinion_style_decides_alone(analyzer_with_ceiling):
    """Opinion not enabled, failed, or a document built outside the core: the old rule."""
    for document in (
        _with_opinion_scores(ONION_STYLE, None),
        _with_opinion_scores(ONION_STYLE, 0.9, status="error"),
        build_document(ONION_STYLE),
    ):
        assert analyzer_with_ceiling.analyze(document).summary["label"] == "satire"


def test_a_strong_satirical_style_outweighs_the_opinion_voice(analyzer_with_ceiling):
    """At the passage threshold, style alone still calls a first-person satire satire."""
    analyzer = analyzer_with_ceiling
    analyzer.model = dataclasses.replace(analyzer.model, paragraph_threshold=0.6)
    assert analyzer.analyze(_with_opinion_scores(ONION_STYLE, 0.9)).summary["label"] == "satire"


def test_mean_opinion_reads_only_the_body():
    document = _with_opinion_scores(ONION_STYLE, 0.5)
    headline, body = document.paragraphs[0], document.paragraphs[1:]
    result = dict(document.result_of("opinion"))
    result["annotations"] = [
        {**a, "score": 1.0 if a["start"] < headline.end else 0.2} for a in result["annotations"]
    ]
    assert mean_opinion(result, body) == pytest.approx(0.2)
    assert mean_opinion(result, []) is None
    assert mean_opinion(None, body) is None


@pytest.fixture(scope="module")
def app_with_opinion():
    return build_app(slant_satire, slant_opinion)


def test_reference_oped_with_opinion_marks_only_its_closing_paragraph(
    app_with_opinion, reference_oped
):
    result = run(app_with_opinion, reference_oped)
    assert result["summary"]["label"] == "contains_satire"
    [marked] = result["annotations"]
    assert marked["quote"].startswith("And\nwhat better end for this alliance")


def test_reference_oped_without_its_closing_paragraph_is_not_satire(
    app_with_opinion, reference_oped
):
    serious = reference_oped[: reference_oped.index("And\nwhat better end")]
    result = run(app_with_opinion, serious)
    assert result["summary"]["label"] == "not_satire"
    assert result["annotations"] == []
    assert result["summary"]["score"] < 0.5  # the score agrees with the label


def test_summary_score_agrees_with_the_label_at_the_threshold():
    """The whole-text style odds are shifted so the threshold maps to 0.5."""
    from slant_satire.analyzer import _combined_score

    evidence = [{"kind": "style", "text": "whole text", "score": 0.85}]
    assert _combined_score(evidence, 0.9) < 0.5 < _combined_score(evidence, 0.5)
    assert (
        abs(_combined_score([{"kind": "style", "text": "whole text", "score": 0.9}], 0.9) - 0.5)
        < 1e-9
    )
    marked = [*evidence, {"kind": "style", "text": "paragraph 2", "score": 0.96}]
    assert _combined_score(marked, 0.9) == 0.96
    news = {"kind": "domain", "text": "reuters.com: Reuters, a news site", "score": 0.1}
    assert _combined_score([*marked, {**news, "against": True}], 0.9) == 0.96


def test_the_headline_meaning_table_ships_small_and_scores_in_pure_python():
    meaning = HeadlineMeaning.load()
    assert MEANING_PATH.stat().st_size < 1_000_000
    assert len(meaning.words) >= 15_000
    assert meaning.probability("Xyzzq qwrtpz") is None  # no known word: no opinion on meaning
    headline = "Area Man Wins Argument"
    pairs = [meaning.words[w] for w in ("area", "man", "wins", "argument")]
    folded = meaning.intercept + sum(w * s for w, s in pairs) / sum(w for w, _ in pairs)
    assert meaning.probability(headline) == pytest.approx(1 / (1 + math.exp(-folded)))


def test_a_headline_alone_is_read_by_its_words_and_its_meaning():
    analyzer = slant_satire.SatireAnalyzer()
    analyzer.setup({})
    headline = "Nation Somehow Still Surprised By Thing That Happens Every Year"
    with_meaning = analyzer.analyze(build_document(headline)).summary
    words_only = copy.copy(analyzer)
    words_only.meaning = None
    alone = words_only.analyze(build_document(headline)).summary
    style = next(e["score"] for e in with_meaning["evidence"] if e["text"] == "whole text")
    word_style = next(e["score"] for e in alone["evidence"] if e["text"] == "whole text")
    expected = (word_style + analyzer.meaning.probability(headline)) / 2
    assert style == pytest.approx(expected, abs=1e-3)


def test_an_article_is_not_read_by_headline_meaning():
    analyzer = slant_satire.SatireAnalyzer()
    analyzer.setup({})
    with_meaning = analyzer.analyze(build_document(SERIOUS)).summary["evidence"]
    analyzer.meaning = None
    assert analyzer.analyze(build_document(SERIOUS)).summary["evidence"] == with_meaning
