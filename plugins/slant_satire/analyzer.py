"""The satire analyzer: is the piece satire, or a serious piece with a satirical passage?

Three kinds of evidence, strongest first:

- ``domain``: the page is on a known satire site (``data/satire-domains.json``,
  extended by the ``extra_domains`` setting): the whole piece is satire.
- ``declaration``: the text says it is satire. A disclaimer ("this article is
  satire") covers the whole piece; a local declaration ("what better end ...
  than a satirical thought") covers its paragraph and the paragraphs after it
  that keep the satirical style, and tells us the rest is meant seriously.
- ``style``: the learned model (``model.py``) scores the whole text and each
  paragraph; a whole-text score at the threshold or more makes the piece
  satire, and a paragraph far above what serious articles reach marks a
  passage. A lone paragraph is judged as such a passage would be.

The threshold is a prior. A text without a url is judged at the calibrated
balance point, ``style_threshold`` (0.5: the benchmark sets, where every
other text is satire). A web page (a url not on the satire list) is judged at
``page_style_threshold`` (0.9: about one page in ten satire, already generous
once the satire sites are known): the model, trained on few sources, scores
real news from other outlets up to 0.85 (model card). On a known news site
(``data/news-domains.json``) a passage must also declare itself.

Style alone calls a whole piece satire only when the piece reads like deadpan
news rather than an argument in the writer's own voice: the ``opinion``
analyzer's mean sentence score must not exceed what known satire reaches
(``voice.py``). Without the opinion analyzer, style decides alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slant import Analyzer, AnalyzerResult, Annotation, Document, Setting, Span

from slant_satire.declarations import LOCAL, WHOLE, Declaration, find_declarations
from slant_satire.domains import NEWS_SITES_PATH, Site, load_sites, match_site, parse_extra
from slant_satire.features import (
    BODY,
    HEADLINE,
    HEADLINE_MAX_CHARS,
    features,
    token_features,
    tokens,
)
from slant_satire.headline_meaning import HeadlineMeaning
from slant_satire.model import StyleModel
from slant_satire.voice import OPINION, mean_opinion, opinion_result

# Probabilities for evidence that is not learned: set by judgement, documented
# in the model card. A satire site now and then runs a serious notice; a
# declaration can be ironic itself.
DOMAIN_SCORE = 0.95
DECLARATION_SCORES = {WHOLE: 0.9, LOCAL: 0.85}
# Whole-text style score from which style alone calls a text without a url
# satire: the balance point of a score calibrated on sets where every other
# text is satire.
STYLE_THRESHOLD = 0.5
# The same for a web page not on a known satire site, where about one page in
# ten being satire is already generous. Real news from outlets outside the
# training data scores up to 0.85 (PolNeAR: 6 of 13 real articles called
# satire at 0.5, none at 0.9); the model card has the table.
PAGE_STYLE_THRESHOLD = 0.9
# A whole-text score from here on, carried by a minority of paragraphs, marks
# those paragraphs (a satirical passage tipping a serious piece).
STYLE_LEAN = 0.5


@dataclass
class _Paragraph:
    span: Span
    counts: Mapping[str, int]  # body features the model knows
    words: int
    style: float  # calibrated P(satire) of this paragraph alone


class SatireAnalyzer(Analyzer):
    """Whole-piece satire, satirical passages in serious pieces, and why."""

    name = "satire"
    version = "1.0.0"
    description = (
        "Tells whether the piece is satire, or a serious piece with a satirical passage, "
        "from known satire sites, passages that declare themselves satire, and writing style."
    )
    labels = ("satire",)
    languages = ("en",)
    model_card_file = "model-card.md"
    depends_on = (OPINION,)
    settings = (
        Setting(
            "extra_domains",
            str,
            "",
            "More satire sites, comma-separated: 'example.com' or 'example.com/humor'.",
        ),
        Setting(
            "style_threshold",
            float,
            STYLE_THRESHOLD,
            "Whole-text style score from which style alone calls a text without a url "
            "satire (0.5: best accuracy on the benchmark sets; higher: less false satire).",
        ),
        Setting(
            "page_style_threshold",
            float,
            PAGE_STYLE_THRESHOLD,
            "The same for a web page (a url not on a known satire site), where satire is rare.",
        ),
        Setting(
            "extra_news_domains",
            str,
            "",
            "More news sites, comma-separated: 'example.com' or 'example.com/news'.",
        ),
    )

    def setup(self, settings: Mapping[str, Any]) -> None:
        """Load the style model and the site list once per process."""
        super().setup(settings)
        self.model = StyleModel.load()
        self.meaning: HeadlineMeaning | None = HeadlineMeaning.load()
        self.sites = load_sites() + parse_extra(settings.get("extra_domains"))
        self.news_sites = load_sites(NEWS_SITES_PATH) + parse_extra(
            settings.get("extra_news_domains")
        )
        self.style_threshold = float(settings.get("style_threshold", STYLE_THRESHOLD))
        self.page_style_threshold = float(
            settings.get("page_style_threshold", PAGE_STYLE_THRESHOLD)
        )

    def analyze(self, document: Document) -> AnalyzerResult:
        """Weigh site, declarations and style; mark the satirical paragraphs."""
        paragraphs = self._paragraphs(document)
        headline = self._headline(document, paragraphs)
        whole = _sum_counts(headline, paragraphs)
        unit = _unit(headline, paragraphs)
        style = self.model.probability(self.model.logit(whole), unit)
        if headline and not any(p.words for p in paragraphs):
            style = self._with_meaning(style, headline)
        site = match_site(document.url, self.sites)
        news = None if site else match_site(document.url, self.news_sites)
        on_page = bool(document.url) and site is None
        whole_threshold = self.page_style_threshold if on_page else self.style_threshold
        # A lone paragraph is judged as a passage would be inside a serious piece:
        # the same text should not count as satire more easily on its own.
        if unit == "paragraph":
            whole_threshold = max(whole_threshold, self.model.paragraph_threshold)
        lean_threshold = min(STYLE_LEAN, whole_threshold)
        declarations = [
            (index, d)
            for index, p in enumerate(paragraphs)
            for d in find_declarations(document.quote(p.span), p.span.start)
        ]
        evidence: list[dict[str, Any]] = []
        if site is not None:
            evidence.append(
                {
                    "kind": "domain",
                    "text": f"{site.domain}{site.path}: {site.name}",
                    "score": DOMAIN_SCORE,
                }
            )
        if news is not None:
            evidence.append(
                {
                    "kind": "domain",
                    "text": f"{news.domain}{news.path}: {news.name}, a news site",
                    "score": round(1.0 - self.page_style_threshold, 3),
                    "against": True,
                }
            )
        evidence += [
            {"kind": "declaration", "text": d.text, "score": DECLARATION_SCORES[d.kind]}
            for _, d in declarations
        ]
        evidence.append({"kind": "style", "text": "whole text", "score": round(style, 3)})

        opinion = opinion_level(document)
        argues = self._argues_in_own_voice(opinion, style)
        style_leans = style >= lean_threshold and not argues
        style_whole = style >= whole_threshold and not argues
        if argues:  # only a style at the passage threshold would have counted
            whole_threshold = max(whole_threshold, self.model.paragraph_threshold)
        whole_reason = self._whole_piece_reason(site, declarations, style_whole, style, paragraphs)
        if whole_reason is not None:
            label = "satire"
            marked = {i: whole_reason for i in range(len(paragraphs))}
        else:
            declared = self._declared_passages(paragraphs, declarations)
            threshold = self.model.paragraph_threshold
            if style_leans and not declared and not self._style_runs_through(paragraphs):
                threshold = STYLE_LEAN  # the lean of the whole text sits in these paragraphs
            # On a news site a passage must declare itself: style-marked paragraphs in
            # real news from unseen outlets are mostly quoted speech (model card).
            by_style = {} if news else self._style_passages(paragraphs, declared, threshold)
            marked = {**by_style, **declared}
            label = "contains_satire" if marked else "not_satire"
            if marked and len(marked) == len(paragraphs) and paragraphs:
                label = "satire"
            evidence += [
                {
                    "kind": "style",
                    "text": f"paragraph {i + 1}",
                    "score": round(paragraphs[i].style, 3),
                }
                for i in sorted(marked)
                if i not in declared
            ]
        score = _combined_score(evidence, whole_threshold)
        annotations = [
            Annotation(
                paragraphs[i].span.start,
                paragraphs[i].span.end,
                "satire",
                round(max(paragraphs[i].style, score if label == "satire" else 0.0), 3),
                reason,
                {"paragraph_style": round(paragraphs[i].style, 3)},
            )
            for i, reason in sorted(marked.items())
        ]
        summary = {
            "headline": _headline_text(
                label, len(annotations), evidence, opinion if argues else None, news, on_page
            ),
            "label": label,
            "score": round(score, 3),
            "evidence": evidence,
        }
        return AnalyzerResult(summary=summary, annotations=annotations)

    def _with_meaning(self, style: float, headline: str) -> float:
        """A headline alone: its words' style averaged with what it is about.

        Words alone cannot tell a satire headline from a real absurd one
        (r/NotTheOnion); the headline-meaning model adds what a sentence
        encoder made of each word (held out: 0.763 -> model card).
        """
        meaning = self.meaning.probability(headline) if self.meaning else None
        return style if meaning is None else (style + meaning) / 2

    def _argues_in_own_voice(self, opinion: float | None, style: float) -> bool:
        """More opinionated than known satire: a column, not mock news (None: unknown).

        A style score at the passage threshold, which serious articles almost
        never reach, still counts: a satirical column in the first person
        ("By Vladimir Putin") is as opinionated as a serious one.
        """
        ceiling = self.model.opinion_ceiling
        return (
            opinion is not None
            and ceiling is not None
            and opinion > ceiling
            and style < self.model.paragraph_threshold
        )

    def _paragraphs(self, document: Document) -> list[_Paragraph]:
        boilerplate = set(document.boilerplate)
        found = []
        for span in document.paragraphs:
            if span in boilerplate:
                continue
            toks = tokens(document.quote(span))
            logit, counts = self.model.logit_and_known(token_features(toks, BODY))
            words = sum(1 for t in toks if t[0].isalpha())
            found.append(
                _Paragraph(span, counts, words, self.model.probability(logit, "paragraph"))
            )
        return found

    @staticmethod
    def _headline(document: Document, paragraphs: list[_Paragraph]) -> str:
        """The title, or a short one-line first paragraph (as in the training data).

        A first paragraph taken as the headline is no longer scored as body text.
        """
        if document.title:
            return document.title
        if paragraphs:
            first = document.quote(paragraphs[0].span)
            if _is_headline_line(first):
                paragraphs[0] = _Paragraph(paragraphs[0].span, {}, 0, 0.0)
                return first
        return ""

    def _whole_piece_reason(
        self,
        site: Site | None,
        declarations: list[tuple[int, Declaration]],
        style_whole: bool,
        style: float,
        paragraphs: list[_Paragraph],
    ) -> str | None:
        """Why the whole piece is satire, or None when it is not (or not all of it)."""
        if site is not None:
            return f"Published on {site.name}, a known satire site."
        disclaimer = next((d for _, d in declarations if d.kind == WHOLE), None)
        if disclaimer is not None:
            return f"The piece declares itself satire: “{disclaimer.text}”."
        if any(d.kind == LOCAL for _, d in declarations):
            return None  # the writer marked where the joke starts: the rest is serious
        if style_whole and self._style_runs_through(paragraphs):
            return f"The whole piece reads as satire (style score {style:.2f})."
        return None

    def _style_runs_through(self, paragraphs: list[_Paragraph]) -> bool:
        """At least half of the paragraphs long enough to judge lean satirical.

        When the whole-text lean comes from a minority of paragraphs, the piece
        is a serious one with satirical passages, not satire as a whole. A lean
        that no single paragraph shows belongs to the whole piece.
        """
        judged = [p.style for p in paragraphs if p.words >= self.model.min_paragraph_words]
        leaning = sum(s >= STYLE_LEAN for s in judged)
        return len(judged) < 2 or leaning == 0 or 2 * leaning >= len(judged)

    @staticmethod
    def _declared_passages(
        paragraphs: list[_Paragraph], declarations: list[tuple[int, Declaration]]
    ) -> dict[int, str]:
        """Paragraphs a local declaration covers, each with the reason it is marked."""
        marked: dict[int, str] = {}
        for index, declaration in declarations:
            if declaration.kind != LOCAL:
                continue
            marked.setdefault(index, f"This passage declares itself satire: “{declaration.text}”.")
            for follower in range(index + 1, len(paragraphs)):
                if paragraphs[follower].style < STYLE_LEAN:
                    break
                marked.setdefault(
                    follower,
                    f"Continues the satire declared earlier (“{declaration.text}”) "
                    f"in the same style (score {paragraphs[follower].style:.2f}).",
                )
        return marked

    def _style_passages(
        self, paragraphs: list[_Paragraph], declared: Mapping[int, str], threshold: float
    ) -> dict[int, str]:
        """Paragraphs whose style alone reads as satire (score at least ``threshold``)."""
        return {
            index: f"Its writing reads as satire (style score {paragraph.style:.2f})."
            for index, paragraph in enumerate(paragraphs)
            if index not in declared
            and paragraph.words >= self.model.min_paragraph_words
            and paragraph.style >= threshold
        }


def opinion_level(document: Document) -> float | None:
    """Mean P(opinion) of the body sentences (not the headline), or None without opinion."""
    boilerplate = set(document.boilerplate)
    body = [span for span in document.paragraphs if span not in boilerplate]
    if body and not document.title and _is_headline_line(document.quote(body[0])):
        body = body[1:]
    return mean_opinion(opinion_result(document), body)


def _is_headline_line(text: str) -> bool:
    """A short one-line first paragraph reads as the headline, as in the training data."""
    return "\n" not in text and len(text) <= HEADLINE_MAX_CHARS


def _unit(headline: str, paragraphs: list[_Paragraph]) -> str:
    """Which calibration fits the whole text: ``"document"``, or ``"paragraph"`` for a lone one.

    A single paragraph without a headline is the unit the paragraph
    calibration was fitted on; the document calibration, fitted on whole
    articles and headlines, is overconfident there (an opinionated paragraph
    scored 0.53 as a "document" and 0.38 as what it is).
    """
    body = [p for p in paragraphs if p.words]
    return "paragraph" if not headline and len(body) == 1 else "document"


def _sum_counts(headline: str, paragraphs: list[_Paragraph]) -> Counter[str]:
    whole = features(headline, HEADLINE)
    for paragraph in paragraphs:
        whole.update(paragraph.counts)
    return whole


def _combined_score(evidence: list[dict[str, Any]], whole_threshold: float) -> float:
    """P(satire or contains satire): the style score, raised by each independent clue.

    Noisy-OR over the domain, the declarations (one per kind) and the
    strongest style score, whole text or a marked paragraph; a news site
    (``against``) is no clue for satire but a prior. The whole-text style
    probability is calibrated on balanced training sets, where every other text
    is satire. Its odds are shifted so that ``whole_threshold`` maps to 0.5, the
    prior that threshold implies (0.5: none; 0.9 for a web page: about one page
    in ten), so the score agrees with the label.
    """
    shift = (1.0 - whole_threshold) / whole_threshold
    styles = [
        _shift_odds(e["score"], shift) if e["text"] == "whole text" else e["score"]
        for e in evidence
        if e["kind"] == "style"
    ]
    style = max(styles, default=0.0)
    clues = {
        (e["kind"], e["score"]) for e in evidence if e["kind"] != "style" and not e.get("against")
    }
    remaining = 1.0 - style
    for _, score in clues:
        remaining *= 1.0 - score
    return 1.0 - remaining


def _shift_odds(probability: float, factor: float) -> float:
    """``probability`` with its odds multiplied by ``factor``."""
    if probability >= 1.0:
        return 1.0
    odds = probability / (1.0 - probability) * factor
    return odds / (1.0 + odds)


def _headline_text(
    label: str,
    passages: int,
    evidence: list[dict[str, Any]],
    own_voice: float | None,
    news: Site | None,
    on_page: bool,
) -> str:
    """One line for the reader; ``own_voice`` is the opinion level that overruled style."""
    kinds = {e["kind"]: e for e in evidence if not e.get("against")}
    whole_style = next(e["score"] for e in evidence if e["text"] == "whole text")
    if label == "satire":
        if "domain" in kinds:
            return f"Satire: from {kinds['domain']['text'].split(': ', 1)[1]}, a satire site"
        if "declaration" in kinds:
            return "Satire: the piece says so"
        return "Reads as satire throughout"
    if label == "contains_satire":
        noun = "passage" if passages == 1 else "passages"
        how = "declared" if "declaration" in kinds else "by its style"
        return f"A serious piece with {passages} satirical {noun} ({how})"
    if own_voice is not None and whole_style >= STYLE_LEAN:
        return (
            "Not satire: its style leans satirical, but it argues in the writer's own voice "
            f"(opinion {own_voice:.2f}) like an opinion column, not like mock news"
        )
    if news is not None and whole_style >= STYLE_LEAN:
        return (
            f"Not satire: published by {news.name}, a news site, and its style leans "
            "satirical (as news from outlets the model never saw often does) but not enough "
            "for a news site"
        )
    if on_page and whole_style >= STYLE_LEAN:
        return (
            "Not satire: its style leans satirical, as opinion writing and news from "
            "unfamiliar outlets often do, but not enough for a page from a site not known "
            "for satire"
        )
    if whole_style >= STYLE_LEAN:
        return (
            "Not satire: its style leans satirical, as opinion writing and news from "
            "unfamiliar outlets often do, but not enough to call it satire"
        )
    return "No sign of satire"
