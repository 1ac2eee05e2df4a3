"""The default fetcher for http(s) inputs; tests and callers inject their own."""

from __future__ import annotations

from collections.abc import Callable

from parallax.ingest.result import IngestFailure

Fetch = Callable[[str], tuple[bytes, str | None]]
USER_AGENT = "parallax-news/0.1 (+ingest)"


def http_fetch(url: str, *, max_bytes: int = 20 * 1024 * 1024, timeout: float = 20.0) -> tuple[bytes, str | None]:
    """GET ``url``; (body, content type). Stops reading past ``max_bytes``."""
    import httpx

    try:
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True,
                          headers={"User-Agent": USER_AGENT}) as resp:
            if resp.status_code >= 400:
                raise IngestFailure(f"HTTP {resp.status_code} {resp.reason_phrase}")
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise IngestFailure(f"oversized: more than {max_bytes} bytes")
                chunks.append(chunk)
            return b"".join(chunks), resp.headers.get("content-type")
    except httpx.HTTPError as e:
        raise IngestFailure(f"fetch failed: {type(e).__name__}: {e}".splitlines()[0]) from None
