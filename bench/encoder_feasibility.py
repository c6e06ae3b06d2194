"""Whether a sentence-encoder pass fits slant's budgets: latency, memory and start figures.

    OMP_NUM_THREADS=1 .venv-ort/bin/python -m bench.encoder_feasibility \\
        .cache/encoder/minilm-l6-int8.onnx [MORE.onnx ...] [--reference FP32.onnx] [--runs 20]

Measuring only (docs/notes/encoder-feasibility.md reads its output): nothing in the
product runs an encoder. It needs onnxruntime and tokenizers beside slant's runtime
(a scratch venv; they are not slant dependencies) and a graph as bench/encoder_export.py
writes it: ``input_ids`` and ``attention_mask`` in, the pooled sentence embedding out,
with ``tokenizer.json`` beside it. Every session runs on one thread (intra- and
inter-op 1), the tokenizer without padding and truncating at the length measured.

For each model it prints, in wall-clock ms (median and p90 over ``--runs``, after
warm-up) with the CPU time's median: the reference op-ed's sentences one call each and
batched, single sequences of 64 to 512 tokens, and the op-ed with all of slant's
analyzers in the same process, so the two costs are read under the same load. Then, in
fresh processes, the import and load times and the RSS with and without onnxruntime's
memory arena, alone and next to slant's app. ``--reference`` adds the cosine agreement
with another graph (fp32) on 200 sentences of the subjectivity training set, read from
../shared/data at run time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from bench.texts import REFERENCE_OPED, base_text

SUBJECTIVITY = REFERENCE_OPED.parents[1] / "subjectivity" / "train_en.tsv"
LENGTHS = (64, 128, 256, 512)
AGREEMENT_SENTENCES = 200


def _runtime() -> tuple[Any, Any, Any]:
    """onnxruntime, tokenizers and numpy, or a clear exit when the scratch venv is not used."""
    try:
        import numpy as np
        import onnxruntime as ort
        import tokenizers
    except ImportError as error:
        raise SystemExit(
            f"encoder_feasibility needs onnxruntime and tokenizers ({error}); "
            "run it in a venv with slant, onnxruntime and tokenizers installed"
        ) from error
    return ort, tokenizers, np


def load_session(model: Path, arena: bool) -> Any:
    """An inference session on one thread, as one gunicorn worker would run it."""
    ort, _, _ = _runtime()
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.enable_cpu_mem_arena = arena
    return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


def load_tokenizer(model: Path, max_tokens: int) -> Any:
    """The tokenizer.json beside the graph, unpadded, truncating at ``max_tokens``."""
    _, tokenizers, _ = _runtime()
    tokenizer = tokenizers.Tokenizer.from_file(str(model.parent / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_tokens)
    return tokenizer


def embed(session: Any, rows: Sequence[Sequence[int]]) -> Any:
    """Embeddings of token-id rows in one call, padded to the longest row."""
    _, _, np = _runtime()
    width = max(len(row) for row in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return session.run(None, {"input_ids": ids, "attention_mask": mask})[0]


def timed(work: Callable[[], object], runs: int, warmup: int = 3) -> tuple[float, float, float]:
    """Median and p90 wall-clock ms, and median CPU ms, of ``work`` over ``runs`` runs."""
    for _ in range(warmup):
        work()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    wall.sort()
    p90 = wall[min(len(wall) - 1, round(0.9 * (len(wall) - 1)))]
    return statistics.median(wall), p90, statistics.median(cpu)


def _row(label: str, figures: tuple[float, float, float], note: str = "") -> str:
    median, p90, cpu = figures
    return f"| {label} | {median:.2f} | {p90:.2f} | {cpu:.2f} | {note} |"


def oped_sentences() -> list[str]:
    """The reference op-ed's sentences as slant segments them (empty when the data is absent)."""
    if not REFERENCE_OPED.exists():
        return []
    from slant.document import build_document

    return build_document(REFERENCE_OPED.read_text(encoding="utf-8")).sentence_texts()


