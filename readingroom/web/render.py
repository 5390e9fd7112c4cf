"""Document text as HTML: every character escaped, paragraphs anchored (#p-4), and the anatomy marked in place:
entities, dates, references, elisions, redactions, editorial insertions, glossary terms, a highlighted quote."""

from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

from readingroom.enrich.glossary import explain
from readingroom.model import Document, Paragraph, Span, SpanType

PRIORITY = {SpanType.EDITORIAL_INSERTION: 0, SpanType.ELISION: 0, SpanType.REDACTION: 0, SpanType.DATE: 1,
            SpanType.ENTITY: 2, SpanType.REFERENCE: 3}  # fmt: skip
_WORD = re.compile(r"\b[A-Z][A-Z.]{1,11}\b")


def anchor(locator: str) -> str:
    """The fragment id of a paragraph: p-4, p-7-3, p-p-2-3 (for "p. 2, ¶3")."""
    return "p-" + re.sub(r"[^A-Za-z0-9]+", "-", locator).strip("-")


def paragraph_html(doc: Document, para: Paragraph, highlight: tuple[int, int] | None = None) -> Markup:
    pieces = []
    for start, end in para.ranges():
        spans = _spans_in(doc, start, end)
        pieces.append(_mark(doc.text, start, end, spans, highlight))
    return Markup("<br>".join(pieces))


def _spans_in(doc: Document, start: int, end: int) -> list[Span]:
    chosen: list[Span] = []
    candidates = [s for s in doc.spans if s.type in PRIORITY and start <= s.start and s.end <= end and s.end > s.start]
    for s in sorted(candidates, key=lambda s: (PRIORITY[s.type], s.start, -(s.end - s.start))):
        if not any(c.start < s.end and s.start < c.end for c in chosen):
            chosen.append(s)
    return sorted(chosen, key=lambda s: s.start)


def _mark(text: str, start: int, end: int, spans: list[Span], highlight: tuple[int, int] | None) -> str:
    out, pos = [], start
    for s in spans:
        out.append(_plain(text, pos, s.start, highlight))
        out.append(f'<span class="{_classes(s)}" title="{escape(_title(s))}">{_plain(text, s.start, s.end, highlight)}</span>')
        pos = s.end
    out.append(_plain(text, pos, end, highlight))
    return "".join(out)


def _plain(text: str, start: int, end: int, highlight: tuple[int, int] | None) -> str:
    """Escaped text, glossary terms as <abbr>, and the highlighted quote marked where it overlaps."""
    if highlight and highlight[0] < end and start < highlight[1]:
        a, b = max(start, highlight[0]), min(end, highlight[1])
        return (_glossed(text[start:a]) + f'<mark class="quote">{_glossed(text[a:b])}</mark>' + _glossed(text[b:end]))
    return _glossed(text[start:end])


def _glossed(s: str) -> str:
    out, pos = [], 0
    for m in _WORD.finditer(s):
        senses = explain(m.group(0))
        if senses:
            out.append(escape(s[pos : m.start()]))
            title = "; ".join(x.expansion for x in senses)
            out.append(f'<abbr class="gloss" title="{escape(title)}">{escape(m.group(0))}</abbr>')
            pos = m.end()
    out.append(escape(s[pos:]))
    return "".join(out)


def _classes(s: Span) -> str:
    return " ".join(x for x in ("span", s.type.replace("_", "-"), (s.label or "").lower()) if x)


def _title(s: Span) -> str:
    if s.type == SpanType.ENTITY:
        return f"{s.label}: {s.value}"
    if s.type == SpanType.DATE:
        return f"date {s.value}"
    if s.type == SpanType.EDITORIAL_INSERTION:
        return "inserted by the editor"
    if s.type == SpanType.ELISION:
        return "text left out by the publisher"
    if s.type == SpanType.REDACTION:
        return "withheld on declassification"
    return s.value or s.type
