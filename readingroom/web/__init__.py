"""Web stage: the reading room (server-rendered pages) and the REST API, both thin layers over api.Archive.

    readingroom serve --db archive.db        # http://127.0.0.1:8000/  and  /api/docs
"""

from __future__ import annotations

import secrets
import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from readingroom import __version__
from readingroom.api import Archive
from readingroom.errors import NotFound, QuerySyntaxError, ReadingroomError
from readingroom.store import Store

STATIC = Path(__file__).parent / "static"


class Library:
    """The one archive a server serves. One database connection serves every request, so access is serialised; tantivy searches themselves are cheap (bench/RESULTS.md)."""

    def __init__(self, db: str, anonymous_read: bool = True):
        self.archive = Archive(db)
        self.lock = threading.Lock()
        self.anonymous_read = anonymous_read

    def session_secret(self) -> str:
        """Kept in the archive, so sessions survive restarts and every server of one archive agrees."""
        db = self.archive.store.db
        row = db.execute("SELECT value FROM meta WHERE key = 'session_secret'").fetchone()
        if row:
            return str(row[0])
        with db.transaction():  # two server processes may race here: the first secret written wins for both
            db.execute("INSERT INTO meta (key, value) VALUES ('session_secret', ?) ON CONFLICT DO NOTHING",
                       (secrets.token_urlsafe(48),))  # fmt: skip
        return str(db.execute("SELECT value FROM meta WHERE key = 'session_secret'").fetchone()[0])


def create_app(db: str, anonymous_read: bool = True) -> FastAPI:
    from starlette.middleware.sessions import SessionMiddleware

    from readingroom.web import api, pages

    app = FastAPI(title="readingroom", version=__version__, openapi_url="/api/openapi.json", docs_url="/api/docs",
                  redoc_url=None)  # fmt: skip
    app.state.library = Library(db, anonymous_read)
    _load_model_if_needed(app.state.library.archive.store)
    app.add_middleware(SessionMiddleware, secret_key=app.state.library.session_secret(), same_site="strict",
                       https_only=False, session_cookie="readingroom_session")  # fmt: skip
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _errors(app)
    return app


def _load_model_if_needed(store: Store) -> None:
    """With paragraph vectors, `ask` (and any search by meaning) embeds its question: load the model now, not on
    the first reader's question."""
    from readingroom.search import semantic

    if store.has_embeddings() and semantic.available():
        semantic.encoder()


def app_from_environment() -> FastAPI:
    """For `serve --workers N`: each server process builds its app from the environment."""
    import os

    return create_app(os.environ["READINGROOM_DB"], os.environ.get("READINGROOM_PRIVATE") != "1")


def _errors(app: FastAPI) -> None:
    """One JSON error shape for the API: {"error": {"status", "code", "message", "hint"}}; a reader who followed or
    edited a link to a page gets the error page instead, with the same message."""

    def answer(request: Request, status: int, code: str, message: str, hint: str | None = None) -> Response:
        if not request.url.path.startswith("/api"):
            from readingroom.web.pages import error_page

            return error_page(request, status, f"{message} — {hint}" if hint else message)
        return JSONResponse({"error": {"status": status, "code": code, "message": message, "hint": hint}}, status)

    @app.exception_handler(ReadingroomError)
    async def readingroom_error(request: Request, e: ReadingroomError) -> Response:
        status = 404 if isinstance(e, NotFound) else 400 if isinstance(e, QuerySyntaxError) else 422
        return answer(request, status, e.code, e.message, e.hint)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, e: RequestValidationError) -> Response:
        first = e.errors()[0] if e.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "query")
        hint = "see /api/docs" if request.url.path.startswith("/api") else None  # not for a reader of pages
        return answer(request, 422, "invalid_request", f"{where}: {first.get('msg', 'invalid')}", hint)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, e: StarletteHTTPException) -> Response:
        return answer(request, e.status_code, "http_error", str(e.detail))