def latency(model: Path, runs: int) -> list[str]:
    """Markdown rows: the op-ed's sentences single and batched, N-token sequences, tokenizing."""
    session = load_session(model, arena=False)
    lines = [
        f"### {model.name} (one thread, no arena)",
        "",
        "| case | median ms | p90 ms | CPU ms | note |",
        "|---|---:|---:|---:|---|",
    ]
    sentences = oped_sentences()
    if sentences:
        tokenizer = load_tokenizer(model, 256)
        rows = [encoding.ids for encoding in tokenizer.encode_batch(sentences)]
        tokens = sum(len(row) for row in rows)
        note = f"{len(rows)} sentences, {tokens} tokens, longest {max(len(r) for r in rows)}"
        single = timed(lambda: [embed(session, [row]) for row in rows], runs)
        lines.append(_row("op-ed, one call per sentence", single, note))
        lines.append(
            _row(
                "  the same, per sentence",
                (single[0] / len(rows), single[1] / len(rows), single[2] / len(rows)),
            )
        )
        lines.append(_row("op-ed, one padded batch", timed(lambda: embed(session, rows), runs)))
        by_length = sorted(rows, key=len)
        groups = [by_length[i : i + 8] for i in range(0, len(by_length), 8)]
        lines.append(
            _row(
                "op-ed, length-sorted batches of 8",
                timed(lambda: [embed(session, group) for group in groups], runs),
            )
        )
        lines.append(
            _row(
                "op-ed, tokenizing only",
                timed(lambda: tokenizer.encode_batch(sentences), runs),
                "tokenizers' own threads may run",
            )
        )
        single_vectors = [embed(session, [row])[0] for row in rows]
        batch_vectors = embed(session, rows)
        cosines = [float(a @ b) for a, b in zip(single_vectors, batch_vectors, strict=True)]
        lines.append(
            f"| batched vs single, cosine | mean {statistics.mean(cosines):.4f} | "
            f"min {min(cosines):.4f} | | padding shifts int8 activation ranges |"
        )
    text = base_text()[0]
    for length in LENGTHS:
        row = load_tokenizer(model, length).encode(text).ids
        lines.append(
            _row(f"one sequence of {len(row)} tokens", timed(partial(embed, session, [row]), runs))
        )
    return lines


def all_analyzers(runs: int) -> str:
    """Median, p90 and CPU ms of the op-ed with every installed analyzer, in this process."""
    from slant.web.app import create_app

    engine = create_app({"CACHE_ENTRIES": 0, "LOG_LEVEL": "warning"}, env={}).extensions["slant"]
    text = base_text()[0]
    return _row(
        "op-ed, all slant analyzers (no encoder)", timed(lambda: engine.analyze(text), runs)
    )


def agreement(model: Path, reference: Path) -> str:
    """Cosine of ``model``'s embeddings with ``reference``'s on the subjectivity sentences."""
    if not SUBJECTIVITY.exists():
        return f"agreement: {SUBJECTIVITY} absent, skipped"
    lines = SUBJECTIVITY.read_text(encoding="utf-8").splitlines()[1 : AGREEMENT_SENTENCES + 1]
    sentences = [line.split("\t")[1] for line in lines]
    tokenizer = load_tokenizer(model, 256)
    ours, theirs = load_session(model, False), load_session(reference, False)
    cosines = sorted(
        float(embed(ours, [row])[0] @ embed(theirs, [row])[0])
        for row in (encoding.ids for encoding in tokenizer.encode_batch(sentences))
    )
    return (
        f"agreement of {model.name} with {reference.name} on {len(cosines)} sentences "
        f"(one call each): cosine mean {statistics.mean(cosines):.4f}, "
        f"p5 {cosines[len(cosines) // 20]:.4f}, min {cosines[0]:.4f}"
    )


