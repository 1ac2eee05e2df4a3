"""Numeric claims.  (Placeholder: filled by the extraction work.)"""

from __future__ import annotations

from parallax.model import NumberClaim
from parallax.nlp.analyzed import AnalyzedDoc


def extract_numbers(ad: AnalyzedDoc) -> list[NumberClaim]:
    return []
