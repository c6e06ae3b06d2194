"""Score the sources analyzer on PolNeAR's dev articles: ``python -m slant_sources_training.evaluate``.

A predicted attribution matches a gold one when their source spans overlap, or,
where PolNeAR marks no source span ("allegedly"), when their cue spans overlap.
Matching is one to one, preferring pairs whose cues overlap too. The analyzer
is rule-based: nothing in it is fitted to this file, so there are no folds to
hold out (the rules were written and checked against it, see plugins/slant_sources/model-card.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from slant.document import build_document
from slant_sources.analyzer import SourcesAnalyzer

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
KINDS = ("direct", "mixed", "indirect", "vague")
PARTS = ("read", "unread")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prediction(annotation: Any) -> dict[str, Any]:
    cue = annotation.data["cue"]
    return {
        "source": (annotation.start, annotation.end),
        "cue": (cue["start"], cue["end"]),
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


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(path: Path, repeats: int = 5, part: str = "all") -> dict[str, Any]:
    """Match predictions to gold attributions in every article and time the analyzer.

    ``part`` picks the articles: ``all``, ``read`` (the 1st, 3rd, 5th ... line: the
    ones read while writing the vague-source rules of the model card's second
    round) or ``unread`` (the others, to report those rules on articles not read).
    """
    analyzer = SourcesAnalyzer()
    analyzer.setup({})
    lines = [line for line in path.read_text("utf-8").splitlines() if line]
    if part != "all":
        lines = lines[PARTS.index(part) :: 2]
    articles = [json.loads(line) for line in lines]
    gold_kinds: Counter[str] = Counter()
    found_kinds: Counter[str] = Counter()
    pred_kinds: Counter[str] = Counter()
    right_kinds: Counter[str] = Counter()
    matched = cue_found = kind_right = n_pred = 0
    elapsed = 0.0
    size = 0
    per_article = []
    for article in articles:
        document = build_document(article["text"])
        best = float("inf")
        for _ in range(repeats):
            started = time.process_time()  # CPU time: fair on a shared machine
            result = analyzer.analyze(document)
            best = min(best, time.process_time() - started)
        elapsed += best
        size += len(article["text"].encode("utf-8"))
        golds = article["sources"]
        preds = [_prediction(a) for a in result.annotations]
        pairs = match(golds, preds)
        n_pred += len(preds)
        matched += len(pairs)
        cue_found += sum(hit for _, _, hit in pairs)
        gold_kinds.update(g["kind"] for g in golds)
        pred_kinds.update(p["kind"] for p in preds)
        for gi, pi, _ in pairs:
            found_kinds[golds[gi]["kind"]] += 1
            right_kinds[preds[pi]["kind"]] += 1
            kind_right += golds[gi]["kind"] == preds[pi]["kind"]
        per_article.append((article["id"], len(golds), len(preds), len(pairs)))
    n_gold = sum(gold_kinds.values())
    precision = matched / n_pred if n_pred else 0.0
    recall = matched / n_gold if n_gold else 0.0
    return {
        "part": part,
        "articles": len(articles),
        "gold": n_gold,
        "predicted": n_pred,
        "matched": matched,
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "cue_found": cue_found / matched if matched else 0.0,
        "kind_agreement": kind_right / matched if matched else 0.0,
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


def report(scores: dict[str, Any]) -> str:
    """The figures as a plain-text table."""
    lines = [
        f"PolNeAR dev ({scores['part']}): {scores['articles']} articles, {scores['gold']} gold attributions, "
        f"{scores['predicted']} predicted, {scores['matched']} matched",
        f"source  precision {scores['precision']:.3f}  recall {scores['recall']:.3f}  "
        f"F1 {scores['f1']:.3f}",
        f"cue found for {scores['cue_found']:.1%} of matched sources; "
        f"kind agrees for {scores['kind_agreement']:.1%}",
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
        f"latency: {scores['ms_per_10kb']:.2f} ms per 10 KB (analyzer only, CPU time, best of 5, one core)",
        "",
        "per article (gold / predicted / matched):",
    ]
    lines += [f"  {g:4} {p:4} {m:4}  {name}" for name, g, p, m in scores["per_article"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the figures; exit 2 when the data is not there."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument(
        "--part",
        choices=("all", *PARTS),
        default="all",
        help="all articles, or only those read (or not read) while tuning the vague rules",
    )
    args = parser.parse_args(argv)
    path = args.data / "sources" / "polnear-dev.jsonl"
    if not path.exists():
        print(f"no PolNeAR dev file at {path}", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(report(evaluate(path, part=args.part)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
