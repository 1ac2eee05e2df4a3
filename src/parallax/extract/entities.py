"""Named entities clustered within one document (in-document coreference).

Baseline: spaCy NER spans grouped by exact name and by surname. The richer rules
(NER fix-ups, acronyms, role nouns, roles/affiliations) build on `DocEntities`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from parallax.model import Entity, Mention
from parallax.nlp.analyzed import AnalyzedDoc

KEEP_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


@dataclass
class DocEntities:
    """The entities of one document, with the look-ups the quote finder needs."""

    ad: AnalyzedDoc
    entities: list[Entity] = field(default_factory=list)
    # (orig_start, orig_end, entity index) of every mention, sorted by start
    _spans: list[tuple[int, int, int]] = field(default_factory=list)

    def index(self) -> None:
        self._spans = sorted(
            (m.start, m.end, i) for i, e in enumerate(self.entities) for m in e.mentions
        )

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping original [start, end), if any."""
        i = bisect_left(self._spans, (start, -1, -1))
        for s, e, k in self._spans[max(i - 3, 0): i + 3]:
            if s < end and start < e:
                return self.entities[k]
        return None

    def find(self, name: str) -> Entity | None:
        """The entity a name refers to: full name, surname, alias."""
        key = name.strip().lower()
        for e in self.entities:
            if e.name.lower() == key or key in (a.lower() for a in e.aliases):
                return e
        return None

    def persons_before(self, offset: int) -> list[Entity]:
        """PERSON entities mentioned before an original offset, most recent first."""
        seen: list[Entity] = []
        for s, _e, k in reversed(self._spans):
            if s < offset and self.entities[k].type == "PERSON" and self.entities[k] not in seen:
                seen.append(self.entities[k])
        return seen


def extract_entities(ad: AnalyzedDoc) -> DocEntities:
    clusters: dict[tuple[str, str], Entity] = {}
    surname_of: dict[str, tuple[str, str]] = {}
    order: list[Entity] = []
    for ent in ad.doc.ents:
        if ent.label_ not in KEEP_LABELS:
            continue
        text = ent.text.strip()
        if text.endswith("'s"):
            text = text[:-2]
        key = (ent.label_, text.lower())
        if ent.label_ == "PERSON" and " " not in text and text.lower() in surname_of:
            key = surname_of[text.lower()]
        if key not in clusters:
            e = Entity(id=f"{ad.id}-e{len(order) + 1}", name=text, type=ent.label_, docs=[ad.id])
            clusters[key] = e
            order.append(e)
            if ent.label_ == "PERSON" and " " in text:
                surname_of.setdefault(text.split()[-1].lower(), key)
        e = clusters[key]
        m: Mention = ad.mention(ent.start_char, ent.start_char + len(text))
        e.mentions.append(m)
        if m.text != e.name and m.text not in e.aliases:
            e.aliases.append(m.text)
    de = DocEntities(ad=ad, entities=order)
    de.index()
    return de
