"""Enrich stage: facts layered on a parsed document as spans. Today: dates (DTGs and written dates).

Entities, coreference and the cable vocabulary arrive with the entities issue; they will add spans here
through the same `enrich(doc)` entry point.
"""

from __future__ import annotations

from readingroom.model import Document, ParagraphKind as K, Span, SpanType
from readingroom.parse.dates import find_dates

ENRICH_VERSION = "1"


def enrich(doc: Document) -> Document:
    doc.spans = sorted(doc.spans + date_spans(doc), key=lambda s: (s.start, s.end, s.type))
    return doc


def date_spans(doc: Document) -> list[Span]:
    spans = []
    for p in doc.paragraphs:
        if p.kind in (K.HEADER, K.MARKING):
            continue
        for start, end in p.ranges():
            for d in find_dates(doc.text, start, end):
                spans.append(Span(d.start, d.end, SpanType.DATE, doc.text[d.start : d.end], d.kind, d.iso, "enrich"))
    return spans
