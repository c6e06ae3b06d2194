"""The sources analyzer: attributions in the text, as slant annotations with a summary."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping
from typing import Any

from slant import Analyzer, AnalyzerResult, Annotation, Document

from slant_sources.extract import Attribution, SentenceReader
from slant_sources.lexicon import load_lexicon
from slant_sources.quotes import Quotations, quoted_regions
from slant_sources.tokens import Token, tag_span

_KIND_WORDS = {
    "direct": "quoted word for word",
    "mixed": "partly quoted, partly paraphrased",
    "indirect": "paraphrased, not quoted",
}
# Vague sourcing is worth flagging even inside someone else's claim.
_FLAGGED_WHEREVER = frozenset(["adverb", "nominal", "impersonal", "passive"])
_SCORES = {"speech": 0.85, "according": 0.9, "by_agent": 0.7, "stance": 0.6}


def find_attributions(document: Document) -> list[Attribution]:
    """Every attribution in the document's sentences, in text order.

    Only sentences with a possible cue are tagged, which halves the work on an op-ed.
    """
    text, lexicon = document.text, load_lexicon()
    quotations = Quotations(
        text, quoted_regions(text, list(document.paragraphs) or [(0, len(text))])
    )
    sentences = document.sentences
    tagged: dict[int, list[Token]] = {}

    def tokens_of(index: int) -> list[Token]:
        if index not in tagged:
            sentence = sentences[index]
            tagged[index] = tag_span(text, sentence.start, sentence.end)
        return tagged[index]

    found: list[Attribution] = []
    last_named: str | None = None
    for index, sentence in enumerate(sentences):
        tagged.pop(index - 3, None)  # only the two sentences before are looked back at
        if not lexicon.may_attribute(text[sentence.start : sentence.end]):
            continue
        tokens = tokens_of(index)
        reader = SentenceReader(text, tokens, lexicon, quotations, sentence)

        def names_before(at: int, index: int = index) -> list[str]:
            earlier = [t for i in range(max(0, index - 2), index) for t in tokens_of(i)]
            return _proper_names(earlier + tokens_of(index)[:at])

        in_sentence: list[Attribution] = []
        for mention, (first, last), kind, content in reader.attributions():
            cue = (tokens[first].start, tokens[last].end)
            attribution = _attribution(
                reader, mention, cue, kind, content, found, last_named, names_before
            )
            if attribution is not None:
                around = (min(attribution.source[0], cue[0]), max(attribution.source[1], cue[1]))
                attribution.kind = reader.kind_of(attribution.content, around)
                in_sentence.append(attribution)
        kept = _without_nested(in_sentence)
        found.extend(kept)
        for attribution in kept:  # he/she refer back to the last person named
            name = attribution.name
            if name and not name.lower().startswith("the ") and not attribution.vague:
                last_named = name
    return found


def _without_nested(attributions: list[Attribution]) -> list[Attribution]:
    """Drop attributions reported inside another's content.

    In "She said leaders had agreed", the leaders' agreement is part of what she
    said, not a second source; a vague cue ("reportedly") is kept wherever it is. When
    the outer and inner cues share their source
    ("Obama responded ... by saying that ..."), the inner, more specific cue is kept.
    """
    by_cue = sorted(range(len(attributions)), key=lambda k: attributions[k].cue[0])
    cue_starts = [attributions[k].cue[0] for k in by_cue]
    dropped: set[int] = set()
    for i, outer in enumerate(attributions):
        if outer.content is None:
            continue
        # Only the cues inside this content: the cost follows the nesting, not n squared.
        low = bisect_left(cue_starts, outer.content[0])
        high = bisect_left(cue_starts, outer.content[1])
        for j in by_cue[low:high]:
            inner = attributions[j]
            if i == j:
                continue
            if inner.source == outer.source:
                dropped.add(i)
            elif inner.form not in _FLAGGED_WHEREVER:
                dropped.add(j)
    return [a for i, a in enumerate(attributions) if i not in dropped]


def _attribution(reader, mention, cue, kind, content, found, last_named, names_before):
    tokens, text = reader.tokens, reader.text
    if mention is None:  # "reportedly", "it is widely believed": no one mentioned
        return Attribution(cue, None, None, cue, content, True, kind, mention=text[cue[0] : cue[1]])
    span = (tokens[mention.first].start, tokens[mention.last].end)
    words = text[span[0] : span[1]]
    if mention.form == "pronoun":
        name = _antecedent(words.lower(), found, last_named, names_before, reader, mention.first)
        if name is None:
            return None
        vague = name == ""
        return Attribution(span, name or None, None, cue, content, vague, "pronoun", mention=words)
    if mention.form == "vague":
        return Attribution(span, None, None, cue, content, True, "vague", mention=words)
    form = "description" if mention.form == "description" else kind
    return Attribution(span, mention.name, mention.role, cue, content, False, form, mention=words)


def _antecedent(
    pronoun: str,
    found: list[Attribution],
    last_named: str | None,
    names_before: Callable[[int], list[str]],
    reader: SentenceReader,
    at: int,
) -> str | None:
    """The name a pronoun stands for; "" for a vague antecedent; None when unknown."""
    if pronoun == "who":
        comma = at - 1
        if comma >= 0 and reader.tokens[comma].tag == ",":
            before = reader.mention_ending_at(comma - 1)
            if before is not None and before.form in {"name", "description"}:
                return before.name
            if before is not None and before.form == "vague":
                return ""
        return None
    if pronoun == "they":
        if found and found[-1].vague and found[-1].cue[0] >= reader.sentence[0] - 400:
            return ""
        return None
    if last_named is not None:
        return last_named
    names = names_before(at)
    return names[-1] if names else None


def _proper_names(tokens: list[Token]) -> list[str]:
    """Runs of two or more proper nouns ("Volodymyr Zelenskyy"): pronoun antecedents."""
    names, run = [], []
    for token in [*tokens, None]:
        if token is not None and token.tag in {"NNP", "NNPS"}:
            run.append(token.text)
        else:
            if len(run) >= 2:
                names.append(" ".join(run))
            run = []
    return names


def explain(attribution: Attribution) -> str:
    """One sentence a reader understands: who is cited and how, or what is missing."""
    if attribution.vague:
        mention = attribution.mention
        if attribution.form == "adverb":
            return f"“{mention}”: reported by whom? The claim is attributed to no one."
        if attribution.form in {"impersonal", "passive"}:
            return f"“{mention}”: by whom? No source is given for this claim."
        if attribution.form == "nominal":
            return f"“{mention}”: whose? The claim is attributed to no one."
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


def _vague_question(mention: str) -> str:
    words = mention.split()
    first = words[0].lower()
    if first == "the" and len(words) > 1:
        return f"No one named: who in {mention} says so?"
    if first in {"a", "an", "one"} and len(words) > 1:
        return f"Not named: which {' '.join(words[1:])}?"
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


class SourcesAnalyzer(Analyzer):
    """Who is cited, as what, saying what, and where the sourcing is vague."""

    name = "sources"
    version = "1.0.0"
    description = (
        "Finds every attribution: the named source and role, the reporting cue, the "
        "content and whether it is quoted; flags vague sourcing."
    )
    labels = ("named_source", "vague_source")
    languages = ("en",)
    model_card_file = "model-card.md"

    def setup(self, settings: Mapping[str, Any]) -> None:
        """Read the word lists and warm up the tagger, so no request pays for it."""
        super().setup(settings)
        load_lexicon()
        tag_span("He said so.", 0, 11)

    def analyze(self, document: Document) -> AnalyzerResult:
        """Find the attributions and summarize how the piece is sourced."""
        text = document.text
        annotations = []
        for found in find_attributions(document):
            annotations.append(
                Annotation(
                    start=found.source[0],
                    end=found.source[1],
                    label="vague_source" if found.vague else "named_source",
                    score=_SCORES.get(found.form, 0.75),
                    explanation=explain(found),
                    data={
                        "name": found.name,
                        "role": found.role,
                        "cue": _span(text, found.cue),
                        "content": _span(text, found.content),
                        "kind": found.kind,
                    },
                )
            )
        vague = sum(a.label == "vague_source" for a in annotations)
        return AnalyzerResult(
            summary=summarize(len(annotations) - vague, vague), annotations=annotations
        )
