"""What a page declares about itself (section, schema.org type, tags, byline role): read
from saved pages, carried by the request's ``page``, weighed by the genre and satire."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest
import requests
from slant import PageInfo
from slant.contract import PAGE_LIMITS
from slant.document import build_document
from slant.engine import Engine
from slant.engine.cache import MemoryCache
from slant.text.article import read_page
from slant.text.page_meta import declared_page_info
from slant_opinion.analyzer import OpinionAnalyzer
from slant_opinion.page_evidence import declared_opinion
from slant_satire import SatireAnalyzer

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "page-meta"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
PAGES = REPO / "tests" / "fixtures" / "pages"
#: The extension's browser test opens this page: a column filed under Opinion only in its
#: metadata (its address and title say nothing of the section).
COLUMN_PAGE = REPO / "extension" / "tests" / "e2e" / "fixtures" / "column.html"
COLUMN_URL = "http://127.0.0.2:8000/2026/11/03/sunday-libraries"


def as_wire(info: PageInfo) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(info).items()}


@pytest.fixture(scope="module")
def opinion() -> OpinionAnalyzer:
    analyzer = OpinionAnalyzer()
    analyzer.setup({})
    return analyzer


@pytest.fixture(scope="module")
def satire() -> SatireAnalyzer:
    analyzer = SatireAnalyzer()
    analyzer.setup({})
    return analyzer


@pytest.fixture(scope="module")
def column() -> str:
    return read_page(COLUMN_PAGE.read_bytes()).text


# Reading the page


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_server_reads_what_each_page_declares(name):
    """The same expectations the extension's reader is held to in Chromium."""
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    assert as_wire(declared_page_info(html)) == EXPECTED[name]


def test_what_is_read_is_always_a_valid_request():
    info = declared_page_info((FIXTURES / "limits.html").read_text(encoding="utf-8"))
    assert len(info.sections) == PAGE_LIMITS["sections"]
    assert len(info.tags) == PAGE_LIMITS["tags"]
    from slant.contract import AnalyzeRequestSchema

    loaded = AnalyzeRequestSchema().load({"text": "x", "page": as_wire(info)})
    assert loaded["page"] == info


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<p>a fragment</p>",
        "\x00\x01 not html",
        "<?xml version='1.0' encoding='latin-1'?><x/>",
    ],
)
def test_pages_that_declare_nothing_or_cannot_be_parsed_give_an_empty_page(html):
    assert declared_page_info(html) == PageInfo()
    assert not PageInfo()


def test_saved_pages_carry_their_section_and_type_to_the_page_meta():
    buses = read_page((PAGES / "heldout2-ghost-night-buses.html").read_bytes()).meta
    assert buses.sections == ("Opinion",)
    assert buses.info().sections == ("Opinion",)
    review = read_page((PAGES / "heldout2-review-saltmarsh.html").read_bytes()).meta
    assert "Review" in review.types
    news = read_page((PAGES / "news-council-budget.html").read_bytes()).meta
    assert declared_opinion(news.info()) is None


def test_a_url_or_title_the_caller_gives_keeps_the_pages_declarations():
    page = read_page(COLUMN_PAGE.read_bytes(), url="https://elsewhere.example/x", title="Mine")
    assert (page.meta.url, page.meta.title) == ("https://elsewhere.example/x", "Mine")
    assert page.meta.sections == ("Opinion",)


# What the opinion genre makes of it


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (PageInfo(sections=("Opinion",)), "section 'Opinion'"),
        (
            PageInfo(sections=("News > Opinion | Columnists",)),
            "section 'News > Opinion | Columnists'",
        ),
        (PageInfo(sections=("Editorials",)), "section 'Editorials'"),
        (PageInfo(sections=("Comment",)), "section 'Comment'"),
        (PageInfo(sections=("Arts", "Film review")), "section 'Film review'"),
        (PageInfo(types=("og:article", "OpinionNewsArticle")), "type OpinionNewsArticle"),
        (PageInfo(types=("Review",)), "type Review"),
        (PageInfo(types=("ReviewNewsArticle",)), "type ReviewNewsArticle"),
        (PageInfo(tags=("Transport", "Op-Ed")), "tag 'Op-Ed'"),
        (PageInfo(author_role="Contributing Columnist"), "byline 'Contributing Columnist'"),
        (PageInfo(author_role="Chief theatre critic"), "byline 'Chief theatre critic'"),
    ],
)
def test_declarations_of_commentary_are_opinion_evidence(page, reason):
    assert declared_opinion(page) == reason


