"""The API and the pages read pages and single stories from the store, never the whole dossier.

A store of many synthetic documents; ``load_dossier``/``analyses``/``documents`` raise, and
the objects built from rows are counted per request: a page of 10 builds about 10.
"""

from __future__ import annotations

from collections import Counter

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from parallax.api import create_app
from parallax.model import (
    Alignment, DocAnalysis, Document, Entity, Event, Mention, NumberClaim, Quote, Ref, ScreeningHit, Speaker, Story,
)
from parallax.store import Store

N = 240  # documents
SMALL = 3  # documents in story sA; the rest are in sB


def _doc(i: int) -> DocAnalysis:
    did = f"d{i:05d}"
    name = f"Person {i:05d}"
    text = f"{name} said the plant would reopen. Acme Corp hired {i + 10} workers on 3 May 2024."
    person = Entity(id=f"{did}-e0", name=name, type="PERSON", docs=[did],
                    mentions=[Mention(doc=did, start=0, end=len(name), text=name)])
    acme_at = text.index("Acme Corp")
    acme = Entity(id=f"{did}-e1", name="Acme Corp", type="ORG", docs=[did],
                  mentions=[Mention(doc=did, start=acme_at, end=acme_at + 9, text="Acme Corp")])
    q_text = "the plant would reopen"
    q_at = text.index(q_text)
    quote = Quote(id=f"{did}-q1", doc=did, start=q_at, end=q_at + len(q_text), text=q_text, kind="reported",
                  cue="said", speaker=Speaker(entity=person.id, name=name))
    n_text = f"{i + 10} workers"
    n_at = text.index(n_text)
    number = NumberClaim(id=f"{did}-n1", doc=did, start=n_at, end=n_at + len(n_text), text=n_text, value=i + 10,
                         unit="workers", about="workers")
    e_at = text.index("3 May 2024")
    event = Event(id=f"{did}-t1", doc=did, start=e_at, end=e_at + 10, text=text, date=f"2024-05-{1 + i % 28:02d}",
                  date_text="3 May 2024")
    outlet = "Österreich Zeitung" if i % 2 else "Daily Wire"
    document = Document(id=did, source=f"{did}.txt", outlet=outlet, title=f"Story {i}", published="2024-05-04",
                        text=text, content_hash=f"{i:064x}")
    return DocAnalysis(document=document, entities=[person, acme], quotes=[quote], numbers=[number], events=[event])


@pytest.fixture
def big(db_url) -> str:
    fill(db_url, N)
    return db_url


def fill(db_url: str, n: int) -> None:
    """n documents with their facts, resolved entities, two stories, alignments, a list and a hit."""
    items = [_doc(i) for i in range(n)]
    people = [Entity(id=f"P{i:05d}", name=a.entities[0].name, type="PERSON", docs=[a.document.id],
                     mentions=a.entities[0].mentions, members=[a.entities[0].id]) for i, a in enumerate(items)]
    acme = Entity(id="ACME", name="Acme Corp", type="ORG", docs=[a.document.id for a in items],
                  mentions=[m for a in items for m in a.entities[1].mentions], members=[a.entities[1].id for a in items])
    ids = [a.document.id for a in items]
    stories = [Story(id="sA", title="Small", docs=ids[:SMALL]), Story(id="sB", title="Big", docs=ids[SMALL:])]

    def ref(a: DocAnalysis) -> Ref:
        q = a.quotes[0]
        return Ref(doc=q.doc, start=q.start, end=q.end, text=q.text, kind="quote", ref_id=q.id)

    alignments = [Alignment(id=f"al{i}", story="sA" if i < SMALL else "sB", relation="same", score=0.9,
                            a=ref(items[i]), b=ref(items[i + 1])) for i in range(0, n - 1, 2)]
    with Store(db_url) as store:
        for a in items:
            store.save_analysis(a)
        store.save_corpus([acme, *people], stories, alignments)
        store.replace_list("test", "v1", "test", [{"id": "X-1", "schema": "Company", "name": "ACME CORP"}])
        store.save_screening([ScreeningHit(entity="ACME", list="test", list_entry_id="X-1", score=0.95,
                                           entry_name="ACME CORP")])


