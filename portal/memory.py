"""Small in-memory stores shared by the page cache and the render cache.

Each worker keeps its own; they are bounded in bytes and forget entries after a fixed time, so a
worker's memory stays within the budget whatever people click.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict

from flask import Flask


class EntryStore:
    """A least-recently-used store bounded in bytes; entries expire after a fixed time."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.total = 0
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()  # the development server and threaded workers share one store

    def get(self, key, now: float):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.expires <= now:
                self._remove(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key, entry) -> None:
        if entry.size > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._remove(key)
            self._entries[key] = entry
            self.total += entry.size
            while self.total > self.max_bytes:
                self._remove(next(iter(self._entries)))

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.total = 0

    def __len__(self) -> int:
        return len(self._entries)

    def _remove(self, key) -> None:
        self.total -= self._entries.pop(key).size


def setting(app: Flask, name: str, default):
    if name in app.config:
        return app.config[name]
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    if isinstance(default, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return type(default)(value)
