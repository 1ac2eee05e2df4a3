"""The data behind the API and the web UI: the store, read through indexed, paged queries.

Nothing loads the whole dossier: list endpoints page through ``Store.query_*``, a story's
views read only that story's rows (``api.scope``). The few corpus-wide figures (counts,
whether a sanctions list is loaded) are cached until the store's revision changes, which
another process (`parallax analyze`) may do while the server runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from parallax.model import Decision

CHECK_EVERY = 2.0  # seconds between checks whether the store changed
T = TypeVar("T")


class Repository:
    """Thread-safe access to a Store for the API and the pages."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._cache: dict[str, Any] = {}
        self._fingerprint: object = None
        self._checked = -CHECK_EVERY

    @classmethod
    def open(cls, db: str) -> Repository:
        from parallax.store import Store

        return cls(store=Store(db))

    # -- cached corpus-wide figures ----------------------------------------------------
    def _cached(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, remembered until the store's revision changes (checked every CHECK_EVERY s)."""
        with self._lock:
            now = time.monotonic()
            if now - self._checked >= CHECK_EVERY:
                self._checked = now
                fp = self._store_fingerprint()
                if fp != self._fingerprint:
                    self._cache.clear()
                    self._fingerprint = fp
            if name not in self._cache:
                self._cache[name] = compute()
            return self._cache[name]

    def counts(self) -> dict[str, int]:
        return dict(self._cached("counts", self.store.counts))

    @property
    def screened(self) -> bool:
        """A sanctions list is loaded: an entity without a hit is "clear", not unscreened."""
        return self._cached("screened", lambda: bool(self.store.lists()))

    def invalidate(self) -> None:
        with self._lock:
            self._cache.clear()

    def _store_fingerprint(self) -> object:
        """Something that changes whenever the store's content does (cheap to compute)."""
        try:
            return self.store.revision()  # bumped by every write transaction
        except Exception:  # noqa: BLE001 - a failed check just means "reload"
            return object()

    # -- decisions (written straight to the store) ------------------------------------
    def decisions(self) -> list[Decision]:
        return list(self.store.decisions())

    def add_decision(self, decision: Decision) -> None:
        self.store.add_decision(decision)

    def delete_decision(self, decision_id: str) -> bool:
        return self.store.delete_decision(decision_id)
