"""Area reports kept in each worker process between requests, refreshed when new data has
arrived: a state's page over a quarter of a million children takes a few seconds to
count, and twenty officials reading it must not count it twenty times.

A report is stored with the data stamp it was counted at (when the area last received a
bundle, and how many CCIs it has) and the day it counts for. A request whose stamp
matches gets the stored report: exactly current. When the stamp has moved, the stored
report is still answered at once while ONE background thread counts again (so a page
is at most one count behind, and says when it was counted); a report older than
`stale_limit`, or none yet, is counted while the request waits (one count per key,
concurrent requests wait for it).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Counted(Generic[T]):
    """A stored report: what it is, its stamp, when it was counted (UTC)."""

    value: T
    stamp: Hashable
    at: float  # time.monotonic() when counted
    counted_at: datetime


class ReportCache(Generic[T]):
    """Reports by key (see the module docstring); thread-safe."""

    def __init__(self, *, stale_limit: float = 600.0, size: int = 256) -> None:
        self.stale_limit = stale_limit
        self.size = size
        self._items: OrderedDict[Hashable, Counted[T]] = OrderedDict()
        self._lock = threading.Lock()
        self._keys: dict[Hashable, threading.Lock] = {}
        self._refreshing: set[Hashable] = set()
        self.counts = 0  # how many times a report was counted (for tests and the bench)

    def _store(self, key: Hashable, item: Counted[T]) -> None:
        with self._lock:
            self._items[key] = item
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def _count(self, key: Hashable, stamp: Hashable, compute: Callable[[], T]) -> Counted[T]:
        value = compute()
        item = Counted(value, stamp, time.monotonic(), datetime.now(UTC))
        self._store(key, item)
        with self._lock:
            self.counts += 1
        return item

    def _refresh(self, key: Hashable, stamp: Hashable, compute: Callable[[], T]) -> None:
        try:
            self._count(key, stamp, compute)
        except Exception:  # the stored report stays; the next request tries again
            log.exception("refreshing a report failed")
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def get(self, key: Hashable, stamp: Hashable, compute: Callable[[], T]) -> Counted[T]:
        """The report for `key` at `stamp` (see the module docstring)."""
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
        if item is not None and item.stamp == stamp:
            return item
        if item is not None and time.monotonic() - item.at < self.stale_limit:
            with self._lock:
                start = key not in self._refreshing
                self._refreshing.add(key)
            if start:
                threading.Thread(
                    target=self._refresh, args=(key, stamp, compute), daemon=True
                ).start()
            return item
        with self._lock:
            key_lock = self._keys.setdefault(key, threading.Lock())
        with key_lock:  # one count per key; the others wait for it and take it
            with self._lock:
                done = self._items.get(key)
            if done is not None and done.stamp == stamp:
                return done
            return self._count(key, stamp, compute)
