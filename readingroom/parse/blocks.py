"""The body of a cable, memo or letter as citable blocks.

Lines are grouped into units (a numbered paragraph, a lettered sub-paragraph, a talking point, a heading, a
plain block), then units into paragraphs with the locators a reader cites: "4", "1.A", "7.3" (the third
talking point under paragraph 7). Text that continues a paragraph after a blank line stays with it, so ¶4 of
the seed is both of its blocks. Lines judged to be page furniture are skipped, and a paragraph they interrupt
keeps the pieces either side as separate segments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readingroom.model import Paragraph
from readingroom.model import ParagraphKind as K
from readingroom.parse.lines import Line
from readingroom.parse.marks import BANNER_RE, TRAILER_RE

NUMBERED_RE = re.compile(r"^\s*(?P<n>\d{1,2})\s?\.(?=\s|$|[A-Z]{2})")
LETTERED_RE = re.compile(r"^\s*\(?(?P<l>[A-Z])[.)](?=\s)")
BULLET_RE = re.compile(r"^\s*(?P<b>--|[–—•●▪*]|-)\s+\S")
CONTINUATION_PREFIX = re.compile(r"^--- ")  # History Lab marks wrapped lines this way
END_OF_MESSAGE_RE = re.compile(r"^\s*(?:NMAFVVZCZ|NNNN|ZCZC\w*|-{6,}\s*\d+\s+\d{6}Z\s*/\d+)\s*$")  # teletype trailers
SUMMARY_RE = re.compile(r"^\s*(?:BEGIN\s+)?SUMMARY\b", re.I)
_NAME_RE = re.compile(r"^[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*){0,3}$")
_HEADING_RE = re.compile(r"^[A-Z][A-Za-z0-9 ,'&/()\-]{1,58}[A-Za-z0-9)]$")


@dataclass
class Unit:
    kind: str  # numbered | lettered | bullet | plain | marking
    label: str | None
    lines: list[tuple[int, Line]] = field(default_factory=list)  # (index in the line list, line)
    after_blank: bool = True

    @property
    def first(self) -> str:
        return _content(self.lines[0][1].text)

    def segments(self) -> list[tuple[int, int]]:
        """Contiguous runs of lines; a skipped line between two lines splits the run."""
        segs: list[tuple[int, int]] = []
        prev_index = None
        for index, line in self.lines:
            start, end = line.trimmed_span()
            if segs and prev_index is not None and index == prev_index + 1:
                segs[-1] = (segs[-1][0], end)
            else:
                segs.append((start, end))
            prev_index = index
        return segs


def _content(s: str) -> str:
    return CONTINUATION_PREFIX.sub("", s)


def split_units(lines: list[Line], skip: set[int]) -> list[Unit]:
    units: list[Unit] = []
    after_blank = True
    expected_letter, seen_numbered = "A", False
    for i, line in enumerate(lines):
        if i in skip:
            continue
        if line.text.strip(" \r\n") == "\f":  # a page break (PDF, scans) ends any paragraph
            units.append(Unit("pagebreak", None, [(i, line)]))
            after_blank = True
            continue
        if line.blank:
            after_blank = True
            continue
        # Before ¶1, lettered lines are a reference list, which may start past A when REF: A was cut off.
        kind, label = _classify(_content(line.text), after_blank, expected_letter if seen_numbered else None)
        if kind == "lettered":
            expected_letter = chr(ord(label) + 1)  # type: ignore[arg-type]
        elif kind == "numbered":
            expected_letter, seen_numbered = "A", True
        if kind == "continuation" and units and units[-1].kind != "marking":
            units[-1].lines.append((i, line))
        else:
            units.append(Unit("plain" if kind == "continuation" else kind, label, [(i, line)], after_blank))
        after_blank = False
    return units


def _classify(s: str, after_blank: bool, expected_letter: str | None) -> tuple[str, str | None]:
    if BANNER_RE.match(s) or TRAILER_RE.match(s) or END_OF_MESSAGE_RE.match(s):
        return "marking", None
    if m := NUMBERED_RE.match(s):
        return "numbered", m["n"]
    if (m := LETTERED_RE.match(s)) and m["l"] == (expected_letter or m["l"]) and (expected_letter or after_blank):
        return "lettered", m["l"]
    if (m := BULLET_RE.match(s)) and (after_blank or m["b"] != "-"):
        return "bullet", None
    return ("plain", None) if after_blank else ("continuation", None)


@dataclass
class BlockParse:
    paragraphs: list[Paragraph]
    markings: list[Unit]


class _Assembler:
    def __init__(self, text: str, first_ordinal: int):
        self.text = text
        self.paragraphs: list[Paragraph] = []
        self.ordinal = first_ordinal
        self.number: int | None = None  # current numbered paragraph
        self.container: Paragraph | None = None  # where plain continuation blocks go
        self.points = 0
        self.unnumbered = 0
        self.headings = 0

    def add(self, unit: Unit, kind: str, locator: str, parent: str | None = None) -> Paragraph:
        segs = unit.segments()
        para = Paragraph(self.ordinal, locator, kind, segs[0][0], segs[-1][1], "", parent, None, segs)
        _refresh(self.text, para)
        self.ordinal += 1
        self.paragraphs.append(para)
        return para

    def extend(self, para: Paragraph, unit: Unit) -> None:
        para.segments = _merge(self.text, para.ranges() + unit.segments())
        para.end = para.segments[-1][1]
        _refresh(self.text, para)

    def numbered(self, unit: Unit, n: int) -> None:
        self.number, self.points = n, 0
        self.container = self.add(unit, K.NUMBERED, str(n))

    def lettered(self, unit: Unit) -> None:
        if self.number is None:
            self.add(unit, K.REFERENCE, f"ref-{unit.label}")
        else:
            self.container = self.add(unit, K.SUBPARAGRAPH, f"{self.number}.{unit.label}", str(self.number))

    def bullet(self, unit: Unit) -> None:
        self.points += 1
        if self.number is None:
            self.add(unit, K.TALKING_POINT, f"point-{self.points}")
        else:
            self.add(unit, K.TALKING_POINT, f"{self.number}.{self.points}", str(self.number))

    def heading(self, unit: Unit) -> None:
        self.headings += 1
        self.add(unit, K.HEADING, f"heading-{self.headings}")
        self.container = None

    def plain(self, unit: Unit, numbering: bool) -> None:
        if self.container is not None:
            self.extend(self.container, unit)
            return
        self.unnumbered += 1
        if SUMMARY_RE.match(unit.first) and self.number is None:
            kind, locator = K.SUMMARY, "summary"
        elif not numbering:
            kind, locator = K.PARAGRAPH, str(self.unnumbered)
        elif self.number is None:
            kind, locator = K.PARAGRAPH, "intro" if self.unnumbered == 1 else f"intro-{self.unnumbered}"
        else:
            kind, locator = K.PARAGRAPH, f"{self.number}+{self.unnumbered}"
        self.add(unit, kind, locator)  # an unnumbered block is whole: the next block is a new paragraph


def assemble(text: str, units: list[Unit], first_ordinal: int = 0) -> BlockParse:
    content = [u for u in units if u.kind != "marking"]
    accepted = _accepted_numbers(content)
    numbering = bool(accepted)
    signature = _signature_unit(content)
    asm = _Assembler(text, first_ordinal)
    for i, unit in enumerate(content):
        if unit.kind == "pagebreak":
            asm.container = None
        elif unit is signature:
            asm.add(unit, K.SIGNATURE, "signature")
            asm.container = None  # what follows the signature is not the last paragraph's text
        elif unit.kind == "numbered" and id(unit) in accepted:
            asm.numbered(unit, int(unit.label))  # type: ignore[arg-type]
        elif unit.kind == "lettered":
            asm.lettered(unit)
        elif unit.kind == "bullet":
            asm.bullet(unit)
        elif _is_heading(unit, content[i + 1] if i + 1 < len(content) else None):
            asm.heading(unit)
        else:
            asm.plain(unit, numbering)
    if signature is None:
        _split_run_in_signature(text, asm)
    return BlockParse(asm.paragraphs, [u for u in units if u.kind == "marking"])


_RUN_IN_SIGNATURE = re.compile(r"(?<=[.!?\"])[ \t]+(?P<name>[A-Z][A-Z'\-]{2,}(?: [A-Z][A-Z'\-]{2,})?)\s*$")


def _split_run_in_signature(text: str, asm: _Assembler) -> None:
    """Exports that join the closing name to the last paragraph ("… COMPUTER. ROGERS") get it split off."""
    if not asm.paragraphs or asm.paragraphs[-1].kind not in (K.NUMBERED, K.PARAGRAPH, K.SUBPARAGRAPH):
        return
    last = asm.paragraphs[-1]
    start, end = last.ranges()[-1]
    m = _RUN_IN_SIGNATURE.search(text, start, end)
    if not m or text[start:end].upper() != text[start:end]:
        return
    last.segments = [*last.ranges()[:-1], (start, m.start())]
    _refresh(text, last)
    asm.paragraphs.append(Paragraph(asm.ordinal, "signature", K.SIGNATURE, m.start("name"), m.end("name"), m["name"]))
    asm.ordinal += 1


def _accepted_numbers(units: list[Unit]) -> set[int]:
    """Numbers that continue the sequence 1, 2, 3 … (one gap allowed for an OCR slip); others are text."""
    accepted: set[int] = set()
    last = 0
    for u in units:
        if u.kind != "numbered":
            continue
        n = int(u.label)  # type: ignore[arg-type]
        if (last == 0 and n <= 3) or last < n <= last + 2:
            accepted.add(id(u))
            last = n
    return accepted


_DESK_NOTE_RE = re.compile(r"NOTE BY [A-Z][A-Z/ .-]{0,20}:")  # NOTE BY OC/T: NOT PASSED TO ALL DIPLOMATIC POSTS.


def _signature_unit(units: list[Unit]) -> Unit | None:
    """The closing name of a cable ("KISSINGER", "ROGERS"): one short line after the last paragraph."""
    units = [u for u in units if u.kind != "pagebreak"]
    while units and _DESK_NOTE_RE.match(units[-1].first.strip()):  # a note the message centre added after it
        units = units[:-1]
    if len(units) < 2:
        return None
    last = units[-1]
    s = last.first.strip()
    if last.kind == "plain" and len(last.lines) == 1 and _NAME_RE.match(s) and s.upper() == s and len(s) <= 40:
        return last
    return None


def _is_heading(unit: Unit, following: Unit | None) -> bool:
    if unit.kind != "plain" or len(unit.lines) != 1 or following is None:
        return False
    s = unit.first.strip()
    if not _HEADING_RE.match(s) or len(s.split()) > 8:
        return False
    return following.after_blank and following.kind in ("numbered", "plain", "lettered", "bullet")


def _merge(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _refresh(text: str, para: Paragraph) -> None:
    para.segments = _merge(text, para.ranges())
    para.start, para.end = para.segments[0][0], para.segments[-1][1]
    para.text = "\n".join(text[s:e] for s, e in para.segments)
    if len(para.segments) == 1:
        para.segments = []
