"""Semantic and hybrid ranking on the paragraph index.

The nearest paragraphs by meaning come from the vector matrix (search/semantic.py); the paragraph index then
does what it does for lexical hits — filters, restricted collections, scope, grouping, snippets and facets — so
every mode obeys the same rules. Hybrid fuses the lexical and semantic rankings by reciprocal rank fusion.
"""

from __future__ import annotations

from dataclasses import replace

import tantivy

from readingroom.search.engine import SNIPPET_CHARS, Hydrate, aggregate_into, build_query, hits_of, query_stems
from readingroom.search.index import ParagraphIndex
from readingroom.search.semantic import fuse
from readingroom.store import SearchPage, SearchRequest

LEXICAL_POOL = 300  # lexical hits fused; past a few hundred, 1/(60 + rank) no longer moves anything
MUST, SHOULD = tantivy.Occur.Must, tantivy.Occur.Should


def run(index: ParagraphIndex, request: SearchRequest, nearest: list[tuple[int, int, float]],
        hydrate: Hydrate) -> SearchPage:  # fmt: skip
    """`nearest`: (paragraph rowid, document number, cosine) of the nearest paragraphs, before any filter."""
    searcher = index.searcher()
    scope = build_query(index, replace(request, query=None))  # filters, scope and exclusions, no words
    in_pool = tantivy.Query.term_set_query(index.schema, "para", [p for p, _, _ in nearest]) if nearest else (
        tantivy.Query.empty_query())  # fmt: skip
    semantic_q = tantivy.Query.boolean_query([(MUST, scope), (MUST, in_pool)])
    allowed = _matching(searcher, semantic_q, len(nearest))
    ranked = [(p, cosine) for p, _, cosine in nearest if p in allowed]
    doc_no = {p: d for p, d, _ in nearest}
    docs: dict[int, tantivy.Document] = {}
    counted = semantic_q
    words = index.text_query(request.query, "OR") if request.query is not None else None
    if request.mode == "hybrid" and words is not None:
        lexical = _fetch(searcher, build_query(index, request), LEXICAL_POOL)
        if not lexical and request.default_op == "AND":  # no paragraph has every word: any word will do
            lexical = _fetch(searcher, build_query(index, replace(request, default_op="OR")), LEXICAL_POOL)
        docs.update(lexical)
        doc_no.update({p: d["doc_no"][0] for p, d in lexical.items()})
        ranked = fuse([list(lexical), [p for p, _ in ranked]])
        either = tantivy.Query.boolean_query([(SHOULD, words), (SHOULD, in_pool)])
        counted = tantivy.Query.boolean_query([(MUST, scope), (MUST, either)])
    if request.sort in ("date", "-date"):
        docs.update(_fetch_paras(searcher, index, [p for p, _ in ranked if p not in docs]))
        ranked.sort(key=lambda x: docs[x[0]].get_first("day") or 0, reverse=request.sort == "-date")
    if request.group == "doc":
        best: dict[int, tuple[int, float]] = {}  # one hit per document: its best-ranked paragraph
        for para, score in ranked:
            best.setdefault(doc_no[para], (para, score))
        ranked = list(best.values())
    page = ranked[request.offset : request.offset + request.limit]
    docs.update(_fetch_paras(searcher, index, [p for p, _ in page if p not in docs]))
    snippets = None
    if request.snippets and words is not None:  # highlight the query's words where the paragraph has them
        snippets = tantivy.SnippetGenerator.create(searcher, words, index.schema, "text")
        snippets.set_max_num_chars(SNIPPET_CHARS)
    hits = hits_of([(score, docs[p]) for p, score in page], hydrate, snippets, request.sort,
                   query_stems(request.query) if snippets else set())
    total = int(searcher.search(counted, limit=1).count or 0)  # type: ignore[attr-defined]  # the stubs lack `count`
    result = SearchPage(hits, total)
    aggregate_into(result, searcher, counted, request)
    return result


def _matching(searcher: tantivy.Searcher, query: tantivy.Query, size: int) -> set[int]:
    """Rowids of the paragraphs a query matches, read from the columnar `para` field, not the document store."""
    if size <= 0:
        return set()
    result = searcher.aggregate(query, {"paras": {"terms": {"field": "para", "size": size}}})
    return {int(b["key"]) for b in result["paras"]["buckets"]}


def _fetch(searcher: tantivy.Searcher, query: tantivy.Query, limit: int) -> dict[int, tantivy.Document]:
    """The stored paragraphs a query matches, best first, keyed by paragraph rowid."""
    found = {}
    for _, address in searcher.search(query, limit=limit).hits:
        doc = searcher.doc(address)
        found[int(doc["para"][0])] = doc
    return found


def _fetch_paras(searcher: tantivy.Searcher, index: ParagraphIndex, paras: list[int]) -> dict[int, tantivy.Document]:
    if not paras:
        return {}
    return _fetch(searcher, tantivy.Query.term_set_query(index.schema, "para", paras), len(paras))
