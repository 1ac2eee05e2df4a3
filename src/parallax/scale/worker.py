"""What runs on a Dask worker: one bag partition of documents in, their analyses out.

The spaCy model is loaded once per worker thread and kept (a process worker of the
"processes" scheduler or of a dask.distributed worker with one thread loads it once
per process); spaCy does not promise that one pipeline may parse in two threads at once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable

from parallax.model import DocAnalysis, Document

_local = threading.local()
_loads = 0  # models loaded by this process, reported back so the driver can check caching
_loads_lock = threading.Lock()

# One partition result per document: (position in the window, analysis or None,
# error text or None, worker pid, models loaded by that process so far).
Item = tuple[int, DocAnalysis | None, str | None, int, int]


class WorkerError(Exception):
    """An extraction failure raised on a worker, carried back as text (any exception may not pickle)."""

    def __init__(self, message: str, kind: str = "Exception") -> None:
        super().__init__(message)
        self.kind = kind


def worker_nlp(name: str):
    """The spaCy pipeline for ``name``, loaded on the first call in this thread only."""
    global _loads
    models = getattr(_local, "models", None)
    if models is None:
        models = _local.models = {}
    nlp = models.get(name)
    if nlp is None:
        from parallax.nlp.loader import load_nlp

        # load_nlp caches process-wide; a thread needs its own copy, so load past the cache
        nlp = models[name] = load_nlp.__wrapped__(name)
        with _loads_lock:
            _loads += 1
    return nlp


def model_loads() -> int:
    return _loads


def analyze_partition(items: Iterable[tuple[int, Document]], model: str, batch_size: int) -> list[Item]:
    """Normalise, parse and extract each document; a failure stays with its document."""
    from parallax.nlp.normalize import normalize

    nlp = worker_nlp(model)
    pid = os.getpid()
    out: list[Item] = []
    ready: list[tuple[int, Document, object]] = []
    for i, doc in items:
        try:
            ready.append((i, doc, normalize(doc.text)))
        except Exception as exc:  # noqa: BLE001 - reported per document by the driver
            out.append((i, None, _message(exc), pid, _loads))
    for i, doc, norm, parsed, error in _parse(nlp, ready, batch_size):
        if error is None:
            try:
                out.append((i, _extract(doc, norm, parsed), None, pid, _loads))
                continue
            except Exception as exc:  # noqa: BLE001
                error = _message(exc)
        out.append((i, None, error, pid, _loads))
    return out


def _parse(nlp, ready, batch_size):
    """nlp.pipe over the partition; if it fails, parse one by one so only the bad document fails."""
    try:
        docs = list(nlp.pipe((norm.text for _i, _d, norm in ready), batch_size=batch_size))
    except Exception:  # noqa: BLE001
        docs = None
    for k, (i, doc, norm) in enumerate(ready):
        if docs is not None:
            yield i, doc, norm, docs[k], None
            continue
        try:
            yield i, doc, norm, nlp(norm.text), None
        except Exception as exc:  # noqa: BLE001
            yield i, doc, norm, None, _message(exc)


def _extract(doc: Document, norm, parsed) -> DocAnalysis:
    from parallax.nlp.analyzed import AnalyzedDoc
    from parallax.pipeline import extract

    return extract(AnalyzedDoc(document=doc, norm=norm, doc=parsed))


def _message(exc: Exception) -> str:
    return f"{type(exc).__name__}\x00{exc}"


def error_from(text: str) -> WorkerError:
    kind, _, message = text.partition("\x00")
    return WorkerError(message, kind)
