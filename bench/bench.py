"""``make bench``: slant's speed on this machine, side by side with a naive baseline.

Measures, in one run: in-process latency of every installed analyzer on the
reference op-ed and on 1 KB to 1 MB texts, next to TextBlob run per sentence;
start-up time; HTTP throughput and latency through gunicorn (2 workers) with
the cache off and on the cache-hit path; peak memory per worker. Prints a table
and the issue's targets as met or missed. Run it in the runtime environment
(no scikit-learn or scipy installed): ``python -m bench.bench [--quick]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.load import percentile, run_load
from bench.server import SlantServer, memory_kb
from bench.texts import base_text, sized_text

SIZES = [("1 KB", 1_000), ("10 KB", 10_000), ("100 KB", 100_000), ("1 MB", 1_000_000)]
# (text label, repetitions) for the full and the --quick run.
REPS = {"op-ed": (40, 10), "1 KB": (40, 10), "10 KB": (20, 5), "100 KB": (7, 3), "1 MB": (3, 1)}
# Milliseconds per 10 KB each built-in analyzer may take (opinion: issue 17; satire: issue 15;
# sources: issue 16).
BUDGET_MS_PER_10KB = {"opinion": 15, "sources": 20, "satire": 10}
# The whole server's budgets (DEVELOPERS.md): the op-ed with all analyzers in process on one
# core, uncached requests per second on 2 gunicorn workers, memory per worker, cold start.
OPED_MS, REQUESTS_PER_S, WORKER_MB, COLD_START_S = 60, 40, 350, 5


def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = Path("/proc/meminfo").read_text().split()[1] if Path("/proc/meminfo").exists() else 0
    return (
        f"{model}, {os.cpu_count()} cores, {int(memory) // 1024 // 1024} GiB, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def heavy_packages() -> list[str]:
    return [name for name in ("sklearn", "scipy") if importlib.util.find_spec(name)]


def in_process(texts: dict[str, str], quick: bool) -> tuple[dict, list[str]]:
    """p50/p95 of all analyzers together, each analyzer, and the TextBlob baseline."""
    from slant.document import build_document
    from slant.web.app import create_app
    from textblob import TextBlob

    # The per-request work limits are lifted: this measures the analyzers' own cost on 1 MB.
    unlimited = {
        "REQUEST_DEADLINE": 600,
        "MAX_SENTENCES": 10**7,
        "MAX_ANNOTATIONS": 10**7,
        "MAX_RESPONSE_BYTES": 10**10,
    }
    app = create_app(
        {"CACHE_ENTRIES": 0, "ANALYZER_TIMEOUT": 600, "LOG_LEVEL": "warning", **unlimited}, env={}
    )
    engine = app.extensions["slant"]
    names = list(engine.analyzers)
    rows = {}
    for label, text in texts.items():
        reps = REPS[label][1 if quick else 0]
        engine.analyze(text)  # warm-up: lazy tables, caches of the analyzers
        totals, per_analyzer, baseline = [], {n: [] for n in names}, []
        statuses: set[str] = set()
        for _ in range(reps):
            started = time.perf_counter()
            response = engine.analyze(text).response
            totals.append((time.perf_counter() - started) * 1000)
            for name, result in response["results"].items():
                per_analyzer[name].append(result["elapsed_ms"])
                statuses.add(result["status"])
            started = time.perf_counter()
            document = build_document(text)
            for span in document.sentences:
                TextBlob(document.quote(span)).sentiment  # noqa: B018
            baseline.append((time.perf_counter() - started) * 1000)
        rows[label] = {
            "bytes": len(text.encode()),
            "reps": reps,
            "p50": statistics.median(totals),
            "p95": percentile(totals, 0.95),
            "baseline_p50": statistics.median(baseline),
            "baseline_p95": percentile(baseline, 0.95),
            "analyzers": {n: statistics.median(v) for n, v in per_analyzer.items()},
            "statuses": sorted(statuses),
        }
        print(f"  measured {label} ({reps} runs)", file=sys.stderr)
    return rows, names


def fresh_process_start() -> float:
    """Seconds to import slant and build the app (all analyzers set up) in a new process."""
    code = (
        "import time; t = time.perf_counter(); from slant.web.app import create_app; "
        "create_app(env={}); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def http_runs(oped: str, quick: bool) -> dict:
    body = json.dumps({"text": oped}).encode()
    headers = {"Content-Type": "application/json"}
    total = 300 if quick else 1500
    results = {}
    for label, env in (("uncached", {"SLANT_CACHE_ENTRIES": "0"}), ("cache hit", {})):
        with SlantServer(workers=2, env=env) as server:
            workers = server.workers()
            # Warm-up: every worker answers a few (and, with the cache, keeps the answer).
            run_load(
                server.url,
                lambda i: ("POST", "/api/v1/analyze", body, headers),
                requests=20,
                concurrency=4,
                max_seconds=60,
            )
            client_cpu = time.process_time()
            load = run_load(
                server.url,
                lambda i: ("POST", "/api/v1/analyze", body, headers),
                requests=total,
                concurrency=4,
                max_seconds=60,
                watch_header="X-Slant-Cache",
            )
            client_cpu = time.process_time() - client_cpu
            peaks = {pid: memory_kb(pid)["VmHWM"] / 1024 for pid in workers}
            results[label] = {
                "requests": len(load.latencies_ms),
                "errors": len(load.errors),
                "statuses": dict(load.statuses),
                "cache_header": {str(k): v for k, v in load.headers.items()},
                "rate": load.rate,
                "p50": percentile(load.latencies_ms, 0.5),
                "p95": percentile(load.latencies_ms, 0.95),
                "peak_rss_mb": max(peaks.values()),
                "master_rss_mb": memory_kb(server.process.pid)["VmRSS"] / 1024,
                "cold_start_s": server.cold_start_s,
                # Share of the machine's cores the load generator itself used.
                "client_cpu_share": client_cpu / load.elapsed_s / (os.cpu_count() or 1),
            }
        print(f"  measured HTTP {label}", file=sys.stderr)
    return results


def report(source: str, names: list[str], rows: dict, start_s: float, http: dict) -> list[str]:
    """The printed tables; returns the lines of missed targets."""
    print(f"\nslant benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine:   {machine()}")
    print(
        f"load:      {', '.join(f'{x:.1f}' for x in os.getloadavg())} (1, 5, 15 min; other work competes)"
    )
    print(f"analyzers: {', '.join(names) or 'none installed'}")
    print(f"texts:     {source}; sizes built by repeating its paragraphs in shuffled order")
    heavy = heavy_packages()
    print(
        f"runtime:   {'WARNING, installed: ' + ', '.join(heavy) if heavy else 'no scikit-learn, no scipy'}"
    )

    print(
        "\nIn process (engine.analyze, all analyzers) vs baseline (TextBlob sentiment per sentence);"
    )
    print("core = total minus the analyzers: segmentation, language, checking each result")
    head = f"{'text':>7} {'bytes':>9} {'runs':>4} {'slant p50':>10} {'p95':>8} {'baseline p50':>13} {'p95':>8} {'ratio':>6}"
    print(head + "".join(f" {n + ' p50':>13}" for n in names) + f" {'core':>9}")
    for label, row in rows.items():
        ratio = row["p50"] / row["baseline_p50"] if row["baseline_p50"] else float("nan")
        line = (
            f"{label:>7} {row['bytes']:>9,} {row['reps']:>4} {row['p50']:>8.1f}ms "
            f"{row['p95']:>6.1f}ms {row['baseline_p50']:>11.1f}ms {row['baseline_p95']:>6.1f}ms {ratio:>5.2f}x"
        )
        core = row["p50"] - sum(row["analyzers"].values())
        print(
            line + "".join(f" {row['analyzers'][n]:>11.1f}ms" for n in names) + f" {core:>7.1f}ms"
        )
        if row["statuses"] != ["ok"]:
            print(f"        statuses seen: {', '.join(row['statuses'])}")

    print(
        "\nCost per 10 KB of text, the worse of the 10 KB text and the 100 KB text / 10 (the"
        "\n100 KB text repeats paragraphs, which an analyzer may cache), against each budget"
    )
    per_10kb = {
        n: max(
            rows["10 KB"]["analyzers"][n] / (rows["10 KB"]["bytes"] / 10_000),
            rows["100 KB"]["analyzers"][n] / (rows["100 KB"]["bytes"] / 10_000),
        )
        for n in names
    }
    for name in names:
        budget = BUDGET_MS_PER_10KB.get(name)
        verdict = (
            ""
            if budget is None
            else (f"budget {budget} ms: " + ("met" if per_10kb[name] <= budget else "MISSED"))
        )
        print(f"  {name:>10}: {per_10kb[name]:6.2f} ms per 10 KB  {verdict}")
    growth = rows["1 MB"]["p50"] / rows["100 KB"]["p50"]
    print(f"  growth 100 KB -> 1 MB: {growth:.1f}x for 10x the text (linear = 10x)")

    print(
        "\nHTTP through gunicorn, 2 workers x 2 threads, 4 keep-alive client threads on 127.0.0.1, reference op-ed"
    )
    for label, run in http.items():
        print(
            f"  {label:>9}: {run['rate']:7.1f} req/s  p50 {run['p50']:6.1f} ms  p95 {run['p95']:6.1f} ms  "
            f"({run['requests']} requests, {run['errors']} errors, statuses {run['statuses']}, "
            f"X-Slant-Cache {run['cache_header']}); the client used "
            f"{run['client_cpu_share']:.0%} of the machine's CPU"
        )
    peak = max(run["peak_rss_mb"] for run in http.values())
    cold = max(run["cold_start_s"] for run in http.values())
    print(
        f"  peak RSS per worker: {peak:.0f} MB (master {http['uncached']['master_rss_mb']:.0f} MB)"
    )
    print(f"  cold start, `slant serve --workers 2` to first healthy answer: {cold:.2f} s")
    print(f"  import + create_app in a fresh process: {start_s:.2f} s")

    targets = [
        (
            f"op-ed, all analyzers, p50 <= {OPED_MS} ms in process",
            rows["op-ed"]["p50"] <= OPED_MS,
            f"{rows['op-ed']['p50']:.1f} ms",
        ),
        (
            f">= {REQUESTS_PER_S} req/s over HTTP, 2 workers, uncached",
            http["uncached"]["rate"] >= REQUESTS_PER_S,
            f"{http['uncached']['rate']:.0f} req/s",
        ),
        ("100 KB <= 300 ms", rows["100 KB"]["p50"] <= 300, f"{rows['100 KB']['p50']:.0f} ms"),
        (f"<= {WORKER_MB} MB RSS per worker", peak <= WORKER_MB, f"{peak:.0f} MB"),
        (f"cold start <= {COLD_START_S} s", cold <= COLD_START_S, f"{cold:.2f} s"),
    ]
    targets += [
        (
            f"{name} <= {BUDGET_MS_PER_10KB[name]} ms per 10 KB",
            per_10kb[name] <= BUDGET_MS_PER_10KB[name],
            f"{per_10kb[name]:.2f} ms",
        )
        for name in names
        if name in BUDGET_MS_PER_10KB
    ]
    print("\nTargets")
    missed = []
    for what, ok, value in targets:
        print(f"  [{'met' if ok else 'MISSED':>6}] {what}: {value}")
        if not ok:
            missed.append(what)
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    oped, source = base_text()
    texts = {"op-ed": oped, **{label: sized_text(oped, size) for label, size in SIZES}}
    print("measuring in process...", file=sys.stderr)
    rows, names = in_process(texts, args.quick)
    start_s = fresh_process_start()
    print("measuring over HTTP...", file=sys.stderr)
    http = http_runs(oped, args.quick)
    report(source, names, rows, start_s, http)
    if args.json:
        args.json.write_text(
            json.dumps({"in_process": rows, "http": http, "start_s": start_s}, indent=2)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
