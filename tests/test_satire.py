"""The satire analyzer: contract, declarations, site lists, style, short texts, the reference op-ed."""

from __future__ import annotations

import copy
import dataclasses
import math
from collections import Counter

import pytest
import slant_opinion
import slant_satire
from slant.document import build_document
from slant.testing import analyze, assert_contract, build_app
from slant_satire.analyzer import TOO_LITTLE, is_quoted_speech
from slant_satire.declarations import LOCAL, WHOLE, find_declarations
from slant_satire.domains import NEWS_SITES_PATH, load_sites, match_site, parse_extra
from slant_satire.features import HEADLINE, WINDOW_TOKENS, features, window_features
from slant_satire.headline_model import (
    HEADLINE_MODEL_PATH,
    HeadlineModel,
    char_ngrams,
    title_case,
)
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


# Real-looking pages written for these tests (from no data set): an opinion column, a
# satire piece in the manner of a satire site, a news brief, a match report, a review.
COLUMN = """Our city keeps paying for roads it never fixes

By Dana Whitfield

Every spring the same ritual plays out at City Hall. The public works department announces an ambitious repaving plan, the council applauds, and by August the potholes on Elm Street are deeper than they were the year before. I have lived on Elm Street for eleven years, and I have stopped believing the announcements.

This is not a story about incompetent workers. The crews I have watched are careful and quick. It is a story about a budget process that rewards ribbon cuttings over maintenance. New projects get press releases; resurfacing a residential street does not.

The numbers make the point. According to the city's own audit, published in March, only 38 percent of the money set aside for road maintenance last year was actually spent on it. The rest was moved, quietly and legally, to other priorities.

I understand why. A council member who opens a new park gets a photograph in the newspaper. One who makes sure a street does not crumble gets nothing. But voters should demand better, and the council should adopt the auditor's recommendation to lock maintenance money so that it cannot be moved without a public vote.

Until then, I will keep driving around the crater outside my house, and I will keep writing about it.
"""

SATIRE_PIECE = """Nation's Commuters Agree To Simply Live In Traffic Jam Permanently

HOUSTON—Saying the arrangement would save everyone a great deal of time and frustration, the nation's 140 million commuters announced Monday that they had agreed to simply live in the traffic jam on Interstate 45 permanently.

According to the plan, each driver will be assigned a car-length of highway that will serve as a primary residence, with the shoulder lanes rezoned for schools, a hospital and several small churches. Officials confirmed that residents in the left lane would be permitted to advance roughly four feet every Thursday.

Sources said the decision came after a nationwide survey found that the average American already spends most of waking life staring at the brake lights of a Honda Civic and has quietly begun to think of the driver in front as family.

At press time, the first wedding on the interstate had been delayed by a stalled minivan near exit 12.
"""


BRIEF = """Storm knocks out power to 40,000 homes

Heavy winds and rain swept through the region overnight, knocking out power to about 40,000 homes and businesses, the utility said Wednesday morning.

Crews were working to restore service, and most customers should have power back by the evening, a spokeswoman for Northern Electric said. Several roads were closed because of fallen trees, according to the county sheriff's office.

No injuries were reported. The National Weather Service said the storm would move east by midday.
"""
SPORTS = """Rovers edge City in late thriller

Jamie Okafor scored in the 89th minute as Rovers beat City 2-1 on Saturday to move within three points of the top of the table.

City had taken the lead through a first-half penalty from captain Luis Ortega, but Rovers equalised early in the second half when Sam Price headed in a corner.

"We never stopped believing," Okafor said after the match. "The lads showed real character today, and the fans pushed us over the line."

City manager Erik Holm said his side had been "too passive" after the break. "We stopped playing our football, and you get punished for that at this level," he said.

Rovers host United next weekend, while City travel to Wanderers.
"""
REVIEW = """Review: A quiet, devastating film about a family that cannot stop talking

There is a scene halfway through "The Long Table" in which the mother, played with ferocious restraint by Anna Kessler, passes the salt to her son and says nothing at all. It is the loudest moment in the film.

Director Paul Mbeki has made a movie about a family that talks constantly and says almost nothing, and he trusts his audience to hear what goes unspoken. The script is sharp, sometimes very funny, and the performances are uniformly excellent.

Not everything works. A subplot about a rival restaurant feels like it belongs in another, lesser film, and the final twenty minutes stretch a little. But these are small complaints about a film that is, for most of its running time, as good as anything released this year.

"The Long Table" opens in theaters on Friday. Rated R. 2 hours 4 minutes.
"""

