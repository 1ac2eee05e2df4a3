"""View models (plain JSON-able dicts) for the web pages and the reports.

Each page renders one of these; ``?format=json`` returns it as is (the page's JSON twin).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from parallax.export.graph import build_graph, graph_json
from parallax.model import Alignment, Quote
from parallax.web.facts import DossierIndex, outlet_name, within

PALETTE_SIZE = 8  # outlet colours: CSS classes o0..o7
RELATION_ORDER = {"conflict": 0, "agree": 1, "same": 2, "only-here": 3}


def index_view(index: DossierIndex) -> dict:
    d = index.dossier
    stories = []
    for s in d.stories:
        docs = index.story_docs(s.id)
        stories.append({"id": s.id, "title": s.title, "start": s.start, "end": s.end, "docs": len(docs),
                        "outlets": sorted({outlet_name(x) for x in docs}), "url": f"/story/{s.id}"})
    documents = [{"id": x.id, "title": x.title or x.source, "outlet": x.outlet, "published": x.published,
                  "stories": [{"id": s, "title": index.stories[s].title, "url": f"/story/{s}"}
                              for s in index.stories_of_doc.get(x.id, [])], "url": f"/doc/{x.id}"} for x in d.documents]
    return {
        "counts": {"documents": len(d.documents), "stories": len(d.stories), "entities": len(d.entities),
                   "quotes": len(d.quotes), "numbers": len(d.numbers), "events": len(d.events),
                   "alignments": len(d.alignments), "screening_hits": len(d.screening)},
        "stories": stories,
        "documents": documents,
    }


def story_view(index: DossierIndex, story_id: str, max_nodes: int = 30) -> dict:
    """Everything the story page and the briefing show; KeyError for an unknown story."""
    story = index.stories[story_id]
    docs = index.story_docs(story_id)
    doc_ids = {x.id for x in docs}
    colour = {x.id: i % PALETTE_SIZE for i, x in enumerate(docs)}
    sources = [{"id": x.id, "outlet": outlet_name(x), "title": x.title or x.source, "published": x.published,
                "colour": colour[x.id], "url": f"/doc/{x.id}"} for x in docs]
    source_of = {s["id"]: s for s in sources}

    def fact(doc: str, start: int, end: int, sentence=None, **extra) -> dict:
        p = index.provenance(doc, start, end, sentence)
        p["colour"] = colour.get(doc, 0)
        p["outlet"] = source_of[doc]["outlet"] if doc in source_of else p["outlet"]
        p.update(extra)
        return p

    timeline = [fact(e.doc, e.start, e.end, e.sentence, id=e.id, date=e.date, date_text=e.date_text,
                     description=e.text)
                for e in sorted(within(index.dossier.events, doc_ids), key=lambda e: (e.date, e.doc, e.start))]
    numbers = [fact(n.doc, n.start, n.end, n.sentence, id=n.id, value=n.value, unit=n.unit, about=n.about,
                    qualifier=n.qualifier, time=n.time)
               for n in sorted(within(index.dossier.numbers, doc_ids), key=lambda n: (n.doc, n.start))]
    graph = graph_json(build_graph(index, story_id), max_nodes=max_nodes)
    return {
        "story": {"id": story.id, "title": story.title, "start": story.start, "end": story.end},
        "sources": sources,
        "timeline": timeline,
        "graph": graph,
        "speakers": _speakers(index, within(index.dossier.quotes, doc_ids), fact),
        "comparison": _comparison(index, story_id, sources, fact),
        "numbers": numbers,
    }


def _speakers(index: DossierIndex, quotes: list[Quote], fact) -> list[dict]:
    groups: dict[str, dict] = {}
    for q in sorted(quotes, key=lambda q: (q.doc, q.start)):
        sp = q.speaker
        entity = index.entity_for(sp.entity) if sp else None
        key = entity.id if entity else (sp.name.casefold() if sp else "")
        g = groups.get(key)
        if g is None:
            roles = entity.roles if entity else []
            g = groups[key] = {
                "entity": entity.id if entity else None,
                "name": entity.name if entity else (sp.name if sp else "Unattributed"),
                "type": entity.type if entity else None,
                "role": (sp.role if sp else None) or next((r.role for r in roles if r.role), None),
                "organization": (sp.organization if sp else None)
                or next((r.organization for r in roles if r.organization), None),
                "screening": (sp.screening if sp else None) or index.screening_status(entity.id if entity else None),
                "quotes": [],
            }
        g["quotes"].append(fact(q.doc, q.start, q.end, q.sentence, id=q.id, kind=q.kind, cue=q.cue,
                                quote=q.text))
    ordered = sorted(groups.values(), key=lambda g: (g["name"] == "Unattributed", -len(g["quotes"]), g["name"]))
    for g in ordered:
        g["outlets"] = sorted({q["outlet"] for q in g["quotes"]})
    return ordered


def _comparison(index: DossierIndex, story_id: str, sources: list[dict], fact) -> dict:
    rows = []
    aligns: list[Alignment] = [a for a in index.dossier.alignments if a.story == story_id]
    for a in sorted(aligns, key=lambda a: (RELATION_ORDER.get(a.relation, 9), -a.score, a.a.doc, a.a.start)):
        cells = {}
        for ref in (a.a, a.b):
            if ref is not None:
                cells[ref.doc] = fact(ref.doc, ref.start, ref.end, None, kind=ref.kind, ref_id=ref.ref_id,
                                      statement=ref.text)
        figures = a.relation == "conflict" and any(c["kind"] == "number" for c in cells.values())
        rows.append({"id": a.id, "relation": a.relation, "score": round(a.score, 3), "cells": cells,
                     "conflicting_figures": figures, "features": a.features,
                     "only_in": cells[a.a.doc]["outlet"] if a.relation == "only-here" else None})
    counts = Counter(r["relation"] for r in rows)
    per_source = defaultdict(int)
    for r in rows:
        if r["relation"] == "only-here":
            for d in r["cells"]:
                per_source[d] += 1
    return {"columns": sources, "rows": rows, "counts": dict(counts),
            "only_here": {s["id"]: per_source.get(s["id"], 0) for s in sources}}
