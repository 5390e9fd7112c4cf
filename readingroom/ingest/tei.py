"""FRUS TEI volumes: one archive document per `div[@type="document"]`.

The stored text is a plain rendering of the TEI (heading, dateline, source note, paragraphs, signature, then
the editors' footnotes), whitespace collapsed as XML layout is not content. The XML file itself is named and
hashed in each document's provenance. Parsing is hardened: no DTD loading, no entity expansion, no network.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from readingroom.errors import UnreadableFile, UnsafeInput
from readingroom.ingest.registry import ReadOptions
from readingroom.model import Citation, Document, Paragraph, Provenance, Span
from readingroom.model import ParagraphKind as K
from readingroom.parse.marks import classification_of

TEI = "{http://www.tei-c.org/ns/1.0}"
FRUS = "{http://history.state.gov/frus/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
BLOCKS = {"head": K.HEADING, "dateline": K.HEADER, "opener": K.PARAGRAPH, "p": K.PARAGRAPH, "item": K.PARAGRAPH,
          "closer": K.SIGNATURE, "signed": K.SIGNATURE, "postscript": K.PARAGRAPH, "row": K.PARAGRAPH}  # fmt: skip
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_CLASSIFIED = re.compile(r"\b(Top Secret|Strictly Confidential|Secret|Confidential)\b")
_WS = re.compile(r"\s+")


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True, remove_comments=True
    )


def parse_xml(data: bytes, name: str) -> etree._Element:
    if _ENTITY_DECL.search(data[:65536]):
        raise UnsafeInput(f"{name}: XML declares entities, which are refused", "remove the DOCTYPE's ENTITY declarations")
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as e:
        raise UnreadableFile(f"{name}: malformed XML ({e})", "check that the file is complete and well-formed") from None


class TeiReader:
    name = "tei"
    version = "2"  # 2: a memorandum's writer read from its heading
    extensions = frozenset({".xml", ".tei"})
    # What a file of these extensions must hold for this reader to take it (said when one does not)
    expects = "XML is read as TEI (as FRUS publishes it), which names the TEI namespace"

    def score(self, path: Path, head: bytes) -> int:
        if b"http://www.tei-c.org/ns/1.0" in head:
            return 30
        return 0

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Iterator[Document]:
        root = parse_xml(data, str(path))
        volume = root.get(XML_ID) or path.stem
        volume_title = _text(root.find(f".//{TEI}titleStmt/{TEI}title[@type='complete']")) or volume
        for div in root.iter(f"{TEI}div"):
            if div.get("type") == "document":
                yield _document(div, volume, volume_title, self)


@dataclass
class _Builder:
    parts: list[str]
    paragraphs: list[Paragraph]
    spans: list[Span]
    length: int = 0

    def add(self, text: str, kind: str, locator: str, page: str | None, parent: str | None = None) -> int:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        self.paragraphs.append(Paragraph(len(self.paragraphs), locator, kind, start, self.length, text, parent, page))
        return start


def _document(div: etree._Element, volume: str, volume_title: str, reader: TeiReader) -> Document:
    xml_id = div.get(XML_ID) or f"d{div.get('n')}"
    b = _Builder([], [], [])
    notes: list[tuple[str, str, str, int]] = []  # (n, text, anchor locator, anchor offset)
    counters: dict[str, int] = {}
    page = _page_before(div)
    source_note = None
    for el in div.iter():
        tag = _local(el)
        if tag == "pb":
            page = el.get("n") or page
            continue
        if tag == "note" and el.get("type") == "source" and not _inside_block(el, div):
            source_note = _render(el)[0]
            b.add(source_note, K.NOTE, "source", page)
            continue
        if tag not in BLOCKS or _inside_block(el, div) or _inside_note(el, div):
            continue
        rendered, anchors = _render(el)
        if not rendered:
            continue
        kind = BLOCKS[tag]
        locator = _locator(tag, kind, counters)
        start = b.add(rendered, kind, locator, page)
        notes += [(n, t, locator, start + off) for n, t, off in anchors]
    used: set[str] = set()
    for n, note_text, anchor, offset in notes:
        locator = f"n{n}"
        k = 1
        while locator in used:  # older volumes restart footnote numbers on each page
            k += 1
            locator = f"n{n}-{k}"
        used.add(locator)
        b.spans.append(Span(offset, offset, "note_anchor", "", label=n, value=locator))
        b.add(f"{n} {note_text}", K.NOTE, locator, None, parent=anchor)
    head = next((p.text for p in b.paragraphs if p.kind == K.HEADING), None)
    text = "".join(b.parts)
    sender, metadata = _role(div, "from"), {"volume": volume, "number": div.get("n"), "place": _place(div)}
    if sender is None and (sender := memorandum_author(head)):
        metadata["sender_from"] = "heading"  # the sourcing card says the sender was read from it
    return Document(
        text=text,
        source_id=f"{volume}/{xml_id}",
        genre=_genre(head, source_note),
        title=head,
        date=_date(div),
        sender=sender,
        recipient=_role(div, "to"),
        classification=_classification(source_note),
        collection=volume_title,
        citation=Citation(
            title=head,
            archive=f"{volume_title}, Document {div.get('n')}" if div.get("n") else volume_title,
            url=f"https://history.state.gov/historicaldocuments/{volume}/{xml_id}",
            creator="U.S. Department of State, Office of the Historian",
            identifier=source_note,
            date=_date(div),
        ),
        provenance=Provenance(reader=reader.name, reader_version=reader.version, locator_in_file=xml_id),
        paragraphs=b.paragraphs,
        spans=b.spans,
        metadata=metadata,
    )


def _locator(tag: str, kind: str, counters: dict[str, int]) -> str:
    if kind == K.PARAGRAPH:
        counters["p"] = counters.get("p", 0) + 1
        return str(counters["p"])
    name = {"head": "head", "dateline": "dateline"}.get(tag, "signature")
    counters[name] = counters.get(name, 0) + 1
    return name if counters[name] == 1 else f"{name}-{counters[name]}"


def _render(el: etree._Element) -> tuple[str, list[tuple[str, str, int]]]:
    """Text of a block without its footnotes; each footnote's number, text and anchor offset."""
    out: list[str] = []
    anchors: list[tuple[str, str, int]] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            tag = _local(child)
            if tag == "note" and child.get("type") != "source":
                anchors.append((child.get("n") or "*", _render(child)[0], len(_collapse("".join(out)))))
            elif tag == "lb":
                out.append(" ")
            elif tag != "pb":
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return _collapse("".join(out)), anchors


