"""The per-document pipeline: normalise, parse, extract. Pure: no I/O here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from parallax.config import Settings, get_settings
from parallax.extract.entities import extract_entities
from parallax.extract.numbers import extract_numbers
from parallax.extract.quotes import extract_quotes
from parallax.extract.timex import extract_events
from parallax.model import DocAnalysis, Document
from parallax.nlp.analyzed import AnalyzedDoc
from parallax.nlp.loader import load_nlp
from parallax.nlp.normalize import normalize


def extract(ad: AnalyzedDoc) -> DocAnalysis:
    ents = extract_entities(ad)
    quotes = extract_quotes(ad, ents)
    return DocAnalysis(
        document=ad.document,
        sentences=ad.sentences,
        entities=ents.entities,
        quotes=quotes,
        numbers=extract_numbers(ad),
        events=extract_events(ad),
    )


def analyze_documents(docs: Iterable[Document], settings: Settings | None = None) -> Iterator[DocAnalysis]:
    """Parse documents in batches with nlp.pipe and extract from each."""
    settings = settings or get_settings()
    nlp = load_nlp(settings.spacy_model)
    docs = list(docs)
    norms = [normalize(d.text) for d in docs]
    parsed = nlp.pipe((n.text for n in norms), batch_size=settings.batch_size)
    for document, norm, sdoc in zip(docs, norms, parsed):
        yield extract(AnalyzedDoc(document=document, norm=norm, doc=sdoc))


def analyze_text(text: str, doc_id: str = "d0", published: str | None = None, **meta) -> DocAnalysis:
    """Convenience for tests and the Python API: analyse one string."""
    document = Document(id=doc_id, source=meta.pop("source", "<text>"), text=text, published=published, **meta)
    return next(analyze_documents([document]))
