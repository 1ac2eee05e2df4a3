"""The home page's view: counts, then one page of stories and one page of documents.

Same shape as ``views.index_view`` (the report's overview of a whole dossier), read from the
store a page at a time, plus ``pages`` saying where each list is and how to move on.
"""

from __future__ import annotations

PAGE_SIZE = 100  # stories / documents per home page


def home_view(repo, stories_offset: int = 0, documents_offset: int = 0, size: int = PAGE_SIZE) -> dict:
    store = repo.store
    counts = repo.counts()
    stories, n_stories = store.query_stories(size, stories_offset)
    story_sources = store.story_outlets([s.id for s in stories])
    heads, n_docs = store.query_document_heads(limit=size, offset=documents_offset)
    doc_ids = [data["id"] for data, _n in heads]
    stories_of = store.stories_by_doc(doc_ids)
    titles = {s.id: s.title for s in store.stories_by_id({s for ids in stories_of.values() for s in ids}).values()}
    return {
        "counts": {"documents": counts["documents"], "stories": counts["stories"], "entities": counts["entities"],
                   "quotes": counts["quotes"], "numbers": counts["numbers"], "events": counts["events"],
                   "alignments": counts["alignments"], "screening_hits": counts["screening"]},
        "stories": [{"id": s.id, "title": s.title, "start": s.start, "end": s.end,
                     "docs": story_sources.get(s.id, (0, set()))[0],
                     "outlets": sorted(story_sources.get(s.id, (0, set()))[1]), "url": f"/story/{s.id}"}
                    for s in stories],
        "documents": [{"id": data["id"], "title": data.get("title") or data["source"], "outlet": data.get("outlet"),
                       "published": data.get("published"),
                       "stories": [{"id": s, "title": titles.get(s, s), "url": f"/story/{s}"}
                                   for s in stories_of.get(data["id"], [])],
                       "url": f"/doc/{data['id']}"} for data, _n in heads],
        "pages": {"stories": _pager("stories_offset", stories_offset, size, n_stories, documents_offset,
                                    "documents_offset"),
                  "documents": _pager("documents_offset", documents_offset, size, n_docs, stories_offset,
                                      "stories_offset")},
    }


def _pager(param: str, offset: int, size: int, total: int, other: int, other_param: str) -> dict:
    def link(at: int) -> str:
        query = "&".join(f"{k}={v}" for k, v in sorted({param: at, other_param: other}.items()) if v)
        return "/?" + query if query else "/"

    return {"offset": offset, "limit": size, "total": total,
            "first": offset + 1 if total and offset < total else 0, "last": min(total, offset + size),
            "prev": link(max(0, offset - size)) if offset > 0 else None,
            "next": link(offset + size) if offset + size < total else None}