#: An unquoted satirical paragraph, for the passage mechanism.
UNQUOTED_JOKE = (
    "Officials confirmed that residents of the left lane would be permitted to advance roughly "
    "four feet every Thursday, and that the shoulder would be rezoned for schools, a hospital "
    "and several small churches, pending a vote by the drivers of the minivans near exit 12."
)


@pytest.fixture(scope="module")
def app():
    return build_app(slant_satire)


@pytest.fixture(scope="module")
def analyzer():
    shipped = slant_satire.SatireAnalyzer()
    shipped.setup({})
    return shipped


def run(app, text: str, url: str | None = None, title: str | None = None) -> dict:
    result = analyze(app, text, "satire", url=url, title=title)
    assert_contract(text, result, app)
    return result


def whole_text(summary: dict) -> dict:
    return next(e for e in summary["evidence"] if e["text"].startswith("whole text"))


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
    assert result["summary"]["score"] < 0.2
    assert result["annotations"] == []


@pytest.mark.parametrize("url", [None, "https://www.riverton-courier.example/news/flood-barrier"])
def test_real_looking_news_and_columns_are_not_satire(app, url):
    for text in (SERIOUS, QUOTED_NEWS, COLUMN, BRIEF, SPORTS, REVIEW):
        result = run(app, text, url=url)
        assert result["summary"]["label"] == "not_satire", text[:40]
        assert result["annotations"] == []


def test_a_satire_piece_reads_as_satire_by_its_style_alone(app):
    for text in (ONION_STYLE, SATIRE_PIECE):
        summary = run(app, text)["summary"]
        assert summary["label"] == "satire"
        assert summary["headline"] == (
            "Reads as satire throughout, by its style alone"
            if summary["score"] >= 0.5
            else "May be satire: it reads like satire throughout, by its style alone"
        )


def test_a_style_verdict_under_even_odds_says_it_may_be_satire(analyzer):
    """Style alone calls satire from the page threshold (0.33), where a page is still more
    likely real: the headline says so (here a threshold set under a plain report's 0.045)."""
    blog = analyzer.analyze(build_document(SATIRE_PIECE, url="https://blog.example/x")).summary
    eager = slant_satire.SatireAnalyzer()
    eager.setup({"page_style_threshold": 0.01})
    page = eager.analyze(build_document(SERIOUS, url="https://blog.example/x")).summary
    assert blog["headline"] == "Reads as satire throughout, by its style alone"
    assert page["label"] == "satire" and page["score"] < 0.5
    assert page["headline"].startswith("May be satire:")


def test_style_evidence_says_which_words_it_leaned_on(app):
    """Words of the text, ranked by how far each pushed the whole-text logit to satire."""
    from slant_satire.features import tokens

    for text in (ONION_STYLE, SATIRE_PIECE):
        [style] = [e for e in run(app, text)["summary"]["evidence"] if e["kind"] == "style"]
        leaning = style["leaning_on"]
        assert 1 <= len(leaning) <= 5
        words = set(tokens(text))
        assert all(set(item.split()) <= words for item in leaning), leaning
    # Plain news that does not lean satirical lists nothing.
    [style] = [e for e in run(app, SERIOUS)["summary"]["evidence"] if e["kind"] == "style"]
    assert "leaning_on" not in style


def test_local_declaration_marks_its_paragraph_only(app):
    text = SERIOUS + CLOSING_JOKE
    result = run(app, text)
    assert result["summary"]["label"] == "contains_satire"
    assert result["summary"]["score"] >= 0.5
    [marked] = result["annotations"]
    assert marked["quote"] == CLOSING_JOKE.strip()
    assert "satirical note" in marked["explanation"]
    assert result["summary"]["evidence"][0]["kind"] == "declaration"


