"""Score the sources analyzer on PolNeAR's dev articles: ``make eval-sources``.

A predicted attribution matches a gold one when their source spans overlap, or,
where PolNeAR marks no source span ("allegedly"), when their cue spans overlap.
Matching is one to one, preferring pairs whose cues overlap too. Content is
scored on the matches, word by word. The tagger never saw these 84 articles
(it is trained on the 840 of PolNeAR's training compartment); the figures are
given for the whole set and for five folds of articles (article i in fold i mod
5), so their spread shows how much one article set moves them.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from slant.document import build_document
from slant_sources.analyzer import SourcesAnalyzer

from slant_sources_training.polnear import DEFAULT_DATA, DEV, THRESHOLD_TABLE, TRAIN, load

KINDS = ("direct", "mixed", "indirect", "vague")
FOLDS = 5
_WORD = re.compile(r"\w+")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prediction(annotation: Any) -> dict[str, Any]:
    cue, content = annotation.data["cue"], annotation.data["content"]
    return {
        "source": (annotation.start, annotation.end),
        "cue": (cue["start"], cue["end"]),
        "content": (content["start"], content["end"]) if content else None,
        "kind": "vague" if annotation.label == "vague_source" else annotation.data["kind"],
    }


def match(golds: list[dict], preds: list[dict]) -> list[tuple[int, int, bool]]:
    """One-to-one ``(gold index, prediction index, cues overlap)`` pairs."""

    def cue_hit(g: dict, p: dict) -> bool:
        return any(_overlaps(p["cue"], tuple(c)) for c in g["cue_spans"])

    def source_hit(g: dict, p: dict) -> bool:
        if g["span"] is None:
            return cue_hit(g, p)
        return _overlaps(p["source"], tuple(g["span"]))

    pairs: list[tuple[int, int, bool]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for need_cue in (True, False):
        for gi, g in enumerate(golds):
            if gi in used_g:
                continue
            for pi, p in enumerate(preds):
                if pi in used_p or not source_hit(g, p):
                    continue
                hit = cue_hit(g, p)
                if need_cue and not hit:
                    continue
                pairs.append((gi, pi, hit))
                used_g.add(gi)
                used_p.add(pi)
                break
    return pairs


def _words(text: str, spans: list[tuple[int, int]]) -> set[int]:
    return {m.start() for start, end in spans for m in _WORD.finditer(text, start, end)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(articles: list[dict[str, Any]], repeats: int = 3) -> dict[str, Any]:
    """Match the analyzer's attributions to the gold ones in every article, and time it."""
    analyzer = SourcesAnalyzer()
    analyzer.setup({})
    gold_kinds: Counter[str] = Counter()
    found_kinds: Counter[str] = Counter()
    pred_kinds: Counter[str] = Counter()
    right_kinds: Counter[str] = Counter()
    matched = cue_found = kind_right = n_pred = 0
    content = Counter[str]()
    elapsed = 0.0
    size = 0
    per_article = []
    for article in articles:
        text = article["text"]
        document = build_document(text)
        best = float("inf")
        for _ in range(repeats):
            started = time.process_time()  # CPU time: fair on a shared machine
            result = analyzer.analyze(document)
            best = min(best, time.process_time() - started)
        elapsed += best
        size += len(text.encode("utf-8"))
        golds = article["sources"]
        preds = [_prediction(a) for a in result.annotations]
        pairs = match(golds, preds)
        n_pred += len(preds)
        matched += len(pairs)
        cue_found += sum(hit for _, _, hit in pairs)
        gold_kinds.update(g["kind"] for g in golds)
        pred_kinds.update(p["kind"] for p in preds)
        for gi, pi, _ in pairs:
            gold, pred = golds[gi], preds[pi]
            found_kinds[gold["kind"]] += 1
            right_kinds[pred["kind"]] += 1
            kind_right += gold["kind"] == pred["kind"]
            gold_words = _words(text, [tuple(s) for s in gold["content_spans"]])
            pred_words = _words(text, [pred["content"]] if pred["content"] else [])
            content["right"] += len(gold_words & pred_words)
            content["extra"] += len(pred_words - gold_words)
            content["missed"] += len(gold_words - pred_words)
        per_article.append((article["id"], len(golds), len(preds), len(pairs)))
    n_gold = sum(gold_kinds.values())
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    right = content["right"]
    content_p = right / (right + content["extra"]) if right + content["extra"] else 0.0
    content_r = right / (right + content["missed"]) if right + content["missed"] else 0.0
    return {
        "articles": len(articles),
        "gold": n_gold,
        "predicted": n_pred,
        "matched": matched,
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "cue_found": cue_found / matched if matched else 0.0,
        "kind_agreement": kind_right / matched if matched else 0.0,
        "content_f1": _f1(content_p, content_r),
        "by_kind": {
            kind: {
                "gold": gold_kinds[kind],
                "recall": found_kinds[kind] / gold_kinds[kind] if gold_kinds[kind] else 0.0,
                "predicted": pred_kinds[kind],
                "precision": right_kinds[kind] / pred_kinds[kind] if pred_kinds[kind] else 0.0,
            }
            for kind in KINDS
        },
        "ms_per_10kb": elapsed * 1000 / size * 10_000 if size else 0.0,
        "per_article": per_article,
    }