def _collapse(s: str) -> str:
    return _WS.sub(" ", s).strip()


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _inside_block(el: etree._Element, top: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not top:
        if _local(parent) in BLOCKS:
            return True
        parent = parent.getparent()
    return False


def _inside_note(el: etree._Element, top: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not top:
        if _local(parent) == "note":
            return True
        parent = parent.getparent()
    return False


def _page_before(div: etree._Element) -> str | None:
    for el in div.itersiblings(preceding=True):
        pbs = [el] if _local(el) == "pb" else list(el.iter(f"{TEI}pb"))
        if pbs:
            return pbs[-1].get("n")
    return None


def _text(el: etree._Element | None) -> str | None:
    return _collapse("".join(el.itertext())) or None if el is not None else None


def _date(div: etree._Element) -> str | None:
    d = div.find(f".//{TEI}dateline//{TEI}date")
    when = d.get("when") if d is not None else None
    when = when or div.get(f"{FRUS}doc-dateTime-min")
    return when[:10] if when else None


def _role(div: etree._Element, role: str) -> str | None:
    head = div.find(f"{TEI}head")
    if head is None:
        return None
    hits = [_text(el) for el in head.iter() if el.get("type") == role]
    return "; ".join(h for h in hits if h) or None


# "Memorandum by the Under Secretary of State (Grew)", "… by the Secretary of State of a Conversation With the
# Nicaraguan Chargé (Tigerino), May 28, 1925": the writer comes before any "of a Conversation"
_MEMO_BY = re.compile(
    r"^Memorandum (?:by |of (?=(?:Mr|Mrs|Dr)\.\s))(?P<who>.+?)(?:,?\s+of (?:an? |the )?(?:\w+\s+)?"
    r"(?:Conversation|Interview|Meeting|Discussion|Talk|Conference)s?\b.*"
    r"|\s+(?:Concerning|Regarding|Respecting|Relative to|With Regard to)\s.*)?$", re.S)  # fmt: skip
# After a name with no office in parentheses, where the writer worked: "Mr. Raymond A. Hare of the Division of …"
_UNIT = re.compile(r",?\s+(?:of|in)\s+the\s+(?:Office|Division|Department|Bureau|Embassy|Legation|Section)\b.*$", re.S)


def memorandum_author(head: str | None) -> str | None:
    """FRUS's editors mark a letter's writer (<persName type="from">) but not a memorandum's. Its heading names
    the writer as FRUS names a letter's: the name in parentheses after the office (Grew), or the office alone
    (Secretary of State), or the name (Spencer Phenix, not "of the Office of the Economic Adviser")."""
    m = _MEMO_BY.match(head or "")
    if m is None:
        return None
    who = m["who"].strip(" ,.")
    if named := re.search(r"\(([^()]+)\)$", who):
        return named[1].strip()
    who = _UNIT.sub("", who)
    return re.sub(r"^(?:the|Mr\.|Mrs\.|Dr\.)\s+", "", who).strip() or None


def _place(div: etree._Element) -> str | None:
    return _text(div.find(f".//{TEI}dateline//{TEI}placeName"))


def _genre(head: str | None, source_note: str | None) -> str:
    probe = f"{head or ''} {source_note or ''}".lower()
    if "telegram" in probe or "cablegram" in probe:
        return "cable"
    for genre in ("memorandum", "letter", "note", "report", "despatch", "instruction"):
        if genre in probe:
            return genre
    return "document"


def _classification(source_note: str | None) -> str | None:
    if source_note and (m := _CLASSIFIED.search(source_note)):
        return classification_of(m.group(1).upper()) or m.group(1).upper()
    return None