def test_disclaimer_makes_the_whole_piece_satire(app):
    text = SERIOUS + "\nThis article is satire. Any resemblance to real councils is coincidental.\n"
    result = run(app, text)
    assert result["summary"]["label"] == "satire"
    document = build_document(text)
    article_paragraphs = [p for p in document.paragraphs if p not in document.boilerplate]
    assert len(result["annotations"]) == len(article_paragraphs)
    assert all("declares itself satire" in a["explanation"] for a in result["annotations"])


@pytest.mark.parametrize("text", ["Hello", "Is this satire?", "Wow.", "Yes, it is."])
def test_too_little_text_is_not_satire_at_the_base_rate(app, analyzer, text):
    summary = run(app, text)["summary"]
    assert summary["label"] == "not_satire"
    assert summary["score"] == pytest.approx(analyzer.model.base_rate, abs=1e-3)
    assert summary["score"] < 0.2
    [style] = [e for e in summary["evidence"] if e["kind"] == "style"]
    assert style["text"] == TOO_LITTLE
    assert "too little text" in summary["headline"]


def test_a_short_paragraph_gets_no_style_verdict_however_it_sounds(app):
    """A few sentences are too little text for the style model, however satirical they read."""
    short = (
        "Area man reportedly finishes entire bag of chips moments before his wife gets home. "
        "At press time, sources confirmed, the man was blaming the dog, who had been acting "
        "strange all day, and that the family would hold a brief ceremony for the bag."
    )
    assert len(short) > 200 and len(short.split()) < 60  # not a headline, too short for style
    summary = run(app, short)["summary"]
    assert summary["label"] == "not_satire"
    assert [e["text"] for e in summary["evidence"] if e["kind"] == "style"] == [TOO_LITTLE]


def test_a_short_text_still_counts_its_declaration_and_its_site(app):
    assert run(app, "This article is satire.")["summary"]["label"] == "satire"
    on_site = run(app, "Hello", url="https://www.theonion.com/x")["summary"]
    assert on_site["label"] == "satire"
    assert on_site["score"] >= 0.9


def test_a_headline_alone_is_judged_by_the_headline_model(app):
    summary = run(app, "Area Man Heroically Finishes Entire Bag Of Chips Before Wife Gets Home")[
        "summary"
    ]
    assert whole_text(summary)["text"] == "whole text (headline)"
    assert summary["label"] in {"satire", "not_satire"}
    assert (summary["label"] == "satire") == (whole_text(summary)["score"] >= 0.5)


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


def test_every_listed_news_site_names_its_source():
    sites = load_sites(NEWS_SITES_PATH)
    assert len(sites) >= 50
    for site in sites:
        assert site.domain and site.name
        assert site.source.startswith("https://"), site
    assert not {s.domain for s in sites} & {s.domain for s in load_sites() if not s.path}


def test_thresholds_come_from_the_shipped_model_unless_set(analyzer):
    """Chosen on outlets the model never saw: a web page is judged more strictly than bare text."""
    defaults = {s.name: s.default for s in slant_satire.SatireAnalyzer.settings}
    assert defaults["style_threshold"] == defaults["page_style_threshold"] == 0.0
    model = analyzer.model
    assert analyzer.thresholds() == (model.text_threshold, model.page_threshold)
    assert 0.0 < model.text_threshold <= model.page_threshold < model.passage_threshold < 1.0
    custom = slant_satire.SatireAnalyzer()
    custom.setup({"style_threshold": 0.6, "page_style_threshold": 0.8})
    assert custom.thresholds() == (0.6, 0.8)


def test_a_web_page_is_judged_at_the_page_threshold(analyzer):
    """The same text: satire as a bare text, not satire as a page, thresholds either side of it."""
    score = analyzer.analyze(build_document(SATIRE_PIECE)).summary["score"]
    straddling = slant_satire.SatireAnalyzer()
    straddling.setup({"style_threshold": score - 0.01, "page_style_threshold": score + 0.01})
    assert straddling.analyze(build_document(SATIRE_PIECE)).summary["label"] == "satire"
    page = straddling.analyze(build_document(SATIRE_PIECE, url="https://blog.example/x")).summary
    assert page["label"] == "not_satire"
    assert "leans satirical" in page["headline"]


