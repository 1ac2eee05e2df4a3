"""JSON endpoints under /api/. Every list is paginated as {items, total, limit, offset} and cut
by the store's indexed queries (stable order, bounded pages); every fact carries ``provenance``:
document id, offsets, the sentence (offsets + text), a /doc link.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from parallax.api.repo import Repository
from parallax.api.scope import entity_index, finalize_quotes, page_index, story_index
from parallax.export.graph import build_graph, graph_json
from parallax.model import Decision, Document, Dossier, Entity
from parallax.web.facts import DossierIndex
from parallax.web.views import story_view

MAX_LIMIT = 500
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size (1-{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Items to skip.")]
DateFrom = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
DateTo = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
Filter = Annotated[str | None, Query(max_length=300)]
ItemId = Annotated[str, Path(max_length=300)]


def get_repo(request: Request) -> Repository:
    return request.app.state.repo


Repo = Annotated[Repository, Depends(get_repo)]


class Page(BaseModel):
    items: list[dict]
    total: int
    limit: int
    offset: int


class DecisionIn(BaseModel):
    """Confirm (merge) or split two entities; the next `parallax analyze` run applies it."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["merge", "split"]
    a: str = Field(min_length=1, max_length=500, description="Entity id or name")
    b: str = Field(min_length=1, max_length=500, description="Entity id or name")
    note: str | None = Field(default=None, max_length=2000)


def page(items: list, limit: int, offset: int) -> dict:
    """A page of an in-memory list (decisions, one story's timeline)."""
    return {"items": items[offset:offset + limit], "total": len(items), "limit": limit, "offset": offset}


def paged(items: list, total: int, limit: int, offset: int) -> dict:
    """A page the store already cut (``Store.query_*``)."""
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def not_found(kind: str, ident: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {kind} with id {ident!r}")


def _check_story(repo: Repository, story: str | None) -> None:
    if story is not None and repo.store.story(story) is None:
        raise not_found("story", story)


def _story(repo: Repository, story_id: str) -> DossierIndex:
    index = story_index(repo.store, story_id, repo.screened)
    if index is None:
        raise not_found("story", story_id)
    return index


def _with_provenance(index: DossierIndex, item, **extra) -> dict:
    out = item.model_dump(mode="json")
    out["provenance"] = index.provenance(item.doc, item.start, item.end, getattr(item, "sentence", None))
    out.update(extra)
    return out


def _facts_page(repo: Repository, items: list, total: int, limit: int, offset: int) -> dict:
    index = page_index(repo.store, [x.doc for x in items], repo.screened)
    return paged([_with_provenance(index, x) for x in items], total, limit, offset)


def _doc_summary(index: DossierIndex, d) -> dict:
    out = d.model_dump(mode="json", exclude={"text"})
    out.update(length=len(d.text), stories=index.stories_of_doc.get(d.id, []), url=f"/doc/{d.id}")
    return out


def _entity_summary(index: DossierIndex, e: Entity) -> dict:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases, "docs": e.docs,
            "mention_count": len(e.mentions), "members": e.members, "screening": index.screening_status(e.id)}


# -- overview -------------------------------------------------------------------------
@router.get("", summary="Counts and links to every collection")
def api_root(repo: Repo) -> dict:
    return {
        "counts": repo.counts(),
        "links": {k: f"/api/{k}" for k in ("documents", "stories", "entities", "quotes", "claims", "numbers",
                                           "events", "alignments", "screening", "decisions")},
    }


# -- documents ------------------------------------------------------------------------
@router.get("/documents", response_model=Page, summary="Documents (without text)")
def list_documents(repo: Repo, outlet: Filter = None, story: Filter = None, limit: Limit = 50,
                   offset: Offset = 0) -> dict:
    _check_story(repo, story)
    heads, total = repo.store.query_document_heads(outlet, story, limit, offset)
    stories_of = repo.store.stories_by_doc([h["id"] for h, _n in heads])
    items = []
    for data, length in heads:
        d = Document.model_validate({**data, "text": ""})
        items.append({**d.model_dump(mode="json", exclude={"text"}), "length": length,
                      "stories": stories_of.get(d.id, []), "url": f"/doc/{d.id}"})
    return paged(items, total, limit, offset)


@router.get("/documents/{doc_id}", summary="One document with its full text")
def get_document(doc_id: ItemId, repo: Repo) -> dict:
    store = repo.store
    d = store.document(doc_id)
    if d is None:
        raise not_found("document", doc_id)
    index = DossierIndex(Dossier(documents=[d]), sentences=store.sentences_by_doc([doc_id]),
                         stories_of_doc=store.stories_by_doc([doc_id]))
    out = _doc_summary(index, d)
    out["text"] = d.text
    out["sentences"] = [{"start": s, "end": e} for s, e in index.sentences(d.id)]
    return out


