"""Initial schema: documents and their facts, corpus results, decisions, sanctions lists.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk() -> sa.Column:
    return sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)


def _index(table: str, *columns: str) -> None:
    op.create_index(f"ix_{table}_{columns[0]}", table, list(columns))


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("outlet", sa.String),
        sa.Column("title", sa.Text),
        sa.Column("byline", sa.Text),
        sa.Column("published", sa.String),
        sa.Column("language", sa.String),
        sa.Column("content_hash", sa.String, nullable=False, unique=True),
        sa.Column("ingested_at", sa.String, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    for col in ("seq", "outlet", "published"):
        _index("documents", col)

    op.create_table(
        "sentences",
        _doc_fk(),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("doc_id", "idx"),
    )
    _index("sentences", "doc_id")

    op.create_table(
        "doc_entities",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("idx", sa.Integer, nullable=False),
        _doc_fk(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    _index("doc_entities", "doc_id")
    _index("doc_entities", "type")

    op.create_table(
        "quotes",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("idx", sa.Integer, nullable=False),
        _doc_fk(),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("speaker_name", sa.Text),
        sa.Column("speaker_entity", sa.String),
        sa.Column("data", sa.JSON, nullable=False),
    )
    for col in ("doc_id", "kind", "speaker_entity"):
        _index("quotes", col)

    op.create_table(
        "numbers",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("idx", sa.Integer, nullable=False),
        _doc_fk(),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("unit", sa.String),
        sa.Column("data", sa.JSON, nullable=False),
    )
    _index("numbers", "doc_id")

    op.create_table(
        "events",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("idx", sa.Integer, nullable=False),
        _doc_fk(),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("date", sa.String, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    _index("events", "doc_id")
    _index("events", "date")

    op.create_table(
        "entities",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("mention_count", sa.Integer, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    _index("entities", "name")
    _index("entities", "type")

    op.create_table(
        "entity_members",
        sa.Column("entity_id", sa.String, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("doc_entity_id", sa.String, nullable=False),
        sa.PrimaryKeyConstraint("entity_id", "doc_entity_id"),
    )
    _index("entity_members", "entity_id")
    _index("entity_members", "doc_entity_id")

    op.create_table(
        "stories",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )

    op.create_table(
        "story_docs",
        sa.Column("story_id", sa.String, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        sa.Column("doc_id", sa.String, nullable=False),
        sa.PrimaryKeyConstraint("story_id", "doc_id"),
    )
    _index("story_docs", "story_id")
    _index("story_docs", "doc_id")

    op.create_table(
        "alignments",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("story_id", sa.String),
        sa.Column("relation", sa.String, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("a_doc", sa.String, nullable=False),
        sa.Column("b_doc", sa.String),
        sa.Column("data", sa.JSON, nullable=False),
    )
    for col in ("story_id", "relation", "a_doc", "b_doc"):
        _index("alignments", col)

    op.create_table(
        "screening",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entity_id", sa.String, nullable=False),
        sa.Column("list_name", sa.String, nullable=False),
        sa.Column("list_entry_id", sa.String, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("list_version", sa.String),
        sa.Column("data", sa.JSON, nullable=False),
    )
    _index("screening", "entity_id")
    _index("screening", "list_name")

    op.create_table(
        "decisions",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("a", sa.String, nullable=False),
        sa.Column("b", sa.String, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created", sa.String, nullable=False),
    )

    op.create_table(
        "lists",
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("version", sa.String, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("loaded_at", sa.String, nullable=False),
        sa.Column("entry_count", sa.Integer, nullable=False),
    )

    op.create_table(
        "list_entries",
        sa.Column("list_name", sa.String, sa.ForeignKey("lists.name", ondelete="CASCADE"), nullable=False),
        sa.Column("entry_id", sa.String, nullable=False),
        sa.Column("schema", sa.String, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("list_name", "entry_id"),
    )
    _index("list_entries", "name")


def downgrade() -> None:
    for table in ("list_entries", "lists", "decisions", "screening", "alignments", "story_docs", "stories",
                  "entity_members", "entities", "events", "numbers", "quotes", "doc_entities", "sentences",
                  "documents"):
        op.drop_table(table)