@pytest.fixture
def built(monkeypatch) -> Counter:
    """Counts the models validated from stored rows, by class, and forbids whole-store reads."""
    counts: Counter = Counter()
    validate = BaseModel.model_validate.__func__

    def counting(cls, obj, *args, **kwargs):
        counts[cls.__name__] += 1
        return validate(cls, obj, *args, **kwargs)

    for cls in (Document, Entity, Quote, NumberClaim, Event, Alignment, Story):
        monkeypatch.setattr(cls, "model_validate", classmethod(counting))

    def whole_store(*_a, **_k):
        raise AssertionError("the API read the whole store")

    for name in ("load_dossier", "analyses", "documents"):
        monkeypatch.setattr(Store, name, whole_store)
    return counts


def _get(client: TestClient, counts: Counter, url: str, **params):
    counts.clear()
    r = client.get(url, params=params)
    assert r.status_code == 200, (url, r.text[:300])
    return r.json() if "json" in r.headers["content-type"] else r.text


def test_list_endpoints_build_one_page_of_rows(big, built):
    client = TestClient(create_app(big))
    page = _get(client, built, "/api/quotes", limit=10, offset=100)
    assert page["total"] == N and [q["id"] for q in page["items"]] == [f"d{i:05d}-q1" for i in range(100, 110)]
    assert built["Quote"] == 10 and built["Document"] <= 10
    assert page["items"][0]["speaker"]["entity"] == "P00100"  # pointed at the resolved entity
    assert page["items"][0]["provenance"]["text"] == "the plant would reopen"
    for url in ("/api/numbers", "/api/events", "/api/documents", "/api/alignments", "/api/entities"):
        page = _get(client, built, url, limit=10)
        assert len(page["items"]) == 10 and page["total"] >= N // 2, url
        assert sum(built.values()) <= 40, (url, built)
    assert _get(client, built, "/api/documents", outlet="ÖSTERREICH zeitung", limit=5)["total"] == N // 2
    assert built["Document"] <= 5
    hits = _get(client, built, "/api/screening")["items"]
    assert [h["entity_name"] for h in hits] == ["Acme Corp"] and hits[0]["provenance"]["doc"] == "d00000"
    assert _get(client, built, "/api")["counts"]["quotes"] == N


def test_a_story_reads_only_its_own_rows(big, built):
    client = TestClient(create_app(big))
    story = _get(client, built, "/api/stories/sA")
    assert [d["id"] for d in story["documents"]] == ["d00000", "d00001", "d00002"]
    assert {e["id"] for e in story["entities"]} == {"ACME", "P00000", "P00001", "P00002"}
    assert built["Document"] <= SMALL and built["Quote"] == SMALL and built["Entity"] <= SMALL + 1
    for url in ("/story/sA", "/story/sA?format=json", "/api/stories/sA/graph", "/api/stories/sA/timeline"):
        _get(client, built, url)
        assert built["Document"] <= SMALL and built["Quote"] <= SMALL, (url, built)
    twin = _get(client, built, "/story/sA", format="json")
    assert len(twin["timeline"]) == SMALL and len(twin["comparison"]["rows"]) == 2
    speakers = {g["name"]: g for g in twin["speakers"]}
    assert speakers["Person 00001"]["entity"] == "P00001"
    _get(client, built, "/api/stories", limit=5)
    assert built["Story"] == 2 and built["Document"] == 0  # story cards: outlets grouped in SQL


def test_pages_walk_every_item_once_in_a_stable_order(big, built):
    client = TestClient(create_app(big))
    for url, key in (("/api/quotes", "id"), ("/api/events", "id"), ("/api/documents", "id")):
        seen = []
        for offset in range(0, N + 100, 100):
            seen += [x[key] for x in _get(client, built, url, limit=100, offset=offset)["items"]]
        assert len(seen) == len(set(seen)) == N, url
    events = [e["date"] for e in _get(client, built, "/api/events", limit=500)["items"]]
    assert events == sorted(events)