# -- stories --------------------------------------------------------------------------
@router.get("/stories", response_model=Page, summary="Stories (groups of documents about one event)")
def list_stories(repo: Repo, limit: Limit = 50, offset: Offset = 0) -> dict:
    stories, total = repo.store.query_stories(limit, offset)
    sources = repo.store.story_outlets([s.id for s in stories])
    items = [{**s.model_dump(mode="json"), "outlets": sorted(sources.get(s.id, (0, set()))[1]),
              "url": f"/story/{s.id}"} for s in stories]
    return paged(items, total, limit, offset)


@router.get("/stories/{story_id}", summary="One story: documents, entities, timeline")
def get_story(story_id: ItemId, repo: Repo) -> dict:
    index = _story(repo, story_id)
    view = story_view(index, story_id)
    story = index.stories[story_id]
    return {
        **story.model_dump(mode="json"),
        "documents": [_doc_summary(index, d) for d in index.story_docs(story_id)],
        "entities": [_entity_summary(index, e) for e in index.story_entities(story_id)],
        "timeline": view["timeline"],
        "url": f"/story/{story_id}",
    }


@router.get("/stories/{story_id}/graph", summary="The story's entity graph (co-mention and said-about edges)")
def get_story_graph(story_id: ItemId, repo: Repo) -> dict:
    return graph_json(build_graph(_story(repo, story_id), story_id))


