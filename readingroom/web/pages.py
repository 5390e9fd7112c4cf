"""The reading room's pages: search, document, ask, entity, timeline. Server-rendered with Jinja2 (autoescape
on); a few lines of JavaScript copy citations. Works without a build step."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from readingroom.inquire import SIDES_CAVEAT, cite_short, evidence_groups
from readingroom.inquire.corroborate import corroborate
from readingroom.inquire.sourcing import sourcing_card
from readingroom.inquire.timeline import build_timeline
from readingroom.model import ParagraphKind as K
from readingroom.publish.citations import cite
from readingroom.search import MODES, semantic
from readingroom.store import access
from readingroom.web.auth import check_csrf, csrf_token, require_admin, require_editor, viewer_for
from readingroom.web.render import anchor, paragraph_html
from readingroom.words import plural

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals["anchor"] = anchor
templates.env.globals["cite_short"] = cite_short
templates.env.globals["plural"] = plural
# The query-language filter each facet's values are searched with (a facet value is a link to that search)
templates.env.globals["filter_for"] = {"year": "date", "classification": "classification", "sender": "from",
                                       "recipient": "to", "collection": "collection", "genre": "genre", "tag": "tag",
                                       "entity": "entity"}  # fmt: skip
router = APIRouter()
PAGE = 20


def _lib(request: Request) -> Any:
    return request.app.state.library


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message}, status_code=status)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", page: int = Query(1, ge=1, le=500), group: str = "paragraph",
                sort: str = "relevance", mode: str = "auto", deleted: str = Query("", max_length=300),
                viewer: access.Viewer = Depends(viewer_for)) -> HTMLResponse:  # fmt: skip
    result = overview = None
    sets: list[dict[str, Any]] = []
    lib = _lib(request)
    mode = mode if mode in MODES else "auto"
    with lib.lock:
        meaning = lib.archive.store.has_embeddings() and semantic.available()
        if not q:  # the archive at a glance, each value a way in
            overview = lib.archive.overview(viewer.hidden)
            sets = lib.archive.sets(viewer.hidden)
        else:
            result = lib.archive.search(q, limit=PAGE, offset=(page - 1) * PAGE,
                                        group=group if group in ("paragraph", "doc") else "paragraph",
                                        sort=sort if sort in ("relevance", "date", "-date") else "relevance",
                                        mode=mode if meaning else "lexical", hidden=viewer.hidden)  # fmt: skip
    context = {"q": q, "result": result, "page": page, "group": group, "sort": sort, "mode": mode, "page_size": PAGE,
               "meaning": meaning, "deleted": deleted, "overview": overview, "sets": sets}  # fmt: skip
    return templates.TemplateResponse(request, "search.html", context)


@router.get("/search")
def search_elsewhere(request: Request) -> RedirectResponse:
    """Search lives on the front page; /search?q=… (what people type, and other tools link) goes there."""
    query = request.url.query
    return RedirectResponse("/" + (f"?{query}" if query else ""), status_code=307)


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, hl: str | None = None,
                  viewer: access.Viewer = Depends(viewer_for)) -> HTMLResponse:  # fmt: skip
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id, viewer.hidden)
        sets = access.list_sets(lib.archive.store.db) if viewer.can_write() else []
    highlight = _range(hl)
    paragraphs = [(p, paragraph_html(doc, p, highlight)) for p in doc.paragraphs]
    citations = {style: cite(doc, style) for style in ("chicago", "mla", "apa")}
    context = {"doc": doc, "paragraphs": paragraphs, "card": sourcing_card(doc), "citations": citations,
               "K": K, "dates": sorted({s.value for s in doc.spans if s.type == "date" and s.value}),
               "entities": sorted({(s.value, s.label) for s in doc.spans if s.type == "entity" and s.value}),
               "viewer": viewer, "sets": sets, "csrf": csrf_token(request)}  # fmt: skip
    return templates.TemplateResponse(request, "document.html", context)


def _range(hl: str | None) -> tuple[int, int] | None:
    try:
        a, b = (int(x) for x in (hl or "").split("-", 1))
        return (a, b) if 0 <= a < b else None
    except ValueError:
        return None


@router.post("/doc/{doc_id}/delete")
def delete_form(request: Request, doc_id: str, csrf: str = Form(...),
                admin: access.Viewer = Depends(require_admin)) -> RedirectResponse:  # fmt: skip
    """An admin removes a document from its page (the page asks first); the search page says what went."""
    check_csrf(request, csrf)
    lib = _lib(request)
    with lib.lock:
        (gone,) = lib.archive.delete([lib.archive.document(doc_id, admin.hidden).id])
    return RedirectResponse(f"/?deleted={quote(gone.source_id)}", status_code=303)


@router.get("/doc/{doc_id}/corroborate/{locator}", response_class=HTMLResponse)
def corroborate_page(request: Request, doc_id: str, locator: str,
                     viewer: access.Viewer = Depends(viewer_for)) -> HTMLResponse:  # fmt: skip
    """Passages in other documents that bear on one paragraph, each with why it was found."""
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id, viewer.hidden)
        found = corroborate(lib.archive.store, doc, locator, 8, viewer.hidden)
    para = doc.paragraph(locator)
    return templates.TemplateResponse(request, "corroborate.html", {"doc": doc, "para": para, "found": found})


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: str = "", set_id: int | None = Query(None, alias="set", ge=1),
             viewer: access.Viewer = Depends(viewer_for)) -> HTMLResponse:  # fmt: skip
    answer, scope = None, None
    lib = _lib(request)
    with lib.lock:
        if set_id is not None:
            scope = access.get_set(lib.archive.store.db, set_id)
        if q:
            answer = lib.archive.ask(q, set_id=set_id, hidden=viewer.hidden)
    groups = evidence_groups(answer.kind, answer.evidence, answer.question) if answer is not None else []
    return templates.TemplateResponse(request, "ask.html", {"q": q, "answer": answer, "scope": scope, "groups": groups,
                                                            "caveat": SIDES_CAVEAT})  # fmt: skip


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, viewer: access.Viewer = Depends(viewer_for)) -> HTMLResponse:
    lib = _lib(request)
    with lib.lock:
        record = lib.archive.entity(entity_id, viewer.hidden, limit=100)
    return templates.TemplateResponse(request, "entity.html", {"entity": record})


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, q: str = "", viewer: access.Viewer = Depends(viewer_for)) -> HTMLResponse:
    lib = _lib(request)
    with lib.lock:
        tl = build_timeline(lib.archive, q or None, 300, viewer.hidden)
    top = max((b["count"] for b in tl["chart"]), default=1)
    return templates.TemplateResponse(request, "timeline.html", {"q": q, "tl": tl, "top": top})


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "login.html", {"csrf": csrf_token(request), "failed": False})


@router.post("/login")
def login(request: Request, username: str = Form(...), password: str = Form(...), csrf: str = Form(...)) -> Any:
    check_csrf(request, csrf)
    lib = _lib(request)
    with lib.lock:
        role = access.check_password(lib.archive.store.db, username, password)
    if role is None:
        return templates.TemplateResponse(request, "login.html", {"csrf": csrf_token(request), "failed": True},
                                          status_code=401)  # fmt: skip
    request.session.clear()
    request.session["user"] = username
    return RedirectResponse("/sets", status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: str = Form(...)) -> RedirectResponse:
    check_csrf(request, csrf)
    request.session.clear()
    return RedirectResponse("/", status_code=303)


@router.get("/sets", response_class=HTMLResponse)
def sets_page(request: Request, viewer: access.Viewer = Depends(viewer_for)) -> HTMLResponse:
    lib = _lib(request)
    with lib.lock:
        sets = lib.archive.sets(viewer.hidden)
    return templates.TemplateResponse(request, "sets.html", {"sets": sets, "viewer": viewer, "csrf": csrf_token(request)})


@router.post("/sets")
def create_set_form(request: Request, title: str = Form(..., max_length=300), questions: str = Form(""),
                    headnote: str = Form(""), csrf: str = Form(...),
                    editor: access.Viewer = Depends(require_editor)) -> RedirectResponse:  # fmt: skip
    check_csrf(request, csrf)
    lib = _lib(request)
    with lib.lock:
        qs = [q.strip() for q in questions.splitlines() if q.strip()]
        set_id = access.create_set(lib.archive.store.db, title, headnote or None, qs, editor.username)
    return RedirectResponse(f"/sets/{set_id}", status_code=303)


@router.get("/sets/{set_id}", response_class=HTMLResponse)
def set_page(request: Request, set_id: int, viewer: access.Viewer = Depends(viewer_for)) -> HTMLResponse:
    lib = _lib(request)
    with lib.lock:
        data = access.get_set(lib.archive.store.db, set_id)
        docs = lib.archive.set_documents(set_id, viewer.hidden)
    return templates.TemplateResponse(request, "set.html", {"set": data, "docs": docs, "viewer": viewer,
                                                            "csrf": csrf_token(request)})  # fmt: skip


LESSON_MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}


@router.get("/sets/{set_id}/lesson.{fmt}")
def set_lesson(request: Request, set_id: int, fmt: str, answers: bool = False,
               viewer: access.Viewer = Depends(viewer_for)) -> Response:  # fmt: skip
    """The set published as a lesson (publish/lesson.py), with only the documents this reader may see."""
    return _lesson(request, fmt, f"lesson-{set_id}", answers, set_id=set_id, hidden=viewer.hidden)


@router.get("/doc/{doc_id}/lesson.{fmt}")
def document_lesson(request: Request, doc_id: str, fmt: str, answers: bool = False,
                    viewer: access.Viewer = Depends(viewer_for)) -> Response:  # fmt: skip
    """One document published as a lesson: its own packet (title, headnote, guiding questions) when it has one."""
    return _lesson(request, fmt, f"lesson-{doc_id[:16]}", answers, doc=doc_id, hidden=viewer.hidden)


def _lesson(request: Request, fmt: str, name: str, answers: bool, **scope: Any) -> Response:
    from readingroom.publish import lesson as lessons

    if fmt not in LESSON_MEDIA:
        return error_page(request, 404, f"no lesson format '{fmt}'; one of {', '.join(LESSON_MEDIA)}")
    lib = _lib(request)
    with lib.lock:
        lesson = lib.archive.lesson(answers=answers, **scope)
    body = lessons.render(lesson, fmt)  # outside the lock: laying out a PDF needs nothing of the archive
    filename = f"{name}{'-teacher' if answers else ''}.{fmt}"
    disposition = "inline" if fmt == "html" else f'attachment; filename="{filename}"'
    return Response(body, media_type=LESSON_MEDIA[fmt], headers={"Content-Disposition": disposition})


@router.post("/sets/{set_id}/documents")
def add_to_set_form(request: Request, set_id: int, doc_id: str = Form(...), csrf: str = Form(...),
                    editor: access.Viewer = Depends(require_editor)) -> RedirectResponse:  # fmt: skip
    check_csrf(request, csrf)
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id, editor.hidden)
        access.add_to_set(lib.archive.store.db, set_id, doc.id)
    return RedirectResponse(f"/sets/{set_id}", status_code=303)


@router.post("/sets/{set_id}/move")
def move_in_set(request: Request, set_id: int, doc_id: str = Form(...), direction: str = Form(...),
                csrf: str = Form(...), editor: access.Viewer = Depends(require_editor)) -> RedirectResponse:  # fmt: skip
    """Move a document one place up or down in the set's order."""
    check_csrf(request, csrf)
    lib = _lib(request)
    with lib.lock:
        order = list(access.get_set(lib.archive.store.db, set_id)["documents"])
        if doc_id in order:
            i = order.index(doc_id)
            j = i - 1 if direction == "up" else i + 1
            if 0 <= j < len(order):
                order[i], order[j] = order[j], order[i]
                access.reorder_set(lib.archive.store.db, set_id, order)
    return RedirectResponse(f"/sets/{set_id}", status_code=303)


@router.get("/doc/{volume}/{item}")
def document_by_source_id(request: Request, volume: str, item: str,
                          viewer: access.Viewer = Depends(viewer_for)) -> RedirectResponse:  # fmt: skip
    """A document named by a source id of two parts, as a FRUS address names it (/doc/frus1925v02/d123, from
    history.state.gov's /historicaldocuments/frus1925v02/d123) or a bulk file its record: its page. Registered
    last, so /doc/ID/lesson.html and the other pages under a document are matched first."""
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(f"{volume}/{item}", viewer.hidden)
    query = request.url.query
    return RedirectResponse(f"/doc/{doc.id}" + (f"?{query}" if query else ""), status_code=307)
