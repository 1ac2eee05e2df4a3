"""Sanctions lists: each list is replaced as a whole, atomically, and read back as entry dicts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime, timezone

from sqlalchemy import Connection, delete, insert, select, tuple_, update

from parallax.store import schema as t

BATCH = 5000  # rows per executemany


def _entry_row(list_name: str, entry: dict) -> dict:
    try:
        entry_id, schema, name = entry["id"], entry["schema"], entry["name"]
    except KeyError as missing:
        raise ValueError(f"list entry without {missing}: {str(entry)[:200]}") from None
    return {"list_name": list_name, "entry_id": str(entry_id), "schema": str(schema), "name": str(name or ""),
            "data": entry}


class ListsMixin:
    _read: Callable[[], AbstractContextManager[Connection]]
    _write: Callable[[], AbstractContextManager[Connection]]

    def replace_list(self, name: str, version: str, source: str, entries: Iterable[dict]) -> int:
        """Replace list ``name`` with ``entries`` (dicts with at least id, schema, name; stored
        whole). All or nothing: if the iterator or an insert fails, the previous version stays.
        Later duplicates of an entry id are dropped. Returns the number of entries stored."""
        count = 0
        seen: set[str] = set()
        with self._write() as conn:
            conn.execute(delete(t.list_entries).where(t.list_entries.c.list_name == name))
            conn.execute(delete(t.lists).where(t.lists.c.name == name))
            conn.execute(insert(t.lists), [{"name": name, "version": version, "source": source,
                                            "loaded_at": datetime.now(timezone.utc).isoformat(), "entry_count": 0}])
            batch: list[dict] = []
            for entry in entries:
                row = _entry_row(name, entry)
                if row["entry_id"] in seen:
                    continue
                seen.add(row["entry_id"])
                batch.append(row)
                if len(batch) >= BATCH:
                    conn.execute(insert(t.list_entries), batch)
                    count += len(batch)
                    batch = []
            if batch:
                conn.execute(insert(t.list_entries), batch)
                count += len(batch)
            conn.execute(update(t.lists).where(t.lists.c.name == name).values(entry_count=count))
        return count

    def lists(self) -> list[dict]:
        """Loaded lists: name, version, source, loaded_at, entry_count."""
        with self._read() as conn:
            return [dict(r._mapping) for r in conn.execute(select(t.lists).order_by(t.lists.c.name))]

    def list_entries(self, name: str | None = None) -> Iterator[dict]:
        """Entries of one list (or all lists), as stored, each with ``list`` set to its list's
        name when the entry did not have one. Streams in pages; no connection is held between."""
        e = t.list_entries
        after: tuple[str, str] | None = None
        while True:
            stmt = select(e.c.list_name, e.c.entry_id, e.c.data).order_by(e.c.list_name, e.c.entry_id).limit(BATCH)
            if name is not None:
                stmt = stmt.where(e.c.list_name == name)
            if after is not None:
                stmt = stmt.where(tuple_(e.c.list_name, e.c.entry_id) > after)
            with self._read() as conn:
                rows = conn.execute(stmt).all()
            for r in rows:
                data = dict(r.data)
                data.setdefault("list", r.list_name)
                yield data
            if len(rows) < BATCH:
                return
            after = (rows[-1].list_name, rows[-1].entry_id)

    def list_entry(self, name: str, entry_id: str) -> dict | None:
        with self._read() as conn:
            row = conn.execute(select(t.list_entries.c.data).where(
                t.list_entries.c.list_name == name, t.list_entries.c.entry_id == entry_id)).first()
        return dict(row.data) if row else None
