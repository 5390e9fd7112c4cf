"""A timeline: the documents a query finds, by their dates, and the dates they mention (DTGs, written and
resolved relative dates), with counts by month for a chart."""

from __future__ import annotations

from collections import Counter
from typing import Any

from readingroom.model import SpanType


def build_timeline(archive: Any, query: str | None, limit: int = 500, hidden: tuple[str, ...] = ()) -> dict[str, Any]:
    store = archive.store
    if query:
        hits = archive.search(query, group="doc", sort="date", limit=limit, mode="lexical", hidden=hidden).hits
        ids = [h.doc_id for h in hits]
    else:  # the whole archive, oldest first, as the viewer may see it
        ids = store.dated_documents(limit, hidden)
    documents, events = [], []
    for doc_id in ids:
        doc = store.get_document(doc_id)
        if doc is None or (doc.collection and doc.collection in hidden):
            continue
        if doc.date:
            documents.append({"date": doc.date, "doc_id": doc.id, "source_id": doc.source_id, "title": doc.title})
        for s in doc.spans:
            if s.type == SpanType.DATE and s.value and s.value != doc.date:
                para = next((p for p in doc.paragraphs if p.start <= s.start < p.end), None)
                events.append({"date": s.value, "doc_id": doc.id, "source_id": doc.source_id, "text": s.text,
                               "kind": s.label, "locator": para.locator if para else None})  # fmt: skip
    documents.sort(key=lambda d: d["date"])
    events.sort(key=lambda e: e["date"])
    by_month = Counter(d["date"][:7] for d in documents if len(d["date"]) >= 7)
    return {
        "query": query,
        "documents": documents,
        "events": events,
        "by_month": [{"month": m, "count": c} for m, c in sorted(by_month.items())],
        "undated": len(ids) - len(documents),
    }
