"""RawRecord -> Document: stable id, content hash, metadata normalised and completed from the text."""

from __future__ import annotations

import hashlib
import re

from parallax.ingest.dates import parse_date
from parallax.ingest.formats import RawRecord
from parallax.ingest.lang import detect_language
from parallax.ingest.metadata import extract_text_metadata, parse_byline
from parallax.model import Document
from parallax.nlp.normalize import normalize

_LANG_CODE = re.compile(r"^([a-z]{2})(?:[-_][A-Za-z]{2,4})?$")
_LANG_NAMES = {
    "english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
    "portuguese": "pt", "russian": "ru", "korean": "ko", "japanese": "ja", "chinese": "zh",
}


def content_hash(text: str) -> str:
    """sha256 of the normalised text: quote styles, NBSPs and CRLF do not make a new document."""
    return hashlib.sha256(normalize(text).text.encode("utf-8")).hexdigest()


def _language(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip().lower()
    m = _LANG_CODE.match(v)
    return m.group(1) if m else _LANG_NAMES.get(v)


def _byline(value: str | None) -> str | None:
    """Metadata authors may still carry "By" and a role ("By Jane Doe, Staff Writer")."""
    if not value:
        return None
    return parse_byline(value) or value.strip()


def build_document(rec: RawRecord) -> Document:
    text = rec.text
    digest = content_hash(text)
    context = text[:5000]
    inferred = extract_text_metadata(text)
    published = parse_date(rec.published, context) if rec.published else None
    # the headline of an HTML page or a feed item is in its metadata; their first text line is not one
    title = rec.title or (inferred.title if rec.kind in ("text", "json") else None)
    title = " ".join(title.split()) if title else None
    return Document(
        id="d" + digest[:16],
        source=rec.source,
        outlet=rec.outlet or inferred.outlet,
        title=title,
        byline=_byline(rec.byline) or inferred.byline,
        published=published or inferred.published,
        language=_language(rec.language) or detect_language(text),
        text=text,
        content_hash=digest,
    )
