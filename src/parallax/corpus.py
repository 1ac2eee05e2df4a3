"""Corpus-level stages, run after the per-document ones: resolve, stories, align, screen.

These see every document at once, so they are recomputed as a whole and their
results replace the previous ones atomically; analyst decisions are inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parallax.model import Alignment, DocAnalysis, Dossier, Entity, ScreeningHit, Story


@dataclass
class CorpusResult:
    entities: list[Entity] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    screening: list[ScreeningHit] = field(default_factory=list)


def build_corpus(analyses: list[DocAnalysis], decisions=(), screener=None, threshold: float | None = None,
                 embedder=None) -> CorpusResult:
    from parallax.align import align_all
    from parallax.resolve import resolve_entities
    from parallax.resolve.stories import group_stories

    doc_entities = [e for a in analyses for e in a.entities]
    entities = resolve_entities(doc_entities, list(decisions))
    stories = group_stories(analyses, entities)
    alignments = align_all(stories, analyses, entities, embedder=embedder)
    screening: list[ScreeningHit] = []
    if screener is not None:
        from parallax.screen.matcher import screen_entities

        kwargs = {} if threshold is None else {"threshold": threshold}
        screening = screen_entities(entities, analyses, screener, **kwargs)
    return CorpusResult(entities=entities, stories=stories, alignments=alignments, screening=screening)


def dossier_from(analyses: list[DocAnalysis], result: CorpusResult) -> Dossier:
    """An in-memory dossier (the Python API; the CLI goes through the store)."""
    from parallax.export.json import finalize

    d = Dossier(
        documents=[a.document for a in analyses],
        entities=result.entities,
        quotes=[q for a in analyses for q in a.quotes],
        numbers=[n for a in analyses for n in a.numbers],
        events=[e for a in analyses for e in a.events],
        claims=[c for a in analyses for c in a.claims],
        alignments=result.alignments,
        screening=result.screening,
        stories=result.stories,
    )
    return finalize(d, [e for a in analyses for e in a.entities])


def run_corpus_stages(store, settings) -> CorpusResult:
    """Recompute the cross-document results from everything stored and replace them in the store."""
    analyses = list(store.analyses())
    screener = None
    if store.lists():
        from parallax.screen.service import load_screener

        screener = load_screener(store)
    embedder = None
    if settings.embeddings:
        from parallax.align.embed import load_embedder

        embedder = load_embedder()
    result = build_corpus(analyses, store.decisions(), screener=screener, threshold=settings.screen_threshold,
                          embedder=embedder)
    store.save_corpus(result.entities, result.stories, result.alignments)
    store.save_screening(result.screening)
    return result
