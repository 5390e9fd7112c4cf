"""Verified evidence from ranked candidates: near copies left out, a long paragraph quoted at its passage
nearest the question, and long paragraphs among the best candidates by meaning split into passages that
compete on their own."""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from readingroom.inquire.answer import Evidence
from readingroom.inquire.quotes import MAX_QUOTE, Quote, best_quote, passage_quote, windows
from readingroom.inquire.rank import CAUSAL
from readingroom.model import Document
from readingroom.search.semantic import encoder
from readingroom.store import ParagraphHit, Store


def evidence_from(store: Store, ranked: list[ParagraphHit], weights: dict[str, float], vector: Any,
                  kind: str, docs: dict[str, Document]) -> Iterator[Evidence]:  # fmt: skip
    """Verified evidence from the ranked hits, best first, leaving out near copies of a passage already given;
    made as it is asked for, so taking more later repeats no work."""
    seen_words: list[set[str]] = []
    for rank, hit in enumerate(ranked):
        words = set(re.findall(r"\w+", hit.text.lower()))
        if any(_jaccard(words, other) > 0.6 for other in seen_words):
            continue
        if (doc := document(store, hit.doc_id, docs)) is None:
            continue
        para = doc.paragraphs[hit.ordinal]
        if (hit.start, hit.end) != (para.start, para.end):  # one passage of a long paragraph
            quote: Quote | None = passage_quote(doc, para, hit.start, hit.end)
        else:
            quote = _by_meaning(store, hit, doc, vector, docs) if vector is not None else None
        quote = quote or best_quote(doc, para, weights, cues=CAUSAL if kind in ("explain", "evaluate") else None)
        seen_words.append(words)
        yield Evidence(doc.id, doc.source_id, doc.title, doc.date, para.locator, para.kind,
                       quote.text, quote.start, quote.end, _score(rank, len(ranked)), sender=doc.sender)  # fmt: skip


# Long paragraphs among the best LONG_POOL candidates by meaning are quoted passage by passage. All five
# question sets (71 phrases; bench/RESULTS.md), by meaning: R@5 0.68 -> 0.72, R@10 0.75 -> 0.80 (FRUS 1925
# 0.44 -> 0.56, our demo cables 0.89 -> 1.00); 30 holds what 60 and 100 did at half the encoding.
LONG_POOL = 30


def passages_of_long(store: Store, hits: list[ParagraphHit], vector: Any,
                     docs: dict[str, Document]) -> list[ParagraphHit]:  # fmt: skip
    """Candidates by meaning with each long paragraph among the best LONG_POOL replaced by its passages of
    whole sentences, each scored by its own nearness to the question: a paragraph's stored vector saw only its
    first 256 word pieces, and Kennan's 4,000-character ¶24 makes four points, each a reason of its own."""
    split = _passage_scores(store, hits[:LONG_POOL], vector, docs)
    out: list[ParagraphHit] = []
    for i, hit in enumerate(hits):
        if i not in split:
            out.append(hit)
            continue
        text = docs[hit.doc_id].text
        out += [replace(hit, text=text[s:e], start=s, end=e, score=c) for s, e, c in split[i]]
    return sorted(out, key=lambda h: -h.score)


def _passage_scores(store: Store, hits: list[ParagraphHit], vector: Any,
                    docs: dict[str, Document]) -> dict[int, list[tuple[int, int, float]]]:  # fmt: skip
    """The passages of the long paragraphs among `hits` (by index), each with its nearness to the question:
    from the vectors `embed` stored with them, or encoded now, in one batch, for an archive without them (or a
    paragraph rejoined from OCR segments)."""
    import numpy as np

    long = [i for i, hit in enumerate(hits) if len(hit.text) > MAX_QUOTE]
    stored = store.passage_vectors(list(dict.fromkeys(hits[i].doc_id for i in long))) if long else {}
    scored: dict[int, list[tuple[int, int, float]]] = {}
    encode: dict[int, list[tuple[int, int]]] = {}
    for i in long:
        hit = hits[i]
        if (doc := document(store, hit.doc_id, docs)) is None:
            continue
        if kept := stored.get((hit.doc_id, hit.ordinal)):
            scored[i] = [(s, e, float(np.frombuffer(v, dtype=np.float32) @ vector)) for s, e, v in kept]
        elif len(spans := windows(doc, doc.paragraphs[hit.ordinal])) > 1:
            encode[i] = spans
    if encode:
        near = iter(_passage_vectors([docs[hits[i].doc_id].text[s:e] for i, spans in encode.items() for s, e in spans]) @ vector)
        scored.update({i: [(s, e, float(next(near))) for s, e in spans] for i, spans in encode.items()})
    return scored


def document(store: Store, doc_id: str, docs: dict[str, Document]) -> Document | None:
    if doc_id not in docs and (doc := store.get_document(doc_id, spans=False)) is not None:
        docs[doc_id] = doc
    return docs.get(doc_id)


def _by_meaning(store: Store, hit: ParagraphHit, doc: Document, vector: Any, docs: dict[str, Document]) -> Quote | None:
    """For a paragraph too long to quote whole, when candidates were found by meaning: the passage nearest the
    question in meaning. The stored vector saw only the paragraph's first 256 word pieces, and the question's
    words may not be the passage's (Kennan's "Much depends on health and vigor of our own society" answers
    how to deal with Soviet power). Measured on three question sets: R@5 0.44 -> 0.53 with vectors, the
    seed's unchanged. (Long paragraphs among the best candidates are split before ranking instead.)"""
    passages = _passage_scores(store, [hit], vector, docs).get(0)
    if not passages:
        return None
    s, e, _ = max(passages, key=lambda p: p[2])
    return passage_quote(doc, doc.paragraphs[hit.ordinal], s, e)


_PASSAGE_VECTORS: OrderedDict[str, Any] = OrderedDict()
PASSAGE_CACHE = 4096  # about 6 MB of vectors: a question asked again, or its neighbours, encodes nothing


def _passage_vectors(passages: list[str]) -> Any:
    """One vector per passage, the ones not seen lately encoded in one batch."""
    import numpy as np

    missing = list(dict.fromkeys(p for p in passages if p not in _PASSAGE_VECTORS))
    if missing:
        _PASSAGE_VECTORS.update(zip(missing, encoder().encode(missing), strict=True))
        while len(_PASSAGE_VECTORS) > PASSAGE_CACHE:
            _PASSAGE_VECTORS.popitem(last=False)
    for p in passages:
        _PASSAGE_VECTORS.move_to_end(p)
    return np.stack([_PASSAGE_VECTORS[p] for p in passages])


def _score(rank: int, n: int) -> float:
    return 1.0 - rank / max(n, 1)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0