def report(scores: dict[str, Any], per_article: bool = True) -> str:
    """The figures as a plain-text table."""
    lines = [
        f"{scores['articles']} articles, {scores['gold']} gold attributions, "
        f"{scores['predicted']} predicted, {scores['matched']} matched",
        f"source  precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  "
        f"F1 {scores['f1']:.3f}",
        f"cue found for {scores['cue_found']:.1%} of matched sources; "
        f"kind agrees for {scores['kind_agreement']:.1%}; "
        f"content word F1 on matches {scores['content_f1']:.3f}",
        "",
        f"{'kind':10}{'gold':>6}{'recall':>9}{'predicted':>11}{'precision':>11}",
    ]
    for kind, row in scores["by_kind"].items():
        lines.append(
            f"{kind:10}{row['gold']:>6}{row['recall']:>9.3f}{row['predicted']:>11}"
            f"{row['precision']:>11.3f}"
        )
    lines += [
        "(recall by gold kind; precision by predicted kind, a match counted whatever its kind)",
        "",
        f"latency: {scores['ms_per_10kb']:.2f} ms per 10 KB (analyzer only, CPU time, one core)",
    ]
    if per_article:
        lines += ["", "per article (gold / predicted / matched):"]
        lines += [f"  {g:4} {p:4} {m:4}  {name}" for name, g, p, m in scores["per_article"]]
    return "\n".join(lines)


def by_fold(articles: list[dict[str, Any]], folds: int = FOLDS) -> str:
    """One row of figures per fold of articles (article i in fold i mod ``folds``)."""
    lines = [
        f"{'fold':6}{'articles':>9}{'gold':>6}{'P':>7}{'R':>7}{'F1':>7}{'vague R':>9}{'content F1':>12}"
    ]
    for k in range(folds):
        s = score([a for i, a in enumerate(articles) if i % folds == k], repeats=1)
        lines.append(
            f"{k + 1:<6}{s['articles']:>9}{s['gold']:>6}{s['precision']:>7.3f}{s['recall']:>7.3f}"
            f"{s['f1']:>7.3f}{s['by_kind']['vague']['recall']:>9.3f}{s['content_f1']:>12.3f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 2 when the data is not there."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument(
        "--train-slice",
        type=int,
        default=0,
        metavar="N",
        help="score every Nth training article instead (the tagger saw them: compare "
        "rule changes around it, not absolute figures)",
    )
    args = parser.parse_args(argv)
    path = args.data / "sources" / (TRAIN if args.train_slice else DEV)
    if not path.exists():
        print(f"no PolNeAR dev file at {path}", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    articles = load(path)
    if args.train_slice:
        articles = articles[:: args.train_slice]
        print(f"PolNeAR training compartment, every {args.train_slice}th article (trained on)")
    else:
        print("PolNeAR dev compartment (never trained on)")
    print(report(score(articles)))
    print()
    print(f"by article fold ({FOLDS} folds):")
    print(by_fold(articles))
    if THRESHOLD_TABLE.exists():
        print()
        print(f"how the thresholds were chosen (from {THRESHOLD_TABLE.name}, written by")
        print("make train-sources SOURCES_CV=3; PolNeAR training articles only):")
        print(THRESHOLD_TABLE.read_text().rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
