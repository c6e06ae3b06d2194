"""Hostile clients and faulty plugins: the server stays up, answers in the envelope, bounds its cost.

In-process tests cover the limits, health, logs and the order of auth and
rate limit; the ``slow`` ones run gunicorn with slant's worker and talk to it
over raw sockets (``bench/hostile.py``), with faulty plugins loaded
(``bench/faulty.py``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families
from slant import Analyzer, AnalyzerResult, Annotation, hookimpl
from slant.web.request_log import JsonFormatter
from slant.web.worker import RequestScanner

from bench import hostile
from bench.faulty import Exits, Leaks, Sleeps
from bench.server import SlantServer
from plugins import misbehaving

TEXT = "The council approved the budget. It is a disgrace."


class Many(Analyzer):
    """One annotation per character: more than any limit allows."""

    name = "many"
    version = "1.0.0"
    labels = ("x",)

    def analyze(self, document):
        marks = [Annotation(i, i + 1, "x") for i in range(len(document.text))]
        return AnalyzerResult({"headline": "", "label": "x", "score": 0.0}, marks)


class Quotes(Analyzer):
    """Raises an error quoting the text, as careless plugins do."""

    name = "quotes"
    version = "1.0.0"
    labels = ("x",)

    def analyze(self, document):
        raise ValueError(f"cannot parse {document.text[:40]!r}")


class Extra:
    @hookimpl
    def register_analyzers(self, register):
        register(Many())
        register(Quotes())
        register(Exits())
        register(Leaks())
        register(Sleeps())


def analyze(client, text=TEXT, **fields):
    return client.post("/api/v1/analyze", json={"text": text, **fields})


# --- limits on one request -------------------------------------------------------------------


def test_a_megabyte_of_tiny_sentences_is_refused_fast_and_small(app_with_plugins):
    client = app_with_plugins(misbehaving).test_client()
    started = time.perf_counter()
    response = analyze(client, "Word. " * 166_000, analyzers=["sentences"])
    assert time.perf_counter() - started < 3
    assert response.status_code == 413 and len(response.data) < 5_000_000
    error = response.get_json()["error"]
    assert error["code"] == "payload_too_large"
    assert error["details"] == {"limit": "SLANT_MAX_SENTENCES", "max": 5000}
    assert "SLANT_MAX_SENTENCES" in error["message"]


def test_the_sentence_limit_is_a_setting(app_with_plugins):
    client = app_with_plugins(misbehaving, config={"MAX_SENTENCES": 3}).test_client()
    assert analyze(client, "One. Two. Three.", analyzers=["sentences"]).status_code == 200
    # Under the quick bound (2 x 3 full stops), but over the limit once segmented.
    refused = analyze(client, "One. Two. Three. Four.", analyzers=["sentences"])
    assert refused.status_code == 413
    assert "4 sentences" in refused.get_json()["error"]["message"]


def test_too_many_annotations_fail_that_analyzer_only(app_with_plugins):
    app = app_with_plugins(misbehaving, Extra(), config={"MAX_ANNOTATIONS": 10})
    results = analyze(app.test_client(), analyzers=["many", "sentences"]).get_json()["results"]
    assert results["many"]["status"] == "error"
    assert "SLANT_MAX_ANNOTATIONS" in results["many"]["error"]
    assert results["sentences"]["status"] == "ok"


def test_a_response_over_the_limit_is_413_naming_it(app_with_plugins):
    client = app_with_plugins(misbehaving, config={"MAX_RESPONSE_BYTES": 800}).test_client()
    response = analyze(client, TEXT * 5, analyzers=["sentences"])
    assert response.status_code == 413
    assert response.get_json()["error"]["details"]["limit"] == "SLANT_MAX_RESPONSE_BYTES"


def test_the_request_deadline_bounds_all_analyzers_together(app_with_plugins, monkeypatch):
    # Two analyzers of 1.5 s each, both within their own 5 s, but not within 2 s together.
    monkeypatch.setenv("SLANT_TEST_SLEEP", "1.5")

    class Twice:
        @hookimpl
        def register_analyzers(self, register):
            register(Sleeps())
            second = Sleeps()
            second.name = "sleeps-too"
            register(second)

    app = app_with_plugins(Twice(), config={"REQUEST_DEADLINE": 2.0, "CACHE_ENTRIES": 0})
    started = time.perf_counter()
    results = analyze(app.test_client()).get_json()["results"]
    assert time.perf_counter() - started < 2.9
    assert results["sleeps"]["status"] == "ok"
    assert results["sleeps-too"]["status"] == "timeout"


# --- faulty plugins --------------------------------------------------------------------------


def test_an_isolated_analyzer_that_kills_its_process_fails_alone(app_with_plugins):
    app = app_with_plugins(
        misbehaving, Extra(), config={"ISOLATE_ANALYZERS": "exits,leaks", "CACHE_ENTRIES": 0}
    )
    client = app.test_client()
    for _ in range(3):
        results = analyze(client, analyzers=["exits", "leaks", "sentences"]).get_json()["results"]
        assert results["exits"]["status"] == "error"
        assert "exited with status 3" in results["exits"]["error"]
        assert results["leaks"]["status"] == "ok"  # its leak died with its child
        assert results["sentences"]["status"] == "ok"


def test_an_isolated_analyzer_past_its_timeout_is_killed(app_with_plugins):
    app = app_with_plugins(misbehaving, config={"ISOLATE_ANALYZERS": "hangs", "CACHE_ENTRIES": 0})
    started = time.perf_counter()
    results = analyze(app.test_client(), analyzers=["hangs", "sentences"]).get_json()["results"]
    assert time.perf_counter() - started < 2
    assert results["hangs"]["status"] == "timeout" and results["sentences"]["status"] == "ok"


def test_error_messages_never_carry_the_text_into_logs(app_with_plugins, caplog):
    secret = "zebra-quartz-41 is the secret sentence here."
    app = app_with_plugins(misbehaving, Extra())
    with caplog.at_level(logging.DEBUG):
        results = analyze(app.test_client(), secret, analyzers=["quotes", "raises"]).get_json()
    assert results["results"]["quotes"]["status"] == "error"
    assert "zebra" not in results["results"]["quotes"]["error"]
    assert "model file is corrupt" in results["results"]["raises"]["error"]  # not a quote
    lines = [JsonFormatter().format(record) for record in caplog.records]
    assert any("ValueError" in line for line in lines)
    assert not any("zebra" in line for line in lines)


def test_health_is_degraded_when_a_plugin_failed_or_an_analyzer_keeps_failing(app_with_plugins):
    app = app_with_plugins(misbehaving, config={"CACHE_ENTRIES": 0})
    client = app.test_client()
    health = client.get("/api/v1/health").get_json()
    assert health["status"] == "degraded" and health["api"] == "v1" and health["slant_version"]
    assert health["details"] == {"plugins_failed": ["fails-setup"], "analyzers_failing": {}}
    for _ in range(3):
        analyze(client, analyzers=["raises"])
    assert client.get("/api/v1/health").get_json()["details"]["analyzers_failing"] == {
        "raises": "error"
    }
    assert analyze(client, analyzers=["sentences"]).status_code == 200
    clean = app_with_plugins(misbehaving, config={"DISABLE_ANALYZERS": "fails-setup"})
    assert clean.test_client().get("/api/v1/health").get_json()["status"] == "ok"


def test_a_key_is_checked_before_the_rate_limit(app_with_plugins):
    app = app_with_plugins(misbehaving, config={"RATE_LIMIT": "1/minute", "API_KEYS": "good"})
    client = app.test_client()
    statuses = [analyze(client, analyzers=["sentences"]).status_code for _ in range(3)]
    assert statuses == [401, 401, 401]
    wrong = {"Authorization": "Bearer bad"}
    statuses = [
        client.post("/api/v1/analyze", json={"text": TEXT}, headers=wrong).status_code
        for _ in range(3)
    ]
    assert statuses == [403, 403, 403]
    good = {"Authorization": "Bearer good"}
    statuses = [
        client.post(
            "/api/v1/analyze", json={"text": TEXT, "analyzers": ["sentences"]}, headers=good
        ).status_code
        for _ in range(2)
    ]
    assert statuses == [200, 429]


def test_made_up_methods_do_not_grow_the_metrics(app_with_plugins):
    client = app_with_plugins(misbehaving).test_client()
    rng = random.Random(5)
    for _ in range(2000):
        method = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(6))
        client.open(rng.choice(["/api/v1/analyze", "/nope", "/"]), method=method)
    text = client.get("/metrics").get_data(as_text=True)
    series = [s for f in text_string_to_metric_families(text) for s in f.samples]
    assert len(series) < 200
    assert {s.labels.get("method") for s in series if "method" in s.labels} <= {"GET", "other"}


# --- reading requests in the event loop ------------------------------------------------------


@pytest.mark.parametrize(
    ("chunks", "verdict"),
    [
        ([b"GET / HTTP/1.1\r\nHost: x\r\n", b"\r\n"], ["more", "ready"]),
        ([b"POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nab", b"cd"], ["more", "ready"]),
        ([b"POST / HTTP/1.1\r\nContent-Length: 99\r\n\r\n"], ["too_large"]),
        ([b"POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n"], ["parse"]),
        (
            [b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n", b"0\r\n\r\n"],
            ["more", "ready"],
        ),
        ([b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"], ["parse"]),
        ([b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nfffffffff\r\n"], ["too_large"]),
        ([b"GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n"], ["parse"]),
        ([b"GET /" + b"a" * 70_000], ["parse"]),
    ],
)
def test_the_scanner_knows_when_a_request_is_complete(chunks, verdict):
    scanner = RequestScanner(max_body=50)
    assert [scanner.feed(chunk) for chunk in chunks] == verdict


def test_many_tiny_chunks_scan_in_linear_time():
    body = b"1\r\nx\r\n" * 40_000 + b"0\r\n\r\n"
    scanner = RequestScanner(max_body=1_000_000)
    scanner.feed(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
    started = time.perf_counter()
    verdicts = [scanner.feed(body[i : i + 1000]) for i in range(0, len(body), 1000)]
    assert verdicts[-1] == "ready" and time.perf_counter() - started < 1


# --- gunicorn, over raw sockets --------------------------------------------------------------


@pytest.fixture(scope="module")
def served():
    env = {
        "SLANT_MAX_BODY_BYTES": "100000",
        "SLANT_READ_TIMEOUT": "2",
        "SLANT_ISOLATE_ANALYZERS": "exits",
        "SLANT_DISABLE_ANALYZERS": "leaks",
        "SLANT_TEST_SLEEP": "0.3",
        "SLANT_LOG_LEVEL": "warning",
    }
    with SlantServer(workers=2, env=env, app="bench.faulty:build_app()") as server:
        yield server


def _timed_get(port, path="/api/v1/health"):
    return hostile.timed(port, hostile.request_bytes("GET", path), timeout=5)


@pytest.mark.slow
def test_fifty_stalled_connections_do_not_stop_the_server(served):
    stalled = hostile.stall(served.port, 50)
    try:
        time.sleep(0.3)
        body = json.dumps({"text": TEXT, "analyzers": ["opinion"]}).encode()
        analysis = hostile.request_bytes("POST", hostile.ANALYZE, body, hostile.JSON)
        for _ in range(3):
            seconds, status = _timed_get(served.port)
            assert status == 200 and seconds < 1
            seconds, status = hostile.timed(served.port, analysis, timeout=5)
            assert status == 200 and seconds < 1
    finally:
        for sock in stalled:
            sock.close()


@pytest.mark.slow
def test_a_request_not_complete_in_time_gets_408(served):
    with hostile.connect(served.port) as sock:
        sock.sendall(b"POST /api/v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{")
        started = time.perf_counter()
        response = hostile.read_response(sock)
    assert response.status == 408 and response.is_json_envelope()
    assert 1.5 < time.perf_counter() - started < 5
    assert response.closed


@pytest.mark.slow
def test_every_raw_socket_answer_is_json_and_none_is_5xx(served):
    answers = hostile.run_corpus(served.port, 100_000)
    unreadable = {name: a for name, a in answers.items() if isinstance(a, str)}
    assert not unreadable
    server_errors = {
        name: a.status for name, a in answers.items() if a.status >= 500 and a.status != 501
    }
    assert not server_errors
    not_json = {
        name: (a.status, a.body[:80])
        for name, a in answers.items()
        if a.status >= 400 and not a.is_json_envelope()
    }
    assert not not_json
    assert answers["chunk size not hex"].status == 400
    assert answers["chunked over the limit"].status == 413
    assert answers["huge request line"].status == 414
    assert answers["huge header"].status == 431
    for answer in answers.values():  # an answer that says keep-alive keeps the connection
        if answer.headers.get("connection") == "close":
            assert answer.closed


@pytest.mark.slow
def test_keep_alive_survives_a_413(served):
    big = json.dumps({"text": "x" * 150_000}).encode()
    with hostile.connect(served.port) as sock:
        buffered = bytearray()
        sock.sendall(hostile.request_bytes("POST", hostile.ANALYZE, big, hostile.JSON))
        refused = hostile.read_response(sock, buffered)
        assert refused.status == 413 and refused.is_json_envelope()
        assert refused.headers["connection"] == "keep-alive"
        sock.sendall(hostile.request_bytes("GET", "/api/v1/health"))
        assert hostile.read_response(sock, buffered).status == 200


@pytest.mark.slow
def test_a_413_closes_when_the_client_asked_to(served):
    big = json.dumps({"text": "x" * 150_000}).encode()
    headers = {**hostile.JSON, "Connection": "close"}
    refused = hostile.exchange(
        served.port, hostile.request_bytes("POST", hostile.ANALYZE, big, headers)
    )
    assert refused.status == 413 and refused.headers["connection"] == "close" and refused.closed


@pytest.mark.slow
def test_a_process_killing_plugin_fails_only_its_own_result(served):
    workers = set(served.workers())
    body = json.dumps({"text": TEXT, "analyzers": ["exits", "opinion", "sleeps"]}).encode()
    raw = hostile.request_bytes("POST", hostile.ANALYZE, body, hostile.JSON)
    for _ in range(4):
        response = hostile.exchange(served.port, raw)
        results = json.loads(response.body)["results"]
        assert results["exits"]["status"] == "error"
        assert results["opinion"]["status"] == "ok" and results["sleeps"]["status"] == "ok"
    assert set(served.workers()) == workers


@pytest.mark.slow
def test_a_leaking_worker_is_replaced_and_requests_go_on():
    env = {
        "SLANT_ANALYZERS": "leaks,opinion",
        "SLANT_WORKER_MAX_MEMORY_MB": "400",
        "SLANT_TEST_LEAK_MB": "40",
        "SLANT_CACHE_ENTRIES": "0",
        "SLANT_LOG_LEVEL": "warning",
    }
    with SlantServer(workers=1, env=env, app="bench.faulty:build_app()") as server:
        first = set(server.workers())
        body = json.dumps({"text": TEXT}).encode()
        raw = hostile.request_bytes("POST", hostile.ANALYZE, body, hostile.JSON)
        peak = 0
        for _ in range(40):
            response = hostile.exchange(server.port, raw)
            assert response.status == 200
            assert json.loads(response.body)["results"]["opinion"]["status"] == "ok"
            for pid in server.workers():
                with contextlib.suppress(FileNotFoundError):
                    peak = max(peak, _rss_mb(pid))
        assert set(server.workers()) != first
        assert peak < 400 + 10 * 40 + 50


def _rss_mb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


def test_settings_are_documented():
    from slant.config import SETTINGS

    docs = os.path.dirname(__file__) + "/../docs/self-hosting.md"
    with open(docs, encoding="utf-8") as file:
        text = file.read()
    missing = [spec.env for spec in SETTINGS if f"`{spec.env}`" not in text]
    assert not missing


@pytest.mark.parametrize("text", ["\x1e\x1f", "\ufeff", "\x85 \u3000"])
def test_whitespace_means_the_same_to_the_server_and_its_document(app_with_plugins, text):
    import re

    from slant.contract import TEXT_PATTERN

    client = app_with_plugins(misbehaving).test_client()
    assert analyze(client, text, analyzers=["sentences"]).status_code == 422
    assert re.search(TEXT_PATTERN, text) is None
