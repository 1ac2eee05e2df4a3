"""JSON endpoints under /api/. Every list is paginated as {items, total, limit, offset};
every fact carries ``provenance``: document id, offsets, the sentence (offsets + text), a /doc link.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from parallax.api.repo import Repository
from parallax.export.graph import build_graph, graph_json
from parallax.model import Decision, Entity
from parallax.web.facts import DossierIndex, outlet_name
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


def get_index(request: Request) -> DossierIndex:
    return request.app.state.repo.index()


Index = Annotated[DossierIndex, Depends(get_index)]


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
    return {"items": items[offset:offset + limit], "total": len(items), "limit": limit, "offset": offset}


def not_found(kind: str, ident: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {kind} with id {ident!r}")


def _check_story(index: DossierIndex, story: str | None) -> set[str] | None:
    if story is not None and story not in index.stories:
        raise not_found("story", story)
    return index.docs_in(story)


def _date_lo(d: str) -> str:
    return d + {4: "-01-01", 7: "-01"}.get(len(d), "")


def _date_hi(d: str) -> str:
    return d + {4: "-12-31", 7: "-31"}.get(len(d), "")


def _in_range(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Whether a (possibly partial) date can fall in [date_from, date_to]; unknown dates never match a range."""
    if date_from is None and date_to is None:
        return True
    if not date:
        return False
    d = date[:10]
    return (date_from is None or _date_hi(d) >= _date_lo(date_from)) and \
           (date_to is None or _date_lo(d) <= _date_hi(date_to))


def _with_provenance(index: DossierIndex, item, **extra) -> dict:
    out = item.model_dump(mode="json")
    out["provenance"] = index.provenance(item.doc, item.start, item.end, getattr(item, "sentence", None))
    out.update(extra)
    return out


def _doc_summary(index: DossierIndex, d) -> dict:
    out = d.model_dump(mode="json", exclude={"text"})
    out.update(length=len(d.text), stories=index.stories_of_doc.get(d.id, []), url=f"/doc/{d.id}")
    return out


def _entity_summary(index: DossierIndex, e: Entity) -> dict:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases, "docs": e.docs,
            "mention_count": len(e.mentions), "members": e.members, "screening": index.screening_status(e.id)}


# -- overview -------------------------------------------------------------------------
@router.get("", summary="Counts and links to every collection")
def api_root(index: Index) -> dict:
    d = index.dossier
    return {
        "counts": {"documents": len(d.documents), "stories": len(d.stories), "entities": len(d.entities),
                   "quotes": len(d.quotes), "numbers": len(d.numbers), "events": len(d.events),
                   "alignments": len(d.alignments), "screening": len(d.screening)},
        "links": {k: f"/api/{k}" for k in ("documents", "stories", "entities", "quotes", "numbers", "events",
                                           "alignments", "screening", "decisions")},
    }


# -- documents ------------------------------------------------------------------------
@router.get("/documents", response_model=Page, summary="Documents (without text)")
def list_documents(index: Index, outlet: Filter = None, story: Filter = None, limit: Limit = 50,
                   offset: Offset = 0) -> dict:
    docs = _check_story(index, story)
    items = [_doc_summary(index, d) for d in index.dossier.documents
             if (docs is None or d.id in docs) and (outlet is None or (d.outlet or "").casefold() == outlet.casefold())]
    return page(items, limit, offset)


@router.get("/documents/{doc_id}", summary="One document with its full text")
def get_document(doc_id: ItemId, index: Index) -> dict:
    d = index.documents.get(doc_id)
    if d is None:
        raise not_found("document", doc_id)
    out = _doc_summary(index, d)
    out["text"] = d.text
    out["sentences"] = [{"start": s, "end": e} for s, e in index.sentences(d.id)]
    return out


# -- stories --------------------------------------------------------------------------
@router.get("/stories", response_model=Page, summary="Stories (groups of documents about one event)")
def list_stories(index: Index, limit: Limit = 50, offset: Offset = 0) -> dict:
    items = [{**s.model_dump(mode="json"), "outlets": sorted({outlet_name(d) for d in index.story_docs(s.id)}),
              "url": f"/story/{s.id}"} for s in index.dossier.stories]
    return page(items, limit, offset)


@router.get("/stories/{story_id}", summary="One story: documents, entities, timeline")
def get_story(story_id: ItemId, index: Index) -> dict:
    if story_id not in index.stories:
        raise not_found("story", story_id)
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
def get_story_graph(story_id: ItemId, index: Index) -> dict:
    if story_id not in index.stories:
        raise not_found("story", story_id)
    return graph_json(build_graph(index, story_id))


