"""A timeline: the documents a query finds, by their dates, and the dates they mention (DTGs, written and
resolved relative dates), with counts by month and by year for a chart. The counts cover every document the
query matches (or the whole archive), not only the documents listed."""

from __future__ import annotations

from collections import Counter
from typing import Any

from readingroom.model import SpanType
from readingroom.search import search


def build_timeline(archive: Any, query: str | None, limit: int = 500, hidden: tuple[str, ...] = ()) -> dict[str, Any]:
    store = archive.store
    if query:  # the bars count every matching document, not only the `limit` listed
        found = search(store, query, group="doc", sort="date", limit=limit, facets=False, mode="lexical",
                       hidden=hidden, period_documents=True)  # fmt: skip
        ids = [h.doc_id for h in found.hits]
        counts: dict[str | None, int] = dict(found.facets.get("period_documents", []))
        counts[None] = max(0, (found.total_documents or 0) - sum(counts.values()))
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
                               "kind": s.label, "locator": para.locator if para else None,
                               # "OCT 11" in a cable dated 1973 alone: the year is the document's, not the text's
                               "year_from_document": s.label.endswith("-in-year")})  # fmt: skip
    documents.sort(key=lambda d: d["date"])
    events.sort(key=lambda e: e["date"])
    by_year: Counter[str] = Counter()
    for period, n in counts.items():
        if period:
            by_year[period[:4]] += n
    by_month = sorted((p, n) for p, n in counts.items() if p and len(p) == 7)
    bars = "year" if _spans_years(by_year, 10) else "month"
    return {
        "query": query,
        "documents": documents,
        "events": events,
        "by_month": [{"month": m, "count": c} for m, c in by_month],
        "by_year": [{"year": y, "count": c} for y, c in sorted(by_year.items())],
        "undated": counts.get(None, 0),
        # The chart the terminal and the reading room draw: a bar a month, or a year over ten years or more.
        "bars": bars,
        "chart": [{"label": k, "count": c} for k, c in (sorted(by_year.items()) if bars == "year" else by_month)],
        "year_only": 0 if bars == "year" else sum(by_year.values()) - sum(c for _, c in by_month),
    }


def _spans_years(by_year: Counter[str], years: int) -> bool:
    """Whether the dates run over `years` years or more: then a bar a month would be too many to read."""
    numbers = [int(y) for y in by_year if y.isdigit()]
    return bool(numbers) and max(numbers) - min(numbers) >= years
