"""One parser per input format, each turning content into raw records (text + whatever metadata it carries)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from parallax.ingest.result import IngestFailure


@dataclass(frozen=True)
class RawRecord:
    text: str
    source: str
    kind: str  # text / html / json / feed: decides which metadata may be inferred from the text
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None  # as found; normalised to ISO later
    language: str | None = None
    url: str | None = None


# --- sniffing ------------------------------------------------------------------------------

_FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I)
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.I)
_HTML_TAGS = re.compile(r"<(?:p|div|article|br|h[1-6]|span|a)\b[^>]*>", re.I)


def sniff(text: str) -> str:
    """Format of content with an unknown extension: html, feed, json or text."""
    head = text[:4096]
    if _FEED_START.match(head):
        return "feed"
    if _HTML_START.match(head):
        return "html"
    stripped = head.lstrip()
    if stripped[:1] in "{[":
        try:
            json.loads(text)
            return "json"
        except ValueError:
            if "\n" in text.strip() and all(_is_json_object(ln) for ln in text.strip().splitlines()[:3]):
                return "jsonl"
    if len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    return "text"


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


# --- HTML ------------------------------------------------------------------------------------

_META_TIME = [
    re.compile(r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|og:published_time|datePublished|"
               r"pubdate|publish[_-]?date|dc\.date\.issued|dcterms\.created|sailthru\.date|parsely-pub-date)[\"'][^>]*>", re.I),
    re.compile(r"\"datePublished\"\s*:\s*\"(?P<v>[^\"]+)\""),
    re.compile(r"<time[^>]+datetime=[\"'](?P<v>[^\"']+)[\"'][^>]*>", re.I),
]
_CONTENT_ATTR = re.compile(r"content=[\"'](?P<v>[^\"']+)[\"']", re.I)


def _html_published(html: str) -> str | None:
    """The page's own machine-readable publication time (trafilatura keeps only the date)."""
    for rx in _META_TIME:
        m = rx.search(html)
        if not m:
            continue
        if "v" in rx.groupindex:
            return m.group("v")
        c = _CONTENT_ATTR.search(m.group(0))
        if c:
            return c.group("v")
    return None


def parse_html(html: str, source: str, url: str | None = None) -> RawRecord:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, url=url)
    if not text or not _has_prose(text):
        raise IngestFailure("HTML has no extractable main text")
    # extensive=False: no date guessing from copyright years or URLs (it invents Jan 1st)
    meta = trafilatura.extract_metadata(html, default_url=url, extensive=False)
    return RawRecord(
        text=text,
        source=source,
        kind="html",
        title=_clean(meta.title) if meta else None,
        outlet=_clean(meta.sitename) if meta else None,
        byline=_clean(meta.author) if meta else None,
        published=_html_published(html) or (meta.date if meta else None),
        language=_html_lang(html),
        url=url or (meta.url if meta else None),
    )


def _has_prose(text: str) -> bool:
    """True if some line reads like a sentence: leftover menus ("Home News") are not an article."""
    return any(len(line.split()) >= 8 for line in text.splitlines())


def _html_lang(html: str) -> str | None:
    m = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3})", html[:4096], re.I)
    return m.group(1).lower() if m else None


_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article", "pre"}


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (feed item content), one paragraph per block."""
    import lxml.html
    from lxml import etree

    if "<" not in fragment:
        return _collapse(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _collapse(re.sub(r"<[^>]+>", " ", fragment))
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
    return _collapse(root.text_content())


def _collapse(text: str) -> str:
    paras = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", p).strip() for p in re.split(r"\n\s*\n|\n", text)]
    return "\n\n".join(p for p in paras if p)


def _clean(value) -> str | None:
    if value is None:
        return None
    value = re.sub(r"\s+", " ", str(value)).strip()
    return value or None


# --- JSON / JSONL -------------------------------------------------------------------------------

_TEXT_FIELDS = ("text", "content", "body", "article", "full_text")
_OUTLET_FIELDS = ("outlet", "source", "sitename", "site_name", "publisher", "site")
_BYLINE_FIELDS = ("byline", "author", "authors", "creator")
_DATE_FIELDS = ("published", "date", "published_at", "publishedAt", "pubDate", "datePublished", "time")
_LIST_KEYS = ("articles", "documents", "items", "records", "data", "results")


def _field(rec: dict, names: tuple[str, ...]):
    for n in names:
        v = rec.get(n)
        if v not in (None, "", []):
            return v
    return None


def _as_name(value) -> str | None:
    """Outlet/author fields come as strings, {"name": ...} objects or lists of either."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, list):
        names = [_as_name(v) for v in value]
        names = [n for n in names if n]
        return " and ".join(names) if names else None
    return _clean(value) if isinstance(value, (str, int, float)) else None


