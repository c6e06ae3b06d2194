"""``make soak``: thousands of mixed requests against gunicorn; no 5xx, no crash, flat memory.

Sends a bounded mix, concurrently, to ``slant serve --workers 2`` on 127.0.0.1:
valid texts of many sizes, unicode-heavy texts, repeats (cache hits), and every
kind of bad request (malformed JSON, bad UTF-8, wrong content type, schema
errors, unknown analyzers, bodies over the limit, unknown paths). Fails (exit 1)
on any answer other than the one expected for its kind, on a worker that
died, or on a worker whose memory still grows once the cache is full.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict

from bench.load import run_load
from bench.server import SlantServer, memory_kb
from bench.texts import base_text, sized_text

JSON = {"Content-Type": "application/json"}
ODD = [
    "👩‍👩‍👧‍👦",
    "🇺🇦",
    "e\u0301",
    "Zoë",
    "\u200b",
    "\u00a0",
    "\u202e",
    "漢字かな交じり文",
    "مرحبا بالعالم",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "Ⅻ",
    "\ufeff",
    "ﬁ",
    "“quoted”",
    "— dash —",
]
# Per kind: share of the mix and the statuses that count as correct.
KINDS = {
    "valid": (0.40, {200}),
    "repeat": (0.15, {200}),
    "unicode": (0.15, {200}),
    "large": (0.01, {200}),
    "bad_json": (0.05, {400}),
    "bad_utf8": (0.03, {400}),
    "content_type": (0.04, {415}),
    "schema": (0.08, {422}),
    "unknown_analyzer": (0.03, {422}),
    "too_large": (0.01, {413}),
    "not_found": (0.03, {404}),
    "wrong_method": (0.02, {405}),
}


def unicode_text(rng: random.Random, sentences: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(2, 12)):
        words = rng.choice(sentences).split(" ")
        for _ in range(rng.randint(1, 4)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(ODD))
        parts.append(" ".join(words))
    return " ".join(parts)


def make_requests(total: int, seed: int, max_body: int) -> list[tuple[str, tuple]]:
    """``[(kind, (method, path, body, headers))]``, shuffled; built before the clock starts."""
    rng = random.Random(seed)
    base, _ = base_text()
    sentences = [s.strip() + "." for s in base.replace("\n", " ").split(". ") if len(s) > 20]
    names, weights = zip(*((k, share) for k, (share, _) in KINDS.items()), strict=True)
    repeats = [json.dumps({"text": sized_text(base, 2000, seed=i)}).encode() for i in range(5)]
    analyze = "/api/v1/analyze"
    out = []
    for index in range(total):
        kind = rng.choices(names, weights)[0]
        if kind == "valid":
            text = sized_text(base, rng.choice([200, 1000, 5000, 20_000]), seed=index)
            request = ("POST", analyze, json.dumps({"text": text}).encode(), JSON)
        elif kind == "repeat":
            request = ("POST", analyze, rng.choice(repeats), JSON)
        elif kind == "unicode":
            body = {"text": unicode_text(rng, sentences), "title": rng.choice(ODD)}
            request = (
                "POST",
                analyze,
                json.dumps(body, ensure_ascii=rng.random() < 0.5).encode(),
                JSON,
            )
        elif kind == "large":
            text = sized_text(base, rng.choice([200_000, 400_000]), seed=index)
            request = ("POST", analyze, json.dumps({"text": text}).encode(), JSON)
        elif kind == "bad_json":
            body = rng.choice([b'{"text": ', b"{'text': 'x'}", b'{"text": NaN}', b"[" * 5000])
            request = ("POST", analyze, body, JSON)
        elif kind == "bad_utf8":
            request = ("POST", analyze, b'{"text": "caf\xe9 \xff"}', JSON)
        elif kind == "content_type":
            ctype = rng.choice(
                ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
            )
            request = ("POST", analyze, b'{"text": "hi"}', {"Content-Type": ctype})
        elif kind == "schema":
            body = rng.choice(
                [
                    {},
                    {"text": ""},
                    {"text": " \n "},
                    {"text": 5},
                    {"text": None},
                    ["text"],
                    {"text": "hi", "analyzers": "opinion"},
                    {"text": "hi", "url": 3},
                ]
            )
            request = ("POST", analyze, json.dumps(body).encode(), JSON)
        elif kind == "unknown_analyzer":
            body = {
                "text": "Some text.",
                "analyzers": [rng.choice(["nope", "Opinion", ""]) or "x y"],
            }
            request = ("POST", analyze, json.dumps(body).encode(), JSON)
        elif kind == "too_large":
            request = ("POST", analyze, json.dumps({"text": "x" * (max_body + 10)}).encode(), JSON)
        elif kind == "not_found":
            request = ("GET", rng.choice(["/api/v2/analyze", "/admin", "/api/v1/../etc"]), None, {})
        else:
            request = (rng.choice(["GET", "PUT", "DELETE"]), analyze, None, {})
        out.append((kind, request))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    max_body = 1_000_000
    plan = make_requests(args.requests, args.seed, max_body)
    rounds = 10
    per_round = len(plan) // rounds
    wrong: list[str] = []
    by_kind: dict[str, Counter] = defaultdict(Counter)
    memory: dict[int, list[int]] = defaultdict(list)
    errors: list[str] = []  # "kind: what went wrong"
    reconnects = 0
    deadline = time.monotonic() + args.max_seconds
    # A small cache bound so the soak reaches it: after that, memory must stay flat.
    env = {"SLANT_MAX_BODY_BYTES": str(max_body), "SLANT_CACHE_MAX_BYTES": "8000000"}
    with SlantServer(workers=2, env=env) as server:
        first_workers = set(server.workers())
        started = time.perf_counter()
        for round_ in range(rounds):
            chunk = plan[round_ * per_round : (round_ + 1) * per_round]

            def check(index: int, status: int, payload: bytes, chunk=chunk) -> None:
                kind = chunk[index][0]
                by_kind[kind][status] += 1
                if status not in KINDS[kind][1]:
                    wrong.append(f"{kind}: {status} {payload[:160]!r}")

            result = run_load(
                server.url,
                lambda i, chunk=chunk: chunk[i][1],
                requests=len(chunk),
                concurrency=args.concurrency,
                max_seconds=max(1.0, deadline - time.monotonic()),
                on_response=check,
            )
            reconnects += result.reconnects
            errors += [f"{chunk[i][0]}: {what}" for i, what in result.errors]
            for pid in server.workers():
                memory[pid].append(memory_kb(pid)["VmRSS"] // 1024)
            print(
                f"round {round_ + 1}/{rounds}: {len(result.latencies_ms)} answers, "
                f"RSS MB {[m[-1] for m in memory.values()]}",
                file=sys.stderr,
            )
            if time.monotonic() > deadline:
                break
        elapsed = time.perf_counter() - started
        workers_now = set(server.workers())

    answered = sum(sum(c.values()) for c in by_kind.values())
    print(f"\nsoak: {answered} answers in {elapsed:.0f} s, {args.concurrency} concurrent clients")
    for kind, counts in sorted(by_kind.items()):
        print(f"  {kind:>16}: {dict(sorted(counts.items()))}")
    print(f"  connection errors: {len(errors)}; keep-alive reconnects (retried once): {reconnects}")
    growth = {
        pid: values[-1] - values[len(values) // 2]
        for pid, values in memory.items()
        if len(values) > 2
    }
    print(f"  RSS per worker by round (MB): {dict(memory)}")
    print(f"  growth over the second half (MB): {growth}")
    problems = []
    if wrong:
        problems.append(f"{len(wrong)} unexpected answers, e.g. {wrong[:3]}")
    if errors:
        problems.append(f"{len(errors)} connection errors, e.g. {errors[:3]}")
    if workers_now != first_workers:
        problems.append(f"workers changed: {sorted(first_workers)} -> {sorted(workers_now)}")
    if any(value > 25 for value in growth.values()):
        problems.append("a worker's memory grew by over 25 MB after the cache filled")
    if answered < len(plan) * 0.9:
        problems.append(f"only {answered} of {len(plan)} requests answered in time")
    for problem in problems:
        print(f"FAIL: {problem}")
    print("soak passed" if not problems else "soak FAILED")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
