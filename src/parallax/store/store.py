"""The store: documents with their extracted facts, corpus results, decisions, sanctions lists.

Every write runs in one transaction: if anything fails, what was stored before is intact.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timezone

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from parallax.model import (
    Alignment,
    Claim,
    Decision,
    DocAnalysis,
    Document,
    Dossier,
    Entity,
    Event,
    NumberClaim,
    Quote,
    ScreeningHit,
    Sentence,
    Story,
)
from parallax.store import schema as t
from parallax.store.engine import database_url, make_engine
from parallax.store.lists import ListsMixin
from parallax.store.migrate import upgrade
from parallax.store.queries import QueryMixin

CHUNK = 200  # documents per round trip when streaming analyses


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def content_hash_of(text: str) -> str:
    """What ingest computes: sha256 of the normalised text (used when a document comes without one)."""
    from parallax.nlp.normalize import normalize

    return hashlib.sha256(normalize(text).text.encode("utf-8")).hexdigest()


def _dump(model) -> dict:
    return model.model_dump(mode="json")


def _document_row(doc: Document, seq: int) -> dict:
    return {
        "id": doc.id, "seq": seq, "source": doc.source, "outlet": doc.outlet,
        "outlet_key": doc.outlet.casefold() if doc.outlet is not None else None, "title": doc.title,
        "byline": doc.byline, "published": doc.published, "language": doc.language,
        "content_hash": doc.content_hash, "ingested_at": now_iso(), "text": doc.text,
        "data": doc.model_dump(mode="json", exclude={"text"}),
    }


def row_to_document(row) -> Document:
    return Document.model_validate({**row.data, "text": row.text})


def _with_ids(items: Sequence, doc_id: str, prefix: str) -> list:
    """Numbers and events may come without ids; give them stable per-document ones."""
    return [x if x.id else x.model_copy(update={"id": f"{doc_id}-{prefix}{i + 1}"}) for i, x in enumerate(items)]


class Store(QueryMixin, ListsMixin):
    """``Store("parallax.db")`` (SQLite) or ``Store("postgresql://user@host/db")``; migrates on open."""

    def __init__(self, url_or_path: str | os.PathLike[str]) -> None:
        self.url = database_url(url_or_path)
        self.engine = make_engine(self.url)
        self._counts = {}
        try:
            upgrade(self.engine)
        except Exception:
            self.engine.dispose()
            raise

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (committed on exit, rolled back on any exception)."""
        with self.engine.connect() as conn:
            conn.execution_options(write=True)
            with conn.begin():
                yield conn
                # Last, so PostgreSQL holds this row lock only for the moment before commit.
                meta = t.store_meta
                conn.execute(update(meta).where(meta.c.key == "revision").values(value=meta.c.value + 1))

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def revision(self) -> int:
        """A number that changes whenever anything is written (cheap: one row)."""
        with self._read() as conn:
            return conn.execute(select(t.store_meta.c.value).where(t.store_meta.c.key == "revision")).scalar_one()

    # -- documents and their facts ---------------------------------------------------------------

    def has_document(self, content_hash: str) -> bool:
        with self._read() as conn:
            return conn.execute(select(t.documents.c.id).where(t.documents.c.content_hash == content_hash)).first() \
                is not None

    def recent_published_dates(self, limit: int = 1000) -> list[date]:
        """Publication dates of the most recently ingested documents (that have one)."""
        with self._read() as conn:
            rows = conn.execute(select(t.documents.c.published).where(t.documents.c.published.is_not(None))
                                .order_by(t.documents.c.seq.desc()).limit(limit)).all()
        out = []
        for (p,) in rows:
            try:
                out.append(date.fromisoformat(p[:10]))
            except ValueError:
                continue
        return out

    def stored_hashes(self, content_hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are stored (one query per few hundred, not one each)."""
        found: set[str] = set()
        hashes = list(dict.fromkeys(content_hashes))
        with self._read() as conn:
            for i in range(0, len(hashes), 500):  # stays under every backend's bound-parameter limit
                col = t.documents.c.content_hash
                found.update(conn.execute(select(col).where(col.in_(hashes[i:i + 500]))).scalars())
        return found

    def count_documents(self) -> int:
        with self._read() as conn:
            return conn.execute(select(func.count()).select_from(t.documents)).scalar_one()

    def save_analysis(self, da: DocAnalysis, *, replace: bool = False) -> bool:
        """Store a document with everything extracted from it; False (nothing written) if its
        content hash is already stored, unless ``replace``: then the stored document and all its
        facts are swapped for these (keeping its place in ingestion order), e.g. after a re-run of
        extraction. Numbers/events without ids get ``<doc>-n<i>``/``<doc>-t<i>``."""
        doc = da.document
        if not doc.content_hash:
            doc = doc.model_copy(update={"content_hash": content_hash_of(doc.text)})
        try:
            with self._write() as conn:
                old = conn.execute(select(t.documents.c.id, t.documents.c.seq)
                                   .where(t.documents.c.content_hash == doc.content_hash)).first()
                if old and not replace:
                    return False
                if old:
                    self._delete_document(conn, old.id)
                    seq = old.seq
                else:
                    seq = conn.execute(select(func.coalesce(func.max(t.documents.c.seq), 0))).scalar_one() + 1
                conn.execute(insert(t.documents), [_document_row(doc, seq)])
                self._insert_facts(conn, doc.id, da)
        except IntegrityError:
            if not replace and self.has_document(doc.content_hash):  # a concurrent writer stored it first
                return False
            raise
        return True

    @staticmethod
    def _delete_document(conn: Connection, doc_id: str) -> None:
        # Explicit rather than relying on ON DELETE CASCADE, which SQLite only honours with its pragma.
        for table in (t.sentences, t.doc_entities, t.quotes, t.numbers, t.events, t.claims):
            conn.execute(delete(table).where(table.c.doc_id == doc_id))
        conn.execute(delete(t.documents).where(t.documents.c.id == doc_id))

    def _insert_facts(self, conn: Connection, doc_id: str, da: DocAnalysis) -> None:
        # facts carry their document's seq, so pages in ingestion order read an index, not a join
        seq = conn.execute(select(t.documents.c.seq).where(t.documents.c.id == doc_id)).scalar_one()
        rows: dict = {
            t.sentences: [{"doc_id": doc_id, "idx": i, "start": s.start, "end": s.end}
                          for i, s in enumerate(da.sentences)],
            t.doc_entities: [{"id": e.id, "doc_id": doc_id, "idx": i, "name": e.name, "type": e.type,
                              "data": _dump(e)} for i, e in enumerate(da.entities)],
            t.quotes: [{"id": q.id, "doc_id": doc_id, "idx": i, "start": q.start, "end": q.end, "kind": q.kind,
                        "speaker_name": q.speaker.name if q.speaker else None,
                        "speaker_entity": q.speaker.entity if q.speaker else None,
                        "data": _dump(q)} for i, q in enumerate(da.quotes)],
            t.numbers: [{"id": n.id, "doc_id": doc_id, "idx": i, "start": n.start, "end": n.end, "value": n.value,
                         "unit": n.unit, "data": _dump(n)}
                        for i, n in enumerate(_with_ids(da.numbers, doc_id, "n"))],
            t.events: [{"id": e.id, "doc_id": doc_id, "idx": i, "start": e.start, "end": e.end, "date": e.date,
                        "data": _dump(e)} for i, e in enumerate(_with_ids(da.events, doc_id, "t"))],
            t.claims: [{"id": c.id, "doc_id": doc_id, "idx": i, "start": c.start, "end": c.end, "quote_id": c.quote,
                        "data": _dump(c)} for i, c in enumerate(_with_ids(da.claims, doc_id, "c"))],
        }
        for table, table_rows in rows.items():
            if table_rows:
                if table is not t.sentences:
                    for row in table_rows:
                        row["doc_seq"] = seq
                conn.execute(insert(table), table_rows)

    def documents(self) -> list[Document]:
        with self._read() as conn:
            return [row_to_document(r) for r in conn.execute(select(t.documents).order_by(t.documents.c.seq))]

    def document(self, id: str) -> Document | None:
        with self._read() as conn:
            row = conn.execute(select(t.documents).where(t.documents.c.id == id)).first()
        return row_to_document(row) if row else None

    def analyses(self) -> Iterator[DocAnalysis]:
        """Every stored DocAnalysis in ingestion order, fetched a chunk of documents at a time
        (no connection is held while the caller works on a chunk)."""
        after = -1
        while True:
            with self._read() as conn:
                docs = conn.execute(select(t.documents).where(t.documents.c.seq > after)
                                    .order_by(t.documents.c.seq).limit(CHUNK)).all()
                if not docs:
                    return
                ids = [d.id for d in docs]
                sents = self._by_doc(conn, t.sentences, ids, lambda r: Sentence(doc=r.doc_id, start=r.start, end=r.end))
                ents = self._by_doc(conn, t.doc_entities, ids, lambda r: Entity.model_validate(r.data))
                quotes = self._by_doc(conn, t.quotes, ids, lambda r: Quote.model_validate(r.data))
                numbers = self._by_doc(conn, t.numbers, ids, lambda r: NumberClaim.model_validate(r.data))
                events = self._by_doc(conn, t.events, ids, lambda r: Event.model_validate(r.data))
                claims = self._by_doc(conn, t.claims, ids, lambda r: Claim.model_validate(r.data))
            for d in docs:
                yield DocAnalysis(document=row_to_document(d), sentences=sents[d.id], entities=ents[d.id],
                                  quotes=quotes[d.id], numbers=numbers[d.id], events=events[d.id],
                                  claims=claims[d.id])
            after = docs[-1].seq

    @staticmethod
    def _by_doc(conn: Connection, table, doc_ids: list[str], build) -> dict[str, list]:
        out: dict[str, list] = defaultdict(list)
        stmt = select(table).where(table.c.doc_id.in_(doc_ids)).order_by(table.c.doc_id, table.c.idx)
        for r in conn.execute(stmt):
            out[r.doc_id].append(build(r))
        return out

    # -- corpus-level results --------------------------------------------------------------------

    def save_corpus(self, entities: list[Entity], stories: list[Story], alignments: list[Alignment]) -> None:
        """Replace all resolved entities, stories and alignments at once."""
        members = {(e.id, m) for e in entities for m in (e.members or [])}
        story_docs = {(s.id, d) for s in stories for d in s.docs}
        rows: dict = {
            t.entities: [{"id": e.id, "idx": i, "name": e.name, "type": e.type, "aliases": "\n".join(e.aliases),
                          "mention_count": len(e.mentions), "data": _dump(e)} for i, e in enumerate(entities)],
            t.entity_members: [{"entity_id": e, "doc_entity_id": m} for e, m in sorted(members)],
            t.stories: [{"id": s.id, "idx": i, "title": s.title, "data": _dump(s)} for i, s in enumerate(stories)],
            t.story_docs: [{"story_id": s, "doc_id": d} for s, d in sorted(story_docs)],
            t.alignments: [{"id": a.id, "idx": i, "story_id": a.story, "relation": a.relation, "score": a.score,
                            "a_doc": a.a.doc, "b_doc": a.b.doc if a.b else None, "data": _dump(a)}
                           for i, a in enumerate(alignments)],
        }
        with self._write() as conn:
            for table in (t.entity_members, t.entities, t.story_docs, t.stories, t.alignments):
                conn.execute(delete(table))
            for table, table_rows in rows.items():
                if table_rows:
                    conn.execute(insert(table), table_rows)

    def save_screening(self, hits: list[ScreeningHit]) -> None:
        """Replace all screening hits at once."""
        rows = [{"entity_id": h.entity, "list_name": h.list, "list_entry_id": h.list_entry_id, "score": h.score,
                 "list_version": h.list_version, "data": _dump(h)} for h in hits]
        with self._write() as conn:
            conn.execute(delete(t.screening))
            if rows:
                conn.execute(insert(t.screening), rows)

    def load_dossier(self) -> Dossier:
        """Everything stored, as it was stored (``export.json.finalize`` points speakers at
        resolved entities). ``entities`` are the resolved ones: empty before a corpus run."""
        with self._read() as conn:
            docs = conn.execute(select(t.documents).order_by(t.documents.c.seq)).all()

            def facts(table, model):
                stmt = (select(table.c.data).join(t.documents, t.documents.c.id == table.c.doc_id)
                        .order_by(t.documents.c.seq, table.c.idx))
                return [model.model_validate(r.data) for r in conn.execute(stmt)]

            def corpus(table, model, order):
                return [model.model_validate(r.data) for r in conn.execute(select(table.c.data).order_by(order))]

            return Dossier(
                documents=[row_to_document(r) for r in docs],
                entities=corpus(t.entities, Entity, t.entities.c.idx),
                quotes=facts(t.quotes, Quote),
                numbers=facts(t.numbers, NumberClaim),
                events=facts(t.events, Event),
                claims=facts(t.claims, Claim),
                alignments=corpus(t.alignments, Alignment, t.alignments.c.idx),
                screening=corpus(t.screening, ScreeningHit, t.screening.c.id),
                stories=corpus(t.stories, Story, t.stories.c.idx),
            )

    # -- analyst decisions -----------------------------------------------------------------------

    def add_decision(self, d: Decision) -> Decision:
        """Store (or replace, by id) a merge/split decision; fills ``created`` when missing."""
        if not d.created:
            d = d.model_copy(update={"created": now_iso()})
        with self._write() as conn:
            conn.execute(delete(t.decisions).where(t.decisions.c.id == d.id))
            conn.execute(insert(t.decisions), [d.model_dump()])
        return d

    def decisions(self) -> list[Decision]:
        with self._read() as conn:
            rows = conn.execute(select(t.decisions).order_by(t.decisions.c.created, t.decisions.c.id))
            return [Decision.model_validate(dict(r._mapping)) for r in rows]

    def delete_decision(self, id: str) -> bool:
        with self._write() as conn:
            return conn.execute(delete(t.decisions).where(t.decisions.c.id == id)).rowcount > 0
