"""``make bench-extraction``: article extraction and batch throughput on slant's fixture pages.

Shingle F1 (word 4-grams, averaged per page) of the article each extractor
finds against the hand-marked body, on the pages tuned on and on each held-out
set (:data:`HELD_OUT`: pages in templates and with articles made after the
extractor's rules, each set measured once when it was added); time per page; and ``slant analyze
--jobs 1`` vs ``--jobs 2`` throughput on the pages repeated. Prints a Markdown
table for docs/extraction.md: ``python -m bench.extraction [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from slant.text.article import decode, read_page
from slant.text.html import extract_text

PAGES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages"
# Held-out sets by name prefix, in the order they were made. A page is tuned on unless its
# name starts with one of these; a new set gets a new prefix, so the old figure stays comparable.
HELD_OUT = {
    "heldout-": "held out (set 1)",
    "heldout2-": "held out (set 2)",
    "heldout3-": "held out (set 3)",
    "heldout4-": "held out (set 4)",
    "heldout5-": "held out (set 5)",
    "heldout6-": "held out (set 6)",
    "heldout7-": "held out (set 7)",
}


def page_groups(names: list[str]) -> dict[str, list[str]]:
    """The page names tuned on, then each held-out set's, by :data:`HELD_OUT` prefix."""
    groups = {"tuned on": [n for n in names if not n.startswith(tuple(HELD_OUT))]}
    for prefix, label in HELD_OUT.items():
        groups[label] = [n for n in names if n.startswith(prefix)]
    return groups


def shingle_f1(predicted: str, gold: str, n: int = 4) -> tuple[float, float, float]:
    """(F1, precision, recall) of word n-gram multisets."""

    def shingles(text: str) -> Counter:
        words = re.findall(r"\w+", text.lower())
        return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))

    p, g = shingles(predicted), shingles(gold)
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall), precision, recall


def previous(raw: bytes) -> str:
    """The block-text pass that was the extractor before, given the page decoded as now.

    (Before, a page was also read as UTF-8 only and sniffed for a leading tag, so
    pages with a BOM or a leading comment were not extracted at all: worse still.)
    """
    return extract_text(decode(raw))[0]


def trafilatura_alone(raw: bytes) -> str:
    """trafilatura 2 with its defaults (tables in, comments out), on the decoded page."""
    import trafilatura

    return trafilatura.extract(decode(raw), include_comments=False) or ""


def slant_now(raw: bytes) -> str:
    return read_page(raw).text


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "previous (block text, before this change)": previous,
    "trafilatura alone (defaults)": trafilatura_alone,
    "slant now (`read_page`)": slant_now,
}


def extraction_rows() -> list[str]:
    names = sorted(p.stem for p in PAGES.glob("*.html"))
    groups = page_groups(names)
    rows = []
    warm = (PAGES / f"{names[0]}.html").read_bytes()
    for label, extract in EXTRACTORS.items():
        extract(warm)  # imports and caches loaded before the clock starts
        cells = []
        started = time.perf_counter()
        for group in groups.values():
            scores = []
            for name in group:
                raw = (PAGES / f"{name}.html").read_bytes()
                gold = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
                scores.append(shingle_f1(extract(raw), gold))
            f1 = sum(s[0] for s in scores) / len(scores)
            precision = sum(s[1] for s in scores) / len(scores)
            cells.append(f"{f1:.3f} (P {precision:.3f}, min {min(s[0] for s in scores):.3f})")
        per_page = (time.perf_counter() - started) / len(names) * 1000
        rows.append(f"| {label} | {' | '.join(cells)} | {per_page:.1f} ms |")
    header = [
        "| extractor | "
        + " | ".join(f"shingle F1, {len(group)} pages {kind}" for kind, group in groups.items())
        + " | time per page |",
        "|---|" + "---|" * len(groups) + "---|",
    ]
    return header + rows


def per_page_rows() -> list[str]:
    """Each held-out page's (F1, precision, recall) for slant now: where a set's mean comes from."""
    groups = page_groups(sorted(p.stem for p in PAGES.glob("*.html")))
    rows = ["| held-out page | F1 | precision | recall |", "|---|---|---|---|"]
    for label in HELD_OUT.values():
        for name in groups[label]:
            raw = (PAGES / f"{name}.html").read_bytes()
            gold = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
            f1, precision, recall = shingle_f1(slant_now(raw), gold)
            rows.append(f"| {name} | {f1:.3f} | {precision:.3f} | {recall:.3f} |")
    return rows


def throughput_rows(copies: int) -> list[str]:
    rows = [
        "| `slant analyze DIR -o out.jsonl` | inputs | wall time | pages per second | CPU time | load average before |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for copy in range(copies):
            for page in PAGES.glob("*.html"):
                shutil.copy(page, folder / f"{copy:03d}-{page.name}")
        count = len(list(folder.iterdir()))
        env = {
            **os.environ,
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
        }
        for jobs in (1, 2):
            out = Path(tmp) / f"out-{jobs}.jsonl"
            load = os.getloadavg()[0]
            cpu = _children_cpu()
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "slant",
                    "analyze",
                    str(folder),
                    "--jobs",
                    str(jobs),
                    "-o",
                    str(out),
                ],
                check=True,
                capture_output=True,
                env=env,
            )
            elapsed = time.perf_counter() - started
            cpu = _children_cpu() - cpu
            rows.append(
                f"| `--jobs {jobs}` | {count} | {elapsed:.1f} s | {count / elapsed:.1f} | "
                f"{cpu:.1f} s | {load:.1f} on {os.cpu_count()} cores |"
            )
    return rows


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes (the CLI and its workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer pages in the throughput run")
    parser.add_argument("--per-page", action="store_true", help="list each held-out page's F1")
    args = parser.parse_args()
    print("\n".join(extraction_rows()))
    if args.per_page:
        print()
        print("\n".join(per_page_rows()))
    print()
    print("\n".join(throughput_rows(2 if args.quick else 50)))


if __name__ == "__main__":
    main()
