"""The Dask path of the per-document stage: same facts as the serial path, model loaded once per
worker process, nothing already stored is shipped, failures reported per document as serially."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

try:
    import dask.bag  # noqa: F401
except ImportError:
    if os.environ.get("CI"):  # scripts/setup.sh test installs the extra: CI must run these
        raise
    pytest.skip("the 'scale' extra (dask) is not installed", allow_module_level=True)

from parallax.cli import app  # noqa: E402
from parallax.config import Settings  # noqa: E402
from parallax.scale import RunStats, analyze_with_dask, check_scheduler  # noqa: E402
from parallax.store import Store  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "demo" / "corpus"
runner = CliRunner()
PER_DOCUMENT = ("quotes", "numbers", "events")


def export(db: str) -> dict:
    result = runner.invoke(app, ["export", "json", "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def as_set(items: list[dict]) -> set[str]:
    return {json.dumps(x, sort_keys=True) for x in items}


def facts(dossier: dict) -> dict[str, set[str]]:
    out = {k: as_set(dossier[k]) for k in PER_DOCUMENT}
    out["entities"] = as_set(dossier["entities"])
    out["documents"] = {d["id"] for d in dossier["documents"]}
    return out


@pytest.fixture(scope="module")
def serial_facts(tmp_path_factory) -> dict:
    db = str(tmp_path_factory.mktemp("serial") / "serial.db")
    result = runner.invoke(app, ["analyze", str(DEMO), "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return facts(export(db))


def test_processes_give_the_serial_facts_and_load_the_model_once_per_process(serial_facts, tmp_path):
    db = str(tmp_path / "dask.db")
    stats = RunStats()
    lines: list[str] = []
    # one document per partition and per window: many partitions over the same two processes
    with Store(db) as store:
        tally = analyze_with_dask([str(DEMO)], store, settings=Settings(batch_size=1), scheduler="processes",
                                  workers=2, partitions=1, report=lines.append, stats=stats)
    assert lines == [] and tally.errors == 0 and tally.stored == len(serial_facts["documents"])
    assert stats.partitions == tally.stored > 2
    assert 1 <= len(stats.loads) <= 2 and set(stats.loads.values()) == {1}, stats.loads
    got = facts(export(db))
    for key in ("documents", "entities", *PER_DOCUMENT):
        assert got[key] == serial_facts[key], key
    assert got["quotes"] and got["numbers"] and got["events"]


def test_cli_dask_threads(serial_facts, tmp_path):
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["analyze", str(DEMO), "--db", db, "--dask", "--scheduler", "threads",
                                 "--workers", "2", "--partitions", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f"{len(serial_facts['documents'])} stored, 0 already" in result.stderr
    assert facts(export(db)) == serial_facts


def test_distributed_scheduler_address(serial_facts, tmp_path):
    distributed = pytest.importorskip("distributed")
    db = str(tmp_path / "dist.db")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        with Store(db) as store:
            tally = analyze_with_dask([str(DEMO)], store, settings=Settings(batch_size=2),
                                      scheduler=cluster.scheduler_address, report=pytest.fail)
    assert tally.stored == len(serial_facts["documents"])
    assert facts(export(db)) == serial_facts


def test_stored_and_repeated_documents_are_not_shipped(tmp_path, monkeypatch):
    from parallax.scale import runner as scale_runner

    corpus = tmp_path / "in"
    corpus.mkdir()
    files = sorted(p for p in DEMO.glob("*.txt") if p.name != "README.md")[:3]
    for p in files:
        shutil.copy(p, corpus / p.name)
    db = str(tmp_path / "dedup.db")
    with Store(db) as store:
        first = analyze_with_dask([str(corpus / files[0].name)], store, scheduler="synchronous", corpus=False)
        assert first.stored == 1
        shutil.copy(files[1], corpus / ("copy-of-" + files[1].name))  # a duplicate inside the batch
        shipped: list[str] = []
        real = scale_runner.analyze_partition

        def spy(items, *args):
            items = list(items)
            shipped.extend(Path(d.source).name for _i, d in items)
            return real(items, *args)

        monkeypatch.setattr(scale_runner, "analyze_partition", spy)
        tally = analyze_with_dask([str(corpus)], store, scheduler="synchronous", corpus=False)
    assert (tally.stored, tally.already, tally.skipped, tally.errors) == (2, 1, 1, 0)
    assert len(shipped) == 2 and files[0].name not in shipped  # each text once, the stored one never


def _broken_extract(monkeypatch, victim: str):
    import parallax.pipeline as pipeline

    real = pipeline.extract

    def extract(ad):
        if ad.document.source.endswith(victim):
            raise ValueError("no sentences to read")
        return real(ad)

    monkeypatch.setattr(pipeline, "extract", extract)


def test_failures_are_reported_per_document_as_serially(tmp_path, monkeypatch):
    victim = sorted(DEMO.glob("*.txt"))[1].name
    _broken_extract(monkeypatch, victim)
    outputs = {}
    for name, extra in (("serial", []), ("dask", ["--dask", "--scheduler", "threads", "--workers", "2"])):
        result = runner.invoke(app, ["analyze", str(DEMO), "--db", str(tmp_path / f"{name}.db"), "--no-corpus",
                                     *extra], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        outputs[name] = result.stderr
    errors = {k: sorted(line for line in v.splitlines() if line.startswith("error")) for k, v in outputs.items()}
    assert errors["serial"] == errors["dask"]
    assert len(errors["dask"]) == 1 and victim in errors["dask"][0] and "extraction failed: no sentences" \
        in errors["dask"][0]
    assert "1 errors" in outputs["dask"]


def test_missing_dask_and_bad_scheduler_are_clear_errors(tmp_path, monkeypatch):
    result = runner.invoke(app, ["analyze", str(DEMO), "--db", str(tmp_path / "x.db"), "--dask",
                                 "--scheduler", "fastest"])
    assert result.exit_code == 2 and "--scheduler must be one of" in result.stderr
    monkeypatch.setitem(sys.modules, "dask.bag", None)  # import dask.bag now raises ImportError
    result = runner.invoke(app, ["analyze", str(DEMO), "--db", str(tmp_path / "x.db"), "--dask"])
    assert result.exit_code == 2 and 'pip install -e ".[scale]"' in result.stderr
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("value", ["processes", "threads", "synchronous", "tcp://10.0.0.5:8786",
                                   "scheduler.local:8786", "inproc://127.0.0.1/1/2"])
def test_scheduler_names_and_addresses(value):
    assert check_scheduler(value) == value


@pytest.mark.parametrize("value", ["", "process", "tcp:/x", "host"])
def test_bad_scheduler_values(value):
    with pytest.raises(ValueError):
        check_scheduler(value)


def test_a_document_the_parser_rejects_fails_alone(monkeypatch):
    from parallax.model import Document
    from parallax.nlp.loader import load_nlp
    from parallax.scale import worker

    real = load_nlp()

    class Picky:  # nlp.pipe fails for the whole batch; parsing alone fails only for the bad text
        def pipe(self, texts, **_kw):
            texts = list(texts)
            if any("CORRUPT" in x for x in texts):
                raise ValueError("batch failed")
            return real.pipe(texts)

        def __call__(self, text):
            if "CORRUPT" in text:
                raise ValueError("cannot parse this one")
            return real(text)

    monkeypatch.setattr(worker, "worker_nlp", lambda _name: Picky())
    docs = [Document(id=f"d{i}", source=f"s{i}.txt", text=t, published="2024-05-01")
            for i, t in enumerate(["Ana Ruiz said the port would reopen.", "CORRUPT", "Crews left on Monday."])]
    out = worker.analyze_partition(list(enumerate(docs)), "ignored", 8)
    assert sorted((i, a is not None) for i, a, _e, _p, _n in out) == [(0, True), (1, False), (2, True)]
    bad = next(e for i, _a, e, _p, _n in out if i == 1)
    assert str(worker.error_from(bad)) == "cannot parse this one"
