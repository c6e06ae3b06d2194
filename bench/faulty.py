"""Faulty plugins for the soak and the hardening tests, and an app that loads them.

``leaks`` keeps ``SLANT_TEST_LEAK_MB`` (50) MB more on every call; ``exits``
calls ``os._exit`` mid-request. gunicorn serves them with
``gunicorn -c <slant's gunicorn_conf.py> 'bench.faulty:build_app()'``, beside
the installed analyzers.
"""

from __future__ import annotations

import os
import time

from slant import Analyzer, AnalyzerResult, hookimpl
from slant.web.app import create_app

_KEPT: list[bytearray] = []


class Leaks(Analyzer):
    name = "leaks"
    version = "1.0.0"
    labels = ("x",)

    def analyze(self, document):
        size = int(os.environ.get("SLANT_TEST_LEAK_MB", "50")) * 1024 * 1024
        _KEPT.append(bytearray(b"x" * size))  # touched, so it is resident
        return AnalyzerResult({"headline": "leaked", "label": "x", "score": 0.0}, [])


class Exits(Analyzer):
    name = "exits"
    version = "1.0.0"
    labels = ("x",)

    def analyze(self, document):
        os._exit(3)


class Sleeps(Analyzer):
    """Takes ``SLANT_TEST_SLEEP`` (0.6) seconds, within its own 5 s timeout."""

    name = "sleeps"
    version = "1.0.0"
    labels = ("x",)
    timeout = 5

    def analyze(self, document):
        time.sleep(float(os.environ.get("SLANT_TEST_SLEEP", "0.6")))
        return AnalyzerResult({"headline": "slept", "label": "x", "score": 0.0}, [])


class FaultyPlugin:
    @hookimpl
    def register_analyzers(self, register):
        register(Leaks())
        register(Exits())
        register(Sleeps())


def build_app():
    """The installed analyzers plus the faulty ones (``bench.faulty:build_app()``)."""
    return create_app(plugins=[FaultyPlugin()])