def test_home_page_pages_through_documents(big, built):
    client = TestClient(create_app(big))
    first = _get(client, built, "/", format="json")
    assert len(first["documents"]) == 100 and first["counts"]["documents"] == N
    assert built["Document"] <= 100
    nxt = first["pages"]["documents"]["next"]
    assert nxt == "/?documents_offset=100"
    second = client.get(nxt + "&format=json").json()
    assert second["documents"][0]["id"] == "d00100" and second["pages"]["documents"]["prev"] == "/"
    html = client.get("/", headers={"accept": "text/html"}).text
    assert 'href="/?documents_offset=100"' in html and f"1–100 of {N}" in html


def test_paging_bounds_are_validated(big):
    client = TestClient(create_app(big))
    for url in ("/api/quotes", "/api/documents", "/api/entities", "/api/events"):
        for params in ({"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "x"}):
            assert client.get(url, params=params).status_code == 422, (url, params)
    assert client.get("/", params={"documents_offset": -1}).status_code == 422
    assert client.get("/api/quotes", params={"offset": 10**6}).json() == {"items": [], "total": N, "limit": 50,
                                                                           "offset": 10**6}


def test_unicode_case_folding_in_searches(tmp_path):
    db = str(tmp_path / "fold.db")
    a = _doc(1)
    a.quotes[0].speaker = Speaker(entity=None, name="Łukasz Żuk")
    with Store(db) as store:
        store.save_analysis(a)
    client = TestClient(create_app(db))
    assert client.get("/api/quotes", params={"speaker": "ŻUK"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"speaker": "100%"}).json()["total"] == 0  # LIKE wildcards literal
    assert client.get("/api/documents", params={"outlet": "österreich ZEITUNG"}).json()["total"] == 1


def test_sqlite_reads_each_page_along_an_index(tmp_path):
    """No list query sorts its whole table: each LIMITed SELECT is read in index order."""
    from sqlalchemy import event

    db = str(tmp_path / "plan.db")
    fill(db, 8)
    app = create_app(db)
    engine = app.state.repo.store.engine
    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT") and "LIMIT" in statement.upper():
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    client = TestClient(app)
    for url in ("/api/quotes", "/api/numbers", "/api/events", "/api/documents", "/api/documents?outlet=daily+wire",
                "/api/entities", "/api/entities?type=PERSON", "/api/alignments", "/api/stories", "/api/screening",
                "/api/quotes?kind=reported", "/api/alignments?story=sB", "/api/screening?list=test"):
        assert client.get(url).status_code == 200, url
    event.remove(engine, "before_cursor_execute", record)
    assert len(seen) >= 11
    with engine.connect() as conn:
        for statement, parameters in seen:
            plan = " | ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
            if "count(*)" in statement.lower():
                continue
            assert "TEMP B-TREE" not in plan, (statement, plan)


def test_unfiltered_totals_are_counted_once_per_store_revision(big):
    from sqlalchemy import event

    with Store(big) as store:
        counted: list[str] = []

        def record(_conn, _cursor, statement, *_args):
            if "count(*)" in statement.lower():
                counted.append(statement)

        event.listen(store.engine, "before_cursor_execute", record)
        assert store.query_quotes(limit=5)[1] == N
        assert store.query_quotes(limit=5, offset=5)[1] == N
        assert len(counted) == 1  # the second page reused the count
        assert store.query_quotes(kind="direct")[1] == 0  # filtered: counted as it is
        store.save_analysis(_doc(N))
        assert store.query_quotes(limit=5)[1] == N + 1  # a write bumps the revision: counted again
        assert store.counts()["quotes"] == N + 1
        event.remove(store.engine, "before_cursor_execute", record)
