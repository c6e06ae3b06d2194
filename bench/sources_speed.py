"""CPU time of the sources analyzer alone in a worker's steady state, to compare two checkouts.

    PYTHONPATH=plugins OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python -m bench.sources_speed NAME

Run it in both checkouts at once (two processes side by side see the same load on a
shared machine) and read the ratios. It sets the analyzer up, reads PolNeAR's first
300 training articles (a worker's tables filled), then times, in CPU time: the 84 dev
articles once each, the next 150 training articles once each (ms per 10 KB), and the
bench's 10 KB text and the reference op-ed (warm, best of 15, ms). It prints the set-up
CPU time and the RSS after set-up and at the end, with the peak.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bench.texts import base_text, sized_text

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sources"


def _memory() -> str:
    """Current and peak RSS, MB (Linux)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return f"RSS {fields.get('VmRSS', 0):.0f} MB (peak {fields.get('VmHWM', 0):.0f})"


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "this checkout"
    started = time.process_time()
    from slant.document import build_document
    from slant_sources.analyzer import SourcesAnalyzer
    from slant_sources_training.polnear import load

    analyzer = SourcesAnalyzer()
    analyzer.setup({})
    setup, after_setup = time.process_time() - started, _memory()
    train = [x["text"] for x in load(DATA / "polnear-train.jsonl.gz")]
    dev = [build_document(x["text"]) for x in load(DATA / "polnear-dev-all.jsonl.gz")]
    unseen = [build_document(text) for text in train[300:450]]
    for text in train[:300]:
        analyzer.analyze(build_document(text))

    def per_10kb(documents: list) -> float:
        elapsed = 0.0
        for document in documents:
            begun = time.process_time()
            analyzer.analyze(document)
            elapsed += time.process_time() - begun
        return elapsed / sum(len(d.text.encode()) for d in documents) * 1e7

    def best_ms(text: str) -> float:
        document, best = build_document(text), float("inf")
        for _ in range(15):
            begun = time.process_time()
            analyzer.analyze(document)
            best = min(best, time.process_time() - begun)
        return best * 1000

    on_dev, on_unseen = per_10kb(dev), per_10kb(unseen)
    oped = base_text()[0]
    ten, whole = best_ms(sized_text(oped, 10_000)), best_ms(oped)
    print(
        f"{name}: set-up {setup:.2f} s CPU, {after_setup}; dev after 300 articles {on_dev:.1f}, "
        f"150 unseen articles {on_unseen:.1f} ms per 10 KB; the 10 KB text {ten:.1f} ms, the "
        f"op-ed {whole:.1f} ms; at the end {_memory()}"
    )


if __name__ == "__main__":
    main()
