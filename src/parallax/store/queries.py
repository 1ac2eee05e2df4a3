"""Filtered, paginated reads for the REST API. Each ``query_*`` returns ``(items, total)``,
where ``total`` counts every match regardless of ``limit``/``offset``."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TypeVar

from sqlalchemy import Connection, ColumnElement, Select, func, literal, or_, select

from parallax.model import Alignment, Document, Entity, Event, NumberClaim, Quote, ScreeningHit, Story
from parallax.store import schema as t

T = TypeVar("T")


def _contains(column, needle: str) -> ColumnElement[bool]:
    """Case-insensitive substring match with LIKE wildcards in the needle taken literally."""
    escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def _on_or_after(column, date_from: str) -> ColumnElement[bool]:
    """ISO dates of any precision: compared at the coarser of the two, so "2024-05" is on or
    after "2024-05-20" (the month overlaps) and "2024-05-03T10:00" is on "2024-05-03"."""
    return func.substr(literal(date_from), 1, func.length(column)) <= column


def _on_or_before(column, date_to: str) -> ColumnElement[bool]:
    return func.substr(column, 1, len(date_to)) <= date_to


def _in_story(doc_column, story: str) -> ColumnElement[bool]:
    return doc_column.in_(select(t.story_docs.c.doc_id).where(t.story_docs.c.story_id == story))


class QueryMixin:
    _read: Callable[[], AbstractContextManager[Connection]]

    def _page(self, stmt: Select, build: Callable[[object], T], limit: int, offset: int) -> tuple[list[T], int]:
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
            rows = conn.execute(stmt.limit(max(0, limit)).offset(max(0, offset))).all()
        return [build(r) for r in rows], total

    # -- documents -------------------------------------------------------------------------------

    def query_documents(self, outlet: str | None = None, story: str | None = None,
                        limit: int = 50, offset: int = 0) -> tuple[list[Document], int]:
        from parallax.store.store import row_to_document

        stmt = select(t.documents).order_by(t.documents.c.seq)
        if outlet is not None:
            stmt = stmt.where(t.documents.c.outlet == outlet)
        if story is not None:
            stmt = stmt.where(_in_story(t.documents.c.id, story))
        return self._page(stmt, row_to_document, limit, offset)

    # -- entities --------------------------------------------------------------------------------

    def _has_corpus_entities(self, conn: Connection) -> bool:
        return conn.execute(select(t.entities.c.id).limit(1)).first() is not None

    def query_entities(self, type: str | None = None, q: str | None = None,
                       limit: int = 50, offset: int = 0) -> tuple[list[Entity], int]:
        """Resolved entities, most mentioned first; before any corpus run, the per-document ones.
        ``q`` is a case-insensitive substring of the name (or, for resolved ones, an alias)."""
        with self._read() as conn:
            resolved = self._has_corpus_entities(conn)
        if resolved:
            e = t.entities
            stmt = select(e.c.data).order_by(e.c.mention_count.desc(), e.c.name, e.c.id)
            if q:
                stmt = stmt.where(or_(_contains(e.c.name, q), _contains(e.c.aliases, q)))
        else:
            e = t.doc_entities
            stmt = (select(e.c.data).join(t.documents, t.documents.c.id == e.c.doc_id)
                    .order_by(t.documents.c.seq, e.c.idx))
            if q:
                stmt = stmt.where(_contains(e.c.name, q))
        if type is not None:
            stmt = stmt.where(e.c.type == type)
        return self._page(stmt, lambda r: Entity.model_validate(r.data), limit, offset)

    def entity(self, id: str) -> Entity | None:
        """A resolved entity, or a per-document one by its id."""
        with self._read() as conn:
            for table in (t.entities, t.doc_entities):
                row = conn.execute(select(table.c.data).where(table.c.id == id)).first()
                if row:
                    return Entity.model_validate(row.data)
        return None

    # -- per-document facts ----------------------------------------------------------------------

    def _facts(self, table, doc: str | None, story: str | None) -> Select:
        stmt = (select(table.c.data).join(t.documents, t.documents.c.id == table.c.doc_id)
                .order_by(t.documents.c.seq, table.c.idx))
        if doc is not None:
            stmt = stmt.where(table.c.doc_id == doc)
        if story is not None:
            stmt = stmt.where(_in_story(table.c.doc_id, story))
        return stmt

    def query_quotes(self, speaker: str | None = None, doc: str | None = None, story: str | None = None,
                     kind: str | None = None, date_from: str | None = None, date_to: str | None = None,
                     limit: int = 50, offset: int = 0) -> tuple[list[Quote], int]:
        """``speaker``: a resolved entity id (matches quotes by any of its member entities), a
        per-document entity id, or a case-insensitive substring of the speaker's name.
        Dates filter on the document's publication date. Quotes are returned as stored
        (speaker.entity is the per-document entity id)."""
        q = t.quotes
        stmt = self._facts(q, doc, story)
        if speaker:
            members = select(t.entity_members.c.doc_entity_id).where(t.entity_members.c.entity_id == speaker)
            stmt = stmt.where(or_(q.c.speaker_entity == speaker, q.c.speaker_entity.in_(members),
                                  _contains(q.c.speaker_name, speaker)))
        if kind is not None:
            stmt = stmt.where(q.c.kind == kind)
        if date_from:
            stmt = stmt.where(_on_or_after(t.documents.c.published, date_from))
        if date_to:
            stmt = stmt.where(_on_or_before(t.documents.c.published, date_to))
        return self._page(stmt, lambda r: Quote.model_validate(r.data), limit, offset)

    def query_numbers(self, doc: str | None = None, story: str | None = None,
                      limit: int = 50, offset: int = 0) -> tuple[list[NumberClaim], int]:
        stmt = self._facts(t.numbers, doc, story)
        return self._page(stmt, lambda r: NumberClaim.model_validate(r.data), limit, offset)

    def query_events(self, doc: str | None = None, story: str | None = None, date_from: str | None = None,
                     date_to: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[Event], int]:
        """Dated events in date order; a date range keeps events whose date overlaps it."""
        ev = t.events
        stmt = self._facts(ev, doc, story).order_by(None).order_by(ev.c.date, t.documents.c.seq, ev.c.idx)
        if date_from:
            stmt = stmt.where(_on_or_after(ev.c.date, date_from))
        if date_to:
            stmt = stmt.where(_on_or_before(ev.c.date, date_to))
        return self._page(stmt, lambda r: Event.model_validate(r.data), limit, offset)

    # -- corpus-level results --------------------------------------------------------------------

    def query_alignments(self, story: str | None = None, relation: str | None = None, doc: str | None = None,
                         limit: int = 50, offset: int = 0) -> tuple[list[Alignment], int]:
        a = t.alignments
        stmt = select(a.c.data).order_by(a.c.idx)
        if story is not None:
            stmt = stmt.where(a.c.story_id == story)
        if relation is not None:
            stmt = stmt.where(a.c.relation == relation)
        if doc is not None:
            stmt = stmt.where(or_(a.c.a_doc == doc, a.c.b_doc == doc))
        return self._page(stmt, lambda r: Alignment.model_validate(r.data), limit, offset)

    def query_screening(self, entity: str | None = None, list: str | None = None,
                        limit: int = 50, offset: int = 0) -> tuple[list[ScreeningHit], int]:
        """Hits, best score first."""
        s = t.screening
        stmt = select(s.c.data).order_by(s.c.score.desc(), s.c.id)
        if entity is not None:
            stmt = stmt.where(s.c.entity_id == entity)
        if list is not None:
            stmt = stmt.where(s.c.list_name == list)
        return self._page(stmt, lambda r: ScreeningHit.model_validate(r.data), limit, offset)

    def stories(self) -> list[Story]:
        with self._read() as conn:
            return [Story.model_validate(r.data)
                    for r in conn.execute(select(t.stories.c.data).order_by(t.stories.c.idx))]

    def story(self, id: str) -> Story | None:
        with self._read() as conn:
            row = conn.execute(select(t.stories.c.data).where(t.stories.c.id == id)).first()
        return Story.model_validate(row.data) if row else None
