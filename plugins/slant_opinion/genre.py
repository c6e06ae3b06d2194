"""The article's genre, opinion piece or news report, from its text and the page's filing.

A piece is read from how its sentences score and how it is written: the share and spread
of opinion scores, the author's first person outside quotations, address to the reader,
attribution and quotation (a report's signs), questions and exclamations, length and
digits, "should"/"must" and judgement words ("hollow", "folly") outside quotations, a title
or kicker line that says it is opinion ("Opinion:", "Op-Ed |", a line "Commentary") and an
author's bio in the closing lines ("... is a professor
of ..."). Nothing about the outlet enters the text model: the same words on another site
read the same. A standardised logistic regression over these features, fitted on real articles
labelled by their outlet's opinion section (``slant_opinion_training.genre``), gives
P(opinion piece) at the base rate the model records (``prior``), its bias shifted to it.

A page that says where its outlet files it (a URL under /opinion/, /columnists/ ...; a title
"Opinion | ...") adds :data:`SECTION_LOGIT` to that: the outlet's own filing is what the
genre names, and when a reader's page carries it, it outweighs the text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from slant_opinion.features import EVALUATIVE

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DIGIT = re.compile(r"\d")
_QUOTED = re.compile(r"[\"“][^\"”]{0,600}[\"”]")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:\([A-Za-z .]+\))?\s*[-—–]|\((?:Reuters|AP|AFP)\)")
#: A first line (the title) that names its section: "Opinion: ...", "Op-Ed | ...".
_OPINION_TITLE = re.compile(
    r"^\s*(?:opinion|op-ed|commentary|editorial|column|analysis|perspective|view)\s*(?:[:|—–-]|$)",
    re.IGNORECASE,
)
#: "X is a professor of ...", "she was the editor of ...": an author's bio closing a piece.
_AUTHOR_BIO = re.compile(
    r"\b(?:is|was|serves as) (?:a|an|the)\b[^.\n]{0,120}\b(?:professor|columnist|author|writer"
    r"|contributor|fellow|editor|host|analyst|founder|director|president|chair(?:man|woman)?"
    r"|lecturer|researcher|economist|commentator|attorney|lawyer|former|senior|associate|member"
    r"|correspondent|journalist|ceo|scholar|strategist|consultant)\b"
    r"|\b(?:contributing|guest|syndicated) (?:columnist|writer|contributor)\b"
    r"|\b(?i:the views expressed)\b|\bis the author of\b"
)
OBLIGATION = frozenset("should must ought need needs shouldn't mustn't".split())
FIRST_SINGULAR = frozenset("i me my mine myself i'm i've i'd i'll".split())
FIRST_PLURAL = frozenset("we us our ours ourselves we're we've we'd we'll".split())
SECOND = frozenset("you your yours yourself you're you've".split())
ATTRIBUTION = frozenset(
    "said says told according reported announced spokesman spokeswoman spokesperson statement".split()
)
#: A whole path segment under which outlets file commentary ("/opinion/", "/op-eds/",
#: "/columnists/"). Whole segments only: "/opinion-poll-finds-..." is a news slug. Blogs and
#: "/analysis/" are left out: a newsroom's blog or analysis desk files reports too.
_OPINION_SECTION = re.compile(
    r"/(?:opinions?|editorials?|op-?eds?|commentary|columns?|columnists?|views|voices"
    r"|perspectives?)(?:/|$)"
)
#: A page title that carries the section as its kicker: "Opinion | ...", "... | Opinion".
_TITLE_SECTION = re.compile(
    r"^\s*(?:opinion|op-ed|commentary|editorial)\s*[:|—–]|[|—–]\s*(?:opinion|op-ed|commentary"
    r"|editorials?)\s*(?:[|—–]|$)",
    re.IGNORECASE,
)
#: What the outlet's own filing adds to the text's logit. Set, not fitted: the training
#: labels are defined by the same URL paths, so a fitted weight would only restate the rule.
#: +4 takes a text the model reads at 0.10 to 0.86.
SECTION_LOGIT = 4.0
#: Standard units beyond which a feature counts no further (see :func:`standardise`).
Z_CLIP = 3.0
_OWN_WORDS = {
    "first_singular": FIRST_SINGULAR,
    "first_plural": FIRST_PLURAL,
    "second_person": SECOND,
    "obligation": OBLIGATION,
    "evaluative": EVALUATIVE,
}
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
    "obligation",
    "evaluative",
    "opinion_title",
    "author_bio",
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
    folded = text.lower().replace("’", "'")
    quotations = _QUOTED.findall(folded)
    quoted = sum(map(len, quotations))
    words = _WORD.findall(folded)
    unquoted = Counter(_WORD.findall(_QUOTED.sub(" ", folded)) if quotations else words)
    n_unquoted = max(unquoted.total(), 1)
    n_words = max(len(words), 1)
    attributions = sum(1 for w in words if w in ATTRIBUTION)
    sentences = max(len(probabilities), 1)
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()] or [""]
    ends = " ".join(lines[:3])[:700] + "\n" + " ".join(lines[-3:])[-700:]
    own = {  # per 100 of the author's words (outside quotation marks)
        name: 100 * sum(unquoted[w] for w in vocabulary) / n_unquoted
        for name, vocabulary in _OWN_WORDS.items()
    }
    return [
        sum(scores) / len(scores),
        sum(1 for p in scores if p >= 0.5) / len(scores),
        _quantile(scores, 0.25),
        _quantile(scores, 0.5),
        _quantile(scores, 0.75),
        _quantile(scores, 0.9),
        sum(math.log(p / (1 - p)) for p in clipped) / len(clipped),
        own["first_singular"],
        own["first_plural"],
        own["second_person"],
        100 * attributions / n_words,
        quoted / max(len(text), 1),
        text.count("?") / sentences,
        text.count("!") / sentences,
        math.log1p(len(probabilities)),
        n_words / sentences / 20,
        100 * len(_DIGIT.findall(text)) / max(len(text), 1),
        float(bool(_DATELINE.search(text.strip()[:200]))),
        own["obligation"],
        own["evaluative"],
        float(any(_OPINION_TITLE.search(line) for line in lines[:2])),
        float(bool(_AUTHOR_BIO.search(ends))),
    ]


def standardise(value: float, mean: float, scale: float) -> float:
    """A feature in standard units, clipped to ±``Z_CLIP``.

    Short texts put rates per 100 words far outside the training range (one "should" in
    17 words); clipped, no one feature can carry a page to certainty on its own.
    """
    return max(-Z_CLIP, min(Z_CLIP, (value - mean) / scale))


def filed_as_opinion(url: str | None, title: str | None = None) -> bool:
    """Whether the page says its outlet files it under opinion: the URL's section or a title
    kicker ("Opinion | ..."). Page evidence, not text: it is the outlet's own label."""
    if url and _OPINION_SECTION.search(urlsplit(url).path.lower()):
        return True
    return bool(title and _TITLE_SECTION.search(title))


def genre_probability(
    features: Sequence[float], model: Mapping[str, Any], *, opinion_section: bool = False
) -> float:
    """P(opinion piece) from the standardised logistic regression in ``model``, moved by
    :data:`SECTION_LOGIT` when the page is filed under opinion."""
    logit = (
        SECTION_LOGIT * opinion_section
        + model["bias"]
        + sum(
            w * standardise(x, m, s)
            for w, x, m, s in zip(
                model["weights"], features, model["mean"], model["scale"], strict=True
            )
        )
    )
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    z = math.exp(logit)
    return z / (1.0 + z)
