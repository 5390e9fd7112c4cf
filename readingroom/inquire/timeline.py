"""A timeline: the documents a query finds, by their dates, and the dates they mention (DTGs, written and
resolved relative dates), with counts by month and by year for a chart. Without a query the counts cover the
whole archive, not only the documents listed."""

from __future__ import annotations

from collections import Counter
from typing import Any

from readingroom.model import SpanType


def build_timeline(archive: Any, query: str | None, limit: int = 500, hidden: tuple[str, ...] = ()) -> dict[str, Any]:
    store = archive.store
    counts: dict[str | None, int] | None = None
    if query:
        hits = archive.search(query, group="doc", sort="date", limit=limit, mode="lexical", hidden=hidden).hits
        ids = [h.doc_id for h in hits]
    else:  # the whole archive, oldest first, as the viewer may see it
        ids = store.dated_documents(limit, hidden)
        counts = store.date_counts(hidden)
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
    if counts is None:
        counts = Counter(d["date"][:7] for d in documents)
        counts[None] = len(ids) - len(documents)
    by_year: Counter[str] = Counter()
    for period, n in counts.items():
        if period:
            by_year[period[:4]] += n
    return {
        "query": query,
        "documents": documents,
        "events": events,
        "by_month": [{"month": m, "count": c} for m, c in sorted((p, n) for p, n in counts.items() if p and len(p) == 7)],
        "by_year": [{"year": y, "count": c} for y, c in sorted(by_year.items())],
        "undated": counts.get(None, 0),
        "bars": "year" if _spans_years(by_year, 10) else "month",
    }


def _spans_years(by_year: Counter[str], years: int) -> bool:
    """Whether the dates run over `years` years or more: then a bar a month would be too many to read."""
    numbers = [int(y) for y in by_year if y.isdigit()]
    return bool(numbers) and max(numbers) - min(numbers) >= years