def test_the_score_is_the_calibrated_style_probability_without_other_clues(app):
    for text in (SERIOUS, SATIRE_PIECE, COLUMN):
        summary = run(app, text)["summary"]
        assert summary["score"] == whole_text(summary)["score"]


def test_a_long_text_is_read_in_windows_each_with_the_headline():
    """The score is the mean over 250-token windows: a longer text is no more and no less real."""
    headline = features("Council approves budget", HEADLINE)
    body = [["word"] * 300, ["other"] * 300]
    windows = window_features(headline, body)
    # 250, then 350: a last window under half the size joins the one before it.
    assert len(windows) == 2
    assert all(w["H:council"] == 1 for w in windows)
    assert sum(w["B:word"] + w["B:other"] for w in windows) == 600
    assert len(window_features(headline, [])) == 1  # a headline alone is one window
    assert WINDOW_TOKENS == 250


def test_quoted_speech_is_never_marked_as_satire_on_style_alone(analyzer):
    quoted = "“I know how low I felt during those first few hours,” said Hicks, who was rescued."
    assert is_quoted_speech(quoted)
    assert not is_quoted_speech(UNQUOTED_JOKE)
    eager = copy.copy(analyzer)
    eager.model = dataclasses.replace(analyzer.model, passage_threshold=0.0, page_threshold=1.0)
    result = eager.analyze(build_document(QUOTED_NEWS, url="https://blog.example/x"))
    assert result.annotations == []  # every paragraph of this report quotes someone


def test_a_passage_is_marked_by_style_only_above_the_passage_threshold(analyzer):
    text = SERIOUS + "\n" + UNQUOTED_JOKE + "\n"
    page = "https://blog.example/x"
    shipped = analyzer.analyze(build_document(text, url=page))
    paragraph = analyzer._paragraphs(build_document(text))[-1]
    assert (len(shipped.annotations) == 1) == (paragraph.style >= analyzer.model.passage_threshold)
    eager = copy.copy(analyzer)
    eager.model = dataclasses.replace(
        analyzer.model, passage_threshold=paragraph.style, page_threshold=1.0
    )
    result = eager.analyze(build_document(text, url=page))
    assert result.summary["label"] == "contains_satire"
    [marked] = result.annotations
    assert text[marked.start : marked.end] == UNQUOTED_JOKE
    assert "style score" in marked.explanation
    on_news_site = eager.analyze(build_document(text, url="https://www.bbc.co.uk/news/x"))
    assert on_news_site.summary["label"] == "not_satire"  # there a passage must declare itself


def test_a_news_site_reads_the_style_at_its_lower_prior(analyzer):
    """On a listed news site satire is rarer (odds x 1/9): only a style of 0.9, far beyond
    what serious articles reach, reads as satire there (the real pages' Reuters and DW
    stories read as satire at 0.65 and 0.55 with the page threshold 0.33)."""
    blog = analyzer.analyze(build_document(SATIRE_PIECE, url="https://blog.example/x")).summary
    news = analyzer.analyze(build_document(SATIRE_PIECE, url="https://www.reuters.com/x")).summary
    raw, read = whole_text(blog)["score"], whole_text(news)["score"]
    assert read == pytest.approx(raw / (raw + 9 * (1 - raw)), abs=2e-3)
    assert news["label"] == ("satire" if raw >= 0.9 else "not_satire")
    assert blog["label"] == ("satire" if raw >= analyzer.model.page_threshold else "not_satire")
    assert [e["score"] for e in news["evidence"] if e.get("against")] == [0.5]


def test_a_news_site_page_that_declares_its_joke_still_contains_satire(app):
    result = run(app, SERIOUS + CLOSING_JOKE, url="https://www.theguardian.com/x")
    assert result["summary"]["label"] == "contains_satire"
    assert len(result["annotations"]) == 1


