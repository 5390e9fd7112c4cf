"""The one data model every stage shares: documents, paragraphs, spans and citations.

A `Document` keeps its original text verbatim in `text`. Everything derived from it — paragraphs, spans,
header facts — points back into that text by character offsets, so any claim the tool makes about a document
can be shown in place and checked.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


class ParagraphKind:
    """The kinds of block a reader would cite. Plain strings so they serialise as themselves."""

    TITLE = "title"
    HEADNOTE = "headnote"
    GUIDING_QUESTION = "guiding_question"
    HEADER = "header"
    SUBJECT = "subject"
    REFERENCE = "reference"
    SUMMARY = "summary"
    PARAGRAPH = "paragraph"  # an unnumbered block of running text
    NUMBERED = "numbered_paragraph"
    SUBPARAGRAPH = "subparagraph"
    TALKING_POINT = "talking_point"
    HEADING = "heading"
    SIGNATURE = "signature"
    MARKING = "marking"  # classification banners and handling trailers
    CITATION = "citation"
    NOTE = "note"  # editors' footnotes and source notes

    # Blocks that are about the document rather than in it: never offered as evidence. A heading (a FRUS
    # document's title line, "Part 2: Background of Outlook") and a signature name the source but say nothing:
    # a question that names the author ("according to Kennan") found them first.
    NOT_EVIDENCE = frozenset({TITLE, GUIDING_QUESTION, HEADER, MARKING, CITATION, HEADING, SIGNATURE})


class SpanType:
    ENTITY = "entity"
    DATE = "date"
    REFERENCE = "reference"
    ELISION = "elision"  # "[...]": text left out by the publisher
    REDACTION = "redaction"  # text withheld under a FOIA exemption
    EDITORIAL_INSERTION = "editorial_insertion"  # "[Secretary-General]": words the editor added
    CLASSIFICATION = "classification"
    NOISE = "noise"  # page headers, routing indicators and release stamps in OCR


@dataclass(slots=True)
class Span:
    """A fact about a stretch of the original text: `text == document.text[start:end]` always holds."""

    start: int
    end: int
    type: str
    text: str
    label: str | None = None  # sub-type: PER/ORG/GPE/POST for entities, "dtg"/"written" for dates
    value: str | None = None  # normalised value: ISO date, entity id, expanded reference
    source: str = "parse"  # the stage that made it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Paragraph:
    """A citable block. `segments` lists the original character ranges it is made of.

    Usually one range; more when OCR page headers or release stamps interrupt a paragraph, which must not
    end up inside it. `text` is the segments joined by newlines.
    """

    ordinal: int
    locator: str
    kind: str
    start: int
    end: int
    text: str
    parent: str | None = None
    page: str | None = None
    segments: list[tuple[int, int]] = field(default_factory=list)

    def ranges(self) -> list[tuple[int, int]]:
        return self.segments or [(self.start, self.end)]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["segments"] = [list(s) for s in self.ranges()]
        return d


@dataclass(slots=True)
class Citation:
    """The source citation as the publisher gave it, and its parts."""

    text: str | None = None
    title: str | None = None
    archive: str | None = None
    url: str | None = None
    creator: str | None = None
    date: str | None = None
    identifier: str | None = None  # cable number, archival file number, FRUS document number

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Packet:
    """A lesson or document set wrapped around a source: its title, headnote and guiding questions."""

    title: str | None = None
    headnote: str | None = None
    guiding_questions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Provenance:
    file: str | None = None
    sha256: str | None = None  # of the file's bytes
    reader: str | None = None
    reader_version: str | None = None
    parser: str | None = None
    parser_version: str | None = None
    locator_in_file: str | None = None  # e.g. the TEI xml:id, the JSONL line, the PDF page range

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Document:
    text: str
    source_id: str
    genre: str = "document"
    title: str | None = None
    date: str | None = None  # ISO 8601, possibly partial: "1994", "1994-04", "1994-04-15"
    sender: str | None = None
    recipient: str | None = None
    info_recipients: list[str] = field(default_factory=list)
    precedence: str | None = None
    dtg: str | None = None  # date-time group as written, e.g. "190012Z APR 94"
    classification: str | None = None
    classification_marking: str | None = None
    handling: list[str] = field(default_factory=list)  # NODIS, EXDIS, LIMDIS ...
    subject: str | None = None
    cable_number: str | None = None
    references: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    action_requested: bool = False
    signature: str | None = None
    collection: str | None = None
    citation: Citation = field(default_factory=Citation)
    packet: Packet | None = None
    provenance: Provenance = field(default_factory=Provenance)
    paragraphs: list[Paragraph] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Hash of the stored text: what makes two documents the same document."""
        return text_sha256(self.text)

    @property
    def id(self) -> str:
        return self.sha256[:16]

    def paragraph(self, locator: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.locator == locator), None)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape documented in the README (`extract --json`, `show --json`)."""
        return self.header_dict() | {
            "text": self.text,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "spans": [s.to_dict() for s in self.spans],
        }

    def header_dict(self, sha256: str | None = None) -> dict[str, Any]:
        """Everything but the text, paragraphs and spans (what a store keeps beside them)."""
        sha = sha256 or self.sha256
        return {
            "id": sha[:16],
            "source_id": self.source_id,
            "genre": self.genre,
            "title": self.title,
            "date": self.date,
            "sender": self.sender,
            "recipient": self.recipient,
            "info_recipients": self.info_recipients,
            "precedence": self.precedence,
            "dtg": self.dtg,
            "classification": self.classification,
            "classification_marking": self.classification_marking,
            "handling": self.handling,
            "subject": self.subject,
            "cable_number": self.cable_number,
            "references": self.references,
            "tags": self.tags,
            "action_requested": self.action_requested,
            "signature": self.signature,
            "collection": self.collection,
            "citation": self.citation.to_dict(),
            "packet": self.packet.to_dict() if self.packet else None,
            "provenance": self.provenance.to_dict(),
            "sha256": sha,
            "metadata": self.metadata,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        packet = d.get("packet")
        return cls(
            text=d["text"],
            source_id=d["source_id"],
            genre=d.get("genre") or "document",
            title=d.get("title"),
            date=d.get("date"),
            sender=d.get("sender"),
            recipient=d.get("recipient"),
            info_recipients=list(d.get("info_recipients") or []),
            precedence=d.get("precedence"),
            dtg=d.get("dtg"),
            classification=d.get("classification"),
            classification_marking=d.get("classification_marking"),
            handling=list(d.get("handling") or []),
            subject=d.get("subject"),
            cable_number=d.get("cable_number"),
            references=list(d.get("references") or []),
            tags=list(d.get("tags") or []),
            action_requested=bool(d.get("action_requested")),
            signature=d.get("signature"),
            collection=d.get("collection"),
            citation=Citation(**(d.get("citation") or {})),
            packet=Packet(**packet) if packet else None,
            provenance=Provenance(**(d.get("provenance") or {})),
            paragraphs=[_paragraph_from_dict(p) for p in d.get("paragraphs") or []],
            spans=[Span(**s) for s in d.get("spans") or []],
            metadata=dict(d.get("metadata") or {}),
        )


def _paragraph_from_dict(d: dict[str, Any]) -> Paragraph:
    fields = {k: v for k, v in d.items() if k != "segments"}
    segments = [tuple(s) for s in d.get("segments") or []]
    para = Paragraph(**fields)
    para.segments = segments if len(segments) > 1 else []
    return para


# A document is named by the start of its id from this many hex digits on (1 in 4 billion to match another by
# chance): `show 7b586f3c`
ID_PREFIX_MIN = 8


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