# -- entities -------------------------------------------------------------------------
@router.get("/entities", response_model=Page, summary="Resolved entities; filter by type and name")
def list_entities(index: Index, type: Filter = None, q: Filter = None, story: Filter = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict:
    _check_story(index, story)
    needle = q.casefold() if q else None
    items = [_entity_summary(index, e) for e in index.story_entities(story)
             if (type is None or e.type.casefold() == type.casefold())
             and (needle is None or needle in e.name.casefold() or any(needle in a.casefold() for a in e.aliases))]
    return page(items, limit, offset)


@router.get("/entities/{entity_id}", summary="One entity: mentions, roles, merge evidence, screening")
def get_entity(entity_id: ItemId, index: Index) -> dict:
    e = index.entity_for(entity_id)
    if e is None:
        raise not_found("entity", entity_id)
    out = e.model_dump(mode="json")
    out["mentions"] = [_with_provenance(index, m) for m in e.mentions]
    out["roles"] = [{**r.model_dump(mode="json"),
                     "provenance": index.provenance(r.doc, r.start, r.end) if r.start is not None and r.end is not None
                     else None} for r in e.roles]
    out["screening"] = {"status": index.screening_status(e.id),
                        "hits": [h.model_dump(mode="json") for h in index.hits_by_entity.get(e.id, [])]}
    out["quotes"] = sum(1 for x in index.dossier.quotes if x.speaker and x.speaker.entity == e.id)
    return out


# -- facts ----------------------------------------------------------------------------
@router.get("/quotes", response_model=Page, summary="Quotes; filter by speaker, story, document, kind, date")
def list_quotes(index: Index, speaker: Filter = None, story: Filter = None, doc: Filter = None,
                kind: Literal["direct", "partial", "reported"] | None = None, date_from: DateFrom = None,
                date_to: DateTo = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    docs = _check_story(index, story)
    speaker_entity = index.entity_for(speaker) if speaker else None
    needle = speaker.casefold() if speaker else None
    items = []
    for x in index.dossier.quotes:
        if (docs is not None and x.doc not in docs) or (doc is not None and x.doc != doc):
            continue
        if kind is not None and x.kind != kind:
            continue
        if needle is not None:
            sp = x.speaker
            if sp is None:
                continue
            by_entity = speaker_entity is not None and sp.entity == speaker_entity.id
            if not by_entity and needle not in sp.name.casefold():
                continue
        published = index.documents[x.doc].published if x.doc in index.documents else None
        if not _in_range(published, date_from, date_to):
            continue
        items.append(_with_provenance(index, x))
    return page(items, limit, offset)


@router.get("/numbers", response_model=Page, summary="Numeric claims; filter by story and document")
def list_numbers(index: Index, story: Filter = None, doc: Filter = None, limit: Limit = 50,
                 offset: Offset = 0) -> dict:
    docs = _check_story(index, story)
    items = [_with_provenance(index, x) for x in index.dossier.numbers
             if (docs is None or x.doc in docs) and (doc is None or x.doc == doc)]
    return page(items, limit, offset)


@router.get("/events", response_model=Page, summary="Dated events ordered by date (the timeline)")
def list_events(index: Index, story: Filter = None, doc: Filter = None, date_from: DateFrom = None,
                date_to: DateTo = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    docs = _check_story(index, story)
    evs = sorted(index.dossier.events, key=lambda e: (e.date, e.doc, e.start))
    items = [_with_provenance(index, x) for x in evs
             if (docs is None or x.doc in docs) and (doc is None or x.doc == doc)
             and _in_range(x.date, date_from, date_to)]
    return page(items, limit, offset)


@router.get("/stories/{story_id}/timeline", response_model=Page, summary="A story's timeline")
def story_timeline(story_id: ItemId, index: Index, limit: Limit = 500, offset: Offset = 0) -> dict:
    if story_id not in index.stories:
        raise not_found("story", story_id)
    return page(story_view(index, story_id)["timeline"], limit, offset)


@router.get("/alignments", response_model=Page, summary="What sources say in common or in conflict")
def list_alignments(index: Index, story: Filter = None,
                    relation: Literal["same", "agree", "conflict", "only-here"] | None = None,
                    limit: Limit = 50, offset: Offset = 0) -> dict:
    _check_story(index, story)
    items = []
    for a in index.dossier.alignments:
        if (story is not None and a.story != story) or (relation is not None and a.relation != relation):
            continue
        out = a.model_dump(mode="json")
        for end in ("a", "b"):
            ref = getattr(a, end)
            if ref is not None:
                out[end]["provenance"] = index.provenance(ref.doc, ref.start, ref.end)
        out["provenance"] = out["a"]["provenance"]
        items.append(out)
    return page(items, limit, offset)


@router.get("/screening", response_model=Page, summary="Sanctions screening hits")
def list_screening(index: Index, entity: Filter = None,
                   list_name: Annotated[str | None, Query(alias="list", max_length=300)] = None,
                   limit: Limit = 50, offset: Offset = 0) -> dict:
    target = index.entity_for(entity) if entity else None
    if entity is not None and target is None:
        raise not_found("entity", entity)
    items = []
    for h in index.dossier.screening:
        eid = index.member_of.get(h.entity, h.entity)
        if (target is not None and eid != target.id) or (list_name is not None and h.list != list_name):
            continue
        ent = index.entities.get(eid)
        items.append({**h.model_dump(mode="json"), "entity_name": ent.name if ent else None,
                      "provenance": index.provenance(ent.mentions[0].doc, ent.mentions[0].start, ent.mentions[0].end)
                      if ent and ent.mentions else None})
    return page(items, limit, offset)


# -- analyst decisions ----------------------------------------------------------------
@router.get("/decisions", response_model=Page, summary="Analyst merge/split decisions")
def list_decisions(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict:
    repo: Repository = get_repo(request)
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
