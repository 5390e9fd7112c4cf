"""Parse stage: turn a document's verbatim text into its anatomy.

Readers that already know a document's structure (FRUS TEI) hand over paragraphs; for plain text this stage
finds them: an optional lesson packet around the transcription, an optional raw telegram header, then the
body's numbered paragraphs, sub-paragraphs, talking points, headings and signature. Header facts it can prove
from the text fill the document's fields; spans record markings, elisions and insertions in place.
"""

from __future__ import annotations

import re

from readingroom.model import Document, Packet, Paragraph, Span, SpanType
from readingroom.model import ParagraphKind as K
from readingroom.parse import blocks, memo, packet, telegram
from readingroom.parse.docnumber import apply_document_number
from readingroom.parse.lines import Line, collapse_ws, split_lines
from readingroom.parse.marks import (
    BANNER_RE,
    ENTIRE_TEXT_RE,
    RELEASE_STAMP_RE,
    TRAILER_RE,
    bracket_spans,
    classification_of,
    is_noise,
    reference_spans,
)

PARSER_NAME = "readingroom.parse"
PARSER_VERSION = "5"  # 5: a memo's heading and a dateline date and address it; release stamps are furniture anywhere

ACTION_RE = re.compile(r"\bTHIS IS AN ACTION (?:CABLE|MESSAGE|REQUEST)\b|\bACTION REQUEST(?:ED)?\b", re.I)
_CABLE_HINT = re.compile(r"\b(?:REFTEL|SEPTEL|SECSTATE|AMEMBASSY|ENTIRE TEXT|ACTION CABLE|USMISSION)\b|Cable number", re.I)


def parse(doc: Document) -> Document:
    """Fill in `doc`'s structure from its text, in place; returns it for chaining."""
    if not doc.paragraphs:
        _parse_text(doc)
    apply_document_number(doc)
    if doc.metadata.get("page_starts"):
        _apply_pages(doc, doc.metadata["page_starts"])
    _unique_locators(doc.paragraphs)
    doc.spans = _dedupe(doc.spans + bracket_spans(doc.text))
    doc.provenance.parser = PARSER_NAME
    doc.provenance.parser_version = PARSER_VERSION
    return doc


def _parse_text(doc: Document) -> None:
    text = doc.text
    lines = telegram.split_run_on(split_lines(text))
    body_start, body_end = 0, len(lines)
    paragraphs: list[Paragraph] = []
    if packet.looks_like_packet(lines):
        pk = packet.parse_packet(text, lines)
        _apply_packet(doc, pk)
        paragraphs += [p for p in pk.paragraphs if p.kind != K.CITATION]
        body_start, body_end = pk.body
        tail = [p for p in pk.paragraphs if p.kind == K.CITATION]
    else:
        tail = []
    body = lines[body_start:body_end]
    head_at = telegram.find_header(body)
    if head_at is not None:
        header = telegram.parse_header(body, 0 if head_at < _first_numbered(body) else head_at)
        paragraphs += _header_paragraphs(text, body, header)
        _apply_header(doc, header)
        skip = set(range(0 if head_at < _first_numbered(body) else head_at, header.body_start))
        routing = _later_routing_lines(body, header.body_start)
        noise = {i for i, ln in enumerate(body) if i not in skip and (is_noise(ln.text) or BANNER_RE.match(ln.text)
                                                                     or telegram.SECTION_RE.match(ln.text))}  # fmt: skip
        doc.spans += [_noise_span(body[i]) for i in sorted(noise | routing) if not body[i].blank]
        skip |= routing
        skip |= noise
    else:  # not a cable: of the page furniture only release stamps, which no sentence is mistaken for
        skip = {i for i, ln in enumerate(body) if RELEASE_STAMP_RE.match(ln.text)}
        doc.spans += [_noise_span(body[i]) for i in sorted(skip)]
    parsed = blocks.assemble(text, blocks.split_units(body, skip), len(paragraphs))
    paragraphs += parsed.paragraphs
    for unit in parsed.markings:
        _apply_marking(doc, unit.first)
        s, e = unit.segments()[0]
        doc.spans.append(Span(s, e, SpanType.CLASSIFICATION, text[s:e], label="banner"))
    for p in tail:
        p.ordinal = len(paragraphs)
        paragraphs.append(p)
    for ordinal, p in enumerate(paragraphs):
        p.ordinal = ordinal
    doc.paragraphs = paragraphs
    _apply_body_facts(doc)


