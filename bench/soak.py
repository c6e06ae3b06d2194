"""``make soak``: a hostile soak against gunicorn: no 5xx, no HTML, no crash, bounded cost.

Runs ``gunicorn`` with slant's config and worker, serving the installed
analyzers plus two faulty ones (``bench/faulty.py``): ``leaks`` keeps 10 MB
more on every call, ``exits`` calls ``os._exit`` (run in a child process,
``SLANT_ISOLATE_ANALYZERS``). Then, on 127.0.0.1:

1. a bounded mix, concurrently: valid texts of many sizes, unicode-heavy
   texts, repeats, and every kind of bad request (malformed JSON, bad UTF-8,
   wrong content type, schema errors, unknown analyzers, bodies over the
   limit, unknown paths); every other analyzer's result must come back for
   every valid request, and memory stays bounded (leaking workers recycled);
2. 50 stalled connections (half-sent heads and bodies): health and an
   analysis must still answer within 1 s;
3. 1 MB of ``"Word. "``: 200 or a clear 4xx within 3 s, under 5 MB;
4. ``--method-requests`` (100,000) requests with made-up methods: ``/metrics``
   stays under 500 series;
5. the raw-socket corpus (``bench/hostile.py``: chunked, bad lengths, huge
   headers, invalid UTF-8) and schemathesis with every check
   (``--fuzz-examples`` per operation and mode): 0 x 5xx, 0 non-JSON errors;
   and keep-alive survives a 413.

Prints the figures; exits 1 if any target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import time
from collections import Counter, defaultdict
from typing import Any

from bench import hostile
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
            text = sized_text(base, rng.choice([100_000, 200_000]), seed=index)
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


# The analyzers whose failure is the point of the soak; every other one must answer.
FAULTY = {"exits", "leaks"}
LEAK_MB = 10
MAX_MEMORY_MB = 600


def mixed_soak(server: SlantServer, plan: list, args: argparse.Namespace) -> list[str]:
    """Phase 1: the mix, in rounds; the problems found."""
    rounds = 10
    per_round = len(plan) // rounds
    wrong: list[str] = []
    others_failed: list[str] = []
    by_kind: dict[str, Counter] = defaultdict(Counter)
    memory: dict[int, list[int]] = defaultdict(list)
    errors: list[str] = []  # "kind: what went wrong"
    reconnects = 0
    deadline = time.monotonic() + args.max_seconds
    started = time.perf_counter()
    for round_ in range(rounds):
        chunk = plan[round_ * per_round : (round_ + 1) * per_round]

        def check(index: int, status: int, payload: bytes, chunk=chunk) -> None:
            kind = chunk[index][0]
            by_kind[kind][status] += 1
            if status not in KINDS[kind][1]:
                wrong.append(f"{kind}: {status} {payload[:160]!r}")
            elif status == 200:
                results = json.loads(payload)["results"]
                bad = {
                    name: result["status"]
                    for name, result in results.items()
                    if name not in FAULTY and result["status"] not in ("ok", "skipped")
                }
                if bad or results.get("exits", {}).get("status") == "ok":
                    others_failed.append(f"{kind}: {bad}")

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
            with contextlib.suppress(FileNotFoundError):  # recycled meanwhile
                memory[pid].append(memory_kb(pid)["VmHWM"] // 1024)
        print(
            f"round {round_ + 1}/{rounds}: {len(result.latencies_ms)} answers, "
            f"{len(memory)} workers so far",
            file=sys.stderr,
        )
        if time.monotonic() > deadline:
            break
    elapsed = time.perf_counter() - started
    answered = sum(sum(c.values()) for c in by_kind.values())
    peak = max((max(values) for values in memory.values()), default=0)
    print(f"\n1. mixed soak: {answered} answers in {elapsed:.0f} s, {args.concurrency} clients")
    for kind, counts in sorted(by_kind.items()):
        print(f"  {kind:>16}: {dict(sorted(counts.items()))}")
    print(f"  connection errors: {len(errors)}; keep-alive reconnects (retried once): {reconnects}")
    print(f"  answers where an analyzer other than {sorted(FAULTY)} failed: {len(others_failed)}")
    recycled = server.log.read_text().count("SLANT_WORKER_MAX_MEMORY_MB")
    print(
        f"  workers recycled over {MAX_MEMORY_MB} MB: {recycled}; peak RSS of any worker: {peak} MB"
    )
    problems = []
    if wrong:
        problems.append(f"{len(wrong)} unexpected answers, e.g. {wrong[:3]}")
    if others_failed:
        problems.append(f"{len(others_failed)} answers lost another analyzer: {others_failed[:3]}")
    if errors:
        problems.append(f"{len(errors)} connection errors, e.g. {errors[:3]}")
    # The check runs after each request: a worker may pass the limit by what its
    # requests in flight hold (a 200,000-character text takes about 150 MB).
    if peak > MAX_MEMORY_MB + 250:
        problems.append(f"a worker reached {peak} MB despite SLANT_WORKER_MAX_MEMORY_MB")
    if answered < len(plan) * 0.9:
        problems.append(f"only {answered} of {len(plan)} requests answered in time")
    return problems


def stalled_clients(server: SlantServer) -> list[str]:
    """Phase 2: 50 stalled connections; health and an analysis must answer within 1 s."""
    body = json.dumps(
        {"text": "The council approved it. It is a disgrace.", "analyzers": ["opinion"]}
    )
    analysis = hostile.request_bytes("POST", hostile.ANALYZE, body.encode(), hostile.JSON)
    health = hostile.request_bytes("GET", "/api/v1/health")
    stalled = hostile.stall(server.port, 50)
    try:
        time.sleep(0.5)
        timings = [hostile.timed(server.port, raw) for _ in range(5) for raw in (health, analysis)]
    finally:
        for sock in stalled:
            sock.close()
    worst = max(seconds for seconds, _ in timings)
    statuses = Counter(status for _, status in timings)
    print(f"\n2. 50 stalled connections: {dict(statuses)}; slowest answer {worst:.3f} s")
    if worst >= 1 or set(statuses) != {200}:
        return [f"with 50 stalled connections: {dict(statuses)}, slowest {worst:.2f} s"]
    return []


def megabyte(server: SlantServer) -> list[str]:
    """Phase 3: 1 MB of text, tiny sentences and prose."""
    base, _ = base_text()
    problems = []
    print("\n3. 1 MB of text:")
    for name, text in (
        ("Word. x 166,000", "Word. " * 166_000),
        ("prose", sized_text(base, 900_000)),
    ):
        raw = hostile.request_bytes(
            "POST", hostile.ANALYZE, json.dumps({"text": text}).encode(), hostile.JSON
        )
        started = time.perf_counter()
        answer = hostile.exchange(server.port, raw, timeout=60)
        seconds = time.perf_counter() - started
        code = (
            json.loads(answer.body).get("error", {}).get("code", "") if answer.status != 200 else ""
        )
        print(f"  {name}: {answer.status} {code} in {seconds:.2f} s, {len(answer.body):,} bytes")
        if seconds > 3 or len(answer.body) > 5_000_000 or answer.status >= 500:
            problems.append(
                f"1 MB ({name}): {answer.status} in {seconds:.1f} s, {len(answer.body)} B"
            )
    return problems


def metric_series(server: SlantServer, requests: int, seed: int) -> list[str]:
    """Phase 4: made-up methods must not grow /metrics."""
    rng = random.Random(seed)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    methods = [
        "".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(requests)
    ]
    result = run_load(
        server.url,
        lambda i: (methods[i], rng.choice(["/", "/api/v1/analyze", "/x"]), None, {}),
        requests=requests,
        concurrency=8,
        max_seconds=900,
    )
    text = hostile.exchange(server.port, hostile.request_bytes("GET", "/metrics")).body.decode()
    series = sum(1 for line in text.splitlines() if line and not line.startswith("#"))
    print(
        f"\n4. {len(result.latencies_ms):,} requests with made-up methods in {result.elapsed_s:.0f} s: "
        f"/metrics has {series} series ({len(text):,} bytes); statuses {dict(result.statuses)}"
    )
    return [f"/metrics has {series} series"] if series >= 500 else []


def corpus_and_fuzz(server: SlantServer, examples: int, max_body: int) -> list[str]:
    """Phase 5: raw-socket corpus, keep-alive after a 413, schemathesis with every check."""
    answers = hostile.run_corpus(server.port, max_body)
    unreadable = [name for name, a in answers.items() if isinstance(a, str)]
    read = {name: a for name, a in answers.items() if not isinstance(a, str)}
    five = [f"{n}: {a.status}" for n, a in read.items() if a.status >= 500 and a.status != 501]
    not_json = [
        f"{n}: {a.status}" for n, a in read.items() if a.status >= 400 and not a.is_json_envelope()
    ]
    print(
        f"\n5. raw-socket corpus: {len(answers)} requests, {len(five)} x 5xx (501 for an unknown "
        f"transfer coding aside), {len(not_json)} non-JSON errors, {len(unreadable)} unreadable"
    )
    print(f"  statuses: {dict(Counter(a.status for a in read.values()))}")
    with hostile.connect(server.port) as sock:
        buffered = bytearray()
        big = json.dumps({"text": "x" * (max_body + 10)}).encode()
        sock.sendall(hostile.request_bytes("POST", hostile.ANALYZE, big, hostile.JSON))
        first = hostile.read_response(sock, buffered)
        sock.sendall(hostile.request_bytes("GET", "/api/v1/health"))
        second = hostile.read_response(sock, buffered)
    print(f"  keep-alive after a 413: {first.status} then {second.status} on the same connection")
    fuzz = run_schemathesis(server.url, examples)
    print(
        f"  schemathesis, every check, {examples} examples per operation and mode: "
        f"{fuzz['cases']} cases, {len(fuzz['failures'])} failures"
    )
    problems = []
    if five or not_json or unreadable:
        problems.append(f"corpus: 5xx {five}, non-JSON {not_json}, unreadable {unreadable}")
    if (first.status, second.status) != (413, 200):
        problems.append(f"keep-alive after a 413: {first.status}, {second.status}")
    if fuzz["failures"]:
        problems.append(f"schemathesis: {fuzz['failures'][:3]}")
    return problems


def run_schemathesis(url: str, examples: int) -> dict[str, Any]:
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis import GenerationMode

    schema = schemathesis.openapi.from_url(f"{url}/api/v1/openapi.json")
    outcome: dict[str, Any] = {"cases": 0, "failures": []}
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if mode is GenerationMode.NEGATIVE and operation.method.upper() != "POST":
                continue

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def conforms(case) -> None:
                outcome["cases"] += 1
                case.call_and_validate(timeout=60)

            try:
                conforms()
            except Exception as error:  # a FailureGroup: what schemathesis found
                outcome["failures"].append(f"{operation.label} {mode.name}: {str(error)[:300]}")
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--method-requests", type=int, default=100_000)
    parser.add_argument("--fuzz-examples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    max_body = 1_000_000
    plan = make_requests(args.requests, args.seed, max_body)
    env = {
        "SLANT_MAX_BODY_BYTES": str(max_body),
        # A small cache bound, so the soak reaches it.
        "SLANT_CACHE_MAX_BYTES": "8000000",
        "SLANT_ISOLATE_ANALYZERS": "exits",
        "SLANT_DISABLE_ANALYZERS": "sleeps",
        "SLANT_TEST_LEAK_MB": str(LEAK_MB),
        "SLANT_WORKER_MAX_MEMORY_MB": str(MAX_MEMORY_MB),
    }
    problems = []
    with SlantServer(workers=2, env=env, app="bench.faulty:build_app()") as server:
        problems += mixed_soak(server, plan, args)
        problems += stalled_clients(server)
        problems += megabyte(server)
        problems += metric_series(server, args.method_requests, args.seed)
        problems += corpus_and_fuzz(server, args.fuzz_examples, max_body)
        alive = server.process.poll() is None
    if not alive:
        problems.append("the gunicorn master exited")
    print()
    for problem in problems:
        print(f"FAIL: {problem}")
    print("soak passed" if not problems else "soak FAILED")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
