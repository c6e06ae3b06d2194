"""The ``opinion`` analyzer: every sentence labelled opinion or fact, with its reasons.

Definition (CheckThat! subjectivity guidelines): a sentence is opinion when the author's own
judgement, evaluation, speculation, sarcasm or loaded wording is present; a sentence that
reports what someone else said is fact unless the author adds an evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slant import Analyzer, AnalyzerResult, Annotation, Document

from slant_opinion.cues import cue_kind
from slant_opinion.genre import filed_as_opinion, genre_features, genre_probability
from slant_opinion.model import OpinionModel, Scored
from slant_opinion.page_evidence import declared_opinion
from slant_opinion.prior import article_prior, reweight, training_prior

#: A token must move the logit at least this much to be shown as a cue.
CUE_MIN_SHARE = 0.12
MAX_CUES = 4
#: Scores this close to 0.5 are called borderline in the explanation.
BORDERLINE = 0.1
_OPENING_QUOTES = frozenset('"“«')
_CLOSING_QUOTES = frozenset('"”»')

#: What each cue kind means, as the explanation words it. Also the documented kinds.
KIND_PHRASES = {
    "evaluative": "evaluative words",
    "loaded": "loaded terms",
    "intensifier": "intensifiers",
    "stance": "verbs of holding a view",
    "hedge": "hedging",
    "modal": "modal verbs",
    "first_person": "the author's first-person voice",
    "address": "direct address to the reader",
    "rhetorical": "rhetorical punctuation",
    "figure": "figures",
    "date": "dates",
    "attribution": "attribution to a source",
    "quotation": "quotation marks",
    "name": "names",
}


class OpinionAnalyzer(Analyzer):
    """Labels each sentence opinion or fact with a calibrated score and its cue words."""

    name = "opinion"
    version = "1.5.2"
    description = "Marks each sentence as the author's opinion or a factual statement, and why."
    labels = ("opinion", "fact")
    languages = ("en",)
    model_card_file = "model-card.md"

    def setup(self, settings: Mapping[str, Any]) -> None:
        """Load the shipped weights and TextBlob's lexicon once per process."""
        super().setup(settings)
        self.model = OpinionModel.load()
        metadata = self.model.metadata
        self.training_prior = training_prior(
            metadata["training_opinion_share"], metadata["config"]["opinion_weight"]
        )

    def analyze(self, document: Document) -> AnalyzerResult:
        """One annotation per sentence of ``document``, and the share that read as opinion."""
        scored = [(span, self.model.score(document.quote(span))) for span in document.sentences]
        prior = article_prior([s.probability for _, s in scored], self.training_prior)
        annotations = [
            self._annotate(document, span.start, span.end, sentence, prior)
            for span, sentence in scored
        ]
        total = len(annotations)
        opinions = sum(1 for a in annotations if a.label == "opinion")
        share = opinions / total if total else 0.0
        filed_as = _filed_as_opinion(document)
        genre_score = genre_probability(
            genre_features(document.text, [s.probability for _, s in scored]),
            self.model.genre,
            opinion_section=filed_as is not None,
        )
        genre = "opinion_piece" if genre_score >= 0.5 else "news_report"
        summary = {
            "headline": f"{opinions} of {total} sentences read as opinion",
            "label": "opinion" if share > 0.5 else "fact",
            "score": round(share, 3),
            "article_prior": round(prior, 3),
            "genre": genre,
            "genre_score": round(genre_score, 3),
        }
        if filed_as is not None:
            summary["genre_filed_as"] = filed_as
        return AnalyzerResult(summary=summary, annotations=annotations)

    def _annotate(
        self, document: Document, start: int, end: int, scored: Scored, prior: float
    ) -> Annotation:
        alone = scored.probability
        probability = reweight(alone, prior, self.training_prior)
        label = "opinion" if probability >= 0.5 else "fact"
        cues = _cues(
            document.text, start, scored, self.model.lexicon, towards_opinion=label == "opinion"
        )
        by_context = (alone >= 0.5) != (label == "opinion")
        shown = self.model.calibrated(probability)  # the label is decided above, unscaled
        return Annotation(
            start=start,
            end=end,
            label=label,
            score=round(shown, 4),
            explanation=_explain(
                label,
                shown,
                cues,
                by_context=by_context,
                quoted=_a_quotation(document.text[start:end]),
            ),
            data={"cues": cues, "score_alone": round(self.model.calibrated(alone), 4)},
        )


