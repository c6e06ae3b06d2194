"""A bounded cache that keeps what is in use, for the per-word and per-pair tables.

Clearing a full cache (as these tables did) throws the commonest words out with the
rare ones, and every article after pays for them again. Here a full cache is set
aside as *aged* and a fresh one started; what is met again is moved back from the
aged one, so the common words and pairs stay and at most twice the limit is held.
Readers on the hot path look up ``fresh`` directly (``map(cache.fresh.get, keys)``)
and take the slow path only for what is missing there.
"""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    """``fresh`` and ``aged`` dictionaries of at most ``limit`` entries each."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.fresh: dict[K, V] = {}
        self.aged: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        """The kept value, moved back to ``fresh`` if it had aged; ``None`` if not kept."""
        found = self.fresh.get(key)
        if found is None:
            found = self.aged.get(key)
            if found is not None:
                self.put(key, found)
        return found

    def put(self, key: K, value: V) -> None:
        """Keep ``value``; a full ``fresh`` becomes ``aged`` (the old aged one is dropped)."""
        if len(self.fresh) >= self.limit:
            self.aged = self.fresh
            self.fresh = {}
        self.fresh[key] = value
