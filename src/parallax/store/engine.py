"""Turning a path or URL into a configured SQLAlchemy engine."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool


def database_url(url_or_path: str | os.PathLike[str]) -> str:
    """A plain path (or ":memory:") means SQLite; postgresql:// URLs use psycopg 3."""
    s = os.fspath(url_or_path)
    for prefix in ("postgresql://", "postgres://"):
        if s.startswith(prefix):
            return "postgresql+psycopg://" + s[len(prefix):]
    if "://" in s:
        return s
    if s == ":memory:":
        return "sqlite://"
    path = Path(s).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _dumps(obj: object) -> str:
    return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS).decode()


def make_engine(url: str) -> Engine:
    json_opts = {"json_serializer": _dumps, "json_deserializer": orjson.loads}
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **json_opts)
    memory = url in ("sqlite://", "sqlite:///:memory:")
    engine = create_engine(
        url,
        connect_args={"timeout": 30, "check_same_thread": False},
        poolclass=StaticPool if memory else None,
        **json_opts,
    )
    _sqlite_transactions(engine, wal=not memory)
    return engine


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def _sqlite_transactions(engine: Engine, wal: bool) -> None:
    """Let SQLAlchemy, not pysqlite, decide where transactions begin (pysqlite's own
    handling starts them late and skips reads); writes take the lock up front with
    BEGIN IMMEDIATE so concurrent writers wait (busy timeout) instead of failing."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None
        # queries.fold: Unicode case folding (SQLite's lower() only folds ASCII)
        dbapi_conn.create_function("parallax_fold", 1, _casefold, deterministic=True)
        cur = dbapi_conn.cursor()
        if wal:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")
