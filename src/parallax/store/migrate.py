"""Run the packaged Alembic migrations programmatically (no alembic.ini needed)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

SCRIPT_LOCATION = "parallax.store:migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest revision; a no-op when it is already there."""
    cfg = alembic_config()
    head = head_revision()
    with engine.connect() as conn:
        conn.execution_options(write=True)  # SQLite: BEGIN IMMEDIATE, one migrator at a time
        with conn.begin():
            if conn.dialect.name == "postgresql":
                # Two processes opening a fresh database at once must not both create the tables.
                conn.execute(text("SELECT pg_advisory_xact_lock(7358210001)"))
            if current_revision(conn) == head:
                return
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
