"""gunicorn in earnest: security over a socket, a hanging plugin, a killed worker, metrics.

The servers here run this module's :func:`build_app` (the misbehaving test
plugins plus one slow analyzer) under slant's own gunicorn config file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import free_port, spawn_server, start_server
from prometheus_client.parser import text_string_to_metric_families
from slant import Analyzer, AnalyzerResult, hookimpl
from slant.web.app import create_app
from slant.web.serving import GUNICORN_CONFIG

from plugins import misbehaving

pytestmark = pytest.mark.slow
TESTS = Path(__file__).resolve().parent
KEYS = ("key-one", "key-two")


class Slow(Analyzer):
    """Writes its worker's pid to ``SLANT_TEST_PIDFILE``, then takes its time."""

    name = "slow"
    version = "1.0.0"
    labels = ("x",)
    timeout = 30

    def analyze(self, document):
        Path(os.environ["SLANT_TEST_PIDFILE"]).write_text(str(os.getpid()))
        time.sleep(5)
        return AnalyzerResult({"headline": "done", "label": "x", "score": 0.0}, [])


class SlowPlugin:
    @hookimpl
    def register_analyzers(self, register):
        register(Slow())


def build_app():
    """The app gunicorn serves here: ``test_gunicorn:build_app()``."""
    return create_app(plugins=[misbehaving, SlowPlugin()], load_entrypoints=False)


def run_gunicorn(env: dict[str, str]) -> tuple[str, subprocess.Popen, list[str]]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        str(GUNICORN_CONFIG),
        "--bind",
        f"127.0.0.1:{port}",
        "test_gunicorn:build_app()",
    ]
    env = {"PYTHONPATH": str(TESTS), "SLANT_WORKERS": "2", **env}
    return spawn_server(command, port, env=env, cwd=TESTS)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def workers(process: subprocess.Popen) -> set[int]:
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text()
    return {int(pid) for pid in children.split()}


def wait_for(condition, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def secured() -> Iterator[tuple[str, list[str]]]:
    url, process, output = run_gunicorn(
        {
            "SLANT_API_KEYS": ",".join(KEYS),
            "SLANT_RATE_LIMIT": "5/minute",
            "SLANT_CORS_ORIGINS": "https://news.example",
            "SLANT_MAX_BODY_BYTES": "20000",
        }
    )
    yield url, output
    stop(process)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> Iterator[tuple[str, subprocess.Popen, Path]]:
    pidfile = tmp_path_factory.mktemp("gunicorn") / "slow.pid"
    url, process, _ = run_gunicorn({"SLANT_TEST_PIDFILE": str(pidfile)})
    yield url, process, pidfile
    stop(process)


def analyze(url: str, key: str | None = None, **body) -> requests.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    body = {"text": "One sentence here. Another one.", "analyzers": ["sentences"], **body}
    return requests.post(f"{url}/api/v1/analyze", json=body, headers=headers, timeout=30)


def test_keys_cors_body_limit_and_rate_limit_over_gunicorn(secured):
    url, output = secured
    no_key = analyze(url)
    assert no_key.status_code == 401 and no_key.json()["error"]["code"] == "unauthorized"
    wrong = analyze(url, "key-three")
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"
    too_big = analyze(url, KEYS[0], text="x" * 30_000)
    assert too_big.status_code == 413
    assert too_big.json()["error"]["code"] == "payload_too_large"
    evil = requests.get(f"{url}/api/v1/health", headers={"Origin": "https://evil.example"})
    assert not any(name.lower().startswith("access-control-") for name in evil.headers)
    news = requests.get(f"{url}/api/v1/health", headers={"Origin": "https://news.example"})
    assert news.headers["Access-Control-Allow-Origin"] == "https://news.example"
    # Each of the two workers counts on its own (memory storage): 11 requests pass 2 x 5.
    statuses = [analyze(url, KEYS[1]).status_code for _ in range(11)]
    assert statuses.count(200) >= 5 and 429 in statuses
    # The workers take connections unevenly: one may still have room for a few, but the two
    # together let at most 10 through a minute, so 11 more requests must meet a 429.
    limited = next(r for r in (analyze(url, KEYS[1]) for _ in range(11)) if r.status_code == 429)
    assert limited.json()["error"]["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0
    logged = "".join(output)
    assert "key-one" not in logged and "key-two" not in logged and "key-three" not in logged
    assert "One sentence here" not in logged
    assert '"status": 429' in logged


def test_a_hanging_plugin_is_timed_out_and_the_worker_stays_healthy(faulty):
    url, process, _ = faulty
    # The second worker may still be booting when the server first answers.
    assert wait_for(lambda: len(workers(process)) == 2)
    before = workers(process)
    response = analyze(url, analyzers=["hangs", "sentences"])
    assert response.status_code == 200
    results = response.json()["results"]
    assert results["hangs"]["status"] == "timeout" and results["sentences"]["status"] == "ok"
    assert all(analyze(url, text=f"Text number {i}.").ok for i in range(10))
    assert workers(process) == before


def test_a_worker_killed_mid_request_is_replaced(faulty):
    url, process, pidfile = faulty
    pidfile.unlink(missing_ok=True)
    outcome: dict[str, object] = {}

    def slow_request() -> None:
        try:
            outcome["status"] = analyze(url, analyzers=["slow"]).status_code
        except requests.ConnectionError as error:
            outcome["error"] = error

    client = threading.Thread(target=slow_request)
    client.start()
    assert wait_for(pidfile.exists), "the slow analyzer never started"
    busy = int(pidfile.read_text())
    assert busy in workers(process)
    os.kill(busy, signal.SIGKILL)
    client.join(timeout=30)
    assert "error" in outcome  # that one request is lost with its worker
    assert wait_for(lambda: len(workers(process)) == 2 and busy not in workers(process))
    assert process.poll() is None
    assert all(analyze(url, text=f"After the crash {i}.").ok for i in range(6))


def test_metrics_add_up_across_workers():
    url, process = start_server("--workers", "2")
    try:
        for i in range(20):
            body = {"text": f"Request number {i} for the metrics."}
            assert requests.post(f"{url}/api/v1/analyze", json=body, timeout=30).ok
        text = requests.get(f"{url}/metrics", timeout=10).text
    finally:
        stop(process)
    total = sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "slant_requests_total"
        and sample.labels == {"endpoint": "/api/v1/analyze", "method": "POST", "status": "200"}
    )
    assert total == 20