@pytest.mark.parametrize(
    "page",
    [
        PageInfo(),
        PageInfo(sections=("News",)),
        PageInfo(sections=("World", "Politics")),
        PageInfo(sections=("Opinion polls",)),
        PageInfo(sections=("Year in review",)),
        PageInfo(sections=("Comment is free",)),  # a whole part only: "comment" alone
        PageInfo(types=("NewsArticle", "og:article", "BlogPosting", "AnalysisNewsArticle")),
        PageInfo(types=("SatiricalArticle",)),
        PageInfo(tags=("public opinion", "columns of smoke")),
        PageInfo(author_role="Staff reporter"),
    ],
)
def test_topics_generic_types_and_reporters_are_no_evidence(page):
    assert declared_opinion(page) is None


def test_a_declared_opinion_section_moves_the_genre_as_the_url_section_does(opinion, column):
    def genre(**kwargs) -> dict:
        return opinion.analyze(build_document(column, **kwargs)).summary

    bare = genre(url=COLUMN_URL)
    filed = genre(url=COLUMN_URL, page=PageInfo(sections=("Opinion",)))
    by_url = genre(url="http://127.0.0.2:8000/opinion/sunday-libraries")
    assert filed["genre"] == "opinion_piece"
    assert filed["genre_score"] == by_url["genre_score"] > bare["genre_score"]
    # The summary says why, for a reader whose sentences all read as fact.
    assert filed["genre_filed_as"] == "section 'Opinion'"
    assert by_url["genre_filed_as"] == "its web address"
    assert "genre_filed_as" not in bare
    # The same filing stated twice is one piece of evidence, not two.
    both = genre(url="http://127.0.0.2:8000/opinion/x", page=PageInfo(sections=("Opinion",)))
    assert both["genre_score"] == by_url["genre_score"]
    # A topical section says nothing either way.
    assert genre(url=COLUMN_URL, page=PageInfo(sections=("Politics",))) == bare


# What the satire analyzer makes of it


def test_a_page_typed_satirical_article_declares_the_whole_piece_satire(satire):
    text = (
        "The council voted on Tuesday to rename Monday, officials said.\n\n"
        "The new name will be announced after a public consultation next spring."
    )
    plain = satire.analyze(build_document(text, url="https://paper.example/x")).summary
    assert plain["label"] == "not_satire"
    page = PageInfo(types=("og:article", "SatiricalArticle"))
    declared = satire.analyze(build_document(text, url="https://paper.example/x", page=page))
    assert declared.summary["label"] == "satire"
    assert {"kind": "declaration", "text": "the page's type: SatiricalArticle", "score": 0.9} in (
        declared.summary["evidence"]
    )
    assert declared.summary["score"] >= 0.9
    assert all("metadata (type SatiricalArticle)" in a.explanation for a in declared.annotations)


# Through the engine and the API


def test_a_plugin_author_can_send_a_page_through_the_kit():
    import slant_satire
    from slant.testing import analyze, build_app

    app = build_app(slant_satire)
    text = "The council voted on Tuesday to rename Monday, officials said."
    result = analyze(app, text, "satire", page={"types": ["SatiricalArticle"]})
    assert result["summary"]["label"] == "satire"
    assert analyze(app, text, "satire")["summary"]["label"] == "not_satire"


def test_the_cache_tells_the_same_text_on_differently_filed_pages_apart(column):
    engine = Engine({"ANALYZERS": ("opinion",)}, cache=MemoryCache(100, 60, 10_000_000))

    def genre(page: PageInfo | None) -> str:
        summary = engine.analyze(column, url=COLUMN_URL, page=page).response["results"]
        return summary["opinion"]["summary"]["genre"]

    bare = genre(None)
    assert genre(PageInfo(sections=("Opinion",))) == "opinion_piece"
    assert genre(None) == bare
    assert genre(PageInfo()) == bare  # an empty page is no page


