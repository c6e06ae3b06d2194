"""PolNeAR articles and the tagger's gold labels for them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from slant_sources.tokens import Word

DEFAULT_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
TRAIN = "polnear-train.jsonl.gz"
DEV = "polnear-dev-all.jsonl.gz"
# The threshold sweep's table (thresholds.py writes it, evaluate.py prints it).
THRESHOLD_TABLE = Path(__file__).with_name("threshold-cv.txt")


def load(path: Path) -> list[dict[str, Any]]:
    """The articles of a PolNeAR JSON-lines file, gzipped or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _mark(labels: list[str], words: list[Word], span: list[int], kind: str) -> None:
    start, end = span
    first = True
    for i, (_, a, b) in enumerate(words):
        if a < end and start < b:
            if labels[i] == "O":
                labels[i] = ("B-" if first else "I-") + kind
            first = False


def gold_labels(words: list[Word], sources: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The two label layers of a paragraph's words: sources and cues, and content.

    A cue's words win over a source's where they overlap (4 of 20,000 in training);
    a source is ``VAG`` where PolNeAR's kind is vague (an indefinite or absent
    source), else ``NAM``.
    """
    sources_cues = ["O"] * len(words)
    content = ["O"] * len(words)
    for source in sources:
        for span in source["cue_spans"]:
            _mark(sources_cues, words, span, "CUE")
    for source in sources:
        if source["span"]:
            kind = "VAG" if source["kind"] == "vague" else "NAM"
            _mark(sources_cues, words, source["span"], kind)
    for source in sources:
        for span in source["content_spans"]:
            _mark(content, words, span, "CON")
    return sources_cues, content
