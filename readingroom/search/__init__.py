"""Search stage: the query language in, ranked paragraph (or document) hits with snippets and facets out."""

from __future__ import annotations

from dataclasses import dataclass, field

from readingroom.search.query import parse_query
from readingroom.store import ParagraphHit, SearchRequest, Store

SORTS = ("relevance", "date", "-date")
GROUPS = ("paragraph", "doc")
MODES = ("auto", "lexical", "semantic", "hybrid")
# What `auto` means for search when the archive has paragraph vectors: the mode that measured best on the FRUS
# known-item set (bench/search_eval.py, bench/RESULTS.md: lexical MRR@10 0.835, hybrid 0.775, semantic 0.641).
# `ask` measures its own (inquire/__init__.py). Without vectors, auto is always lexical.
BEST_WITH_VECTORS = "lexical"


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[ParagraphHit]
    relaxed: bool = False  # no paragraph had every word, so any-word matches are shown
    group: str = "paragraph"
    total_documents: int | None = None
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    mode: str = "lexical"  # the mode that ran (what `auto` resolved to)
    documents_estimated: bool = False  # total_documents estimated, not counted (over EXACT_DOCUMENTS paragraphs)

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "group": self.group,
            "mode": self.mode,
            "total": self.total,
            "total_documents": self.total_documents,
            "documents_estimated": self.documents_estimated,
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
    mode: str = "auto",
    hidden: tuple[str, ...] = (),
    period_documents: bool = False,
) -> SearchResult:
    query = parse_query(text)
    filters = tuple((name, value) for name, values in query.filters.items() for value in values)
    if query.tree is None and not filters:
        return SearchResult(text, 0, [], group=group)
    if query.tree is None or (mode == "auto" and not query.is_plain()):
        mode = "lexical"  # filters alone have no meaning to embed; phrases and operators ask for exact matches
    mode = resolve_mode(store, mode)
    options = dict(filters=filters, doc_ids=doc_ids, exclude_kinds=exclude_kinds, limit=limit, offset=offset,
                   sort=sort, group=group, facets=facets, exclude_collections=hidden,
                   period_documents=period_documents)  # fmt: skip
    if mode != "lexical":
        from readingroom.search.semantic import query_vector

        vector = query_vector(" ".join(query.terms()))
        page = store.search(SearchRequest(query.tree, "AND", mode=mode, vector=vector, **options))  # type: ignore[arg-type]
        return SearchResult(text, page.total, page.hits, False, group, page.total_documents, page.facets, mode,
                            page.documents_estimated)  # fmt: skip
    page = store.search(SearchRequest(query.tree, "AND", **options))  # type: ignore[arg-type]
    relaxed = False
    if page.total == 0 and query.tree is not None and len(query.terms()) > 1:
        page = store.search(SearchRequest(query.tree, "OR", **options))  # type: ignore[arg-type]
        relaxed = page.total > 0
    return SearchResult(text, page.total, page.hits, relaxed, group, page.total_documents, page.facets, mode,
                        page.documents_estimated)  # fmt: skip


def resolve_mode(store: Store, mode: str, best: str = BEST_WITH_VECTORS) -> str:
    """`auto` is the best measured mode this archive can run; an explicit mode it cannot run is an error."""
    from readingroom.errors import ReadingroomError
    from readingroom.search import semantic

    if mode not in MODES:
        raise ReadingroomError(f"unknown search mode '{mode}'", f"use one of {', '.join(MODES)}")
    if mode == "auto" and best == "lexical":
        return "lexical"
    has_vectors = store.has_embeddings()
    if mode == "auto":
        if not (has_vectors and semantic.available()):
            return "lexical"
        # Documents ingested since the last `embed` have no vectors: by meaning they would not be found at all,
        # and fused with words they rank low (a lexical-only hit scores half a hit of both lists). Until they
        # are embedded (`readingroom ingest` does it when the archive holds vectors), auto runs on words.
        return best if store.vectors_complete() else "lexical"
    if mode != "lexical":
        if not semantic.available():
            raise semantic.SemanticUnavailable(f"--mode {mode} needs the embedding model, which is not installed",
                                               semantic.INSTALL_HINT)  # fmt: skip
        if not has_vectors:
            raise semantic.SemanticUnavailable(f"--mode {mode}: this archive has no paragraph vectors yet",
                                               "run: readingroom embed")  # fmt: skip
    return mode
