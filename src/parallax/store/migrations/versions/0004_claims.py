"""Claims: the asserted clauses of each document (extract/claims.py), the units alignment compares.

Documents stored before this migration have none; alignment falls back to whole sentences for
them until they are analysed again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("doc_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("quote_id", sa.String),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("doc_seq", sa.Integer),
    )
    op.create_index("ix_claims_doc_id", "claims", ["doc_id"])
    op.create_index("ix_claims_quote_id", "claims", ["quote_id"])
    op.create_index("ix_claims_seq_idx", "claims", ["doc_seq", "idx"])


def downgrade() -> None:
    op.drop_index("ix_claims_seq_idx", "claims")
    op.drop_index("ix_claims_quote_id", "claims")
    op.drop_index("ix_claims_doc_id", "claims")
    op.drop_table("claims")
