"""Persistence: SQLite or PostgreSQL through SQLAlchemy Core, migrated with Alembic on open."""

from parallax.store.engine import database_url
from parallax.store.store import Store, content_hash_of

__all__ = ["Store", "content_hash_of", "database_url"]
