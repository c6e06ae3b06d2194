"""Fixtures: isolated apps with exactly the plugins a test wants, and a live server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from slant.testing import build_app
from slant.web.app import create_app

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
REFERENCE_OPED = SHARED_DATA / "seed" / "oped-russia-north-korea.txt"


@pytest.fixture
def app_with_plugins():
    """Build an app with only the given plugin objects: ``app_with_plugins(p1, p2, config={...})``."""
    return build_app


@pytest.fixture(scope="session")
def builtin_app():
    """An app with the installed plugins (the built-in analyzers), built once."""
    return create_app({"TESTING": True}, env={})


@pytest.fixture
def client(builtin_app):
    return builtin_app.test_client()


@pytest.fixture
def reference_oped() -> str:
    if not REFERENCE_OPED.exists():
        pytest.skip(f"reference op-ed not found at {REFERENCE_OPED} (../shared/data is absent)")
    return REFERENCE_OPED.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def drain(process: subprocess.Popen) -> list[str]:
    """Read a server's output as it comes, so a full pipe never blocks its logging."""
    lines: list[str] = []

    def read() -> None:
        with process.stdout:  # closed at the end of output, not left to the GC
            for line in process.stdout:
                lines.append(line)

    threading.Thread(target=read, daemon=True).start()
    return lines


def wait_until_healthy(
    url: str, process: subprocess.Popen, output: list[str], seconds: float = 30
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            time.sleep(0.2)  # let the reader catch the last lines
            raise RuntimeError(
                f"server exited with {process.returncode}: {''.join(output)[-3000:]}"
            )
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not become healthy in {seconds} s")


def spawn_server(
    command: list[str], port: int, *, env: dict | None = None, cwd: Path | None = None
) -> tuple[str, subprocess.Popen, list[str]]:
    """Run a server command listening on ``port``; its URL, process and output once healthy."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    output = drain(process)
    try:
        wait_until_healthy(url, process, output)
    except Exception:
        process.kill()
        raise
    return url, process, output


def start_server(*args: str, env: dict | None = None) -> tuple[str, subprocess.Popen]:
    """Run ``slant serve`` on a free port in a subprocess; returns its URL and process."""
    port = free_port()
    command = [sys.executable, "-m", "slant", "serve", "--port", str(port), *args]
    url, process, _ = spawn_server(command, port, env=env)
    return url, process


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The real server (``slant serve``) over HTTP on a free port; yields its base URL."""
    url, process = start_server()
    yield url
    process.terminate()
    process.wait(timeout=10)
