"""Typer commands: ``parallax lists add/list`` and ``parallax screen`` (registered in parallax.cli)."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from parallax.config import get_settings
from parallax.screen.lists import ListFormatError

lists_app = typer.Typer(help="Sanctions lists: load and show.", no_args_is_help=True)
console = Console()


def _store(db: str | None):
    from parallax.store import Store

    return Store(db or get_settings().db)


@lists_app.command("add")
def add_command(file: str = typer.Argument(..., help="FtM JSON lines, targets.simple.csv, sdn.csv or sdn.xml"),
                db: str = typer.Option(None, "--db", help="database path or URL"),
                name: str = typer.Option(None, "--name", help="list name (default: the file stem)")) -> None:
    """Load (or replace) a sanctions list from FILE."""
    from parallax.screen.service import add_list

    with _store(db) as store:
        try:
            list_name, version, count = add_list(store, file, name=name)
        except ListFormatError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1) from None
    console.print(f"loaded list [bold]{list_name}[/bold] version {version}: {count} entries")


@lists_app.command("list")
def list_command(db: str = typer.Option(None, "--db", help="database path or URL")) -> None:
    """Show the loaded lists."""
    with _store(db) as store:
        rows = store.lists()
    table = Table("name", "version", "entries", "loaded", "source")
    for r in rows:
        table.add_row(r["name"], str(r.get("version") or ""), str(r.get("entry_count", "")),
                      str(r.get("loaded_at") or "")[:19], str(r.get("source") or ""))
    console.print(table)


def _feature_text(features: dict) -> str:
    parts = []
    for key, f in features.items():
        if key == "schema":
            continue
        value = f.get("value")
        parts.append(f"{key}={value:g}×{f.get('weight'):g}" if isinstance(value, (int, float)) else f"{key}={value}")
    return ", ".join(parts)


def screen_command(db: str = typer.Option(None, "--db", help="database path or URL"),
                   threshold: float = typer.Option(None, "--threshold",
                                                   help="minimum score (default: settings.screen_threshold)"),
                   as_json: bool = typer.Option(False, "--json", help="print hits as JSON lines")) -> None:
    """Screen the stored entities against every loaded list and store the hits."""
    from parallax.screen.service import screen_dossier

    with _store(db) as store:
        if not store.lists():
            console.print("[yellow]no lists loaded[/yellow] (use `parallax lists add FILE`)")
            raise typer.Exit(1)
        hits = screen_dossier(store, threshold=threshold)
        names = {e.id: e.name for e in store.load_dossier().entities}
        if not names:
            names = {e.id: e.name for a in store.analyses() for e in a.entities}
    if as_json:
        for h in hits:
            typer.echo(json.dumps(h.model_dump(mode="json"), ensure_ascii=False))
        return
    table = Table("entity", "list entry", "list", "score", "features", title=f"{len(hits)} screening hit(s)")
    for h in hits:
        table.add_row(names.get(h.entity, h.entity), f"{h.entry_name} ({h.list_entry_id})", h.list,
                      f"{h.score:.3f}", _feature_text(h.features))
    console.print(table)
