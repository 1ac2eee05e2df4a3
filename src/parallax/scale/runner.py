"""The driver side of the Dask path: documents in, (document, analysis, error) out, as they finish.

Documents are taken from the (lazy) input a window at a time; each window becomes a dask.bag
of ``partitions`` partitions, computed through ``bag.to_delayed()``. At most a few windows
are in flight, so neither the documents nor the analyses of a large corpus are ever all in
the driver's memory, and results are handed on (to be stored) while later windows compute.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from parallax.config import Settings, get_settings
from parallax.model import Document
from parallax.scale.worker import analyze_partition, error_from

LOCAL_SCHEDULERS = ("processes", "threads", "synchronous")
_ADDRESS = re.compile(r"^([a-z][a-z0-9+]*://.+|[\w.\-]+:\d+)$")
MISSING = ("the Dask path needs the 'scale' extra: pip install -e \".[scale]\" "
           "(dask[bag] and distributed)")


class DaskUnavailable(RuntimeError):
    pass


def require_dask() -> None:
    try:
        import dask.bag  # noqa: F401
    except ImportError as exc:
        raise DaskUnavailable(MISSING) from exc


def check_scheduler(scheduler: str) -> str:
    """A local scheduler name or a dask.distributed scheduler address; ValueError otherwise."""
    if scheduler in LOCAL_SCHEDULERS or _ADDRESS.match(scheduler):
        return scheduler
    raise ValueError(f"--scheduler must be one of {', '.join(LOCAL_SCHEDULERS)} or a scheduler address "
                     f"(tcp://host:8786), not {scheduler!r}")


@dataclass
class DaskOptions:
    scheduler: str = "processes"  # or "threads", "synchronous", a scheduler address, or a Client
    workers: int | None = None  # local workers (default: CPU count); ignored with a distributed scheduler
    partitions: int | None = None  # bag partitions per window of documents (default: 2 per worker)
    partition_size: int | None = None  # documents per partition (default: settings.batch_size)


@dataclass
class RunStats:
    """What the workers reported: partitions computed, spaCy models loaded per worker process."""

    partitions: int = 0
    loads: dict[int, int] = field(default_factory=dict)  # pid -> models loaded by it

    def record(self, items: list) -> None:
        self.partitions += 1
        for _i, _a, _e, pid, loads in items:
            self.loads[pid] = max(loads, self.loads.get(pid, 0))


def analyze_with_dask_stream(docs: Iterable[Document], settings: Settings | None = None,
                             options: DaskOptions | None = None, stats: RunStats | None = None):
    """Like ``parallax.pipeline.analyze_stream``, computed by Dask. Same facts, same per-document
    error reporting; the order is input order with a local scheduler, completion order with a
    distributed one."""
    require_dask()
    settings = settings or get_settings()
    options = options or DaskOptions()
    stats = stats if stats is not None else RunStats()
    size = max(1, options.partition_size or settings.batch_size)
    if not isinstance(options.scheduler, str):  # a dask.distributed Client
        yield from _distributed(options.scheduler, docs, settings, options, size, stats)
        return
    scheduler = check_scheduler(options.scheduler)
    if scheduler in LOCAL_SCHEDULERS:
        yield from _local(scheduler, docs, settings, options, size, stats)
    else:
        from distributed import Client

        with Client(scheduler) as client:
            yield from _distributed(client, docs, settings, options, size, stats)


def _windows(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while window := list(islice(it, size)):
        yield window


def _bag(window: list[Document], settings: Settings, size: int):
    import dask.bag as db

    return db.from_sequence(list(enumerate(window)), partition_size=size).map_partitions(
        analyze_partition, settings.spacy_model, settings.batch_size)


def _outcomes(window: list[Document], items: list, stats: RunStats):
    stats.record(items)
    for i, analysis, error, _pid, _loads in sorted(items, key=lambda x: x[0]):
        yield window[i], analysis, error_from(error) if error is not None else None


def _process_context():
    """Where worker processes come from. On Linux a fork server imports spaCy and the extractors
    once and forks each worker from it (start-up measured at about half of spawn's, which
    imports everything in every worker); elsewhere spawn, dask's default. Never plain fork:
    the driver runs threads."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["parallax.pipeline", "parallax.scale.worker"])
        return ctx
    return multiprocessing.get_context("spawn")


@contextmanager
def _local_compute(scheduler: str, workers: int):
    """A function computing a list of delayed partitions with one long-lived pool, so worker
    processes (and the models they loaded) survive from one window to the next."""
    import dask

    if scheduler == "processes":
        from concurrent.futures import ProcessPoolExecutor

        from dask.multiprocessing import initialize_worker_process

        pool = ProcessPoolExecutor(workers, mp_context=_process_context(), initializer=initialize_worker_process)
        try:
            # chunksize=1: one partition per submission, or dask batches up to 6 onto one process
            yield lambda parts: dask.compute(*parts, scheduler="processes", pool=pool, chunksize=1)
        finally:
            pool.shutdown(cancel_futures=True)
    elif scheduler == "threads":
        pool = ThreadPoolExecutor(workers, thread_name_prefix="parallax-dask")
        try:
            yield lambda parts: dask.compute(*parts, scheduler="threads", pool=pool)
        finally:
            pool.shutdown(cancel_futures=True)
    else:
        yield lambda parts: dask.compute(*parts, scheduler="synchronous")


def _local(scheduler, docs, settings, options, size, stats):
    workers = max(1, options.workers or os.cpu_count() or 1)
    partitions = max(1, options.partitions or 2 * workers)
    # Two windows in flight: one computes while the driver stores the other and ingests the next.
    in_flight = 1 if scheduler == "synchronous" else 2
    windows = _windows(docs, partitions * size)
    with _local_compute(scheduler, workers) as compute, ThreadPoolExecutor(in_flight) as driver:
        pending: deque = deque()

        def top_up() -> None:
            while len(pending) < in_flight and (window := next(windows, None)) is not None:
                parts = _bag(window, settings, size).to_delayed()
                pending.append((window, driver.submit(compute, parts)))

        top_up()
        while pending:
            window, future = pending.popleft()
            results = future.result()
            top_up()
            for items in results:
                yield from _outcomes(window, items, stats)


def _distributed(client, docs, settings, options, size, stats):
    """Partitions submitted to a dask.distributed cluster and consumed with as_completed;
    new windows are submitted as partitions finish, keeping the cluster busy but bounded."""
    from distributed import as_completed

    workers = max(1, len(client.scheduler_info().get("workers", {})) or options.workers or 1)
    partitions = max(1, options.partitions or 2 * workers)
    windows = _windows(docs, partitions * size)
    done = as_completed()
    window_of: dict[str, list[Document]] = {}

    def submit() -> bool:
        window = next(windows, None)
        if window is None:
            return False
        for future in client.compute(_bag(window, settings, size).to_delayed()):
            window_of[future.key] = window
            done.add(future)
        return True

    while len(window_of) < 2 * partitions and submit():
        pass
    for future in done:
        items = future.result()
        window = window_of.pop(future.key)
        future.release()
        while len(window_of) < 2 * partitions and submit():
            pass
        yield from _outcomes(window, items, stats)
