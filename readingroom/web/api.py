"""REST API under /api: the same operations as the CLI, as JSON. Limits are enforced by validation (422)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, Field

from readingroom.errors import NotFound
from readingroom.inquire.corroborate import corroborate
from readingroom.inquire.sourcing import sourcing_card
from readingroom.inquire.timeline import build_timeline
from readingroom.publish.citations import STYLES, cite
from readingroom.search import GROUPS, MODES, SORTS
from readingroom.store import access
from readingroom.web.auth import require_admin, require_editor, viewer_for

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=100, description="At most 100 per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000)]


def _lib(request: Request) -> Any:
    return request.app.state.library


@router.get("/search", response_model=None)
async def search(request: Request, q: str = "", limit: Limit = 10, offset: Offset = 0,
           group: Annotated[str, Query(pattern="^(" + "|".join(GROUPS) + ")$")] = "paragraph",
           sort: Annotated[str, Query(pattern="^(" + "|".join(SORTS) + ")$")] = "relevance",
           mode: Annotated[str, Query(pattern="^(" + "|".join(MODES) + ")$")] = "auto") -> Response:  # fmt: skip
    """Paragraph (or document) hits with snippets, highlights and facet counts. Same query language as the CLI;
    `mode` is lexical, semantic, hybrid or auto (lexical, which measured best; bench/RESULTS.md)."""
    # The busiest route answers on the event loop: a search takes about a millisecond under the library lock,
    # and two hops through the thread pool (the viewer, then the handler) cost more than the search itself.
    viewer = viewer_for(request)
    lib = _lib(request)
    with lib.lock:
        result = lib.archive.search(q, limit=limit, offset=offset, group=group, sort=sort, mode=mode,
                                    hidden=viewer.hidden)  # fmt: skip
    return Response(json.dumps(result.to_dict(), ensure_ascii=False), media_type="application/json")


@router.get("/overview")
def overview(request: Request, viewer: access.Viewer = Depends(viewer_for)) -> dict:
    """The archive at a glance: documents and paragraphs, documents by year, and the collections, senders,
    recipients, classifications, genres, tags and entities named in most documents, with their counts."""
    lib = _lib(request)
    with lib.lock:
        return lib.archive.overview(viewer.hidden).to_dict()


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str, viewer: access.Viewer = Depends(viewer_for)) -> dict:
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id, viewer.hidden)
        return doc.to_dict() | {"sourcing": sourcing_card(doc).to_dict()}


@router.delete("/documents/{doc_id}")
def delete_document(request: Request, doc_id: str, admin: access.Viewer = Depends(require_admin)) -> dict:
    """Removing a document is the archive's keeper's to do, as restricting a collection is."""
    lib = _lib(request)
    with lib.lock:
        (gone,) = lib.archive.delete([lib.archive.document(doc_id, admin.hidden).id])
    return {"deleted": {"doc_id": gone.doc_id, "source_id": gone.source_id, "title": gone.title}}


@router.get("/corroborate/{doc_id}/{locator}")
def corroboration(request: Request, doc_id: str, locator: str, limit: int = Query(8, ge=1, le=50),
                  viewer: access.Viewer = Depends(viewer_for)) -> list[dict]:  # fmt: skip
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id, viewer.hidden)
        return [c.to_dict() for c in corroborate(lib.archive.store, doc, locator, limit, viewer.hidden)]


@router.get("/documents/{doc_id}/paragraphs/{locator}")
def paragraph(request: Request, doc_id: str, locator: str, viewer: access.Viewer = Depends(viewer_for)) -> dict:
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id, viewer.hidden)
    para = doc.paragraph(locator)
    if para is None:
        raise NotFound(f"{doc.source_id} has no paragraph '{locator}'", f"GET /api/documents/{doc_id} lists them")
    return para.to_dict() | {"doc_id": doc.id, "source_id": doc.source_id}


@router.get("/ask")
def ask(request: Request, q: str, doc: str | None = None, within: str | None = None,
        set_id: Annotated[int | None, Query(alias="set", ge=1)] = None,
        limit: Annotated[int, Query(ge=1, le=50)] = 8, viewer: access.Viewer = Depends(viewer_for)) -> dict:  # fmt: skip
    """Verbatim, cited evidence for a question; every quote is checked against the stored text. `within` takes
    filters of the query language (from: to: date: tag: entity: collection: …); `set` a document set's id."""
    lib = _lib(request)
    with lib.lock:
        return lib.archive.ask(q, limit=limit, doc=doc, within=within, set_id=set_id, hidden=viewer.hidden).to_dict()


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: str, viewer: access.Viewer = Depends(viewer_for)) -> dict:
    lib = _lib(request)
    with lib.lock:
        return lib.archive.entity(entity_id, viewer.hidden, limit=100)


