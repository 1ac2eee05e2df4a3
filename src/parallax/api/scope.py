"""DossierIndex objects over the part of the store one request needs, never the whole dossier.

The views (story page, graph, provenance) read a DossierIndex; these build one from indexed
queries: the documents a page of items points into, one story's rows, one document's facts.
"""

from __future__ import annotations

from collections.abc import Iterable

from parallax.export.json import finalize
from parallax.model import Dossier, Entity, Quote
from parallax.web.facts import DossierIndex


def page_index(store, doc_ids: Iterable[str], screened: bool, entities: list[Entity] = (),
               hits=()) -> DossierIndex:
    """The documents (text and sentences) a page of facts points into, for provenance; with
    ``entities`` and their ``hits``, also their screening status."""
    ids = list(dict.fromkeys(doc_ids))
    docs = store.documents_by_id(ids)
    dossier = Dossier(documents=[docs[i] for i in ids if i in docs], entities=list(entities), screening=list(hits))
    return DossierIndex(dossier, sentences=store.sentences_by_doc(ids), screened=screened)


def entity_index(store, entities: list[Entity], screened: bool, doc_ids: Iterable[str] = ()) -> DossierIndex:
    """Entities with their screening hits (hits on them or on their members) and some documents."""
    keys = [k for e in entities for k in (e.id, *e.members)]
    return page_index(store, doc_ids, screened, entities, store.hits_on(keys))


def story_index(store, story_id: str, screened: bool) -> DossierIndex | None:
    """One story's rows: its documents, the entities they mention, their facts, the story's
    alignments and the entities' hits; finalised as the export would be. None if no such story."""
    story = store.story(story_id)
    if story is None:
        return None
    docs = store.documents_by_id(story.docs)
    entities = store.story_entities(story_id)  # resolved, or per-document ones as exported
    quotes, numbers, events = store.story_facts(story_id)
    keys = [k for e in entities for k in (e.id, *e.members)]
    dossier = Dossier(documents=[docs[d] for d in story.docs if d in docs], entities=entities, quotes=quotes,
                      numbers=numbers, events=events, alignments=store.story_alignments(story_id),
                      screening=store.hits_on(keys), stories=[story])
    return DossierIndex(finalize(dossier, screened=screened), sentences=store.sentences_by_doc(story.docs),
                        screened=screened, stories_of_doc=store.stories_by_doc(story.docs))


def doc_index(store, doc_id: str, screened: bool) -> DossierIndex | None:
    """One document with its facts and the stories it belongs to. None if no such document."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    quotes, numbers, events = store.doc_facts(doc_id)
    stories_of = store.stories_by_doc([doc_id])
    stories = store.stories_by_id(stories_of.get(doc_id, []))
    dossier = Dossier(documents=[doc], quotes=quotes, numbers=numbers, events=events,
                      stories=[stories[s] for s in stories_of.get(doc_id, []) if s in stories])
    return DossierIndex(dossier, sentences=store.sentences_by_doc([doc_id]), screened=screened,
                        stories_of_doc=stories_of)


def finalize_quotes(store, quotes: list[Quote], screened: bool) -> list[Quote]:
    """Speakers pointed at resolved entities with their screening status, as export.json.finalize
    does for the whole dossier, looking up only this page's speakers."""
    raw = [q.speaker.entity for q in quotes if q.speaker is not None and q.speaker.entity]
    resolved = store.resolved_ids(raw)
    eids = {resolved.get(r, r) for r in raw}
    hit_ids = {h.entity for h in store.hits_on(eids)} if screened else set()
    out = []
    for q in quotes:
        sp = q.speaker
        if sp is not None:
            eid = resolved.get(sp.entity or "", sp.entity)
            status = ("hit" if eid in hit_ids else "clear") if eid is not None and screened else sp.screening
            q = q.model_copy(update={"speaker": sp.model_copy(update={"entity": eid, "screening": status})})
        out.append(q)
    return out
