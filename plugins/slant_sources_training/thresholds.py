"""Choose the source-confidence thresholds by cross-validation over PolNeAR's training articles.

``make train-sources SOURCES_CV=3`` runs this: for each of three folds of articles
(article i in fold i mod 3) both CRFs are trained on the other two folds' even
articles (280, to fit the time), the analyzer runs with every threshold open on
the fold's 280 articles, and each setting of the thresholds is then scored on the
attributions it keeps, pooled over the three folds. The table is written to
``threshold-cv.txt`` beside this file, which ``make eval-sources`` prints; the dev
articles play no part.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from slant.document import build_document
from slant_sources import attributions, tagger
from slant_sources.analyzer import in_article
from slant_sources.attributions import Attribution, find_attributions

from slant_sources_training.evaluate import _f1, _words, match
from slant_sources_training.polnear import THRESHOLD_TABLE

NAMED = (0.0, 0.5, 0.6, 0.7, 0.8)
VAGUE = (0.0, 0.4, 0.5, 0.6)
UNSOURCED = (1.1, 0.95, 0.9, 0.8)


def _open_all() -> None:
    attributions.MIN_NAMED_CONFIDENCE = 0.0
    attributions.MIN_VAGUE_CONFIDENCE = 0.0
    attributions.UNSOURCED_CONFIDENCE = 0.0


def predictions(articles: list[dict[str, Any]]) -> list[tuple[dict, list[Attribution]]]:
    """Every article with the attributions the analyzer finds in it, thresholds open."""
    _open_all()
    out = []
    for article in articles:
        document = build_document(article["text"])
        out.append((article, in_article(document, find_attributions(article["text"]))))
    return out


def _kept(found: list[Attribution], setting: tuple[float, float, float]) -> list[Attribution]:
    named, vague, unsourced = setting
    attributions.MIN_NAMED_CONFIDENCE = named
    attributions.MIN_VAGUE_CONFIDENCE = vague
    attributions.UNSOURCED_CONFIDENCE = unsourced
    return [a for a in found if attributions.keep(a)]


def figures(
    predicted: list[tuple[dict, list[Attribution]]], setting: tuple[float, float, float]
) -> dict[str, float]:
    """Source P, R, F1, vague recall and content F1 of one setting of the thresholds."""
    return pooled((article, _kept(found, setting)) for article, found in predicted)


def pooled(scored: Iterable[tuple[dict, list[Attribution]]]) -> dict[str, float]:
    """Source P, R, F1, vague recall and content F1 of the attributions kept for each
    article, matched to its gold ones and pooled over all the articles."""
    gold = pred = matched = vague_gold = vague_found = 0
    right = extra = missed = 0
    for article, kept in scored:
        golds = article["sources"]
        preds = [{"source": a.source, "cue": a.cue, "content": a.content} for a in kept]
        pairs = match(golds, preds)
        gold += len(golds)
        pred += len(preds)
        matched += len(pairs)
        vague_gold += sum(g["kind"] == "vague" for g in golds)
        for gi, pi, _ in pairs:
            vague_found += golds[gi]["kind"] == "vague"
            g = _words(article["text"], [tuple(s) for s in golds[gi]["content_spans"]])
            c = preds[pi]["content"]
            p = _words(article["text"], [c] if c else [])
            right += len(g & p)
            extra += len(p - g)
            missed += len(g - p)
    precision = matched / pred if pred else 0.0
    recall = matched / gold if gold else 0.0
    content = _f1(right / (right + extra or 1), right / (right + missed or 1))
    return {
        "P": precision,
        "R": recall,
        "F1": _f1(precision, recall),
        "vague R": vague_found / vague_gold if vague_gold else 0.0,
        "content F1": content,
    }


def choose(rows: list[tuple[tuple[float, float, float], dict[str, float]]]) -> int:
    """The rule, fixed before the sweep: the most precise setting whose F1 is within 0.005
    of the best and whose vague recall is at least the open setting's."""
    best_f1 = max(r["F1"] for _, r in rows)
    base = rows[0][1]
    fits = [
        i
        for i, (_, r) in enumerate(rows)
        if r["F1"] >= best_f1 - 0.005 and r["vague R"] >= base["vague R"]
    ]
    return max(fits or [0], key=lambda i: rows[i][1]["P"])


def cross_validate(articles: list[dict[str, Any]], folds: int, fit: Any) -> str:
    """The sweep's table, with the chosen setting marked; written to ``THRESHOLD_TABLE`` too."""
    shipped = (
        attributions.MIN_NAMED_CONFIDENCE,
        attributions.MIN_VAGUE_CONFIDENCE,
        attributions.UNSOURCED_CONFIDENCE,
    )
    predicted = []
    for k in range(folds):
        train = [a for i, a in enumerate(articles) if i % folds != k and i % 2 == 0]
        tagger.use(*fit(train))
        predicted += predictions([a for i, a in enumerate(articles) if i % folds == k])
    tagger.reset()
    rows = [(s, figures(predicted, s)) for s in itertools.product(NAMED, VAGUE, UNSOURCED)]
    rows.sort(key=lambda row: (row[0][0], row[0][1], -row[0][2]))
    chosen = choose(rows)
    _kept([], shipped)  # back to the shipped thresholds
    lines = [
        f"threshold sweep, {folds}-fold CV grouped by article over {len(articles)} PolNeAR "
        "training articles (tagger of each fold trained on the other folds' even articles)",
        f"{'named':>6}{'vague':>6}{'no-src':>7}{'P':>7}{'R':>7}{'F1':>7}{'vague R':>9}"
        f"{'content F1':>12}",
    ]
    for i, (setting, r) in enumerate(rows):
        no_source = "off" if setting[2] > 1 else f"{setting[2]:.2f}"
        lines.append(
            f"{setting[0]:>6.2f}{setting[1]:>6.2f}{no_source:>7}{r['P']:>7.3f}{r['R']:>7.3f}"
            f"{r['F1']:>7.3f}{r['vague R']:>9.3f}{r['content F1']:>12.3f}"
            + ("  <- chosen" if i == chosen else "")
        )
    table = "\n".join(lines)
    THRESHOLD_TABLE.write_text(table + "\n")
    return table
