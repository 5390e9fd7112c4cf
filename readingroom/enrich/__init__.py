"""Enrich stage: facts layered on a parsed document as spans.

Dates (DTGs and written dates) are found during ingest: they are cheap. Entities (enrich/entities/) cost about
9 ms a cable, so they run as a separate, resumable step over the stored archive — `readingroom enrich`, or
`ingest --entities` to run it straight after — which keeps ingest at its full speed (ARCHITECTURE.md).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from readingroom.model import Document, Span, SpanType
from readingroom.model import ParagraphKind as K
from readingroom.parse.dates import find_dates, find_relative_dates
from readingroom.parse.telegram import PRECEDENCE_WORDS, TAGS_RE, is_serial_line

if TYPE_CHECKING:
    from readingroom.store import Store


def enrich(doc: Document) -> Document:
    doc.spans = sorted(doc.spans + date_spans(doc), key=lambda s: (s.start, s.end, s.type))
    return doc


def date_spans(doc: Document) -> list[Span]:
    spans = []
    for p in doc.paragraphs:
        if p.kind in (K.HEADER, K.MARKING):
            continue
        for start, end in p.ranges():
            full = find_dates(doc.text, start, end)
            partial = [d for d in find_relative_dates(doc.text, doc.date, start, end)
                       if not any(f.start < d.end and d.start < f.end for f in full)]  # fmt: skip
            for d in full + partial:
                spans.append(Span(d.start, d.end, SpanType.DATE, doc.text[d.start : d.end], d.kind, d.iso, "enrich"))
    return spans


ENTITY_VERSION = 35  # bump when the tagger changes: `enrich` re-tags older documents


def document_entities(doc: Document) -> list[Span]:
    """Entity spans for a stored document, in its paragraphs only: not OCR page furniture, the source citation, a
    release stamp or a distribution list between paragraphs (search reads paragraphs, so an entity's page would
    list documents its filter cannot find: "UNITED STATES DEPARTMENT OF STATE REVIEW AUTHORITY")."""
    from readingroom.enrich.entities import entity_spans
    from readingroom.enrich.roles import offices_held

    noise = [(s.start, s.end) for s in doc.spans if s.type == SpanType.NOISE]
    starts, ends = _merged(r for p in doc.paragraphs if p.kind not in (K.CITATION, K.MARKING) for r in p.ranges())
    spans = [s for s in entity_spans(doc.text)
             if _inside(starts, ends, s.start, s.end) and not any(a <= s.start < b for a, b in noise)
             and not _on_tags_line(doc.text, s.start)]  # fmt: skip
    spans = _one_addressee_a_line(doc, spans)
    signatures = _signatures(doc)
    return offices_held(doc, _signers_are_people(doc, spans, signatures), signatures)


_ROUTING_WORD = re.compile(rf"\s(?:PASS|FOR|{PRECEDENCE_WORDS})\b|\n")


def _one_addressee_a_line(doc: Document, spans: list[Span]) -> list[Span]:
    """A cable's routing lines name one addressee each, so in its header no name runs onto the next line
    ("AMEMBASSY ADDIS ABABA / SECDEF WASHDC / JOINT STAFF" had been one post) or past a routing word
    ("WHITEHOUSE PASS NSC"); and the serial line (its classification, the sender's post again and the number,
    "CONFIDENTIALUSUN NEW YORK 001628") names no one new."""
    from readingroom.enrich.entities import entity_id, tokens

    headers = [(p.start, p.end) for p in doc.paragraphs if p.kind == K.HEADER]
    if not headers:
        return spans
    out = []
    for s in spans:
        if not any(a <= s.start < b for a, b in headers):
            out.append(s)
            continue
        if is_serial_line(_line_at(doc.text, s.start)):
            continue
        cut = _ROUTING_WORD.search(s.text)
        if cut is None:
            out.append(s)
        elif (text := s.text[: cut.start()].rstrip()) and not any(
            (t.start, t.end) == (s.start, s.start + len(text)) for t in spans  # the name nested in it stays
        ):
            value = entity_id(s.label or "ORG", tokens(text), {})
            out.append(replace(s, end=s.start + len(text), text=text, value=value))
    return out


def _inside(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_right(starts, start) - 1
    return i >= 0 and end <= ends[i]


def _on_tags_line(text: str, offset: int) -> bool:
    """A cable's TAGS line holds subject and country codes (MARR, PREL, MOPS, RW), not names of anyone or anything;
    the header's parser decides what a TAGS line is."""
    return TAGS_RE.match(_line_at(text, offset)) is not None


def _line_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : len(text) if end < 0 else end]


def _merged(ranges: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and ends of the stretches `ranges` cover, overlapping ones joined, in order."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(ranges):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _signers_are_people(doc: Document, spans: list[Span], signatures: list[tuple[int, int]]) -> list[Span]:
    """A name in a signature that is a name alone is a person, and so is that name elsewhere in the document:
    FRUS 1925's telegrams are signed "Kellogg" and its letters "Frank B. Kellogg", whom the lists (learnt
    from 1970s cables) know as a company."""
    spans = spans + [_signed(doc, a, b) for a, b in signatures if not any(a <= s.start < b for s in spans)]
    signers = {_name_of(s) for s in spans if any(a <= s.start < b for a, b in signatures)}
    if not signers:
        return spans
    return [replace(s, label="PER", value=f"PER:{_name_of(s)}") if s.label != "PER" and _name_of(s) in signers else s
            for s in spans]  # fmt: skip


def _signatures(doc: Document) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in doc.paragraphs if p.kind == K.SIGNATURE and _a_name(p.text)]


def _signed(doc: Document, start: int, end: int) -> Span:
    """A signature the tagger read nothing in, being a name alone, is that name: "Grew" (an English word too)
    signs for the Acting Secretary of State in FRUS 1925."""
    from readingroom.enrich.entities import entity_id, tokens

    text = doc.text[start:end]
    start += len(text) - len(text.lstrip())
    text = text.strip()
    return Span(start, start + len(text), SpanType.ENTITY, text, "PER", entity_id("PER", tokens(text), {}), "enrich")


def _a_name(text: str) -> bool:
    """A signature that is a name alone ("Kellogg", "Frank B. Kellogg", "VANCE"), not "I am [etc.]" nor an
    office ("The Secretary")."""
    from readingroom.enrich.entities.offices import OFFICE_WORDS

    words = text.split()
    return (0 < len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(c in text for c in "[]:,")
            and not any(w.upper().strip(".") in OFFICE_WORDS for w in words))  # fmt: skip


def _name_of(span: Span) -> str:
    return (span.value or "").split(":", 1)[-1]


def enrich_archive(store: Store, on_document: Callable[[str], None] | None = None, batch: int = 200,
                   on_linked: Callable[[int], None] | None = None) -> int:  # fmt: skip
    """Tag entities in every document not yet tagged at ENTITY_VERSION, then file lone surnames under the full
    names the archive gives them, and initials under the bodies it spells them out as (enrich/linking.py;
    `on_linked(how many)`); resumable, committed in batches."""
    from readingroom.enrich.linking import link_initials, link_people

    done = 0
    while ids := store.documents_to_enrich(ENTITY_VERSION, batch):
        for doc_id in ids:
            if (doc := store.get_document(doc_id)) is None:  # deleted since it was listed
                continue
            store.set_entities(doc_id, document_entities(doc), ENTITY_VERSION)
            done += 1
            if on_document:
                on_document(doc_id)
        store.flush()
    linked = link_people(store) + link_initials(store)
    if on_linked:
        on_linked(linked)
    return done
