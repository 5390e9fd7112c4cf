"""Search stage: the query language in, ranked paragraph hits with highlighted snippets out."""

from __future__ import annotations

from dataclasses import dataclass

from readingroom.search.query import Query, parse_query, to_fts5
from readingroom.store import ParagraphHit, SearchRequest, Store


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[ParagraphHit]
    relaxed: bool = False  # no paragraph had every word, so any-word matches are shown

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "total": self.total,
            "relaxed": self.relaxed,
            "hits": [hit_to_dict(h) for h in self.hits],
        }


def hit_to_dict(h: ParagraphHit) -> dict[str, object]:
    return {
        "doc_id": h.doc_id,
        "source_id": h.source_id,
        "title": h.title,
        "date": h.date,
        "locator": h.locator,
        "kind": h.kind,
        "score": round(h.score, 4),
        "snippet": h.snippet,
        "highlights": [list(x) for x in h.highlights],
        "start": h.start,
        "end": h.end,
    }


def search(
    store: Store,
    text: str,
    limit: int = 10,
    offset: int = 0,
    doc_ids: tuple[str, ...] = (),
    exclude_kinds: tuple[str, ...] = (),
    any_word: bool = False,
) -> SearchResult:
    query = parse_query(text)
    if query.tree is None:
        return SearchResult(text, 0, [])
    request = _request(query, limit, offset, doc_ids, exclude_kinds, "OR" if any_word else "AND")
    hits, total = store.search(request)
    if total == 0 and not any_word and len(query.terms()) > 1:
        hits, total = store.search(_request(query, limit, offset, doc_ids, exclude_kinds, "OR"))
        return SearchResult(text, total, hits, relaxed=total > 0)
    return SearchResult(text, total, hits)


def _request(
    query: Query, limit: int, offset: int, doc_ids: tuple[str, ...], exclude_kinds: tuple[str, ...], op: str
) -> SearchRequest:
    assert query.tree is not None
    filters = tuple((name, value) for name, values in query.filters.items() for value in values)
    return SearchRequest(to_fts5(query.tree, op), filters, doc_ids, exclude_kinds, limit, offset)
