"""A memorandum's or a letter's heading: the DATE:, FROM:, TO: and MEMORANDUM FOR: lines of an action or
information memo, and a letter's or a FRUS-style dateline ("Washington, June 3, 1975."). A cable's routing
header is telegram.py's; this is the paper document's own, read only where nothing better has dated or
addressed the document, and only among its first paragraphs, where a heading stands."""

from __future__ import annotations

import re

from readingroom.model import Document, Paragraph
from readingroom.model import ParagraphKind as K
from readingroom.parse.dates import parse_written_date, whole_date
from readingroom.parse.lines import collapse_ws

HEADING_PARAGRAPHS = 8  # a heading's lines are among the first paragraphs, or they are not a heading
_FIELD = re.compile(r"^\s*(?P<name>DATE|FROM|TO|MEMORANDUM FOR|SUBJECT|SUBJ)\s*:\s*(?P<value>\S.*?)\s*$", re.I)
_MEMO_FOR = re.compile(r"^\s*(?:(?:ACTION|INFORMATION|DECISION|BRIEFING)\s+)?MEMORANDUM\s+(?:FOR|TO)\s+(?P<value>\S.*?)\s*$",
                       re.I)  # fmt: skip
# "MEMORANDUM FOR THE RECORD", "INFORMATION MEMORANDUM", "Memorandum of Conversation": the document says what it is
_MEMORANDUM = re.compile(r"^\s*(?:(?:ACTION|INFORMATION|DECISION|BRIEFING)\s+)?MEMORANDUM\b", re.I)
# A place, a comma, then the date and nothing else: "Washington, June 3, 1975." / "Kigali, 15 April 1994"
_DATELINE = re.compile(r"^\s*(?:[A-Z][\w.'’ -]{1,40},\s*)?(?P<date>[^,].{5,30}?)\.?\s*$")


def apply_heading(doc: Document) -> None:
    """Fill the date, sender, recipient and subject a memo's heading or a dateline gives, where still empty; a
    document that calls itself a memorandum, or is addressed FROM: and TO:, is one.
    Each heading line counts alone: TO:, FROM: and SUBJECT: often stand in one paragraph, and an address under
    TO: is not the addressee's name."""
    fields: dict[str, str] = {}
    heading = _heading_paragraphs(doc.paragraphs)
    for p in heading:
        for line in p.text.splitlines():
            if m := _FIELD.match(line):
                name = _name(m["name"])
                value = _first_date(m["value"]) if name == "date" else collapse_ws(m["value"])
                if value:
                    fields.setdefault(name, value)
            elif m := _MEMO_FOR.match(line):
                fields.setdefault("recipient", collapse_ws(m["value"]))
            elif "date" not in fields and (m := _DATELINE.match(line)) and (iso := whole_date(m["date"])):
                fields["date"] = iso
    for name in ("date", "sender", "recipient", "subject"):
        if fields.get(name) and not getattr(doc, name):
            setattr(doc, name, fields[name])
    named = any(_MEMORANDUM.match(line) for p in heading for line in p.text.splitlines()) or (
        doc.title is not None and _MEMORANDUM.match(doc.title))  # fmt: skip
    if doc.genre == "document" and (named or {"sender", "recipient"} <= fields.keys()):
        doc.genre = "memorandum"


def _heading_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    body = [p for p in paragraphs if p.kind not in (K.TITLE, K.HEADNOTE, K.GUIDING_QUESTION, K.CITATION)]
    return [p for p in body[:HEADING_PARAGRAPHS] if p.kind in (K.PARAGRAPH, K.HEADING) and len(p.text) < 200]


def _name(field: str) -> str:
    names = {"FROM": "sender", "TO": "recipient", "MEMORANDUM FOR": "recipient", "SUBJ": "subject"}
    return names.get(field.upper(), field.lower())


def _first_date(s: str) -> str | None:
    """The day a DATE: line gives ("April 21, 1994", "21 April 1994, 1400 hours"); not a range."""
    iso = parse_written_date(s)
    return iso if iso and "/" not in iso else None
