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


@dataclass(frozen=True)
class Sentence:
    """A training sentence with its fold group (the article) and where it comes from."""

    sentence: str
    opinion: bool
    group: str
    source: str


def read_training(data_dir: Path = DATA_DIR) -> list[Sentence]:
    """CheckThat! ``train_en`` + ``dev_en`` and BABE's factual and opinion sentences.

    CheckThat! has no article ids, so each of its sentences is its own group; BABE's
    group is its ``article_id``. BABE's MIXED sentences (factual with some opinion) are
    left out: trained as opinion or at half weight they lowered cross-validated macro-F1
    on both sources and worsened calibration (model card).
    """
    found = [
        Sentence(e.sentence, e.opinion, f"checkthat-{split}-{i}", "checkthat")
        for split in ("train_en", "dev_en")
        for i, e in enumerate(read_split(split, data_dir))
    ]
    for row in read_babe(data_dir):
        if row["label"] != "MIXED":
            found.append(
                Sentence(row["sentence"], row["label"] == "SUBJ", row["article_id"], "babe")
            )
    return found


def read_babe(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """The rows of ``babe-train.tsv``, every label."""
    with (data_dir / "babe-train.tsv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
