"""The data behind the API and the web UI: the store, read through a cached DossierIndex.

The dossier is loaded and finalised once (speakers pointed at resolved entities, screening
status set) and kept in memory; it is reloaded when the store changes, which another
process (`parallax analyze`) may do while the server runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from parallax.model import Decision, Dossier, Sentence
from parallax.web.facts import DossierIndex

CHECK_EVERY = 2.0  # seconds between checks whether the store changed


class Repository:
    """Thread-safe access to a DossierIndex built from a Store (or a fixed Dossier in tests)."""

    def __init__(self, store: Any | None = None, dossier: Dossier | None = None, screened: bool = False) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._index: DossierIndex | None = DossierIndex(dossier, screened=screened) if dossier is not None else None
        self._fingerprint: object = None
        self._checked = 0.0

    @classmethod
    def open(cls, db: str) -> Repository:
        from parallax.store import Store

        return cls(store=Store(db))

    # -- the index ------------------------------------------------------------------
    def index(self) -> DossierIndex:
        with self._lock:
            if self.store is None:
                assert self._index is not None
                return self._index
            now = time.monotonic()
            if self._index is None or now - self._checked >= CHECK_EVERY:
                self._checked = now
                fp = self._store_fingerprint()
                if self._index is None or fp != self._fingerprint:
                    self._index = self._load()
                    self._fingerprint = fp
            return self._index

    def invalidate(self) -> None:
        with self._lock:
            self._index = None

    def _load(self) -> DossierIndex:
        from parallax.export.json import finalize

        store = self.store
        dossier = store.load_dossier()
        analyses = list(store.analyses())
        sentences: dict[str, list[Sentence]] = {a.document.id: a.sentences for a in analyses}
        screened = bool(store.lists())
        doc_entities = [e for a in analyses for e in a.entities] if not dossier.entities else None
        final = finalize(dossier, doc_entities, screened=screened)
        return DossierIndex(final, sentences=sentences, screened=screened)

    def _store_fingerprint(self) -> object:
        """Something that changes whenever the store's content does (cheap to compute)."""
        try:
            return self.store.revision()  # bumped by every write transaction
        except Exception:  # noqa: BLE001 - a failed check just means "reload"
            return object()

    # -- decisions (written straight to the store) ------------------------------------
    def decisions(self) -> list[Decision]:
        with self._lock:
            return list(self.store.decisions()) if self.store is not None else list(self._decisions)

    def add_decision(self, decision: Decision) -> None:
        self._write(lambda s: s.add_decision(decision), lambda: self._decisions.append(decision))

    def delete_decision(self, decision_id: str) -> bool:
        if not any(d.id == decision_id for d in self.decisions()):
            return False

        def memory() -> None:
            self._decisions[:] = [d for d in self._decisions if d.id != decision_id]

        self._write(lambda s: s.delete_decision(decision_id), memory)
        return True

    def _write(self, on_store: Callable[[Any], object], in_memory: Callable[[], None]) -> None:
        with self._lock:
            if self.store is not None:
                on_store(self.store)
            else:
                in_memory()

    @property
    def _decisions(self) -> list[Decision]:
        if not hasattr(self, "_mem_decisions"):
            self._mem_decisions: list[Decision] = []
        return self._mem_decisions