BAD_PAGES = [
    ("not an object", "Opinion"),
    ("sections not a list", {"sections": "Opinion"}),
    ("a section not a string", {"sections": [3]}),
    ("an empty section", {"sections": [""]}),
    ("a whitespace tag", {"tags": [" \n "]}),
    ("a section over 200 characters", {"sections": ["x" * 201]}),
    ("too many sections", {"sections": [f"s{i}" for i in range(PAGE_LIMITS["sections"] + 1)]}),
    ("too many tags", {"tags": [f"t{i}" for i in range(PAGE_LIMITS["tags"] + 1)]}),
    ("author_role a list", {"author_role": ["Columnist"]}),
    ("a lone surrogate", {"types": ["Opinion\ud800"]}),
]


@pytest.mark.parametrize(("case", "page"), BAD_PAGES, ids=[c for c, _ in BAD_PAGES])
def test_bad_page_values_get_a_422_naming_the_field(client, case, page):
    response = client.post("/api/v1/analyze", json={"text": "The council met.", "page": page})
    assert response.status_code == 422, response.get_data(as_text=True)
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert "page" in error["message"] and set(error["details"]) == {"page"}


def test_good_page_values_are_accepted_and_unknown_ones_ignored(client):
    page = {
        "sections": ["  Opinion  "],
        "types": None,
        "tags": [],
        "author_role": None,
        "from_a_newer_client": 1,
    }
    response = client.post("/api/v1/analyze", json={"text": "The council met.", "page": page})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert client.post("/api/v1/analyze", json={"text": "x", "page": None}).status_code == 200


def test_the_page_reaches_the_genre_over_real_http(live_server, column):
    def summary(**extra) -> dict:
        body = {"text": column, "url": COLUMN_URL, "analyzers": ["opinion"], **extra}
        response = requests.post(f"{live_server}/api/v1/analyze", json=body, timeout=60)
        assert response.status_code == 200, response.text
        return response.json()["results"]["opinion"]["summary"]

    bare = summary()
    filed = summary(page={"sections": ["Opinion"], "types": ["NewsArticle", "og:article"]})
    assert filed["genre"] == "opinion_piece"
    assert filed["genre_score"] > bare["genre_score"]
    assert summary(page={"sections": ["Politics"]}) == bare
    bad = requests.post(
        f"{live_server}/api/v1/analyze",
        json={"text": column, "page": {"sections": ["x" * 500]}},
        timeout=60,
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["details"] == {
        "page": {"sections": {"0": ["is longer than 200 characters"]}}
    }


def test_slant_analyze_reads_the_section_from_a_saved_page():
    result = subprocess.run(
        [sys.executable, "-m", "slant", "analyze", str(COLUMN_PAGE), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["page"]["sections"] == ["Opinion"]
    assert body["page"]["url"] is None  # nothing in the page's address says opinion
    assert body["results"]["opinion"]["summary"]["genre"] == "opinion_piece"


def test_a_jsonl_line_carries_its_page_as_the_api_does(tmp_path, column):
    records = [
        {"id": "filed", "text": column, "url": COLUMN_URL, "page": {"sections": ["Opinion"]}},
        {"id": "bare", "text": column, "url": COLUMN_URL},
        {"id": "bad", "text": column, "page": {"tags": "Opinion"}},
        # The line's page wins over what the page itself says, as its url does.
        {
            "id": "page",
            "html": COLUMN_PAGE.read_text(encoding="utf-8"),
            "page": {"sections": ["News"]},
        },
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "slant", "analyze", str(feed), "--analyzers", "opinion"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    out = {line["source"]: line for line in map(json.loads, result.stdout.splitlines())}
    genre = {
        k: v["response"]["results"]["opinion"]["summary"]["genre"]
        for k, v in out.items()
        if "response" in v
    }
    assert genre["filed"] == "opinion_piece"
    assert out["filed"]["page"]["sections"] == ["Opinion"]
    assert out["page"]["page"]["sections"] == ["News"]
    assert genre["page"] == genre["bare"]
    assert out["bad"]["error"]["code"] == "validation_error"
    assert "page: tags: Not a valid list." in out["bad"]["error"]["message"]