def test_a_satire_section_of_a_news_site_is_satire(app):
    url = "https://www.newyorker.com/humor/borowitz-report/x"
    result = run(app, SERIOUS, url=url)
    assert result["summary"]["label"] == "satire"
    assert [e["text"] for e in result["summary"]["evidence"] if e["kind"] == "domain"] == [
        "newyorker.com/humor/borowitz-report: The Borowitz Report (The New Yorker)"
    ]


def test_extra_news_domains_setting_extends_the_news_list(app):
    newsroom = build_app(
        slant_satire, env={"SLANT_PLUGIN_SATIRE_EXTRA_NEWS_DOMAINS": "riverton.test"}
    )
    summary = run(newsroom, SERIOUS, url="https://news.riverton.test/x")["summary"]
    assert summary["label"] == "not_satire"
    assert any("riverton.test" in e["text"] and e.get("against") for e in summary["evidence"])


def test_satire_reads_no_other_analyzer():
    """No dependence on opinion: its scores change when opinion is retrained."""
    assert slant_satire.SatireAnalyzer.depends_on == ()


def test_reference_oped_contains_satire_in_its_closing_paragraph(app, reference_oped):
    for url in (None, "https://someones-blog.example/2024/05/alliance.html"):
        result = run(app, reference_oped, url=url)
        assert result["summary"]["label"] == "contains_satire"
        [marked] = result["annotations"]
        assert marked["quote"].startswith("And\nwhat better end for this alliance")
        assert marked["quote"].endswith("desperation and\ndelusion.")
        assert "satirical thought" in marked["explanation"]


def test_reference_oped_with_every_analyzer_marks_only_its_closing_paragraph(reference_oped):
    result = run(build_app(slant_satire, slant_opinion), reference_oped)
    assert result["summary"]["label"] == "contains_satire"
    [marked] = result["annotations"]
    assert marked["quote"].startswith("And\nwhat better end for this alliance")


def test_reference_oped_without_its_closing_paragraph_is_not_satire(app, reference_oped):
    serious = reference_oped[: reference_oped.index("And\nwhat better end")]
    result = run(app, serious)
    assert result["summary"]["label"] == "not_satire"
    assert result["annotations"] == []


def test_shipped_model_is_small_and_holds_no_text():
    assert MODEL_PATH.stat().st_size <= 20_000_000
    model = StyleModel.load()
    longest = max(len(feature) for feature in model.vocabulary)
    assert longest < 80  # word pairs, never sentences


def test_the_headline_model_ships_small_and_scores_in_pure_python():
    model = HeadlineModel.load()
    assert HEADLINE_MODEL_PATH.stat().st_size < 2_000_000
    assert len(model.meaning.words) >= 15_000 and model.words and model.chars
    assert model.meaning.logit("Xyzzq qwrtpz") is None  # no known word: no meaning part
    headline = "Area Man Wins Argument"
    assert model.probability(headline) == pytest.approx(1 / (1 + math.exp(-model.logit(headline))))
    # Letter case is one small term, not a feature of every n-gram.
    assert 0 < model.case_weight <= 1
    lower = "area man wins argument"
    assert model.logit(headline) - model.logit(lower) == pytest.approx(2 * model.case_weight)


def test_char_ngrams_are_scikit_learns_char_wb():
    ab = [" ", "a", "b", " ", " a", "ab", "b ", " ab", "ab ", " ab "]
    c = [" ", "c", " ", " c", "c ", " c "]
    assert char_ngrams("ab c", 1, 4) == Counter([*ab, *c])
    assert title_case("Man Wins The Argument Of A Lifetime")
    assert not title_case("Man wins the argument") and not title_case("a b c")


def test_an_article_is_not_read_by_the_headline_model():
    analyzer = slant_satire.SatireAnalyzer()
    analyzer.setup({})
    evidence = analyzer.analyze(build_document(SERIOUS)).summary["evidence"]
    analyzer.headlines = dataclasses.replace(analyzer.headlines, intercept=50.0)
    assert analyzer.analyze(build_document(SERIOUS)).summary["evidence"] == evidence


def _example(set_name: str, group: str, satire: bool, paragraphs: int = 3):
    from slant_satire_training.data import Example

    return Example(
        set_name=set_name,
        id=f"{group}-{paragraphs}-{satire}",
        satire=satire,
        headline="A headline",
        paragraphs=tuple(f"paragraph {i} " + "word " * 50 for i in range(paragraphs)),
        group=f"{set_name}:{group}",
        label="satire" if satire else "real",
    )


