"""Filtered, paginated reads for the REST API. Each ``query_*`` returns ``(items, total)``,
where ``total`` counts every match regardless of ``limit``/``offset``; every order ends in a
unique key, so pages are stable. The other reads fetch what one page or one story needs by
key (documents, sentences, memberships, hits), never a whole table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Literal, TypeVar

from sqlalchemy import Connection, ColumnElement, Select, Table, Text, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

from parallax.model import (
    Alignment,
    Claim,
    Document,
    Entity,
    Event,
    NumberClaim,
    Quote,
    ScreeningHit,
    Sentence,
    Story,
)
from parallax.store import schema as t

T = TypeVar("T")
KEYS_PER_QUERY = 500  # ids per IN (...): under every backend's bound-parameter limit


class fold(GenericFunction):
    """Case folding in SQL: Python's str.casefold in SQLite (whose lower() folds ASCII only;
    registered on connect in engine.py), lower() elsewhere."""

    type = Text()
    inherit_cache = True


@compiles(fold)
def _fold_default(element, compiler, **kw) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(fold, "sqlite")
def _fold_sqlite(element, compiler, **kw) -> str:
    return f"parallax_fold({compiler.process(element.clauses, **kw)})"


def _contains(column, needle: str) -> ColumnElement[bool]:
    """Case-insensitive substring match with LIKE wildcards in the needle taken literally."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return fold(column).like(fold(literal(f"%{escaped}%")), escape="\\")


def _chunks(keys: Iterable[str]) -> Iterable[list[str]]:
    keys = list(dict.fromkeys(keys))
    for i in range(0, len(keys), KEYS_PER_QUERY):
        yield keys[i:i + KEYS_PER_QUERY]


def _on_or_after(column, date_from: str) -> ColumnElement[bool]:
    """ISO dates of any precision: compared at the coarser of the two, so "2024-05" is on or
    after "2024-05-20" (the month overlaps) and "2024-05-03T10:00" is on "2024-05-03"."""
    return func.substr(literal(date_from), 1, func.length(column)) <= column


def _on_or_before(column, date_to: str) -> ColumnElement[bool]:
    return func.substr(column, 1, len(date_to)) <= date_to


def _in_story(doc_column, story: str) -> ColumnElement[bool]:
    return doc_column.in_(select(t.story_docs.c.doc_id).where(t.story_docs.c.story_id == story))


def _resolves_to(column, entity_id: str) -> ColumnElement[bool]:
    """``column`` holds a per-document entity id that resolution merged into ``entity_id`` (or is it)."""
    members = select(t.entity_members.c.doc_entity_id).where(t.entity_members.c.entity_id == entity_id)
    return or_(column == entity_id, column.in_(members))


def _story_entity_ids(story: str) -> Select:
    """Resolved entities with a member mentioned in one of the story's documents."""
    m, de = t.entity_members, t.doc_entities
    return (select(m.c.entity_id).join(de, de.c.id == m.c.doc_entity_id)
            .where(_in_story(de.c.doc_id, story)))


def _as_exported(e: Entity) -> Entity:
    """A per-document entity served when no corpus run resolved any (as export.json.finalize does)."""
    return e if e.members else e.model_copy(update={"members": [e.id]})