def _apply_pages(doc: Document, starts: list[int]) -> None:
    """Page numbers on every paragraph; unnumbered paragraphs are cited by page: "p. 2, ¶3". Their other
    locators count blocks ("intro-30", or "1+153": the 153rd after ¶1), which a reader of a hundred-page scan
    cannot find; a page and a paragraph on it, they can."""
    import bisect

    per_page: dict[int, int] = {}
    for p in doc.paragraphs:
        page = bisect.bisect_right(starts, p.start)
        p.page = str(page)
        if p.kind == K.PARAGRAPH:
            per_page[page] = per_page.get(page, 0) + 1
            p.locator = f"p. {page}, ¶{per_page[page]}"


def _unique_locators(paragraphs: list[Paragraph]) -> None:
    """A locator must name one paragraph: repeats (a second source note, footnote numbers reused on a
    later page) become "source-2", "n25-2"."""
    seen: dict[str, int] = {}
    for p in paragraphs:
        if p.locator in seen:
            seen[p.locator] += 1
            while f"{p.locator}-{seen[p.locator]}" in seen:
                seen[p.locator] += 1
            p.locator = f"{p.locator}-{seen[p.locator]}"
        seen.setdefault(p.locator, 1)


def _later_routing_lines(lines: list[Line], start: int) -> set[int]:
    """The routing lines a cable sent in sections repeats before each later section (FM, TO, INFO, SECTION 02 OF
    02): furniture, like a page header, once the first section's header has been read."""
    found: set[int] = set()
    while (at := telegram.find_header(lines[start:])) is not None:
        later = telegram.parse_header(lines, start + at)
        found |= set(later.header_lines)
        start = max(later.body_start, start + at + 1)
    return found


def _first_numbered(lines: list[Line]) -> int:
    return next((i for i, ln in enumerate(lines) if blocks.NUMBERED_RE.match(ln.text)), len(lines))


def _apply_packet(doc: Document, pk: packet.PacketParse) -> None:
    doc.packet = Packet(pk.title, pk.headnote, pk.questions)
    if pk.citation:
        c = pk.citation
        doc.citation = c
        doc.title = doc.title or c.title
        doc.date = doc.date or c.date
        doc.sender = doc.sender or c.creator
        doc.recipient = doc.recipient or packet.recipient_from_citation(c)
        doc.cable_number = doc.cable_number or c.identifier
        if c.text and re.search(r"\b(?:Cable|Telegram)\b", c.text):
            doc.genre = "cable"


def _apply_header(doc: Document, h: telegram.TelegramHeader) -> None:
    doc.genre = "cable"
    doc.precedence = doc.precedence or h.precedence
    doc.dtg = doc.dtg or h.dtg
    doc.date = doc.date or h.date
    doc.sender = doc.sender or h.sender
    doc.recipient = doc.recipient or h.recipient
    doc.info_recipients = doc.info_recipients or h.info
    doc.classification = doc.classification or h.classification
    doc.cable_number = doc.cable_number or h.cable_number
    doc.tags = doc.tags or h.tags
    doc.subject = doc.subject or h.subject
    doc.references = doc.references or h.references
    if h.eo:
        doc.metadata.setdefault("eo", h.eo)
    if h.pass_lines:
        doc.metadata.setdefault("pass", h.pass_lines)


