"""The JSON dossier (`parallax export json`): the public contract documented in docs/json-export.md.

Stored facts point at per-document entities; the export points every speaker and
mention at the cross-document entity it was resolved into, and marks speakers
with their screening status.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from parallax.model import Dossier, Entity


def _doc_entities_as_exported(dossier: Dossier) -> list[Entity]:
    """Without a resolution stage result, each per-document entity is exported as itself."""
    return [e.model_copy(update={"members": e.members or [e.id]}) for e in dossier.entities]


def finalize(dossier: Dossier, doc_entities: list[Entity] | None = None, *, screened: bool = False) -> Dossier:
    """Point speakers at exported entity ids and set their screening status.

    ``screened`` says a sanctions list was loaded, so a speaker without a hit is "clear"
    rather than "not screened" (None).
    """
    entities = dossier.entities or _doc_entities_as_exported(Dossier(entities=doc_entities or []))
    member_of: dict[str, str] = {}
    for e in entities:
        member_of[e.id] = e.id
        for m in e.members:
            member_of[m] = e.id
    hit_ids = {h.entity for h in dossier.screening}

    def resolved(item):
        if item.speaker is None:
            return item
        sp = item.speaker
        eid = member_of.get(sp.entity or "", sp.entity)
        status = sp.screening
        if eid is not None and screened:
            status = "hit" if eid in hit_ids else "clear"
        return item.model_copy(update={"speaker": sp.model_copy(update={"entity": eid, "screening": status})})

    return dossier.model_copy(update={"entities": entities, "quotes": [resolved(q) for q in dossier.quotes],
                                      "claims": [resolved(c) for c in dossier.claims]})


def dump(dossier: Dossier, indent: int | None = 2) -> str:
    return json.dumps(dossier.model_dump(mode="json"), ensure_ascii=False, indent=indent)


@lru_cache(maxsize=1)
def json_schema() -> dict:
    """The published JSON Schema of the export (docs/json-export.schema.json is a copy)."""
    return json.loads(resources.files("parallax.export").joinpath("dossier.schema.json").read_text("utf-8"))


def _open(node):
    """Drop additionalProperties=false: consumers must accept fields added later."""
    if isinstance(node, dict):
        node.pop("additionalProperties", None)
        for v in node.values():
            _open(v)
    elif isinstance(node, list):
        for v in node:
            _open(v)
    return node


def generate_schema() -> dict:
    schema = _open(Dossier.model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Parallax dossier"
    return schema
