"""slant plugin: hedges and boosters, the writer's caution and certainty.

An op-ed that says "perhaps" and "appears to" hedges its claims; one that
says "clearly" and "of course" asks the reader not to doubt them. This
analyzer marks both in the article's sentences and sums up which way the
piece leans. It reads words, not meaning: it cannot tell a hedge that is
honest caution from one that is insinuation ("some say...").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from slant import Analyzer, AnalyzerResult, Annotation, Document, Setting, hookimpl

from slant_hedging.lexicon import BOOSTERS, HEDGES, MODALS, NEGATIONS

__version__ = "0.1.0"

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_EXPLANATIONS = {
    "hedge": "“{cue}” softens the claim: the writer stops short of asserting it ({kind}).",
    "booster": "“{cue}” presents the claim as beyond doubt ({kind}).",
}


def _pattern(cues: Mapping[str, str]) -> re.Pattern[str]:
    """One alternation of every cue, each a group named by its index in the cue table."""
    parts = [f"(?P<c{index}>{cue})" for index, cue in enumerate(cues)]
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(parts) + r")(?![\w'’-])", re.IGNORECASE)


class HedgingAnalyzer(Analyzer):
    """Hedges ("perhaps", "appears to") and boosters ("clearly", "of course")."""

    name = "hedging"
    version = __version__
    description = "Marks hedges (perhaps, appears to) and boosters (clearly, of course): how sure the writer sounds."
    labels = ("hedge", "booster")
    languages = ("en",)
    settings = (
        Setting(
            "modals",
            bool,
            True,
            "Count may, might and could as hedges. They are the commonest hedges and the most "
            "ambiguous: 'you may enter' grants permission.",
        ),
        Setting(
            "min_markers",
            int,
            3,
            "Below this many hedges and boosters the summary says there are too few to tell.",
        ),
    )

    def setup(self, settings: Mapping[str, Any]) -> None:
        """Build the cue table and the one regular expression that finds them all."""
        self.min_markers = settings["min_markers"]
        hedges = {**(MODALS if settings["modals"] else {}), **HEDGES}
        self.cues = [("hedge", kind) for kind in hedges.values()] + [
            ("booster", kind) for kind in BOOSTERS.values()
        ]
        self.pattern = _pattern([*hedges, *BOOSTERS])

    def analyze(self, document: Document) -> AnalyzerResult:
        annotations: list[Annotation] = []
        words = 0
        for sentence in document.sentences:
            words += len(_WORD.findall(document.text, sentence.start, sentence.end))
            for match in self.pattern.finditer(document.text, sentence.start, sentence.end):
                mark = self._annotation(document.text, match)
                if mark is not None:
                    annotations.append(mark)
        return AnalyzerResult(self._summary(annotations, words), annotations)

    def _annotation(self, text: str, match: re.Match[str]) -> Annotation | None:
        label, kind = self.cues[int(match.lastgroup[1:])]
        cue = match.group()
        if cue == "May":  # the month far more often than the modal in news copy
            return None
        if label == "booster" and _negated(text, match.start()):
            return None
        return Annotation(
            start=match.start(),
            end=match.end(),
            label=label,
            score=None,  # a lexicon match, not a probability
            explanation=_EXPLANATIONS[label].format(cue=cue, kind=kind.replace("_", " ")),
            data={"cue": cue.lower(), "kind": kind},
        )

    def _summary(self, annotations: list[Annotation], words: int) -> dict[str, Any]:
        hedges = sum(a.label == "hedge" for a in annotations)
        boosters = len(annotations) - hedges
        markers = hedges + boosters
        score = hedges / markers if markers else 0.5
        if markers < self.min_markers:
            label, leaning = "too_few_markers", "too few to say how sure the writer sounds"
        elif score >= 2 / 3:
            label, leaning = "hedged", "the writer mostly hedges"
        elif score <= 1 / 3:
            label, leaning = "assertive", "the writer mostly asserts"
        else:
            label, leaning = "balanced", "hedges and boosters are balanced"
        return {
            "headline": f"{hedges} hedges and {boosters} boosters in {words} words: {leaning}",
            "label": label,
            "score": round(score, 3),
            "hedges": hedges,
            "boosters": boosters,
            "per_1000_words": round(1000 * markers / words, 1) if words else 0.0,
        }


def _negated(text: str, start: int) -> bool:
    """Whether the word just before ``start`` negates what follows ("not clearly")."""
    before = text[max(0, start - 12) : start].lower().rstrip()
    return any(before.endswith(negation) for negation in NEGATIONS)


@hookimpl
def register_analyzers(register):
    register(HedgingAnalyzer())
