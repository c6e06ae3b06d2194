"""Dump everything the sources analyzer outputs, to check a speed change left it byte-identical.

    PYTHONPATH=plugins .venv/bin/python -m bench.sources_outputs dump OUT.json  # in each checkout
    PYTHONPATH=plugins .venv/bin/python -m bench.sources_outputs compare A.json B.json

The dump holds, per text: the annotations and summary as the analyzer returns them
(scores as ``repr``), every attribution's unrounded fields, and a hash of each
paragraph's tags and marginals. The texts are the reference op-ed, the bench's
10 KB and 100 KB texts, and PolNeAR's 84 dev and 838 training articles, read from
../shared/data (absent data is skipped). Outputs do not depend on the order the
texts are read in (the caches only keep what is computed): ``--shuffle SEED``
checks that too.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

from bench.texts import base_text, sized_text

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sources"


def texts() -> list[tuple[str, str]]:
    """``(name, text)`` of every text the dump covers."""
    from slant_sources_training.polnear import load

    oped = base_text()[0]
    found = [("oped", oped), ("10k", sized_text(oped, 10_000)), ("100k", sized_text(oped, 100_000))]
    for prefix, name in (("", "polnear-dev-all.jsonl.gz"), ("train-", "polnear-train.jsonl.gz")):
        if (DATA / name).exists():
            found += [(prefix + x["id"], x["text"]) for x in load(DATA / name)]
    return found


def dump(out: Path, shuffle: int | None) -> None:
    """Write the outputs of this checkout's analyzer on :func:`texts` to ``out``."""
    from slant.document import build_document
    from slant_sources import attributions, tagger
    from slant_sources.analyzer import SourcesAnalyzer

    analyzer = SourcesAnalyzer()
    analyzer.setup({})
    tagged: list[str] = []
    real_tag = tagger.tag_paragraphs

    def logged_tag(paragraphs: Any, quoted: Any) -> list[tagger.Tagged]:
        found = real_tag(paragraphs, quoted)
        tagged.extend(repr((x.sources_cues, x.content, x.confidence)) for x in found)
        return found

    attributions.tagger.tag_paragraphs = logged_tag  # type: ignore[attr-defined]
    chosen = texts()
    if shuffle is not None:
        random.Random(shuffle).shuffle(chosen)
    outputs = {}
    for name, text in chosen:
        tagged.clear()
        result = analyzer.analyze(build_document(text))
        raw = [dataclasses.asdict(x) for x in attributions.find_attributions(text)]
        outputs[name] = {
            "summary": result.summary,
            "annotations": [
                {
                    "start": a.start,
                    "end": a.end,
                    "label": a.label,
                    "score": repr(a.score),
                    "explanation": a.explanation,
                    "data": a.data,
                }
                for a in result.annotations
            ],
            "raw": repr(raw),
            "tags": hashlib.sha256("\n".join(tagged).encode()).hexdigest(),
        }
    out.write_text(json.dumps(outputs, indent=1, sort_keys=True))
    annotations = sum(len(v["annotations"]) for v in outputs.values())
    print(f"{len(outputs)} texts, {annotations} annotations -> {out}")


def compare(a: Path, b: Path) -> int:
    """0 if the two dumps are identical; else the number of texts that differ (listed)."""
    left, right = json.loads(a.read_text()), json.loads(b.read_text())
    differ = sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))
    for name in differ[:20]:
        print("differs:", name)
    print(f"{len(left)} and {len(right)} texts, {len(differ)} differ")
    return len(differ)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--shuffle", type=int, default=None)
    comparing = commands.add_parser("compare")
    comparing.add_argument("a", type=Path)
    comparing.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.shuffle)
    else:
        sys.exit(1 if compare(args.a, args.b) else 0)


if __name__ == "__main__":
    main()