def record_from_json(rec, source: str) -> RawRecord:
    if not isinstance(rec, dict):
        raise IngestFailure(f"expected a JSON object, got {type(rec).__name__}", source)
    text = _field(rec, _TEXT_FIELDS)
    if not isinstance(text, str) or not text.strip():
        raise IngestFailure("record has no text (expected a text, content or body field)", source)
    if _HTML_TAGS.search(text) and re.search(r"</\w+>", text):
        text = html_fragment_to_text(text)
    published = _field(rec, _DATE_FIELDS)
    return RawRecord(
        text=text,
        source=source,
        kind="json",
        title=_clean(rec.get("title") or rec.get("headline")),
        outlet=_as_name(_field(rec, _OUTLET_FIELDS)),
        byline=_as_name(_field(rec, _BYLINE_FIELDS)),
        published=str(published) if published is not None else None,
        language=_clean(rec.get("language") or rec.get("lang")),
        url=_clean(rec.get("url") or rec.get("link")),
    )


def _record_source(rec, base: str, n: int | None) -> str:
    url = rec.get("url") or rec.get("link") if isinstance(rec, dict) else None
    if isinstance(url, str) and url.strip():
        return url.strip()
    return base if n is None else f"{base}#{n}"


def _json_msg(e: json.JSONDecodeError) -> str:
    return e.msg.removesuffix(" at").lower()  # "Unterminated string starting at" reads oddly alone


def parse_json(text: str, source: str) -> Iterator[RawRecord | IngestFailure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise IngestFailure(f"malformed JSON at line {e.lineno} column {e.colno}: {_json_msg(e)}") from None
    if isinstance(data, dict):
        key = next((k for k in _LIST_KEYS if isinstance(data.get(k), list)), None)
        if key is not None and _field(data, _TEXT_FIELDS) is None:
            data = data[key]
    if isinstance(data, dict):
        yield _safe_record(data, _record_source(data, source, None))
        return
    if not isinstance(data, list):
        raise IngestFailure("JSON is neither a record nor a list of records")
    if not data:
        raise IngestFailure("JSON list has no records")
    for n, rec in enumerate(data, 1):
        yield _safe_record(rec, _record_source(rec, source, n))


def parse_jsonl(text: str, source: str) -> Iterator[RawRecord | IngestFailure]:
    any_line = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        any_line = True
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield IngestFailure(f"malformed JSON on line {lineno} column {e.colno}: {_json_msg(e)}", source)
            continue
        yield _safe_record(rec, _record_source(rec, source, lineno))
    if not any_line:
        raise IngestFailure("no records")


def _safe_record(rec, source: str) -> RawRecord | IngestFailure:
    try:
        return record_from_json(rec, source)
    except IngestFailure as f:
        return IngestFailure(f.reason, source)


# --- RSS / Atom ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedItem:
    """A feed entry; when it has no text of its own it only links to the article."""

    record: RawRecord  # the entry's metadata, and its text when it carries one
    link: str | None

    @property
    def has_text(self) -> bool:
        return bool(self.record.text.strip())


def parse_feed(content: bytes | str, source: str) -> list[FeedItem]:
    import feedparser

    parsed = feedparser.parse(content)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.feed:
            raise IngestFailure("not a valid RSS/Atom feed")
        raise IngestFailure("feed has no items")
    feed_title = _clean(parsed.feed.get("title"))
    items = []
    for n, entry in enumerate(parsed.entries, 1):
        link = _clean(entry.get("link"))
        item_source = link or f"{source}#{n}"
        html = ""
        if entry.get("content"):
            html = max((c.get("value", "") for c in entry.content), key=len)
        if not html.strip():
            html = entry.get("summary", "") or entry.get("description", "")
        text = html_fragment_to_text(html) if html else ""
        author = _clean(entry.get("author"))
        if not author and entry.get("authors"):
            author = _as_name(entry.authors)
        record = RawRecord(
            text=text,
            source=item_source,
            kind="feed",
            title=_clean(html_fragment_to_text(entry.get("title", ""))) if entry.get("title") else None,
            outlet=feed_title,
            byline=author,
            published=entry.get("published") or entry.get("updated") or entry.get("dc_date"),
            language=_clean(parsed.feed.get("language")),
            url=link,
        )
        items.append(FeedItem(record, link))
    return items
