"""Quotes and reported speech with their speakers.  (Placeholder: filled by the extraction work.)"""

from __future__ import annotations

from parallax.extract.entities import DocEntities
from parallax.model import Quote
from parallax.nlp.analyzed import AnalyzedDoc


def extract_quotes(ad: AnalyzedDoc, ents: DocEntities) -> list[Quote]:
    return []
