"""The one typed data model every stage reads and writes.

Field names of the exported classes are a public contract (docs/json-export.md):
later changes may only add fields. Offsets are always character offsets into
``Document.text`` (the original text, not the normalised one the NLP sees).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

QuoteKind = Literal["direct", "partial", "reported"]
Relation = Literal["same", "agree", "conflict", "only-here"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Model):
    """One ingested article."""

    id: str  # "d" + first 16 hex chars of the content hash: stable across runs
    source: str  # the path or URL it came from
    outlet: str | None = None
    title: str | None = None
    byline: str | None = None
    published: str | None = None  # ISO 8601; date-time with offset when known, else a date
    language: str | None = None
    text: str
    content_hash: str = ""  # sha256 of the normalised text, used for de-duplication


class Sentence(_Model):
    doc: str
    start: int
    end: int


class Mention(_Model):
    doc: str
    start: int
    end: int
    text: str


class RoleFact(_Model):
    """A role/affiliation an article gives a person ("a senior analyst at X")."""

    doc: str
    role: str | None = None
    organization: str | None = None
    start: int | None = None  # where the article says it
    end: int | None = None


class Entity(_Model):
    """A cluster of mentions of one real-world thing.

    Extraction produces one per document (``docs`` has one id); resolution merges
    them across documents into the entities that are exported.
    """

    id: str
    name: str  # the canonical (longest, most complete) name
    type: str  # PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, PRODUCT, ...
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    roles: list[RoleFact] = Field(default_factory=list)
    docs: list[str] = Field(default_factory=list)
    members: list[str] = Field(default_factory=list)  # ids of the per-document entities merged here
    merge_evidence: list[dict] = Field(default_factory=list)  # why members were merged (resolve stage)


class Speaker(_Model):
    entity: str | None = None  # Entity.id, when the speaker resolved to one
    name: str
    role: str | None = None
    organization: str | None = None
    screening: str | None = None  # "hit" / "clear" / None (not screened); filled by the screen stage


class Quote(_Model):
    id: str
    doc: str
    start: int  # the quoted words, without the quotation marks
    end: int
    text: str
    kind: QuoteKind
    cue: str | None = None  # the attribution verb or phrase ("said", "according to")
    speaker: Speaker | None = None
    sentence: Sentence | None = None


class NumberClaim(_Model):
    id: str = ""
    doc: str
    start: int
    end: int
    text: str
    value: float | None = None
    unit: str | None = None
    about: str | None = None  # what it counts
    qualifier: str | None = None  # "over", "at least", "nearly", ...
    time: str | None = None  # YYYY / YYYY-MM / YYYY-MM-DD the figure refers to, when stated
    sentence: Sentence | None = None


class Event(_Model):
    id: str = ""
    doc: str
    start: int  # the temporal expression
    end: int
    text: str  # the sentence-level event description
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    date_text: str  # the expression as written ("in May", "seven years ago")
    sentence: Sentence | None = None


class Claim(_Model):
    """One asserted clause: the outlet's own words, or (with ``quote``) what a speaker is quoted or reported saying."""

    id: str = ""
    doc: str
    start: int
    end: int
    text: str  # document text[start:end]
    gaps: list[list[int]] = Field(default_factory=list)  # [start, end) ranges inside that belong to other claims
    sentence: Sentence | None = None
    quote: str | None = None  # Quote.id when the claim is quoted or reported speech
    speaker: Speaker | None = None  # that quote's speaker; None: the outlet itself
    negated: bool = False
    core: list[list[int]] = Field(default_factory=list)  # ranges of the predicate and its arguments' head words


class Ref(_Model):
    """One end of an alignment: a statement in one document."""

    doc: str
    start: int
    end: int
    text: str
    kind: str = "sentence"  # sentence / claim / quote / number / passage (a paragraph)
    ref_id: str | None = None  # Claim.id, Quote.id or NumberClaim.id when it points at one


class Alignment(_Model):
    id: str
    story: str | None = None
    relation: Relation
    score: float
    a: Ref
    b: Ref | None = None  # None for only-here
    features: dict = Field(default_factory=dict)


class ScreeningHit(_Model):
    entity: str
    list: str
    list_entry_id: str
    score: float
    features: dict = Field(default_factory=dict)
    entry_name: str | None = None
    list_version: str | None = None


class Story(_Model):
    id: str
    title: str
    docs: list[str]
    start: str | None = None
    end: str | None = None


class DocAnalysis(_Model):
    """Everything extraction produced for one document (stored in one transaction)."""

    document: Document
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    numbers: list[NumberClaim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


class Dossier(_Model):
    """The JSON export (``parallax export json``)."""

    schema_version: str = "1.1"  # 1.1: claims[], alignment ends of kind "claim"
    documents: list[Document] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    numbers: list[NumberClaim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    alignments: list[Alignment] = Field(default_factory=list)
    screening: list[ScreeningHit] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)  # added in 1.1


class Decision(_Model):
    """An analyst's confirmation or split of a cross-document merge; kept across re-runs."""

    id: str
    kind: Literal["merge", "split"]
    a: str  # entity reference (see resolve/ for the accepted forms)
    b: str
    note: str | None = None
    created: str | None = None
