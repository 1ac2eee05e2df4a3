"""The store on SQLite and PostgreSQL (see conftest.db_url): round trips, atomic writes,
corpus replacement, filtered/paginated queries, decisions, sanctions lists, migrations."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from parallax.model import (
    Alignment,
    Decision,
    DocAnalysis,
    Document,
    Entity,
    Event,
    Mention,
    NumberClaim,
    Quote,
    Ref,
    RoleFact,
    ScreeningHit,
    Sentence,
    Speaker,
    Story,
)
from parallax.store import Store, database_url
from parallax.store import lists as lists_module

TEXT_A = 'Mara Quill said the bridge "will reopen in May." The council spent 4 million dollars in 2023.'
TEXT_B = 'The mayor, Oren Vast, told reporters that "repairs are on schedule." Work began on 3 March 2024.'
TEXT_C = 'Officials said 12 lanes were closed. "We apologise," said Lena Dorsey of Rail Corp.'


def make_analysis(doc_id: str, text: str, *, outlet: str, published: str | None, speaker: str, n: int = 1,
                  event_date: str = "2024-05", kind: str = "direct") -> DocAnalysis:
    """A hand-built analysis with every kind of fact; ids are prefixed with the doc id."""
    first_sentence = Sentence(doc=doc_id, start=0, end=text.index(".") + 1)
    sentences = [first_sentence, Sentence(doc=doc_id, start=first_sentence.end + 1, end=len(text))]
    start = text.index(speaker)
    entity = Entity(
        id=f"{doc_id}-e1", name=speaker, type="PERSON", aliases=[speaker.split()[-1]], docs=[doc_id],
        mentions=[Mention(doc=doc_id, start=start, end=start + len(speaker), text=speaker)],
        roles=[RoleFact(doc=doc_id, role="spokesperson", organization="Rail Corp", start=0, end=4)],
    )
    org = Entity(id=f"{doc_id}-e2", name="Rail Corp", type="ORG", docs=[doc_id])
    q_start = text.index('"') + 1
    q_end = text.index('"', q_start)
    quotes = [
        Quote(id=f"{doc_id}-q{i + 1}", doc=doc_id, start=q_start, end=q_end, text=text[q_start:q_end], kind=kind,
              cue="said", speaker=Speaker(entity=entity.id, name=speaker, role="spokesperson"),
              sentence=first_sentence)
        for i in range(n)
    ]
    numbers = [NumberClaim(id=f"{doc_id}-n1", doc=doc_id, start=5, end=7, text="12", value=12.0, unit="lane",
                           qualifier="about", time="2024")]
    events = [Event(id=f"{doc_id}-t1", doc=doc_id, start=10, end=15, text=text[:40], date=event_date,
                    date_text="in May", sentence=sentences[1])]
    document = Document(id=doc_id, source=f"/news/{doc_id}.html", outlet=outlet, title=f"Title {doc_id}",
                        byline="Staff", published=published, language="en", text=text,
                        content_hash=f"hash-{doc_id}")
    return DocAnalysis(document=document, sentences=sentences, entities=[entity, org], quotes=quotes,
                       numbers=numbers, events=events)


@pytest.fixture
def three(store: Store) -> list[DocAnalysis]:
    das = [
        make_analysis("da", TEXT_A, outlet="Daily Star", published="2024-05-02T09:30:00+00:00",
                      speaker="Mara Quill", n=3, event_date="2024-05"),
        make_analysis("db", TEXT_B, outlet="Evening Post", published="2024-05-03", speaker="Oren Vast",
                      event_date="2024-03-03", kind="partial"),
        make_analysis("dc", TEXT_C, outlet="Daily Star", published=None, speaker="Lena Dorsey",
                      event_date="2023"),
    ]
    for da in das:
        assert store.save_analysis(da) is True
    return das


def corpus_fixture() -> tuple[list[Entity], list[Story], list[Alignment]]:
    quill = Entity(id="E1", name="Mara Quill", type="PERSON", aliases=["Quill", "M. Quill"], docs=["da", "dc"],
                   members=["da-e1", "dc-e1"],
                   mentions=[Mention(doc="da", start=0, end=10, text="Mara Quill")] * 3)
    rail = Entity(id="E2", name="Rail Corp", type="ORG", docs=["da", "db", "dc"],
                  members=["da-e2", "db-e2", "dc-e2"])
    vast = Entity(id="E3", name="Oren Vast", type="PERSON", docs=["db"], members=["db-e1"],
                  mentions=[Mention(doc="db", start=10, end=19, text="Oren Vast")] * 2)
    stories = [Story(id="S1", title="Bridge works", docs=["da", "db"], start="2024-05-02", end="2024-05-03"),
               Story(id="S2", title="Rail closures", docs=["dc"])]
    alignments = [
        Alignment(id="A1", story="S1", relation="agree", score=0.8, a=Ref(doc="da", start=0, end=5, text="x"),
                  b=Ref(doc="db", start=1, end=6, text="y", kind="quote", ref_id="db-q1"), features={"cos": 0.8}),
        Alignment(id="A2", story="S1", relation="only-here", score=1.0, a=Ref(doc="db", start=0, end=5, text="z")),
        Alignment(id="A3", story="S2", relation="conflict", score=0.6, a=Ref(doc="dc", start=0, end=5, text="w"),
                  b=Ref(doc="da", start=2, end=9, text="v")),
    ]
    return [quill, rail, vast], stories, alignments


# -- documents ---------------------------------------------------------------------------------


def test_database_url_normalisation(tmp_path):
    assert database_url("postgresql://u@h:5/db") == "postgresql+psycopg://u@h:5/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url(str(tmp_path / "sub" / "x.db")) == f"sqlite:///{tmp_path}/sub/x.db"
    assert (tmp_path / "sub").is_dir()


def test_round_trip_in_ingestion_order(store, three):
    assert list(store.analyses()) == three
    assert store.documents() == [da.document for da in three]
    assert store.document("db") == three[1].document
    assert store.document("nope") is None
    assert store.count_documents() == 3
    assert store.has_document("hash-dc") and not store.has_document("hash-zz")


def test_analyses_streams_across_chunks(store, monkeypatch):
    import parallax.store.store as store_module

    monkeypatch.setattr(store_module, "CHUNK", 2)
    das = [make_analysis(f"d{i}", TEXT_A, outlet="O", published=None, speaker="Mara Quill") for i in range(5)]
    for da in das:
        store.save_analysis(da)
    assert [a.document.id for a in store.analyses()] == ["d0", "d1", "d2", "d3", "d4"]
    assert list(store.analyses()) == das


def test_duplicate_content_hash_not_stored_twice(store, three):
    again = make_analysis("dz", TEXT_A, outlet="Other", published=None, speaker="Mara Quill")
    again.document.content_hash = "hash-da"
    assert store.save_analysis(three[0]) is False
    assert store.save_analysis(again) is False
    assert store.count_documents() == 3
    assert store.document("dz") is None


def test_missing_hash_and_fact_ids_are_filled(store):
    da = make_analysis("dn", TEXT_C, outlet="O", published=None, speaker="Lena Dorsey")
    da.document.content_hash = ""
    for x in da.numbers + da.events:
        x.id = ""
    assert store.save_analysis(da) is True
    (back,) = store.analyses()
    assert len(back.document.content_hash) == 64
    assert store.has_document(back.document.content_hash)
    assert [n.id for n in back.numbers] == ["dn-n1"] and [e.id for e in back.events] == ["dn-t1"]
    # The same text again (still without a hash) is recognised as a duplicate.
    da2 = make_analysis("dn2", TEXT_C, outlet="O", published=None, speaker="Lena Dorsey")
    da2.document.content_hash = ""
    assert store.save_analysis(da2) is False


def test_failed_save_writes_nothing_and_keeps_earlier(store, three):
    bad = make_analysis("dx", TEXT_B, outlet="X", published="2024-06-01", speaker="Oren Vast", n=2)
    bad.quotes[1].id = "da-q2"  # collides with a stored quote after the document row is written
    with pytest.raises(IntegrityError):
        store.save_analysis(bad)
    assert not store.has_document("hash-dx")
    assert store.document("dx") is None
    assert list(store.analyses()) == three
    assert store.query_quotes(doc="dx") == ([], 0)
    # The same analysis, fixed, can be stored afterwards.
    bad.quotes[1].id = "dx-q2"
    assert store.save_analysis(bad) is True
    assert store.query_quotes(doc="dx")[1] == 2


def test_exception_inside_save_rolls_back(store, three, monkeypatch):
    original = Store._insert_facts

    def explode(self, conn, doc_id, da):
        original(self, conn, doc_id, da)  # everything inserted ...
        raise RuntimeError("disk on fire")  # ... then the transaction dies

    monkeypatch.setattr(Store, "_insert_facts", explode)
    with pytest.raises(RuntimeError):
        store.save_analysis(make_analysis("dy", TEXT_C, outlet="Y", published=None, speaker="Lena Dorsey"))
    monkeypatch.undo()
    assert store.count_documents() == 3
    assert store.query_numbers(doc="dy") == ([], 0)
    assert store.query_events(doc="dy") == ([], 0)
    assert list(store.analyses()) == three


# -- corpus results ----------------------------------------------------------------------------


def test_save_corpus_replaces_everything(store, three):
    entities, stories, alignments = corpus_fixture()
    store.save_corpus(entities, stories, alignments)
    assert store.stories() == stories
    assert store.story("S2") == stories[1] and store.story("S9") is None
    assert store.entity("E1") == entities[0]
    assert store.entity("db-e1") == three[1].entities[0]  # per-document entities stay addressable
    assert store.query_alignments()[0] == alignments

    new_entity = Entity(id="F1", name="Rail Corp", type="ORG", members=["da-e2"])
    new_story = Story(id="T1", title="Everything", docs=["da", "db", "dc"])
    store.save_corpus([new_entity], [new_story], [])
    assert store.entity("E1") is None
    assert store.stories() == [new_story]
    assert store.query_alignments() == ([], 0)
    assert store.query_entities() == ([new_entity], 1)
    # Old memberships are gone: E1 no longer selects Mara Quill's quotes by id.
    assert store.query_quotes(speaker="E1") == ([], 0)
    assert store.query_documents(story="S1") == ([], 0)
    assert store.query_documents(story="T1")[1] == 3


def test_failed_corpus_save_keeps_previous(store, three):
    entities, stories, alignments = corpus_fixture()
    store.save_corpus(entities, stories, alignments)
    duplicate = [entities[0], entities[0]]
    with pytest.raises(IntegrityError):
        store.save_corpus(duplicate, [], [])
    assert store.query_entities()[1] == 3
    assert store.stories() == stories


def test_screening_replace_and_query(store, three):
    hits = [
        ScreeningHit(entity="E1", list="un", list_entry_id="u-1", score=0.91, entry_name="Mara Quil",
                     list_version="v1", features={"name": 0.91}),
        ScreeningHit(entity="E2", list="ofac", list_entry_id="o-7", score=0.99),
        ScreeningHit(entity="E1", list="ofac", list_entry_id="o-8", score=0.87),
    ]
    store.save_screening(hits)
    assert store.query_screening() == ([hits[1], hits[0], hits[2]], 3)  # best score first
    assert store.query_screening(entity="E1") == ([hits[0], hits[2]], 2)
    assert store.query_screening(list="ofac", limit=1) == ([hits[1]], 2)
    assert store.query_screening(list="ofac", limit=1, offset=1) == ([hits[2]], 2)
    store.save_screening(hits[:1])
    assert store.query_screening() == ([hits[0]], 1)
    store.save_screening([])
    assert store.query_screening() == ([], 0)


def test_load_dossier(store, three):
    assert store.load_dossier().entities == []  # no corpus run yet
    entities, stories, alignments = corpus_fixture()
    store.save_corpus(entities, stories, alignments)
    hit = ScreeningHit(entity="E2", list="ofac", list_entry_id="o-7", score=0.99)
    store.save_screening([hit])
    d = store.load_dossier()
    assert d.documents == [a.document for a in three]
    assert d.quotes == [q for a in three for q in a.quotes]
    assert d.numbers == [n for a in three for n in a.numbers]
    assert d.events == [e for a in three for e in a.events]
    assert (d.entities, d.stories, d.alignments, d.screening) == (entities, stories, alignments, [hit])


# -- queries -----------------------------------------------------------------------------------


def test_query_documents(store, three):
    store.save_corpus(*corpus_fixture())
    docs, total = store.query_documents()
    assert [d.id for d in docs] == ["da", "db", "dc"] and total == 3
    docs, total = store.query_documents(outlet="Daily Star")
    assert [d.id for d in docs] == ["da", "dc"] and total == 2
    docs, total = store.query_documents(outlet="Daily Star", limit=1, offset=1)
    assert [d.id for d in docs] == ["dc"] and total == 2
    assert [d.id for d in store.query_documents(story="S1")[0]] == ["da", "db"]
    assert store.query_documents(outlet="Daily Star", story="S1")[1] == 1
    assert store.query_documents(limit=10, offset=10) == ([], 3)


def test_query_entities(store, three):
    # Before a corpus run the per-document entities are listed.
    ents, total = store.query_entities(type="PERSON")
    assert [e.id for e in ents] == ["da-e1", "db-e1", "dc-e1"] and total == 3
    assert [e.id for e in store.query_entities(q="quill")[0]] == ["da-e1"]

    store.save_corpus(*corpus_fixture())
    ents, total = store.query_entities()
    assert [e.id for e in ents] == ["E1", "E3", "E2"] and total == 3  # most mentioned first
    assert [e.id for e in store.query_entities(type="ORG")[0]] == ["E2"]
    assert [e.id for e in store.query_entities(q="M. QUILL")[0]] == ["E1"]  # alias match
    assert [e.id for e in store.query_entities(q="vast")[0]] == ["E3"]
    assert store.query_entities(q="%") == ([], 0)  # LIKE wildcards are literal
    ents, total = store.query_entities(type="PERSON", limit=1, offset=1)
    assert [e.id for e in ents] == ["E3"] and total == 2


def test_query_quotes(store, three):
    store.save_corpus(*corpus_fixture())
    all_quotes = [q for a in three for q in a.quotes]

    def ids(result):
        return [q.id for q in result[0]], result[1]

    assert ids(store.query_quotes()) == ([q.id for q in all_quotes], 5)
    assert ids(store.query_quotes(speaker="quill")) == (["da-q1", "da-q2", "da-q3"], 3)
    assert ids(store.query_quotes(speaker="E3")) == (["db-q1"], 1)  # resolved entity via its members
    assert ids(store.query_quotes(speaker="E1")) == (["da-q1", "da-q2", "da-q3", "dc-q1"], 4)
    assert ids(store.query_quotes(speaker="dc-e1")) == (["dc-q1"], 1)
    assert ids(store.query_quotes(speaker="_")) == ([], 0)
    assert ids(store.query_quotes(kind="partial")) == (["db-q1"], 1)
    assert ids(store.query_quotes(doc="dc")) == (["dc-q1"], 1)
    assert ids(store.query_quotes(story="S2")) == (["dc-q1"], 1)
    assert ids(store.query_quotes(story="S1", speaker="quill", limit=2, offset=1)) == (["da-q2", "da-q3"], 3)
    # Publication-date filters: "da" is 2024-05-02T09:30, "db" 2024-05-03, "dc" unknown.
    assert ids(store.query_quotes(date_from="2024-05-03")) == (["db-q1"], 1)
    assert ids(store.query_quotes(date_to="2024-05-02")) == (["da-q1", "da-q2", "da-q3"], 3)
    assert ids(store.query_quotes(date_from="2024-05-02", date_to="2024-05-02")) == (["da-q1", "da-q2", "da-q3"], 3)
    assert ids(store.query_quotes(date_from="2024-05-02T10:00")) == (["db-q1"], 1)
    assert ids(store.query_quotes(date_from="2024-06-01")) == ([], 0)
    assert ids(store.query_quotes(date_to="2024-05", kind="partial")) == (["db-q1"], 1)


def test_query_numbers(store, three):
    store.save_corpus(*corpus_fixture())
    assert store.query_numbers() == ([n for a in three for n in a.numbers], 3)
    assert store.query_numbers(doc="db") == (three[1].numbers, 1)
    nums, total = store.query_numbers(story="S1", limit=1, offset=1)
    assert nums == three[1].numbers and total == 2


def test_query_events(store, three):
    store.save_corpus(*corpus_fixture())

    def dates(result):
        return [e.date for e in result[0]], result[1]

    assert dates(store.query_events()) == (["2023", "2024-03-03", "2024-05"], 3)  # date order
    assert dates(store.query_events(date_from="2024-01-01")) == (["2024-03-03", "2024-05"], 2)
    assert dates(store.query_events(date_from="2024-05-20")) == (["2024-05"], 1)  # May overlaps
    assert dates(store.query_events(date_to="2023-06-30")) == (["2023"], 1)  # 2023 overlaps
    assert dates(store.query_events(date_from="2023-07", date_to="2024-04")) == (["2023", "2024-03-03"], 2)
    assert dates(store.query_events(story="S1")) == (["2024-03-03", "2024-05"], 2)
    assert dates(store.query_events(doc="da")) == (["2024-05"], 1)
    assert dates(store.query_events(limit=1, offset=2)) == (["2024-05"], 3)


def test_query_alignments(store, three):
    _, _, alignments = corpus_fixture()
    store.save_corpus(*corpus_fixture())
    assert store.query_alignments(story="S1") == (alignments[:2], 2)
    assert store.query_alignments(relation="conflict") == ([alignments[2]], 1)
    assert store.query_alignments(doc="db") == (alignments[:2], 2)
    assert store.query_alignments(doc="da") == ([alignments[0], alignments[2]], 2)
    assert store.query_alignments(limit=1, offset=1) == ([alignments[1]], 3)


# -- decisions ---------------------------------------------------------------------------------


def test_decisions(store):
    a = store.add_decision(Decision(id="x1", kind="merge", a="E1", b="E3", note="same person",
                                    created="2024-01-01T00:00:00+00:00"))
    b = store.add_decision(Decision(id="x2", kind="split", a="da-e1", b="dc-e1"))
    assert b.created  # filled in
    assert store.decisions() == [a, b]
    replaced = store.add_decision(a.model_copy(update={"note": "checked twice"}))
    assert store.decisions() == [replaced, b]
    assert store.delete_decision("x1") is True
    assert store.delete_decision("x1") is False
    assert store.decisions() == [b]
    # Decisions survive corpus replacement.
    store.save_corpus([], [], [])
    assert store.decisions() == [b]


# -- sanctions lists ---------------------------------------------------------------------------


def entries(prefix: str, n: int, *, fail_at: int | None = None):
    for i in range(n):
        if i == fail_at:
            raise OSError("feed cut off")
        yield {"id": f"{prefix}-{i:04d}", "schema": "Person", "name": f"Person {prefix} {i}",
               "properties": {"birthDate": ["1970"]}}


def test_replace_list_is_atomic(store, monkeypatch):
    monkeypatch.setattr(lists_module, "BATCH", 3)  # several flushed batches before the failure
    assert store.replace_list("un", "v1", "https://example.org/un.json", entries("a", 10)) == 10
    old_entries = list(store.list_entries("un"))
    assert [e["id"] for e in old_entries] == [f"a-{i:04d}" for i in range(10)]

    with pytest.raises(OSError):
        store.replace_list("un", "v2", "src2", entries("b", 10, fail_at=7))
    (info,) = store.lists()
    assert (info["version"], info["source"], info["entry_count"]) == ("v1", "https://example.org/un.json", 10)
    assert list(store.list_entries("un")) == old_entries

    with pytest.raises(ValueError):
        store.replace_list("un", "v3", "src3", [{"id": "x", "name": "No schema"}])
    assert store.lists()[0]["version"] == "v1"

    assert store.replace_list("un", "v4", "src4", entries("c", 4)) == 4
    assert [e["id"] for e in store.list_entries("un")] == [f"c-{i:04d}" for i in range(4)]
    assert store.lists()[0]["entry_count"] == 4


def test_list_entries_stream_and_lookup(store, monkeypatch):
    monkeypatch.setattr(lists_module, "BATCH", 2)
    store.replace_list("un", "v1", "s", entries("u", 5))
    dup = [{"id": "o-1", "schema": "Company", "name": "First"}, {"id": "o-1", "schema": "Company", "name": "Later"},
           {"id": "o-2", "schema": "Person", "name": "Other", "list": "own-field"}]
    assert store.replace_list("ofac", "2024-05", "s", iter(dup)) == 2
    assert [(x["name"], x["entry_count"]) for x in store.lists()] == [("ofac", 2), ("un", 5)]
    everything = list(store.list_entries())
    assert [(e["list"], e["id"]) for e in everything] == (
        [("ofac", "o-1"), ("own-field", "o-2")] + [("un", f"u-{i:04d}") for i in range(5)])
    assert everything[0]["name"] == "First"
    assert everything[2]["properties"] == {"birthDate": ["1970"]}
    assert store.list_entry("ofac", "o-2") == dup[2]
    assert store.list_entry("ofac", "zz") is None
    assert [e["id"] for e in store.list_entries("ofac")] == ["o-1", "o-2"]
    assert list(store.list_entries("nope")) == []


# -- migrations --------------------------------------------------------------------------------


def test_migrations_idempotent_and_match_schema(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from parallax.store.migrate import current_revision, head_revision
    from parallax.store.schema import metadata

    da = make_analysis("da", TEXT_A, outlet="O", published=None, speaker="Mara Quill")
    with Store(db_url) as first:
        first.save_analysis(da)
    with Store(db_url) as second:  # opening again runs the (no-op) upgrade
        assert list(second.analyses()) == [da]
        with second.engine.connect() as conn:
            assert current_revision(conn) == head_revision() is not None
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_upgrade_from_first_revision_keeps_data(db_url):
    from alembic import command
    from sqlalchemy import text

    from parallax.store.engine import make_engine
    from parallax.store.migrate import alembic_config, head_revision

    engine = make_engine(database_url(db_url))
    with engine.begin() as conn:  # a database left at revision 0001 with one document in it
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO documents (id, seq, source, content_hash, ingested_at, text, data) "
                          "VALUES ('d0', 1, 's', 'h0', 'now', 'Old text.', :data)"),
                     {"data": '{"id": "d0", "source": "s", "content_hash": "h0"}'})
    engine.dispose()
    with Store(db_url) as s:
        assert [d.text for d in s.documents()] == ["Old text."]
        assert s.revision() == 0
        with s.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()


# -- change tracking and concurrency ---------------------------------------------------------------


def test_revision_changes_on_writes_only(store, three):
    r = store.revision()
    store.query_quotes()
    store.load_dossier()
    assert store.revision() == r
    store.save_corpus([], [], [])
    assert store.revision() == r + 1
    with pytest.raises(ValueError):
        store.replace_list("x", "v", "s", [{"id": "1"}])
    assert store.revision() == r + 1  # rolled back with the failed write
    store.add_decision(Decision(id="k", kind="split", a="a", b="b"))
    assert store.revision() == r + 2


def test_write_while_streaming_analyses(store, three):
    # analyses() holds no connection between chunks, so the caller may write as it reads.
    seen = []
    for i, da in enumerate(store.analyses()):
        seen.append(da.document.id)
        store.add_decision(Decision(id=f"x{i}", kind="merge", a=da.document.id, b="E1"))
    assert seen == ["da", "db", "dc"] and len(store.decisions()) == 3


def test_concurrent_writers(db_url):
    from concurrent.futures import ThreadPoolExecutor

    with Store(db_url) as a, Store(db_url) as b:
        das = [make_analysis(f"c{i}", TEXT_B, outlet="O", published=None, speaker="Oren Vast") for i in range(8)]

        def save(i: int) -> bool:
            return (a if i % 2 else b).save_analysis(das[i])

        with ThreadPoolExecutor(max_workers=4) as pool:
            assert all(pool.map(save, range(8)))
        assert sorted(d.id for d in a.documents()) == [f"c{i}" for i in range(8)]
        # The same document from two writers at once is stored once.
        twice = make_analysis("cz", TEXT_C, outlet="O", published=None, speaker="Lena Dorsey")
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda s: s.save_analysis(twice), [a, b]))
        assert sorted(results) == [False, True]
        assert b.count_documents() == 9


def test_save_analysis_replace(store, three):
    redo = make_analysis("db", TEXT_B, outlet="Evening Post", published="2024-05-03", speaker="Oren Vast", n=2,
                         event_date="2024-03")
    redo.numbers = []
    assert store.save_analysis(redo) is False  # same content hash: kept as it was
    assert store.query_quotes(doc="db")[1] == 1
    assert store.save_analysis(redo, replace=True) is True
    assert list(store.analyses()) == [three[0], redo, three[2]]  # same place in ingestion order
    assert store.query_numbers(doc="db") == ([], 0)
    assert [e.date for e in store.query_events(doc="db")[0]] == ["2024-03"]


def test_sqlite_pragmas_and_memory(tmp_path):
    from sqlalchemy import text

    with Store(tmp_path / "p.db") as s:
        with s.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    with Store(":memory:") as s:
        assert s.save_analysis(make_analysis("m1", TEXT_A, outlet="O", published=None, speaker="Mara Quill"))
        assert [d.id for d in s.documents()] == ["m1"]


def test_failed_replace_keeps_old_version(store, three):
    redo = make_analysis("db", TEXT_B, outlet="Evening Post", published="2024-05-03", speaker="Oren Vast", n=2)
    redo.quotes[1].id = "da-q1"  # collides with another document's quote
    with pytest.raises(IntegrityError):
        store.save_analysis(redo, replace=True)
    assert list(store.analyses()) == three


def test_upgrade_to_0003_folds_stored_outlets(db_url):
    from alembic import command
    from sqlalchemy import text

    from parallax.store.engine import make_engine
    from parallax.store.migrate import alembic_config

    engine = make_engine(database_url(db_url))
    with engine.begin() as conn:  # stored before the outlet_key column existed
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        for i, outlet in enumerate(["Süddeutsche Zeitung", None]):
            conn.execute(text("INSERT INTO documents (id, seq, source, outlet, content_hash, ingested_at, text, data) "
                              "VALUES (:id, :seq, 's', :outlet, :h, 'now', 'Old text.', :data)"),
                         {"id": f"d{i}", "seq": i + 1, "outlet": outlet, "h": f"h{i}",
                          "data": f'{{"id": "d{i}", "source": "s", "content_hash": "h{i}"}}'})
    engine.dispose()
    with Store(db_url) as s:
        assert [d.id for d in s.query_documents(outlet="SÜDDEUTSCHE zeitung")[0]] == ["d0"]
        assert s.query_documents()[1] == 2
