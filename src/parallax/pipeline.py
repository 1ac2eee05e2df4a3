"""The per-document pipeline: normalise, parse, extract. Pure: no I/O here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from parallax.config import Settings, get_settings
from parallax.extract.claims import extract_claims
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
        claims=extract_claims(ad, quotes),
    )


def analyze_stream(
    docs: Iterable[Document], settings: Settings | None = None
) -> Iterator[tuple[Document, DocAnalysis | None, Exception | None]]:
    """Parse documents in batches with nlp.pipe (streaming) and extract from each.

    A failure in one document is yielded with it, so one bad article never stops a batch.
    """
    settings = settings or get_settings()
    nlp = load_nlp(settings.spacy_model)
    pairs = ((n.text, (d, n)) for d in docs for n in (normalize(d.text),))
    n_process = max(1, settings.processes)
    for sdoc, (document, norm) in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size,
                                           n_process=n_process):
        try:
            yield document, extract(AnalyzedDoc(document=document, norm=norm, doc=sdoc)), None
        except Exception as exc:  # noqa: BLE001 - reported per document by the caller
            yield document, None, exc


def analyze_documents(docs: Iterable[Document], settings: Settings | None = None) -> Iterator[DocAnalysis]:
    """Like analyze_stream, but raising the first extraction error."""
    for _document, analysis, error in analyze_stream(docs, settings):
        if error is not None:
            raise error
        yield analysis


def analyze_text(text: str, doc_id: str = "d0", published: str | None = None, **meta) -> DocAnalysis:
    """Convenience for tests and the Python API: analyse one string."""
    document = Document(id=doc_id, source=meta.pop("source", "<text>"), text=text, published=published, **meta)
    return next(analyze_documents([document]))
