"""The dossier as FollowTheMoney entities (one JSON object per line), for Aleph, nomenklatura, yente...

Mapping:

* each ``Document`` -> ``Article`` (title, author, publisher, publishedAt, language,
  sourceUrl or fileName, contentHash; bodyText only with ``include_text``);
* each PERSON entity -> ``Person``, ORG -> ``Organization``; an entity of another NER
  type becomes a ``LegalEntity`` only when screening matched it as an organisation
  (places, events, products are not parties and are not exported);
* each distinct surface form of an exported entity in a document -> ``Mention``
  (name, resolved -> the entity, document -> the article, detectedSchema, contextCountry);
* each attributed quote -> ``Documentation``: FtM's link between a Document and an entity
  with a ``role``; the quote's words go in ``summary``, the cue and the character offsets
  in ``description``, the article's date in ``date``. It fits better than ``Note`` (which
  has no document) or ``Event`` (an occurrence, not a statement in a source). Speakers
  that did not resolve to an entity get a ``Person`` of their own; unattributed quotes
  are left out.
* screening hits are written as ``notes`` on the matched entity (FtM has no schema for an
  unconfirmed match, and a ``Sanction`` would assert a designation that is only a candidate).

Ids are deterministic (hashes of the Parallax ids), so re-exports merge cleanly.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

from followthemoney import model
from followthemoney.proxy import EntityProxy

from parallax.model import Document, Dossier, Entity, Quote
from parallax.screen.context import near_countries

PARTY_SCHEMA = {"PERSON": "Person", "ORG": "Organization"}
PREFIX = "parallax"


def ftm_id(kind: str, *parts: str) -> str:
    return f"{PREFIX}-{kind}-" + (model.make_entity("Thing").make_id(*parts) or "")[:24]


def _make(schema: str, kind: str, *id_parts: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = ftm_id(kind, *id_parts)
    return proxy


def _checked(proxy: EntityProxy) -> dict | None:
    """Round-trip through the FtM model; None when a required property is missing."""
    data = proxy.to_dict()
    checked = model.get_proxy(data)
    if any(not checked.get(p) for p in checked.schema.required):
        return None
    return checked.to_dict()


def article(doc: Document, include_text: bool = False) -> EntityProxy:
    a = _make("Article", "doc", doc.id)
    a.add("title", doc.title)
    a.add("author", doc.byline)
    a.add("publisher", doc.outlet)
    a.add("publishedAt", doc.published)
    a.add("language", doc.language)
    a.add("contentHash", doc.content_hash or None)
    if urlparse(doc.source).scheme in ("http", "https"):
        a.add("sourceUrl", doc.source)
    else:
        a.add("fileName", doc.source.rsplit("/", 1)[-1])
    if include_text:
        a.add("bodyText", doc.text)
    return a


def _entity_countries(entity: Entity, texts: dict[str, str]) -> list[str]:
    out: list[str] = []
    for m in entity.mentions:
        text = texts.get(m.doc)
        if text:
            out.extend(c for c in near_countries(text, m.start, m.end) if c not in out)
    return out


def export_ftm(dossier: Dossier, include_text: bool = False) -> Iterator[dict]:
    """FollowTheMoney entity dicts for a dossier, each validated against the FtM model."""
    texts = {d.id: d.text for d in dossier.documents}
    articles: dict[str, str] = {}
    for doc in dossier.documents:
        a = article(doc, include_text)
        articles[doc.id] = a.id
        if (data := _checked(a)) is not None:
            yield data

    hits_by_entity: dict[str, list] = {}
    for h in dossier.screening:
        hits_by_entity.setdefault(h.entity, []).append(h)
    parties: dict[str, str] = {}  # Parallax entity id (and member ids) -> FtM id
    for entity in dossier.entities:
        schema = PARTY_SCHEMA.get(entity.type) or ("LegalEntity" if entity.id in hits_by_entity else None)
        if schema is None:
            continue
        p = _make(schema, "ent", entity.id)
        p.add("name", entity.name)
        p.add("alias", [a for a in entity.aliases if a != entity.name])
        p.add("country", _entity_countries(entity, texts))
        for h in hits_by_entity.get(entity.id, []):
            p.add("notes", f"Screening candidate: {h.entry_name} ({h.list}:{h.list_entry_id}), score {h.score:.2f}")
        if entity.type == "PERSON":
            p.add("position", [r.role for r in entity.roles if r.role])
        if (data := _checked(p)) is None:
            continue
        yield data
        for key in (entity.id, *entity.members):
            parties[key] = p.id
        yield from _mentions(entity, p, articles, texts)

    for quote in dossier.quotes:
        yield from _quote(quote, parties, articles, dossier)


def _mentions(entity: Entity, party: EntityProxy, articles: dict[str, str],
              texts: dict[str, str]) -> Iterator[dict]:
    seen: set[tuple[str, str]] = set()
    for m in entity.mentions:
        if m.doc not in articles or (m.doc, m.text) in seen:
            continue
        seen.add((m.doc, m.text))
        men = _make("Mention", "men", entity.id, m.doc, m.text)
        men.add("name", m.text)
        men.add("resolved", party.id)
        men.add("document", articles[m.doc])
        men.add("detectedSchema", party.schema.name)
        men.add("contextCountry", near_countries(texts.get(m.doc, ""), m.start, m.end))
        if (data := _checked(men)) is not None:
            yield data


def _quote(quote: Quote, parties: dict[str, str], articles: dict[str, str], dossier: Dossier) -> Iterator[dict]:
    speaker = quote.speaker
    if speaker is None or quote.doc not in articles:
        return
    entity_id = parties.get(speaker.entity or "")
    if entity_id is None:  # a speaker without an entity of its own: a Person named as the article names them
        person = _make("Person", "spk", quote.doc, speaker.name)
        person.add("name", speaker.name)
        person.add("position", speaker.role)
        if (data := _checked(person)) is None:
            return
        yield data
        entity_id = person.id
    doc = next((d for d in dossier.documents if d.id == quote.doc), None)
    d = _make("Documentation", "quote", quote.id)
    d.add("document", articles[quote.doc])
    d.add("entity", entity_id)
    d.add("role", {"direct": "quoted", "partial": "quoted (partial)", "reported": "reported speech"}[quote.kind])
    d.add("summary", quote.text)
    cue = f"cue '{quote.cue}'; " if quote.cue else ""
    d.add("description", f"{cue}characters {quote.start}-{quote.end} of {quote.doc}")
    d.add("date", doc.published if doc else None)
    if (data := _checked(d)) is not None:
        yield data
