"""Dated events normalised against the publication date.  (Placeholder: filled by the extraction work.)"""

from __future__ import annotations

from parallax.model import Event
from parallax.nlp.analyzed import AnalyzedDoc


def extract_events(ad: AnalyzedDoc) -> list[Event]:
    return []
