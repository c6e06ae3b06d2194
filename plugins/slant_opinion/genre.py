"""The article's genre, opinion piece or news report, from its text alone.

A piece is read from how its sentences score and how it is written: the share and spread
of opinion scores, the author's first person outside quotations, address to the reader,
attribution and quotation (a report's signs), questions and exclamations, length and
digits. Nothing about the outlet or the URL enters: the same words on another site read
the same. A standardised logistic regression over these features, fitted on real articles
labelled by their outlet's opinion section (``slant_opinion_training.genre``), gives
P(opinion piece).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DIGIT = re.compile(r"\d")
_QUOTED = re.compile(r"[\"“][^\"”]{0,600}[\"”]")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z .]+\))?\s*[-—–]|\((?:Reuters|AP|AFP)\)")
FIRST_SINGULAR = frozenset("i me my mine myself i'm i've i'd i'll".split())
FIRST_PLURAL = frozenset("we us our ours ourselves we're we've we'd we'll".split())
SECOND = frozenset("you your yours yourself you're you've".split())
ATTRIBUTION = frozenset(
    "said says told according reported announced spokesman spokeswoman spokesperson statement".split()
)
FEATURES = (
    "mean_score",
    "opinion_share",
    "score_q25",
    "score_q50",
    "score_q75",
    "score_q90",
    "mean_logit",
    "first_singular",
    "first_plural",
    "second_person",
    "attribution",
    "quoted_share",
    "questions",
    "exclamations",
    "log_sentences",
    "sentence_length",
    "digits",
    "dateline",
)


def _quantile(ordered: Sequence[float], q: float) -> float:
    """Linear-interpolated quantile of an ascending sequence (numpy's default)."""
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def genre_features(text: str, probabilities: Sequence[float]) -> list[float]:
    """The features of :data:`FEATURES` for an article and its sentences' P(opinion)."""
    scores = sorted(probabilities) or [0.5]
    clipped = [min(max(p, 1e-6), 1 - 1e-6) for p in scores]
    quotations = _QUOTED.findall(text)
    quoted = sum(map(len, quotations))
    words = _WORD.findall(text)
    unquoted = _WORD.findall(_QUOTED.sub(" ", text)) if quotations else words
    lowered = [w.lower().replace("’", "'") for w in unquoted]
    n_unquoted = max(len(lowered), 1)
    n_words = max(len(words), 1)
    attributions = sum(1 for w in words if w.lower() in ATTRIBUTION)
    sentences = max(len(probabilities), 1)
    return [
        sum(scores) / len(scores),
        sum(1 for p in scores if p >= 0.5) / len(scores),
        _quantile(scores, 0.25),
        _quantile(scores, 0.5),
        _quantile(scores, 0.75),
        _quantile(scores, 0.9),
        sum(math.log(p / (1 - p)) for p in clipped) / len(clipped),
        100 * sum(1 for w in lowered if w in FIRST_SINGULAR) / n_unquoted,
        100 * sum(1 for w in lowered if w in FIRST_PLURAL) / n_unquoted,
        100 * sum(1 for w in lowered if w in SECOND) / n_unquoted,
        100 * attributions / n_words,
        quoted / max(len(text), 1),
        text.count("?") / sentences,
        text.count("!") / sentences,
        math.log1p(len(probabilities)),
        n_words / sentences / 20,
        100 * len(_DIGIT.findall(text)) / max(len(text), 1),
        float(bool(_DATELINE.search(text.strip()[:200]))),
    ]


def genre_probability(features: Sequence[float], model: Mapping[str, Any]) -> float:
    """P(opinion piece) from the standardised logistic regression in ``model``."""
    logit = model["bias"] + sum(
        w * (x - m) / s
        for w, x, m, s in zip(
            model["weights"], features, model["mean"], model["scale"], strict=True
        )
    )
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    z = math.exp(logit)
    return z / (1.0 + z)
