"""Search stage: the query language in, ranked paragraph (or document) hits with snippets and facets out."""

from __future__ import annotations

from dataclasses import dataclass, field

from readingroom.search.query import parse_query
from readingroom.store import ParagraphHit, SearchRequest, Store

SORTS = ("relevance", "date", "-date")
GROUPS = ("paragraph", "doc")
MODES = ("lexical", "semantic", "hybrid")


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[ParagraphHit]
    relaxed: bool = False  # no paragraph had every word, so any-word matches are shown
    group: str = "paragraph"
    total_documents: int | None = None
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "group": self.group,
            "total": self.total,
            "total_documents": self.total_documents,
            "relaxed": self.relaxed,
            "hits": [hit_to_dict(h) for h in self.hits],
            "facets": {name: [{"value": v, "count": c} for v, c in values] for name, values in self.facets.items()},
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
    sort: str = "relevance",
    group: str = "paragraph",
    facets: bool = True,
    doc_ids: tuple[str, ...] = (),
    exclude_kinds: tuple[str, ...] = (),
    mode: str = "lexical",
    hidden: tuple[str, ...] = (),
) -> SearchResult:
    if mode != "lexical":
        from readingroom.errors import ReadingroomError

        raise ReadingroomError(f"search mode '{mode}' is not available yet", "use --mode lexical")
    query = parse_query(text)
    filters = tuple((name, value) for name, values in query.filters.items() for value in values)
    if query.tree is None and not filters:
        return SearchResult(text, 0, [], group=group)
    options = dict(filters=filters, doc_ids=doc_ids, exclude_kinds=exclude_kinds, limit=limit, offset=offset,
                   sort=sort, group=group, facets=facets, exclude_collections=hidden)  # fmt: skip
    page = store.search(SearchRequest(query.tree, "AND", **options))  # type: ignore[arg-type]
    relaxed = False
    if page.total == 0 and query.tree is not None and len(query.terms()) > 1:
        page = store.search(SearchRequest(query.tree, "OR", **options))  # type: ignore[arg-type]
        relaxed = page.total > 0
    return SearchResult(text, page.total, page.hits, relaxed, group, page.total_documents, page.facets)
