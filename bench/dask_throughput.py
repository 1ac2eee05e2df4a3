"""Throughput of the per-document stage, serial versus Dask, on the same texts in one run.

    python bench/dask_throughput.py [--words 80000] [--workers 2] [--scheduler processes] [--rounds 2] [DIR ...]

Both paths do what `parallax analyze DIR --no-corpus` does (ingest from files, skip stored
documents, normalise, parse, extract, store each article in SQLite): the serial one in this
process, the Dask one with `--dask`. The Dask time includes starting the worker processes
and loading the model in each, so small corpora favour the serial path. Texts are made as in
bench/throughput.py (the demo corpus and the seeds, copies numbered so none is a duplicate).
The best of --rounds alternated runs is kept (other work on the machine only slows a run down).
Start-up (starting the workers, each loading the model) is also timed on its own and
subtracted, for the rate a long run approaches. Later rounds reuse the fork server (spaCy
already imported there), so the first round's figures are printed too: a `parallax analyze
--dask` run always starts cold.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import ROOT, collect_texts  # noqa: E402

from parallax.analyze_run import Tally, fresh_documents, store_outcomes  # noqa: E402
from parallax.config import get_settings  # noqa: E402
from parallax.ingest import iter_documents  # noqa: E402
from parallax.pipeline import analyze_stream  # noqa: E402
from parallax.scale import analyze_with_dask  # noqa: E402
from parallax.store import Store  # noqa: E402


def run_serial(files: Path, db: Path) -> tuple[float, int]:
    settings = get_settings()
    with Store(str(db)) as store:
        t = time.perf_counter()
        tally = Tally()
        fresh = list(fresh_documents(iter_documents([str(files)]), store, tally, print))
        store_outcomes(analyze_stream(fresh, settings), store, tally, print)
        return time.perf_counter() - t, tally.stored


def run_dask(files: Path, db: Path, scheduler: str, workers: int) -> tuple[float, int]:
    with Store(str(db)) as store:
        t = time.perf_counter()
        tally = analyze_with_dask([str(files)], store, scheduler=scheduler, workers=workers, corpus=False)
        return time.perf_counter() - t, tally.stored


def startup_cost(scheduler: str, workers: int) -> float:
    """Seconds to start the workers and have each load the model (one tiny partition per worker)."""
    from parallax.model import Document
    from parallax.scale.runner import _bag, _local_compute

    if scheduler not in ("processes", "threads"):
        return 0.0
    docs = [Document(id=f"w{i}", source=f"w{i}", text="The mayor said the port would reopen.") for i in range(workers)]
    t = time.perf_counter()
    with _local_compute(scheduler, workers) as compute:
        compute(_bag(docs, get_settings(), 1).to_delayed())
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--words", type=int, default=80000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheduler", default="processes")
    ap.add_argument("--rounds", type=int, default=2, help="alternated runs; the best of each is kept")
    args = ap.parse_args()
    dirs = args.dirs or [ROOT / "demo" / "corpus", ROOT.parent / "shared" / "corpus" / "seeds"]
    texts = collect_texts(dirs, args.words)
    words = sum(len(t.split()) for t in texts)
    from parallax.nlp.loader import load_nlp

    load_nlp(get_settings().spacy_model)  # the serial path's model load is not timed; the workers' is
    with tempfile.TemporaryDirectory() as tmp:
        files = Path(tmp) / "texts"
        files.mkdir()
        for i, t in enumerate(texts):
            (files / f"doc{i:05d}.txt").write_text(t, encoding="utf-8")
        serial_times, dask_times, startups = [], [], []
        for r in range(args.rounds):
            startups.append(startup_cost(args.scheduler, args.workers))
            serial, n_serial = run_serial(files, Path(tmp) / f"serial{r}.db")
            dask, n_dask = run_dask(files, Path(tmp) / f"dask{r}.db", args.scheduler, args.workers)
            assert n_serial == n_dask == len(texts), (n_serial, n_dask, len(texts))
            serial_times.append(serial)
            dask_times.append(dask)
    serial, dask, startup = min(serial_times), min(dask_times), min(startups)
    print(f"texts: {len(texts)} documents, {words} words; dask {args.scheduler}, {args.workers} workers")
    print(f"serial (analyze):              {words / serial:8.0f} words/s  ({serial:.1f} s)")
    print(f"dask   (analyze --dask):       {words / dask:8.0f} words/s  ({dask:.1f} s, worker start-up included)")
    print(f"ratio dask/serial: {serial / dask:.2f}")
    print(f"first round (cold: the fork server starts and imports spaCy): serial {words / serial_times[0]:.0f}, "
          f"dask {words / dask_times[0]:.0f} words/s, ratio {serial_times[0] / dask_times[0]:.2f}")
    if startup:
        steady = dask - startup
        print(f"worker start-up (start the pool, load the model; warm fork server): {startup:.1f} s; without it "
              f"dask runs at "
              f"{words / steady:.0f} words/s, ratio {serial / steady:.2f}")


if __name__ == "__main__":
    main()
