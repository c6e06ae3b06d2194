"""How much of a text argues in the author's own voice, from the ``opinion`` analyzer.

Satire in the training data (The Onion, the Borowitz Report, web satire) is
mostly deadpan news: mock reports with fake quotes. A serious opinion column
is dense with the writer's own evaluations. The style model never saw an
op-ed, so it reads pointed opinion writing as satire-like; the mean
P(opinion) of the body sentences tells the two apart where style cannot.

The same statistic is computed at run time (from the result the core hands
over) and at training time (from the opinion analyzer run here), so the
ceiling learned in training means the same thing when it is applied.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from typing import Any

from slant import Document, Span

OPINION = "opinion"


def opinion_result(document: Document) -> Mapping[str, Any] | None:
    """The ``opinion`` result the core handed over, or None when opinion is not enabled.

    A document built outside the core (a script, a unit test) carries no
    results at all; that counts as "not enabled" too.
    """
    try:
        result = document.result_of(OPINION)
    except KeyError:
        return None
    if not result or result.get("status", "ok") != "ok":
        return None
    return result


def mean_opinion(result: Mapping[str, Any] | None, body: Sequence[Span]) -> float | None:
    """Mean P(opinion) of the sentences that start inside ``body``; None without any."""
    if result is None:
        return None
    starts = [span.start for span in body]  # in text order, as the document gives them
    scores = []
    for annotation in result.get("annotations", ()):
        start = annotation["start"]
        index = bisect_right(starts, start) - 1
        inside = index >= 0 and start < body[index].end
        if inside and annotation.get("score") is not None:
            scores.append(float(annotation["score"]))
    return sum(scores) / len(scores) if scores else None


def with_opinion(document: Document, analyzer: Any) -> Document:
    """``document`` as the core hands it to satire: with ``analyzer``'s opinion result.

    For training and evaluation, which run outside the core.
    """
    result = analyzer.analyze(document)
    wire = {
        "status": "ok",
        "summary": dict(result.summary),
        "annotations": [asdict(a) for a in result.annotations],
    }
    return replace(document, _results={OPINION: wire})
