"""Terminal side-by-side view of a story (`parallax compare`): what each outlet says."""

from __future__ import annotations

import os
from collections import defaultdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parallax.model import Alignment, Document, Dossier

STYLE = {"same": "green", "agree": "cyan", "conflict": "bold red", "only-here": "yellow"}
MAX_CHARS = 220
MAX_ONLY = 12  # only-here items listed per outlet (most distinctive first)


def outlet_label(doc: Document) -> str:
    return doc.outlet or doc.title or os.path.basename(doc.source) or doc.id


def _clip(text: str, limit: int = MAX_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _cell(text: str, style: str) -> Text:
    return Text(_clip(text), style=style)  # Text, not markup: article text is never interpreted


def print_comparison(dossier: Dossier, story_id: str | None, console: Console) -> None:
    """Per story: a column per outlet, a row per aligned statement, then what only one outlet says."""
    docs = {d.id: d for d in dossier.documents}
    stories = [s for s in dossier.stories if story_id is None or s.id == story_id]
    if not stories:
        console.print(Text(f"no story {story_id!r}" if story_id else "no stories", style="yellow"))
        return
    by_story: dict[str | None, list[Alignment]] = defaultdict(list)
    for a in dossier.alignments:
        by_story[a.story].append(a)
    for story in stories:
        story_docs = [docs[d] for d in story.docs if d in docs]
        when = " \u2013 ".join(x for x in dict.fromkeys([story.start, story.end]) if x)
        console.rule(Text(f"{story.title}  [{story.id}]" + (f"  {when}" if when else ""), style="bold"))
        if len(story_docs) < 2:
            console.print(Text(f"one source only: {', '.join(outlet_label(d) for d in story_docs)}", style="dim"))
            continue
        table = Table(show_lines=True, expand=True)
        table.add_column("", width=9, no_wrap=True)
        for d in story_docs:
            table.add_column(Text(outlet_label(d)), ratio=1)
        column = {d.id: i for i, d in enumerate(story_docs)}
        aligned = [a for a in by_story.get(story.id, []) if a.relation != "only-here" and a.b is not None]
        aligned.sort(key=lambda a: (["conflict", "agree", "same"].index(a.relation), -a.score, a.a.doc, a.a.start))
        for a in aligned:
            row: list[Text] = [Text("") for _ in story_docs]
            style = STYLE[a.relation]
            for ref in (a.a, a.b):
                if ref is not None and ref.doc in column:
                    row[column[ref.doc]] = _cell(ref.text, style)
            label = f"{a.relation}\n{a.score:.2f}" + ("\npassage" if a.a.kind == "passage" else "")
            table.add_row(Text(label, style=style), *row)
        if aligned:
            console.print(table)
        else:
            console.print(Text("no statements aligned across these sources", style="dim"))
        only = [a for a in by_story.get(story.id, []) if a.relation == "only-here"]
        for d in story_docs:
            items = sorted((a for a in only if a.a.doc == d.id), key=lambda a: (-a.score, a.a.start))
            if not items:
                continue
            console.print(Text(f"only in {outlet_label(d)} ({len(items)})", style="bold yellow"))
            for a in items[:MAX_ONLY]:
                console.print(Text("  \u2022 ") + _cell(a.a.text, ""))
            if len(items) > MAX_ONLY:
                console.print(Text(f"  \u2026 and {len(items) - MAX_ONLY} more", style="dim"))