def _rss_mb() -> tuple[float, float]:
    """Current and peak RSS of this process, MB (Linux)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def child(model: Path, arena: bool, with_app: bool) -> None:
    """In a fresh process: times and RSS after each step, as one JSON line."""
    out: dict[str, float] = {"start_rss": _rss_mb()[0]}
    if with_app:
        started = time.perf_counter()
        from slant.web.app import create_app

        create_app({"LOG_LEVEL": "warning"}, env={})
        out["app_s"], out["app_rss"] = time.perf_counter() - started, _rss_mb()[0]
    started = time.perf_counter()
    _runtime()
    out["import_s"], out["import_rss"] = time.perf_counter() - started, _rss_mb()[0]
    started = time.perf_counter()
    session, tokenizer = load_session(model, arena), load_tokenizer(model, 256)
    out["load_s"], out["load_rss"] = time.perf_counter() - started, _rss_mb()[0]
    sentences = oped_sentences() or [base_text()[0][:200]]
    started = time.perf_counter()
    embed(session, [tokenizer.encode(sentences[0]).ids])
    out["first_ms"] = (time.perf_counter() - started) * 1000
    for sentence in sentences:
        embed(session, [tokenizer.encode(sentence).ids])
    out["sentences_rss"] = _rss_mb()[0]
    # The longest passes last, to read what a document-level pass of each length adds.
    for length in (256, 512):
        tokenizer.enable_truncation(length)
        embed(session, [tokenizer.encode(base_text()[0]).ids])
        out[f"rss_{length}"] = _rss_mb()[0]
    out["peak_rss"] = _rss_mb()[1]
    print(json.dumps(out))


def memory(model: Path) -> list[str]:
    """Markdown rows of fresh processes: with and without the arena, alone and beside the app."""
    lines = [
        f"### {model.name}: fresh processes",
        "",
        "| process | arena | app set-up s | import ort+tok s | load s | first call ms | "
        "RSS before encoder MB | after import | after load | after op-ed's sentences | "
        "after a 256-token pass | after a 512-token pass | peak |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for with_app in (False, True):
        for arena in (False, True):
            command = [sys.executable, "-m", "bench.encoder_feasibility", str(model), "--child"]
            command += ["--arena"] * arena + ["--with-app"] * with_app
            result = subprocess.run(command, capture_output=True, text=True, check=True)
            got = json.loads(result.stdout.strip().splitlines()[-1])
            before = got.get("app_rss", got["start_rss"])
            lines.append(
                f"| {'slant app + encoder' if with_app else 'encoder alone'} | "
                f"{'on' if arena else 'off'} | {got.get('app_s', 0):.2f} | "
                f"{got['import_s']:.2f} | {got['load_s']:.2f} | {got['first_ms']:.1f} | "
                f"{before:.0f} | {got['import_rss']:.0f} | {got['load_rss']:.0f} | "
                f"{got['sentences_rss']:.0f} | {got['rss_256']:.0f} | {got['rss_512']:.0f} | "
                f"{got['peak_rss']:.0f} |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", type=Path, help="ONNX graphs, tokenizer.json beside")
    parser.add_argument("--reference", type=Path, help="a graph to compare embeddings with")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--arena", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--with-app", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.models[0], args.arena, args.with_app)
        return
    ort, tokenizers, _ = _runtime()
    print(
        f"onnxruntime {ort.__version__}, tokenizers {tokenizers.__version__}, "
        f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}, "
        f"load average {os.getloadavg()[0]:.2f} at start"
    )
    header = ["", "| case | median ms | p90 ms | CPU ms | note |", "|---|---:|---:|---:|---|"]
    print("\n".join([*header, all_analyzers(args.runs)]))
    for model in args.models:
        print(f"\n{model}: {model.stat().st_size / 1e6:.1f} MB on disk")
        if args.reference and args.reference.resolve() != model.resolve():
            print(agreement(model, args.reference))
        print("\n".join(["", *latency(model, args.runs), "", *memory(model)]))
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
