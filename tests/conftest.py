"""Shared fixtures: database URLs for the store on every backend.

``db_url`` runs a test on SQLite (a fresh file) and on PostgreSQL (a fresh schema in the
server named by $PARALLAX_TEST_PG_URL; start one with ``scripts/pg-test-server.sh start``).
Without that variable the PostgreSQL case is skipped locally, but fails when $CI is set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

PG_ENV = "PARALLAX_TEST_PG_URL"


def pg_base_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {PG_ENV} is not: run scripts/pg-test-server.sh start and export it",
                        pytrace=False)
        pytest.skip(f"{PG_ENV} not set (scripts/pg-test-server.sh start)")
    return url


def _fresh_pg_schema(base_url: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema; the schema is dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from parallax.store import database_url

    url = make_url(database_url(base_url))
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text("SET lock_timeout = '20s'"))
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "parallax.db")
    else:
        yield from _fresh_pg_schema(pg_base_url())


@pytest.fixture
def store(db_url: str):
    """An open Store on each backend, closed after the test."""
    from parallax.store import Store

    with Store(db_url) as s:
        yield s


SHARED = __import__("pathlib").Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def seed_corpus():
    """(gold, analyses, corpus result, dossier) for ../shared/corpus/seeds, analysed once per session."""
    import json

    from parallax.corpus import build_corpus, dossier_from
    from parallax.model import Document
    from parallax.pipeline import analyze_documents

    gold_path = SHARED / "gold" / "seeds.gold.json"
    if not gold_path.exists():
        pytest.skip("seed gold (../shared) not available")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    docs = []
    for p in sorted((SHARED / "corpus" / "seeds").glob("*.txt")):
        meta = gold["documents"][p.name]
        docs.append(Document(id="d" + p.stem[:12], source=str(p), text=p.read_text(encoding="utf-8"),
                             published=meta["published"], outlet=meta["outlet"]))
    analyses = list(analyze_documents(docs))
    result = build_corpus(analyses)
    return gold, analyses, result, dossier_from(analyses, result)
