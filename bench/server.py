"""A ``slant serve --workers N`` process for the benchmark and the soak, on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SlantServer:
    """gunicorn via ``slant serve``; its log goes to a file, never to a pipe that can fill."""

    def __init__(self, workers: int = 2, env: dict[str, str] | None = None, app: str | None = None):
        """``app``: a gunicorn app spec such as ``bench.faulty:build_app()`` instead of slant's."""
        self.worker_count = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = Path(tempfile.mkstemp(prefix="slant-server-", suffix=".log")[1])
        if app is None:
            command = [sys.executable, "-m", "slant", "serve", "--port", str(self.port)]
            command += ["--workers", str(workers)]
        else:
            from slant.web.serving import GUNICORN_CONFIG

            command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONFIG)]
            command += ["--bind", f"127.0.0.1:{self.port}", "--workers", str(workers), app]
        started = time.perf_counter()
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=Path(__file__).resolve().parents[1],
                env={**os.environ, "SLANT_LOG_LEVEL": "warning", **(env or {})},
            )
        self._wait_healthy()
        self.cold_start_s = time.perf_counter() - started

    def _wait_healthy(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/health", timeout=1) as answer:
                    if answer.status == 200 and len(self.workers()) == self.worker_count:
                        return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError(f"server not healthy after {seconds} s")

    def workers(self) -> list[int]:
        pid = self.process.pid
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> SlantServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def memory_kb(pid: int) -> dict[str, int]:
    """``{"VmRSS": kB, "VmHWM": kB (peak)}`` of a process."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0])
    return values
