"""The store's tables (SQLAlchemy Core). Migrations in ``migrations/versions`` create them.

Each table has real columns for what is queried or filtered on, plus a ``data`` JSON
column with the full pydantic dump, so the models can gain fields without a migration.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()


def _doc_fk() -> Column:
    return Column("doc_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True)


documents = Table(
    "documents", metadata,
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False, index=True),  # ingestion order
    Column("source", Text, nullable=False),
    Column("outlet", String, index=True),
    Column("outlet_key", String),  # casefolded outlet: the API's case-insensitive filter, indexed with seq
    Column("title", Text),
    Column("byline", Text),
    Column("published", String, index=True),  # ISO 8601 text: compares as a string
    Column("language", String),
    Column("content_hash", String, nullable=False, unique=True),
    Column("ingested_at", String, nullable=False),
    Column("text", Text, nullable=False),
    Column("data", JSON, nullable=False),  # the Document dump without its text
    Index("ix_documents_outlet_key_seq", "outlet_key", "seq"),
)

sentences = Table(
    "sentences", metadata,
    _doc_fk(),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("doc_id", "idx"),
)

doc_entities = Table(
    "doc_entities", metadata,
    Column("id", String, primary_key=True),
    Column("idx", Integer, nullable=False),  # position in the saved list
    _doc_fk(),
    Column("name", Text, nullable=False),
    Column("type", String, nullable=False, index=True),
    Column("data", JSON, nullable=False),
    Column("doc_seq", Integer),  # the document's seq: facts page in ingestion order without a join
    Index("ix_doc_entities_seq_idx", "doc_seq", "idx"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", String, primary_key=True),
    Column("idx", Integer, nullable=False),  # position in the saved list
    _doc_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("kind", String, nullable=False, index=True),
    Column("speaker_name", Text),
    Column("speaker_entity", String, index=True),
    Column("data", JSON, nullable=False),
    Column("doc_seq", Integer),  # the document's seq: facts page in ingestion order without a join
    Index("ix_quotes_seq_idx", "doc_seq", "idx"),
    Index("ix_quotes_kind_seq_idx", "kind", "doc_seq", "idx"),  # kind has 3 values: filter and order in one
)

numbers = Table(
    "numbers", metadata,
    Column("id", String, primary_key=True),
    Column("idx", Integer, nullable=False),  # position in the saved list
    _doc_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Float),
    Column("unit", String),
    Column("data", JSON, nullable=False),
    Column("doc_seq", Integer),  # the document's seq: facts page in ingestion order without a join
    Index("ix_numbers_seq_idx", "doc_seq", "idx"),
)

events = Table(
    "events", metadata,
    Column("id", String, primary_key=True),
    Column("idx", Integer, nullable=False),  # position in the saved list
    _doc_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("date", String, nullable=False, index=True),  # YYYY / YYYY-MM / YYYY-MM-DD
    Column("data", JSON, nullable=False),
    Column("doc_seq", Integer),  # the document's seq: facts page in ingestion order without a join
    Index("ix_events_seq_idx", "doc_seq", "idx"),
    Index("ix_events_date_doc_start", "date", "doc_id", "start", "idx"),  # the timeline order
)

claims = Table(
    "claims", metadata,
    Column("id", String, primary_key=True),
    Column("idx", Integer, nullable=False),  # position in the saved list
    _doc_fk(),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote_id", String, index=True),  # the quote a claim was reported or quoted in
    Column("data", JSON, nullable=False),
    Column("doc_seq", Integer),  # the document's seq: facts page in ingestion order without a join
    Index("ix_claims_seq_idx", "doc_seq", "idx"),
)

# Corpus-level results: replaced as a whole after each analyze run.
entities = Table(
    "entities", metadata,
    Column("id", String, primary_key=True),
    Column("idx", Integer, nullable=False),  # position in the saved list
    Column("name", Text, nullable=False, index=True),
    Column("type", String, nullable=False, index=True),
    Column("aliases", Text, nullable=False, default=""),  # newline-joined, for name search
    Column("mention_count", Integer, nullable=False, default=0),  # for "most mentioned first"
    Column("data", JSON, nullable=False),
    Index("ix_entities_idx", "idx"),
    Index("ix_entities_type_idx", "type", "idx"),
)

entity_members = Table(
    "entity_members", metadata,
    Column("entity_id", String, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("doc_entity_id", String, nullable=False, index=True),
    PrimaryKeyConstraint("entity_id", "doc_entity_id"),
)

stories = Table(
    "stories", metadata,
    Column("id", String, primary_key=True),
    Column("idx", Integer, nullable=False),  # position in the saved list
    Column("title", Text, nullable=False),
    Column("data", JSON, nullable=False),
    Index("ix_stories_idx", "idx"),
)

story_docs = Table(
    "story_docs", metadata,
    Column("story_id", String, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("doc_id", String, nullable=False, index=True),
    PrimaryKeyConstraint("story_id", "doc_id"),
)

alignments = Table(
    "alignments", metadata,
    Column("id", String, primary_key=True),
    Column("idx", Integer, nullable=False),  # position in the saved list
    Column("story_id", String, index=True),
    Column("relation", String, nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("a_doc", String, nullable=False, index=True),
    Column("b_doc", String, index=True),
    Column("data", JSON, nullable=False),
    Index("ix_alignments_idx", "idx"),
    Index("ix_alignments_story_idx", "story_id", "idx"),
)

screening = Table(
    "screening", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String, nullable=False, index=True),
    Column("list_name", String, nullable=False, index=True),
    Column("list_entry_id", String, nullable=False),
    Column("score", Float, nullable=False),
    Column("list_version", String),
    Column("data", JSON, nullable=False),
)

# Analyst merge/split decisions: kept across re-runs, never replaced.
decisions = Table(
    "decisions", metadata,
    Column("id", String, primary_key=True),
    Column("kind", String, nullable=False),
    Column("a", String, nullable=False),
    Column("b", String, nullable=False),
    Column("note", Text),
    Column("created", String, nullable=False),
)

# Sanctions lists.
lists = Table(
    "lists", metadata,
    Column("name", String, primary_key=True),
    Column("version", String, nullable=False),
    Column("source", Text, nullable=False),
    Column("loaded_at", String, nullable=False),
    Column("entry_count", Integer, nullable=False),
)

list_entries = Table(
    "list_entries", metadata,
    Column("list_name", String, ForeignKey("lists.name", ondelete="CASCADE"), nullable=False),
    Column("entry_id", String, nullable=False),
    Column("schema", String, nullable=False),
    Column("name", Text, nullable=False),
    Column("data", JSON, nullable=False),
    PrimaryKeyConstraint("list_name", "entry_id"),
    Index("ix_list_entries_name", "name"),
)

# Small counters; "revision" is bumped inside every write transaction.
store_meta = Table(
    "store_meta", metadata,
    Column("key", String, primary_key=True),
    Column("value", Integer, nullable=False),
)