@router.get("/timeline")
def timeline(request: Request, q: str = "", limit: Annotated[int, Query(ge=1, le=1000)] = 200,
             viewer: access.Viewer = Depends(viewer_for)) -> dict:  # fmt: skip
    lib = _lib(request)
    with lib.lock:
        return build_timeline(lib.archive, q or None, limit, viewer.hidden)


@router.get("/cite/{doc_id}")
def citation(request: Request, doc_id: str, style: Annotated[str, Query(pattern="^(" + "|".join(STYLES) + ")$")] = "chicago",
             locator: str | None = None, viewer: access.Viewer = Depends(viewer_for)) -> dict:  # fmt: skip
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(doc_id, viewer.hidden)
    if locator and doc.paragraph(locator) is None:
        raise NotFound(f"{doc.source_id} has no paragraph '{locator}'", "check the locator")
    return {"doc_id": doc.id, "style": style, "locator": locator, "citation": cite(doc, style, locator)}


# -- document sets and administration (writes: editor or admin) ----------------------------------------------


class NewSet(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    headnote: str | None = Field(default=None, max_length=5000)
    questions: list[str] = Field(default_factory=list, max_length=20)


class NewItem(BaseModel):
    doc_id: str = Field(min_length=1, max_length=200)


class Order(BaseModel):
    doc_ids: list[str] = Field(max_length=1000)


@router.get("/sets")
def sets(request: Request, viewer: access.Viewer = Depends(viewer_for)) -> list[dict]:
    lib = _lib(request)
    with lib.lock:
        return lib.archive.sets(viewer.hidden)


@router.get("/sets/{set_id}")
def get_set(request: Request, set_id: int, viewer: access.Viewer = Depends(viewer_for)) -> dict:
    lib = _lib(request)
    with lib.lock:
        return access.get_set(lib.archive.store.db, set_id, viewer.hidden)


@router.post("/sets", status_code=201)
def create_set(request: Request, body: NewSet, editor: access.Viewer = Depends(require_editor)) -> dict:
    lib = _lib(request)
    with lib.lock:
        set_id = access.create_set(lib.archive.store.db, body.title, body.headnote, body.questions, editor.username)
        return access.get_set(lib.archive.store.db, set_id)


@router.post("/sets/{set_id}/documents", status_code=201)
def add_to_set(request: Request, set_id: int, body: NewItem, editor: access.Viewer = Depends(require_editor)) -> dict:
    lib = _lib(request)
    with lib.lock:
        doc = lib.archive.document(body.doc_id, editor.hidden)
        access.add_to_set(lib.archive.store.db, set_id, doc.id)
        return access.get_set(lib.archive.store.db, set_id)


@router.put("/sets/{set_id}/order")
def reorder(request: Request, set_id: int, body: Order, editor: access.Viewer = Depends(require_editor)) -> dict:
    lib = _lib(request)
    with lib.lock:
        access.reorder_set(lib.archive.store.db, set_id, body.doc_ids)
        return access.get_set(lib.archive.store.db, set_id)


@router.put("/collections/{collection}/restricted")
def set_restricted(request: Request, collection: str, restricted: bool = True,
                   admin: access.Viewer = Depends(require_admin)) -> dict:  # fmt: skip
    lib = _lib(request)
    with lib.lock:
        access.restrict(lib.archive.store.db, collection, restricted)
    return {"collection": collection, "restricted": restricted}
