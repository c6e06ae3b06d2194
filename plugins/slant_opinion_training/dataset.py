"""The CheckThat! 2025 subjectivity sentences (English) beside the repo, in ``../shared/data``.

The texts are CC BY-NC-SA 4.0 and never enter the repository: training and evaluation
read them from where they lie.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "subjectivity"


@dataclass(frozen=True)
class Example:
    """A labelled sentence; ``conflict`` marks one the annotators first disagreed on."""

    sentence: str
    opinion: bool
    conflict: bool


def read_split(name: str, data_dir: Path = DATA_DIR) -> list[Example]:
    """The sentences of ``train_en``, ``dev_en`` or ``dev_test_en``."""
    with (data_dir / f"{name}.tsv").open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Example(row["sentence"], row["label"] == "SUBJ", row.get("solved_conflict") == "True")
            for row in rows
        ]
