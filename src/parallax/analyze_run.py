"""The driver side of `parallax analyze`, shared by the serial and the Dask paths: skip what is
stored, store each analysis in its own transaction, count and report failures per document."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from parallax.ingest.dates import complete_year, month_day_dateline
from parallax.ingest.result import IngestResult
from parallax.model import DocAnalysis, Document
from parallax.nlp.analyzed import published_date

LOOKUP_BATCH = 256  # documents checked against the store per query
MAX_DATED = 10_000  # publication dates remembered to give a yearless dateline its year

Report = Callable[[str], None]
Outcome = tuple[Document, DocAnalysis | None, Exception | None]


@dataclass
class Tally:
    stored: int = 0
    already: int = 0  # in the store before this run
    skipped: int = 0  # duplicates within this run's inputs
    errors: int = 0

    def line(self) -> str:
        return (f"{self.stored} stored, {self.already} already in the store, {self.skipped} duplicates skipped, "
                f"{self.errors} errors")


def fresh_documents(results: Iterable[IngestResult], store, tally: Tally, report: Report) -> Iterator[Document]:
    """Ingested documents whose content hash is not stored yet, in input order (lazily).

    Ingestion already skips duplicates within one run; this drops those stored by earlier runs,
    so no work is shipped for them. A document whose only date is a yearless wire dateline
    ("CITY, June 11 (Agency) -") comes last, dated in the year that puts it nearest the other
    documents of the run (or of the store), so its relative dates can be resolved."""
    pending: list[Document] = []

    def unstored() -> Iterator[Document]:
        known = store.stored_hashes([d.content_hash for d in pending])
        for d in pending:
            if d.content_hash in known:
                tally.already += 1
            else:
                yield d
        pending.clear()

    yearless: list[tuple[Document, tuple[int, int]]] = []  # "CITY, June 11 (Agency) -": dated at the end
    dated: list[date] = []
    for result in results:
        if result.error is not None:
            tally.errors += 1
            report(str(result.error))
        elif result.document is None:
            tally.skipped += 1
        else:
            doc = result.document
            when = published_date(doc.published)
            month_day = month_day_dateline(doc.text) if when is None else None
            if month_day is not None:
                yearless.append((doc, month_day))
                continue
            if when is not None and len(dated) < MAX_DATED:
                dated.append(when)
            pending.append(doc)
            if len(pending) >= LOOKUP_BATCH:
                yield from unstored()
    yield from unstored()
    if yearless and not dated:
        dated = store.recent_published_dates()
    for doc, month_day in yearless:
        iso = complete_year(month_day, dated)
        if iso is not None:  # the year of the articles it came with; else the date stays unknown
            doc = doc.model_copy(update={"published": iso})
        pending.append(doc)
    yield from unstored()


def store_outcomes(outcomes: Iterable[Outcome], store, tally: Tally, report: Report,
                   done: Callable[[Document], None] = lambda d: None) -> None:
    """Save each analysis as it arrives (one transaction per article); a failure is that article's."""
    for document, analysis, error in outcomes:
        done(document)
        if error is not None:
            tally.errors += 1
            report(f"{document.source}: extraction failed: {error}")
            continue
        try:
            tally.stored += bool(store.save_analysis(analysis))
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the batch
            tally.errors += 1
            report(f"{document.source}: could not store: {exc}")
