"""The FastAPI application: the REST API under /api/ and the web UI, on one server.

Auth (optional): with a token, every /api request needs ``Authorization: Bearer <token>``.
A browser opens the UI once with ``?token=<token>``; the server then sets an HttpOnly,
SameSite=Strict cookie and redirects to the same URL without the token, and the cookie
authorises both the pages and the /api calls made from them.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from parallax.api.repo import Repository
from parallax.api.routes import router as api_router
from parallax.web.pages import message_page
from parallax.web.pages import router as web_router

TOKEN_COOKIE = "parallax_token"
# Article text is untrusted: even if markup slipped through escaping, no inline script may run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
# FastAPI's stock Swagger UI (/docs) needs its inline bootstrap script and CDN assets.
DOCS_CSP = ("default-src 'self' https://cdn.jsdelivr.net; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
            "object-src 'none'; frame-ancestors 'none'")
OPEN_PATHS = ("/static/", "/docs", "/openapi.json", "/redoc", "/favicon.ico")


def create_app(db: str | None = None, *, token: str | None = None, read_only: bool = False,
               repo: Repository | None = None) -> FastAPI:
    """The API + UI over the store at ``db`` (SQLite path or PostgreSQL URL).

    ``repo`` replaces the store (tests); ``token`` enables bearer auth; ``read_only`` refuses writes (403).
    """
    if repo is None:
        if db is None:
            raise ValueError("create_app needs a database (db) or a repository (repo)")
        repo = Repository.open(db)
    app = FastAPI(title="Parallax", version="1.0",
                  description="Who said what, across outlets: documents, stories, entities, quotes, figures, "
                              "timelines, source alignments and sanctions screening. Every fact carries its "
                              "provenance (document id, character offsets, sentence). Auth (when enabled): "
                              "`Authorization: Bearer <token>`.")
    app.state.repo = repo
    app.state.read_only = read_only
    app.state.token = token or None
    app.include_router(api_router)
    app.include_router(web_router)
    app.mount("/static", StaticFiles(packages=[("parallax.web", "static")]), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next) -> Response:
        denied = _check_token(request, app.state.token)
        response = denied if denied is not None else await call_next(request)
        path = request.url.path
        response.headers["Content-Security-Policy"] = DOCS_CSP if path.startswith(("/docs", "/redoc")) else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_html(request):
            return message_page(_reason(exc.status_code), str(exc.detail), exc.status_code)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        message = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:]) or e['loc']}: {e['msg']}" for e in errors)
        if _wants_html(request):
            return message_page("Bad request", message, 422)
        return JSONResponse({"detail": errors, "message": message}, status_code=422)

    return app


def _check_token(request: Request, token: str | None) -> Response | None:
    """None if the request may proceed, else the response refusing (or redirecting) it."""
    if token is None:
        return None
    path = request.url.path
    if path.startswith(OPEN_PATHS):
        return None
    given = request.query_params.get("token")
    if given is not None and not path.startswith("/api") and hmac.compare_digest(given, token):
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = path + ("?" + urlencode(rest) if rest else "")
        redirect = RedirectResponse(target, status_code=303)
        redirect.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
        return redirect
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(value.strip(), token):
        return None
    cookie = request.cookies.get(TOKEN_COOKIE)
    if cookie is not None and hmac.compare_digest(cookie, token):
        return None
    if path.startswith("/api"):
        return JSONResponse({"detail": "missing or wrong bearer token (Authorization: Bearer <token>)"},
                            status_code=401, headers={"WWW-Authenticate": "Bearer"})
    return message_page("Token required", "This Parallax server needs a token: open this page once with "
                        "?token=<token> appended to the address.", 401)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not path.startswith("/api") and request.query_params.get("format") != "json" \
        and "text/html" in request.headers.get("accept", "")


def _reason(status: int) -> str:
    return {404: "Not found", 401: "Token required", 403: "Forbidden", 405: "Method not allowed"}.get(status, "Error")
