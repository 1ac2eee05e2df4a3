"""Alembic environment. The store runs it programmatically on an open connection
(``config.attributes["connection"]``); the alembic CLI also works with ``-x url=...``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from parallax.store.schema import metadata

config = context.config


def _run(connection) -> None:
    # render_as_batch: later ALTERs also work on SQLite (copy-and-move).
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    with create_engine(url).connect() as conn:
        _run(conn)
        conn.commit()