class QueryMixin:
    _read: Callable[[], AbstractContextManager[Connection]]
    _counts: dict[str, tuple[int, int]]  # table -> (store revision, row count)

    def _page(self, stmt: Select, build: Callable[[object], T], limit: int, offset: int) -> tuple[list[T], int]:
        with self._read() as conn:
            froms = stmt.get_final_froms()
            if stmt.whereclause is None and len(froms) == 1 and isinstance(froms[0], Table):
                total = self._table_count(conn, froms[0])  # unfiltered: a cached count, not a scan per page
            else:
                total = conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
            rows = conn.execute(stmt.limit(max(0, limit)).offset(max(0, offset))).all()
        return [build(r) for r in rows], total

    def _table_count(self, conn: Connection, table: Table) -> int:
        """COUNT(*) of a table, remembered until the store's revision changes (counting scans the
        table; millions of rows take a while, and an unfiltered page needs only this)."""
        cache = self._counts
        revision = conn.execute(select(t.store_meta.c.value).where(t.store_meta.c.key == "revision")).scalar_one()
        hit = cache.get(table.name)
        if hit is not None and hit[0] == revision:
            return hit[1]
        n = conn.execute(select(func.count()).select_from(table)).scalar_one()
        cache[table.name] = (revision, n)
        return n

    def _all(self, stmt: Select, build: Callable[[object], T]) -> list[T]:
        with self._read() as conn:
            return [build(r) for r in conn.execute(stmt)]

    def _by_keys(self, column, keys: Iterable[str], columns: Sequence, order: Sequence = ()) -> list:
        rows: list = []
        with self._read() as conn:
            for chunk in _chunks(keys):
                rows.extend(conn.execute(select(*columns).where(column.in_(chunk)).order_by(*order)))
        return rows

    # -- counts ----------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per collection, as the API's overview reports them (entities: the resolved ones,
        or the per-document ones before any corpus run)."""
        tables = {"documents": t.documents, "stories": t.stories, "entities": t.entities, "quotes": t.quotes,
                  "numbers": t.numbers, "events": t.events, "alignments": t.alignments, "screening": t.screening,
                  "claims": t.claims}
        with self._read() as conn:
            out = {k: self._table_count(conn, v) for k, v in tables.items()}
            if not out["entities"]:
                out["entities"] = self._table_count(conn, t.doc_entities)
        return out

    def has_resolved_entities(self) -> bool:
        with self._read() as conn:
            return self._has_corpus_entities(conn)

    # -- documents -------------------------------------------------------------------------------

    def _documents_stmt(self, columns, outlet: str | None, story: str | None) -> Select:
        d = t.documents
        stmt = select(*columns).order_by(d.c.seq)
        if outlet is not None:
            stmt = stmt.where(d.c.outlet_key == outlet.casefold())
        if story is not None:
            stmt = stmt.where(_in_story(d.c.id, story))
        return stmt

    def query_documents(self, outlet: str | None = None, story: str | None = None,
                        limit: int = 50, offset: int = 0) -> tuple[list[Document], int]:
        """Documents in ingestion order; ``outlet`` matches case-insensitively."""
        from parallax.store.store import row_to_document

        return self._page(self._documents_stmt([t.documents], outlet, story), row_to_document, limit, offset)

    def query_document_heads(self, outlet: str | None = None, story: str | None = None, limit: int = 50,
                             offset: int = 0) -> tuple[list[tuple[dict, int]], int]:
        """Like query_documents without the texts: (the Document dump minus ``text``, text length)."""
        d = t.documents
        stmt = self._documents_stmt([d.c.data, func.length(d.c.text).label("length")], outlet, story)
        return self._page(stmt, lambda r: (dict(r.data), r.length), limit, offset)

    def documents_by_id(self, ids: Iterable[str]) -> dict[str, Document]:
        from parallax.store.store import row_to_document

        return {r.id: row_to_document(r) for r in self._by_keys(t.documents.c.id, ids, [t.documents])}

    def sentences_by_doc(self, ids: Iterable[str]) -> dict[str, list[Sentence]]:
        s = t.sentences
        out: dict[str, list[Sentence]] = defaultdict(list)
        for r in self._by_keys(s.c.doc_id, ids, [s], [s.c.doc_id, s.c.idx]):
            out[r.doc_id].append(Sentence(doc=r.doc_id, start=r.start, end=r.end))
        return out

    def stories_by_doc(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """Story ids of each document, in story order."""
        sd, st = t.story_docs, t.stories
        out: dict[str, list[str]] = defaultdict(list)
        with self._read() as conn:
            for chunk in _chunks(ids):
                stmt = (select(sd.c.doc_id, sd.c.story_id).join(st, st.c.id == sd.c.story_id)
                        .where(sd.c.doc_id.in_(chunk)).order_by(st.c.idx))
                for r in conn.execute(stmt):
                    out[r.doc_id].append(r.story_id)
        return out

    def story_outlets(self, story_ids: Iterable[str]) -> dict[str, tuple[int, set[str]]]:
        """Per story: how many of its documents are stored, and the outlets they come from
        (``web.facts.outlet_name``: the outlet, else the web host or title). Grouped in SQL;
        only documents without an outlet are read one by one."""
        from parallax.web.facts import outlet_name

        sd, d = t.story_docs, t.documents
        out: dict[str, tuple[int, set[str]]] = {}
        with self._read() as conn:
            for chunk in _chunks(story_ids):
                join = sd.join(d, d.c.id == sd.c.doc_id)
                grouped = (select(sd.c.story_id, d.c.outlet, func.count().label("n")).select_from(join)
                           .where(sd.c.story_id.in_(chunk)).group_by(sd.c.story_id, d.c.outlet))
                unnamed = []
                for r in conn.execute(grouped):
                    n, outlets = out.get(r.story_id, (0, set()))
                    if r.outlet is not None:
                        outlets.add(r.outlet)
                    else:
                        unnamed.append(r.story_id)
                    out[r.story_id] = (n + r.n, outlets)
                if unnamed:
                    rows = conn.execute(select(sd.c.story_id, d.c.id, d.c.source, d.c.title).select_from(join)
                                        .where(sd.c.story_id.in_(unnamed), d.c.outlet.is_(None)))
                    for r in rows:
                        out[r.story_id][1].add(outlet_name(Document(id=r.id, source=r.source, title=r.title, text="")))
        return out

    # -- stories ---------------------------------------------------------------------------------

    def query_stories(self, limit: int = 50, offset: int = 0) -> tuple[list[Story], int]:
        stmt = select(t.stories.c.data).order_by(t.stories.c.idx)
        return self._page(stmt, lambda r: Story.model_validate(r.data), limit, offset)

    def stories_by_id(self, ids: Iterable[str]) -> dict[str, Story]:
        rows = self._by_keys(t.stories.c.id, ids, [t.stories.c.id, t.stories.c.data])
        return {r.id: Story.model_validate(r.data) for r in rows}

    # -- entities --------------------------------------------------------------------------------

    def _has_corpus_entities(self, conn: Connection) -> bool:
        return conn.execute(select(t.entities.c.id).limit(1)).first() is not None

    def query_entities(self, type: str | None = None, q: str | None = None, story: str | None = None,
                       limit: int = 50, offset: int = 0,
                       order: Literal["mentions", "stored"] = "mentions") -> tuple[list[Entity], int]:
        """Resolved entities (most mentioned first, or in saved order); before any corpus run, the
        per-document ones in document order, as exported (``members`` = themselves). ``q`` is a
        case-insensitive substring of the name (or, for resolved ones, an alias); ``type`` matches
        in any case; ``story``: entities mentioned in the story's documents."""
        with self._read() as conn:
            resolved = self._has_corpus_entities(conn)
        if resolved:
            e = t.entities
            stmt = select(e.c.data).order_by(*((e.c.idx,) if order == "stored"  # idx: unique, indexed
                                                else (e.c.mention_count.desc(), e.c.name, e.c.id)))
            if q:
                stmt = stmt.where(or_(_contains(e.c.name, q), _contains(e.c.aliases, q)))
            if story is not None:
                stmt = stmt.where(e.c.id.in_(_story_entity_ids(story)))
            build = lambda r: Entity.model_validate(r.data)  # noqa: E731
        else:
            e = t.doc_entities
            stmt = select(e.c.data).order_by(e.c.doc_seq, e.c.idx)
            if q:
                stmt = stmt.where(_contains(e.c.name, q))
            if story is not None:
                stmt = stmt.where(_in_story(e.c.doc_id, story))
            build = lambda r: _as_exported(Entity.model_validate(r.data))  # noqa: E731
        if type is not None:
            stmt = stmt.where(e.c.type.in_({type, type.upper()}))
        return self._page(stmt, build, limit, offset)

    def story_entities(self, story: str) -> list[Entity]:
        """Every entity mentioned in a story's documents (as query_entities(story=...) lists them)."""
        return self.query_entities(story=story, limit=2**62, order="stored")[0]

    def entity(self, id: str) -> Entity | None:
        """A resolved entity, or a per-document one by its id."""
        with self._read() as conn:
            for table in (t.entities, t.doc_entities):
                row = conn.execute(select(table.c.data).where(table.c.id == id)).first()
                if row:
                    return Entity.model_validate(row.data)
        return None

    def resolve_entity(self, ref: str) -> Entity | None:
        """What the API serves for an entity id: the resolved entity with that id or with that
        per-document member; before any corpus run, the per-document entity (as exported)."""
        e, m = t.entities, t.entity_members
        with self._read() as conn:
            if not self._has_corpus_entities(conn):
                row = conn.execute(select(t.doc_entities.c.data).where(t.doc_entities.c.id == ref)).first()
                return _as_exported(Entity.model_validate(row.data)) if row else None
            row = conn.execute(select(e.c.data).where(e.c.id == ref)).first() or conn.execute(
                select(e.c.data).join(m, m.c.entity_id == e.c.id).where(m.c.doc_entity_id == ref)
                .order_by(e.c.idx).limit(1)).first()
        return Entity.model_validate(row.data) if row else None

    def entities_by_id(self, ids: Iterable[str]) -> dict[str, Entity]:
        """Entities as the API serves them (resolved ones, or per-document ones before any corpus run)."""
        with self._read() as conn:
            resolved = self._has_corpus_entities(conn)
        table = t.entities if resolved else t.doc_entities
        rows = self._by_keys(table.c.id, ids, [table.c.id, table.c.data])
        return {r.id: _as_exported(Entity.model_validate(r.data)) if not resolved else Entity.model_validate(r.data)
                for r in rows}

    def resolved_ids(self, doc_entity_ids: Iterable[str]) -> dict[str, str]:
        """Per-document entity id -> the resolved entity it was merged into (those that were)."""
        m = t.entity_members
        return {r.doc_entity_id: r.entity_id
                for r in self._by_keys(m.c.doc_entity_id, doc_entity_ids, [m.c.doc_entity_id, m.c.entity_id])}

    # -- per-document facts ----------------------------------------------------------------------

    def _facts(self, table, doc: str | None, story: str | None) -> Select:
        """Facts in ingestion order, read along the (doc_seq, idx) index."""
        stmt = select(table.c.data).order_by(table.c.doc_seq, table.c.idx)
        if doc is not None:
            stmt = stmt.where(table.c.doc_id == doc)
        if story is not None:
            stmt = stmt.where(_in_story(table.c.doc_id, story))
        return stmt

    def query_quotes(self, speaker: str | None = None, doc: str | None = None, story: str | None = None,
                     kind: str | None = None, date_from: str | None = None, date_to: str | None = None,
                     limit: int = 50, offset: int = 0, *, speaker_entity: str | None = None,
                     speaker_name: str | None = None) -> tuple[list[Quote], int]:
        """``speaker``: a resolved entity id (matches quotes by any of its member entities), a
        per-document entity id, or a case-insensitive substring of the speaker's name.
        ``speaker_entity`` (quotes whose speaker resolved into this entity) and ``speaker_name``
        (a substring of the name) match either. Dates filter on the document's publication
        date. Quotes are returned as stored (speaker.entity is the per-document entity id)."""
        q = t.quotes
        stmt = self._facts(q, doc, story)
        if speaker:
            members = select(t.entity_members.c.doc_entity_id).where(t.entity_members.c.entity_id == speaker)
            stmt = stmt.where(or_(q.c.speaker_entity == speaker, q.c.speaker_entity.in_(members),
                                  _contains(q.c.speaker_name, speaker)))
        either = []
        if speaker_entity is not None:
            either.append(_resolves_to(q.c.speaker_entity, speaker_entity))
        if speaker_name is not None:
            either.append(_contains(q.c.speaker_name, speaker_name))
        if either:
            stmt = stmt.where(or_(*either))
        if kind is not None:
            stmt = stmt.where(q.c.kind == kind)
        if date_from or date_to:
            stmt = stmt.join(t.documents, t.documents.c.id == q.c.doc_id)
        if date_from:
            stmt = stmt.where(_on_or_after(t.documents.c.published, date_from))
        if date_to:
            stmt = stmt.where(_on_or_before(t.documents.c.published, date_to))
        return self._page(stmt, lambda r: Quote.model_validate(r.data), limit, offset)

    def query_claims(self, doc: str | None = None, story: str | None = None, voice: str | None = None,
                     limit: int = 50, offset: int = 0) -> tuple[list[Claim], int]:
        """Claims in text order; ``voice`` "outlet" (the outlet's own words) or "quoted" (quoted or
        reported speech)."""
        c = t.claims
        stmt = self._facts(c, doc, story)
        if voice == "outlet":
            stmt = stmt.where(c.c.quote_id.is_(None))
        elif voice == "quoted":
            stmt = stmt.where(c.c.quote_id.is_not(None))
        return self._page(stmt, lambda r: Claim.model_validate(r.data), limit, offset)

    def query_numbers(self, doc: str | None = None, story: str | None = None,
                      limit: int = 50, offset: int = 0) -> tuple[list[NumberClaim], int]:
        stmt = self._facts(t.numbers, doc, story)
        return self._page(stmt, lambda r: NumberClaim.model_validate(r.data), limit, offset)

    def query_events(self, doc: str | None = None, story: str | None = None, date_from: str | None = None,
                     date_to: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[Event], int]:
        """Dated events in date order (then document id and offset, as the timeline shows them);
        a date range keeps events whose date overlaps it."""
        ev = t.events
        stmt = self._facts(ev, doc, story).order_by(None).order_by(ev.c.date, ev.c.doc_id, ev.c.start, ev.c.idx)
        if date_from:
            stmt = stmt.where(_on_or_after(ev.c.date, date_from))
        if date_to:
            stmt = stmt.where(_on_or_before(ev.c.date, date_to))
        return self._page(stmt, lambda r: Event.model_validate(r.data), limit, offset)

    def story_facts(self, story: str) -> tuple[list[Quote], list[NumberClaim], list[Event]]:
        """Every quote, figure and event of a story's documents, in document order."""
        return (self._all(self._facts(t.quotes, None, story), lambda r: Quote.model_validate(r.data)),
                self._all(self._facts(t.numbers, None, story), lambda r: NumberClaim.model_validate(r.data)),
                self._all(self._facts(t.events, None, story), lambda r: Event.model_validate(r.data)))

    def doc_facts(self, doc: str) -> tuple[list[Quote], list[NumberClaim], list[Event]]:
        return (self._all(self._facts(t.quotes, doc, None), lambda r: Quote.model_validate(r.data)),
                self._all(self._facts(t.numbers, doc, None), lambda r: NumberClaim.model_validate(r.data)),
                self._all(self._facts(t.events, doc, None), lambda r: Event.model_validate(r.data)))

    # -- corpus-level results --------------------------------------------------------------------

    def query_alignments(self, story: str | None = None, relation: str | None = None, doc: str | None = None,
                         limit: int = 50, offset: int = 0) -> tuple[list[Alignment], int]:
        a = t.alignments
        stmt = select(a.c.data).order_by(a.c.idx)  # idx: the saved position, unique
        if story is not None:
            stmt = stmt.where(a.c.story_id == story)
        if relation is not None:
            stmt = stmt.where(a.c.relation == relation)
        if doc is not None:
            stmt = stmt.where(or_(a.c.a_doc == doc, a.c.b_doc == doc))
        return self._page(stmt, lambda r: Alignment.model_validate(r.data), limit, offset)

    def story_alignments(self, story: str) -> list[Alignment]:
        a = t.alignments
        stmt = select(a.c.data).where(a.c.story_id == story).order_by(a.c.idx)
        return self._all(stmt, lambda r: Alignment.model_validate(r.data))

    def query_screening(self, entity: str | None = None, list: str | None = None,
                        limit: int = 50, offset: int = 0, *, resolved_entity: str | None = None,
                        order: Literal["score", "stored"] = "score") -> tuple[list[ScreeningHit], int]:
        """Hits, best score first (or in saved order). ``resolved_entity``: hits on that entity
        or on any per-document entity merged into it."""
        s = t.screening
        stmt = select(s.c.data).order_by(*((s.c.id,) if order == "stored" else (s.c.score.desc(), s.c.id)))
        if entity is not None:
            stmt = stmt.where(s.c.entity_id == entity)
        if resolved_entity is not None:
            stmt = stmt.where(_resolves_to(s.c.entity_id, resolved_entity))
        if list is not None:
            stmt = stmt.where(s.c.list_name == list)
        return self._page(stmt, lambda r: ScreeningHit.model_validate(r.data), limit, offset)

    def hits_on(self, entity_ids: Iterable[str]) -> list[ScreeningHit]:
        """Screening hits whose entity is one of these ids, in saved order."""
        s = t.screening
        rows = self._by_keys(s.c.entity_id, entity_ids, [s.c.id, s.c.data], [s.c.id])
        return [ScreeningHit.model_validate(r.data) for r in sorted(rows, key=lambda r: r.id)]

    def stories(self) -> list[Story]:
        with self._read() as conn:
            return [Story.model_validate(r.data)
                    for r in conn.execute(select(t.stories.c.data).order_by(t.stories.c.idx))]

    def story(self, id: str) -> Story | None:
        with self._read() as conn:
            row = conn.execute(select(t.stories.c.data).where(t.stories.c.id == id)).first()
        return Story.model_validate(row.data) if row else None
