"""Indexes for paging the REST API through the store, and a casefolded outlet column.

Each list the API serves is ordered and filtered by an index: facts in document order
(doc_id, idx), the timeline (date, doc_id, start), corpus results by their saved position,
documents by casefolded outlet (SQL lower() folds ASCII only in SQLite, so Python folds it).

Revision ID: 0003
Revises: 0002
Create Date: 2026-01-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_documents_outlet_key_seq", "documents", ["outlet_key", "seq"]),
    ("ix_doc_entities_doc_idx", "doc_entities", ["doc_id", "idx"]),
    ("ix_quotes_doc_idx", "quotes", ["doc_id", "idx"]),
    ("ix_numbers_doc_idx", "numbers", ["doc_id", "idx"]),
    ("ix_events_doc_idx", "events", ["doc_id", "idx"]),
    ("ix_events_date_doc_start", "events", ["date", "doc_id", "start"]),
    ("ix_entities_idx", "entities", ["idx"]),
    ("ix_entities_type_idx", "entities", ["type", "idx"]),
    ("ix_stories_idx", "stories", ["idx"]),
    ("ix_alignments_idx", "alignments", ["idx"]),
    ("ix_alignments_story_idx", "alignments", ["story_id", "idx"]),
]


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("outlet_key", sa.String))
    docs = sa.table("documents", sa.column("outlet", sa.String), sa.column("outlet_key", sa.String))
    conn = op.get_bind()
    outlets = conn.execute(sa.select(docs.c.outlet).where(docs.c.outlet.isnot(None)).distinct()).scalars().all()
    for outlet in outlets:
        conn.execute(sa.update(docs).where(docs.c.outlet == outlet).values(outlet_key=outlet.casefold()))
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("outlet_key")