def _cues(
    text: str,
    offset: int,
    scored: Scored,
    lexicon: Mapping[str, tuple[float, float]],
    *,
    towards_opinion: bool,
) -> list[dict]:
    """The telling tokens whose weights pushed the score most towards the label, in text order.

    Only tokens :func:`~slant_opinion.cues.cue_kind` gives a kind are shown: judgement words
    for an opinion, signs of reporting for a fact.
    """
    sign = 1.0 if towards_opinion else -1.0
    norms, surfaces = scored.norms, scored.surfaces
    contributions = scored.contributions
    candidates = sorted(
        (i for i, share in enumerate(contributions) if sign * share >= CUE_MIN_SHARE),
        key=lambda i: sign * contributions[i],
        reverse=True,
    )
    kinds: dict[int, str] = {}
    for index in candidates:
        kind = cue_kind(norms, surfaces, index, lexicon, towards_opinion=towards_opinion)
        if kind is not None:
            kinds[index] = kind
            if len(kinds) == MAX_CUES:
                break
    indexes = sorted(kinds)
    cues = []
    for index, (start, end) in zip(indexes, scored.spans(indexes), strict=True):
        start, end = offset + start, offset + end
        cues.append({"start": start, "end": end, "text": text[start:end], "kind": kinds[index]})
    return cues


def _a_quotation(sentence: str) -> bool:
    """The sentence is someone's words in quotation marks ('"There was nothing left to cut."').

    Its opinion is the speaker's: a news report that quotes a view does not take it.
    """
    stripped = sentence.strip()
    return len(stripped) > 2 and stripped[0] in _OPENING_QUOTES and stripped[-1] in _CLOSING_QUOTES


def _explain(
    label: str, probability: float, cues: list[dict], *, by_context: bool, quoted: bool = False
) -> str:
    """One short sentence: the label, the kinds of evidence, and the words themselves.

    ``by_context``: the sentence alone would have read the other way; the article's
    opinion share tipped it. ``quoted``: the sentence is a quotation, so an opinion in it
    is the speaker's, which the reader is told rather than "the author's view".
    """
    if by_context:
        lead = f"Borderline, leans {label} in a piece that is mostly opinion"
    elif abs(probability - 0.5) < BORDERLINE:
        lead = f"Borderline, leans {label}"
    else:
        lead = "Opinion" if label == "opinion" else "Fact"
    if label == "opinion" and quoted:
        lead = f"{lead}, quoted (the speaker's view, not necessarily the writer's)"
    if not cues:
        if label == "opinion":
            whose = "a personal view" if quoted else "the author's view"
            return f"{lead}: the sentence's overall wording reads as {whose}."
        return f"{lead}: no word in it weighs strongly towards opinion."
    kinds = list(dict.fromkeys(cue["kind"] for cue in cues))
    phrases = [KIND_PHRASES[kind] for kind in kinds[:3]]
    described = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
    words = ", ".join(f"'{cue['text']}'" for cue in cues)
    return f"{lead}: {described}: {words}."


def _filed_as_opinion(document: Document) -> str | None:
    """Where the page says its outlet files it under opinion, for a reader ("section
    'Opinion'", "its web address"), or None. A genre called on the page's word, with
    every sentence reading as fact, needs to say so."""
    declared = declared_opinion(document.page)
    if declared is not None:
        return declared
    if filed_as_opinion(document.url):
        return "its web address"
    if filed_as_opinion(None, document.title):
        return "its title"
    return None