# -- entities -------------------------------------------------------------------------
@router.get("/entities", response_model=Page, summary="Resolved entities; filter by type and name")
def list_entities(repo: Repo, type: Filter = None, q: Filter = None, story: Filter = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict:
    _check_story(repo, story)
    ents, total = repo.store.query_entities(type=type, q=q or None, story=story, limit=limit, offset=offset,
                                            order="stored")
    index = entity_index(repo.store, ents, repo.screened)
    return paged([_entity_summary(index, e) for e in ents], total, limit, offset)


@router.get("/entities/{entity_id}", summary="One entity: mentions, roles, merge evidence, screening")
def get_entity(entity_id: ItemId, repo: Repo) -> dict:
    e = repo.store.resolve_entity(entity_id)
    if e is None:
        raise not_found("entity", entity_id)
    docs = [m.doc for m in e.mentions] + [r.doc for r in e.roles]
    index = entity_index(repo.store, [e], repo.screened, docs)
    out = e.model_dump(mode="json")
    out["mentions"] = [_with_provenance(index, m) for m in e.mentions]
    out["roles"] = [{**r.model_dump(mode="json"),
                     "provenance": index.provenance(r.doc, r.start, r.end) if r.start is not None and r.end is not None
                     else None} for r in e.roles]
    out["screening"] = {"status": index.screening_status(e.id),
                        "hits": [h.model_dump(mode="json") for h in index.hits_by_entity.get(e.id, [])]}
    out["quotes"] = repo.store.query_quotes(speaker_entity=e.id, limit=0)[1]
    return out


# -- facts ----------------------------------------------------------------------------
@router.get("/quotes", response_model=Page, summary="Quotes; filter by speaker, story, document, kind, date")
def list_quotes(repo: Repo, speaker: Filter = None, story: Filter = None, doc: Filter = None,
                kind: Literal["direct", "partial", "reported"] | None = None, date_from: DateFrom = None,
                date_to: DateTo = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    """``speaker``: an entity id (quotes by it or by anyone merged into it) or part of a name."""
    _check_story(repo, story)
    store = repo.store
    entity = store.resolve_entity(speaker) if speaker else None
    quotes, total = store.query_quotes(doc=doc, story=story, kind=kind, date_from=date_from, date_to=date_to,
                                       limit=limit, offset=offset, speaker_entity=entity.id if entity else None,
                                       speaker_name=speaker or None)
    return _facts_page(repo, finalize_quotes(store, quotes, repo.screened), total, limit, offset)


@router.get("/claims", response_model=Page, summary="Claims (asserted clauses); filter by story, document, voice")
def list_claims(repo: Repo, story: Filter = None, doc: Filter = None,
                voice: Literal["outlet", "quoted"] | None = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    """``voice``: "outlet" for the outlet's own words, "quoted" for quoted or reported speech."""
    _check_story(repo, story)
    store = repo.store
    claims, total = store.query_claims(doc=doc, story=story, voice=voice, limit=limit, offset=offset)
    return _facts_page(repo, finalize_quotes(store, claims, repo.screened), total, limit, offset)


@router.get("/numbers", response_model=Page, summary="Numeric claims; filter by story and document")
def list_numbers(repo: Repo, story: Filter = None, doc: Filter = None, limit: Limit = 50,
                 offset: Offset = 0) -> dict:
    _check_story(repo, story)
    numbers, total = repo.store.query_numbers(doc=doc, story=story, limit=limit, offset=offset)
    return _facts_page(repo, numbers, total, limit, offset)


@router.get("/events", response_model=Page, summary="Dated events ordered by date (the timeline)")
def list_events(repo: Repo, story: Filter = None, doc: Filter = None, date_from: DateFrom = None,
                date_to: DateTo = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    _check_story(repo, story)
    events, total = repo.store.query_events(doc=doc, story=story, date_from=date_from, date_to=date_to,
                                            limit=limit, offset=offset)
    return _facts_page(repo, events, total, limit, offset)


@router.get("/stories/{story_id}/timeline", response_model=Page, summary="A story's timeline")
def story_timeline(story_id: ItemId, repo: Repo, limit: Limit = 500, offset: Offset = 0) -> dict:
    return page(story_view(_story(repo, story_id), story_id)["timeline"], limit, offset)


@router.get("/alignments", response_model=Page, summary="What sources say in common or in conflict")
def list_alignments(repo: Repo, story: Filter = None,
                    relation: Literal["same", "agree", "conflict", "only-here"] | None = None,
                    limit: Limit = 50, offset: Offset = 0) -> dict:
    _check_story(repo, story)
    aligns, total = repo.store.query_alignments(story=story, relation=relation, limit=limit, offset=offset)
    index = page_index(repo.store, [r.doc for a in aligns for r in (a.a, a.b) if r is not None], repo.screened)
    items = []
    for a in aligns:
        out = a.model_dump(mode="json")
        for end in ("a", "b"):
            ref = getattr(a, end)
            if ref is not None:
                out[end]["provenance"] = index.provenance(ref.doc, ref.start, ref.end)
        out["provenance"] = out["a"]["provenance"]
        items.append(out)
    return paged(items, total, limit, offset)


@router.get("/screening", response_model=Page, summary="Sanctions screening hits")
def list_screening(repo: Repo, entity: Filter = None,
                   list_name: Annotated[str | None, Query(alias="list", max_length=300)] = None,
                   limit: Limit = 50, offset: Offset = 0) -> dict:
    store = repo.store
    target = store.resolve_entity(entity) if entity else None
    if entity is not None and target is None:
        raise not_found("entity", entity)
    hits, total = store.query_screening(list=list_name, limit=limit, offset=offset, order="stored",
                                        resolved_entity=target.id if target else None)
    resolved = store.resolved_ids([h.entity for h in hits])
    ents = store.entities_by_id({resolved.get(h.entity, h.entity) for h in hits})
    index = page_index(store, [e.mentions[0].doc for e in ents.values() if e.mentions], repo.screened)
    items = []
    for h in hits:
        ent = ents.get(resolved.get(h.entity, h.entity))
        items.append({**h.model_dump(mode="json"), "entity_name": ent.name if ent else None,
                      "provenance": index.provenance(ent.mentions[0].doc, ent.mentions[0].start, ent.mentions[0].end)
                      if ent and ent.mentions else None})
    return paged(items, total, limit, offset)


# -- analyst decisions ----------------------------------------------------------------
@router.get("/decisions", response_model=Page, summary="Analyst merge/split decisions")
def list_decisions(repo: Repo, limit: Limit = 50, offset: Offset = 0) -> dict:
    return page([d.model_dump(mode="json") for d in repo.decisions()], limit, offset)


def _writable(request: Request) -> Repository:
    if request.app.state.read_only:
        raise HTTPException(status_code=403, detail="the server runs read-only (--read-only)")
    return get_repo(request)


@router.post("/decisions", status_code=201, summary="Confirm (merge) or split entities; used by the next analyze")
def add_decision(body: DecisionIn, request: Request) -> dict:
    repo = _writable(request)
    decision = Decision(id="dec-" + uuid.uuid4().hex[:12], kind=body.kind, a=body.a.strip(), b=body.b.strip(),
                        note=body.note, created=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    repo.add_decision(decision)
    return decision.model_dump(mode="json")


@router.delete("/decisions/{decision_id}", status_code=204, summary="Withdraw a decision")
def delete_decision(decision_id: ItemId, request: Request) -> Response:
    repo = _writable(request)
    if not repo.delete_decision(decision_id):
        raise not_found("decision", decision_id)
    return Response(status_code=204)
