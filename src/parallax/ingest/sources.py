"""Walk the inputs (files, directories, URLs), pick a format for each, and yield documents or errors.

One bad input never stops a batch: every failure becomes an IngestError naming
the file or URL, and the walk goes on. Exact duplicates (same normalised text)
within one batch are yielded as skipped, pointing at the first copy.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

from parallax.ingest.decode import decode_bytes
from parallax.ingest.document import build_document
from parallax.ingest.fetch import Fetch, http_fetch
from parallax.ingest.formats import RawRecord, parse_feed, parse_html, parse_json, parse_jsonl, sniff
from parallax.ingest.result import IngestError, IngestFailure, IngestResult
from parallax.model import Document

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}

Item = Document | IngestError


def iter_documents(inputs: Iterable[str | os.PathLike], *, max_bytes: int = DEFAULT_MAX_BYTES,
                   fetch: Fetch | None = None) -> Iterator[IngestResult]:
    """Documents from files, directories (recursive) and http(s) URLs, in input order.

    ``fetch(url) -> (bytes, content_type)`` replaces the default httpx fetcher (tests use a
    fake one). Links of feed items without text are fetched only when a fetcher is given
    or the feed itself came from a URL.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]  # one path, not a sequence of characters
    walker = _Walker(max_bytes=max_bytes, fetch=fetch)
    seen: dict[str, str] = {}  # content hash -> source of the first copy
    for given in inputs:
        for item in walker.expand(str(given)):
            if isinstance(item, IngestError):
                yield IngestResult(error=item)
            elif item.content_hash in seen:
                yield IngestResult(skipped=f"duplicate of {seen[item.content_hash]}", source=item.source)
            else:
                seen[item.content_hash] = item.source
                yield IngestResult(document=item)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


class _Walker:
    def __init__(self, *, max_bytes: int, fetch: Fetch | None):
        self.max_bytes = max_bytes
        self.user_fetch = fetch
        self.fetch = fetch or partial(http_fetch, max_bytes=max_bytes)

    def expand(self, given: str) -> Iterator[Item]:
        try:
            if is_url(given):
                yield from self._from_url(given)
            elif os.path.isdir(given):
                yield from self._from_dir(given)
            else:
                yield from self._from_file(given)
        except IngestFailure as f:
            yield IngestError(f.source or given, f.reason)
        except Exception as e:  # noqa: BLE001 - one bad input must not end the batch
            yield IngestError(given, f"unexpected error: {type(e).__name__}: {e}".splitlines()[0])

    # --- inputs ---------------------------------------------------------------------------

    def _from_dir(self, root: str) -> Iterator[Item]:
        found = False
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(f for f in filenames if not f.startswith(".")):
                found = True
                path = os.path.join(dirpath, name)
                try:
                    yield from self._from_file(path)
                except IngestFailure as f:
                    yield IngestError(f.source or path, f.reason)
                except Exception as e:  # noqa: BLE001
                    yield IngestError(path, f"unexpected error: {type(e).__name__}: {e}".splitlines()[0])
        if not found:
            raise IngestFailure("directory has no files")

    def _from_file(self, path: str) -> Iterator[Item]:
        try:
            size = os.stat(path).st_size
            if size > self.max_bytes:
                raise IngestFailure(f"oversized: {size} bytes > limit of {self.max_bytes}")
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise IngestFailure("no such file or directory") from None
        except PermissionError:
            raise IngestFailure("cannot read: permission denied") from None
        except IsADirectoryError:
            raise IngestFailure("is a directory") from None
        except OSError as e:
            raise IngestFailure(f"cannot read: {e.strerror or e}") from None
        fmt = _EXTENSIONS.get(Path(path).suffix.lower())
        yield from self._from_content(data, path, fmt)

    def _from_url(self, url: str) -> Iterator[Item]:
        data, content_type = self.fetch(url)
        yield from self._from_content(data, url, _format_of_type(content_type), url=url)

    # --- formats --------------------------------------------------------------------------

    def _from_content(self, data: bytes, source: str, fmt: str | None, url: str | None = None) -> Iterator[Item]:
        if len(data) > self.max_bytes:
            raise IngestFailure(f"oversized: {len(data)} bytes > limit of {self.max_bytes}")
        if not data:
            raise IngestFailure("empty file")
        text = decode_bytes(data)
        if not text.strip():
            raise IngestFailure("empty: whitespace-only text")
        if fmt is None:
            fmt = sniff(text)
        if fmt == "text":
            yield build_document(RawRecord(text=text, source=source, kind="text", url=url))
        elif fmt == "html":
            yield build_document(parse_html(text, source, url=url))
        elif fmt in ("json", "jsonl"):
            parse = parse_json if fmt == "json" else parse_jsonl
            for rec in parse(text, source):
                yield _record_item(rec)
        elif fmt == "feed":
            yield from self._from_feed(data, source, from_url=url is not None)
        else:  # pragma: no cover - formats come from the tables above
            raise IngestFailure(f"unknown format {fmt}")

    def _from_feed(self, data: bytes, source: str, *, from_url: bool) -> Iterator[Item]:
        may_fetch = self.user_fetch is not None or from_url
        for item in parse_feed(data, source):
            rec = item.record
            if item.has_text:
                yield build_document(rec)
            elif item.link and is_url(item.link) and may_fetch:
                yield from self._feed_link(rec, item.link)
            else:
                yield IngestError(rec.source, "feed item has no text and its link was not fetched (no fetcher given)")

    def _feed_link(self, rec: RawRecord, link: str) -> Iterator[Item]:
        try:
            data, content_type = self.fetch(link)
            if len(data) > self.max_bytes:
                raise IngestFailure(f"oversized: {len(data)} bytes > limit of {self.max_bytes}")
            page = parse_html(decode_bytes(data), link, url=link)
        except IngestFailure as f:
            yield IngestError(link, f.reason)
            return
        # the feed's title/date/outlet describe the item; the page fills what the feed lacks
        yield build_document(replace(
            page,
            title=rec.title or page.title,
            published=rec.published or page.published,
            outlet=rec.outlet or page.outlet,
            byline=rec.byline or page.byline,
            language=rec.language or page.language,
        ))


def _record_item(rec: RawRecord | IngestFailure) -> Item:
    if isinstance(rec, IngestFailure):
        return IngestError(rec.source or "?", rec.reason)
    if not rec.text.strip():
        return IngestError(rec.source, "empty: whitespace-only text")
    return build_document(rec)


def _format_of_type(content_type: str | None) -> str | None:
    """Format from an HTTP Content-Type; None means sniff the content."""
    ct = (content_type or "").split(";")[0].strip().lower()
    if ct in ("text/html", "application/xhtml+xml"):
        return "html"
    if "rss" in ct or "atom" in ct:
        return "feed"
    if ct in ("application/x-ndjson", "application/jsonl", "application/x-jsonlines"):
        return "jsonl"
    if ct == "application/json" or ct.endswith("+json"):
        return "json"
    if ct == "text/plain":
        return "text"
    return None
