"""A bounded HTTP load generator: a few threads, keep-alive connections, a request cap."""

from __future__ import annotations

import http.client
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.client import RemoteDisconnected
from urllib.parse import urlsplit

_CLOSED = (RemoteDisconnected, BrokenPipeError, ConnectionResetError)
# (method, path, body, headers) for the i-th request.
RequestMaker = Callable[[int], tuple[str, str, bytes | None, dict[str, str]]]


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    headers: Counter = field(default_factory=Counter)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (request index, what)
    elapsed_s: float = 0.0
    reconnects: int = 0  # keep-alive connections the server had closed, retried once

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.elapsed_s if self.elapsed_s else 0.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_load(
    url: str,
    make_request: RequestMaker,
    *,
    requests: int,
    concurrency: int,
    max_seconds: float,
    watch_header: str | None = None,
    on_response: Callable[[int, int, bytes], None] | None = None,
) -> LoadResult:
    """Send at most ``requests`` requests (and for at most ``max_seconds``), then stop."""
    parts = urlsplit(url)
    result = LoadResult()
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + max_seconds

    def worker() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        reused = False
        while time.monotonic() < deadline:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            method, path, body, headers = make_request(index)
            started = time.perf_counter()
            for attempt in (1, 2):
                try:
                    connection.request(method, path, body=body, headers=headers)
                    response = connection.getresponse()
                    payload = response.read()
                    break
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
                    # A server may close a keep-alive connection just as a request goes
                    # out on it (gunicorn does after a 413, though it announced
                    # keep-alive); clients retry such a request once on a new connection.
                    if attempt == 1 and reused and isinstance(error, _CLOSED):
                        reused = False
                        with lock:
                            result.reconnects += 1
                        continue
                    with lock:
                        result.errors.append((index, f"{type(error).__name__}: {error}"))
                    response = None
                    break
            if response is None:
                continue
            reused = True
            elapsed_ms = (time.perf_counter() - started) * 1000
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                reused = False
            with lock:
                result.latencies_ms.append(elapsed_ms)
                result.statuses[response.status] += 1
                if watch_header:
                    result.headers[response.getheader(watch_header)] += 1
            if on_response:
                on_response(index, response.status, payload)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed_s = time.perf_counter() - started
    return result
