"""Server-rendered pages. Each has a JSON twin: ``?format=json`` (or the /api/ route it links to)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from parallax.api.scope import doc_index, entity_index, story_index
from parallax.web.home import home_view
from parallax.web.views import story_view

router = APIRouter(include_in_schema=False)
Format = Annotated[Literal["html", "json"], Query(description="html (default) or json")]
ItemId = Annotated[str, Path(max_length=300)]
PageOffset = Annotated[int, Query(ge=0, le=10**9, description="Items to skip.")]
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja environment shared with the reports. Autoescape is on for everything: article text is untrusted."""
    env = Environment(loader=PackageLoader("parallax.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["num"] = format_number
    env.filters["day"] = lambda v: (v or "")[:10]
    env.filters["clip"] = clip_context
    return env


def clip_context(text: str, keep: int = 160, at_end: bool = False) -> str:
    """Shorten long context around a highlighted span: keep the words next to it."""
    if len(text) <= keep:
        return text
    if at_end:  # text that follows the span
        cut = text.rfind(" ", 0, keep)
        return text[:cut if cut > keep // 2 else keep] + " …"
    cut = text.find(" ", len(text) - keep)
    return "… " + text[cut + 1 if 0 <= cut < len(text) - keep // 2 else len(text) - keep:]


def format_number(value: float | int | None) -> str:
    """1200.0 -> "1,200"; 2.50 -> "2.5"; None -> "—"."""
    if value is None:
        return "—"
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:.6g}"


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return resources.files("parallax.web").joinpath("static/parallax.css").read_text("utf-8")


def render(name: str, status_code: int = 200, **context) -> HTMLResponse:
    context.setdefault("static", False)
    return HTMLResponse(environment().get_template(name).render(**context), status_code=status_code)


def message_page(heading: str, message: str, status_code: int) -> HTMLResponse:
    return render("message.html", status_code=status_code, heading=heading, message=message)


def _repo(request: Request):
    return request.app.state.repo


def segments(text: str) -> list[dict]:
    """The text as lines with their start offsets; line breaks between them (text=None).

    The HTML parser rewrites CR/CRLF to LF, so breaks are kept outside the offset-carrying
    spans: inside a span, character i is exactly text[start + i].
    """
    out, pos = [], 0
    for m in _LINE_BREAK.finditer(text):
        if m.start() > pos:
            out.append({"start": pos, "text": text[pos:m.start()]})
        out.append({"start": m.start(), "text": None})
        pos = m.end()
    if pos < len(text):
        out.append({"start": pos, "text": text[pos:]})
    return out


@router.get("/", response_class=HTMLResponse)
def home(request: Request, format: Format = "html", stories_offset: PageOffset = 0,
         documents_offset: PageOffset = 0) -> Response:
    view = home_view(_repo(request), stories_offset, documents_offset)
    if format == "json":
        return JSONResponse(view)
    return render("index.html", view=view)


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: ItemId, format: Format = "html") -> Response:
    repo = _repo(request)
    index = story_index(repo.store, story_id, repo.screened)  # this story's rows only
    if index is None:
        if format == "json":
            raise HTTPException(404, f"no story with id {story_id!r}")
        return message_page("Story not found", f"There is no story with id {story_id!r}.", 404)
    view = story_view(index, story_id)
    if format == "json":
        return JSONResponse(view)
    return render("story.html", view=view)


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def doc_page(request: Request, doc_id: ItemId, format: Format = "html") -> Response:
    repo = _repo(request)
    index = doc_index(repo.store, doc_id, repo.screened)
    if index is None:
        if format == "json":
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return message_page("Document not found", f"There is no document with id {doc_id!r}.", 404)
    doc = index.documents[doc_id]
    facts = {
        "quotes": [{"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker.name if q.speaker else None}
                   for q in index.dossier.quotes],
        "numbers": [{"start": n.start, "end": n.end, "text": n.text, "about": n.about}
                    for n in index.dossier.numbers],
        "events": [{"start": e.start, "end": e.end, "text": e.date_text, "date": e.date}
                   for e in sorted(index.dossier.events, key=lambda e: e.start)],
    }
    sentences = [[s, e] for s, e in index.sentences(doc_id)]
    if format == "json":
        return JSONResponse({"document": doc.model_dump(mode="json"), "sentences": sentences, "facts": facts})
    stories = [index.stories[s] for s in index.stories_of_doc.get(doc_id, []) if s in index.stories]
    return render("doc.html", doc=doc, segments=segments(doc.text), facts=facts, sentences=sentences,
                  stories=stories)


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: ItemId, format: Format = "html") -> Response:
    repo = _repo(request)
    e = repo.store.resolve_entity(entity_id)
    if e is None:
        if format == "json":
            raise HTTPException(404, f"no entity with id {entity_id!r}")
        return message_page("Entity not found", f"There is no entity with id {entity_id!r}.", 404)
    index = entity_index(repo.store, [e], repo.screened, [m.doc for m in e.mentions])
    mentions = [index.provenance(m.doc, m.start, m.end) for m in e.mentions]
    hits = index.hits_by_entity.get(e.id, [])
    status = index.screening_status(e.id)
    if format == "json":
        return JSONResponse({"entity": e.model_dump(mode="json"), "mentions": mentions, "screening": status,
                             "hits": [h.model_dump(mode="json") for h in hits]})
    return render("entity.html", e=e, mentions=mentions, hits=hits, status=status)
