"""Self-hosting in process: configuration, privacy of logs, cache, rate limits, metrics."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from conftest import free_port
from prometheus_client.parser import text_string_to_metric_families
from slant.cli import cli
from slant.config import ConfigError, load_config
from slant.engine import cache as cache_module
from slant.engine.cache import MemoryCache
from slant.web.request_log import REQUEST_LOGGER, JsonFormatter

from plugins import misbehaving

SECRET_TEXT = "Sentence only the sender may read: zebra-quartz-41. Officials said so."
KEY = "k-7d1f0c9e"


def post(client, text=SECRET_TEXT, headers=None, **fields):
    body = {"text": text, "analyzers": ["sentences"], **fields}
    return client.post("/api/v1/analyze", json=body, headers=headers or {})


def metric_values(client) -> dict[tuple[str, tuple], float]:
    """``{(sample name, sorted labels): value}`` from ``GET /metrics``."""
    text = client.get("/metrics").get_data(as_text=True)
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


# --- configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SLANT_CACHE_TTL", "ten"),
        ("SLANT_CACHE_ENTRIES", "-1"),
        ("SLANT_RATE_LIMIT", "lots"),
        ("SLANT_REDIS_URL", "localhost:6379"),
        ("SLANT_LOG_FORMAT", "xml"),
        ("SLANT_LOG_LEVEL", "loud"),
        ("SLANT_WORKERS", "0"),
        ("SLANT_METRICS", "maybe"),
        ("SLANT_PROXY_HOPS", "-2"),
    ],
)
def test_a_bad_value_is_refused_naming_the_variable(variable, value):
    with pytest.raises(ConfigError) as raised:
        load_config(env={variable: value})
    assert str(raised.value).startswith(f"{variable}={value!r}: ")
    assert "\n" not in str(raised.value)


def test_settings_parse_from_the_environment():
    config = load_config(
        env={
            "SLANT_RATE_LIMIT": "120/minute;2000/hour",
            "SLANT_CACHE_ENTRIES": "0",
            "SLANT_LOG_LEVEL": "WARNING",
            "SLANT_REDIS_URL": "redis://cache:6379/0",
        }
    )
    assert config["RATE_LIMIT"] == "120/minute;2000/hour"
    assert config["CACHE_ENTRIES"] == 0
    assert config["LOG_LEVEL"] == "warning"
    assert config["REDIS_URL"] == "redis://cache:6379/0"
    assert load_config(env={"SLANT_RATE_LIMIT": "off"})["RATE_LIMIT"] == ""


def test_slant_config_masks_secrets(monkeypatch):
    monkeypatch.setenv("SLANT_API_KEYS", "topsecret-1,topsecret-2")
    monkeypatch.setenv("SLANT_REDIS_URL", "redis://:hunter2@cache:6379/0")
    monkeypatch.setenv("SLANT_RATE_LIMIT", "60/minute")
    result = CliRunner().invoke(cli, ["config"])
    assert result.exit_code == 0, result.output
    assert "topsecret" not in result.output and "hunter2" not in result.output
    assert "SLANT_API_KEYS=****" in result.output
    assert "SLANT_REDIS_URL=****" in result.output
    assert "SLANT_RATE_LIMIT=60/minute" in result.output


def test_slant_config_reports_a_bad_value_in_one_line(monkeypatch):
    monkeypatch.setenv("SLANT_CACHE_TTL", "soon")
    result = CliRunner().invoke(cli, ["config"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: configuration: SLANT_CACHE_TTL='soon'")
    assert result.output.count("\n") == 1


@pytest.mark.slow
@pytest.mark.parametrize("mode", [[], ["--workers", "2"]], ids=["dev server", "gunicorn"])
def test_slant_serve_exits_on_a_bad_value_with_one_line(mode):
    finished = subprocess.run(
        [sys.executable, "-m", "slant", "serve", "--port", str(free_port()), *mode],
        env={"PATH": "/usr/bin:/bin", "SLANT_WORKER_TIMEOUT": "never"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert finished.returncode == 1
    lines = finished.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: configuration: SLANT_WORKER_TIMEOUT='never'")


# --- privacy of logs -------------------------------------------------------------------------


def test_logs_never_contain_the_text_or_the_key(app_with_plugins, caplog):
    app = app_with_plugins(misbehaving, config={"API_KEYS": KEY, "LOG_LEVEL": "debug"})
    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        assert post(client, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
        assert post(client, headers={"Authorization": "Bearer wrong-key"}).status_code == 403
        post(client, analyzers=["raises", "sentences"], headers={"Authorization": f"Bearer {KEY}"})
    lines = [JsonFormatter().format(record) for record in caplog.records]
    assert lines
    for line in lines:
        assert "zebra-quartz" not in line and KEY not in line and "wrong-key" not in line
    requests_logged = [
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == REQUEST_LOGGER
    ]
    first = requests_logged[0]
    assert first["status"] == 200 and first["path"] == "/api/v1/analyze"
    assert first["text_length"] == len(SECRET_TEXT)
    assert len(first["text_sha256"]) == 12
    assert first["cache"] == "miss"
    assert first["analyzers"] == {"sentences": "ok"}
    assert isinstance(first["duration_ms"], float)
    assert requests_logged[1]["status"] == 403
    assert requests_logged[2]["analyzers"] == {"raises": "error", "sentences": "ok"}


def test_json_lines_are_one_object_each():
    record = logging.makeLogRecord(
        {"name": "x", "levelname": "WARNING", "msg": "two\nlines %s", "args": ("é",)}
    )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["message"] == "two\nlines é"


# --- cache -----------------------------------------------------------------------------------


def test_identical_requests_are_answered_from_the_cache(app_with_plugins):
    client = app_with_plugins(misbehaving).test_client()
    first = post(client)
    again = post(client)
    assert first.headers["X-Slant-Cache"] == "miss"
    assert again.headers["X-Slant-Cache"] == "hit"
    assert again.get_json() == first.get_json()
    for different in ({"url": "https://a.example/x"}, {"title": "T"}):
        assert post(client, **different).headers["X-Slant-Cache"] == "miss"
    assert post(client, text=SECRET_TEXT + " More.").headers["X-Slant-Cache"] == "miss"


def test_failed_analyses_are_not_cached(app_with_plugins):
    client = app_with_plugins(misbehaving).test_client()
    for _ in range(2):
        response = post(client, analyzers=["raises", "sentences"])
        assert response.headers["X-Slant-Cache"] == "miss"


def test_cache_can_be_turned_off(app_with_plugins):
    client = app_with_plugins(misbehaving, config={"CACHE_ENTRIES": 0}).test_client()
    post(client)
    assert "X-Slant-Cache" not in post(client).headers


def test_memory_cache_is_bounded_in_entries_bytes_and_age(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: now[0])
    store = MemoryCache(entries=2, ttl=60, max_bytes=400)
    store.set("a", b"1" * 10)
    store.set("b", b"2" * 10)
    store.get("a")  # a is now the most recently used
    store.set("c", b"3" * 10)
    assert store.get("b") is None and store.get("a") and store.get("c")
    store.set("big", b"x" * 101)  # over a quarter of max_bytes: not kept
    assert store.get("big") is None
    store.set("d", b"4" * 100)
    store.set("e", b"5" * 100)
    store.set("f", b"6" * 100)
    assert len(store) == 2
    now[0] += 61
    assert store.get("f") is None


def test_redis_down_falls_back_to_memory_with_a_warning(app_with_plugins, caplog):
    dead = f"redis://127.0.0.1:{free_port()}/0"
    app = app_with_plugins(misbehaving, config={"REDIS_URL": dead, "RATE_LIMIT": "3/minute"})
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        statuses = [post(client) for _ in range(4)]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    assert [r.headers.get("X-Slant-Cache") for r in statuses[:3]] == ["miss", "hit", "hit"]
    assert any("redis cache unavailable" in r.getMessage() for r in caplog.records)
    assert metric_values(client)[("slant_cache_redis_errors_total", ())] >= 1


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_workers_share_the_cache_through_redis(app_with_plugins, tmp_path):
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        config = {"REDIS_URL": f"redis://127.0.0.1:{port}/0"}
        one = app_with_plugins(misbehaving, config=config).test_client()
        two = app_with_plugins(misbehaving, config=config).test_client()
        assert post(one).headers["X-Slant-Cache"] == "miss"
        assert post(two).headers["X-Slant-Cache"] == "hit"
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- rate limits -----------------------------------------------------------------------------


def test_rate_limit_is_429_with_retry_after_per_key(app_with_plugins):
    app = app_with_plugins(misbehaving, config={"RATE_LIMIT": "2/minute", "API_KEYS": "a,b"})
    client = app.test_client()
    as_a = {"Authorization": "Bearer a"}
    assert [post(client, headers=as_a).status_code for _ in range(3)] == [200, 200, 429]
    limited = post(client, headers=as_a)
    body = limited.get_json()
    assert body["error"]["code"] == "rate_limited" and body["error"]["message"]
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    assert post(client, headers={"Authorization": "Bearer b"}).status_code == 200
    assert client.get("/api/v1/health").status_code == 200  # never limited
    assert "Retry-After" not in client.get("/api/v1/health").headers


def test_rate_limit_per_client_ip_behind_a_proxy(app_with_plugins):
    app = app_with_plugins(misbehaving, config={"RATE_LIMIT": "1/minute", "PROXY_HOPS": 1})
    client = app.test_client()
    first = {"X-Forwarded-For": "203.0.113.5"}
    assert post(client, headers=first).status_code == 200
    assert post(client, headers=first).status_code == 429
    assert post(client, headers={"X-Forwarded-For": "203.0.113.6"}).status_code == 200


def test_no_rate_limit_by_default(app_with_plugins):
    client = app_with_plugins(misbehaving, config={"CACHE_ENTRIES": 0}).test_client()
    assert {post(client).status_code for _ in range(30)} == {200}


# --- metrics ---------------------------------------------------------------------------------


def test_metrics_count_requests_analyzers_and_cache(app_with_plugins):
    client = app_with_plugins(misbehaving).test_client()
    post(client)
    post(client)
    post(client, analyzers=["hangs", "sentences"])
    client.post("/api/v1/analyze", data=b"{", headers={"Content-Type": "application/json"})
    values = metric_values(client)
    analyze = ("endpoint", "/api/v1/analyze")
    assert values[("slant_requests_total", (analyze, ("method", "POST"), ("status", "200")))] == 3
    assert values[("slant_requests_total", (analyze, ("method", "POST"), ("status", "400")))] == 1
    assert values[("slant_cache_lookups_total", (("result", "hit"),))] == 1
    assert values[("slant_cache_lookups_total", (("result", "miss"),))] == 2
    assert (
        values[("slant_analyzer_results_total", (("analyzer", "hangs"), ("status", "timeout")))]
        == 1
    )
    assert values[("slant_analyzer_duration_seconds_count", (("analyzer", "sentences"),))] == 2
    assert values[("slant_request_duration_seconds_count", (analyze,))] == 4


def test_metrics_can_be_turned_off(app_with_plugins):
    client = app_with_plugins(misbehaving, config={"METRICS": False}).test_client()
    assert client.get("/metrics").status_code == 404


def test_cors_preflight_only_for_configured_origins(app_with_plugins):
    client = app_with_plugins(
        misbehaving, config={"CORS_ORIGINS": "https://news.example"}
    ).test_client()
    allowed = client.options("/api/v1/analyze", headers={"Origin": "https://news.example"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://news.example"
    assert "X-Slant-Cache" in allowed.headers["Access-Control-Expose-Headers"]
    denied = client.options("/api/v1/analyze", headers={"Origin": "https://evil.example"})
    assert not any(name.startswith("Access-Control-") for name, _ in denied.headers)
