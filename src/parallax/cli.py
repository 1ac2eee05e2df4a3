"""The `parallax` command line (Typer + Rich)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from parallax.config import get_settings

app = typer.Typer(help="Parallax: who said what, across outlets, screened against sanctions lists.",
                  no_args_is_help=True, add_completion=False)
export_app = typer.Typer(help="Export the dossier.", no_args_is_help=True)
entities_app = typer.Typer(help="Confirm or split cross-source entity merges.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(entities_app, name="entities")


def _register_stage_commands() -> None:
    from parallax.screen.cli import lists_app, screen_command

    app.add_typer(lists_app, name="lists")
    app.command("screen", help="Screen the stored entities against every loaded list.")(screen_command)


_register_stage_commands()

console = Console(stderr=True)
out = Console()

DbOption = typer.Option(None, "--db", help="SQLite file or postgresql:// URL (default: $PARALLAX_DB or parallax.db)")


def _db(db: str | None) -> str:
    return db or get_settings().db


def _open_store(db: str | None):
    from parallax.store import Store

    return Store(_db(db))


@app.command()
def analyze(
    inputs: list[str] = typer.Argument(..., help="Files, directories, feeds (.rss/.atom) or URLs."),
    db: str | None = DbOption,
    model: str | None = typer.Option(None, help="spaCy model (package name, path, or 'mooring-md')."),
    corpus: bool = typer.Option(True, help="Run the cross-document stages (resolve, align, screen) afterwards."),
    processes: int = typer.Option(None, "--processes", min=1, help="Parser processes ($PARALLAX_PROCESSES, default 1)."),
    embeddings: bool = typer.Option(None, "--embeddings/--no-embeddings",
                                    help="Align with sentence embeddings too (optional extra; $PARALLAX_EMBEDDINGS)."),
    dask: bool = typer.Option(False, "--dask", help="Run the per-document stage as a dask.bag (extra 'scale')."),
    scheduler: str = typer.Option("processes", "--scheduler",
                                  help="With --dask: processes, threads, synchronous, or a scheduler address."),
    workers: int = typer.Option(None, "--workers", min=1, help="With --dask: local workers (default: CPU count)."),
    partitions: int = typer.Option(None, "--partitions", min=1,
                                   help="With --dask: bag partitions per window of documents (default: 2 per worker)."),
) -> None:
    """Ingest articles, extract who said what, and store the results."""
    from parallax.analyze_run import Tally, fresh_documents, store_outcomes
    from parallax.ingest import iter_documents

    settings = get_settings()
    if model:
        settings.spacy_model = model
    if embeddings is not None:
        settings.embeddings = embeddings
    if processes:
        settings.processes = processes
    if dask:
        _check_dask(scheduler)
    store = _open_store(db)
    tally = Tally()
    fresh = fresh_documents(iter_documents(inputs, max_bytes=settings.max_bytes), store, tally, _report_error)
    with Progress(TextColumn("[bold]analyzing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.fields[name]}"), console=console, transient=False) as progress:
        if dask:
            outcomes = _dask_outcomes(fresh, settings, scheduler, workers, partitions, progress)
        else:
            from parallax.pipeline import analyze_stream

            fresh = list(fresh)
            outcomes = analyze_stream(fresh, settings)
            progress.add_task("analyze", total=len(fresh), name="")

        def done(document) -> None:
            progress.update(progress.task_ids[0], advance=1, name=Path(document.source).name[:40])

        store_outcomes(outcomes, store, tally, _report_error, done)
    if corpus and (tally.stored or not tally.already):
        _run_corpus(store, settings)
    console.print(f"{tally.line()} -> {_db(db)}")
    if tally.stored == 0 and tally.already == 0 and tally.skipped == 0:
        raise typer.Exit(1)


def _report_error(message: str) -> None:
    from rich.markup import escape

    console.print(f"[red]error[/red] {escape(message)}", highlight=False, soft_wrap=True)


def _check_dask(scheduler: str) -> None:
    from parallax.scale import DaskUnavailable, check_scheduler, require_dask

    try:
        require_dask()
        check_scheduler(scheduler)
    except (DaskUnavailable, ValueError) as exc:
        _report_error(str(exc))
        raise typer.Exit(2) from None


def _dask_outcomes(fresh, settings, scheduler, workers, partitions, progress):
    """The Dask stream; documents are ingested lazily, so the bar's total grows with what has been
    handed to Dask so far and is final once ingestion ends."""
    from parallax.scale import DaskOptions, analyze_with_dask_stream

    task = progress.add_task("analyze", total=None, name="")
    handed = 0

    def counted():
        nonlocal handed
        for document in fresh:
            handed += 1
            progress.update(task, total=handed)
            yield document

    options = DaskOptions(scheduler=scheduler, workers=workers, partitions=partitions)
    return analyze_with_dask_stream(counted(), settings, options)


def _run_corpus(store, settings) -> None:
    from parallax.corpus import run_corpus_stages

    with console.status("resolving entities, grouping stories, aligning, screening"):
        run_corpus_stages(store, settings)


def load_final_dossier(db: str | None):
    from parallax.export.json import finalize

    store = _open_store(db)
    dossier = store.load_dossier()
    doc_entities = [e for a in store.analyses() for e in a.entities] if not dossier.entities else None
    return finalize(dossier, doc_entities, screened=bool(store.lists()))


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"wrote {output}")


@export_app.command("json")
def export_json(db: str | None = DbOption,
                output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default stdout).")) -> None:
    """The JSON dossier (schema: docs/json-export.md)."""
    from parallax.export.json import dump

    _write(dump(load_final_dossier(db)), output)


@export_app.command("ftm")
def export_ftm_cmd(db: str | None = DbOption,
                   output: Path | None = typer.Option(None, "-o", "--output", help="File to write (default stdout)."),
                   text: bool = typer.Option(False, "--text", help="Include article body text.")) -> None:
    """FollowTheMoney entities, one JSON object per line (people, organisations, articles, mentions, quotes)."""
    from parallax.export.ftm import export_ftm

    lines = (json.dumps(e, ensure_ascii=False) for e in export_ftm(load_final_dossier(db), include_text=text))
    _write("\n".join(lines), output)


@export_app.command("graphml")
def export_graphml(db: str | None = DbOption, story: str | None = typer.Option(None, help="Only this story."),
                   output: Path | None = typer.Option(None, "-o", "--output")) -> None:
    """The entity graph as GraphML."""
    from parallax.export.graph import to_graphml

    _write(to_graphml(load_final_dossier(db), story), output)


@export_app.command("gexf")
def export_gexf(db: str | None = DbOption, story: str | None = typer.Option(None, help="Only this story."),
                output: Path | None = typer.Option(None, "-o", "--output")) -> None:
    """The entity graph as GEXF (Gephi)."""
    from parallax.export.graph import to_gexf

    _write(to_gexf(load_final_dossier(db), story), output)


@app.command()
def report(db: str | None = DbOption, story: str | None = typer.Option(None, help="Story id (default: all)."),
           fmt: str = typer.Option("html", "--format", help="html or md"),
           output: Path | None = typer.Option(None, "-o", "--output")) -> None:
    """A self-contained briefing (timeline, graph, quotes by speaker, sources side by side)."""
    from parallax.export.report import render_report

    if fmt not in ("html", "md"):
        console.print(f"[red]error[/red] --format must be html or md, not {fmt!r}")
        raise typer.Exit(2)
    dossier = load_final_dossier(db)
    if story is not None and story not in {s.id for s in dossier.stories}:
        console.print(f"[red]error[/red] no story {story!r}; stories: {', '.join(s.id for s in dossier.stories)}")
        raise typer.Exit(2)
    _write(render_report(dossier, story, fmt), output)


@app.command()
def compare(db: str | None = DbOption, story: str | None = typer.Option(None, help="Story id (default: all).")) -> None:
    """Sources side by side: same/agree/conflicting statements and what only one outlet reports."""
    from parallax.align.compare import print_comparison

    print_comparison(load_final_dossier(db), story, out)


@app.command()
def serve(db: str | None = DbOption, host: str = typer.Option("127.0.0.1"), port: int = typer.Option(8000),
          token: str | None = typer.Option(None, envvar="PARALLAX_TOKEN", help="Require this bearer token."),
          read_only: bool = typer.Option(False, "--read-only", help="Refuse analyst decisions.")) -> None:
    """The REST API (/api, OpenAPI at /docs) and the web UI."""
    from parallax.api import serve as run_server

    run_server(_db(db), host=host, port=port, token=token, read_only=read_only)


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold file in the seeds.gold.json format."),
    db: str | None = DbOption,
    export: Path | None = typer.Option(None, "--export", help="Score this JSON export instead of the store."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="List every error."),
) -> None:
    """Precision/recall/F1 per category against a gold file."""
    from parallax.evaluate import TARGETS, evaluate as run
    from parallax.model import Dossier

    gold_data = json.loads(gold.read_text(encoding="utf-8"))
    if export is not None:
        dossier = Dossier.model_validate_json(export.read_text(encoding="utf-8"))
    else:
        dossier = load_final_dossier(db)
    report = run(gold_data, dossier)
    if as_json:
        out.print_json(data=report if verbose else {k: {m: v for m, v in r.items() if m != "errors"}
                                                       for k, r in report.items()})
        return
    table = Table(title=f"Parallax vs {gold.name}")
    table.add_column("category")
    table.add_column("figures")
    for name, r in report.items():
        figs = ", ".join(f"{k}={v}" for k, v in r.items() if k != "errors")
        table.add_row(name, figs)
    out.print(table)
    for cat, metric, target in TARGETS:
        got = report[cat][metric]
        ok = got <= target if metric == "scare_quotes_reported" else got >= target
        out.print(f"{'[green]PASS' if ok else '[red]FAIL'}[/] {cat}.{metric} = {got} (target {'≤' if metric == 'scare_quotes_reported' else '≥'} {target})")
    if verbose:
        for name, r in report.items():
            for e in r.get("errors", []):
                out.print(f"  {name}: {e}", highlight=False)


def _decide(kind: str, a: str, b: str, note: str | None, db: str | None) -> None:
    import hashlib
    from datetime import datetime, timezone

    from parallax.model import Decision

    store = _open_store(db)
    created = datetime.now(timezone.utc).isoformat(timespec="seconds")
    did = "D" + hashlib.sha1(f"{kind}|{a}|{b}|{created}".encode()).hexdigest()[:10]
    store.add_decision(Decision(id=did, kind=kind, a=a, b=b, note=note, created=created))
    _run_corpus(store, get_settings())
    console.print(f"{kind} {a!r} / {b!r} recorded as {did}; cross-document results recomputed")


@entities_app.command("merge")
def entities_merge(a: str = typer.Argument(..., help="Entity id, per-document entity id or name."),
                   b: str = typer.Argument(...), note: str | None = typer.Option(None), db: str | None = DbOption) -> None:
    """Confirm that A and B are the same (kept across re-runs)."""
    _decide("merge", a, b, note, db)


@entities_app.command("split")
def entities_split(a: str = typer.Argument(..., help="Entity id, per-document entity id or name."),
                   b: str = typer.Argument(...), note: str | None = typer.Option(None), db: str | None = DbOption) -> None:
    """Declare that A and B are different (kept across re-runs)."""
    _decide("split", a, b, note, db)


@entities_app.command("decisions")
def entities_decisions(db: str | None = DbOption) -> None:
    """List analyst merge/split decisions."""
    table = Table("id", "kind", "a", "b", "note", "created")
    for d in _open_store(db).decisions():
        table.add_row(d.id, d.kind, d.a, d.b, d.note or "", d.created or "")
    out.print(table)


@entities_app.command("list")
def entities_list(db: str | None = DbOption, type_: str | None = typer.Option(None, "--type"),
                  limit: int = typer.Option(50)) -> None:
    """Resolved entities with their aliases and the documents they appear in."""
    dossier = load_final_dossier(db)
    table = Table("id", "type", "name", "aliases", "docs", "mentions")
    shown = [e for e in dossier.entities if type_ is None or e.type == type_]
    for e in sorted(shown, key=lambda e: -len(e.mentions))[:limit]:
        table.add_row(e.id, e.type, e.name, ", ".join(e.aliases[:5]), str(len(set(m.doc for m in e.mentions))),
                      str(len(e.mentions)))
    out.print(table)


if __name__ == "__main__":  # pragma: no cover
    app()
