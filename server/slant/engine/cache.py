"""Answering identical requests from a cache: in memory, or in Redis when configured.

Two requests are identical when their text, url, title and analyzers match and
the server runs the same analyzers at the same versions with the same
settings. Only responses in which every analyzer answered (``ok`` or
``skipped``) are kept: an error or a timeout is worth trying again.

What is kept: the response (which quotes the text) under a SHA-256 key, for at
most ``SLANT_CACHE_TTL`` seconds, in at most ``SLANT_CACHE_ENTRIES`` entries and
``SLANT_CACHE_MAX_BYTES`` bytes per worker; Redis entries expire after the
same TTL. Redis trouble never fails a request: the memory cache answers and a
warning is logged.
"""

from __future__ import annotations

import importlib.util
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from slant.config import ConfigError

log = logging.getLogger(__name__)
CACHEABLE = {"ok", "skipped"}
REDIS_RETRY_SECONDS = 30.0


class ResponseCache(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def set(self, key: str, value: bytes) -> None: ...


class MemoryCache:
    """A thread-safe LRU bounded in entries, bytes and age."""

    def __init__(self, entries: int, ttl: float, max_bytes: int):
        self.entries = entries
        self.ttl = ttl
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> bytes | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            expires, value = item
            if expires <= time.monotonic():
                self._drop(key)
                return None
            self._items.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        # One huge response must not flush everything else out.
        if len(value) > self.max_bytes // 4:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = (time.monotonic() + self.ttl, value)
            self._bytes += len(value)
            while len(self._items) > self.entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._items)))

    def _drop(self, key: str) -> None:
        _, value = self._items.pop(key)
        self._bytes -= len(value)


class RedisCache:
    """Redis shared by all workers; on any Redis error, the memory cache for a while."""

    def __init__(
        self,
        url: str,
        ttl: float,
        fallback: MemoryCache,
        on_fallback: Callable[[], None] = lambda: None,
    ):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25)
        self._errors: tuple[type[BaseException], ...] = (redis.RedisError, OSError)
        self.ttl = max(1, math.ceil(ttl))
        self.fallback = fallback
        self._on_fallback = on_fallback
        self._down_until = 0.0

    def get(self, key: str) -> bytes | None:
        if self._available():
            try:
                value = self._redis.get(f"slant:cache:{key}")
                return value if isinstance(value, bytes) else None
            except self._errors as error:
                self._went_down(error)
        return self.fallback.get(key)

    def set(self, key: str, value: bytes) -> None:
        if self._available():
            try:
                self._redis.set(f"slant:cache:{key}", value, ex=self.ttl)
                return
            except self._errors as error:
                self._went_down(error)
        self.fallback.set(key, value)

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _went_down(self, error: BaseException) -> None:
        self._down_until = time.monotonic() + REDIS_RETRY_SECONDS
        self._on_fallback()
        log.warning(
            "redis cache unavailable (%s: %s); using the in-memory cache, retrying in %.0f s",
            type(error).__name__,
            error,
            REDIS_RETRY_SECONDS,
        )


def build_cache(
    config: Mapping[str, Any], on_fallback: Callable[[], None] = lambda: None
) -> ResponseCache | None:
    """The cache the configuration asks for, or ``None`` when it is off."""
    if config["CACHE_ENTRIES"] == 0:
        return None
    memory = MemoryCache(config["CACHE_ENTRIES"], config["CACHE_TTL"], config["CACHE_MAX_BYTES"])
    if config["REDIS_URL"]:
        if importlib.util.find_spec("redis") is None:
            raise ConfigError(
                "SLANT_REDIS_URL is set but the redis package is not installed (pip install redis)"
            )
        return RedisCache(config["REDIS_URL"], config["CACHE_TTL"], memory, on_fallback)
    return memory
