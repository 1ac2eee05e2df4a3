"""What ingestion yields per input: a document, a skip notice, or an error."""

from __future__ import annotations

from dataclasses import dataclass

from parallax.model import Document


@dataclass(frozen=True)
class IngestError:
    source: str  # the file path or URL (plus "#N" for one record of a multi-record file)
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class IngestResult:
    """One outcome per document found: ``document`` (ok), ``error``, or ``skipped`` (a reason).

    A skipped duplicate has no document (consumers test ``result.document``); ``source``
    names the input in every case.
    """

    document: Document | None = None
    error: IngestError | None = None
    skipped: str | None = None  # e.g. "duplicate of a.txt"
    source: str | None = None

    def __post_init__(self) -> None:
        if self.source is None:
            src = self.document.source if self.document else self.error.source if self.error else None
            object.__setattr__(self, "source", src)

    @property
    def ok(self) -> bool:
        return self.document is not None


class IngestFailure(Exception):
    """Raised inside the package for one bad input; turned into an IngestError by the walker."""

    def __init__(self, reason: str, source: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.source = source
