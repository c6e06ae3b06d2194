"""Do hedges and boosters mark opinion? A check against sentences others labelled.

The lexicon was written by hand and never fitted to data, so any labelled set
is held out. CLEF CheckThat! 2025 Task 1 labels news sentences SUBJ (opinion)
or OBJ (fact); if stance markers are worth showing a reader, sentences that
carry them should be SUBJ more often than the base rate. Run from the
repository, with ``../shared/data`` beside it::

    python examples/slant-hedging/evaluate.py
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from slant.document import build_document

sys.path.insert(0, str(Path(__file__).parent))
import slant_hedging  # from this folder: the example need not be installed

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "subjectivity"


def main() -> None:
    analyzer = slant_hedging.HedgingAnalyzer()
    analyzer.setup({"modals": True, "min_markers": 3})
    for split in ("dev_en", "dev_test_en"):
        path = DATA / f"{split}.tsv"
        if not path.exists():
            sys.exit(f"{path} not found: put ../shared/data beside the repository")
        counts: Counter[tuple[str, str]] = Counter()
        with path.open(encoding="utf-8") as rows:
            for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
                labels = {
                    a.label for a in analyzer.analyze(build_document(row["sentence"])).annotations
                }
                marker = "booster" if "booster" in labels else "hedge" if labels else "none"
                counts[marker, row["label"]] += 1
        total = sum(counts.values())
        subj = sum(n for (_, label), n in counts.items() if label == "SUBJ")
        print(f"{split}: {total} sentences, {subj / total:.0%} SUBJ overall")
        for marker in ("booster", "hedge", "none"):
            n = counts[marker, "SUBJ"] + counts[marker, "OBJ"]
            share = counts[marker, "SUBJ"] / n if n else 0.0
            print(f"  {marker:8} {n:4} sentences, {share:.0%} SUBJ")


if __name__ == "__main__":
    main()
