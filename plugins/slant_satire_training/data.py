"""The satire training sets, each record with the group its folds must keep together.

An outlet's or a site's articles always share a fold: a model that only
works on outlets it has seen does not work. ``realnews`` is grouped by
outlet (``source``), ``golbeck2018`` by site; bb2009, horne2017 and
onionornot name no source, so each record is its own group.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from slant_satire.features import split_headline

DATA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "satire"
#: Article sets (headline and body) and the headline-only set.
ARTICLE_SETS = ("realnews", "golbeck2018", "bb2009", "horne2017")
HEADLINE_SETS = ("onionornot",)
SETS = ARTICLE_SETS + HEADLINE_SETS
FOLDS = 5
#: PolNeAR's training compartment (838 real 2016 election articles, seven publishers): not
#: trained on, read by ``make eval-satire`` as a second set of outlets (model card).
POLNEAR_PATH = DATA_DIR.parent / "sources" / "polnear-train.jsonl.gz"
#: PolNeAR publishers that realnews also holds, by realnews' (AllSides') outlet name: such a
#: publisher's articles share that outlet's fold, so the model reading them never saw it.
POLNEAR_OUTLETS = {
    "usa-today": "USA TODAY",
    "wash-post": "Washington Post",
    "politico": "Politico",
    "huff-post": "HuffPost",
}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Example:
    """One labelled article or headline; ``label`` is the set's own (real, fake, satire)."""

    set_name: str
    id: str
    satire: bool
    headline: str
    paragraphs: tuple[str, ...]
    group: str
    label: str
    url: str | None = None
    #: ``"whole"``, or a part cut from an article for training: ``"title"``, ``"lead"``.
    part: str = "whole"


def _records(data_dir: Path, set_name: str) -> Iterator[dict]:
    if set_name == "realnews":
        with gzip.open(data_dir / "realnews-train.jsonl.gz", "rt", encoding="utf-8") as handle:
            yield from map(json.loads, handle)
    else:
        with (data_dir / f"{set_name}-dev.jsonl").open(encoding="utf-8") as handle:
            yield from map(json.loads, handle)


def split_paragraphs(body: str) -> tuple[str, ...]:
    """Blank-line paragraphs, or lines where a text has no blank line (Golbeck's texts)."""
    parts = _PARAGRAPH_BREAK.split(body) if "\n\n" in body else body.split("\n")
    return tuple(p.strip() for p in parts if p.strip())


def load_examples(data_dir: Path = DATA_DIR, sets: Sequence[str] = SETS) -> list[Example]:
    """Every record of the named sets, split into headline and paragraphs."""
    examples = []
    for set_name in sets:
        for record in _records(data_dir, set_name):
            headline, body = split_headline(record["text"])
            source = record.get("source") or record.get("site") or record["id"]
            examples.append(
                Example(
                    set_name=set_name,
                    id=record["id"],
                    satire=record["label"] == "satire",
                    headline=headline,
                    paragraphs=split_paragraphs(body),
                    group=f"{set_name}:{source}",
                    label=record["label"],
                    url=record.get("url"),
                )
            )
    return examples


def load_polnear(path: Path = POLNEAR_PATH) -> list[Example]:
    """PolNeAR's articles as real examples, grouped by publisher (empty when the file is absent).

    A publisher realnews also holds takes that outlet's group, hence its fold.
    """
    if not path.exists():
        return []
    examples = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for record in map(json.loads, handle):
            headline, body = split_headline(record["text"])
            publisher = record["publisher"]
            outlet = POLNEAR_OUTLETS.get(publisher)
            examples.append(
                Example(
                    set_name="polnear",
                    id=record["id"],
                    satire=False,
                    headline=headline,
                    paragraphs=split_paragraphs(body),
                    group=f"realnews:{outlet}" if outlet else f"polnear:{publisher}",
                    label="real",
                )
            )
    return examples


def title_of(example: Example) -> Example | None:
    """An article's headline alone, as a headline-only example (None without one)."""
    if example.set_name not in ARTICLE_SETS or not example.headline:
        return None
    return replace(example, paragraphs=(), part="title")


def lead_of(example: Example, words: int) -> Example | None:
    """The headline and the first paragraphs within ``words`` words; None when that is all of it."""
    if example.set_name not in ARTICLE_SETS:
        return None
    kept: list[str] = []
    count = 0
    for paragraph in example.paragraphs:
        n = len(paragraph.split())
        if count + n > words and kept:
            break
        kept.append(paragraph)
        count += n
    if len(kept) == len(example.paragraphs):
        return None
    return replace(example, paragraphs=tuple(kept), part="lead")


def article_text(example: Example) -> str:
    """The example as one text: headline, blank line, paragraphs."""
    return "\n\n".join([example.headline, *example.paragraphs]).strip()


def grouped_folds(examples: Sequence[Example], folds: int = FOLDS) -> list[int]:
    """A fold number per example: groups whole, each set and label spread evenly.

    Within each set and label, groups go largest first to the fold holding
    the fewest examples so far (ties by a fixed order), so every fold tests
    every set on outlets and sites it never trained on.
    """
    fold_of = [0] * len(examples)
    strata: dict[tuple[str, bool], Counter[str]] = {}
    for e in examples:
        strata.setdefault((e.set_name, e.satire), Counter())[e.group] += 1
    assigned: dict[str, int] = {}
    for sizes in strata.values():
        load = [0] * folds
        for group, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
            if group not in assigned:
                assigned[group] = min(range(folds), key=lambda k: (load[k], k))
            load[assigned[group]] += size
    for i, e in enumerate(examples):
        fold_of[i] = assigned[e.group]
    return fold_of


def split(fold_of: Sequence[int], k: int) -> tuple[list[int], list[int]]:
    """``(train, test)`` indices of fold ``k``."""
    return (
        [i for i, f in enumerate(fold_of) if f != k],
        [i for i, f in enumerate(fold_of) if f == k],
    )
