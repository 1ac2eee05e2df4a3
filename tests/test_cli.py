"""End to end through the CLI: analyze, re-run, bad input, export json against its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from parallax.cli import app
from parallax.export.json import json_schema

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
DEMO = ROOT / "demo" / "corpus"

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def check_offsets(dossier: dict) -> None:
    """Every fact's offsets point at its text in documents[].text."""
    texts = {d["id"]: d["text"] for d in dossier["documents"]}
    facts = [m for e in dossier["entities"] for m in e["mentions"]]
    facts += dossier["quotes"] + dossier["numbers"]
    for f in facts:
        assert texts[f["doc"]][f["start"]:f["end"]] == f["text"], f
    for ev in dossier["events"]:
        assert texts[ev["doc"]][ev["start"]:ev["end"]] == ev["date_text"], ev
    for a in dossier["alignments"]:
        for end in (a["a"], a["b"]):
            if end is not None:
                assert texts[end["doc"]][end["start"]:end["end"]] == end["text"], end


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory) -> str:
    if not SEEDS.exists():
        pytest.skip("../shared/corpus/seeds not present")
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    result = run("analyze", str(SEEDS), "--db", db)
    assert result.exit_code == 0, result.output
    return db


def test_seed_export_validates_and_offsets_are_exact(seeds_db, tmp_path):
    out = tmp_path / "dossier.json"
    assert run("export", "json", "--db", seeds_db, "-o", str(out)).exit_code == 0
    dossier = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(dossier, json_schema())
    assert len(dossier["documents"]) == 2
    # RBC names itself ("From RBC Daily, ..."); the Hankyoreh paste never names its outlet
    assert {d["outlet"] for d in dossier["documents"]} == {None, "RBC Daily"}
    assert {d["published"] for d in dossier["documents"]} == {"2023-09-14T15:46:00+09:00", "2023-09-13"}
    for key in ("entities", "quotes", "numbers", "events"):
        assert dossier[key], f"{key} is empty"
    check_offsets(dossier)
    ids = {e["id"] for e in dossier["entities"]}
    assert all(q["speaker"] is None or q["speaker"]["entity"] in ids | {None} for q in dossier["quotes"])


def test_rerun_is_idempotent(seeds_db):
    before = json.loads(run("export", "json", "--db", seeds_db).stdout)
    result = run("analyze", str(SEEDS), "--db", seeds_db)
    assert result.exit_code == 0
    assert "0 stored, 2 already" in result.stderr
    after = json.loads(run("export", "json", "--db", seeds_db).stdout)
    assert [d["id"] for d in after["documents"]] == [d["id"] for d in before["documents"]]
    assert len(after["quotes"]) == len(before["quotes"])


def test_bad_files_are_named_and_the_rest_goes_in(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("Harbour fire\n\nThe mayor, Ana Ruiz, said the port would reopen on Monday.\n", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "in" / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    db = str(tmp_path / "t.db")
    result = run("analyze", str(tmp_path / "in"), "--db", db)
    assert result.exit_code == 0
    assert "empty.txt" in result.stderr and "blob.txt" in result.stderr
    assert "1 stored" in result.stderr
    # a batch of only bad input fails, and what was stored before is still there
    result = run("analyze", str(tmp_path / "in" / "blob.txt"), str(tmp_path / "missing.txt"), "--db", db)
    assert result.exit_code != 0
    assert "missing.txt" in result.stderr
    dossier = json.loads(run("export", "json", "--db", db).stdout)
    assert [Path(d["source"]).name for d in dossier["documents"]] == ["good.txt"]


def test_demo_corpus_export_validates(tmp_path):
    if not DEMO.exists() or not any(DEMO.iterdir()):
        pytest.fail("the demo corpus is missing")
    db = str(tmp_path / "demo.db")
    assert run("analyze", str(DEMO), "--db", db).exit_code == 0
    dossier = json.loads(run("export", "json", "--db", db).stdout)
    jsonschema.validate(dossier, json_schema())
    assert len(dossier["documents"]) >= 4
    check_offsets(dossier)
