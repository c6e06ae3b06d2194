"""The sources analyzer: attributions in the text, as slant annotations with a summary."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import Any

from slant import Analyzer, AnalyzerResult, Annotation, Document

from slant_sources import features, tagger
from slant_sources.attributions import QUANTIFIERS, Attribution, find_attributions
from slant_sources.lexicon import load_lexicon

_KIND_WORDS = {
    "direct": "quoted word for word",
    "mixed": "partly quoted, partly paraphrased",
    "indirect": "paraphrased, not quoted",
}


def in_article(document: Document, found: list[Attribution]) -> list[Attribution]:
    """The attributions whose cue lies in one of the document's sentences.

    The core leaves boilerplate (comment widgets, share prompts) out of the
    sentences; a cue there ("Post a Comment") is no one citing anyone.
    """
    starts = [s.start for s in document.sentences]
    kept = []
    for attribution in found:
        i = bisect_right(starts, attribution.cue[0]) - 1
        if i >= 0 and attribution.cue[0] < document.sentences[i].end:
            kept.append(attribution)
    return kept


def explain(attribution: Attribution) -> str:
    """One sentence a reader understands: who is cited and how, or what is missing."""
    if attribution.vague:
        mention = attribution.mention
        if attribution.form == "cue":  # "reportedly", "is believed": no one mentioned
            return f"“{mention}”: by whom? The claim is attributed to no one."
        if attribution.form == "pronoun":
            return f"“{mention}” refers back to people no one names."
        return _vague_question(mention)
    how = _KIND_WORDS[attribution.kind]
    who = attribution.name or attribution.mention
    if attribution.form == "pronoun":
        return f"“{attribution.mention}” refers back to {who}, {how}."
    if attribution.role:
        return f"{who} ({attribution.role}) is cited, {how}."
    if attribution.form == "description":
        return f"{who[:1].upper()}{who[1:]} is cited (no person named), {how}."
    return f"{who} is cited, {how}."


# A mention led by one of these is asked about as itself, not as "the …".
_QUANTIFIER_LEADS = QUANTIFIERS | {"all", "every", "each", "other"}


# Where a description's head noun ends: "the woman on fourteen who runs marathons".
_HEAD_ENDS = frozenset("of on in at who whom that which with from for to".split())


def _vague_question(mention: str) -> str:
    words = mention.split()
    first = words[0].lower()
    if first == "the" and len(words) > 1:
        nouns = []
        for word in words[1:]:
            if word.lower() in _HEAD_ENDS:
                break
            nouns.append(word.lower().strip(".,'’"))
        lexicon = load_lexicon()
        people, plurals = lexicon.person_nouns, lexicon.person_plurals
        if any(noun in people for noun in nouns):  # "the woman on fourteen …": a person
            return f"No one named: who is {mention}?"
        if any(n in plurals or (n.endswith("s") and n[:-1] in people) for n in nouns):
            return f"No one named: who are {mention}?"
        return f"No one named: who in {mention} says so?"
    if first in {"a", "an", "one"} and len(words) > 1:
        return f"Not named: which {' '.join(words[1:])}?"
    if first in _QUANTIFIER_LEADS:  # "who are the some experts?" reads wrong
        return f"No one named: “{mention}”, but who?"
    return f"No one named: who are the {mention.lower()}?"


def summarize(named: int, vague: int) -> dict[str, Any]:
    """The contract's summary: counts, label and share of named sources."""
    total = named + vague
    if total == 0:
        label = "unsourced"
    elif named >= 1 and named >= vague:
        label = "sourced"
    else:
        label = "thinly_sourced"
    headline = (
        f"{named} named source{'s' * (named != 1)}, {vague} vague attribution{'s' * (vague != 1)}"
    )
    return {
        "headline": headline,
        "label": label,
        "score": round(named / total, 4) if total else 0.0,
        "named": named,
        "vague": vague,
    }


def _span(text: str, span: tuple[int, int] | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"text": text[span[0] : span[1]], "start": span[0], "end": span[1]}


def _content(text: str, found: Attribution) -> dict[str, Any] | None:
    """The content span, and its parts where the attribution or the writer's words come
    between them ('"A," she said. "B."'): a reader is shown the parts, not what divides them."""
    content = _span(text, found.content)
    if content is not None:
        content["parts"] = [_span(text, part) for part in found.content_parts]
    return content


class SourcesAnalyzer(Analyzer):
    """Who is cited, as what, saying what, and where the sourcing is vague."""

    name = "sources"
    version = "2.4.5"
    description = (
        "Finds every attribution: the named source and role, the reporting cue, the "
        "content and whether it is quoted; flags vague sourcing."
    )
    labels = ("named_source", "vague_source")
    languages = ("en",)
    model_card_file = "model-card.md"

    def setup(self, settings: Mapping[str, Any]) -> None:
        """Read the word lists and open the models, so no request pays for it."""
        super().setup(settings)
        load_lexicon()
        features.load()
        tagger.load()

    def analyze(self, document: Document) -> AnalyzerResult:
        """Find the attributions and summarize how the piece is sourced."""
        text = document.text
        annotations = []
        for found in in_article(document, find_attributions(text)):
            annotations.append(
                Annotation(
                    start=found.source[0],
                    end=found.source[1],
                    label="vague_source" if found.vague else "named_source",
                    score=round(found.confidence, 4),
                    explanation=explain(found),
                    data={
                        "name": found.name,
                        "role": found.role,
                        "cue": _span(text, found.cue),
                        "content": _content(text, found),
                        "kind": found.kind,
                    },
                )
            )
        vague = sum(a.label == "vague_source" for a in annotations)
        return AnalyzerResult(
            summary=summarize(len(annotations) - vague, vague), annotations=annotations
        )
