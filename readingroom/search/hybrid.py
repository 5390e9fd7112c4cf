"""Semantic and hybrid ranking on the paragraph index.

The nearest paragraphs by meaning come from the vector matrix (search/semantic.py); the paragraph index then
does what it does for lexical hits — filters, restricted collections, scope, grouping, snippets and facets — so
every mode obeys the same rules. Hybrid fuses the lexical and semantic rankings by reciprocal rank fusion.
"""

from __future__ import annotations

from dataclasses import replace

import tantivy

from readingroom.search.engine import Hydrate, _aggregate, build_query, hits_of
from readingroom.search.index import ParagraphIndex
from readingroom.search.semantic import fuse
from readingroom.store import SearchPage, SearchRequest

LEXICAL_POOL = 300  # lexical hits fused; past a few hundred, 1/(60 + rank) no longer moves anything
MUST, SHOULD = tantivy.Occur.Must, tantivy.Occur.Should


def run(index: ParagraphIndex, request: SearchRequest, nearest: list[tuple[int, float]], hydrate: Hydrate) -> SearchPage:
    searcher = index.searcher()
    scope = build_query(index, replace(request, query=None))  # filters, scope and exclusions, no words
    in_pool = tantivy.Query.term_set_query(index.schema, "para", [p for p, _ in nearest]) if nearest else (
        tantivy.Query.empty_query())  # fmt: skip
    semantic_q = tantivy.Query.boolean_query([(MUST, scope), (MUST, in_pool)])
    docs = _fetch(searcher, semantic_q, len(nearest))
    ranked = [(p, cosine) for p, cosine in nearest if p in docs]
    counted = semantic_q
    words = index.text_query(request.query, "OR") if request.query is not None else None
    if request.mode == "hybrid" and words is not None:
        lexical = _fetch(searcher, build_query(index, request), LEXICAL_POOL)
        if not lexical and request.default_op == "AND":  # no paragraph has every word: any word will do
            lexical = _fetch(searcher, build_query(index, replace(request, default_op="OR")), LEXICAL_POOL)
        docs.update(lexical)
        ranked = fuse([list(lexical), [p for p, _ in ranked]])
        either = tantivy.Query.boolean_query([(SHOULD, words), (SHOULD, in_pool)])
        counted = tantivy.Query.boolean_query([(MUST, scope), (MUST, either)])
    if request.sort in ("date", "-date"):
        ranked.sort(key=lambda x: docs[x[0]].get_first("day") or 0, reverse=request.sort == "-date")
    if request.group == "doc":
        seen: set[int] = set()
        ranked = [x for x in ranked if not (docs[x[0]]["doc_no"][0] in seen or seen.add(docs[x[0]]["doc_no"][0]))]
    page = ranked[request.offset : request.offset + request.limit]
    snippets = None
    if request.snippets and words is not None:  # highlight the query's words where the paragraph has them
        snippets = tantivy.SnippetGenerator.create(searcher, words, index.schema, "text")
        snippets.set_max_num_chars(240)
    hits = hits_of([(score, docs[p]) for p, score in page], hydrate, snippets, request.sort)
    total = int(searcher.search(counted, limit=1).count or 0)
    result = SearchPage(hits, total)
    if request.facets or request.group == "doc":
        result.total_documents, result.facets = _aggregate(searcher, counted, request.facets)
    return result


def _fetch(searcher: tantivy.Searcher, query: tantivy.Query, limit: int) -> dict[int, tantivy.Document]:
    """The stored paragraphs a query matches, best first, keyed by paragraph rowid."""
    if limit <= 0:
        return {}
    found = {}
    for _, address in searcher.search(query, limit=limit).hits:
        doc = searcher.doc(address)
        found[int(doc["para"][0])] = doc
    return found
