"""Indexes for paging the REST API through the store; a casefolded outlet column; facts carry
their document's seq.

Each list the API serves is read in the order of an index, so a page costs its own rows and
not a sort of the table: facts in ingestion order (doc_seq, idx: the document's seq copied
onto each fact, since ordering by a joined column sorts every row), the timeline (date,
doc_id, start, idx), corpus results by their saved position, documents by casefolded outlet
(SQL lower() folds ASCII only in SQLite, so Python folds it).

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

FACT_TABLES = ("doc_entities", "quotes", "numbers", "events")
INDEXES = [
    ("ix_documents_outlet_key_seq", "documents", ["outlet_key", "seq"]),
    *((f"ix_{table}_seq_idx", table, ["doc_seq", "idx"]) for table in FACT_TABLES),
    ("ix_quotes_kind_seq_idx", "quotes", ["kind", "doc_seq", "idx"]),
    ("ix_events_date_doc_start", "events", ["date", "doc_id", "start", "idx"]),
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
    seq = sa.table("documents", sa.column("id", sa.String), sa.column("seq", sa.Integer))
    for name in FACT_TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("doc_seq", sa.Integer))
        facts = sa.table(name, sa.column("doc_id", sa.String), sa.column("doc_seq", sa.Integer))
        conn.execute(sa.update(facts).values(
            doc_seq=sa.select(seq.c.seq).where(seq.c.id == facts.c.doc_id).scalar_subquery()))
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    for name in FACT_TABLES:
        with op.batch_alter_table(name) as batch:
            batch.drop_column("doc_seq")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("outlet_key")
