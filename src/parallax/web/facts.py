"""An in-memory, read-only index over a finalised Dossier: lookups, provenance, filters.

The REST API, the web pages and the reports all read facts through this one index so
that they agree on what a story contains and on where each fact came from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from urllib.parse import urlparse

from parallax.model import Document, Dossier, Entity, Sentence, Story

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace,
# or at a line break. Only a fallback: stored spaCy sentences are used when available.
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s)|\n""")
GRAPH_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence boundaries [start, end) in ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        _add_trimmed(spans, text, start, m.end())
        start = m.end()
    _add_trimmed(spans, text, start, len(text))
    return spans


def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def doc_link(doc: str, start: int, end: int) -> str:
    return f"/doc/{doc}#{start}-{end}"


class DossierIndex:
    """Lookups over one Dossier. Build once per data version; never mutated afterwards."""

    def __init__(self, dossier: Dossier, sentences: dict[str, list[Sentence]] | None = None,
                 screened: bool = False, stories_of_doc: dict[str, list[str]] | None = None) -> None:
        """``stories_of_doc`` overrides the document -> story ids map, for an index over part of a
        dossier (one story's rows) whose documents also belong to stories left out of it."""
        self.dossier = dossier
        self.screened = screened  # a sanctions list was loaded: no hit means "clear"
        self._stored_sentences = sentences or {}
        self.documents: dict[str, Document] = {d.id: d for d in dossier.documents}
        self.entities: dict[str, Entity] = {e.id: e for e in dossier.entities}
        self.stories: dict[str, Story] = {s.id: s for s in dossier.stories}
        self.member_of: dict[str, str] = {}
        for e in dossier.entities:
            for m in e.members:
                self.member_of[m] = e.id
            self.member_of[e.id] = e.id
        self.hits_by_entity: dict[str, list] = defaultdict(list)
        for h in dossier.screening:
            self.hits_by_entity[self.member_of.get(h.entity, h.entity)].append(h)
        self.stories_of_doc: dict[str, list[str]] = defaultdict(list)
        if stories_of_doc is not None:
            self.stories_of_doc.update(stories_of_doc)
        else:
            for s in dossier.stories:
                for d in s.docs:
                    self.stories_of_doc[d].append(s.id)
        self._sentence_cache: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}

    # -- sentences & provenance -----------------------------------------------------
    def sentences(self, doc: str) -> list[tuple[int, int]]:
        return self._sentences(doc)[1]

    def _sentences(self, doc: str) -> tuple[list[int], list[tuple[int, int]]]:
        cached = self._sentence_cache.get(doc)
        if cached is None:
            stored = self._stored_sentences.get(doc)
            if stored:
                spans = sorted((s.start, s.end) for s in stored)
            else:
                document = self.documents.get(doc)
                spans = sentence_spans(document.text) if document else []
            cached = ([s for s, _ in spans], spans)
            self._sentence_cache[doc] = cached
        return cached

    def sentence_of(self, doc: str, offset: int) -> tuple[int, int] | None:
        starts, spans = self._sentences(doc)
        i = bisect_right(starts, offset) - 1
        if 0 <= i < len(spans) and spans[i][0] <= offset < max(spans[i][1], spans[i][0] + 1):
            return spans[i]
        return None

    def provenance(self, doc: str, start: int, end: int, sentence: Sentence | None = None) -> dict:
        """Where a fact came from: document, offsets, the sentence (offsets + text) and a link."""
        document = self.documents.get(doc)
        if sentence is not None:
            span: tuple[int, int] | None = (sentence.start, sentence.end)
        else:
            span = self.sentence_of(doc, start)
        text = document.text if document else ""
        sent = None
        if span is not None and document is not None:
            sent = {"start": span[0], "end": span[1], "text": text[span[0]:span[1]]}
        return {
            "doc": doc,
            "outlet": document.outlet if document else None,
            "start": start,
            "end": end,
            "text": text[start:end] if document else None,
            "sentence": sent,
            "url": doc_link(doc, start, end),
        }

    # -- entities -------------------------------------------------------------------
    def entity_for(self, ref: str | None) -> Entity | None:
        if not ref:
            return None
        return self.entities.get(self.member_of.get(ref, ref))

    def screening_status(self, entity_id: str | None) -> str | None:
        if entity_id is None:
            return None
        eid = self.member_of.get(entity_id, entity_id)
        if self.hits_by_entity.get(eid):
            return "hit"
        return "clear" if self.screened else None

    # -- story scoping --------------------------------------------------------------
    def story_docs(self, story_id: str) -> list[Document]:
        story = self.stories[story_id]
        return [self.documents[d] for d in story.docs if d in self.documents]

    def docs_in(self, story_id: str | None) -> set[str] | None:
        """Ids of the documents of a story (None = no restriction)."""
        if story_id is None:
            return None
        story = self.stories.get(story_id)
        return set(story.docs) if story else set()

    def story_entities(self, story_id: str | None) -> list[Entity]:
        docs = self.docs_in(story_id)
        ents = self.dossier.entities
        if docs is not None:
            ents = [e for e in ents if docs.intersection(e.docs) or any(m.doc in docs for m in e.mentions)]
        return ents

    @cached_property
    def outlets(self) -> list[str]:
        return sorted({outlet_name(d) for d in self.dossier.documents})


def outlet_name(doc: Document, max_len: int = 32) -> str:
    """A short label for a document's source: the outlet, else the web host, else the title."""
    if doc.outlet:
        return doc.outlet
    host = urlparse(doc.source).hostname if "://" in doc.source else None
    if host:
        return host.removeprefix("www.")
    label = doc.title or doc.id
    return label if len(label) <= max_len else label[:max_len - 1].rstrip() + "…"


def within(items: Iterable, docs: set[str] | None) -> list:
    return [x for x in items if docs is None or x.doc in docs]
