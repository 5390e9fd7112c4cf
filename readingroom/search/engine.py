"""Running a SearchRequest on the paragraph index: filters, grouping, sorting, snippets and facets."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any

import tantivy

from readingroom.enrich.entities.offices import names_an_office
from readingroom.search.hyphens import broken_words
from readingroom.search.index import FACET_FIELDS, PERIOD_FIELD, ParagraphIndex, analyze
from readingroom.search.query import Node, Op, Term
from readingroom.store import ParagraphHit, SearchPage, SearchRequest

SNIPPET_CHARS = 240
GROUP_POOL = 1000  # paragraphs examined to fill a page of documents
FACET_VALUES = 15  # values shown per facet
OFFICES_SPARE = 5  # entity buckets asked for beyond those shown, to stand in for offices left out

# Citation details of paragraphs by rowid, from the store: (doc_id, source_id, title, date, ordinal, locator,
# kind, start, end) for each paragraph asked for.
Hydrate = Callable[[list[int]], dict[int, tuple[Any, ...]]]


def build_query(index: ParagraphIndex, request: SearchRequest) -> tantivy.Query:
    must: list[tuple[tantivy.Occur, tantivy.Query]] = []
    if request.query is not None:
        must.append((tantivy.Occur.Must, index.text_query(request.query, request.default_op)))
    for name, value in request.filters:
        must.append((tantivy.Occur.Must, index.filter_query(name, value)))
    if request.doc_ids:
        docs = [(tantivy.Occur.Should, index.filter_query("doc", d)) for d in request.doc_ids]
        must.append((tantivy.Occur.Must, tantivy.Query.boolean_query(docs)))
    for collection in request.exclude_collections:
        must.append((tantivy.Occur.MustNot, tantivy.Query.term_query(index.schema, "collection", collection)))
    for doc_id in request.exclude_doc_ids:
        must.append((tantivy.Occur.MustNot, index.filter_query("doc", doc_id)))
    for kind in request.exclude_kinds:
        must.append((tantivy.Occur.MustNot, tantivy.Query.term_query(index.schema, "kind", kind)))
    if not any(occur == tantivy.Occur.Must for occur, _ in must):
        must.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(must)


def run(index: ParagraphIndex, request: SearchRequest, hydrate: Hydrate) -> SearchPage:
    searcher = index.searcher()
    query = build_query(index, request)
    order: dict[str, Any] = {}
    if request.sort in ("date", "-date"):
        order = {"order_by_field": "day", "order": tantivy.Order.Asc if request.sort == "date" else tantivy.Order.Desc}
    if request.limit == 0:  # counting only: tantivy needs a limit of one, and the hit is not read
        result = searcher.search(query, limit=1, **order)
        picked: list[tuple[float, tantivy.Document]] = []
    elif request.group == "doc":
        result, picked = _documents_page(searcher, query, request, order)
    else:
        result = searcher.search(query, limit=request.limit, offset=request.offset, **order)
        picked = [(score, searcher.doc(address)) for score, address in result.hits]
    snippets = tantivy.SnippetGenerator.create(searcher, query, index.schema, "text") if request.snippets else None
    if snippets is not None:
        snippets.set_max_num_chars(SNIPPET_CHARS)
    hits = hits_of(picked, hydrate, snippets, request.sort, query_stems(request.query) if snippets else set())
    page = SearchPage(hits, int(result.count or 0))  # type: ignore[attr-defined]  # the stubs lack `count`
    aggregate_into(page, searcher, query, request)
    return page


def _documents_page(searcher: tantivy.Searcher, query: tantivy.Query, request: SearchRequest,
                    order: dict[str, Any]) -> tuple[Any, list[tuple[float, tantivy.Document]]]:  # fmt: skip
    """A page of documents, each by its best paragraph: paragraphs are read in batches, the first of GROUP_POOL
    at most, each next one four times larger, until the page is full or none are left. (One pool of 1,000 had
    left the demo's 557 documents naming the United States at 375: later pages came back empty.)"""
    want = request.offset + request.limit
    batch = min(GROUP_POOL, max(50, want * 20))
    seen: set[int] = set()
    picked = []
    read = 0
    while True:
        result = searcher.search(query, limit=batch, offset=read, **order)
        for score, address in result.hits:
            doc = searcher.doc(address)
            if (doc_no := doc["doc_no"][0]) not in seen:
                seen.add(doc_no)
                picked.append((score, doc))
        read += len(result.hits)
        if len(picked) >= want or not result.hits or read >= int(result.count or 0):  # type: ignore[attr-defined]
            return result, picked[request.offset : want]
        batch *= 4


def aggregate_into(page: SearchPage, searcher: tantivy.Searcher, query: tantivy.Query, request: SearchRequest) -> None:
    """The page's count of documents and its facets, when grouping or facets ask for them: one aggregation."""
    if request.facets or request.period_documents or request.document_facets or request.group == "doc":
        exact = page.total <= EXACT_DOCUMENTS
        page.total_documents, page.facets = _aggregate(searcher, query, request.facets, request.period_documents,
                                                       request.document_facets, page.total if exact else None)  # fmt: skip
        page.documents_estimated = not exact


# Distinct documents are counted exactly up to this many matching paragraphs, and estimated beyond it by the
# index's cardinality sketch, which is off by about 1 % from a few hundred documents on ("minister" in the demo:
# 294 documents, estimated 286). Counting is a bucket a document, about 1 ms at 5,000 paragraphs; at 2,000 the
# million-paragraph benchmark's p95 with facets moved within its noise (bench/RESULTS.md).
EXACT_DOCUMENTS = 2000


def hits_of(picked: list[tuple[float, tantivy.Document]], hydrate: Hydrate, snippets: tantivy.SnippetGenerator | None,
            sort: str, stems: AbstractSet[str] = frozenset()) -> list[ParagraphHit]:  # fmt: skip
    details = hydrate([int(doc["para"][0]) for _, doc in picked])
    hits = []
    for score, doc in picked:
        para = int(doc["para"][0])
        if para in details:  # a paragraph the index still holds but the store no longer has is skipped
            hits.append(_hit(score, doc, details[para], snippets, sort, stems))
    return hits


def _hit(score: float, doc: tantivy.Document, details: tuple[Any, ...], snippets: tantivy.SnippetGenerator | None,
         sort: str, stems: AbstractSet[str] = frozenset()) -> ParagraphHit:  # fmt: skip
    text = doc["text"][0]
    if snippets is not None:
        snippet = snippets.snippet_from_doc(doc)
        fragment = snippet.fragment()
        highlights = [(h.start, h.end) for h in snippet.highlighted()]
        if not highlights and (broken := _broken_asked(text, stems)):  # found only as a word a line end broke
            begin = text.rfind(" ", 0, max(0, broken[0][0] - SNIPPET_CHARS // 3)) + 1
            fragment = text[begin : begin + SNIPPET_CHARS]
        highlights = _merge_adjacent(fragment, highlights + _broken_asked(fragment, stems))
        if not fragment:
            fragment, highlights = text[:SNIPPET_CHARS], []
    else:
        fragment, highlights = text[:SNIPPET_CHARS], []
    doc_id, source_id, title, date, ordinal, locator, kind, start, end = details
    return ParagraphHit(
        doc_id=doc_id, source_id=source_id, title=title, date=date, ordinal=ordinal, locator=locator, kind=kind,
        score=float(score) if sort == "relevance" else 0.0, text=text, start=start, end=end, snippet=fragment,
        highlights=highlights,
    )


def _aggregate(searcher: tantivy.Searcher, query: tantivy.Query, facets: bool, period_documents: bool = False,
               document_facets: tuple[str, ...] = (), count_up_to: int | None = None) -> tuple[int, dict]:  # fmt: skip
    """Distinct documents matched, and facet counts of matching paragraphs (the unit of results).

    Counting distinct documents inside every facet bucket costs ten times as much at a million paragraphs
    (bench/RESULTS.md), so facets count paragraphs and only the total counts documents — and, when asked,
    the documents of each month or year (`period_documents`: the timeline) or of each value of some fields
    (`document_facets`: the archive's overview, not every search). With `count_up_to` (the number of matching
    paragraphs, when it is small) documents are counted exactly, a bucket each, instead of estimated."""
    exact = count_up_to is not None
    spec: dict[str, dict] = {"documents": {"terms": {"field": "doc_no", "size": max(count_up_to or 0, 1)}}
                             if exact else {"cardinality": {"field": "doc_no"}}}  # fmt: skip
    if period_documents:
        spec["period_documents"] = {"terms": {"field": PERIOD_FIELD, "size": 5000},
                                    "aggs": {"documents": {"cardinality": {"field": "doc_no"}}}}  # fmt: skip
    if facets:
        for f in (*FACET_FIELDS, "tag", "entity"):
            spec[f] = {"terms": {"field": f, "size": FACET_VALUES + OFFICES_SPARE * (f == "entity")}}
        # Every month and year (a century of months is 1,200 buckets). Histogram buckets of the day field
        # instead measured p95 5.1 ms against 4.1 ms at a million paragraphs.
        spec[PERIOD_FIELD] = {"terms": {"field": PERIOD_FIELD, "size": 5000}}
    for f in document_facets:  # the values found in most documents, not in most paragraphs
        spec[f] = {"terms": {"field": f, "size": 30, "order": {"documents": "desc"}},
                   "aggs": {"documents": {"cardinality": {"field": "doc_no"}}}}  # fmt: skip
    result = searcher.aggregate(query, spec)
    counted = result.get("documents", {})
    documents = len(counted.get("buckets", [])) if exact else int(round(counted.get("value") or 0))
    counts = {
        name: [(b["key"], int(round(b["documents"]["value"])) if name in document_facets else int(b["doc_count"]))
               for b in result[name]["buckets"]]  # fmt: skip
        for name in spec
        if name not in ("documents", PERIOD_FIELD, "period_documents") and name in result
    }
    if "entity" in counts:  # "the Secretary" of a document that names no secretary: an office, not a name
        counts["entity"] = [(e, n) for e, n in counts["entity"] if not names_an_office(e)][: FACET_VALUES if facets else None]
    if "period_documents" in result:
        counts["period_documents"] = [(b["key"], int(round(b["documents"]["value"])))
                                      for b in result["period_documents"]["buckets"]]  # fmt: skip
    if PERIOD_FIELD in result:
        periods = [(b["key"], int(b["doc_count"])) for b in result[PERIOD_FIELD]["buckets"]]
        years: dict[str, int] = {}
        for key, n in periods:
            years[key[:4]] = years.get(key[:4], 0) + n
        counts["year"] = sorted(years.items())
        counts["month"] = sorted((key, n) for key, n in periods if len(key) == 7)
    return documents, counts


def query_stems(node: Node | None, negated: bool = False) -> set[str]:
    """The stems a query looks for (not those it rules out)."""
    if isinstance(node, Term):
        return set() if negated or node.prefix else set(analyze(node.text))
    if isinstance(node, Op):
        return set().union(*(query_stems(c, negated or (node.op == "NOT" and i > 0)) for i, c in enumerate(node.children)))
    return set()


def _broken_asked(text: str, stems: AbstractSet[str]) -> list[tuple[int, int]]:
    """Where `text` holds a word the query asks for broken at a line end ("RESPON- SIBILITY"): the index finds
    it whole (search/hyphens.py), the snippet generator, reading the text, does not mark it."""
    if not stems:
        return []
    return [(m.start(1), m.end(2)) for m in broken_words(text) if set(analyze(m.group(1) + m.group(2))) & stems]


def _merge_adjacent(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Highlights of a phrase's words, separated only by spaces, read as one highlight."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
