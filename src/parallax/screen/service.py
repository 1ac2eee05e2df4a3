"""Store-backed screening: load lists into the store, build a Screener from it, screen a dossier."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parallax.model import DocAnalysis, Dossier, ScreeningHit
from parallax.screen.lists import load_list_file
from parallax.screen.matcher import Screener, screen_entities

SHIPPED_LISTS = Path(__file__).resolve().parent.parent / "data" / "lists"


def add_list(store: Any, path: str, name: str | None = None) -> tuple[str, str, int]:
    """Parse a list file completely, then replace the stored list of that name atomically.

    A malformed file raises ListFormatError before the store is touched, so the
    previous version of the list stays intact. Returns (name, version, entries stored).
    """
    parsed = load_list_file(path, name=name)
    count = store.replace_list(parsed.name, parsed.version, parsed.source, parsed.entries)
    return parsed.name, parsed.version, count


def load_screener(store: Any) -> Screener:
    """A Screener over every list in the store (each entry tagged with its list name and version)."""
    versions = {row["name"]: row.get("version") for row in store.lists()}

    def tagged():
        for entry in store.list_entries():
            entry.setdefault("list_version", versions.get(entry.get("list")))
            yield entry

    return Screener(tagged())


def screen_dossier(store_or_dossier: Any, screener: Screener | None = None, threshold: float | None = None,
                   analyses: list[DocAnalysis] | None = None, save: bool = True) -> list[ScreeningHit]:
    """Screen a dossier's resolved entities (or, before resolution, the per-document ones).

    With a Store: lists and documents come from it and the hits replace the stored ones
    (unless ``save`` is False). With a Dossier: pass ``screener``.
    """
    store = None if isinstance(store_or_dossier, Dossier) else store_or_dossier
    if store is not None:
        screener = screener or load_screener(store)
        dossier = store.load_dossier()
        analyses = analyses if analyses is not None else list(store.analyses())
    else:
        dossier = store_or_dossier
    if screener is None:
        raise ValueError("screen_dossier needs a screener when given a Dossier")
    by_doc: dict[str, DocAnalysis | str] = {d.id: d.text for d in dossier.documents}
    by_doc.update({a.document.id: a for a in analyses or []})
    entities = dossier.entities or [e for a in analyses or [] for e in a.entities]
    hits = screen_entities(entities, by_doc, screener, threshold)
    if store is not None and save:
        store.save_screening(hits)
    return hits
