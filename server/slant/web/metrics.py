"""Prometheus metrics at ``/metrics``: requests, latencies, analyzer outcomes, cache.

Under gunicorn every worker is its own process; ``gunicorn_conf.py`` sets
``PROMETHEUS_MULTIPROC_DIR`` so each worker writes its numbers to a file there
and ``/metrics``, whichever worker answers, sums them all. Without that
variable (the development server, tests) the numbers live in the process.
"""

from __future__ import annotations

import os

from flask import Flask, Response, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector
from slant.web.request_log import request_duration_ms
from slant.web.request_state import analysis_notes

# The *_created series double the output and say only when a worker started.
disable_created_metrics()
# Label values come from this set, so made-up methods cannot grow /metrics without bound.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
SECONDS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """One app's metrics; its own registry, so tests can build many apps."""

    def __init__(self) -> None:
        self.multiprocess = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
        self.registry = CollectorRegistry()
        # In multiprocess mode values go to files, and /metrics reads those.
        registry = None if self.multiprocess else self.registry
        self.requests = Counter(
            "slant_requests",
            "HTTP requests answered, by endpoint, method and status.",
            ["endpoint", "method", "status"],
            registry=registry,
        )
        self.request_seconds = Histogram(
            "slant_request_duration_seconds",
            "Time to answer a request, by endpoint.",
            ["endpoint"],
            buckets=SECONDS,
            registry=registry,
        )
        self.analyzer_seconds = Histogram(
            "slant_analyzer_duration_seconds",
            "Time an analyzer took on one text (cache misses only).",
            ["analyzer"],
            buckets=SECONDS,
            registry=registry,
        )
        self.analyzer_results = Counter(
            "slant_analyzer_results",
            "Analyzer runs by outcome: ok, error, timeout, skipped (cache misses only).",
            ["analyzer", "status"],
            registry=registry,
        )
        self.cache = Counter(
            "slant_cache_lookups",
            "Analyze requests by cache outcome: hit, miss or off.",
            ["result"],
            registry=registry,
        )
        self.cache_fallbacks = Counter(
            "slant_cache_redis_errors",
            "Times Redis failed and the memory cache took over.",
            registry=registry,
        )

    def observe(self, response: Response) -> Response:
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        method = request.method if request.method in METHODS else "other"
        self.requests.labels(endpoint, method, str(response.status_code)).inc()
        self.request_seconds.labels(endpoint).observe(request_duration_ms() / 1000)
        notes = analysis_notes()
        if notes is not None:
            self.cache.labels(notes.cache).inc()
            if notes.cache != "hit":
                for name, status in notes.statuses.items():
                    self.analyzer_results.labels(name, status).inc()
                    self.analyzer_seconds.labels(name).observe(notes.elapsed_ms[name] / 1000)
        return response

    def render(self) -> Response:
        if self.multiprocess:
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
        else:
            registry = self.registry
        return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)


def init_metrics(app: Flask, metrics: Metrics) -> None:
    """Count every request; serve ``/metrics`` when ``SLANT_METRICS`` is on."""
    app.after_request(metrics.observe)
    if app.config["METRICS"]:
        app.add_url_rule("/metrics", "metrics", metrics.render)
