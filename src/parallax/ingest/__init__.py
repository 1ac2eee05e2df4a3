"""Ingestion: files, directories, feeds and URLs to ``Document`` objects (no DB, no NLP).

    for res in iter_documents(["articles/", "feed.rss", "https://example.org/story"]):
        if res.error: print(res.error)          # "path: reason", one line
        elif res.skipped: print(res.skipped)    # "duplicate of <source>"
        else: use(res.document)
"""

from parallax.ingest.document import build_document, content_hash
from parallax.ingest.result import IngestError, IngestResult
from parallax.ingest.sources import iter_documents

__all__ = ["iter_documents", "IngestResult", "IngestError", "build_document", "content_hash"]
