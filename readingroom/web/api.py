"""REST API under /api: the same operations as the CLI, as JSON. Limits are enforced by validation (422)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from readingroom.errors import NotFound
from readingroom.inquire.sourcing import sourcing_card
from readingroom.inquire.timeline import build_timeline
from readingroom.publish.citations import STYLES, cite
from readingroom.search import GROUPS, SORTS

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=100, description="At most 100 per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000)]


def _lib(request: Request) -> Any:
    return request.app.state.library


@router.get("/search")
def search(request: Request, q: str = "", limit: Limit = 10, offset: Offset = 0,
           group: Annotated[str, Query(pattern="^(" + "|".join(GROUPS) + ")$")] = "paragraph",
           sort: Annotated[str, Query(pattern="^(" + "|".join(SORTS) + ")$")] = "relevance") -> dict:  # fmt: skip
    """Paragraph (or document) hits with snippets, highlights and facet counts. Same query language as the CLI."""
    lib = _lib(request)
    with lib.lock:
        return lib.archive.search(q, limit=limit, offset=offset, group=group, sort=sort).to_dict()


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str) -> dict:
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id)
        return doc.to_dict() | {"sourcing": sourcing_card(doc).to_dict()}


@router.get("/documents/{doc_id}/paragraphs/{locator}")
def paragraph(request: Request, doc_id: str, locator: str) -> dict:
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id)
    para = doc.paragraph(locator)
    if para is None:
        raise NotFound(f"{doc.source_id} has no paragraph '{locator}'", f"GET /api/documents/{doc_id} lists them")
    return para.to_dict() | {"doc_id": doc.id, "source_id": doc.source_id}


@router.get("/ask")
def ask(request: Request, q: str, doc: str | None = None, within: str | None = None,
        limit: Annotated[int, Query(ge=1, le=50)] = 8) -> dict:  # fmt: skip
    """Verbatim, cited evidence for a question; every quote is checked against the stored text. `within` takes
    filters of the query language (from: to: date: tag: entity: collection: …)."""
    lib = _lib(request)
    with lib.lock:
        return lib.archive.ask(q, limit=limit, doc=doc, within=within).to_dict()


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str) -> dict:
    lib = _lib(request)
    with lib.lock:
        record = lib.archive.store.entity(entity_id)
        if record is None:
            raise NotFound(f"no entity '{entity_id}'", "ids look like GPE:RWANDA; run `readingroom enrich` first")
        docs = lib.archive.search(f'entity:"{record["id"]}"', group="doc", sort="date", limit=100)
    return record | {"mentioned_in": [{"doc_id": h.doc_id, "source_id": h.source_id, "title": h.title, "date": h.date,
                                       "locator": h.locator} for h in docs.hits]}  # fmt: skip


@router.get("/timeline")
def timeline(request: Request, q: str = "", limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict:
    lib = _lib(request)
    with lib.lock:
        return build_timeline(lib.archive, q or None, limit)


@router.get("/cite/{doc_id}")
def citation(request: Request, doc_id: str, style: Annotated[str, Query(pattern="^(" + "|".join(STYLES) + ")$")] = "chicago",
             locator: str | None = None) -> dict:  # fmt: skip
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id)
    if locator and doc.paragraph(locator) is None:
        raise NotFound(f"{doc.source_id} has no paragraph '{locator}'", "check the locator")
    return {"doc_id": doc.id, "style": style, "locator": locator, "citation": cite(doc, style, locator)}
