"""Distributed per-document stage: normalise, parse and extract as a dask.bag (optional extra ``scale``).

    from parallax.scale import analyze_with_dask
    from parallax.store import Store

    tally = analyze_with_dask(["articles/"], Store("news.db"), scheduler="processes", workers=2)

Ingestion and de-duplication stay in the driver (nothing already stored is shipped); each
analysis is stored in its own transaction as its partition finishes; then the corpus
stages run as after a serial ``parallax analyze``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from parallax.analyze_run import Tally, fresh_documents, store_outcomes
from parallax.config import Settings, get_settings
from parallax.scale.runner import (
    DaskOptions,
    DaskUnavailable,
    RunStats,
    analyze_with_dask_stream,
    check_scheduler,
    require_dask,
)

__all__ = ["analyze_with_dask", "analyze_with_dask_stream", "DaskOptions", "DaskUnavailable", "RunStats",
           "check_scheduler", "require_dask"]


def analyze_with_dask(paths: Iterable[str], store, *, settings: Settings | None = None,
                      scheduler="processes", workers: int | None = None, partitions: int | None = None,
                      corpus: bool = True, report: Callable[[str], None] = print,
                      stats: RunStats | None = None) -> Tally:
    """Ingest ``paths`` (files, directories, feeds, URLs), analyse the new documents on Dask and
    store them; ``scheduler``: "processes", "threads", "synchronous", a scheduler address or a
    ``distributed.Client``. Failures go to ``report`` one line each; returns the counts."""
    from parallax.ingest import iter_documents

    require_dask()
    settings = settings or get_settings()
    tally = Tally()
    fresh = fresh_documents(iter_documents(paths, max_bytes=settings.max_bytes), store, tally, report)
    options = DaskOptions(scheduler=scheduler, workers=workers, partitions=partitions)
    store_outcomes(analyze_with_dask_stream(fresh, settings, options, stats), store, tally, report)
    if corpus and (tally.stored or not tally.already):
        from parallax.corpus import run_corpus_stages

        run_corpus_stages(store, settings)
    return tally
