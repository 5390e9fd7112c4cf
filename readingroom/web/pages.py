"""The reading room's pages: search, document, ask, entity, timeline. Server-rendered with Jinja2 (autoescape
on); a few lines of JavaScript copy citations. Works without a build step."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from readingroom.inquire.sourcing import sourcing_card
from readingroom.inquire.timeline import build_timeline
from readingroom.model import ParagraphKind as K
from readingroom.publish.citations import cite
from readingroom.web.render import anchor, paragraph_html

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals["anchor"] = anchor
router = APIRouter()
PAGE = 20


def _lib(request: Request) -> Any:
    return request.app.state.library


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message}, status_code=status)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", page: int = Query(1, ge=1, le=500), group: str = "paragraph",
                sort: str = "relevance") -> HTMLResponse:  # fmt: skip
    result = None
    if q:
        lib = _lib(request)
        with lib.lock:
            result = lib.archive.search(q, limit=PAGE, offset=(page - 1) * PAGE,
                                        group=group if group in ("paragraph", "doc") else "paragraph",
                                        sort=sort if sort in ("relevance", "date", "-date") else "relevance")  # fmt: skip
    return templates.TemplateResponse(request, "search.html", {"q": q, "result": result, "page": page, "group": group,
                                                               "sort": sort, "page_size": PAGE})  # fmt: skip


@router.get("/doc/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, hl: str | None = None) -> HTMLResponse:
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id)
    highlight = _range(hl)
    paragraphs = [(p, paragraph_html(doc, p, highlight)) for p in doc.paragraphs]
    citations = {style: cite(doc, style) for style in ("chicago", "mla", "apa")}
    context = {"doc": doc, "paragraphs": paragraphs, "card": sourcing_card(doc), "citations": citations,
               "K": K, "dates": sorted({s.value for s in doc.spans if s.type == "date" and s.value}),
               "entities": sorted({(s.value, s.label) for s in doc.spans if s.type == "entity" and s.value})}  # fmt: skip
    return templates.TemplateResponse(request, "document.html", context)


def _range(hl: str | None) -> tuple[int, int] | None:
    try:
        a, b = (int(x) for x in (hl or "").split("-", 1))
        return (a, b) if 0 <= a < b else None
    except ValueError:
        return None


@router.get("/ask", response_class=HTMLResponse)
def ask_page(request: Request, q: str = "") -> HTMLResponse:
    answer = None
    if q:
        lib = _lib(request)
        with lib.lock:
            answer = lib.archive.ask(q)
    return templates.TemplateResponse(request, "ask.html", {"q": q, "answer": answer})


@router.get("/entity/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    lib = _lib(request)
    with lib.lock:
        record = lib.archive.store.entity(entity_id)
        if record is None:
            return error_page(request, 404, f"no entity '{entity_id}' (run readingroom enrich)")
        docs = lib.archive.search(f'entity:"{record["id"]}"', group="doc", sort="date", limit=100)
    return templates.TemplateResponse(request, "entity.html", {"entity": record, "docs": docs})


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, q: str = "") -> HTMLResponse:
    lib = _lib(request)
    with lib.lock:
        tl = build_timeline(lib.archive, q or None, 300)
    top = max((m["count"] for m in tl["by_month"]), default=1)  # type: ignore[union-attr]
    return templates.TemplateResponse(request, "timeline.html", {"q": q, "tl": tl, "top": top})
