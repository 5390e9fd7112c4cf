"""The sourcing card: the questions a historian asks of a document before reading it — who wrote it, to whom,
when, what kind of document, how classified and handled, what it was for and what it asks — each answered
from the document itself, with requests quoted verbatim and cited to their paragraphs."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from readingroom.inquire.quotes import Quote, sentences, verify
from readingroom.model import Document
from readingroom.model import ParagraphKind as K
from readingroom.publish.citations import cite

REQUEST_CUES = re.compile(
    r"\b(?:is|are) (?:\w+ )?instructed to\b|\bplease\b|\brequest(?:s|ed)?\b|\bwe ask\b|\burge[sd]?\b|"
    r"\b(?:embassy|mission|department|addressees?) (?:should|may wish to|is requested to)\b|\bdraw(?:ing)? on\b",
    re.I,
)
BODY_KINDS = (K.NUMBERED, K.SUBPARAGRAPH, K.TALKING_POINT, K.PARAGRAPH, K.SUMMARY)


@dataclass
class Request:
    locator: str
    quote: str
    start: int
    end: int


@dataclass
class SourcingCard:
    doc_id: str
    source_id: str
    author: str | None
    audience: str | None
    also_informed: list[str]
    date: str | None
    genre: str
    classification: str | None
    handling: list[str]
    purpose: str  # action | information
    requests: list[Request] = field(default_factory=list)
    citation: str = ""
    machine_read: bool = False  # OCR: the text may contain recognition errors
    read_from_number: str | None = None  # which facts come from the document number, not the text
    read_from_title: str | None = None  # sender and recipient a bulk file's title named (`--map correspondents=title`)
    date_as_written: str | None = None  # a bulk file's date as the file spells it, when that is not the ISO date

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def sourcing_card(doc: Document) -> SourcingCard:
    requests = find_requests(doc)
    purpose = "action" if doc.action_requested or requests else "information"
    return SourcingCard(
        doc_id=doc.id, source_id=doc.source_id, author=doc.sender, audience=doc.recipient,
        also_informed=list(doc.info_recipients), date=doc.date, genre=doc.genre,
        classification=doc.classification_marking or doc.classification, handling=list(doc.handling),
        purpose=purpose, requests=requests, citation=cite(doc, "chicago"), machine_read=bool(doc.metadata.get("ocr")),
        read_from_number=_read_from_number(doc), read_from_title=_read_from_title(doc),
        date_as_written=_date_as_written(doc),
    )  # fmt: skip


_FACT_NAMES = {"date": "year", "sender": "sending post", "archive": "series"}


def _read_from_number(doc: Document) -> str | None:
    named = [_FACT_NAMES[f] for f in doc.metadata.get("from_document_number") or () if f in _FACT_NAMES]
    if not named:
        return None
    listed = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
    return f"{listed[0].upper()}{listed[1:]} read from the document number {doc.cable_number}, not from the text"


def _read_from_title(doc: Document) -> str | None:
    named = [role for role, field in (("Sender", "sender"), ("recipient", "recipient")) if doc.metadata.get(f"{field}_from")]
    if not named:
        return None
    column = doc.metadata.get("sender_from") or doc.metadata.get("recipient_from")
    listed = " and ".join(named) if len(named) == 2 else named[0].capitalize()
    return f"{listed} read from the {column} “{doc.title}”, not from the text"


def _date_as_written(doc: Document) -> str | None:
    if not (written := doc.metadata.get("date_as_written")):
        return None
    unread = doc.metadata.get("date_unread")
    return f"“{written}” in the file: {unread}, so the document is not dated" if unread else f"“{written}” in the file"


def find_requests(doc: Document, limit: int = 8) -> list[Request]:
    """Sentences that ask the recipient to do something, quoted exactly."""
    found = []
    for para in doc.paragraphs:
        if para.kind not in BODY_KINDS:
            continue
        for seg_start, seg_end in para.ranges():
            for s, e in sentences(doc.text, seg_start, seg_end):
                if REQUEST_CUES.search(doc.text, s, e):
                    q = verify(doc, para, Quote(s, e, doc.text[s:e]))
                    found.append(Request(para.locator, q.text, q.start, q.end))
                    if len(found) == limit:
                        return found
    return found