def test_training_folds_keep_an_outlet_whole_and_spread_every_set():
    from slant_satire_training.data import grouped_folds

    examples = [
        _example("realnews", f"outlet{o}", False, paragraphs=2 + a)
        for o in range(10)
        for a in range(1 + o % 3)
    ] + [
        _example("golbeck2018", f"site{s}", True, paragraphs=2 + a)
        for s in range(5)
        for a in (0, 1)
    ]
    fold_of = grouped_folds(examples, folds=5)
    by_group: dict[str, set[int]] = {}
    for example, fold in zip(examples, fold_of, strict=True):
        by_group.setdefault(example.group, set()).add(fold)
    assert all(len(folds) == 1 for folds in by_group.values())
    for set_name in ("realnews", "golbeck2018"):
        assert {f for e, f in zip(examples, fold_of, strict=True) if e.set_name == set_name} == set(
            range(5)
        )


def test_polnear_publishers_share_their_realnews_outlets_fold(tmp_path):
    import gzip
    import json

    from slant_satire_training.data import grouped_folds, load_polnear

    path = tmp_path / "polnear.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for i, publisher in enumerate(("politico", "breitbart")):
            record = {"id": str(i), "text": "A headline\n\nA body.", "publisher": publisher}
            handle.write(json.dumps(record) + "\n")
    polnear = load_polnear(path)
    assert [e.group for e in polnear] == ["realnews:Politico", "polnear:breitbart"]
    assert not any(e.satire for e in polnear)
    examples = [_example("realnews", name, False) for name in ("Politico", "A", "B", "C")]
    before = grouped_folds(examples, folds=3)
    after = grouped_folds(examples + polnear, folds=3)
    assert after[: len(examples)] == before  # adding PolNeAR moves no other outlet
    assert after[len(examples)] == before[0]  # Politico's articles stay in one fold
    assert load_polnear(tmp_path / "absent.jsonl.gz") == []


def test_training_parts_are_a_title_alone_and_a_lead():
    from slant_satire_training.data import lead_of, title_of

    article = _example("realnews", "outlet", False, paragraphs=5)  # 52 words a paragraph
    assert title_of(article).paragraphs == () and title_of(article).part == "title"
    lead = lead_of(article, 120)
    assert lead.paragraphs == article.paragraphs[:2] and lead.part == "lead"
    assert lead_of(article, 1000) is None  # the whole article is no lead
    headline_only = _example("onionornot", "h", True, paragraphs=0)
    assert title_of(headline_only) is None and lead_of(headline_only, 120) is None


def test_a_topic_masked_model_reads_rare_words_as_their_part_of_speech():
    pytest.importorskip("sklearn")
    from slant_satire.features import BODY, HEADLINE, features, window_features
    from slant_satire_training.topic_mask import MaskedStyleModel, mask_features, mask_token

    kept = frozenset({"the", "man", "in", "his", "don't"})
    # (tokens are lower case: a name is known by its capitalised form in the lexicon)
    assert [mask_token(t, kept) for t in ("man", "garden", "london", "0", "!", "don't")] == [
        "man",
        "NOUN",
        "NAME",
        "0",
        "!",
        "don't",
    ]
    assert mask_token("soup's", kept) == "NOUN"  # a contraction by its head
    # Letter case is not read: a Title Case headline masks as its lower-case words do.
    assert mask_features(features("Man Grows Soup", HEADLINE), kept) == mask_features(
        features("man grows soup", HEADLINE), kept
    )
    model = MaskedStyleModel(
        vocabulary={"B:man VERB": (1.0, 2.0), "B:NOUN": (1.0, -1.0)},
        intercept=0.0,
        calibration={"document": (1.0, 0.0)},
        kept=kept,
    )
    windows = window_features(features("", HEADLINE), [["man", "grows"]])
    assert model.windows_logit(windows) == pytest.approx(2.0)
    assert model.logit(features("soup and salad", BODY)) < 0  # any noun weighs alike
