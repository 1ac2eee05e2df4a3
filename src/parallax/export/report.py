"""The briefing: one story (or every story) as a self-contained HTML or Markdown document.

Same content as the story page (timeline, entity graph, quotes by speaker, source
comparison, figures). HTML: inline CSS and a static inline SVG graph, no scripts, no
external resources, so it opens offline. All article text is escaped.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Literal

from parallax.export.graph import svg_shapes
from parallax.model import Dossier
from parallax.web.facts import DossierIndex
from parallax.web.views import index_view, story_view



def render_report(dossier: Dossier, story_id: str | None = None, fmt: Literal["html", "md"] = "html") -> str:
    """The briefing for ``story_id`` (all stories when None). ValueError for an unknown story or format."""
    if fmt not in ("html", "md"):
        raise ValueError(f"unknown report format {fmt!r} (html or md)")
    index = DossierIndex(dossier, screened=bool(dossier.screening))
    if story_id is not None and story_id not in index.stories:
        raise ValueError(f"no story with id {story_id!r}")
    ids = [story_id] if story_id is not None else [s.id for s in dossier.stories]
    views = [story_view(index, i) for i in ids]
    doc_ids = {s["id"] for v in views for s in v["sources"]} if story_id is not None else set(index.documents)
    sources = [d for d in dossier.documents if d.id in doc_ids]
    title = views[0]["story"]["title"] if story_id is not None else "Dossier briefing"
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    counts = index_view(index)["counts"]
    if fmt == "md":
        return _markdown(title, generated, views, sources)
    from markupsafe import Markup

    from parallax.web.pages import environment, stylesheet

    stories = [{"view": v, "shapes": svg_shapes(v["graph"])} for v in views]
    return environment().get_template("report.html").render(
        static=True, inline_css=Markup(stylesheet()),  # our own file, never article text
        title=title, generated=generated, stories=stories, sources=sources,
        counts=counts)


# -- Markdown ---------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()|~])")


def md(text: object) -> str:
    """Escape text for Markdown: no markup, no raw HTML, no line breaks that start blocks."""
    s = str(text if text is not None else "")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return re.sub(r"\s*[\r\n\u2028\u2029]+\s*", " ", s).strip()


def _src(f: dict) -> str:
    return f"{md(f['outlet'])}, chars {f['start']}–{f['end']}"


def _markdown(title: str, generated: str, views: list[dict], sources: list) -> str:
    out = [f"# {md(title)}", "", f"_Briefing generated {generated}. Offsets are characters of each source article._", ""]
    for v in views:
        st = v["story"]
        if len(views) > 1:
            out += [f"# {md(st['title'])}", ""]
        span = " – ".join(x for x in (st["start"], st["end"]) if x)
        out += [f"Sources ({len(v['sources'])}){': ' + span if span else ''}", ""]
        out += [f"- **{md(s['outlet'])}**: {md(s['title'])}{' (' + md(s['published']) + ')' if s['published'] else ''}"
                for s in v["sources"]]
        out += ["", "## Timeline", ""]
        out += [f"- **{md(e['date'])}** — {md(e['description'] or e['text'])} ({_src(e)})" for e in v["timeline"]] \
            or ["_No dated events found._"]
        out += ["", "## Entity graph", ""]
        names = {n["id"]: n["name"] for n in v["graph"]["nodes"]}
        out += [f"- {md(n['name'])} ({md(n['type'])}, {n['mentions']} mentions)" for n in v["graph"]["nodes"]] \
            or ["_No people, organisations or places found._"]
        said = [e for e in v["graph"]["edges"] if e["kind"] == "said-about"]
        if said:
            out += ["", "Said about: " + "; ".join(f"{md(names[e['source']])} → {md(names[e['target']])}"
                                                   for e in said)]
        out += ["", "## Who said what", ""]
        for g in v["speakers"]:
            role = ", ".join(md(x) for x in (g["role"], g["organization"]) if x)
            badge = {"hit": "⚠ sanctions hit", "clear": "clear"}.get(g["screening"] or "", "not screened")
            out += [f"### {md(g['name'])}{' — ' + role if role else ''} [{badge}]", ""]
            out += [f"- “{md(q['quote'])}” ({q['kind']}; {_src(q)})" for q in g["quotes"]]
            out.append("")
        if not v["speakers"]:
            out += ["_No quotes found._", ""]
        out += ["## Source comparison", ""]
        cols = v["comparison"]["columns"]
        if v["comparison"]["rows"]:
            out.append("| Relation | " + " | ".join(md(c["outlet"]) for c in cols) + " |")
            out.append("|---" * (len(cols) + 1) + "|")
            for r in v["comparison"]["rows"]:
                rel = f"only in {md(r['only_in'])}" if r["relation"] == "only-here" else md(r["relation"])
                if r["conflicting_figures"]:
                    rel = "**conflicting figures**"
                cells = [md(r["cells"][c["id"]]["statement"]) + f" ({r['cells'][c['id']]['start']}–"
                         f"{r['cells'][c['id']]['end']})" if c["id"] in r["cells"] else "—" for c in cols]
                out.append(f"| {rel} ({r['score']:.2f}) | " + " | ".join(cells) + " |")
        else:
            out.append("_No alignments between sources._")
        out += ["", "## Figures", ""]
        out += [f"- {md(n['text'])}{' — ' + md(n['about']) if n['about'] else ''} ({_src(n)})" for n in v["numbers"]] \
            or ["_No figures found._"]
        out.append("")
    out += ["## Sources", ""]
    out += [f"- `{d.id}` {md(d.outlet or '')}: {md(d.title or d.source)}" for d in sources]
    return "\n".join(out) + "\n"
