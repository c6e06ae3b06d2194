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


class Rows(Generic[K]):
    """Rows of a table handed to at most ``2 * limit`` keys, aged as :class:`Kept` ages: a
    full ``fresh`` becomes ``aged``, and the rows of the keys it held that were not met
    again are handed out anew. Row 0 is never handed out (the caller's row of zeros); the
    table needs ``2 * limit + 2`` rows."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.fresh: dict[K, int] = {}
        self.aged: dict[K, int] = {}
        self._free: list[int] = []
        self._next = 1

    def get(self, key: K) -> int | None:
        """The key's row, moved back to ``fresh`` if it had aged; ``None`` if it has none."""
        row = self.fresh.get(key)
        if row is None:
            row = self.aged.get(key)
            if row is not None:
                self._keep(key, row)
        return row

    def add(self, key: K) -> int:
        """A row for a key that has none (its contents are the caller's to write)."""
        if self._free:
            row = self._free.pop()
        else:
            row, self._next = self._next, self._next + 1
        self._keep(key, row)
        return row

    def _keep(self, key: K, row: int) -> None:
        if len(self.fresh) >= self.limit:
            held = set(self.fresh.values())
            held.add(row)
            self._free += [r for r in self.aged.values() if r not in held]
            self.aged, self.fresh = self.fresh, {}
        self.fresh[key] = row