def _header_paragraphs(text: str, lines: list[Line], h: telegram.TelegramHeader) -> list[Paragraph]:
    out = []
    for kind, locator, idx in ((K.HEADER, "header", h.header_lines), (K.SUBJECT, "subject", h.subject_lines),
                               (K.REFERENCE, "ref", h.ref_lines)):  # fmt: skip
        if idx:
            unit = blocks.Unit("plain", None, [(i, lines[i]) for i in idx])
            segs = unit.segments()
            para = Paragraph(0, locator, kind, segs[0][0], segs[-1][1], "", segments=segs)
            blocks._refresh(text, para)
            out.append(para)
    return out


def _noise_span(line: Line) -> Span:
    s, e = line.trimmed_span()
    return Span(s, e, SpanType.NOISE, line.text.strip(), label="page furniture")


def _apply_marking(doc: Document, s: str) -> None:
    if m := TRAILER_RE.match(s):
        value = m["value"].strip()
        if m["what"].lower().startswith("class") and value and value.lower() != "n/a":
            doc.classification = doc.classification or classification_of(value) or value
        elif value and value.lower() != "n/a":
            doc.handling = doc.handling or [v.strip() for v in value.split(",") if v.strip()]
    elif not doc.classification and (c := classification_of(s.strip())):
        doc.metadata.setdefault("banner", c)


def _apply_body_facts(doc: Document) -> None:
    text = doc.text
    body = [p for p in doc.paragraphs if p.kind not in (K.TITLE, K.HEADNOTE, K.GUIDING_QUESTION, K.CITATION)]
    marks = (m for p in body[:6] for a, b in p.ranges() if (m := ENTIRE_TEXT_RE.search(text, a, b)))
    if m := next(marks, None):
        doc.classification_marking = doc.classification_marking or collapse_ws(m.group(0))
        doc.classification = doc.classification or m["class"].upper()
        doc.spans.append(Span(m.start(), m.end(), SpanType.CLASSIFICATION, m.group(0), label="portion marking"))
    doc.classification = doc.classification or doc.metadata.pop("banner", None)
    if any(ACTION_RE.search(p.text) for p in body if p.kind in (K.NUMBERED, K.HEADING, K.PARAGRAPH)):
        doc.action_requested = True
    if sig := next((p for p in doc.paragraphs if p.kind == K.SIGNATURE), None):
        doc.signature = sig.text.strip()
    if subject := next((p for p in body if p.kind == K.SUBJECT), None):
        doc.subject = doc.subject or _subject_text(subject.text)
    for p in body:
        if not doc.subject and (m := re.match(r"^\s*SUBJECT\s*:\s*(.+)$", p.text, re.S)):
            doc.subject = _subject_text(m.group(1))
            p.kind, p.locator = K.SUBJECT, "subject"
    memo.apply_heading(doc)
    doc.title = doc.title or doc.subject  # a cable's (a memo's) subject line is its title
    refs = [s for p in body for (a, b) in p.ranges() for s in reference_spans(text, a, b)]
    doc.spans += refs
    for label in dict.fromkeys(s.value for s in refs if s.value and s.value.startswith("Ref ")):
        if not any(r.upper().startswith(label.split()[-1] + ".") for r in doc.references) and label not in doc.references:
            doc.references.append(label)
    if doc.genre == "document" and any(p.kind in (K.NUMBERED, K.SIGNATURE) for p in body):
        letters = [c for c in text[:5000] if c.isalpha()]
        all_caps = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.9
        if all_caps or _CABLE_HINT.search(text[:20000]):
            doc.genre = "cable"


def _subject_text(s: str) -> str:
    s = re.sub(r"^\s*SUBJECT\s*:\s*", "", s)
    s = re.sub(r"\[\s*(?:\.\s*){2,}\]|\[\s*…\s*\]", "", s)
    return collapse_ws(s)


def _dedupe(spans: list[Span]) -> list[Span]:
    seen = set()
    out = []
    for s in sorted(spans, key=lambda s: (s.start, s.end, s.type)):
        key = (s.start, s.end, s.type, s.label)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out
